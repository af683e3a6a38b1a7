// Suite "connectors" (issue 4): a 13-month backfill of 300 services × 3 sources through the real
// sync jobs, with 100 ms emulated latency on every fake API; and the Yandex Direct TSV parser on a
// 1,000,000-row report. The agency and its 900 connections are set up first without latency (not
// measured); the backfill starts when the queue is drained with latency on.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { FAULT_PROFILES } from '../sandbox/core/faults';
import type { FakeSource } from '../sandbox/fakes';
import { Sandbox } from '../sandbox/platform';
import { demoConnection, registerFakeAccount, saveDemoConnection } from '../sandbox/scenarios/connections';
import { callAs } from '../sandbox/scenarios/runner';
import { smallAgency } from '../tests/helpers/agency';

const SERVICES = Number(process.env.BENCH_CONNECTOR_SERVICES ?? 300);
const MONTHS = Number(process.env.BENCH_CONNECTOR_MONTHS ?? 13);
/** Runtime pool size = parallel invocations. Most of a sync unit's time is waiting on the API. */
const POOL = Number(process.env.BENCH_CONNECTOR_POOL ?? 8);
const START = '2026-11-10T08:00:00Z';

type ServiceType = 'seo' | 'yandex-direct' | 'google-ads' | 'smm' | 'targeted-ads';

/** Three sources per service, by type: every one of the seven APIs is exercised. */
const SOURCES: Record<ServiceType, readonly FakeSource[]> = {
  'google-ads': ['google-ads', 'ga4', 'search-console'],
  'yandex-direct': ['yandex-direct', 'yandex-metrica', 'topvisor'],
  seo: ['search-console', 'ga4', 'topvisor'],
  'targeted-ads': ['meta', 'ga4', 'yandex-metrica'],
  smm: ['meta', 'yandex-metrica', 'topvisor'],
};

/** The agency through the app's resolvers (settings, clients, services), without Jira/Confluence setup. */
async function setUp(sb: Sandbox): Promise<Array<{ id: string; type: ServiceType; currency: string }>> {
  const s = smallAgency({ services: SERVICES, start: START, end: START });
  sb.site.seed({
    users: s.users.map((u) => ({ accountId: u.accountId, displayName: u.displayName, accountType: 'atlassian' as const, active: true, locale: 'en_US', timeZone: 'Europe/Kyiv', groups: ['jira-software-users'] })),
  });
  await sb.fireLifecycle('avi:forge:installed:app');
  await sb.kvs.handle('/api/v1/set', {
    key: 'agency:settings',
    value: { name: s.agency.name, language: 'en', timeZone: s.agency.timeZone, baseCurrency: 'UAH', headAccountIds: ['u-head'], adminAccountIds: ['u-admin'], moneyVisibility: 'manager-head-admin' },
  });
  const out: Array<{ id: string; type: ServiceType; currency: string }> = [];
  for (const c of s.clients) {
    await callAs(sb, 'u-admin', 'clients/save', { id: c.id, name: c.name, legal: c.legal, language: c.language, currency: c.currency, contacts: [] });
    for (const sv of c.services) {
      await callAs(sb, 'u-admin', 'services/save', {
        id: sv.id,
        clientId: c.id,
        type: sv.type,
        name: sv.name,
        managerAccountId: sv.manager,
        headAccountId: 'u-head',
        team: { manager: [sv.manager] },
        startDate: sv.startDate,
        status: 'active',
        billing: { monthlyFee: sv.fee, commissionPercent: sv.commission, vatRatePercent: sv.vat, prepaidAdBudget: sv.prepaid },
        monthlyHourAllowance: sv.allowance,
        reportSchedule: { weekly: { enabled: false, weekday: 1 }, monthly: { enabled: false, dayOfMonth: 3 }, autoSend: false },
      });
      out.push({ id: sv.id, type: sv.type, currency: c.currency });
    }
  }
  return out;
}

const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

/** benchTsv (src/connectors/metrics/yandex-direct/bench.ts) run by a fresh Node with --expose-gc. */
function tsvInChildProcess(rows: number): { rowsPerSecond: number; heapGrowthMB: number } {
  const code = `const { benchTsv } = await import('./src/connectors/metrics/yandex-direct/bench.ts'); process.stdout.write(JSON.stringify(await benchTsv(${rows})));`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', code], { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`benchTsv failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { rowsPerSecond: number; heapGrowthMB: number };
}

