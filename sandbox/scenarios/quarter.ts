// The agency-scale run (issue 10): a generated agency of N services lives through a quarter in the
// sandbox — setup, daily and hourly planners, metrics syncs, task sets, people's worklogs, monthly
// reports published by managers and rated by clients, invoices and payments, money and site alerts,
// website leads — and the run reports what it cost (calls by endpoint, invocations, GB-seconds, KVS
// operations) and what it ended with (sandbox/scenarios/state.ts). Under a fault profile the same
// quarter also loses one connector's access for a few days until the admin renews it.
import type { ConnectionView } from '../../src/shared/api-metrics';
import type { FaultProfileName } from '../core/faults';
import { hashString } from '../core/rng';
import { Sandbox, type MeterSummary } from '../platform';
import { actAs, mustActAs } from './act';
import { agencyScenario } from './agency-scale';
import { postSignedLead } from './leads';
import { applyScenario, simulatePeriod } from './runner';
import type { Scenario } from './scenario';
import { agencyState, type AgencyState } from './state';

const DAY = 86_400_000;
const FORM_SECRET = 'scale-website-form-secret-0123456789abcdef';
/**
 * The fault run's lost access: days (from the start) the token expires and the admin renews it —
 * Tuesday to Thursday of the third week, so no report is drafted while the data is missing (the
 * weekly one is drafted on Monday, after the renewal has pulled the missed days).
 */
export const EXPIRY = { expireOnDay: 17, renewOnDay: 19 } as const;
/** Items only the fault run has by design: the reconnect issue, its comments and notifications. */
export const FAULT_ARTIFACT = /Reconnect |retainer-reconnect/;

export interface QuarterOptions {
  services: number;
  /** First simulated day (default 2026-08-01) and how many days to run (default 92). */
  start?: string;
  days?: number;
  /** When the fault run's token expires and is renewed (default EXPIRY). */
  expiry?: { expireOnDay: number; renewOnDay: number };
  seed?: number;
  faults?: FaultProfileName;
  poolSize?: number;
  log?: (line: string) => void;
  /** Looks at the sandbox before it closes (tests and debugging). */
  inspect?: (sb: Sandbox) => void;
}

export interface QuarterSummary {
  services: number;
  clients: number;
  simulatedDays: number;
  faults: string;
  wallSeconds: number;
  invocations: number;
  invocationsByKind: Record<string, number>;
  gbSeconds: number;
  gbSecondsPerServicePerMonth: number;
  atlassianCalls: number;
  atlassianCallsPerServicePerMonth: number;
  jiraCallsByEndpoint: Record<string, number>;
  confluenceCallsByEndpoint: Record<string, number>;
  externalApiCalls: Record<string, number>;
  kvsOps: number;
  longestInvocationShareOfTimeout: { function: string; share: number };
  errorsByFunction: Record<string, string>;
  errorSamples: string[];
  errors: { invocationErrors: number; timeouts: number; killedByFaults: number; resolverInternalErrors: number; deadLetters: number; specViolations: number; peopleGaveUp: number };
  faultsInjected: { atlassian: number; externalApis: number; killedInvocations: number; duplicateTriggers: number; duplicateDeliveries: number };
  activity: { jiraIssues: number; worklogs: number; tasksClosed: number; reportsPublished: number; feedback: number; leadsPosted: number; invoices: number; payments: number; pages: number; attachments: number; notifications: number };
  tokenRenewal?: { connection: string; expiredOn: string; renewedOn: string; reconnectIssues: number; reconnectIssuesOpen: number };
}

export interface QuarterResult {
  summary: QuarterSummary;
  state: AgencyState;
}

const ymd = (t: number): string => new Date(t).toISOString().slice(0, 10);

interface ReportRow {
  reportId: string;
  kind: string;
  status: string;
  pageId: string | null;
  ratings: number[];
}

/** The monthly reports of the month before: managers publish them on the 5th, clients rate them on the 8th. */
async function reportsDay(sb: Sandbox, s: Scenario, day: string, counts: { published: number; feedback: number; gaveUp: number }): Promise<void> {
  const dom = Number(day.slice(8, 10));
  if (dom !== 5 && dom !== 8) return;
  for (const client of s.clients) {
    const guest = s.users.find((u) => u.role === 'client-guest' && u.guestOf === client.id)?.accountId;
    for (const sv of client.services) {
      const list = await actAs<ReportRow[]>(sb, sv.manager, 'reports/list', { serviceId: sv.id }, 'retainer-project-page');
      if (!list.ok) {
        counts.gaveUp++;
        continue;
      }
      for (const r of (list.data ?? []).filter((x) => x.kind === 'monthly')) {
        if (dom === 5 && r.status === 'draft') {
          const analysis = `Results of the month for ${client.name}: see the charts below.`;
          await actAs(sb, sv.manager, 'reports/update', { reportId: r.reportId, analysis, proposals: 'Keep the budget; test two new ad groups.' }, 'retainer-project-page');
          const p = await actAs(sb, sv.manager, 'reports/publish', { reportId: r.reportId }, 'retainer-project-page');
          if (p.ok) counts.published++;
          else counts.gaveUp++;
        }
        if (dom === 8 && r.status === 'published' && r.ratings.length === 0 && guest && r.pageId) {
          const rating = 2 + (hashString(r.reportId) % 4);
          const f = await actAs(sb, guest, 'report/feedback/submit', { reportId: r.reportId, rating, comment: rating < 3 ? 'We expected more leads.' : 'Thank you, clear report.' }, 'retainer-report-feedback', { content: { id: r.pageId, type: 'page' } });
          if (f.ok) counts.feedback++;
          else counts.gaveUp++;
        }
      }
    }
    await sb.drain();
  }
}

