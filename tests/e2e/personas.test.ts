// Issue 10 in the browser: the seven personas of tests/helpers/personas.ts open the same five pages of
// the UI host backed by the REAL sandbox — A's project page, the global page, the admin page, the issue
// view of A's task and A's published report in Confluence — and each sees what it should: the Money tab
// only with money access, the department and finance tabs for the head and admin, the settings only for
// the admin, the guest of A their report with charts and the feedback form but no Jira page, the guest
// of B and the anonymous visitor nothing of A. One screenshot per persona in test-results/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { sandboxUiDeps } from '../../sandbox/ui-deps';
import { startUiHost, type UiHost } from '../../sandbox/ui-host';
import { en } from '../../src/ui/i18n/messages-en';
import { launchChromium, openAsPersona } from '../helpers/browser';
import { A, B, P, PERSONAS, startPersonasWorld, type Persona, type PersonasWorld } from '../helpers/personas';

const SHOTS = join(process.cwd(), 'test-results/screenshots');
const T = 30000;
let w: PersonasWorld;
let host: UiHost;
let browser: Browser;

type Where = 'project' | 'global' | 'admin' | 'issue' | 'report';
const frameOf = (page: Page, moduleKey: string): FrameLocator => page.frameLocator(`iframe[data-module-key="${moduleKey}"]`).first();

function pathOf(where: Where): string {
  switch (where) {
    case 'project':
      return `/jira/projects/${w.projectKeyA}/apps/retainer-project-page`;
    case 'global':
      return '/jira/apps/retainer-global-page';
    case 'admin':
      return '/jira/settings/apps/retainer-admin-page';
    case 'issue':
      return `/jira/browse/${w.issueKeyA}`;
    case 'report':
      return `/wiki/spaces/${w.reportA.spaceKey}/pages/${w.reportA.pageId}`;
  }
}

/** The host's own refusal page (no app frame at all): its heading. */
async function refused(page: Page, heading: RegExp): Promise<void> {
  await page.getByRole('heading', { name: heading }).first().waitFor({ timeout: T });
  assert.equal(await page.locator('iframe[data-module-key]').count(), 0, 'no app frame on a refused page');
}

const count = (f: FrameLocator | Page, testId: string): Promise<number> => f.getByTestId(testId).count();

