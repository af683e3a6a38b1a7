// Money jobs (issue 5). Registered in all-jobs.ts.
import type { JobDef, PlannerHook } from './registry';

export const moneyJobs: JobDef[] = [];
export const moneyDailyHooks: PlannerHook[] = [];
export const moneyHourlyHooks: PlannerHook[] = [];