/** Website leads on Mondays, signed as the site's form would; the site resubmits when it gets no 200. */
async function leadsDay(sb: Sandbox, day: string, dayIndex: number): Promise<number> {
  if (new Date(`${day}T00:00:00Z`).getUTCDay() !== 1) return 0;
  let posted = 0;
  for (let k = 0; k < 2; k++) {
    const n = dayIndex * 2 + k;
    // Every fifth request comes from someone who wrote before (the intake flags the duplicate).
    const who = n % 5 === 4 ? n - 4 : n;
    const body = JSON.stringify({ name: `Prospect ${who}`, company: `Prospect Company ${who}`, email: `owner@prospect${who}.example`, site: `prospect${who}.example`, serviceTypes: n % 2 === 0 ? ['seo'] : ['google-ads', 'targeted-ads'], message: `Request ${n}: we want more customers.`, language: (['uk', 'ru', 'en'] as const)[n % 3] });
    if ((await postSignedLead(sb, FORM_SECRET, body)) === 200) posted++;
  }
  await sb.drain();
  return posted;
}

type ConnectionRow = Pick<ConnectionView, 'id' | 'source' | 'status' | 'accountId'>;

/** Runs the quarter and returns its summary and end state. */
export async function runQuarter(opts: QuarterOptions): Promise<QuarterResult> {
  const log = opts.log ?? ((): void => undefined);
  const seed = opts.seed ?? 1;
  const s = agencyScenario({ services: opts.services, seed, start: opts.start, days: opts.days });
  const expiry = opts.expiry ?? EXPIRY;
  const t0 = performance.now();
  // Retry-After and back-off waits pass 20× faster (still billed in full): a quarter under faults
  // would otherwise spend most of its wall time asleep.
  const sb = await Sandbox.start({ start: s.start, seed, poolSize: opts.poolSize ?? 4, timeWarp: 20 });
  try {
    if (opts.faults) sb.setFaults(opts.faults, seed);
    log(`setting up ${opts.services} services of ${s.clients.length} clients (faults: ${opts.faults ?? 'clean'})…`);
    await applyScenario(sb, s, log);
    await mustActAs(sb, 'u-admin', 'sales/form-secret/configure', { secret: FORM_SECRET });
    const counts = { published: 0, feedback: 0, gaveUp: 0, leads: 0 };
    let renewal: QuarterSummary['tokenRenewal'];
    let expired: { conn: ConnectionRow; serviceId: string; token: string } | undefined;
    const startMs = s.start.getTime();
    const sim = await simulatePeriod(sb, s, log, async (at) => {
      const day = ymd(at.getTime() - 9 * 3_600_000);
      const dayIndex = Math.round((Date.parse(`${day}T00:00:00Z`) - startMs) / DAY);
      await reportsDay(sb, s, day, counts);
      counts.leads += await leadsDay(sb, day, dayIndex);
      if (opts.faults && dayIndex === expiry.expireOnDay) expired = await expireOneToken(sb, s);
      if (opts.faults && expired && dayIndex === expiry.renewOnDay) {
        const { conn, serviceId } = expired;
        await mustActAs(sb, 'u-admin', 'connections/save', { id: conn.id, serviceId, source: conn.source, account: { accountId: conn.accountId }, credentials: { accessToken: `y0_renewed-${serviceId}` } });
        await sb.drain();
        renewal = { connection: `${serviceId}/${conn.source}`, expiredOn: ymd(startMs + expiry.expireOnDay * DAY), renewedOn: day, reconnectIssues: 0, reconnectIssuesOpen: 0 };
      }
    });
    await sb.drain();
    const wallSeconds = (performance.now() - t0) / 1000;
    const meter = sb.meter();
    const state = agencyState(sb, FAULT_ARTIFACT);
    opts.inspect?.(sb);
    const summary = summarize(sb, s, meter, { days: sim.days, wallSeconds, worklogs: sim.worklogs, closed: sim.closed, ...counts, faults: opts.faults ?? 'clean' });
    if (renewal) {
      const reconnect = [...sb.site.jira.issues.values()].filter((i) => i.labels.includes('retainer-reconnect'));
      renewal.reconnectIssues = reconnect.length;
      renewal.reconnectIssuesOpen = reconnect.filter((i) => i.resolution === null).length;
      summary.tokenRenewal = renewal;
    }
    return { summary, state };
  } finally {
    await sb.close();
  }
}

