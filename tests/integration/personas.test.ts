// Issue 10: who sees what, through the resolvers directly and through Confluence. One data-driven table
// (EXPECT in tests/helpers/personas.ts) is the spec: each capability is one representative call, each
// persona one column; the call's answer is judged into a verdict (sees, sees-without-money, own-only,
// nothing, denied) and compared with the table. On top of the table, every answer is checked for what
// must never cross: B's names and ids for A's guest, money for people without money access, connection
// credentials for anyone, and any data at all for the anonymous visitor.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callAs } from '../../sandbox/scenarios/runner';
import type { Envelope } from './money-kit';
import {
  A,
  B,
  COLUMNS,
  EXPECT,
  LAST_MONTH,
  MONTH,
  P,
  PAGES_EXPECT,
  PERSONAS,
  SECRETS,
  accountOf,
  pageStatusFor,
  setMoneyVisibility,
  startPersonasWorld,
  type Capability,
  type Column,
  type PersonasWorld,
  type Verdict,
} from '../helpers/personas';

let w: PersonasWorld;
/** Payloads the admin-only writes send back unchanged (read once as the admin). */
let agencySettings: Record<string, unknown> = {};
let moneySettings: Record<string, unknown> = {};
let template: Record<string, unknown> = {};

type Json = Record<string, unknown>;
const obj = (x: unknown): Json => (typeof x === 'object' && x !== null ? (x as Json) : {});
const list = (x: unknown): Json[] => (Array.isArray(x) ? (x as Json[]) : []);
const has = (x: unknown, s: string): boolean => JSON.stringify(x ?? null).includes(s);

/** A and B seen in a list answer: sees (both), own-only (A only), nothing (neither). */
function scopeOf(data: unknown, withMoney = true): Verdict {
  const a = has(data, A.serviceId) || has(data, A.clientName);
  const b = has(data, B.serviceId) || has(data, B.clientName);
  if (b && !a) throw new Error('B without A');
  if (!a) return 'nothing';
  if (!withMoney) return 'sees-without-money';
  return b ? 'sees' : 'own-only';
}

interface Probe {
  module?: string;
  key: string;
  payload: (w: PersonasWorld) => unknown;
  extension?: (w: PersonasWorld) => Record<string, unknown>;
  /** Payloads naming B (their errors echo B's ids, which is not a leak). */
  namesB?: boolean;
  /** What an ok answer shows; also asserts the data that must be there. */
  judge(data: unknown, w: PersonasWorld): Verdict;
}

const hasMoney = (service: Json): boolean => obj(service.billing).monthlyFee === '10000.00';

