// The global page in Chromium against the real sandbox, per persona: the manager's clients with
// money, the head's department view with the turnover chart, the specialist without money, the
// admin's finance desk; screenshots in light and dark, English and Ukrainian.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { en } from '../../src/ui/i18n/messages-en';
import { uk } from '../../src/ui/i18n/messages-uk';
import { callAs } from '../../sandbox/scenarios/runner';
import { invokeMacro } from '../integration/reports-helpers';
import { SHOTS, openAs, startWorld, type World } from './dashboards-helpers';

const PATH = '/jira/apps/retainer-global-page';
let w: World;

const frameOf = (page: import('playwright-core').Page): FrameLocator => page.frameLocator('iframe[data-module-key="retainer-global-page"]');

before(async () => {
  w = await startWorld();
  // A plan for both managers and a low client rating, so the head's view has turnover and an escalation.
  await callAs(w.sb, 'u-head', 'kpi/plan/set', { month: '2026-11', currency: 'UAH', plans: [{ managerAccountId: 'u-man-a', targets: { seo: '20000.00', 'google-ads': '15000.00' } }, { managerAccountId: 'u-man-b', targets: { 'yandex-direct': '12000.00', smm: '9000.00' } }] }, 'retainer-global-page');
  const fb = await invokeMacro(w.sb, 'feedback', 'report/feedback/submit', { reportId: w.report.reportId, rating: 2, comment: 'Too few leads' }, 'g-client0', w.report.pageId);
  assert.equal(fb.ok, true, JSON.stringify(fb.error));
  await w.sb.drain();
});

after(async () => {
  await w?.close();
});

describe('global page in the browser', () => {
  test('should show a manager their clients with payment, balance and reports, in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const v = await openAs(w, 'u-man-a', PATH, { theme });
      try {
        const f = frameOf(v.page);
        const table = f.getByTestId('clients-table--table');
        await table.getByText('Test Client 0').first().waitFor({ timeout: 30000 });
        await table.getByText('Test Client 2').first().waitFor({ timeout: 30000 });
        assert.equal(await table.getByText('Test Client 1').count(), 0, "another manager's client is not listed");
        await f.getByText(en['dashboard.col.payment']).first().waitFor();
        await f.getByText(en['dashboard.col.balance']).first().waitFor();
        await f.getByTestId('plan-card').getByText(en['dashboard.plan.percent']).waitFor();
        await table.getByText(en['dashboard.rating'].replace('{avg}', '2').replace('{n}', '1')).waitFor();
        assert.equal(await f.getByTestId('tab-department').count(), 0, 'no department tab for a manager');
        await v.page.screenshot({ path: join(SHOTS, `dashboard-manager-${theme}.png`), fullPage: true });
        assert.deepEqual(v.problems, []);
      } finally {
        await v.close();
      }
    }
  });

  test('should give a specialist the clients without money columns', async () => {
    const v = await openAs(w, 'u-seo', PATH);
    try {
      const f = frameOf(v.page);
      await f.getByTestId('clients-table--table').waitFor({ timeout: 30000 });
      await f.getByText(en['dashboard.col.kpi']).first().waitFor();
      assert.equal(await f.getByText(en['dashboard.col.payment']).count(), 0);
      assert.equal(await f.getByText(en['dashboard.col.balance']).count(), 0);
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });

  test('should show the head the department view with turnover, KPIs, capacity and escalations, in Ukrainian', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const v = await openAs(w, 'u-head', PATH, { locale: 'uk-UA', theme, height: 1400 });
      try {
        const f = frameOf(v.page);
        await f.getByTestId('tab-department').click({ timeout: 60000 });
        await f.getByText(uk['dashboard.turnover.title']).waitFor({ timeout: 60000 });
        await f.getByText(uk['dashboard.kpiSummary.title']).waitFor();
        await f.getByTestId('capacity').waitFor();
        await f.getByTestId('escalations').getByText('Too few leads').waitFor();
        const chart = f.getByTestId('turnover-chart');
        if ((await f.getByTestId('turnover-table--table').locator('tbody tr').count()) > 0) await chart.locator('canvas').waitFor();
        await v.page.screenshot({ path: join(SHOTS, `dashboard-head-uk-${theme}.png`), fullPage: true });
        assert.deepEqual(v.problems, []);
      } finally {
        await v.close();
      }
    }
  });

  test('should let the head switch My clients to all services and reach the old services list', async () => {
    const v = await openAs(w, 'u-head', PATH);
    try {
      const f = frameOf(v.page);
      await f.getByTestId('my-clients').waitFor({ timeout: 30000 });
      await f.getByLabel(en['dashboard.showAll']).first().check({ force: true });
      const table = f.getByTestId('clients-table--table');
      await table.getByText('Test Client 3').first().waitFor({ timeout: 30000 });
      await f.getByTestId('tab-services').click();
      await f.getByTestId('services-table--table').waitFor({ timeout: 30000 });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });

  test('should give the admin the finance desk: bank import with counts, review queue and export', async () => {
    const v = await openAs(w, 'u-admin', PATH, { height: 1200 });
    try {
      const f = frameOf(v.page);
      await f.getByTestId('tab-finance').click({ timeout: 30000 });
      await f.getByTestId('review-queue').waitFor({ timeout: 30000 });
      const csv = 'date;amount;currency;payer;purpose\n02.11.2026;1234,56;UAH;Unknown payer LLC;Payment without invoice number\n';
      await f.getByTestId('bank-file').setInputFiles({ name: 'statement.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await f.getByTestId('bank-upload').click();
      const result = f.getByTestId('bank-result');
      await result.waitFor({ timeout: 30000 });
      const text = await result.innerText();
      assert.match(text, /1/);
      await f.getByTestId('export-csv').click();
      await f.getByTestId('export-done').waitFor({ timeout: 30000 });
      await v.page.screenshot({ path: join(SHOTS, 'dashboard-finance-admin.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });
});
