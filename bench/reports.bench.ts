// Suite "reports" (issue 7): the monthly report run of 300 services with 3 metric sources each, with
// 100 ms emulated Atlassian latency: one queue event per report, each drafting one restricted page
// with its review task; then every report is published (PDF attached), measured separately. Setup (projects, spaces, metric rows) happens first and is not measured.
// BENCH_REPORTS sets a smaller count for a quick look.
import { performance } from 'node:perf_hooks';
import type { DailyRow, MetricSource } from '../src/connectors/metrics/types';
import { benchReportPdf } from '../src/documents/pdf/bench';
import { encodeMonth } from '../src/storage/metrics-codec';
import { monthDocKey } from '../src/storage/metrics.repo';
import { FAULT_PROFILES } from '../sandbox/core/faults';
import { smallAgency, startAgency } from '../tests/helpers/agency';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 300);
const SOURCES: MetricSource[] = ['google-ads', 'ga4', 'search-console'];
const MONTHS = ['2026-09', '2026-10'];

function rowsFor(source: MetricSource, month: string, seed: number): DailyRow[] {
  const days = month === '2026-09' ? 30 : 31;
  return Array.from({ length: days }, (_, d) => {
    const n = (seed * 31 + d * 7) % 50;
    return {
      source, accountId: `acc-${seed}`, date: `${month}-${String(d + 1).padStart(2, '0')}`, dimension: { kind: 'account', id: `acc-${seed}`, name: 'Account' },
      impressions: 1000 + n * 20, clicks: 50 + n, costMicros: String((200 + n * 3) * 1_000_000), currency: 'UAH', vatIncluded: null, conversions: 3 + (n % 7),
      sessions: null, organicSessions: null, users: null, avgPosition: null, top10Share: null, ctr: null,
    };
  });
}

export async function benchReports(): Promise<Record<string, unknown>> {
  // Setup on Monday 2 Nov. The run is the fan-out the daily planner's reports hook makes on Tuesday
  // 3 Nov (one event per report), pushed directly so other features' work on that day is not counted.
  const scenario = smallAgency({ services: REPORTS, start: '2026-11-02T08:00:00Z', end: '2026-11-02T12:00:00Z' });
  const sb = await startAgency(scenario, { poolSize: 4 });
  try {
    for (let i = 0; i < REPORTS; i++) {
      for (const source of SOURCES) for (const month of MONTHS) {
        const [doc] = encodeMonth(rowsFor(source, month, i), month, { gen: 'bench', updatedAt: '2026-11-01T00:00:00Z' });
        await sb.kvs.handle('/api/v1/set', { key: monthDocKey(`sv-t${i}`, source, month), value: doc });
      }
    }
    sb.siteFaults.setProfile(FAULT_PROFILES.latency100, 'bench');
    const byOp: Record<string, number> = {};
    let calls = 0;
    const stop = sb.log.onEntry((e) => {
      if ((e.service !== 'jira' && e.service !== 'confluence') || e.principal !== 'app') return;
      calls++;
      const k = `${e.method} ${e.operation ?? e.path}`;
      byOp[k] = (byOp[k] ?? 0) + 1;
    });
    const recFrom = sb.runtime.records.length;
    const t0 = performance.now();
    for (let i = 0; i < REPORTS; i += 50) {
      const payload = Array.from({ length: Math.min(50, REPORTS - i) }, (_, j) => ({ body: { kind: 'report-generate', serviceId: `sv-t${i + j}`, period: { kind: 'monthly', from: '2026-10-01', to: '2026-10-31' } } }));
      const res = sb.queue.publish({ queueName: 'retainer-jobs', jobId: `bench-reports-${i}`, type: 'avi:forge:app:event', schema: 'ari:cloud:ecosystem::forge/app-event-2', payload, time: new Date().toISOString() });
      if (res.status !== 201 && res.status !== 200 && res.status !== 202) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    await sb.drain();
    const wallSeconds = (performance.now() - t0) / 1000;
    const draftCalls = calls;
    const draftByOp = { ...byOp };
    // Then publishing every draft (re-render, PDF attachment, lift the restriction, notify, close the task).
    calls = 0;
    for (const k of Object.keys(byOp)) delete byOp[k];
    const ids = Object.entries(sb.kvs.snapshot().keys).filter(([k]) => k.startsWith('report:')).map(([, v]) => (v as { id: string }).id);
    const t1 = performance.now();
    for (let i = 0; i < ids.length; i += 50) {
      const payload = ids.slice(i, i + 50).map((reportId) => ({ body: { kind: 'report-publish', reportId } }));
      const res = sb.queue.publish({ queueName: 'retainer-jobs', jobId: `bench-publish-${i}`, type: 'avi:forge:app:event', schema: 'ari:cloud:ecosystem::forge/app-event-2', payload, time: new Date().toISOString() });
      if (res.status !== 201 && res.status !== 200 && res.status !== 202) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    await sb.drain();
    const publishWallSeconds = (performance.now() - t1) / 1000;
    stop();
    sb.siteFaults.setProfile(FAULT_PROFILES.clean);
    const records = sb.runtime.records.slice(recFrom);
    const keys = sb.kvs.snapshot().keys;
    const reports = Object.entries(keys).filter(([k, v]) => k.startsWith('report:') && (v as { kind?: string }).kind === 'monthly').length;
    const published = Object.entries(keys).filter(([k, v]) => k.startsWith('report:') && (v as { status?: string }).status === 'published').length;
    const pdf = await benchReportPdf(20);
    return {
      reports,
      requested: REPORTS,
      sourcesPerReport: SOURCES.length,
      atlassianCallsPerReport: reports > 0 ? Math.round((draftCalls / reports) * 100) / 100 : null,
      wallSeconds: Math.round(wallSeconds * 10) / 10,
      longestInvocationShareOfTimeout: Math.round(Math.max(0, ...records.map((r) => r.wallMs / r.timeoutMs)) * 1000) / 1000,
      peakMemoryMB: Math.round(Math.max(0, ...records.map((r) => r.peakMemoryMB)) * 10) / 10,
      pdfMedianMs: pdf.pdfMedianMs,
      pdfMedianKB: pdf.pdfMedianKB,
      pdfPages: pdf.pages,
      atlassianCallsByOperation: draftByOp,
      publish: {
        published,
        atlassianCallsPerReport: published > 0 ? Math.round((calls / published) * 100) / 100 : null,
        wallSeconds: Math.round(publishWallSeconds * 10) / 10,
        atlassianCallsByOperation: { ...byOp },
      },
    };
  } finally {
    await sb.close();
  }
}