/** One representative call per capability, and how its answer reads. */
const PROBES: Record<Capability, Probe> = {
  'app/viewer': { key: 'app/viewer', payload: () => ({}), judge: (d) => (obj(d).canSeeMoney === true ? 'sees' : 'sees-without-money') },
  'clients/list': { key: 'clients/list', payload: () => ({}), judge: (d) => scopeOf(d) },
  'services/list': { key: 'services/list', payload: () => ({}), judge: (d) => scopeOf(d) },
  'services/get A': {
    key: 'services/get',
    payload: () => ({ serviceId: A.serviceId }),
    judge: (d) => {
      const s = obj(obj(d).service);
      assert.equal(s.id, A.serviceId);
      assert.equal(obj(obj(d).client).name, A.clientName);
      return hasMoney(s) ? 'sees' : (assert.equal(obj(s.billing).monthlyFee, ''), 'sees-without-money');
    },
  },
  'services/get B': {
    key: 'services/get',
    namesB: true,
    payload: () => ({ serviceId: B.serviceId }),
    judge: (d) => (assert.equal(obj(obj(d).service).id, B.serviceId), hasMoney(obj(obj(d).service)) ? 'sees' : 'sees-without-money'),
  },
  'tasksets/get A': { key: 'tasksets/get', payload: () => ({ serviceId: A.serviceId }), judge: (d) => (assert.ok(has(d, A.serviceId)), 'sees') },
  'panel/issue A': {
    module: 'retainer-issue-panel',
    key: 'panel/issue',
    payload: () => ({}),
    extension: (w) => ({ project: { key: w.projectKeyA }, issue: { key: w.issueKeyA } }),
    judge: (d) => {
      if (d === null) return 'nothing';
      assert.equal(obj(d).clientName, A.clientName);
      return obj(d).money ? 'sees' : 'sees-without-money';
    },
  },
  'panel/issue B': {
    module: 'retainer-issue-panel',
    key: 'panel/issue',
    namesB: true,
    payload: () => ({}),
    extension: (w) => ({ project: { key: w.projectKeyB } }),
    judge: (d) => (d === null ? 'nothing' : (assert.equal(obj(d).clientName, B.clientName), obj(d).money ? 'sees' : 'sees-without-money')),
  },
  'money/panel A': { key: 'money/panel', payload: () => ({ serviceId: A.serviceId }), judge: (d) => (assert.match(String(obj(d).walletBalance), /^\d/), 'sees') },
  'money/invoices/list A': { key: 'money/invoices/list', payload: () => ({ serviceId: A.serviceId }), judge: (d) => (assert.ok(list(d).length > 0), 'sees') },
  'money/invoices/get A': { key: 'money/invoices/get', payload: (w) => ({ invoiceId: w.invoiceA }), judge: (d, w) => (assert.ok(has(d, w.invoiceA)), 'sees') },
  'money/ledger A': { key: 'money/ledger', payload: () => ({ serviceId: A.serviceId, period: MONTH }), judge: (d) => (assert.ok(list(obj(d).entries).length > 0), 'sees') },
  'money/profitability A': { key: 'money/profitability', payload: () => ({ serviceId: A.serviceId, period: LAST_MONTH }), judge: (d) => (assert.ok(has(d, 'margin')), 'sees') },
  'money/ledger B': { key: 'money/ledger', namesB: true, payload: () => ({ serviceId: B.serviceId, period: MONTH }), judge: () => 'sees' },
  'kpi/service A': {
    key: 'kpi/service',
    payload: () => ({ serviceId: A.serviceId, month: MONTH }),
    judge: (d) => {
      assert.equal(obj(d).state, 'ready');
      const hidden = obj(d).moneyHidden === true;
      for (const f of ['revenue', 'totalCost', 'margin']) assert.equal(f in obj(obj(d).facts), !hidden, `fact ${f}`);
      return hidden ? 'sees-without-money' : 'sees';
    },
  },
  'kpi/service B': { key: 'kpi/service', namesB: true, payload: () => ({ serviceId: B.serviceId, month: MONTH }), judge: (d) => (obj(d).moneyHidden ? 'sees-without-money' : 'sees') },
  'kpi/fulfilment': {
    key: 'kpi/fulfilment',
    payload: () => ({ month: MONTH }),
    judge: (d) => {
      const managers = list(obj(d).rows).map((r) => obj(r.fulfilment).managerAccountId);
      if (managers.length === 0) return 'nothing';
      return managers.includes('u-man-b') ? 'sees' : (assert.deepEqual(managers, [P.manager]), 'own-only');
    },
  },
  'reports/list A': { key: 'reports/list', payload: () => ({ serviceId: A.serviceId }), judge: (d, w) => (assert.ok(has(d, w.reportA.reportId)), 'sees') },
  'report/charts A': {
    module: 'retainer-report-charts',
    key: 'report/charts',
    payload: (w) => ({ reportId: w.reportA.reportId }),
    extension: (w) => ({ content: { id: w.reportA.pageId, type: 'page' } }),
    judge: (d, w) => (assert.equal(obj(d).reportId, w.reportA.reportId), 'sees'),
  },
  'report/feedback/get A': {
    module: 'retainer-report-feedback',
    key: 'report/feedback/get',
    payload: (w) => ({ reportId: w.reportA.reportId }),
    extension: (w) => ({ content: { id: w.reportA.pageId, type: 'page' } }),
    judge: (d, w) => (assert.equal(obj(d).reportId, w.reportA.reportId), 'sees'),
  },
  'report/charts B': {
    module: 'retainer-report-charts',
    key: 'report/charts',
    namesB: true,
    payload: (w) => ({ reportId: w.reportB.reportId }),
    extension: (w) => ({ content: { id: w.reportB.pageId, type: 'page' } }),
    judge: (d, w) => (assert.equal(obj(d).reportId, w.reportB.reportId), 'sees'),
  },
  'dashboard: my clients': {
    module: 'retainer-global-page',
    key: 'dashboard/manager',
    payload: () => ({ month: MONTH }),
    judge: (d) => scopeOf(obj(d).rows, list(obj(d).rows).some((r) => r.money !== null)),
  },
  'dashboard: all services': { module: 'retainer-global-page', key: 'dashboard/manager', payload: () => ({ month: MONTH, all: true }), judge: (d) => scopeOf(obj(d).rows) },
  'dashboard: department': { module: 'retainer-global-page', key: 'dashboard/head', payload: () => ({ month: MONTH }), judge: (d) => (assert.ok(list(obj(d).turnover).length > 0), 'sees') },
  'dashboard: finance': { module: 'retainer-global-page', key: 'money/review/list', payload: () => ({}), judge: () => 'sees' },
  'connections/list': {
    module: 'retainer-admin-page',
    key: 'connections/list',
    payload: () => ({}),
    judge: (d) => {
      const rows = list(d);
      const manage = rows.every((r) => Array.isArray(r.credentialFields));
      // Credential field names only for those who manage connections (admins and heads).
      if (rows.length > 0) assert.ok(manage || rows.every((r) => r.credentialFields === null), 'credential names all or none');
      const v = scopeOf(d);
      return v === 'sees' ? (assert.ok(manage), v) : v;
    },
  },
  'users/list': { module: 'retainer-admin-page', key: 'users/list', payload: () => ({}), judge: (d) => (list(d).length === 0 ? 'nothing' : 'sees') },
  'admin: agency/save': { module: 'retainer-admin-page', key: 'agency/save', payload: () => agencySettings, judge: () => 'sees' },
  'admin: roles & rates': { module: 'retainer-admin-page', key: 'money/settings/get', payload: () => ({}), judge: (d) => (assert.ok(obj(obj(d).settings).costRates), 'sees') },
  'admin: money settings save': { module: 'retainer-admin-page', key: 'money/settings/save', payload: () => moneySettings, judge: () => 'sees' },
  'admin: notifications': { module: 'retainer-admin-page', key: 'notifications/get', payload: () => ({}), judge: () => 'sees' },
  'admin: metrics settings': { module: 'retainer-admin-page', key: 'metrics/settings/get', payload: () => ({}), judge: () => 'sees' },
  'admin: KPI plans': { module: 'retainer-admin-page', key: 'kpi/plan/get', payload: () => ({ month: MONTH }), judge: (d) => (assert.ok(list(obj(d).plans).length > 0), 'sees') },
  // An existing template saved back unchanged.
  'admin: templates/save': { module: 'retainer-admin-page', key: 'templates/save', payload: () => template, judge: (d) => (assert.equal(obj(d).id, template.id), 'sees') },
  'sales/leads/list': { module: 'retainer-global-page', key: 'sales/leads/list', payload: () => ({}), judge: () => 'sees' },
  'sales/funnel': { module: 'retainer-global-page', key: 'sales/funnel', payload: () => ({}), judge: () => 'sees' },
};

