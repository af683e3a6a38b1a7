// Suite "panels" (issue 8): issue-panel loads against precomputed snapshots. An agency of services is
// set up through the app, the daily planner computes every snapshot (panel-refresh jobs), then 200
// `panel/issue` loads fire at once through the sandbox runtime as a mix of personas (the service's
// manager, a specialist on it, the head, an admin, a manager of other services). Every figure comes from
// the runtime's per-invocation meter:
//   kvsReadsPerLoad   KVS get/query requests per load (mean and max; budget ≤ 2)
//   jiraCallsPerLoad  Jira/Confluence requests per load (budget 0)
//   resolverP95Ms     95th percentile of the resolver invocation's duration (target ≤ 50)
// and what one refresh costs (KVS operations, Jira calls and time per service of a panel-refresh job).
import { performance } from 'node:perf_hooks';
import type { InvocationRecord } from '../sandbox/runtime/runtime';
import { callAs } from '../sandbox/scenarios/runner';
import type { IssuePanelResult, ServiceSummary } from '../src/shared/api';
import { refreshMessages } from '../src/usecases/panels/enqueue';
import { smallAgency, startAgency } from '../tests/helpers/agency';
import { pushAndDrain } from '../tests/integration/kpi-helpers';

const SERVICES = Number(process.env.BENCH_PANELS_SERVICES ?? 20);
const LOADS = Number(process.env.BENCH_PANELS_LOADS ?? 200);
const WARMUP = 20;

type Persona = 'manager' | 'specialist' | 'head' | 'admin' | 'outsider';
const PERSONAS: Persona[] = ['manager', 'specialist', 'head', 'admin', 'outsider'];
const SPECIALIST: Record<string, string> = { seo: 'u-seo', 'yandex-direct': 'u-ppc', 'google-ads': 'u-ppc', smm: 'u-smm', 'targeted-ads': 'u-target' };

const isRead = (path: string): boolean => /get|query/.test(path);
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;
function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);
}

export async function benchPanels(): Promise<Record<string, unknown>> {
  const scenario = smallAgency({ services: SERVICES });
  const sb = await startAgency(scenario);
  try {
    const plannerStart = performance.now();
    await sb.fireScheduled('daily-planner');
    const services = (await callAs<ServiceSummary[]>(sb, 'u-admin', 'services/list', {})).filter((s) => s.jiraProjectKey);
    const snapshots = Object.keys(sb.kvs.snapshot().keys).filter((k) => k.startsWith('panel:snapshot:')).length;
    const plannerSeconds = (performance.now() - plannerStart) / 1000;

    // The refresh job itself: every service's snapshot recomputed through panel-refresh messages.
    const refreshFrom = sb.runtime.records.length;
    await pushAndDrain(sb, refreshMessages(services.map((s) => s.id), 'bench'));
    const refreshRecords = sb.runtime.records.slice(refreshFrom).filter((r) => r.functionKey === 'jobs-worker');
    const refreshKvsOps = sum(refreshRecords.map((r) => sum(Object.values(r.counters.kvs))));
    const refreshJira = sum(refreshRecords.map((r) => sum(Object.values(r.counters.product))));
    const refreshMs = sum(refreshRecords.map((r) => r.wallMs));

    const plan = Array.from({ length: WARMUP + LOADS }, (_, i) => {
      const s = services[i % services.length] as ServiceSummary;
      const persona = PERSONAS[i % PERSONAS.length] as Persona;
      const accountId =
        persona === 'manager' ? s.managerAccountId
        : persona === 'specialist' ? (SPECIALIST[s.type] as string)
        : persona === 'head' ? 'u-head'
        : persona === 'admin' ? 'u-admin'
        : s.managerAccountId === 'u-man-a' ? 'u-man-b' : 'u-man-a';
      return { persona, accountId, projectKey: s.jiraProjectKey as string };
    });
    const fire = (p: (typeof plan)[number]) =>
      sb.invokeResolver('retainer-issue-panel', 'panel/issue', {}, { accountId: p.accountId, extension: { project: { key: p.projectKey } } });

    for (const p of plan.slice(0, WARMUP)) await fire(p);
    const measured = plan.slice(WARMUP);
    const wallStart = performance.now();
    const results = await Promise.all(measured.map(fire));
    const wallMs = performance.now() - wallStart;

    const records: InvocationRecord[] = results.map((r) => r.record);
    const reads = records.map((r) => sum(Object.entries(r.counters.kvs).filter(([p]) => isRead(p)).map(([, n]) => n)));
    const writes = records.map((r) => sum(Object.entries(r.counters.kvs).filter(([p]) => !isRead(p)).map(([, n]) => n)));
    const jira = records.map((r) => sum(Object.values(r.counters.product)));
    const times = records.map((r) => r.wallMs).sort((a, b) => a - b);
    const outcomes: Record<string, number> = {};
    const byPersona: Record<string, { loads: number; ready: number; withMoney: number; none: number }> = {};
    results.forEach((r, i) => {
      const p = measured[i] as (typeof measured)[number];
      const env = r.value as { ok: boolean; data?: IssuePanelResult } | undefined;
      const data = env?.ok ? env.data : undefined;
      const kind = r.record.outcome !== 'ok' ? `invocation-${r.record.outcome}` : !env?.ok ? 'error' : data === null ? 'nothing' : (data?.state ?? 'nothing');
      outcomes[kind] = (outcomes[kind] ?? 0) + 1;
      const b = (byPersona[p.persona] ??= { loads: 0, ready: 0, withMoney: 0, none: 0 });
      b.loads += 1;
      if (data && data.state === 'ready') {
        b.ready += 1;
        if (data.money) b.withMoney += 1;
      } else if (data === null) b.none += 1;
    });
    return {
      services: services.length,
      snapshots,
      plannerSeconds: round(plannerSeconds, 1),
      refreshJobs: refreshRecords.length,
      refreshKvsOpsPerService: round(refreshKvsOps / services.length, 1),
      refreshJiraCalls: refreshJira,
      refreshMsPerService: round(refreshMs / services.length, 1),
      loads: LOADS,
      concurrent: LOADS,
      warmupLoads: WARMUP,
      kvsReadsPerLoad: round(sum(reads) / LOADS),
      kvsReadsMaxPerLoad: Math.max(...reads),
      kvsWritesPerLoad: round(sum(writes) / LOADS),
      jiraCallsPerLoad: round(sum(jira) / LOADS),
      resolverP50Ms: round(percentile(times, 50), 1),
      resolverP95Ms: round(percentile(times, 95), 1),
      resolverMaxMs: round(times[times.length - 1] ?? 0, 1),
      wallMsFor200: Math.round(wallMs),
      outcomes,
      personas: byPersona,
    };
  } finally {
    await sb.close();
  }
}
