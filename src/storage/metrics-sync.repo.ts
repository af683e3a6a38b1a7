// Sync bookkeeping per connection (runs, last success/error, backfill checkpoint, quota pauses),
// auth-expiry alerts per connection, the per service × source sync lock, and the feature's settings.
// Sync state is written only by sync jobs holding the lock; alert state only by the alert job.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { getTyped, StoredDataError } from '../platform/kv';

const syncKey = (connectionId: string): string => `metrics-sync:${connectionId}`;
const alertKey = (connectionId: string): string => `metrics-alert:${connectionId}`;
const lockKey = (serviceId: string, source: string): string => `lock:metrics:${serviceId}:${source}`;
const SETTINGS_KEY = 'metrics-settings';

export const SYNC_MODES = ['daily', 'hourly', 'manual', 'backfill'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

const RunOutcome = z.enum(['ok', 'error', 'auth-expired', 'quota', 'not-ready']);

const Run = z.object({
  at: z.string(),
  mode: z.enum(SYNC_MODES),
  from: z.string(),
  to: z.string(),
  outcome: RunOutcome,
  rows: z.number().int(),
  message: z.string().optional(),
  code: z.string().optional(),
});
export type SyncRun = z.infer<typeof Run>;

export const BackfillStateSchema = z.object({
  runId: z.string(),
  fromMonth: z.string(),
  toMonth: z.string(),
  /** Checkpoint: newest month not pulled yet; null when complete. */
  nextTo: z.string().nullable(),
  monthsDone: z.number().int(),
  monthsTotal: z.number().int(),
  /** Rows the finished steps pulled: sizes the next step. */
  rows: z.number().int().default(0),
  state: z.enum(['running', 'done']),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
});
export type BackfillState = z.infer<typeof BackfillStateSchema>;

export const SyncStateSchema = z.object({
  connectionId: z.string(),
  serviceId: z.string(),
  source: z.string(),
  /** Last day of the newest window pulled successfully (the daily run widens back to it after missed days). */
  syncedThrough: z.string().nullable(),
  lastRun: Run.nullable(),
  lastSuccess: Run.nullable(),
  lastError: Run.nullable(),
  backfill: BackfillStateSchema.nullable(),
  /** A long-term quota was hit: nothing is planned before this instant. */
  pausedUntil: z.string().nullable(),
  /** A Meta async run (or similar) to resume instead of resubmitting, for that exact window. */
  pending: z.object({ from: z.string(), to: z.string(), handle: z.string() }).nullable(),
  /** Units finished recently (duplicate deliveries and double planner fires are skipped). */
  doneUnits: z.array(z.string()),
  updatedAt: z.string(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

export function emptySyncState(connectionId: string, serviceId: string, source: string, now: string): SyncState {
  return { connectionId, serviceId, source, syncedThrough: null, lastRun: null, lastSuccess: null, lastError: null, backfill: null, pausedUntil: null, pending: null, doneUnits: [], updatedAt: now };
}

export async function getSyncState(connectionId: string): Promise<SyncState | undefined> {
  return getTyped(syncKey(connectionId), SyncStateSchema);
}

export async function putSyncState(s: SyncState): Promise<void> {
  await kvs.set(syncKey(s.connectionId), SyncStateSchema.parse(s));
}

/** Sync states of several connections in batched reads (25 per request). */
export async function getSyncStates(connectionIds: readonly string[]): Promise<Map<string, SyncState>> {
  const out = new Map<string, SyncState>();
  for (let i = 0; i < connectionIds.length; i += 25) {
    const chunk = connectionIds.slice(i, i + 25);
    const res = await kvs.batchGet<unknown>(chunk.map((id) => ({ key: syncKey(id) })));
    for (const item of res.successfulKeys) {
      const parsed = SyncStateSchema.safeParse(item.value);
      if (parsed.success) out.set(parsed.data.connectionId, parsed.data);
    }
  }
  return out;
}

function parseOrThrow<S extends z.ZodType>(key: string, schema: S, raw: unknown): z.infer<S> | undefined {
  if (raw === undefined) return undefined;
  const r = schema.safeParse(raw);
  if (!r.success) throw new StoredDataError(key, r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

/**
 * A sync unit's reads in one request: the connection's sync state and alert state, plus any other
 * plain keys the unit already knows it needs (the month documents of its window).
 */
export async function readSyncBundle(connectionId: string, otherKeys: readonly string[]): Promise<{ state: SyncState | undefined; alert: AlertState | undefined; values: Map<string, unknown> }> {
  const keys = [syncKey(connectionId), alertKey(connectionId), ...otherKeys].slice(0, 25);
  const res = await kvs.batchGet<unknown>(keys.map((key) => ({ key })));
  const values = new Map<string, unknown>(res.successfulKeys.map((i) => [i.key, i.value]));
  return {
    state: parseOrThrow(syncKey(connectionId), SyncStateSchema, values.get(syncKey(connectionId))),
    alert: parseOrThrow(alertKey(connectionId), AlertStateSchema, values.get(alertKey(connectionId))),
    values,
  };
}

export async function deleteSyncState(connectionId: string): Promise<void> {
  await kvs.delete(syncKey(connectionId));
}

// ---- auth-expiry alerts ----

export const AlertStateSchema = z.object({
  connectionId: z.string(),
  /** open: an issue asks for reconnection; closed: access works again. */
  state: z.enum(['open', 'closed']),
  /** Credentials version that failed: one alert per connection per expiry. */
  credentialsVersion: z.number().int(),
  /** Marker label on the issue, so a crash between create and record is adopted, not duplicated. */
  label: z.string(),
  issueKey: z.string().nullable(),
  projectKey: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().optional(),
  reason: z.string().optional(),
});
export type AlertState = z.infer<typeof AlertStateSchema>;

export async function getAlertState(connectionId: string): Promise<AlertState | undefined> {
  return getTyped(alertKey(connectionId), AlertStateSchema);
}

export async function putAlertState(a: AlertState): Promise<void> {
  await kvs.set(alertKey(a.connectionId), AlertStateSchema.parse(a));
}

export async function deleteAlertState(connectionId: string): Promise<void> {
  await kvs.delete(alertKey(connectionId));
}

// ---- the sync lock ----

const LockValue = z.object({ unit: z.string(), at: z.string() });

/**
 * One sync at a time per service × source (a month document is read, merged and written back).
 * The holder's unit is stored: a redelivery of the same unit (after a kill or timeout) takes the
 * lock over instead of waiting for its TTL. Returns false when another unit holds it.
 */
export async function acquireSyncLock(serviceId: string, source: string, unit: string, ttlSeconds: number, attempt = 0): Promise<boolean> {
  const key = lockKey(serviceId, source);
  const value = { unit, at: new Date().toISOString() };
  const ttl = { value: ttlSeconds, unit: 'SECONDS' as const };
  try {
    await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ttl });
    return true;
  } catch (e) {
    const held = LockValue.safeParse(await kvs.get(key));
    if (!held.success) {
      // Expired between the two calls, or not a lock we understand: anything else is a real error.
      if (attempt < 2 && (await kvs.get(key)) === undefined) return acquireSyncLock(serviceId, source, unit, ttlSeconds, attempt + 1);
      throw e;
    }
    if (held.data.unit !== unit) return false;
    await kvs.set(key, value, { ttl });
    return true;
  }
}

export async function releaseSyncLock(serviceId: string, source: string): Promise<void> {
  await kvs.delete(lockKey(serviceId, source));
}

// ---- settings ----

export const MetricsSettingsSchema = z.object({
  /** Months of history a new connection pulls (13 = a year plus the current month, for year-over-year). */
  backfillMonths: z.number().int().min(1).max(37),
  /** Ad spend of prepaid-budget services is refreshed every N hours (1 = hourly; 24 = only daily). */
  spendRefreshHours: z.number().int().min(1).max(24),
});
export type MetricsSettings = z.infer<typeof MetricsSettingsSchema>;

export const DEFAULT_METRICS_SETTINGS: MetricsSettings = { backfillMonths: 13, spendRefreshHours: 1 };

export async function getMetricsSettings(): Promise<MetricsSettings> {
  return (await getTyped(SETTINGS_KEY, MetricsSettingsSchema)) ?? DEFAULT_METRICS_SETTINGS;
}

export async function saveMetricsSettings(s: MetricsSettings): Promise<MetricsSettings> {
  const valid = MetricsSettingsSchema.parse(s);
  await kvs.set(SETTINGS_KEY, valid);
  return valid;
}
