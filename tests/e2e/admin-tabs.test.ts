// The admin page's tabs in the UI host backed by the REAL sandbox: an admin adds a connection with a
// secret (which never comes back, neither in the page nor in any resolver answer), tests it, saves a
// KPI target, a cost rate and the payment provider's secret; a manager is refused. Screenshots in
// light and dark, English and Ukrainian.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type FrameLocator, type Page } from 'playwright-core';
import type { Sandbox } from '../../sandbox/platform';
import { callAs } from '../../sandbox/scenarios/runner';
import { demoConnection, registerFakeAccount } from '../../sandbox/scenarios/connections';
import { sandboxUiDeps } from '../../sandbox/ui-deps';
import { startUiHost, type UiHost } from '../../sandbox/ui-host';
import type { AgencyMoneySettingsView } from '../../src/shared/api-money';
import type { KpiPlanView, KpiTargetsView } from '../../src/shared/api-kpi';
import type { ConnectionView } from '../../src/shared/api-metrics';
import { en } from '../../src/ui/i18n/messages-en';
import { monthIn } from '../../src/ui/surfaces/admin/kpi-draft';
import { uk } from '../../src/ui/i18n/messages-uk';
import { smallAgency, startAgency } from '../helpers/agency';
import { launchChromium, openAsPersona } from '../helpers/browser';

const SHOTS = join(process.cwd(), 'test-results/screenshots');
const ADMIN_PAGE = '/jira/settings/apps/retainer-admin-page';
const scenario = smallAgency({ services: 3 });
const direct = demoConnection('sv-t1', 'yandex-direct', 'UAH');
const SECRET = direct.credentials.accessToken as string;
const WEBHOOK_SECRET = 'whsec-admin-tabs-e2e-0123456789';
let sb: Sandbox;
let host: UiHost;
let browser: Browser;
/** Every resolver answer the UI host passed to a frame, as JSON text. */
const answers: string[] = [];

interface View {
  page: Page;
  frame: FrameLocator;
  problems: string[];
  close(): Promise<void>;
}

async function open(persona: string, opts: { locale?: 'en-US' | 'uk-UA'; theme?: 'light' | 'dark' } = {}): Promise<View> {
  const locale = opts.locale ?? 'en-US';
  const { page, problems, close } = await openAsPersona(browser, host.url, persona, { locale: locale, theme: opts.theme ?? 'light' });
  await page.goto(`${host.url}${ADMIN_PAGE}`);
  const frame = page.frameLocator('iframe[data-module-key="retainer-admin-page"]');
  // The machine may be busy: the first answer waits for warm runtime containers.
  await frame.getByTestId('admin-page').waitFor({ timeout: 90000 });
  return { page, frame, problems, close };
}

async function tab(v: View, name: string): Promise<void> {
  await v.frame.getByRole('tab', { name }).click({ timeout: 60000 });
}

/** Picks an option of an @atlaskit select by typing its text. */
async function choose(v: View, inputId: string, text: string): Promise<void> {
  const input = v.frame.locator(`#${inputId}`);
  await input.click();
  await input.fill(text);
  await v.frame.getByRole('option', { name: text }).first().click();
}

/** Page markup plus every field's current value (values are not in the markup). */
async function pageText(v: View): Promise<string> {
  return v.frame.locator('body').evaluate(() => {
    const values = Array.from(document.querySelectorAll('input, textarea')).map((e) => (e as HTMLInputElement).value);
    return `${document.documentElement.outerHTML}\n${values.join('\n')}`;
  });
}

async function waitFor(check: () => Promise<boolean>, ms = 30000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sb = await startAgency(scenario);
  registerFakeAccount(sb, direct);
  const personas = [...scenario.users.map((u) => ({ accountId: u.accountId as string | null, displayName: u.displayName, role: u.role }))];
  const deps = sandboxUiDeps(sb, personas);
  const invoke = deps.invoke;
  deps.invoke = async (req) => {
    const r = await invoke(req);
    answers.push(JSON.stringify(r.body ?? null));
    return r;
  };
  host = await startUiHost(deps);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await sb?.close();
});