/** Anything that reads as money in an answer (amounts of A's fee and payment, money field names). */
const MONEY_MARKERS = [/10000\.00/, /12000\.00/, /1500\.00/, /"walletBalance"/, /"feesBalance"/, /"margin"/, /"totalCost"/, /"costRates"/, /"monthlyFee":"\d/];

interface Outcome {
  verdict: Verdict | 'error';
  env: Envelope<unknown>;
  note: string;
}

async function probe(cap: Capability, col: Column): Promise<Outcome> {
  const p = PROBES[cap];
  const r = await w.sb.invokeResolver(p.module ?? 'retainer-project-page', p.key, p.payload(w), { accountId: accountOf(col), ...(p.extension ? { extension: p.extension(w) } : {}) });
  assert.equal(r.record.outcome, 'ok', `${cap} as ${col}: invocation ${r.record.outcome} ${r.record.error ?? ''}`);
  const env = r.value as Envelope<unknown>;
  if (!env.ok) {
    const code = env.error?.code ?? '';
    return { verdict: code === 'FORBIDDEN' || code === 'NOT_FOUND' ? 'denied' : 'error', env, note: `${code} ${env.error?.message ?? ''}` };
  }
  try {
    return { verdict: p.judge(env.data, w), env, note: '' };
  } catch (e) {
    return { verdict: 'error', env, note: (e as Error).message };
  }
}

/** What must never cross, whatever the table says. */
function neverLeaks(cap: Capability, col: Column, o: Outcome): string[] {
  const out: string[] = [];
  const text = JSON.stringify(o.env);
  for (const s of SECRETS) if (text.includes(s)) out.push(`credential ${s}`);
  if (o.verdict === 'denied' && o.env.data !== undefined) out.push('data next to an error');
  if (col === 'anonymous' && o.env.ok) out.push('anonymous got an answer');
  const guest = col === 'guestA' || col === 'guestB';
  if (guest || col === 'specialist' || col === 'managerHeadAdmin') for (const m of MONEY_MARKERS) if (m.test(text)) out.push(`money ${m.source}`);
  if (col === 'guestA' && !PROBES[cap].namesB) {
    for (const s of [B.clientName, B.clientId, B.serviceId, w.projectKeyB, w.reportB.reportId, w.reportB.pageId]) if (text.includes(s)) out.push(`B's ${s}`);
  }
  if (guest && o.env.ok) for (const s of ['worklog', 'costRates', 'profit']) if (text.toLowerCase().includes(s.toLowerCase())) out.push(`internal ${s}`);
  return out;
}

before(async () => {
  const t0 = Date.now();
  w = await startPersonasWorld();
  agencySettings = await callAs<Record<string, unknown>>(w.sb, P.admin, 'agency/get', {});
  template = (await callAs<Array<Record<string, unknown>>>(w.sb, P.admin, 'templates/list', {}))[0] ?? {};
  moneySettings = (await callAs<{ settings: Record<string, unknown> }>(w.sb, P.admin, 'money/settings/get', {})).settings;
  console.log(`personas world ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

after(async () => {
  await w?.sb.close();
});

describe('personas: who sees what', () => {
  test('should give each persona exactly what the table says, through the resolvers', async () => {
    const got: Record<string, Partial<Record<Column, string>>> = {};
    const wrong: string[] = [];
    // The leak checks would see a leak: they match the manager's money and B in the head's answers.
    const markersSeen = new Set<string>();
    for (const col of COLUMNS) {
      if (col === 'managerHeadAdmin') await setMoneyVisibility(w.sb, 'head-admin');
      try {
        for (const cap of Object.keys(EXPECT) as Capability[]) {
          const o = await probe(cap, col);
          (got[cap] ??= {})[col] = o.verdict;
          const want = EXPECT[cap][col];
          if (o.verdict !== want) wrong.push(`${cap} as ${col}: expected ${want}, got ${o.verdict} ${o.note}`);
          for (const leak of neverLeaks(cap, col, o)) wrong.push(`${cap} as ${col}: leaks ${leak}`);
          const text = JSON.stringify(o.env);
          if (col === 'manager' && MONEY_MARKERS.some((m) => m.test(text))) markersSeen.add('money');
          if (col === 'head' && text.includes(B.clientName)) markersSeen.add('B');
        }
      } finally {
        if (col === 'managerHeadAdmin') await setMoneyVisibility(w.sb, 'manager-head-admin');
      }
    }
    // The observed matrix, printed as the spec reads (handy when the table changes on purpose).
    const head = ['capability', ...COLUMNS];
    console.log([head.join(' | '), ...Object.entries(got).map(([cap, r]) => [cap, ...COLUMNS.map((c) => r[c] ?? '')].join(' | '))].join('\n'));
    assert.deepEqual(wrong, []);
    assert.deepEqual([...markersSeen].sort(), ['B', 'money']);
  });

  test("should let each persona read exactly the Confluence pages it should: A's and B's published reports, A's drafts page", async () => {
    const pages = { 'report A': w.reportA.pageId, 'report B': w.reportB.pageId, 'drafts A': w.draftsPageA } as const;
    const wrong: string[] = [];
    for (const [name, pageId] of Object.entries(pages) as Array<[keyof typeof pages, string]>) {
      for (const persona of PERSONAS) {
        const status = await pageStatusFor(w.sb, P[persona], pageId);
        if (status !== PAGES_EXPECT[name][persona]) wrong.push(`${name} as ${persona}: expected ${PAGES_EXPECT[name][persona]}, got ${status}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test("should take feedback on A's report from A's guest only", async () => {
    const submit = async (accountId: string | null) => {
      const r = await w.sb.invokeResolver('retainer-report-feedback', 'report/feedback/submit', { reportId: w.reportA.reportId, rating: 5, comment: 'personas' }, { accountId, extension: { content: { id: w.reportA.pageId, type: 'page' } } });
      return r.value as Envelope<{ canSubmit: boolean }>;
    };
    assert.equal((await submit(P.guestA)).ok, true);
    for (const other of [P.guestB, null]) assert.equal((await submit(other)).error?.code, 'FORBIDDEN', `feedback as ${other}`);
    const ratings = (await callAs<Array<{ reportId: string; ratings: number[] }>>(w.sb, P.manager, 'reports/list', { serviceId: A.serviceId }, 'retainer-project-page')).find((r) => r.reportId === w.reportA.reportId)?.ratings;
    assert.deepEqual(ratings, [4, 5]);
  });
});
