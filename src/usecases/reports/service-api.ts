// Use cases behind the project page's report resolvers: access checks, then the pipeline or the queue.
import { kvs } from '@forge/kvs';
import { isCalendarDate } from '../../domain/month-rules';
import { pushJobs } from '../../platform/queue';
import type { ReportSummary } from '../../shared/api-reports';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import { getReport, reportsOfService, type ReportRecord } from '../../storage/reports.repo';
import { requireServiceAccess, type Access } from '../access';
import { reportByIssueKey, updateManagerText } from './pipeline';
import { reportIdOf, type ReportPeriod } from './period';

export function summaryOf(r: ReportRecord): ReportSummary {
  return {
    reportId: r.id, serviceId: r.serviceId, kind: r.kind, from: r.from, to: r.to, status: r.status, title: r.title,
    pageId: r.pageId ?? null, reviewIssueKey: r.reviewIssueKey ?? null, analysis: r.manager.analysis, proposals: r.manager.proposals,
    ratings: r.feedback.map((f) => f.rating), publishedAt: r.publishedAt ?? null,
  };
}

export async function listReports(a: Access, serviceId: string): Promise<ReportSummary[]> {
  requireServiceAccess(a, serviceId, 'see');
  return (await reportsOfService(serviceId)).map(summaryOf);
}

export function reportMessage(serviceId: string, p: ReportPeriod): { kind: 'report-generate'; serviceId: string; period: ReportPeriod } {
  return { kind: 'report-generate', serviceId, period: p };
}

export async function requestReport(a: Access, input: { serviceId: string; from: string; to: string }): Promise<ReportSummary> {
  requireServiceAccess(a, input.serviceId, 'manage');
  if (!isCalendarDate(input.from) || !isCalendarDate(input.to) || input.from > input.to) throw new ValidationError('Choose a valid period', { from: 'invalid period' });
  const span = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000;
  if (span > 366) throw new ValidationError('A report covers at most a year', { to: 'too long' });
  const p: ReportPeriod = { kind: 'custom', from: input.from, to: input.to };
  const id = reportIdOf(input.serviceId, p);
  const existing = await getReport(id);
  if (!existing) await pushJobs([reportMessage(input.serviceId, p)]);
  return existing ? summaryOf(existing) : { reportId: id, serviceId: input.serviceId, kind: 'custom', from: p.from, to: p.to, status: 'queued', title: '', pageId: null, reviewIssueKey: null, analysis: '', proposals: '', ratings: [], publishedAt: null };
}

async function manageable(a: Access, reportId: string): Promise<ReportRecord> {
  const r = await getReport(reportId);
  if (!r) throw new NotFoundError('Report', reportId);
  requireServiceAccess(a, r.serviceId, 'manage');
  return r;
}

export async function updateReport(a: Access, input: { reportId: string; analysis: string; proposals: string }): Promise<ReportSummary> {
  await manageable(a, input.reportId);
  return summaryOf(await updateManagerText(input.reportId, input));
}

/** Queues publishing; the page, PDF and notifications follow on the queue. */
export async function requestPublish(a: Access, input: { reportId?: string; issueKey?: string }): Promise<ReportSummary> {
  let reportId = input.reportId;
  if (!reportId && input.issueKey) {
    const link = (await kvs.get(reportByIssueKey(input.issueKey))) as { reportId?: unknown } | undefined;
    if (link && typeof link.reportId === 'string') reportId = link.reportId;
  }
  if (!reportId) throw new ValidationError('Say which report to publish', { reportId: 'required' });
  const r = await manageable(a, reportId);
  if (r.status === 'drafting') throw new ForbiddenError('The draft is not ready yet', { reportId });
  if (r.status !== 'published') await pushJobs([{ kind: 'report-publish', reportId, requestedBy: a.accountId }]);
  return summaryOf(r.status === 'draft' ? { ...r, status: 'publishing' } : r);
}
