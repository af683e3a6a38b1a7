// Issue 9 in a real browser against the real sandbox: the prospect (a guest of the Sales space) fills
// in the brief on its shared page, the head builds the estimate and sends the documents on the Sales project's page, the
// prospect accepts the proposal on its page; the funnel. Screenshots in light and dark.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import type { Sandbox } from '../../sandbox/platform';
import { sandboxUiDeps } from '../../sandbox/ui-deps';
import { startUiHost, type UiHost } from '../../sandbox/ui-host';
import { en } from '../../src/ui/i18n/messages-en';
import { uk } from '../../src/ui/i18n/messages-uk';
import { smallAgency, startAgency } from '../helpers/agency';
import { ok } from '../integration/money-kit';
import { FORM_SECRET, postForm } from '../integration/sales-kit';
import { launchChromium, openAsPersona } from '../helpers/browser';

const SHOTS = join(process.cwd(), 'test-results/screenshots');
const scenario = smallAgency({ services: 1 });
let sb: Sandbox;
let host: UiHost;
let browser: Browser;
let leadId = '';
let leadNumber = '';
let briefPageId = '';

interface Detail {
  id: string;
  number: string;
  stage: string;
  brief: { pageId: string | null };
  docs: Array<{ kind: string; pageId: string }>;
}

async function open(persona: string, path: string, opts: { locale?: 'en-US' | 'uk-UA'; theme?: 'light' | 'dark' } = {}): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const locale = opts.locale ?? 'en-US';
  const { page, problems, close } = await openAsPersona(browser, host.url, persona, { locale: locale, theme: opts.theme ?? 'light' });
  await page.goto(`${host.url}${path}`);
  return { page, problems, close };
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sb = await startAgency(scenario);
  await ok(sb, 'u-admin', 'sales/form-secret/configure', { secret: FORM_SECRET });
  const r = await postForm(sb, JSON.stringify({ name: 'Olena Kovalenko', company: 'Kitchens <b>&</b> Co', email: 'olena@kitchens.example', phone: '+380671234567', site: 'kitchens.example', serviceTypes: ['seo'], message: 'We need more orders from Kyiv.', language: 'en' }));
  assert.equal(r.statusCode, 200);
  await sb.drain();
  const leads = await ok<Array<{ id: string; number: string }>>(sb, 'u-head', 'sales/leads/list', {});
  leadId = leads[0]?.id ?? '';
  leadNumber = leads[0]?.number ?? '';
  const sent = await ok<Detail>(sb, 'u-head', 'sales/brief/request', { leadId });
  briefPageId = sent.brief.pageId ?? '';
  await sb.drain();
  // The prospect reads the Sales space's pages as a Confluence guest of that space (the emulated site
  // has no anonymous space access; the macros also allow anonymous viewers where a space does).
  sb.site.directory.upsert({ accountId: 'g-prospect', displayName: 'Olena (guest)', accountType: 'customer', active: true, groups: [], guestOfSpaceKeys: ['SALES'] });
  const personas = [
    ...scenario.users.map((u) => ({ accountId: u.accountId as string | null, displayName: u.displayName, role: u.role })),
    { accountId: 'g-prospect', displayName: 'Olena (guest)', role: 'client-guest' },
    { accountId: null, displayName: 'Anonymous', role: 'anonymous' },
  ];
  host = await startUiHost(sandboxUiDeps(sb, personas));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await sb?.close();
});