describe('admin page tabs in the real app', () => {
  test('should add a connection whose secret never comes back, and test it', async () => {
    const v = await open('u-admin');
    try {
      await v.frame.getByText(en['admin.title']).first().waitFor({ timeout: 60000 });
      await tab(v, en['admin.tab.connections']);
      await v.frame.getByText(en['admin.conn.empty.title']).waitFor({ timeout: 60000 });
      await v.frame.getByRole('button', { name: en['admin.conn.create'] }).click();
      await choose(v, 'conn-service', 'Test Client 1 · Service 1');
      await choose(v, 'conn-source', 'Yandex Direct');
      await v.frame.locator('#conn-account').fill(direct.accountId);
      await v.frame.locator('#conn-currency').fill('UAH');
      await v.frame.locator('#conn-backfill').fill('2');
      await v.frame.locator('#conn-secret-accessToken').fill(SECRET);
      await v.page.screenshot({ path: join(SHOTS, 'admin-connection-form.png'), fullPage: true });
      await v.frame.getByRole('button', { name: en['common.save'] }).click();

      const row = v.frame.getByRole('row').filter({ hasText: 'Test Client 1' });
      await row.getByText('Yandex Direct').waitFor({ timeout: 60000 });
      await row.getByText(en['admin.conn.storedCount'].replace('{n}', '1')).waitFor();
      await row.getByRole('button', { name: `${en['admin.conn.test']}: Test Client 1 Yandex Direct` }).click();
      await v.frame.getByTestId('connection-test-result').getByText(en['admin.conn.testOk'].replace('{name}', 'Yandex Direct · Test Client 1')).waitFor({ timeout: 60000 });
      await row.getByRole('button', { name: `${en['admin.conn.syncNow']}: Test Client 1 Yandex Direct` }).click();
      await v.page.screenshot({ path: join(SHOTS, 'admin-connections-light.png'), fullPage: true });
      assert.ok(!(await pageText(v)).includes(SECRET), 'the secret is not in the list page');

      // Editing shows the stored field as "stored" with a replace action, never its value.
      await row.getByRole('button', { name: `${en['common.edit']}: Test Client 1 Yandex Direct` }).click();
      await v.frame.getByRole('button', { name: en['admin.conn.replaceField'].replace('{field}', en['admin.conn.cred.accessToken']) }).waitFor();
      assert.equal(await v.frame.locator('#conn-secret-accessToken').count(), 0);
      assert.ok(!(await pageText(v)).includes(SECRET), 'the secret is not in the edit form');
      await v.frame.getByRole('button', { name: en['common.cancel'] }).click();
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
    const listed = await callAs<ConnectionView[]>(sb, 'u-admin', 'connections/list', { serviceId: 'sv-t1' });
    assert.deepEqual(listed[0]?.credentialFields, ['accessToken']);
    assert.equal(listed[0]?.status, 'active');
    assert.ok(answers.some((a) => a.includes('"credentialFields":["accessToken"]')), 'the UI read the connection through the host');
    assert.ok(answers.some((a) => a.includes('"ok":true') && a.includes('"status":"active"') && a.includes('"account"')), 'the test answer passed through the host');
    assert.deepEqual(answers.filter((a) => a.includes(SECRET)), [], 'no resolver answer carries the secret');
  });

  test('should show a CSV file’s problems by line, then preview and store a valid one', async () => {
    const v = await open('u-admin');
    try {
      await tab(v, en['admin.tab.connections']);
      const csv = v.frame.getByTestId('csv-upload');
      await csv.locator('#csv-service').waitFor({ timeout: 60000 });
      await choose(v, 'csv-service', 'Test Client 2 · Service 2');
      await csv.getByTestId('csv-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('date,clicks\n2026-13-01,many\n2026-11-02,5\n') });
      await csv.getByTestId('csv-issues').waitFor({ timeout: 60000 });
      assert.match(await csv.getByTestId('csv-issues').innerText(), /Line 2/);
      assert.equal(await csv.getByTestId('csv-store').isDisabled(), true);
      await v.page.screenshot({ path: join(SHOTS, 'admin-csv-issues-light.png'), fullPage: true });

      const good = 'date,campaign,impressions,clicks,cost,currency\n2026-11-01,Brand,100,10,150.50,UAH\n2026-11-02,Brand,120,12,160,UAH\n';
      await csv.getByTestId('csv-file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
      await csv.getByTestId('csv-summary').waitFor({ timeout: 60000 });
      await csv.getByText('150.50 UAH').waitFor();
      await csv.getByTestId('csv-store').click();
      await csv.getByText(en['admin.csv.stored'].replace('{rows}', '2').replace('{from}', '2026-11-01').replace('{to}', '2026-11-02')).waitFor({ timeout: 60000 });
      await v.page.screenshot({ path: join(SHOTS, 'admin-csv-stored-light.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
    const history = await callAs<Array<{ fileName: string; rows: number }>>(sb, 'u-admin', 'metrics/csv/history', { serviceId: 'sv-t2' });
    assert.deepEqual(history.map((h) => [h.fileName, h.rows]), [['good.csv', 2]]);
  });

  test('should name the service expired access stops, save sync settings, and move between tabs by keyboard', async () => {
    sb.fakes.control.expireToken(SECRET);
    const v = await open('u-admin');
    try {
      await tab(v, en['admin.tab.connections']);
      const row = v.frame.getByRole('row').filter({ hasText: 'Test Client 1' });
      await row.getByRole('button', { name: `${en['admin.conn.test']}: Test Client 1 Yandex Direct` }).click({ timeout: 60000 });
      await v.frame.getByTestId('connection-test-result').getByText(en['admin.conn.testFailed'].replace('{name}', 'Yandex Direct · Test Client 1')).waitFor({ timeout: 60000 });
      const banner = v.frame.getByTestId('connections-broken');
      await banner.waitFor({ timeout: 60000 });
      assert.match(await banner.innerText(), /Access expired: no new data for Test Client 1 · Service 1/);
      await row.getByText(en['admin.conn.status.auth-expired']).first().waitFor();
      await v.page.screenshot({ path: join(SHOTS, 'admin-connection-expired-light.png'), fullPage: true });

      await v.frame.locator('#metrics-months').fill('6');
      await v.frame.getByTestId('metrics-settings-save').click();
      await v.page.getByText(en['admin.saved']).first().waitFor({ timeout: 60000 });

      // Tabs follow the arrow keys, as in the product.
      await v.frame.getByRole('tab', { name: en['admin.tab.connections'] }).focus();
      await v.page.keyboard.press('ArrowRight');
      await v.frame.getByRole('tab', { name: en['admin.tab.kpis'], selected: true }).waitFor({ timeout: 10000 });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
    const settings = await callAs<{ backfillMonths: number; spendRefreshHours: number }>(sb, 'u-admin', 'metrics/settings/get', {});
    assert.equal(settings.backfillMonths, 6);
  });

  test('should save a KPI target and a cost rate, and show plans as heads-only to an admin', async () => {
    const v = await open('u-admin');
    try {
      await tab(v, en['admin.tab.kpis']);
      await v.frame.getByRole('row').filter({ hasText: 'client-rating' }).first().waitFor({ timeout: 60000 });
      const target = v.frame.locator('#target-client-rating');
      await target.waitFor({ timeout: 60000 });
      await target.fill('4.5');
      await v.frame.getByTestId('targets-save').click();
      await v.frame.getByTestId('targets-origin').getByText(en['admin.kpi.origin.set']).waitFor({ timeout: 60000 });
      await v.page.screenshot({ path: join(SHOTS, 'admin-kpis-light.png'), fullPage: true });

      await tab(v, en['admin.tab.rates']);
      await v.frame.locator('#rate-role-copywriter').fill('350');
      await v.frame.getByTestId('rates-save').click();
      await v.frame.locator('#rate-default').waitFor();
      await v.page.screenshot({ path: join(SHOTS, 'admin-rates-light.png'), fullPage: true });

      await tab(v, en['admin.tab.plans']);
      await v.frame.getByText(en['admin.headOnly']).waitFor({ timeout: 60000 });
      await v.frame.getByTestId('bonus-formula').waitFor();

      await tab(v, en['admin.tab.money']);
      await v.frame.getByRole('button', { name: en['admin.money.setSecret'] }).click();
      await v.frame.locator('#webhook-secret').fill(WEBHOOK_SECRET);
      await v.frame.getByTestId('webhook-settings').getByRole('button', { name: en['common.save'] }).click();
      await v.frame.getByTestId('webhook-settings').getByText(en['admin.conn.stored']).waitFor({ timeout: 60000 });
      assert.ok(!(await pageText(v)).includes(WEBHOOK_SECRET));
      await v.frame.locator('#svc-monthlyAdBudget').fill('50000');
      await v.frame.getByTestId('service-thresholds-save').click();
      await waitFor(async () => (await callAs<{ monthlyAdBudget?: string }>(sb, 'u-admin', 'money/service-settings/get', { serviceId: 'sv-t0' })).monthlyAdBudget === '50000');
      await v.page.screenshot({ path: join(SHOTS, 'admin-money-light.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
    // The rate is stored, the other money settings are untouched, the target applies to the month.
    await new Promise((r) => setTimeout(r, 500));
    const money = await callAs<{ settings: AgencyMoneySettingsView; webhook: { configured: boolean } }>(sb, 'u-admin', 'money/settings/get', {});
    assert.equal(money.settings.costRates.byRole.copywriter, '350');
    assert.equal(money.settings.invoicePrefix, 'INV');
    assert.equal(money.webhook.configured, true);
    // The tab shows the first listed service in the agency's current month.
    const [first] = await callAs<Array<{ id: string }>>(sb, 'u-admin', 'services/list', {});
    assert.ok(first);
    const targets = await callAs<KpiTargetsView>(sb, 'u-admin', 'kpi/targets/get', { serviceId: first.id, month: monthIn('Europe/Kyiv') });
    assert.equal(targets.targets.origin, 'set');
    assert.equal(targets.targets.values['client-rating'], 4.5);
    assert.deepEqual(answers.filter((a) => a.includes(WEBHOOK_SECRET)), []);
  });

  test('should let an admin made a head (on the agency tab) save a plan and bonus formula', async () => {
    const v = await open('u-admin');
    try {
      await v.frame.locator('#agency-heads').waitFor({ timeout: 60000 });
      await choose(v, 'agency-heads', 'Admin');
      await v.frame.getByRole('button', { name: en['common.save'] }).click();
      await v.page.getByText(en['admin.saved']).first().waitFor({ timeout: 60000 });
      // The viewer is read once per page: reload to act as a head.
      await v.page.reload();
      await tab(v, en['admin.tab.plans']);
      await v.frame.getByTestId('bonus-formula').waitFor({ timeout: 60000 });
      assert.equal(await v.frame.getByText(en['admin.headOnly']).count(), 0);
      await choose(v, 'plan-add', 'Manager A');
      await v.frame.getByTestId('plan-0-seo').fill('150000');
      await choose(v, 'formula-kind', en['admin.plan.kind.share-above-threshold']);
      await v.frame.locator('#formula-sharePercent').fill('7,5');
      await v.frame.getByTestId('plan-save').click();
      await v.page.getByText(en['admin.saved']).first().waitFor({ timeout: 60000 });
      await v.page.screenshot({ path: join(SHOTS, 'admin-plans-light.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
    const plan = await callAs<KpiPlanView>(sb, 'u-admin', 'kpi/plan/get', { month: monthIn('Europe/Kyiv') });
    assert.equal(plan.own, true);
    assert.deepEqual(plan.plans, [{ managerAccountId: 'u-man-a', targets: { seo: '150000' } }]);
    assert.deepEqual(plan.formula, { kind: 'share-above-threshold', thresholdPercent: '80', sharePercent: '7.5' });
  });

  test('should switch a money alert off and escalate only ratings of 1 in the notification rules, and edit document templates', async () => {
    const v = await open('u-admin');
    try {
      await tab(v, en['admin.tab.notifications']);
      await v.frame.getByTestId('notifications-tab').waitFor({ timeout: 60000 });
      await v.frame.getByText(en['dashboard.alert.underspend']).click();
      await v.frame.locator('#notify-escalation').fill('1');
      await v.frame.getByTestId('notify-save').click();
      await v.page.getByText(en['admin.saved']).first().waitFor({ timeout: 60000 });
      await v.page.screenshot({ path: join(SHOTS, 'admin-notifications-light.png'), fullPage: true });
      await tab(v, en['admin.tab.documents']);
      await v.frame.getByText(en['sales.settings.templates']).first().waitFor({ timeout: 60000 });
      await v.page.screenshot({ path: join(SHOTS, 'admin-documents-light.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
    const rules = await callAs<{ moneyAlerts: Record<string, boolean>; escalationAtOrBelow: number }>(sb, 'u-admin', 'notifications/get', {});
    assert.equal(rules.moneyAlerts['underspend'], false);
    assert.equal(rules.moneyAlerts['overspend'], true);
    assert.equal(rules.escalationAtOrBelow, 1);
  });

  test('should refuse the admin page and its writes to a manager', async () => {
    const res = await fetch(`${host.url}${ADMIN_PAGE}`, { headers: { cookie: 'uihost_persona=u-man-a' } });
    assert.equal(res.status, 403);
    for (const [key, payload] of [
      ['connections/save', { serviceId: 'sv-t0', source: 'meta', account: { accountId: 'act_1' }, credentials: { accessToken: 'EAAB-sneaky' } }],
      ['money/settings/get', {}],
      ['kpi/plan/get', { month: '2026-11' }],
      ['kpi/definitions/save', { definition: { id: 'sneaky' } }],
    ] as const) {
      const r = await sb.invokeResolver('retainer-admin-page', key, payload, { accountId: 'u-man-a' });
      assert.equal((r.value as { ok: boolean; error?: { code: string } }).error?.code, 'FORBIDDEN', key);
    }
  });

  test('should read well in dark and in Ukrainian', async () => {
    const v = await open('u-admin', { locale: 'uk-UA', theme: 'dark' });
    try {
      await v.frame.getByText(uk['admin.title']).first().waitFor({ timeout: 60000 });
      for (const [name, shot, marker] of [
        [uk['admin.tab.connections'], 'admin-connections-dark-uk.png', 'Yandex Direct'],
        [uk['admin.tab.kpis'], 'admin-kpis-dark-uk.png', uk['admin.kpi.builtIn']],
        [uk['admin.tab.plans'], 'admin-plans-dark-uk.png', uk['admin.plan.formula']],
        [uk['admin.tab.rates'], 'admin-rates-dark-uk.png', uk['admin.rates.costTitle']],
        [uk['admin.tab.money'], 'admin-money-dark-uk.png', uk['admin.money.webhook']],
      ] as const) {
        await tab(v, name);
        await v.frame.getByText(marker).first().waitFor({ timeout: 60000 });
        await v.page.waitForTimeout(300);
        await v.page.screenshot({ path: join(SHOTS, shot), fullPage: true });
      }
      assert.ok(!(await pageText(v)).includes(SECRET));
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });
});
