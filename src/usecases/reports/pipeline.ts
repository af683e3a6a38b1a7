// The report cycle: draft (model → page under the client's agency-only drafts page → review task),
// then publish (re-render with the manager's text → PDF attachment → lift the restriction → notify →
// close the review task). Each external step is checkpointed on the report record, so a retried or
// duplicated delivery continues where the last one stopped and never repeats a finished step.
import { ValidationError as ConnectorValidationError } from '../../shared/errors';
import { doc, paragraph } from '../../connectors/jira/adf';
import { readIssueFields } from '../../connectors/jira/issue-fields';
import { renderReportPdf, renderReportStorage, reportTitle, type ReportLanguage, type ReportModel, isReportLanguage } from '../../documents';
import { kvs } from '@forge/kvs';
import { ConflictError, NotFoundError, RetryLaterError } from '../../shared/errors';
import { getAgencySettings } from '../../storage/agency.repo';
import { clientsRepo } from '../../storage/clients.repo';
import { getReport, getReportModel, putReport, putReportModel, type ReportRecord } from '../../storage/reports.repo';
import type { ServiceRecord } from '../../storage/records';
import { servicesRepo } from '../../storage/services.repo';
import { templatesRepo } from '../../storage/templates.repo';
import { tryLock, unlock } from '../../platform/kv';
import type { Client } from '../../domain/model';
import type { ReportsDeps } from './deps';
import { buildReportModel, type ResolvedIssue } from './model';
import { addDays, reportIdOf, type ReportPeriod } from './period';
import { reportIssueTexts } from './texts';
import { ensureClientDraftsPage, type DraftsPagePort } from './drafts-page';
import { enqueuePanelRefresh } from '../panels/enqueue';
import { getNotificationRules } from '../notification-rules';

export const MACRO_KEYS = { charts: 'retainer-report-charts', feedback: 'retainer-report-feedback' } as const;
const LOCK_TTL_SECONDS = 120;

export const reviewLabel = (reportId: string): string => `retainer-review-${reportId}`.toLowerCase().slice(0, 255);
export const escalationLabel = (reportId: string): string => `retainer-escalation-${reportId}`.toLowerCase().slice(0, 255);
export const reportByIssueKey = (issueKey: string): string => `report-by-issue:${issueKey}`;

const jqlString = (s: string): string => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

export function languageOf(client: Client): ReportLanguage {
  return isReportLanguage(client.language) ? client.language : 'en';
}

export function titleOf(client: Client, service: ServiceRecord, model: Pick<ReportModel, 'period'>): string {
  return `${reportTitle(model.period.kind, languageOf(client))} · ${service.name} · ${model.period.label} (${model.period.from} – ${model.period.to})`;
}

export const pdfNameOf = (r: Pick<ReportRecord, 'id'>): string => `${r.id}.pdf`;

function draftsPort(deps: ReportsDeps): DraftsPagePort {
  return {
    getPageByTitle: (spaceId, title) => deps.confluence.getPageByTitle(spaceId, title),
    createPage: (input) => deps.confluence.createPage({ ...input, status: 'current' }),
    setReadRestriction: (pageId, who) => deps.confluence.setReadRestriction(pageId, who),
    myAccountId: async () => (await deps.jira.getMyself()).accountId,
  };
}

async function loadServiceAndClient(serviceId: string): Promise<{ service: ServiceRecord; client: Client }> {
  const service = await servicesRepo.get(serviceId);
  if (!service) throw new NotFoundError('Service', serviceId);
  const client = await clientsRepo.get(service.clientId);
  if (!client) throw new NotFoundError('Client', service.clientId, { serviceId });
  return { service, client };
}

async function withReportLock<T>(reportId: string, run: () => Promise<T>): Promise<T> {
  const key = `report-lock:${reportId}`;
  if (!(await tryLock(key, LOCK_TTL_SECONDS))) throw new RetryLaterError(`Report ${reportId} is being worked on by another run`, 60, { reportId });
  try {
    return await run();
  } finally {
    await unlock(key).catch(() => undefined);
  }
}

async function resolvedIssues(deps: ReportsDeps, projectKey: string, p: ReportPeriod): Promise<ResolvedIssue[]> {
  const out: ResolvedIssue[] = [];
  const jql = `project = ${jqlString(projectKey)} AND resolved >= "${p.from}" AND resolved < "${addDays(p.to, 1)}" ORDER BY key ASC`;
  for await (const issue of deps.jira.searchJql(jql, { fields: ['summary', 'timetracking', 'timespent', 'labels'], pageSize: 100 })) {
    const f = readIssueFields(issue);
    if ((f.labels ?? []).includes('retainer-epic')) continue;
    out.push({ key: issue.key, summary: f.summary ?? issue.key, hours: (f.timeSpentSeconds ?? 0) / 3600, labels: f.labels ?? [] });
  }
  return out;
}

