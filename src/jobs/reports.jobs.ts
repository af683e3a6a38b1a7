// Reports jobs. Registered in all-jobs.ts and daily-planner.job.ts.
import type { JobDef, PlannerHook } from './registry';

export const reportsJobs: JobDef[] = [];
export const reportsDailyHooks: PlannerHook[] = [];
export const reportsHourlyHooks: PlannerHook[] = [];
