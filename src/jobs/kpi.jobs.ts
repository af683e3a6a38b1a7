// Kpi jobs. Registered in all-jobs.ts and daily-planner.job.ts.
import type { JobDef, PlannerHook } from './registry';

export const kpiJobs: JobDef[] = [];
export const kpiDailyHooks: PlannerHook[] = [];
export const kpiHourlyHooks: PlannerHook[] = [];
