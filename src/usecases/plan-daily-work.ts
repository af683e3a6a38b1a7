// The daily planner's decisions. Everything it pushes is idempotent downstream, so a double fire
// or a missed day costs nothing but a few reads.
import { DateTime } from 'luxon';
import { pushJobs } from '../platform/queue';
import { getAgencySettings } from '../storage/agency.repo';
import { activeServices } from '../storage/services.repo';
import { taskSetsForMonth } from '../storage/tasksets.repo';
import type { QueueMessage } from '../jobs/registry';
import { calibrationAge } from './calibration';

/** Services per task-set event: 50 services ≈ 600 issues ≈ 13 bulk calls (+1 for epics), still seconds of a 900 s budget. */
export const SERVICES_PER_BATCH = 50;

export function monthIn(now: Date, timeZone: string): { month: string; today: string } {
  const d = DateTime.fromJSDate(now, { zone: timeZone });
  return { month: d.toFormat('yyyy-MM'), today: d.toFormat('yyyy-MM-dd') };
}

export async function planDailyWork(now: Date): Promise<{ month: string; taskSetBatches: number; servicesDue: number }> {
  const agency = await getAgencySettings();
  const { month, today } = monthIn(now, agency.timeZone);
  const [services, sets] = await Promise.all([activeServices(), taskSetsForMonth(month)]);
  const done = new Set(sets.filter((s) => s.state === 'created').map((s) => s.serviceId));
  const due = services
    .filter((s) => s.setup.state === 'done' && s.startDate <= today && !done.has(s.id))
    .map((s) => s.id)
    .sort();
  const messages: QueueMessage[] = [];
  for (let i = 0; i < due.length; i += SERVICES_PER_BATCH) {
    messages.push({ kind: 'taskset-batch', month, serviceIds: due.slice(i, i + SERVICES_PER_BATCH) });
  }
  const age = await calibrationAge(now);
  if (age === null || age > 7 * 86_400_000) messages.push({ kind: 'calibration-refresh' });
  if (messages.length > 0) await pushJobs(messages);
  console.info(`planner: ${month}: ${due.length} service(s) need their task set; ${messages.length} batch(es) queued`);
  return { month, taskSetBatches: messages.length, servicesDue: due.length };
}
