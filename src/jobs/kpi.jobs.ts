// KPI jobs. Registered in all-jobs.ts and daily-planner.job.ts.
//   kpi-recompute  one service and month after a data change (metrics, worklogs, ledger, targets…)
//   kpi-pacing     up to 50 services of a month: re-judge stale rollups with the new day (or rebuild all)
import { KpiPacingMessage, KpiRecomputeMessage, planDailyKpi, runKpiPacing, runKpiRecompute } from '../usecases/kpi/recompute';
import { kpiReportReader } from '../usecases/kpi/report-reader';
import { registerKpiReader } from '../usecases/reports/deps';
import { defineJob, type JobDef, type PlannerHook } from './registry';

// Client reports read KPI status rows from the rollups.
registerKpiReader(kpiReportReader);

export const kpiJobs: JobDef[] = [
  defineJob({
    kind: 'kpi-recompute',
    schema: KpiRecomputeMessage,
    run: async (m) => {
      const outcome = await runKpiRecompute(m);
      console.info(`kpi recompute ${m.serviceId} ${m.month} (${m.reason}): ${outcome}`);
    },
  }),
  defineJob({
    kind: 'kpi-pacing',
    schema: KpiPacingMessage,
    run: async (m) => {
      const r = await runKpiPacing(m);
      console.info(`kpi ${m.mode} ${m.month}: recomputed ${r.recomputed}, fresh ${r.fresh}, skipped ${r.skipped}`);
    },
  }),
];
export const kpiDailyHooks: PlannerHook[] = [planDailyKpi];
export const kpiHourlyHooks: PlannerHook[] = [];
