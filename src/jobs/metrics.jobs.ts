// Metrics sync jobs (issue 4). Registered in all-jobs.ts; the planners call the hooks.
//   metrics-sync:  one connection × one date window (daily, hourly spend, manual) or one backfill step
//   metrics-alert: open / keep / close the reconnect issue of one connection
//   webmaster-alerts: open / keep / close the site-problem issues of one Yandex Webmaster connection
//                     (queued by that connection's daily sync)
import { reconcileAlert } from '../usecases/metrics/alerts';
import { metricsDeps } from '../usecases/metrics/deps';
import { MetricsAlertMessage, MetricsSyncMessage } from '../usecases/metrics/messages';
import { planDailyMetrics, planHourlySpend } from '../usecases/metrics/plan';
import { runSyncUnit } from '../usecases/metrics/sync';
import { reconcileWebmasterAlerts, WebmasterAlertsMessage, webmasterAlertsAfterSync } from '../usecases/metrics/webmaster-alerts';
import { pushJobs } from '../platform/queue';
import { defineJob, type JobDef, type PlannerHook } from './registry';

export const metricsJobs: JobDef[] = [
  defineJob({
    kind: 'metrics-sync',
    schema: MetricsSyncMessage,
    run: async (m) => {
      const r = await runSyncUnit(m, metricsDeps());
      if (r.kind === 'skipped') console.info(`metrics-sync ${m.unit}: skipped (${r.reason})`);
      if (m.mode === 'daily' && r.kind !== 'stopped') {
        const follow = await webmasterAlertsAfterSync(m.connectionId, m.unit, r.kind === 'synced', metricsDeps().now());
        if (follow) await pushJobs([follow]);
      }
    },
  }),
  defineJob({
    kind: 'metrics-alert',
    schema: MetricsAlertMessage,
    run: async (m) => {
      await reconcileAlert(m.connectionId, metricsDeps());
    },
  }),
  defineJob({
    kind: 'webmaster-alerts',
    schema: WebmasterAlertsMessage,
    run: async (m) => {
      const r = await reconcileWebmasterAlerts(m.connectionId, metricsDeps(), m.day);
      if (r.skipped) console.info(`webmaster-alerts ${m.connectionId} ${m.day}: skipped (${r.skipped})`);
    },
  }),
];

export const metricsDailyHooks: PlannerHook[] = [planDailyMetrics];
export const metricsHourlyHooks: PlannerHook[] = [planHourlySpend];
