// What the report macros may show and accept. Client guests reach published reports of their own
// client only: the report's page must be in the client's space, and Confluence itself (asked as the
// caller) must let the caller read that page. The macro's extension context is only a cross-check.
import { doc, paragraph } from '../../connectors/jira/adf';
import type { ReportChart } from '../../documents';
import { ForbiddenError, NotFoundError } from '../../shared/errors';
import { getAgencySettings } from '../../storage/agency.repo';
import { clientsRepo } from '../../storage/clients.repo';
import { getReport, getReportModel, putReport, reportsOfService, type ReportRecord } from '../../storage/reports.repo';
import { servicesRepo } from '../../storage/services.repo';
import { tryLock, unlock } from '../../platform/kv';
import { pushJobs } from '../../platform/queue';
import { canSeeService, loadAccess } from '../access';
import type { ReportsDeps } from './deps';
import { escalationLabel } from './pipeline';
import { reportIssueTexts } from './texts';
import { enqueuePanelRefresh } from '../panels/enqueue';
import { getNotificationRules } from '../notification-rules';
import { escalates } from '../../domain/notification-rules';

export interface MacroCall {
  accountId: string;
  /** Content id the macro says it is on (not trusted alone). */
  contentId: string | null;
}

const refuse = (reportId: string): ForbiddenError => new ForbiddenError('This report is not available to you', { reportId });

async function isAgencyPerson(accountId: string, serviceId: string): Promise<boolean> {
  const agency = await getAgencySettings();
  if (agency.adminAccountIds.includes(accountId) || agency.headAccountIds.includes(accountId)) return true;
  const s = await servicesRepo.get(serviceId);
  return s ? canSeeService(await loadAccess(accountId), s) : false;
}

/** The report if the caller is a guest of the report's client allowed to see it (published, their space). */
async function guestReport(reportId: string, call: MacroCall, deps: ReportsDeps): Promise<ReportRecord> {
  const r = await getReport(reportId);
  if (!r || r.status !== 'published' || !r.pageId) throw refuse(reportId);
  if (call.contentId && call.contentId !== r.pageId) throw refuse(reportId);
  const client = await clientsRepo.get(r.clientId);
  if (!client?.confluenceSpaceId) throw refuse(reportId);
  const page = await deps.confluence.getPage(r.pageId);
  if (!page || page.spaceId !== client.confluenceSpaceId) throw refuse(reportId);
  if (!client.guestAccountIds.includes(call.accountId)) {
    // Not registered on the client: Confluence decides whether this person can read the page.
    const asCaller = await deps.confluenceAsUser().getPage(r.pageId).catch(() => null);
    if (!asCaller || asCaller.spaceId !== client.confluenceSpaceId) throw refuse(reportId);
  }
  return r;
}

export async function reportCharts(reportId: string, call: MacroCall, deps: ReportsDeps): Promise<{ reportId: string; language: string; charts: ReportChart[] }> {
  const r = await getReport(reportId);
  if (!r) throw refuse(reportId);
  if (!(await isAgencyPerson(call.accountId, r.serviceId))) await guestReport(reportId, call, deps);
  const model = await getReportModel(reportId);
  if (!model) throw new NotFoundError('Charts of report', reportId);
  return { reportId, language: model.client.language, charts: model.sections.flatMap((s) => s.charts) };
}

export interface FeedbackView {
  reportId: string;
  canSubmit: boolean;
  mine: { rating: number; comment: string; at: string } | null;
}

export async function getFeedback(reportId: string, call: MacroCall, deps: ReportsDeps): Promise<FeedbackView> {
  const r = await getReport(reportId);
  if (!r) throw refuse(reportId);
  if (await isAgencyPerson(call.accountId, r.serviceId)) {
    const last = r.feedback.at(-1);
    return { reportId, canSubmit: false, mine: last ? { rating: last.rating, comment: last.comment, at: last.at } : null };
  }
  const g = await guestReport(reportId, call, deps);
  const mine = [...g.feedback].reverse().find((f) => f.accountId === call.accountId);
  return { reportId, canSubmit: true, mine: mine ? { rating: mine.rating, comment: mine.comment, at: mine.at } : null };
}

