// The one way other features ask for a panel refresh: `enqueuePanelRefresh(serviceIds)` after they
// change something a panel shows (ledger, payments, alerts, KPI rollups, reports, task sets).
// Requests are coalesced per service and minute: the first request of a minute claims a marker and
// queues a refresh delayed to just after that minute ends, so every change made within the minute is
// included and a burst of changes costs one refresh. It never throws into the caller's path: a lost
// request is made up by the daily planner.
import type { QueueMessage } from '../../jobs/registry';
import { pushJobs } from '../../platform/queue';
import { claimWindow } from '../../platform/coalesce';
import { PROJECT_KEY_PATTERN } from './store';

export const REFRESH_WINDOW_SECONDS = 60;
export const REFRESH_BATCH = 50;

export interface PanelRefreshRequest extends QueueMessage {
  kind: 'panel-refresh';
  serviceIds?: string[];
  projectKey?: string;
  reason: string;
}

export function refreshMessages(serviceIds: readonly string[], reason: string): PanelRefreshRequest[] {
  const ids = [...new Set(serviceIds)].sort();
  const out: PanelRefreshRequest[] = [];
  for (let i = 0; i < ids.length; i += REFRESH_BATCH) out.push({ kind: 'panel-refresh', serviceIds: ids.slice(i, i + REFRESH_BATCH), reason: reason.slice(0, 100) });
  return out;
}

/** Queue a refresh of these services' panels (deduplicated per service and minute). Returns how many were queued. */
export async function enqueuePanelRefresh(serviceIds: readonly string[], reason = 'change', now: Date = new Date()): Promise<number> {
  try {
    const claimed: string[] = [];
    let delayInSeconds = 0;
    for (const id of new Set(serviceIds)) {
      const c = await claimWindow(`panel:queued:${id}`, REFRESH_WINDOW_SECONDS, now);
      if (c.claimed) claimed.push(id);
      delayInSeconds = c.delayInSeconds;
    }
    if (claimed.length === 0) return 0;
    await pushJobs(refreshMessages(claimed, reason), { delayInSeconds });
    return claimed.length;
  } catch (e) {
    console.warn(`panel refresh of ${[...serviceIds].join(',').slice(0, 200)} not queued: ${(e as Error).message}`);
    return 0;
  }
}

/** A panel load found no snapshot: queue its first computation now (once per project key and minute). */
export async function enqueueFirstPanel(projectKey: string, now: Date = new Date()): Promise<boolean> {
  if (!PROJECT_KEY_PATTERN.test(projectKey)) return false;
  try {
    if (!(await claimWindow(`panel:first:${projectKey}`, REFRESH_WINDOW_SECONDS, now)).claimed) return false;
    const m: PanelRefreshRequest = { kind: 'panel-refresh', projectKey, reason: 'first load' };
    await pushJobs([m]);
    return true;
  } catch (e) {
    console.warn(`first panel of ${projectKey} not queued: ${(e as Error).message}`);
    return false;
  }
}