function storageOf(model: ReportModel, deps: ReportsDeps): string {
  const r = deps.render();
  return renderReportStorage(model, { appId: r.appId, environmentId: r.environmentId, macroKeys: MACRO_KEYS });
}

/** Creates (or continues) the draft of one report. Returns the record as it ended. */
export async function generateReport(serviceId: string, period: ReportPeriod, deps: ReportsDeps, opts: { requestedBy?: string } = {}): Promise<ReportRecord> {
  const reportId = reportIdOf(serviceId, period);
  return withReportLock(reportId, async () => {
    const { service, client } = await loadServiceAndClient(serviceId);
    if (service.setup.state !== 'done' || !service.jiraProjectKey || !client.confluenceSpaceId || !client.reportsPageId) {
      throw new ConflictError(`Service ${serviceId} is not set up yet: its report can't be made`, { serviceId });
    }
    const now = deps.now().toISOString();
    let r: ReportRecord =
      (await getReport(reportId)) ??
      (await putReport({
        id: reportId, serviceId, clientId: client.id, kind: period.kind, from: period.from, to: period.to, status: 'drafting', title: '', restricted: false, reviewPending: false,
        manager: { analysis: '', proposals: '' }, publish: { pdfUploaded: false, unrestricted: false, notifyStarted: false, reviewDone: false }, feedback: [], escalationPending: false, createdAt: now, updatedAt: now,
      }));
    if (r.status === 'publishing' || r.status === 'published') return r;

    let model = await getReportModel(reportId);
    if (!model) {
      const agency = await getAgencySettings();
      const templateRoles = new Map((await templatesRepo.byIndex('serviceType', { rangeEquals: service.type })).map((t) => [t.id, t.role]));
      model = await buildReportModel({
        agencyName: agency.name, client, service, reportId, period, metrics: deps.metrics, kpis: deps.kpis,
        resolved: await resolvedIssues(deps, service.jiraProjectKey, period), templateRoles, now: deps.now(),
      });
      await putReportModel(model);
    }
    const title = titleOf(client, service, model);
    if (!r.pageId) {
      const storage = storageOf({ ...model, manager: { ...model.manager, ...r.manager } }, deps);
      let pageId: string;
      try {
        const draftsPageId = await ensureClientDraftsPage(client, draftsPort(deps));
        pageId = (await deps.confluence.createPage({ spaceId: client.confluenceSpaceId, parentId: draftsPageId, title, storage, status: 'current' })).id;
      } catch (e) {
        // A crashed run created the page but did not record it: adopt it by its (unique) title.
        if (!(e instanceof ConnectorValidationError)) throw e;
        const found = await deps.confluence.getPageByTitle(client.confluenceSpaceId, title);
        if (!found) throw e;
        pageId = found.id;
      }
      r = await putReport({ ...r, title, pageId });
    }
    // Drafts inherit the agency-only restriction of their parent; records from before it had their own.
    if (!r.restricted) r = await putReport({ ...r, restricted: true, publish: { ...r.publish, unrestricted: true } });
    if (!r.reviewIssueKey) r = await ensureReviewTask(r, service, client, title, deps);
    if (r.status === 'drafting') r = await putReport({ ...r, status: 'draft' });
    await enqueuePanelRefresh([serviceId], 'report');
    return r;
  }).then(async (r) => {
    const service = await servicesRepo.get(serviceId);
    if (r.status === 'draft' && service?.reportSchedule.autoSend && period.kind !== 'custom') return publishReport(r.id, deps, { requestedBy: 'auto' });
    return r;
  });
}

async function ensureReviewTask(r: ReportRecord, service: ServiceRecord, client: Client, title: string, deps: ReportsDeps): Promise<ReportRecord> {
  const label = reviewLabel(r.id);
  let key: string | undefined;
  if (r.reviewPending) {
    for await (const issue of deps.jira.searchJql(`labels = ${jqlString(label)}`, { fields: ['labels'], pageSize: 10 })) key ??= issue.key;
  }
  if (!key) {
    r = await putReport({ ...r, reviewPending: true });
    const texts = reportIssueTexts((await getAgencySettings()).language);
    const created = await deps.jira.createIssue({
      project: { key: service.jiraProjectKey as string },
      issueTypeId: service.jiraIssueTypes?.task ?? '',
      summary: texts.reviewSummary(client.name, r.from, r.to).slice(0, 250),
      description: doc(paragraph(texts.reviewBody(title, r.id))),
      labels: ['retainer', label],
      assigneeAccountId: service.managerAccountId,
    });
    key = created.key;
  }
  await kvs.set(reportByIssueKey(key), { reportId: r.id });
  return putReport({ ...r, reviewIssueKey: key, reviewPending: false });
}

