// The built Custom UI in the sandbox UI host, in headless Chromium: every surface in light and
// dark, English and Ukrainian; no CSP violations, page errors or host errors; screenshots saved to
// test-results/screenshots/<surface>-<theme>-<locale>.png. Deps come from uiHostDepsForTests()
// (canned resolvers today; the real sandbox runtime later).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startUiHost, type UiHost } from '../../sandbox/ui-host';
import { en, type Messages } from '../../src/ui/i18n/messages-en';
import { uk } from '../../src/ui/i18n/messages-uk';
import { APP_ROOT, uiHostDepsForTests, type E2eScenario } from './fixtures/fake-deps';

const SHOTS = join(APP_ROOT, 'test-results/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
type Theme = 'light' | 'dark';
type Locale = 'en-US' | 'uk-UA';
const MESSAGES: Record<Locale, Messages> = { 'en-US': en, 'uk-UA': uk };

interface Surface {
  name: string;
  path: string;
  persona: string;
  /** Module key of the frame to check, and texts (by locale) that must appear in it. */
  frames: Array<{ moduleKey: string; texts(m: Messages): string[] }>;
  /** Texts on the host page itself. */
  hostTexts?: string[];
}

function surfaces(sc: E2eScenario): Surface[] {
  return [
    {
      name: 'issue',
      path: `/jira/browse/${sc.issue.key}`,
      persona: sc.personas.manager,
      hostTexts: [sc.issue.summary],
      frames: [
        { moduleKey: 'retainer-issue-context', texts: (m) => [sc.clientName, m['issue.openDashboard'], m['issue.monthlyFee']] },
        { moduleKey: 'retainer-issue-panel', texts: (m) => [sc.clientName, m['issue.planned']] },
      ],
    },
    {
      name: 'issue-not-service',
      path: `/jira/browse/${sc.nonServiceIssueKey}`,
      persona: sc.personas.manager,
      frames: [{ moduleKey: 'retainer-issue-context', texts: (m) => [m['issue.notService.title']] }],
    },
    {
      name: 'project-page',
      path: `/jira/projects/${sc.project.key}/apps/retainer-project-page`,
      persona: sc.personas.manager,
      frames: [{ moduleKey: 'retainer-project-page', texts: (m) => [sc.project.title, sc.project.firstTaskKey, m['project.addExtra']] }],
    },
    {
      name: 'global-page',
      path: '/jira/apps/retainer-global-page',
      persona: sc.personas.head,
      frames: [{ moduleKey: 'retainer-global-page', texts: (m) => [m['dashboard.title'], sc.otherClientName] }],
    },
    {
      name: 'admin-page',
      path: '/jira/settings/apps/retainer-admin-page',
      persona: sc.personas.admin,
      frames: [{ moduleKey: 'retainer-admin-page', texts: (m) => [m['admin.title'], m['admin.tab.templates'], m['agency.timeZone']] }],
    },
    {
      name: 'confluence-report',
      path: `/wiki/spaces/${sc.page.spaceKey}/pages/${sc.page.id}`,
      persona: sc.personas.manager,
      hostTexts: [sc.page.title],
      frames: [
        { moduleKey: 'retainer-report-charts', texts: () => ['Sessions by day'] },
        { moduleKey: 'retainer-report-feedback', texts: (m) => [m['macros.feedback.title'], m['macros.feedback.agencyNone']] },
      ],
    },
  ];
}

let host: UiHost;
let closeDeps: () => Promise<void>;
// Loaded at import so the test list below can be built from it.
const fixture = await uiHostDepsForTests();
const sc = fixture.scenario;
let browser: Browser;

interface Watch {
  problems: string[];
}

/** Records everything that must not happen: CSP violations, page errors, console errors. */
function watch(page: Page): Watch {
  const w: Watch = { problems: [] };
  page.on('pageerror', (e) => w.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy/i.test(text)) w.problems.push(`CSP: ${text}`);
    else if (m.type() === 'error') w.problems.push(`console.error: ${text}`);
  });
  return w;
}

async function newContext(persona: string, theme: Theme, locale: Locale): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: locale === 'uk-UA' ? 'uk-UA' : 'en-US' });
  const url = new URL(host.url);
  await ctx.addCookies(
    [
      ['uihost_persona', persona],
      ['uihost_theme', theme],
      ['uihost_locale', locale],
    ].map(([name, value]) => ({ name: name as string, value: value as string, domain: url.hostname, path: '/' })),
  );
  return ctx;
}

async function expectNoHostErrors(page: Page, w: Watch, label: string): Promise<void> {
  const banner = await page.locator('#host-banner').textContent();
  assert.equal(await page.getAttribute('body', 'data-host-errors'), '0', `${label}: host banner shows errors: ${banner ?? ''}`);
  assert.deepEqual(w.problems, [], `${label}: problems in the browser`);
}

