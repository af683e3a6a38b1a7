// Queue messages of the metrics feature. One message = one bounded unit: one connection × one date
// window (or one backfill step), or one alert reconciliation. `unit` is a deterministic key: a
// duplicate delivery or a planner that fired twice produces the same key and is skipped.
import { z } from 'zod';
import { SYNC_MODES } from '../../storage/metrics-sync.repo';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const MetricsSyncMessage = z
  .object({
    kind: z.literal('metrics-sync'),
    connectionId: z.string().min(1),
    mode: z.enum(SYNC_MODES),
    unit: z.string().min(1).max(300),
    /** daily / hourly / manual: the window. */
    from: Day.optional(),
    to: Day.optional(),
    /** backfill: the run it belongs to and the newest month of the step (absent = start the run). */
    runId: z.string().optional(),
    stepTo: Month.optional(),
  })
  .refine((m) => (m.mode === 'backfill' ? m.runId !== undefined : m.from !== undefined && m.to !== undefined && m.from <= m.to), 'a window (from ≤ to) is required, or a runId for backfill');
export type MetricsSyncMessage = z.infer<typeof MetricsSyncMessage>;

export const MetricsAlertMessage = z.object({ kind: z.literal('metrics-alert'), connectionId: z.string().min(1) });
export type MetricsAlertMessage = z.infer<typeof MetricsAlertMessage>;

export function syncMessage(connectionId: string, mode: 'daily' | 'hourly' | 'manual', from: string, to: string, unit: string): MetricsSyncMessage {
  return { kind: 'metrics-sync', connectionId, mode, from, to, unit };
}

export function backfillMessage(connectionId: string, runId: string, stepTo?: string): MetricsSyncMessage {
  return { kind: 'metrics-sync', connectionId, mode: 'backfill', runId, ...(stepTo ? { stepTo } : {}), unit: `${connectionId}:backfill:${runId}:${stepTo ?? 'start'}` };
}

export function alertMessage(connectionId: string): MetricsAlertMessage {
  return { kind: 'metrics-alert', connectionId };
}