describe('sales in the UI host', () => {
  test('should let the prospect, a guest of the Sales space, fill in the brief on its shared page', async () => {
    const v = await open('g-prospect', `/wiki/spaces/SALES/pages/${briefPageId}`);
    try {
      const frame = v.page.frameLocator('iframe[data-module-key="retainer-sales-brief"]');
      await frame.getByTestId('brief-form').waitFor({ timeout: 15000 }).catch(async (e: unknown) => {
        await v.page.screenshot({ path: join(SHOTS, 'sales-debug.png'), fullPage: true });
        throw e;
      });
      await frame.locator('#brief-business').fill('Kitchen furniture made to order');
      await frame.locator('#brief-goal').fill('30 qualified leads a month');
      await frame.locator('#brief-keywords').fill('kitchens to order');
      await frame.locator('#brief-regions').fill('Kyiv');
      await frame.getByTestId('brief-submit').click();
      await frame.getByTestId('brief-thanks').waitFor({ timeout: 30000 });
      await v.page.screenshot({ path: join(SHOTS, 'sales-brief-form.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
    const d = await ok<Detail>(sb, 'u-head', 'sales/leads/get', { leadId });
    assert.equal(d.stage, 'brief-received');
  });

  test('should let the head build the estimate with live totals and send the documents', async () => {
    const v = await open('u-head', '/jira/projects/SALES/apps/retainer-project-page');
    try {
      const frame = v.page.frameLocator('iframe[data-module-key="retainer-project-page"]');
      await frame.getByTestId('leads-table').waitFor({ timeout: 30000 }).catch(async (e: unknown) => {
        await v.page.screenshot({ path: join(SHOTS, 'sales-debug.png'), fullPage: true });
        throw e;
      });
      await v.page.screenshot({ path: join(SHOTS, 'sales-leads.png'), fullPage: true });
      await frame.getByTestId(`lead-open-${leadNumber}`).click();
      await frame.getByTestId('estimate-builder').waitFor({ timeout: 30000 });
      await frame.getByText('Kitchen furniture made to order').waitFor({ timeout: 30000 });
      await frame.getByTestId('estimate-discount').fill('10');
      // 18000 − 10 % = 16200 + 20 % VAT = 19440.
      await frame.getByTestId('estimate-monthly').getByText(/19[\s\u00a0\u202f,.]?440/).waitFor({ timeout: 30000 });
      await frame.getByTestId('estimate-save').click();
      await frame.getByTestId('action-send').waitFor({ timeout: 30000 });
      await frame.getByTestId('action-send').click();
      await frame.getByTestId('stage-proposal-sent').first().waitFor({ timeout: 30000 });
      await v.page.screenshot({ path: join(SHOTS, 'sales-lead-light.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
    await sb.drain();
  });

  test('should let the prospect accept the proposal, and win the lead', async () => {
    const d = await ok<Detail>(sb, 'u-head', 'sales/leads/get', { leadId });
    const proposal = d.docs.find((x) => x.kind === 'proposal');
    assert.ok(proposal, 'proposal page');
    const v = await open('g-prospect', `/wiki/spaces/SALES/pages/${proposal.pageId}`);
    try {
      // Markup in the company name is shown as text on the page.
      await v.page.getByText('Kitchens <b>&</b> Co').first().waitFor({ timeout: 30000 });
      const frame = v.page.frameLocator('iframe[data-module-key="retainer-sales-accept"]');
      await frame.getByTestId('accept-button').click();
      await frame.getByTestId('accept-done').waitFor({ timeout: 30000 });
      await v.page.screenshot({ path: join(SHOTS, 'sales-proposal-accept.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
    await sb.drain();
    assert.equal((await ok<Detail>(sb, 'u-head', 'sales/leads/get', { leadId })).stage, 'won');
  });

  test('should show the won lead and the funnel in dark mode and in Ukrainian', async () => {
    const v = await open('u-head', '/jira/projects/SALES/apps/retainer-project-page', { theme: 'dark', locale: 'uk-UA' });
    try {
      const frame = v.page.frameLocator('iframe[data-module-key="retainer-project-page"]');
      await frame.getByTestId(`lead-open-${leadNumber}`).click();
      await frame.getByTestId('lead-won').waitFor({ timeout: 30000 });
      await v.page.screenshot({ path: join(SHOTS, 'sales-lead-won-dark.png'), fullPage: true });
      await frame.getByTestId('lead-back').click();
      await frame.getByText(uk['sales.tab.funnel']).click();
      await frame.getByTestId('funnel-stages').waitFor({ timeout: 30000 });
      await frame.getByText(en['sales.funnel.title']).count().then((n) => assert.equal(n, 0));
      await v.page.screenshot({ path: join(SHOTS, 'sales-funnel-dark.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });
});
