// The issue context and issue panel of the built app in the UI host, backed by the REAL sandbox: each
// persona sees what it may (money only for the manager, heads and admins), the first load of a service
// without a snapshot shows "preparing" and fills in by itself, and the dashboard link works from the
// keyboard. Screenshots in light and dark, English and Ukrainian, go to test-results/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type FrameLocator, type Page } from 'playwright-core';
import { PRINCIPAL_HEADER } from '../../sandbox/core/types';
import type { Sandbox } from '../../sandbox/platform';
import { callAs } from '../../sandbox/scenarios/runner';
import { sandboxUiDeps } from '../../sandbox/ui-deps';
import { startUiHost, type UiHost } from '../../sandbox/ui-host';
import { en } from '../../src/ui/i18n/messages-en';
import { uk } from '../../src/ui/i18n/messages-uk';
import { smallAgency, startAgency } from '../helpers/agency';
import { requestId } from '../integration/money-kit';
import { invokeMacro, reportsOf } from '../integration/reports-helpers';
import { launchChromium, openAsPersona } from '../helpers/browser';

const SHOTS = join(process.cwd(), 'test-results/screenshots');
const scenario = smallAgency({ services: 3 });
let sb: Sandbox;
let host: UiHost;
let browser: Browser;
let projectKey = '';
let taskKey = '';

type Locale = 'en-US' | 'uk-UA';
type Theme = 'light' | 'dark';