export async function benchConnectors(): Promise<Record<string, unknown>> {
  // The parser in a fresh process (with --expose-gc), so its heap growth is the parser's alone.
  const tsv = tsvInChildProcess(1_000_000);

  const sb = await Sandbox.start({ start: START, poolSize: POOL });
  try {
    const tSetup = performance.now();
    const services = await setUp(sb);
    let connections = 0;
    for (const sv of services) {
      for (const source of SOURCES[sv.type]) {
        const c = demoConnection(sv.id, source, sv.currency);
        registerFakeAccount(sb, c);
        await saveDemoConnection(sb, 'u-admin', c, MONTHS);
        connections++;
      }
    }
    const setupSeconds = (performance.now() - tSetup) / 1000;
    // Nothing has been delivered yet: the 900 backfill starts wait in the queue.
    sb.apiFaults.setProfile(FAULT_PROFILES.latency100, 'bench-connectors');
    const logFrom = sb.log.entries.length;
    const recFrom = sb.runtime.records.length;
    const t0 = performance.now();
    await sb.drain();
    const wallSeconds = (performance.now() - t0) / 1000;
    sb.apiFaults.setProfile(FAULT_PROFILES.clean);

    const externalCalls: Record<string, number> = {};
    for (const e of sb.log.entries.slice(logFrom)) if (e.service !== 'jira' && e.service !== 'confluence') externalCalls[e.service] = (externalCalls[e.service] ?? 0) + 1;
    const workers = sb.runtime.records.slice(recFrom).filter((r) => r.functionKey === 'jobs-worker');
    const heaviest = workers.reduce((a, r) => (r.peakMemoryMB > a.peakMemoryMB ? r : a), workers[0] ?? { peakMemoryMB: 0, wallMs: 0 });
    const times = workers.map((r) => r.wallMs).sort((a, b) => a - b);
    const peaks = workers.map((r) => r.peakMemoryMB).sort((a, b) => a - b);
    const heaviestUnit = sb.runtime.logs.find((l) => l.invocationId === (heaviest as { invocationId?: string }).invocationId && l.text.startsWith('metrics '))?.text ?? null;
    // Context for the memory figure: what a trivial invocation peaks at in the same warm workers.
    const idleFrom = sb.runtime.records.length;
    for (let i = 0; i < POOL * 2; i++) await sb.invokeResolver('retainer-admin-page', 'metrics/settings/get', {}, { accountId: 'u-admin' });
    const idlePeaks = sb.runtime.records.slice(idleFrom).map((r) => r.peakMemoryMB).sort((a, b) => a - b);
    const snap = sb.kvs.snapshot();
    const states = Object.entries(snap.keys).filter(([k]) => k.startsWith('metrics-sync:')).map(([, v]) => v as { backfill?: { state?: string } | null; lastError?: unknown });
    const monthDocs = Object.keys(snap.keys).filter((k) => k.startsWith('metrics:') && !k.includes(':part'));
    const docBytes = Object.entries(snap.keys)
      .filter(([k]) => k.startsWith('metrics:'))
      .map(([, v]) => Buffer.byteLength(JSON.stringify(v)));
    const summaryCount = Object.keys(snap.entities['metrics-summary'] ?? {}).length;
    return {
      services: services.length,
      connections,
      backfillMonths: MONTHS,
      latencyMs: 100,
      poolSize: POOL,
      externalCalls,
      externalCallsTotal: Object.values(externalCalls).reduce((a, b) => a + b, 0),
      wallSeconds: round(wallSeconds),
      peakMemoryMB: round(heaviest.peakMemoryMB),
      heaviestInvocation: heaviestUnit,
      medianInvocationMemoryMB: round(peaks[Math.floor(peaks.length / 2)] ?? 0),
      trivialInvocationMemoryMB: round(idlePeaks[Math.floor(idlePeaks.length / 2)] ?? 0),
      invocations: workers.length,
      invocationP50Ms: round(times[Math.floor(times.length / 2)] ?? 0),
      invocationP95Ms: round(times[Math.floor(times.length * 0.95)] ?? 0),
      invocationMaxMs: round(times.at(-1) ?? 0),
      longestInvocationShareOfTimeout: round(Math.max(0, ...workers.map((r) => r.wallMs / r.timeoutMs)), 4),
      failedInvocations: workers.filter((r) => r.outcome !== 'ok').length,
      backfillsDone: states.filter((s) => s.backfill?.state === 'done').length,
      monthDocuments: monthDocs.length,
      largestMonthDocumentKB: round(Math.max(0, ...docBytes) / 1024),
      serviceMonthSummaries: summaryCount,
      setupSeconds: round(setupSeconds),
      tsvRowsPerSecond: tsv.rowsPerSecond,
      tsvHeapGrowthMB: tsv.heapGrowthMB,
    };
  } finally {
    await sb.close();
  }
}
