// Scheduled daily and hourly: decide what background work is due and push it onto the queue.
// Triggers may fire twice or drift, so everything they push is idempotent downstream.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { getTyped } from '../platform/kv';
import { pushJobs } from '../platform/queue';
import { planDailyWork } from '../usecases/plan-daily-work';
import { kpiDailyHooks, kpiHourlyHooks } from './kpi.jobs';
import { metricsDailyHooks, metricsHourlyHooks } from './metrics.jobs';
import { moneyDailyHooks, moneyHourlyHooks } from './money.jobs';
import { panelsDailyHooks, panelsHourlyHooks } from './panels.jobs';
import { reportsDailyHooks, reportsHourlyHooks } from './reports.jobs';
import { salesDailyHooks } from './sales.jobs';
import type { PlannerHook, QueueMessage } from './registry';

async function runHooks(hooks: PlannerHook[], now: Date): Promise<number> {
  const messages: QueueMessage[] = [];
  for (const hook of hooks) {
    try {
      messages.push(...(await hook(now)));
    } catch (e) {
      // One feature's planning problem must not stop the others.
      console.error(`planner hook failed: ${(e as Error).message}`);
    }
  }
  if (messages.length > 0) await pushJobs(messages);
  return messages.length;
}

/** When the daily planning last completed; the hourly planner catches up a daily run the platform lost. */
const LAST_DAILY_KEY = 'planner:daily:last';
const LastDaily = z.object({ at: z.string() });
/** A daily run is missed when none completed for this long (a day plus slack for trigger drift). */
const MISSED_AFTER_MS = 25 * 3_600_000;

async function runDaily(now: Date): Promise<void> {
  await planDailyWork(now);
  await runHooks([...metricsDailyHooks, ...moneyDailyHooks, ...kpiDailyHooks, ...reportsDailyHooks, ...panelsDailyHooks, ...salesDailyHooks], now);
  // Only a completed run counts: one killed half-way is caught up by the next hourly run.
  await kvs.set(LAST_DAILY_KEY, { at: now.toISOString() });
}

export async function dailyPlanner(): Promise<{ statusCode: number }> {
  await runDaily(new Date());
  return { statusCode: 204 };
}

export async function hourlyPlanner(): Promise<{ statusCode: number }> {
  const now = new Date();
  // Forge does not retry a scheduled trigger that failed or was stopped: if the last daily run is
  // more than a day old, do the daily work here (everything it pushes is idempotent downstream).
  const last = await getTyped(LAST_DAILY_KEY, LastDaily);
  if (last && now.getTime() - Date.parse(last.at) > MISSED_AFTER_MS) {
    console.warn(`daily planning last completed at ${last.at}; catching up`);
    await runDaily(now);
  }
  await runHooks([...metricsHourlyHooks, ...moneyHourlyHooks, ...kpiHourlyHooks, ...reportsHourlyHooks, ...panelsHourlyHooks], now);
  return { statusCode: 204 };
}
