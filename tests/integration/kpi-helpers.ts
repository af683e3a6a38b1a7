// Helpers of the KPI integration tests: store a service's metric rows as the metrics sync does, and
// push the job messages other features push when their data changes.
import type { Sandbox } from '../../sandbox/platform';
import type { DailyRow, MetricSource } from '../../src/connectors/metrics/types';
import { days, row } from '../../src/domain/kpi/testing/rows';
import { encodeMonth } from '../../src/storage/metrics-codec';
import { monthDocKey } from '../../src/storage/metrics.repo';
import type { KpiRollup } from '../../src/domain/kpi';

/** Stores one source's rows of a month for a service (replacing what was there). */
export async function storeRows(sb: Sandbox, serviceId: string, source: MetricSource, month: string, rows: readonly DailyRow[]): Promise<void> {
  const docs = encodeMonth(rows, month, { gen: `test-${rows.length}`, updatedAt: '2026-11-01T00:00:00Z' });
  for (const d of docs) {
    const r = await sb.kvs.handle('/api/v1/set', { key: monthDocKey(serviceId, source, month, d.part), value: d });
    if (r.status >= 300) throw new Error(`storing rows failed: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

/** Yandex Direct account rows: `perDay` conversions, 1000 impressions, 50 clicks, 100 UAH a day. */
export function directRows(month: string, from: number, to: number, perDay: number): DailyRow[] {
  return days(month, from, to, (_d, date) =>
    row('yandex-direct', date, { impressions: 1000, clicks: 50, costMicros: '100000000', currency: 'UAH', conversions: perDay }),
  );
}

/** Pushes queue messages as a feature would (pushJobs → the jobs queue), then lets the queue settle. */
export async function pushAndDrain(sb: Sandbox, bodies: Array<Record<string, unknown>>): Promise<void> {
  const r = sb.queue.publish({
    queueName: 'retainer-jobs',
    jobId: `test-${Math.random().toString(36).slice(2)}`,
    type: 'avi:forge:app:event',
    schema: 'ari:cloud:ecosystem::forge/app-event-2',
    payload: bodies.map((body) => ({ body })),
    time: new Date(sb.clock.now()).toISOString(),
  });
  if (r.status >= 300) throw new Error(`push failed: ${r.status} ${JSON.stringify(r.body)}`);
  await sb.drain();
}

export function rollupsIn(sb: Sandbox): Map<string, KpiRollup> {
  const out = new Map<string, KpiRollup>();
  for (const [k, v] of Object.entries(sb.kvs.snapshot().keys)) if (k.startsWith('kpi:rollup:')) out.set(k.slice('kpi:rollup:'.length), v as KpiRollup);
  return out;
}
