// The project page's tabs in the UI host backed by the REAL sandbox: a small agency with a Google Ads
// connection and a few simulated days, so there are metrics, KPIs, invoices and ledger entries. The
// manager issues an invoice, registers a payment and creates a report through the UI; the specialist
// gets no money tab (and the backend refuses); the head may edit KPI targets. Screenshots light/dark, en/uk.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type FrameLocator, type Page } from 'playwright-core';
import type { Sandbox } from '../../sandbox/platform';
import { demoConnection, registerFakeAccount, saveDemoConnection } from '../../sandbox/scenarios/connections';
import { callAs } from '../../sandbox/scenarios/runner';
import { sandboxUiDeps } from '../../sandbox/ui-deps';
import { startUiHost, type UiHost } from '../../sandbox/ui-host';
import { en } from '../../src/ui/i18n/messages-en';
import { uk } from '../../src/ui/i18n/messages-uk';
import { smallAgency, startAgency } from '../helpers/agency';
import { launchChromium, openAsPersona } from '../helpers/browser';

const SHOTS = join(process.cwd(), 'test-results/screenshots');
const SERVICE = 'sv-t2'; // google-ads, managed by u-man-a, prepaid ad budget
const scenario = smallAgency({ services: 3, start: '2026-10-28T00:00:00Z' });
let sb: Sandbox;
let host: UiHost;
let browser: Browser;
let projectKey = '';

interface View {
  page: Page;
  frame: FrameLocator;
  problems: string[];
  close(): Promise<void>;
}

async function open(persona: string, opts: { locale?: 'en-US' | 'uk-UA'; theme?: 'light' | 'dark' } = {}): Promise<View> {
  const locale = opts.locale ?? 'en-US';
  const { page, problems, close } = await openAsPersona(browser, host.url, persona, { locale: locale, theme: opts.theme ?? 'light' });
  await page.goto(`${host.url}/jira/projects/${projectKey}/apps/retainer-project-page`);
  const frame = page.frameLocator('iframe[data-module-key="retainer-project-page"]');
  await frame.getByTestId('project-page').waitFor({ timeout: 90000 });
  return { page, frame, problems, close };
}

async function tab(v: View, id: string): Promise<void> {
  await v.frame.getByTestId(`project-tab-${id}`).click();
}

async function shot(v: View, name: string): Promise<void> {
  await v.page.waitForTimeout(300);
  await v.page.screenshot({ path: join(SHOTS, `project-tabs-${name}.png`), fullPage: true });
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sb = await startAgency(scenario);
  const spec = demoConnection(SERVICE, 'google-ads', 'UAH');
  registerFakeAccount(sb, spec);
  await saveDemoConnection(sb, 'u-admin', spec, 1);
  await sb.runUntil(new Date('2026-11-09T12:00:00Z'));
  const personas = [...scenario.users.map((u) => ({ accountId: u.accountId as string | null, displayName: u.displayName, role: u.role })), { accountId: null, displayName: 'Anonymous', role: 'anonymous' }];
  host = await startUiHost(sandboxUiDeps(sb, personas));
  const s = await callAs<{ service: { jiraProjectKey: string } }>(sb, 'u-admin', 'services/get', { serviceId: SERVICE });
  projectKey = s.service.jiraProjectKey;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await sb?.close();
});

