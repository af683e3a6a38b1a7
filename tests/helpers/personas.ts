// Issue 10: the seven personas of one small agency and the table of what each may see. Two clients, A
// and B, one service each; a manager of A only, a specialist on A's team only, the head, the admin, a
// client guest of A and one of B, and the anonymous visitor. The world is set up through the app itself
// (smallAgency + applyScenario), run to 3 November so there are invoices, KPI rollups and October
// reports, then given a payment, ad spend, KPI targets, manager plans, both October reports published
// and a rating from each client. The expectation table (EXPECT) is the spec; the integration and
// browser tests read it.
import { PRINCIPAL_HEADER } from '../../sandbox/core/types';
import type { Sandbox } from '../../sandbox/platform';
import { callAs } from '../../sandbox/scenarios/runner';
import type { Scenario } from '../../sandbox/scenarios/scenario';
import { startAgency } from './agency';
import { invokeMacro, reportsAgency, reportsOf } from '../integration/reports-helpers';
import { requestId } from '../integration/money-kit';

/** The personas by role: account ids (null: not signed in). */
export const P = {
  manager: 'u-man-a',
  specialist: 'u-seo',
  head: 'u-head',
  admin: 'u-admin',
  guestA: 'g-client0',
  guestB: 'g-client1',
  anonymous: null,
} as const;
export type Persona = keyof typeof P;
export const PERSONAS = Object.keys(P) as Persona[];

/**
 * The manager again, with the agency's money visibility set to 'head-admin' (money for heads and
 * admins only). Not an eighth person: a column of the table run after flipping the setting.
 */
export type Column = Persona | 'managerHeadAdmin';
export const COLUMNS: Column[] = [...PERSONAS, 'managerHeadAdmin'];
export const accountOf = (c: Column): string | null => (c === 'managerHeadAdmin' ? P.manager : P[c]);

export const A = { clientId: 'cl-t0', clientName: 'Test Client 0', serviceId: 'sv-t0' } as const;
export const B = { clientId: 'cl-t1', clientName: 'Test Client 1', serviceId: 'sv-t1' } as const;
export const MONTH = '2026-11';
export const LAST_MONTH = '2026-10';
/** The fake Yandex Metrica token of each service (sandbox/scenarios/connections.ts): must never come back. */
export const SECRETS = ['y0_demo-metrica-t0', 'y0_demo-metrica-t1'];

/**
 * sees: allowed, with money where the capability has any;
 * sees-without-money: allowed, money fields absent or blank;
 * own-only: allowed, limited to the persona's own services (A), never B;
 * nothing: allowed but empty (null, [] or no rows), nothing of any client;
 * denied: a typed FORBIDDEN or NOT_FOUND error and no data.
 */
export type Verdict = 'sees' | 'sees-without-money' | 'own-only' | 'nothing' | 'denied';

type Row = Record<Column, Verdict>;
const row = (manager: Verdict, specialist: Verdict, head: Verdict, admin: Verdict, guestA: Verdict, guestB: Verdict, anonymous: Verdict, managerHeadAdmin: Verdict): Row => ({
  manager,
  specialist,
  head,
  admin,
  guestA,
  guestB,
  anonymous,
  managerHeadAdmin,
});

