// What the planners queue for metrics. Daily: every working connection of an active service gets its
// trailing window (widened over missed days), and stalled or never-started backfills are resumed.
// Hourly (every `spendRefreshHours`): today's ad spend of prepaid-budget services. Planning only reads;
// every message is a deterministic unit, so a double fire is skipped downstream.
import type { QueueMessage } from '../../jobs/registry';
import { getAgencySettings } from '../../storage/agency.repo';
import { allConnections, type ConnectionRecord } from '../../storage/connections.repo';
import { getMetricsSettings, getSyncStates, type SyncState } from '../../storage/metrics-sync.repo';
import type { ServiceRecord } from '../../storage/records';
import { activeServices } from '../../storage/services.repo';
import { backfillMessage, syncMessage } from './messages';
import { SOURCE_POLICY, SYNCED_SOURCES } from './sources';
import { connectionTimeZone } from './sync';
import { dailyWindows, firstDayOf, hourIn, todayIn } from './windows';

/** A running backfill that has not moved for this long lost its chain (a dropped event): re-queue its next step. */
export const BACKFILL_STALL_MS = 6 * 3600_000;
/** A new connection whose first backfill step has not run after this long gets it queued again. */
const BACKFILL_START_GRACE_MS = 3600_000;

const syncable = (c: ConnectionRecord): boolean => (c.status === 'active' || c.status === 'error') && SYNCED_SOURCES.includes(c.source);

function paused(s: SyncState | undefined, nowIso: string): boolean {
  return !!s?.pausedUntil && s.pausedUntil > nowIso;
}

async function activeServiceMap(): Promise<Map<string, ServiceRecord>> {
  const services = await activeServices();
  return new Map(services.map((s) => [s.id, s]));
}

/** Backfill to (re)queue for a connection, if any. */
export function backfillRepair(c: ConnectionRecord, s: SyncState | undefined, now: Date): QueueMessage | null {
  const b = s?.backfill;
  if (!b || b.runId !== c.backfillRunId) {
    // Not started yet: the save queued the start; only a lost start is re-queued.
    return now.getTime() - Date.parse(c.updatedAt) > BACKFILL_START_GRACE_MS ? backfillMessage(c.id, c.backfillRunId) : null;
  }
  if (b.state === 'done' || b.nextTo === null) return null;
  return now.getTime() - Date.parse(b.updatedAt) > BACKFILL_STALL_MS ? backfillMessage(c.id, b.runId, b.nextTo) : null;
}

export function dailyMessagesFor(c: ConnectionRecord, s: SyncState | undefined, now: Date, agencyTimeZone: string): QueueMessage[] {
  const today = todayIn(now, connectionTimeZone(c, agencyTimeZone));
  const earliest = s?.backfill ? firstDayOf(s.backfill.fromMonth) : null;
  const windows = dailyWindows({ today, trailingDays: SOURCE_POLICY[c.source].trailingDays, syncedThrough: s?.syncedThrough ?? null, earliest });
  return windows.map((w) => syncMessage(c.id, 'daily', w.from, w.to, `${c.id}:daily:${today}:${w.from}`));
}

export async function planDailyMetrics(now: Date): Promise<QueueMessage[]> {
  const [agency, connections, services] = await Promise.all([getAgencySettings(), allConnections(), activeServiceMap()]);
  const working = connections.filter((c) => syncable(c) && services.has(c.serviceId));
  const states = await getSyncStates(working.map((c) => c.id));
  const nowIso = now.toISOString();
  const out: QueueMessage[] = [];
  let pausedCount = 0;
  for (const c of working) {
    const s = states.get(c.id);
    if (paused(s, nowIso)) {
      pausedCount++;
      continue;
    }
    out.push(...dailyMessagesFor(c, s, now, agency.timeZone));
    const repair = backfillRepair(c, s, now);
    if (repair) out.push(repair);
  }
  console.info(`metrics planner: ${working.length} connection(s), ${out.length} unit(s) queued, ${pausedCount} paused for quota`);
  return out;
}

export async function planHourlySpend(now: Date): Promise<QueueMessage[]> {
  const [agency, settings] = await Promise.all([getAgencySettings(), getMetricsSettings()]);
  const hour = hourIn(now, agency.timeZone);
  if (settings.spendRefreshHours > 1 && hour % settings.spendRefreshHours !== 0) return [];
  const services = await activeServiceMap();
  const prepaid = new Set([...services.values()].filter((s) => s.billing.prepaidAdBudget).map((s) => s.id));
  if (prepaid.size === 0) return [];
  const connections = (await allConnections()).filter((c) => syncable(c) && prepaid.has(c.serviceId) && SOURCE_POLICY[c.source].adSpend);
  const states = await getSyncStates(connections.map((c) => c.id));
  const nowIso = now.toISOString();
  const out: QueueMessage[] = [];
  for (const c of connections) {
    if (paused(states.get(c.id), nowIso)) continue;
    const today = todayIn(now, connectionTimeZone(c, agency.timeZone));
    out.push(syncMessage(c.id, 'hourly', today, today, `${c.id}:hourly:${today}T${String(hour).padStart(2, '0')}`));
  }
  return out;
}