export async function submitFeedback(input: { reportId: string; rating: number; comment: string }, call: MacroCall, deps: ReportsDeps): Promise<FeedbackView> {
  let r = await guestReport(input.reportId, call, deps);
  const service = await servicesRepo.get(r.serviceId);
  if (!service) throw refuse(input.reportId);
  const [agency, rules] = await Promise.all([getAgencySettings(), getNotificationRules()]);
  const texts = reportIssueTexts(agency.language);
  const now = deps.now();
  const at = now.toISOString();
  // The same rating and comment again within minutes is one submission retried (the first answer
  // never reached the browser), not a second opinion: keep one entry, make sure it was notified.
  const resent = [...r.feedback].reverse().find((f) => f.accountId === call.accountId && f.rating === input.rating && f.comment === input.comment && now.getTime() - Date.parse(f.at) < RESUBMIT_WINDOW_MS);
  const entry = resent ?? { id: `${call.accountId}-${r.feedback.length + 1}`, accountId: call.accountId, rating: input.rating, comment: input.comment, at, notified: false };
  if (!resent) r = await putReport({ ...r, feedback: [...r.feedback, entry] });
  await enqueuePanelRefresh([r.serviceId], 'feedback');
  if (!entry.notified) {
    await notifyFeedback(r.id, entry.id, deps).catch(async (e: unknown) => {
      // Not lost: a queued job sends it once Jira answers again.
      console.warn(`feedback notification for ${r.id} failed, queued: ${(e as Error).message}`);
      await pushJobs([{ kind: 'report-feedback-notify', reportId: r.id, entryId: entry.id }], { delayInSeconds: 60 });
    });
    r = (await getReport(r.id)) ?? r;
  }
  if (escalates(rules, input.rating) && !r.escalationKey && (await tryLock(`report-escalation:${r.id}`, 90 * 86_400))) {
    const created = await deps.jira
      .createIssue({
      project: { key: service.jiraProjectKey as string },
      issueTypeId: service.jiraIssueTypes?.task ?? '',
      summary: texts.escalationSummary(input.rating, r.title).slice(0, 250),
      description: doc(paragraph(texts.escalationBody(input.rating, r.id)), paragraph(input.comment || '—')),
      labels: ['retainer', escalationLabel(r.id)],
      assigneeAccountId: service.headAccountId,
      })
      .catch(async (e: unknown) => {
        // Not created: let the next low rating (or a retry) open it.
        await unlock(`report-escalation:${r.id}`).catch(() => undefined);
        throw e;
      });
    const fresh = (await getReport(r.id)) ?? r;
    r = await putReport({ ...fresh, escalationKey: created.key });
  }
  return { reportId: r.id, canSubmit: true, mine: { rating: entry.rating, comment: entry.comment, at: entry.at } };
}

const RESUBMIT_WINDOW_MS = 10 * 60_000;

/** Tells the manager (and the head, if the rules say so) about one feedback entry, once. */
export async function notifyFeedback(reportId: string, entryId: string, deps: ReportsDeps): Promise<void> {
  const r = await getReport(reportId);
  const entry = r?.feedback.find((f) => f.id === entryId);
  if (!r || !entry || entry.notified || !r.reviewIssueKey) return;
  const service = await servicesRepo.get(r.serviceId);
  if (!service) return;
  const [agency, rules] = await Promise.all([getAgencySettings(), getNotificationRules()]);
  const texts = reportIssueTexts(agency.language);
  await deps.jira.notify(r.reviewIssueKey, {
    subject: texts.feedbackSubject(entry.rating, r.title).slice(0, 250),
    textBody: texts.feedbackBody(entry.rating, entry.comment),
    to: { users: [...new Set([service.managerAccountId, ...(rules.feedbackToHead ? [service.headAccountId] : [])])] },
  });
  const fresh = (await getReport(r.id)) ?? r;
  await putReport({ ...fresh, feedback: fresh.feedback.map((f) => (f.id === entry.id ? { ...f, notified: true } : f)) });
}

/** Client ratings of a service's reports whose period ends in [from, to] (for the client-rating KPI). */
export async function reportRatings(serviceId: string, from: string, to: string): Promise<Array<{ reportId: string; rating: number; at: string; accountId: string }>> {
  const reports = await reportsOfService(serviceId);
  return reports
    .filter((r) => r.to >= from && r.to <= to)
    .flatMap((r) => r.feedback.map((f) => ({ reportId: r.id, rating: f.rating, at: f.at, accountId: f.accountId })));
}
