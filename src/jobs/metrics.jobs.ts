// Metrics sync jobs (issue 4). Registered in all-jobs.ts.
import type { JobDef, PlannerHook } from './registry';

export const metricsJobs: JobDef[] = [];
export const metricsDailyHooks: PlannerHook[] = [];
export const metricsHourlyHooks: PlannerHook[] = [];
