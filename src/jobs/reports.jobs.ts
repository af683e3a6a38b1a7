// Reports jobs. Registered in all-jobs.ts and daily-planner.job.ts.
// The daily hook fans out one `report-generate` message per due report; each message drafts exactly
// one report (and publishes it when the service auto-sends). `report-publish` publishes one report;
// `report-feedback-notify` sends a client's rating to the manager when Jira failed the first time.
import { z } from 'zod';
import { getAgencySettings } from '../storage/agency.repo';
import { activeServices } from '../storage/services.repo';
import { DEFAULT_REPORT_SCHEDULE, dayIn, duePeriods, generateReport, publishReport, reportsDeps } from '../usecases/reports';
import { notifyFeedback } from '../usecases/reports/client-access';
import { reportMessage } from '../usecases/reports/service-api';
import { defineJob, type JobDef, type PlannerHook } from './registry';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ReportGenerateMessage = z.object({
  kind: z.literal('report-generate'),
  serviceId: z.string().min(1),
  period: z.object({ kind: z.enum(['weekly', 'monthly', 'custom']), from: Day, to: Day }),
});
const ReportPublishMessage = z.object({ kind: z.literal('report-publish'), reportId: z.string().min(1), requestedBy: z.string().optional() });
const FeedbackNotifyMessage = z.object({ kind: z.literal('report-feedback-notify'), reportId: z.string().min(1), entryId: z.string().min(1) });

export const reportsJobs: JobDef[] = [
  defineJob({
    kind: 'report-generate',
    schema: ReportGenerateMessage,
    run: async (m) => {
      await generateReport(m.serviceId, m.period, reportsDeps());
    },
  }),
  defineJob({
    kind: 'report-publish',
    schema: ReportPublishMessage,
    run: async (m) => {
      await publishReport(m.reportId, reportsDeps(), m.requestedBy ? { requestedBy: m.requestedBy } : {});
    },
  }),
  defineJob({
    kind: 'report-feedback-notify',
    schema: FeedbackNotifyMessage,
    run: async (m) => {
      // Throws while Jira keeps failing: the queue retries until the notice is out.
      await notifyFeedback(m.reportId, m.entryId, reportsDeps());
    },
  }),
];

const planReports: PlannerHook = async (now) => {
  const agency = await getAgencySettings();
  const today = dayIn(now, agency.timeZone);
  const services = await activeServices();
  return services
    .filter((s) => s.setup.state === 'done')
    .flatMap((s) => duePeriods(s.reportSchedule ?? DEFAULT_REPORT_SCHEDULE, today).map((p) => reportMessage(s.id, p)));
};

export const reportsDailyHooks: PlannerHook[] = [planReports];
export const reportsHourlyHooks: PlannerHook[] = [];