/** What each persona must see on each page. */
const CHECKS: Record<Persona, Record<Where, (page: Page) => Promise<void>>> = {
  manager: {
    project: (p) => agencyProject(p, true),
    global: (p) => myClients(p, { money: true, head: false }),
    admin: (p) => refused(p, /permission to view this page/),
    issue: (p) => issuePanel(p, true),
    report: (p) => agencyReport(p),
  },
  specialist: {
    project: (p) => agencyProject(p, false),
    global: (p) => myClients(p, { money: false, head: false }),
    admin: (p) => refused(p, /permission to view this page/),
    issue: (p) => issuePanel(p, false),
    report: (p) => agencyReport(p),
  },
  head: {
    project: (p) => agencyProject(p, true),
    global: (p) => myClients(p, { money: true, head: true }),
    // The host opens app settings to Jira admins only, as Jira does; the head is not one.
    admin: (p) => refused(p, /permission to view this page/),
    issue: (p) => issuePanel(p, true),
    report: (p) => agencyReport(p),
  },
  admin: {
    project: (p) => agencyProject(p, true),
    // The admin manages no service: My clients is empty, the department and finance tabs are there.
    global: (p) => myClients(p, { money: true, head: true, empty: true }),
    admin: async (p) => {
      const f = frameOf(p, 'retainer-admin-page');
      await f.getByTestId('admin-page').waitFor({ timeout: T });
      await f.getByRole('tab', { name: en['admin.tab.rates'] }).waitFor();
      assert.equal(await f.getByText(en['admin.forbidden.title']).count(), 0);
    },
    issue: (p) => issuePanel(p, true),
    report: (p) => agencyReport(p),
  },
  guestA: {
    project: (p) => refused(p, /Project not found/),
    global: (p) => refused(p, /access to Jira/),
    admin: (p) => refused(p, /permission to view this page/),
    issue: (p) => refused(p, /can't be shown/),
    report: async (p) => {
      await p.getByText(/Analysis of sv-t0/).first().waitFor({ timeout: T });
      const fb = frameOf(p, 'retainer-report-feedback');
      await fb.getByTestId('feedback-submit').waitFor({ timeout: T });
      await frameOf(p, 'retainer-report-charts').getByTestId('macro-charts').waitFor({ timeout: T });
      assert.equal(await p.getByText(B.clientName).count(), 0);
    },
  },
  guestB: {
    project: (p) => refused(p, /Project not found/),
    global: (p) => refused(p, /access to Jira/),
    admin: (p) => refused(p, /permission to view this page/),
    issue: (p) => refused(p, /can't be shown/),
    report: (p) => notFound(p),
  },
  anonymous: {
    project: (p) => refused(p, /Project not found/),
    global: (p) => refused(p, /Log in/),
    admin: (p) => refused(p, /Log in/),
    issue: (p) => refused(p, /can't be shown/),
    report: (p) => notFound(p),
  },
};

/** The page each persona's screenshot shows: the one that says most about it. */
const SHOT_OF: Record<Persona, Where> = { manager: 'project', specialist: 'issue', head: 'global', admin: 'admin', guestA: 'report', guestB: 'report', anonymous: 'global' };

async function agencyProject(page: Page, money: boolean): Promise<void> {
  const f = frameOf(page, 'retainer-project-page');
  await f.getByTestId('project-page').waitFor({ timeout: T });
  await f.getByRole('heading', { name: new RegExp(A.clientName) }).waitFor({ timeout: T });
  for (const id of ['tasks', 'results', 'reports', 'connections']) assert.equal(await count(f, `project-tab-${id}`), 1, `tab ${id}`);
  assert.equal(await count(f, 'project-tab-money'), money ? 1 : 0, 'the Money tab');
}

async function myClients(page: Page, o: { money: boolean; head: boolean; empty?: boolean }): Promise<void> {
  const f = frameOf(page, 'retainer-global-page');
  await f.getByTestId('global-page').waitFor({ timeout: T });
  await f.getByTestId('tab-clients').waitFor({ timeout: T });
  if (!o.empty) {
    const table = f.getByTestId('clients-table--table');
    await table.getByText(A.clientName).first().waitFor({ timeout: T });
    // The head works on both services (head of every service): B is there too; others never see B.
    assert.equal(await table.getByText(B.clientName).count(), o.head ? 1 : 0, "B's row");
    assert.equal(await f.getByText(en['dashboard.col.payment']).count() > 0, o.money, 'the payment column');
  }
  for (const id of ['department', 'finance']) assert.equal(await count(f, `tab-${id}`), o.head ? 1 : 0, `tab ${id}`);
  if (o.head) {
    await f.getByTestId('tab-department').click();
    await f.getByTestId('capacity').waitFor({ timeout: T });
  }
}

async function issuePanel(page: Page, money: boolean): Promise<void> {
  const ctx = frameOf(page, 'retainer-issue-context');
  const panel = frameOf(page, 'retainer-issue-panel');
  await ctx.getByText(A.clientName).first().waitFor({ timeout: T });
  await panel.getByText(en['panels.kpis.title']).first().waitFor({ timeout: T });
  await panel.getByText(en['panels.report.title']).first().waitFor();
  for (const f of [ctx, panel]) assert.equal(await f.getByText(en['issue.monthlyFee']).count() > 0 || (await f.getByText(en['panels.money.title']).count()) > 0, money, 'money on the issue');
}

async function agencyReport(page: Page): Promise<void> {
  await page.getByText(/Analysis of sv-t0/).first().waitFor({ timeout: T });
  const fb = frameOf(page, 'retainer-report-feedback');
  // Agency people see the client's last rating, not the form.
  await fb.getByTestId('feedback-agency').waitFor({ timeout: T });
  assert.equal(await count(fb, 'feedback-submit'), 0);
}

async function notFound(page: Page): Promise<void> {
  await page.getByText('Page not found').first().waitFor({ timeout: T });
  assert.equal(await page.locator('iframe[data-module-key^="retainer-report"]').count(), 0);
  assert.equal(await page.getByText(/Analysis of sv-t0/).count(), 0);
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  w = await startPersonasWorld();
  const personas = [...w.scenario.users.map((u) => ({ accountId: u.accountId as string | null, displayName: u.displayName, role: u.role })), { accountId: null, displayName: 'Anonymous', role: 'anonymous' }];
  host = await startUiHost(sandboxUiDeps(w.sb, personas));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await w?.sb.close();
});

describe('personas in the browser', () => {
  for (const persona of PERSONAS) {
    test(`should show ${persona} exactly its pages: project, global, admin, issue, report`, async () => {
      const v = await openAsPersona(browser, host.url, P[persona] ?? '__anonymous', { height: 1100 });
      try {
        for (const where of ['project', 'global', 'admin', 'issue', 'report'] as const) {
          await v.page.goto(`${host.url}${pathOf(where)}`);
          await CHECKS[persona][where](v.page).catch((e: Error) => {
            throw new Error(`${persona} on the ${where} page: ${e.message}`);
          });
          if (SHOT_OF[persona] === where) await v.page.screenshot({ path: join(SHOTS, `personas-${persona}-${where}.png`), fullPage: true });
        }
        // A refused page is the document's own 401/403/404, which Chromium logs; anything else is a problem.
        assert.deepEqual(v.problems.filter((x) => !/^Failed to load resource: the server responded with a status of 40[134]\b/.test(x)), []);
      } finally {
        await v.close();
      }
    });
  }
});