/** Who sees what, through the resolvers. Columns: manager, specialist, head, admin, guest A, guest B, anonymous, manager under 'head-admin'. */
export const EXPECT = {
  //                                     manager       specialist            head     admin    guest A    guest B    anonymous  manager (head-admin)
  'app/viewer':               row('sees',        'sees-without-money', 'sees',  'sees',  'sees-without-money', 'sees-without-money', 'denied', 'sees-without-money'),
  'clients/list':             row('own-only',    'own-only',           'sees',  'sees',  'nothing', 'nothing', 'denied',  'own-only'),
  'services/list':            row('own-only',    'own-only',           'sees',  'sees',  'nothing', 'nothing', 'denied',  'own-only'),
  'services/get A':           row('sees',        'sees-without-money', 'sees',  'sees',  'denied',  'denied',  'denied',  'sees-without-money'),
  'services/get B':           row('denied',      'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'tasksets/get A':           row('sees',        'sees',               'sees',  'sees',  'denied',  'denied',  'denied',  'sees'),
  'panel/issue A':            row('sees',        'sees-without-money', 'sees',  'sees',  'nothing', 'nothing', 'denied',  'sees-without-money'),
  'panel/issue B':            row('nothing',     'nothing',            'sees',  'sees',  'nothing', 'nothing', 'denied',  'nothing'),
  'money/panel A':            row('sees',        'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'money/invoices/list A':    row('sees',        'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'money/invoices/get A':     row('sees',        'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'money/ledger A':           row('sees',        'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'money/profitability A':    row('sees',        'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'money/ledger B':           row('denied',      'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'kpi/service A':            row('sees',        'sees-without-money', 'sees',  'sees',  'denied',  'denied',  'denied',  'sees-without-money'),
  'kpi/service B':            row('denied',      'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'kpi/fulfilment':           row('own-only',    'nothing',            'sees',  'sees',  'nothing', 'nothing', 'denied',  'nothing'),
  'reports/list A':           row('sees',        'sees',               'sees',  'sees',  'denied',  'denied',  'denied',  'sees'),
  'report/charts A':          row('sees',        'sees',               'sees',  'sees',  'sees',    'denied',  'denied',  'sees'),
  'report/feedback/get A':    row('sees',        'sees',               'sees',  'sees',  'sees',    'denied',  'denied',  'sees'),
  // Agency staff may read any client's published report in Confluence (PAGES_EXPECT), so its charts too.
  'report/charts B':          row('sees',        'sees',               'sees',  'sees',  'denied',  'sees',    'denied',  'sees'),
  'dashboard: my clients':    row('own-only',    'sees-without-money', 'sees',  'nothing', 'denied', 'denied', 'denied',  'sees-without-money'),
  'dashboard: all services':  row('denied',      'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'dashboard: department':    row('denied',      'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'dashboard: finance':       row('denied',      'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'connections/list':         row('own-only',    'own-only',           'sees',  'sees',  'nothing', 'nothing', 'denied',  'own-only'),
  'users/list':               row('nothing',     'nothing',            'sees',  'sees',  'nothing', 'nothing', 'denied',  'nothing'),
  'admin: agency/save':       row('denied',      'denied',             'denied', 'sees', 'denied',  'denied',  'denied',  'denied'),
  'admin: roles & rates':     row('denied',      'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'admin: money settings save': row('denied',    'denied',             'denied', 'sees', 'denied',  'denied',  'denied',  'denied'),
  'admin: notifications':     row('denied',      'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'admin: metrics settings':  row('denied',      'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'admin: KPI plans':         row('denied',      'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
  'admin: templates/save':    row('denied',      'denied',             'denied', 'sees', 'denied',  'denied',  'denied',  'denied'),
  'sales/leads/list':         row('sees',        'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'sees'),
  'sales/funnel':             row('denied',      'denied',             'sees',  'sees',  'denied',  'denied',  'denied',  'denied'),
} satisfies Record<string, Row>;
export type Capability = keyof typeof EXPECT;

/** Who reads which Confluence page, as the site answers the person (200 or 404). */
export const PAGES_EXPECT: Record<'report A' | 'report B' | 'drafts A', Record<Persona, 200 | 404>> = {
  'report A': { manager: 200, specialist: 200, head: 200, admin: 200, guestA: 200, guestB: 404, anonymous: 404 },
  'report B': { manager: 200, specialist: 200, head: 200, admin: 200, guestA: 404, guestB: 200, anonymous: 404 },
  'drafts A': { manager: 200, specialist: 200, head: 200, admin: 200, guestA: 404, guestB: 404, anonymous: 404 },
};

/** smallAgency with two services (A, B), the guest of each client, one metrics connection each. */
export function personasScenario(): Scenario {
  const s = reportsAgency(2);
  s.metrics = { connect: 'none', backfillMonths: 1, spendRefreshHours: 24, services: { [A.serviceId]: ['yandex-metrica'], [B.serviceId]: ['yandex-metrica'] } };
  return s;
}

export interface ReportRef {
  reportId: string;
  pageId: string;
  spaceKey: string;
}

export interface PersonasWorld {
  sb: Sandbox;
  scenario: Scenario;
  projectKeyA: string;
  projectKeyB: string;
  /** A task of A's project (the issue panel's page). */
  issueKeyA: string;
  reportA: ReportRef;
  reportB: ReportRef;
  /** A's agency-only drafts parent page. */
  draftsPageA: string;
  /** An invoice of A. */
  invoiceA: string;
}

interface ServiceGet {
  service: Record<string, unknown> & { jiraProjectKey: string; team: Record<string, string[]> };
}

async function publishedOctober(sb: Sandbox, serviceId: string, manager: string): Promise<ReportRef> {
  const monthly = (await reportsOf(sb, serviceId, manager)).find((r) => r.kind === 'monthly' && r.from === '2026-10-01');
  if (!monthly?.pageId) throw new Error(`no October report page for ${serviceId}`);
  await callAs(sb, manager, 'reports/update', { reportId: monthly.reportId, analysis: `Analysis of ${serviceId}`, proposals: 'More of the same' }, 'retainer-project-page');
  await callAs(sb, manager, 'reports/publish', { reportId: monthly.reportId }, 'retainer-project-page');
  await sb.drain();
  const page = sb.site.confluence.pages.get(monthly.pageId);
  const space = page ? [...sb.site.confluence.spaces.values()].find((x) => x.id === page.spaceId) : undefined;
  if (!space) throw new Error(`no space for the report page of ${serviceId}`);
  return { reportId: monthly.reportId, pageId: monthly.pageId, spaceKey: space.key };
}

async function firstTask(sb: Sandbox, projectKey: string): Promise<string> {
  const res = await fetch(`${sb.site.baseUrl}/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { [PRINCIPAL_HEADER]: 'app', 'content-type': 'application/json' },
    body: JSON.stringify({ jql: `project = ${projectKey} AND issuetype = Task ORDER BY key ASC`, fields: ['summary'], maxResults: 1 }),
  });
  const key = ((await res.json()) as { issues?: Array<{ key: string }> }).issues?.[0]?.key;
  if (!key) throw new Error(`no task in ${projectKey}`);
  return key;
}

export async function startPersonasWorld(): Promise<PersonasWorld> {
  const scenario = personasScenario();
  const sb = await startAgency(scenario);
  try {
    // The specialist works on A only: B's team is saved again without them (the scenario's team is agency-wide).
    const b = await callAs<ServiceGet>(sb, P.admin, 'services/get', { serviceId: B.serviceId });
    const team = Object.fromEntries(Object.entries(b.service.team).map(([role, ids]) => [role, ids.filter((id) => id !== P.specialist)]));
    await callAs(sb, P.admin, 'services/save', { ...b.service, team });
    await sb.runUntil(new Date('2026-11-03T12:00:00Z'));
    await sb.drain();
    const [a, bb] = await Promise.all([A, B].map((x) => callAs<ServiceGet>(sb, P.admin, 'services/get', { serviceId: x.serviceId })));
    const projectKeyA = a?.service.jiraProjectKey ?? '';
    const projectKeyB = bb?.service.jiraProjectKey ?? '';
    // Money: a wallet payment and three days of ad spend on A (balance, runway, ledger).
    await callAs(sb, P.manager, 'money/payments/register', { serviceId: A.serviceId, requestId: requestId('personas'), amount: '12000.00', date: '2026-11-01', account: 'wallet' }, 'retainer-project-page');
    for (const day of ['2026-10-30', '2026-10-31', '2026-11-01']) await callAs(sb, P.manager, 'money/spend/record', { serviceId: A.serviceId, day, amount: '1500.00' }, 'retainer-project-page');
    // KPIs: a target on A and manager plans (turnover and bonus).
    await callAs(sb, P.head, 'kpi/targets/set', { serviceId: A.serviceId, month: MONTH, values: { 'target-actions-site': 300 } });
    await callAs(sb, P.head, 'kpi/plan/set', { month: MONTH, currency: 'UAH', plans: [{ managerAccountId: P.manager, targets: { seo: '20000.00' } }, { managerAccountId: 'u-man-b', targets: { 'yandex-direct': '12000.00' } }] }, 'retainer-global-page');
    // Reports: both October reports published, each rated by its client's guest.
    const reportA = await publishedOctober(sb, A.serviceId, P.manager);
    const reportB = await publishedOctober(sb, B.serviceId, 'u-man-b');
    for (const [r, guest, rating] of [[reportA, P.guestA, 4], [reportB, P.guestB, 2]] as const) {
      const fb = await invokeMacro(sb, 'feedback', 'report/feedback/submit', { reportId: r.reportId, rating, comment: `Rated by ${guest}` }, guest, r.pageId);
      if (!fb.ok) throw new Error(`feedback by ${guest}: ${fb.error?.code} ${fb.error?.message}`);
    }
    await sb.drain();
    const drafts = [...sb.site.confluence.pages.values()].find((p) => /agency only/.test(p.current.title) && p.current.title.includes(A.clientName));
    if (!drafts) throw new Error('no agency-only drafts page for client A');
    const invoices = await callAs<Array<{ id: string }>>(sb, P.admin, 'money/invoices/list', { serviceId: A.serviceId }, 'retainer-project-page');
    const invoiceA = invoices[0]?.id;
    if (!invoiceA) throw new Error('client A has no invoice');
    return { sb, scenario, projectKeyA, projectKeyB, issueKeyA: await firstTask(sb, projectKeyA), reportA, reportB, draftsPageA: drafts.id, invoiceA };
  } catch (e) {
    await sb.close();
    throw e;
  }
}

/** Sets the agency's money visibility through the admin's own resolver. */
export async function setMoneyVisibility(sb: Sandbox, v: 'manager-head-admin' | 'head-admin'): Promise<void> {
  const agency = await callAs<Record<string, unknown>>(sb, P.admin, 'agency/get', {});
  await callAs(sb, P.admin, 'agency/save', { ...agency, moneyVisibility: v });
}

/** HTTP status of a Confluence page read as a persona through the site's REST API. */
export async function pageStatusFor(sb: Sandbox, accountId: string | null, pageId: string): Promise<number> {
  const res = await fetch(`${sb.site.baseUrl}/wiki/api/v2/pages/${pageId}`, { headers: { [PRINCIPAL_HEADER]: accountId ? `user:${accountId}` : 'none' } });
  await res.arrayBuffer();
  return res.status;
}