/** Manager's sections, while the report is a draft. The page is re-rendered when it is published. */
export async function updateManagerText(reportId: string, text: { analysis: string; proposals: string }): Promise<ReportRecord> {
  const r = await getReport(reportId);
  if (!r) throw new NotFoundError('Report', reportId);
  if (r.status !== 'draft' && r.status !== 'drafting') throw new ConflictError('Only a draft report can be edited', { reportId, status: r.status });
  return putReport({ ...r, manager: { analysis: text.analysis, proposals: text.proposals } });
}

/** Publishes a draft; safe to run again at any point (finished steps are skipped). */
export async function publishReport(reportId: string, deps: ReportsDeps, opts: { requestedBy?: string } = {}): Promise<ReportRecord> {
  return withReportLock(reportId, async () => {
    let r = await getReport(reportId);
    if (!r) throw new NotFoundError('Report', reportId);
    if (r.status === 'published') return r;
    if (r.status === 'drafting' || !r.pageId) throw new ConflictError('The draft is not ready yet', { reportId });
    const model = await getReportModel(reportId);
    if (!model) throw new ConflictError('The report has no data yet', { reportId });
    const { service, client } = await loadServiceAndClient(r.serviceId);
    const pageId = r.pageId;
    if (r.status === 'draft') r = await putReport({ ...r, status: 'publishing', publish: { ...r.publish, ...(opts.requestedBy ? { requestedBy: opts.requestedBy } : {}) } });
    const published: ReportModel = { ...model, manager: { ...model.manager, analysis: r.manager.analysis, proposals: r.manager.proposals }, status: 'published' };
    if (r.publish.pageVersion === undefined) {
      // Re-rendered and moved from the drafts parent to "Reports" in one update.
      const page = await deps.confluence.updatePage(pageId, { storage: storageOf(published, deps), versionMessage: 'Published to the client', ...(client.reportsPageId ? { parentId: client.reportsPageId } : {}) });
      r = await putReport({ ...r, publish: { ...r.publish, pageVersion: page.version } });
    }
    if (!r.publish.pdfUploaded) {
      const bytes = await renderReportPdf(published);
      await deps.confluence.uploadAttachment(pageId, { filename: pdfNameOf(r), bytes, contentType: 'application/pdf', comment: 'Report PDF', minorEdit: true });
      r = await putReport({ ...r, publish: { ...r.publish, pdfUploaded: true } });
    }
    if (!r.publish.unrestricted) {
      await deps.confluence.clearReadRestriction(pageId);
      r = await putReport({ ...r, publish: { ...r.publish, unrestricted: true } });
    }
    const reviewKey = r.reviewIssueKey;
    if (!r.publish.notifyStarted && reviewKey) {
      // At most once: the checkpoint goes first; a failed call clears it so a retry sends it.
      r = await putReport({ ...r, publish: { ...r.publish, notifyStarted: true } });
      try {
        const [agency, rules] = await Promise.all([getAgencySettings(), getNotificationRules()]);
        const texts = reportIssueTexts(agency.language);
        const to = [...new Set([service.managerAccountId, ...(rules.reportPublishedToHead ? [service.headAccountId] : [])])];
        await deps.jira.notify(reviewKey, { subject: texts.publishedSubject(r.title).slice(0, 250), textBody: texts.publishedBody(r.title), to: { users: to } });
      } catch (e) {
        await putReport({ ...r, publish: { ...r.publish, notifyStarted: false } });
        throw e;
      }
      const at = deps.now().toISOString();
      r = await putReport({ ...r, publish: { ...r.publish, notifiedAt: at, clientNotifiedAt: at } });
    }
    if (!r.publish.reviewDone && r.reviewIssueKey) {
      await deps.jira.transitionIssue(r.reviewIssueKey, 'done');
      r = await putReport({ ...r, publish: { ...r.publish, reviewDone: true } });
    }
    await putReportModel(published);
    const done = await putReport({ ...r, status: 'published', publishedAt: r.publishedAt ?? deps.now().toISOString() });
    await enqueuePanelRefresh([done.serviceId], 'report published');
    return done;
  });
}