/** The fault run's lost access: the first Yandex Metrica connection's token stops working. */
async function expireOneToken(sb: Sandbox, s: Scenario): Promise<{ conn: ConnectionRow; serviceId: string; token: string } | undefined> {
  for (const c of s.clients) for (const sv of c.services) {
    if (sv.type !== 'yandex-direct') continue;
    const list = await mustActAs<ConnectionRow[]>(sb, 'u-admin', 'connections/list', { serviceId: sv.id });
    const conn = list.find((x) => x.source === 'yandex-metrica');
    if (!conn) continue;
    const token = `y0_demo-metrica-${sv.id.replace(/^sv-/, '')}`;
    sb.fakes.control.expireToken(token);
    return { conn, serviceId: sv.id, token };
  }
  return undefined;
}

interface Counts {
  days: number;
  wallSeconds: number;
  worklogs: number;
  closed: number;
  published: number;
  feedback: number;
  gaveUp: number;
  leads: number;
  faults: string;
}

function summarize(sb: Sandbox, s: Scenario, m: MeterSummary, c: Counts): QuarterSummary {
  const services = s.clients.reduce((n, x) => n + x.services.length, 0);
  const months = c.days / (365.25 / 12);
  const jira: Record<string, number> = {};
  const confluence: Record<string, number> = {};
  let atlassian = 0;
  for (const [k, n] of Object.entries(m.productEndpoints)) {
    atlassian += n;
    if (k.startsWith('confluence ')) confluence[k.slice(11)] = n;
    else jira[k.slice(5)] = n;
  }
  let longest = { function: '', share: 0 };
  let errors = 0;
  let timeouts = 0;
  let killed = 0;
  for (const [fn, f] of Object.entries(m.byFunction)) {
    if (f.maxShareOfTimeout > longest.share) longest = { function: fn, share: f.maxShareOfTimeout };
    errors += f.errors;
    timeouts += f.timeouts;
    killed += f.killed;
  }
  const byKind: Record<string, number> = {};
  for (const r of sb.runtime.records) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  const internal = sb.runtime.logs.filter((l) => /resolver \S+ failed/.test(l.text)).length;
  const conf = sb.site.confluence;
  const entities = sb.kvs.snapshot().entities;
  const invoices = Object.keys(entities.invoice ?? {}).length;
  const payments = Object.keys(entities.payment ?? {}).length;
  const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;
  return {
    services,
    clients: s.clients.length,
    simulatedDays: c.days,
    faults: c.faults,
    wallSeconds: round(c.wallSeconds, 1),
    invocations: m.invocations,
    invocationsByKind: byKind,
    gbSeconds: round(m.gbSeconds, 1),
    gbSecondsPerServicePerMonth: round(m.gbSeconds / services / months, 3),
    atlassianCalls: atlassian,
    atlassianCallsPerServicePerMonth: round(atlassian / services / months, 1),
    jiraCallsByEndpoint: sortDesc(jira),
    confluenceCallsByEndpoint: sortDesc(confluence),
    externalApiCalls: sortDesc(m.egressCalls),
    kvsOps: m.kvsOps,
    longestInvocationShareOfTimeout: longest,
    errorsByFunction: Object.fromEntries(Object.entries(m.byFunction).filter(([, f]) => f.errors + f.timeouts + f.killed > 0).map(([fn, f]) => [fn, `${f.errors} errors, ${f.timeouts} timeouts, ${f.killed} killed of ${f.count}`])),
    errorSamples: [...new Set(sb.runtime.records.filter((r) => r.outcome === 'error').map((r) => `${r.functionKey}: ${(r.error ?? '').slice(0, 200)}`))].slice(0, 8),
    errors: { invocationErrors: errors, timeouts, killedByFaults: killed, resolverInternalErrors: internal, deadLetters: m.queue.dropped, specViolations: m.specViolations, peopleGaveUp: c.gaveUp },
    faultsInjected: {
      atlassian: sb.siteFaults.counts.rateLimited + sb.siteFaults.counts.unavailable,
      externalApis: sb.apiFaults.counts.rateLimited + sb.apiFaults.counts.unavailable,
      killedInvocations: killed,
      duplicateTriggers: sb.scheduler.fires.filter((f) => f.duplicate).length,
      duplicateDeliveries: m.queue.duplicatesInjected,
    },
    activity: {
      jiraIssues: sb.site.jira.issues.size,
      worklogs: c.worklogs,
      tasksClosed: c.closed,
      reportsPublished: c.published,
      feedback: c.feedback,
      leadsPosted: c.leads,
      invoices,
      payments,
      pages: [...conf.pages.values()].filter((p) => p.status === 'current').length,
      attachments: [...conf.attachments.values()].filter((a) => a.status === 'current').length,
      notifications: sb.site.jira.notifications.length,
    },
  };
}

function sortDesc(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort((a, b) => b[1] - a[1]));
}