describe('project page tabs against the real sandbox', () => {
  test('should show the manager every tab and let them issue an invoice, register a payment and create a report', async () => {
    const v = await open('u-man-a');
    try {
      await v.frame.getByTestId('task-progress').waitFor({ timeout: 30000 });
      await shot(v, 'tasks-manager');

      await tab(v, 'results');
      await v.frame.getByTestId('kpi-section').waitFor({ timeout: 30000 });
      await v.frame.locator('[data-testid="metrics-chart"] canvas').waitFor({ timeout: 30000 });
      await v.frame.getByTestId('grain-week').click();
      await v.frame.locator('[data-testid="metrics-chart"] canvas').waitFor({ timeout: 30000 });
      const weekCells = await v.frame.locator('[data-testid="metrics-chart"] caption').textContent();
      assert.match(weekCells ?? '', new RegExp(en['project.metrics.grain.week']));
      await v.frame.getByTestId('metrics-chart').screenshot({ path: join(SHOTS, 'project-tabs-chart-week-light.png') });
      await v.frame.getByTestId('grain-day').click();
      await v.frame.locator('[data-testid="metrics-chart"] canvas').waitFor({ timeout: 30000 });
      await shot(v, 'results-manager');

      await tab(v, 'money');
      await v.frame.getByTestId('money-facts').waitFor({ timeout: 30000 });
      const invoiceRows = v.frame.locator('[data-testid="invoices-section"] tbody tr');
      await v.frame.getByTestId('invoices-section').waitFor();
      const before = await invoiceRows.count();
      await v.frame.getByTestId('issue-invoice').click();
      const modal = v.frame.getByTestId('issue-invoice-modal');
      await modal.waitFor();
      await modal.locator('#line-0-desc').fill('Landing page for the winter campaign');
      await modal.locator('#line-0-price').fill('2500');
      await shot(v, 'money-issue-modal');
      await v.frame.getByTestId('issue-invoice-submit').click();
      await modal.waitFor({ state: 'detached', timeout: 30000 });
      await assertEventually(async () => (await invoiceRows.count()) > before || before >= 10, 'a new invoice row');
      const issued = await callAs<Array<{ gross: string; status: string; id: string }>>(sb, 'u-man-a', 'money/invoices/list', { serviceId: SERVICE }, 'retainer-project-page');
      const mine = issued.find((i) => i.gross === '3000.00');
      assert.ok(mine, 'an invoice of 2500 + 20 % VAT was issued');

      const paymentsBefore = (await callAs<unknown[]>(sb, 'u-man-a', 'money/payments/list', { serviceId: SERVICE }, 'retainer-project-page')).length;
      await v.frame.getByTestId('register-payment').click();
      const pay = v.frame.getByTestId('register-payment-modal');
      await pay.waitFor();
      await pay.locator('#pay-amount').fill('3000.00');
      await v.frame.getByTestId('register-payment-submit').click();
      await pay.waitFor({ state: 'detached', timeout: 30000 });
      await v.frame.locator('[data-testid^="payment-table"]').first().waitFor({ timeout: 30000 });
      const payments = await callAs<Array<{ amount: string }>>(sb, 'u-man-a', 'money/payments/list', { serviceId: SERVICE }, 'retainer-project-page');
      assert.equal(payments.length, paymentsBefore + 1);
      assert.ok(payments.some((p) => p.amount === '3000.00'));
      // A refund larger than what the account holds: the backend's reason shows in the dialog, nothing is booked.
      await v.frame.getByTestId('refund-open').click();
      const refund = v.frame.getByTestId('refund-modal');
      await refund.waitFor();
      await refund.locator('#refund-amount').fill('999999.00');
      await v.frame.getByTestId('refund-submit').click();
      await refund.getByText(/at most|nothing to refund/).first().waitFor({ timeout: 30000 });
      await shot(v, 'money-refund-refused');
      await refund.getByRole('button', { name: 'Cancel' }).click();
      await refund.waitFor({ state: 'detached', timeout: 30000 });
      const ledger = await callAs<{ entries: Array<{ kind: string }> }>(sb, 'u-man-a', 'money/ledger', { serviceId: SERVICE, period: '2026-11' }, 'retainer-project-page');
      assert.equal(ledger.entries.filter((e) => e.kind === 'refund').length, 0, 'a refused refund books nothing');
      await v.frame.locator('[data-testid^="ledger-table"]').first().waitFor({ timeout: 30000 });
      await shot(v, 'money-manager');

      await tab(v, 'reports');
      await v.frame.getByTestId('create-report').waitFor({ timeout: 30000 });
      const reportsBefore = (await callAs<unknown[]>(sb, 'u-man-a', 'reports/list', { serviceId: SERVICE }, 'retainer-project-page')).length;
      // A custom period (the month so far): the monthly reports are the scheduler's.
      await v.frame.getByTestId('report-month-to-date').click();
      await v.frame.getByTestId('create-report-submit').click();
      await v.frame.locator('[data-testid^="reports-table"]').first().waitFor({ timeout: 30000 });
      await v.frame.getByText(en['project.reports.kind.custom']).first().waitFor({ timeout: 30000 });
      // The draft is written by a queued job: let the platform's clock move so the queue delivers it.
      await sb.runUntil(new Date('2026-11-09T14:00:00Z'));
      await assertEventually(async () => (await callAs<Array<{ kind: string; from: string; to: string }>>(sb, 'u-man-a', 'reports/list', { serviceId: SERVICE }, 'retainer-project-page')).some((r) => r.kind === 'custom' && r.from.endsWith('-01')), 'the report was requested');
      assert.ok((await callAs<unknown[]>(sb, 'u-man-a', 'reports/list', { serviceId: SERVICE }, 'retainer-project-page')).length > reportsBefore);
      await shot(v, 'reports-manager');

      await tab(v, 'connections');
      await v.frame.locator('[data-testid^="sync-table"]').first().waitFor({ timeout: 30000 });
      await v.frame.getByText(en['project.source.google-ads']).first().waitFor();
      await shot(v, 'connections-manager');
      assert.deepEqual(v.problems, []);
    } catch (e) {
      await shot(v, 'failure-manager');
      throw e;
    } finally {
      await v.close();
    }
  });

  test('should read well in Ukrainian and in the dark theme', async () => {
    const v = await open('u-man-a', { locale: 'uk-UA', theme: 'dark' });
    try {
      await v.frame.getByText(uk['project.tab.results']).first().waitFor({ timeout: 30000 });
      await tab(v, 'results');
      await v.frame.locator('[data-testid="metrics-chart"] canvas').waitFor({ timeout: 30000 });
      await shot(v, 'results-uk-dark');
      await v.frame.getByTestId('metrics-chart').screenshot({ path: join(SHOTS, 'project-tabs-chart-day-uk-dark.png') });
      await tab(v, 'money');
      await v.frame.getByTestId('money-facts').waitFor({ timeout: 30000 });
      await v.frame.getByText(uk['project.invoice.title']).first().waitFor();
      await shot(v, 'money-uk-dark');
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });

  test('should give the specialist no money tab and the backend should refuse money to them', async () => {
    const v = await open('u-ppc');
    try {
      await v.frame.getByTestId('project-tab-results').waitFor({ timeout: 30000 });
      assert.equal(await v.frame.getByTestId('project-tab-money').count(), 0);
      await tab(v, 'results');
      await v.frame.getByTestId('kpi-section').waitFor({ timeout: 30000 });
      await tab(v, 'reports');
      await v.frame.getByTestId('reports-tab').waitFor({ timeout: 30000 });
      assert.equal(await v.frame.getByTestId('create-report').count(), 0, 'specialists do not create reports');
      await shot(v, 'reports-specialist');
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
    const r = await sb.invokeResolver('retainer-project-page', 'money/panel', { serviceId: SERVICE }, { accountId: 'u-ppc' });
    assert.equal((r.value as { ok: boolean; error?: { code: string } }).error?.code, 'FORBIDDEN');
  });

  test('should let the head edit KPI targets and see money', async () => {
    const v = await open('u-head', { theme: 'dark' });
    try {
      await tab(v, 'results');
      await v.frame.getByTestId('kpi-targets-edit').waitFor({ timeout: 30000 });
      await v.frame.getByTestId('kpi-targets-edit').click();
      await v.frame.getByTestId('kpi-targets-form').waitFor();
      await shot(v, 'results-head-targets-dark');
      await tab(v, 'money');
      await v.frame.getByTestId('money-facts').waitFor({ timeout: 30000 });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });
});

async function assertEventually(check: () => Promise<boolean>, what: string, ms = 20000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  assert.fail(`timed out waiting for ${what}`);
}
