// Scheduled daily and hourly: decide what background work is due and push it onto the queue.
// Triggers may fire twice or drift, so everything they push is idempotent downstream.
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

export async function dailyPlanner(): Promise<{ statusCode: number }> {
  const now = new Date();
  await planDailyWork(now);
  await runHooks([...metricsDailyHooks, ...moneyDailyHooks, ...kpiDailyHooks, ...reportsDailyHooks, ...panelsDailyHooks, ...salesDailyHooks], now);
  return { statusCode: 204 };
}

export async function hourlyPlanner(): Promise<{ statusCode: number }> {
  await runHooks([...metricsHourlyHooks, ...moneyHourlyHooks, ...kpiHourlyHooks, ...reportsHourlyHooks, ...panelsHourlyHooks], new Date());
  return { statusCode: 204 };
}
