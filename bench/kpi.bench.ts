// Suite "kpi" (issue 6): 300 active services with a month of metric rows each (~240 rows: 11
// campaign rows a day for 22 days), stored in the metrics storage format directly (the sync path is
// measured by the metrics suite). Measured through the app's job path in the sandbox:
//   fullRecomputeSeconds       kpi/recompute {month} → 6 kpi-pacing batches ('full') → every rollup built
//   recomputeAfterOneChangeMs  a new day of rows for one service → one kpi-recompute message → its rollup
import { performance } from 'node:perf_hooks';
import type { DailyRow, MetricSource } from '../src/connectors/metrics/types';
import type { ServiceType } from '../src/domain/model';
import { row } from '../src/domain/kpi/testing/rows';
import { callAs } from '../sandbox/scenarios/runner';
import { smallAgency, startAgency, SERVICE_TYPES } from '../tests/helpers/agency';
import { pushAndDrain, rollupsIn, storeRows } from '../tests/integration/kpi-helpers';

const SERVICES = Number(process.env.BENCH_KPI_SERVICES ?? 300);
const MONTH = '2026-11';
const SOURCE: Record<ServiceType, MetricSource> = {
  seo: 'yandex-metrica',
  smm: 'yandex-metrica',
  'google-ads': 'google-ads',
  'yandex-direct': 'yandex-direct',
  'targeted-ads': 'meta',
};

function monthRows(source: MetricSource, lastDay: number, seed: number): DailyRow[] {
  const out: DailyRow[] = [];
  for (let d = 1; d <= lastDay; d += 1) {
    const date = `${MONTH}-${String(d).padStart(2, '0')}`;
    for (let c = 0; c < 11; c += 1) {
      const n = (seed * 31 + d * 7 + c * 13) % 97;
      out.push(
        row(source, date, {
          kind: source === 'yandex-metrica' ? 'channel' : 'campaign',
          dim: `c${c}`,
          impressions: 800 + n * 10,
          clicks: 20 + (n % 40),
          costMicros: source === 'yandex-metrica' ? null : String((50 + n) * 1_000_000),
          currency: source === 'yandex-metrica' ? null : 'UAH',
          conversions: n % 5,
          sessions: source === 'yandex-metrica' ? 100 + n : null,
          organicSessions: source === 'yandex-metrica' ? 40 + (n % 30) : null,
        }),
      );
    }
  }
  return out;
}

export async function benchKpi(): Promise<Record<string, unknown>> {
  // Nov 23 in Kyiv: rows through Nov 22 (yesterday).
  const scenario = smallAgency({ services: SERVICES, start: '2026-11-23T08:00:00Z', end: '2026-11-23T09:00:00Z' });
  const t0 = performance.now();
  const sb = await startAgency(scenario, { poolSize: 2 });
  try {
    const setupSeconds = (performance.now() - t0) / 1000;
    let rowsStored = 0;
    for (let i = 0; i < SERVICES; i += 1) {
      const source = SOURCE[SERVICE_TYPES[i % 5] as ServiceType];
      const rows = monthRows(source, 21, i);
      rowsStored += rows.length;
      await storeRows(sb, `sv-t${i}`, source, MONTH, rows);
    }
    await callAs(sb, 'u-head', 'kpi/targets/set', { serviceId: 'sv-t1', month: MONTH, values: { 'target-actions': 400 } });
    await sb.drain();

    const recFrom = sb.runtime.records.length;
    const t1 = performance.now();
    await callAs(sb, 'u-admin', 'kpi/recompute', { month: MONTH });
    await sb.drain();
    const fullRecomputeSeconds = (performance.now() - t1) / 1000;
    const fullRecords = sb.runtime.records.slice(recFrom);
    const rollups = [...rollupsIn(sb).keys()].filter((k) => k.endsWith(`:${MONTH}`)).length;

    // One new day (Nov 22) for one service, then the message the metrics sync pushes.
    const one = 'sv-t1';
    const source = SOURCE[SERVICE_TYPES[1] as ServiceType];
    await storeRows(sb, one, source, MONTH, monthRows(source, 22, 1));
    const before = rollupsIn(sb);
    const samples: number[] = [];
    for (let k = 0; k < 5; k += 1) {
      const t2 = performance.now();
      await pushAndDrain(sb, [{ kind: 'kpi-recompute', serviceId: one, month: MONTH, reason: 'metrics 2026-11-22' }]);
      samples.push(performance.now() - t2);
    }
    const after = rollupsIn(sb);
    const changed = [...after.keys()].filter((key) => JSON.stringify(after.get(key)) !== JSON.stringify(before.get(key)));
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      services: SERVICES,
      recomputeAfterOneChangeMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      fullRecomputeSeconds: Math.round(fullRecomputeSeconds * 100) / 100,
      rollupsBuilt: rollups,
      rowsPerService: Math.round(rowsStored / SERVICES),
      rollupsChangedByOneChange: changed,
      oneChangeSamplesMs: samples.map((s) => Math.round(s)),
      fullRecomputeInvocations: fullRecords.length,
      longestInvocationShareOfTimeout: Math.round(Math.max(0, ...fullRecords.map((r) => r.wallMs / r.timeoutMs)) * 1000) / 1000,
      setupSeconds: Math.round(setupSeconds),
      metricsSource: 'rows written in the metrics storage format (encodeMonth) straight to KVS; sync not exercised',
    };
  } finally {
    await sb.close();
  }
}
