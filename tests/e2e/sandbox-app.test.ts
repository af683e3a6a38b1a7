// The built app in the UI host backed by the REAL sandbox: resolvers run in the runtime, data comes
// from services the app set up itself. Each persona sees what it should.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { PRINCIPAL_HEADER } from '../../sandbox/core/types';
import type { Sandbox } from '../../sandbox/platform';
import { callAs } from '../../sandbox/scenarios/runner';
import { sandboxUiDeps } from '../../sandbox/ui-deps';
import { startUiHost, type UiHost } from '../../sandbox/ui-host';
import { en } from '../../src/ui/i18n/messages-en';
import { uk } from '../../src/ui/i18n/messages-uk';
import { smallAgency, startAgency } from '../helpers/agency';
import { launchChromium, openAsPersona } from '../helpers/browser';

const SHOTS = join(process.cwd(), 'test-results/screenshots');
const scenario = smallAgency({ services: 3 });
let sb: Sandbox;
let host: UiHost;
let browser: Browser;
let projectKey = '';
let taskKey = '';

async function open(persona: string, path: string, locale: 'en-US' | 'uk-UA' = 'en-US'): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const { page, problems, close } = await openAsPersona(browser, host.url, persona, { locale: locale, theme: 'light' });
  await page.goto(`${host.url}${path}`);
  return { page, problems, close };
}

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
    body: JSON.stringify({ jql: `project = ${projectKey} AND issuetype = Task AND labels = "retainer-month-2026-11" ORDER BY key ASC`, fields: ['summary'], maxResults: 1 }),
  });
  taskKey = ((await res.json()) as { issues: Array<{ key: string }> }).issues[0]?.key ?? '';
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await sb?.close();
});

describe('the real app in the UI host', () => {
  test('should show the manager the month task set and money next to an issue', async () => {
    assert.ok(taskKey, 'the app created tasks');
    const v = await open('u-man-a', `/jira/browse/${taskKey}`);
    try {
      const ctxFrame = v.page.frameLocator('iframe[data-module-key="retainer-issue-context"]');
      await ctxFrame.getByText('Test Client 0').first().waitFor({ timeout: 30000 });
      await ctxFrame.getByText(en['issue.monthlyFee']).first().waitFor({ timeout: 30000 });
      await v.page.screenshot({ path: join(SHOTS, 'real-issue-manager.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });

  test('should hide money from a specialist on the same issue', async () => {
    const v = await open('u-seo', `/jira/browse/${taskKey}`);
    try {
      const ctxFrame = v.page.frameLocator('iframe[data-module-key="retainer-issue-context"]');
      await ctxFrame.getByText('Test Client 0').first().waitFor({ timeout: 30000 });
      assert.equal(await ctxFrame.getByText(en['issue.monthlyFee']).count(), 0);
    } finally {
      await v.close();
    }
  });

  test('should render the project page with the created tasks in Ukrainian', async () => {
    const v = await open('u-man-a', `/jira/projects/${projectKey}/apps/retainer-project-page`, 'uk-UA');
    try {
      const f = v.page.frameLocator('iframe[data-module-key="retainer-project-page"]');
      await f.getByText(taskKey).first().waitFor({ timeout: 30000 });
      await f.getByText(uk['project.addExtra']).first().waitFor({ timeout: 30000 });
      await v.page.screenshot({ path: join(SHOTS, 'real-project-page-uk.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });

  test('should list every service for the head and refuse the admin page to a manager', async () => {
    const head = await open('u-head', '/jira/apps/retainer-global-page');
    try {
      const f = head.page.frameLocator('iframe[data-module-key="retainer-global-page"]');
      await f.getByText('Test Client 2').first().waitFor({ timeout: 30000 });
      await head.page.screenshot({ path: join(SHOTS, 'real-global-head.png'), fullPage: true });
    } finally {
      await head.close();
    }
    const res = await fetch(`${host.url}/jira/settings/apps/retainer-admin-page`, { headers: { cookie: 'uihost_persona=u-man-a' } });
    assert.equal(res.status, 403);
    const r = await sb.invokeResolver('retainer-admin-page', 'agency/save', { name: 'X', language: 'en', timeZone: 'Europe/Kyiv', baseCurrency: 'UAH', headAccountIds: [], adminAccountIds: ['u-man-a'], moneyVisibility: 'head-admin' }, { accountId: 'u-man-a' });
    assert.equal((r.value as { ok: boolean; error: { code: string } }).error.code, 'FORBIDDEN');
  });

  test('should let the admin open the settings with the real catalog', async () => {
    const v = await open('u-admin', '/jira/settings/apps/retainer-admin-page');
    try {
      const f = v.page.frameLocator('iframe[data-module-key="retainer-admin-page"]');
      await f.getByText(en['admin.title']).first().waitFor({ timeout: 30000 });
      await v.page.screenshot({ path: join(SHOTS, 'real-admin.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });
});