/** One browser session as a persona; on failure saves FAILED-<label>.png and says what the page showed. */
async function session(label: string, persona: string, theme: Theme, locale: Locale, fn: (page: Page, w: Watch) => Promise<void>): Promise<void> {
  const ctx = await newContext(persona, theme, locale);
  const page = await ctx.newPage();
  const w = watch(page);
  try {
    await fn(page, w);
  } catch (e) {
    await page.screenshot({ path: join(SHOTS, `FAILED-${label}.png`), fullPage: true }).catch(() => undefined);
    const banner = await page.locator('#host-banner').textContent().catch(() => '');
    const detail = `at ${page.url()}; host banner: ${banner ?? ''}; browser problems: ${w.problems.join(' | ') || 'none'}`;
    throw new Error(`${label}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)} — ${detail}`, { cause: e });
  } finally {
    await ctx.close();
  }
}

before(async () => {
  if (!existsSync(join(APP_ROOT, 'static/ui/index.html'))) {
    const r = spawnSync(process.execPath, ['scripts/build-ui.mjs'], { cwd: APP_ROOT, stdio: 'inherit' });
    assert.equal(r.status, 0, 'Custom UI build failed');
  }
  mkdirSync(SHOTS, { recursive: true });
  closeDeps = fixture.close;
  host = await startUiHost(fixture.deps);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await host?.close();
  await closeDeps?.();
});

describe('every surface renders in light/dark and en/uk without CSP or page errors', () => {
  for (const s of surfaces(sc)) {
    for (const theme of ['light', 'dark'] as const) {
      for (const locale of ['en-US', 'uk-UA'] as const) {
        const label = `${s.name}-${theme}-${locale}`;
        test(label, () =>
          session(label, s.persona, theme, locale, async (page, w) => {
            const res = await page.goto(`${host.url}${s.path}`);
            assert.equal(res?.status(), 200, `${label}: status`);
            for (const t of s.hostTexts ?? []) await page.getByText(t, { exact: false }).first().waitFor({ timeout: 30000 });
            for (const f of s.frames) {
              const frame = page.frameLocator(`iframe[data-module-key="${f.moduleKey}"]`);
              for (const t of f.texts(MESSAGES[locale])) await frame.getByText(t, { exact: false }).filter({ visible: true }).first().waitFor({ timeout: 30000 });
              // Theming reached the frame the way the product applies it.
              const mode = await frame.locator('html').getAttribute('data-color-mode');
              assert.equal(mode, theme, `${label}: ${f.moduleKey} color mode`);
            }
            await page.waitForTimeout(300); // let late layout (auto-sized frames) settle
            await page.screenshot({ path: join(SHOTS, `${label}.png`), fullPage: true });
            await expectNoHostErrors(page, w, label);
          }),
        );
      }
    }
  }
});

