// Scheduled daily: decides what background work is due today and pushes it onto the queue.
// Triggers may fire twice or drift, so everything it pushes is idempotent downstream.
import { planDailyWork } from '../usecases/plan-daily-work';

export async function dailyPlanner(): Promise<{ statusCode: number }> {
  await planDailyWork(new Date());
  return { statusCode: 204 };
}
