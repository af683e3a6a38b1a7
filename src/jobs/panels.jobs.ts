// Panel snapshot jobs. Registered in all-jobs.ts and daily-planner.job.ts.
//   panel-refresh  recompute and store the issue-panel snapshots of up to 50 services (or of one project
//                  key, on a panel's first load); queued by enqueuePanelRefresh after changes, and daily
//                  for every service by the planner (delayed until the day's other jobs are done)
import { planPanelRefresh, PanelRefreshMessage, runPanelRefresh } from '../usecases/panels/refresh';
import { defineJob, type JobDef, type PlannerHook } from './registry';

export const panelsJobs: JobDef[] = [
  defineJob({
    kind: 'panel-refresh',
    schema: PanelRefreshMessage,
    run: async (m) => {
      const r = await runPanelRefresh(m);
      if (r.skipped.length > 0) console.info(`panel-refresh (${m.reason}): skipped ${r.skipped.join(',').slice(0, 300)}`);
    },
  }),
];
export const panelsDailyHooks: PlannerHook[] = [planPanelRefresh];
// Hourly changes (worklogs → profitability) reach panels through their own hooks.
export const panelsHourlyHooks: PlannerHook[] = [];