async function open(persona: string, opts: { locale?: Locale; theme?: Theme } = {}): Promise<{ page: Page; ctx: FrameLocator; panel: FrameLocator; problems: string[]; close(): Promise<void> }> {
  const { page, problems, close } = await openAsPersona(browser, host.url, persona, { locale: opts.locale ?? 'en-US', theme: opts.theme ?? 'light', height: 1000 });
  await page.goto(`${host.url}/jira/browse/${taskKey}`);
  return {
    page,
    ctx: page.frameLocator('iframe[data-module-key="retainer-issue-context"]'),
    panel: page.frameLocator('iframe[data-module-key="retainer-issue-panel"]'),
    problems,
    close,
  };
}

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: join(SHOTS, `panels-${name}.png`), fullPage: true });

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sb = await startAgency(scenario);
  await sb.runUntil(new Date('2026-11-02T12:00:00Z'));
  const personas = [...scenario.users.map((u) => ({ accountId: u.accountId as string | null, displayName: u.displayName, role: u.role })), { accountId: null, displayName: 'Anonymous', role: 'anonymous' }];
  host = await startUiHost(sandboxUiDeps(sb, personas));
  const s = await callAs<{ service: { jiraProjectKey: string } }>(sb, 'u-admin', 'services/get', { serviceId: 'sv-t0' });
  projectKey = s.service.jiraProjectKey;
  const res = await fetch(`${sb.site.baseUrl}/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { [PRINCIPAL_HEADER]: 'app', 'content-type': 'application/json' },
    body: JSON.stringify({ jql: `project = ${projectKey} AND issuetype = Task ORDER BY key ASC`, fields: ['summary'], maxResults: 1 }),
  });
  taskKey = ((await res.json()) as { issues: Array<{ key: string }> }).issues[0]?.key ?? '';
  // Something to show: a wallet payment and spend (balance and runway), then the refreshed snapshot.
  await callAs(sb, 'u-man-a', 'money/payments/register', { serviceId: 'sv-t0', requestId: requestId('e2e'), amount: '12000.00', date: '2026-11-01', account: 'wallet' }, 'retainer-project-page');
  for (const day of ['2026-10-30', '2026-10-31', '2026-11-01']) await callAs(sb, 'u-man-a', 'money/spend/record', { serviceId: 'sv-t0', day, amount: '1500.00' }, 'retainer-project-page');
  await sb.drain();
  // A KPI target for the month and a published report the client rated.
  await callAs(sb, 'u-head', 'kpi/targets/set', { serviceId: 'sv-t0', month: '2026-11', values: { 'target-actions-site': 300 } });
  const latest = (await reportsOf(sb, 'sv-t0', 'u-man-a'))[0];
  assert.ok(latest?.pageId, 'sv-t0 has a drafted report with a page');
  await callAs(sb, 'u-man-a', 'reports/publish', { reportId: latest.reportId }, 'retainer-project-page');
  await sb.drain();
  const rated = await invokeMacro(sb, 'feedback', 'report/feedback/submit', { reportId: latest.reportId, rating: 4, comment: 'Clear report' }, 'g-client0', latest.pageId);
  assert.ok(rated.ok, JSON.stringify(rated.error));
  await sb.drain();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await sb?.close();
});

describe('issue context and issue panel in the real app', () => {
  test('should show the manager the client, status badge, money, runway, KPIs, report and alerts (light, English)', async () => {
    assert.ok(taskKey, 'the app created tasks');
    const v = await open('u-man-a');
    try {
      await v.ctx.getByText('Test Client 0').first().waitFor({ timeout: 30000 });
      await v.ctx.getByTestId('panel-badge').waitFor();
      await v.ctx.getByText(en['issue.monthlyFee']).first().waitFor();
      await v.ctx.getByText(en['panels.money.wallet']).first().waitFor();
      await v.panel.getByText(en['panels.kpis.title']).first().waitFor({ timeout: 30000 });
      await v.panel.getByText(en['panels.report.title']).first().waitFor();
      await v.panel.getByText(en['panels.alerts.title']).first().waitFor();
      await v.panel.getByText(en['panels.money.paidUntil']).first().waitFor();
      assert.match((await v.panel.getByTestId('panel-runway').innerText()).trim(), /Ads stop in \d+ days|No recent ad spend/);
      await v.panel.getByText(en['panels.report.rating'].replace('{rating}', '4')).first().waitFor();
      assert.match(await v.panel.getByTestId('panel-kpi-target-actions-site').innerText(), /300/);
      await shot(v.page, 'manager-light-en');
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });

  test('should show the same in Ukrainian on the dark theme', async () => {
    const v = await open('u-man-a', { locale: 'uk-UA', theme: 'dark' });
    try {
      await v.ctx.getByText(uk['issue.monthlyFee']).first().waitFor({ timeout: 30000 });
      await v.panel.getByText(uk['panels.kpis.title']).first().waitFor({ timeout: 30000 });
      await v.panel.getByText(uk['panels.money.title']).first().waitFor();
      assert.equal(await v.panel.getByText(en['panels.kpis.title']).count(), 0);
      await shot(v.page, 'manager-dark-uk');
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });

  test('should hide every money figure from a specialist on the service but keep hours, KPIs and report', async () => {
    const v = await open('u-seo', { theme: 'dark' });
    try {
      await v.ctx.getByText('Test Client 0').first().waitFor({ timeout: 30000 });
      await v.panel.getByText(en['panels.kpis.title']).first().waitFor({ timeout: 30000 });
      await v.panel.getByText(en['issue.planned']).first().waitFor();
      for (const f of [v.ctx, v.panel]) {
        assert.equal(await f.getByText(en['issue.monthlyFee']).count(), 0);
        assert.equal(await f.getByText(en['panels.money.title']).count(), 0);
        assert.equal(await f.getByTestId('panel-profit').count(), 0);
        assert.equal(await f.getByText(/12[\s,.]?000|10[\s,.]?000/).count(), 0);
      }
      await shot(v.page, 'specialist-dark-en');
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });

  test('should show money to the head and the admin', async () => {
    for (const who of ['u-head', 'u-admin']) {
      const v = await open(who);
      try {
        await v.panel.getByText(en['panels.money.title']).first().waitFor({ timeout: 30000 });
        await v.ctx.getByText(en['issue.monthlyFee']).first().waitFor();
        if (who === 'u-head') await shot(v.page, 'head-light-en');
      } finally {
        await v.close();
      }
    }
  });

  test('should show nothing of the service to a manager of other services', async () => {
    const v = await open('u-man-b', { locale: 'uk-UA' });
    try {
      await v.ctx.getByText(uk['issue.notService.title']).first().waitFor({ timeout: 30000 });
      await v.panel.getByText(uk['issue.notService.title']).first().waitFor({ timeout: 30000 });
      assert.equal(await v.ctx.getByText('Test Client 0').count(), 0);
      await shot(v.page, 'outsider-light-uk');
    } finally {
      await v.close();
    }
  });

  test('should show "preparing" for a service without a snapshot and fill in by itself', async () => {
    await sb.kvs.handle('/api/v1/delete', { key: `panel:snapshot:${projectKey}` });
    const v = await open('u-man-a');
    try {
      await v.ctx.getByText(en['panels.preparing.title']).first().waitFor({ timeout: 30000 });
      await shot(v.page, 'preparing-light-en');
      // The first-load job was queued without delay (the sandbox's queue delivers when drained); the
      // panel asks again every few seconds and fills in without a reload.
      await sb.drain();
      await v.ctx.getByText('Test Client 0').first().waitFor({ timeout: 30000 });
      await v.panel.getByText(en['panels.kpis.title']).first().waitFor({ timeout: 30000 });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });

  test('should open the client dashboard from the keyboard', async () => {
    const v = await open('u-man-a');
    try {
      const button = v.ctx.getByRole('button', { name: en['issue.openDashboard'] });
      await button.waitFor({ timeout: 30000 });
      await button.focus();
      await v.page.keyboard.press('Enter');
      await v.page.waitForURL(/\/apps\/retainer-project-page/, { timeout: 30000 });
    } finally {
      await v.close();
    }
  });
});