describe('behaviour through the bridge', () => {
  test('issue context opens the client dashboard via router.navigate', () =>
    session('navigate', sc.personas.manager, 'light', 'en-US', async (page, w) => {
      await page.goto(`${host.url}/jira/browse/${sc.issue.key}`);
      const frame = page.frameLocator('iframe[data-module-key="retainer-issue-context"]');
      await frame.getByRole('button', { name: en['issue.openDashboard'] }).click();
      await page.waitForURL(`**/jira/projects/${sc.project.key}/apps/retainer-project-page`, { timeout: 30000 });
      await page.frameLocator('iframe[data-module-key="retainer-project-page"]').getByText(sc.project.firstTaskKey).first().waitFor({ timeout: 30000 });
      await expectNoHostErrors(page, w, 'navigate');
    }));

  test('money is hidden from a persona who may not see it', () =>
    session('no-money', sc.personas.noMoney, 'light', 'en-US', async (page) => {
      await page.goto(`${host.url}/jira/browse/${sc.issue.key}`);
      const frame = page.frameLocator('iframe[data-module-key="retainer-issue-context"]');
      await frame.getByText(en['issue.planned']).first().waitFor({ timeout: 30000 });
      assert.equal(await frame.getByText(en['issue.monthlyFee']).count(), 0);
    }));

  test('add extra work: modal, job progress, host flag', () =>
    session('add-extra', sc.personas.manager, 'light', 'en-US', async (page, w) => {
      await page.goto(`${host.url}/jira/projects/${sc.project.key}/apps/retainer-project-page`);
      const frame = page.frameLocator('iframe[data-module-key="retainer-project-page"]');
      await frame.getByRole('button', { name: en['project.addExtra'] }).click();
      const modal = frame.getByTestId('add-extra-modal');
      for (const name of sc.extraTemplates) await modal.getByRole('checkbox', { name: new RegExp(name) }).check();
      await page.screenshot({ path: join(SHOTS, 'project-page-add-extra-modal.png') });
      await frame.getByRole('button', { name: en['extra.submit'] }).click();
      await frame.getByTestId('job-progress').waitFor();
      await page.locator('#host-flags').getByText(en['extra.done']).waitFor({ timeout: 30000 });
      await page.screenshot({ path: join(SHOTS, 'project-page-add-extra-done.png') });
      await expectNoHostErrors(page, w, 'add extra');
    }));

  test('form errors from error.fields appear next to the field', () =>
    session('client-form', sc.personas.admin, 'light', 'en-US', async (page, w) => {
      await page.goto(`${host.url}/jira/settings/apps/retainer-admin-page`);
      const frame = page.frameLocator('iframe[data-module-key="retainer-admin-page"]');
      await frame.getByRole('tab', { name: en['admin.tab.clients'] }).click();
      await frame.getByRole('button', { name: en['clients.create'] }).click();
      await frame.getByRole('button', { name: en['common.save'] }).click();
      await frame.getByText('Name is required').waitFor();
      await page.screenshot({ path: join(SHOTS, 'admin-client-form-errors.png'), fullPage: true });
      await expectNoHostErrors(page, w, 'client form');
    }));

  test('admin tabs: services form with setup job, template form with month rules, calibration', () =>
    session('admin-tabs', sc.personas.admin, 'dark', 'uk-UA', async (page, w) => {
      const m = uk;
      await page.goto(`${host.url}/jira/settings/apps/retainer-admin-page`);
      const frame = page.frameLocator('iframe[data-module-key="retainer-admin-page"]');
      // Services: list, edit form, set up with job progress.
      await frame.getByRole('tab', { name: m['admin.tab.services'] }).click();
      await frame.getByText(sc.admin.serviceListText).first().waitFor();
      await frame.getByRole('button', { name: `${m['common.edit']}: ${sc.admin.editServiceLabel}` }).click();
      await frame.getByText(m['services.billing']).first().waitFor();
      await frame.getByTestId('setup-section').getByRole('button', { name: m['services.setup'] }).click();
      await frame.getByText(m['services.setupDone']).first().waitFor({ timeout: 30000 });
      await page.screenshot({ path: join(SHOTS, 'admin-service-form-dark-uk-UA.png') });
      await frame.getByRole('button', { name: m['common.cancel'] }).click();
      // Templates: list and the month rule editor's preview.
      await frame.getByRole('tab', { name: m['admin.tab.templates'] }).click();
      await frame.getByText(sc.admin.templateListTextUk).waitFor();
      await frame.getByRole('button', { name: `${m['common.edit']}: ${sc.admin.editTemplateLabelUk}` }).click();
      await frame.getByTestId('rule-preview').getByText(sc.admin.rulePreview).waitFor();
      await page.screenshot({ path: join(SHOTS, 'admin-template-form-dark-uk-UA.png') });
      await frame.getByRole('button', { name: m['common.cancel'] }).click();
      // Calibration: a suggestion can be adopted.
      await frame.getByRole('tab', { name: m['admin.tab.calibration'] }).click();
      await frame.getByRole('button', { name: m['calibration.apply'].replace('{n}', sc.admin.calibrationSuggestion) }).click();
      await page.locator('#host-flags').getByText(m['calibration.applied']).waitFor();
      await page.screenshot({ path: join(SHOTS, 'admin-calibration-dark-uk-UA.png') });
      await expectNoHostErrors(page, w, 'admin tabs');
    }));

  test('admin page is refused to a non-admin persona by the host', () =>
    session('admin-refused', sc.personas.manager, 'light', 'en-US', async (page) => {
      const res = await page.goto(`${host.url}/jira/settings/apps/retainer-admin-page`);
      assert.equal(res?.status(), 403);
      assert.equal(await page.locator('iframe').count(), 0);
    }));

  test('an unknown bridge command is rejected and shown in the red banner', () =>
    session('unknown-command', sc.personas.manager, 'light', 'en-US', async (page) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(`${host.url}/jira/browse/${sc.issue.key}`);
      const el = await page.waitForSelector('iframe[data-module-key="retainer-issue-context"]');
      const frame = await el.contentFrame();
      assert.ok(frame);
      await frame.waitForFunction(() => typeof (window as unknown as { __bridge?: unknown }).__bridge === 'object');
      const outcome = await frame.evaluate(async () => {
        const b = (window as unknown as { __bridge: { callBridge(c: string, p?: unknown): Promise<unknown> } }).__bridge;
        try {
          await b.callBridge('definitelyNotACommand', {});
          return 'resolved';
        } catch (e) {
          return `rejected: ${(e as Error).message}`;
        }
      });
      assert.match(outcome, /^rejected: Unknown bridge command "definitelyNotACommand"/);
      await page.locator('#host-banner').getByText('definitelyNotACommand').waitFor();
      assert.ok(await page.locator('#host-banner').isVisible());
      assert.ok(errors.some((e) => e.includes('definitelyNotACommand')), 'a console error names the command');
    }));
});
