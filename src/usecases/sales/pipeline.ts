// The lead's way through the stages: its Jira issue in the Sales project, the brief page and form, the
// estimate, the proposal and contract as live pages with PDFs, acceptance, and winning or losing it.
import { doc, heading, paragraph } from '../../connectors/jira/adf';
import type { Language } from '../../domain/model';
import { EstimateError, briefQuestions, canMove, checkBriefAnswers, computeEstimate, renderTemplate, type DocKind, type EstimateInput, type LeadStage, type PlaceholderValues } from '../../domain/sales';
import { pushJobs } from '../../platform/queue';
import { tryLock, unlock } from '../../platform/kv';
import { SALES_PROJECT_KEY } from '../../shared/api-sales';
import { ConflictError, RetryLaterError, ValidationError } from '../../shared/errors';
import { getAgencySettings } from '../../storage/agency.repo';
import { type LeadRecord, type SalesSetup, getSalesSetup, leadsRepo, putSalesSetup } from '../../storage/sales.repo';
import { getMoneySettings } from '../money/context';
import { monthIn } from '../plan-daily-work';
import { acquire, getPriceList, getTemplates, loadLead, macroContext, tokenFor } from './context';
import { queueNotification } from './notify';
import type { SalesDeps } from './ports';
import { renderBriefStorage, renderDocPdf, renderDocStorage } from './render';

export const SALES_SPACE_KEY = 'SALES';

/** Moves the lead (recording the history) when the move is allowed; a no-op when it is already there. */
export function moved(lead: LeadRecord, to: LeadStage, by: string, at: string): LeadRecord {
  if (lead.stage === to) return lead;
  if (!canMove(lead.stage, to)) throw new ConflictError(`Lead ${lead.number} cannot move from ${lead.stage} to ${to}`, { leadId: lead.id, from: lead.stage, to });
  return { ...lead, stage: to, history: [...lead.history, { stage: to, at, by }], updatedAt: at };
}

/** The lead's Jira issue follows its stage (a label per stage), in the background. */
export async function queueStageSync(before: LeadStage, after: LeadRecord): Promise<void> {
  if (before !== after.stage) await pushJobs([{ kind: 'sales-lead-sync', leadId: after.id }]);
}

/** Saves a change made from a fresh read, so concurrent writers don't lose each other's fields. */
export async function updateLead(leadId: string, change: (l: LeadRecord) => LeadRecord): Promise<LeadRecord> {
  const lock = `sales:lead-lock:${leadId}`;
  if (!(await acquire(lock, 30))) throw new RetryLaterError(`Lead ${leadId} is being changed`, 5, { leadId });
  try {
    const next = change(await loadLead(leadId));
    await leadsRepo.put(leadId, next);
    return next;
  } finally {
    await unlock(lock);
  }
}

// ---------------------------------------------------------------------------------------------
// The Sales project and space (made once, adopted when they exist)

export async function ensureSalesSetup(deps: SalesDeps, leadAccountId: string): Promise<SalesSetup> {
  const saved = await getSalesSetup();
  if (saved?.spaceId) return saved;
  let project = saved ? { id: saved.projectId, key: saved.projectKey } : await deps.jira.getProject(SALES_PROJECT_KEY);
  project ??= await deps.jira.createProject({ key: SALES_PROJECT_KEY, name: 'Sales', leadAccountId, description: 'Leads of the agency (Retainer)' });
  const issueTypeId = saved?.issueTypeId ?? (await deps.jira.taskTypeId(project.id));
  const space = (await deps.confluence.getSpaceByKey(SALES_SPACE_KEY)) ?? (await deps.confluence.createSpace({ key: SALES_SPACE_KEY, name: 'Sales documents', description: 'Briefs, proposals and contracts shared with prospects' }));
  const setup: SalesSetup = { projectKey: project.key, projectId: project.id, issueTypeId, spaceId: space.id, spaceKey: space.key };
  await putSalesSetup(setup);
  return setup;
}

const leadLabel = (leadId: string): string => `retainer-lead-${leadId}`;
const stageLabel = (s: LeadStage): string => `sales-${s}`;

/** The lead's Jira issue (created once; a crashed run's issue is found by its label). */
export async function syncLeadIssue(leadId: string, deps: SalesDeps): Promise<string> {
  // One sync per lead at a time: two deliveries must not both create the issue.
  const lock = `sales:sync:${leadId}`;
  if (!(await tryLock(lock, 60))) throw new RetryLaterError(`The issue of ${leadId} is being synced`, 10, { leadId });
  try {
    return await syncLeadIssueLocked(leadId, deps);
  } finally {
    await unlock(lock);
  }
}

async function syncLeadIssueLocked(leadId: string, deps: SalesDeps): Promise<string> {
  const lead = await loadLead(leadId);
  const agency = await getAgencySettings();
  const owner = agency.adminAccountIds[0] ?? agency.headAccountIds[0];
  if (!owner) throw new ValidationError('Set an admin in Retainer settings before leads arrive');
  const setup = await ensureSalesSetup(deps, owner);
  if (lead.jiraIssueKey) {
    await deps.jira.setLabels(lead.jiraIssueKey, ['retainer', leadLabel(lead.id), stageLabel(lead.stage)]);
    return lead.jiraIssueKey;
  }
  const c = lead.contact;
  const key =
    (await deps.jira.findByLabel(leadLabel(lead.id))) ??
    (await deps.jira.createIssue({
      projectKey: setup.projectKey,
      issueTypeId: setup.issueTypeId,
      summary: `${lead.number}: ${c.company ?? c.name}`.slice(0, 250),
      description: doc(
        heading(3, c.name),
        paragraph([c.email, c.phone, c.siteHost].filter(Boolean).join(' · ') || '—'),
        paragraph(`Services: ${c.serviceTypes.join(', ') || '—'} · source: ${c.source} · language: ${c.language}`),
        ...(c.message ? [paragraph(c.message.slice(0, 3000))] : []),
      ),
      labels: ['retainer', leadLabel(lead.id), stageLabel(lead.stage)],
    }));
  await updateLead(leadId, (l) => ({ ...l, jiraIssueKey: key }));
  return key;
}

// ---------------------------------------------------------------------------------------------
// Brief

const BRIEF_TITLE: Record<Language, string> = { en: 'Brief', uk: 'Бриф', ru: 'Бриф' };

async function upsertPage(deps: SalesDeps, setup: SalesSetup, pageId: string | null, title: string, storage: string): Promise<string> {
  if (!setup.spaceId) throw new RetryLaterError('The Sales space is not ready', 30);
  if (pageId) {
    await deps.confluence.updatePage(pageId, { title, storage });
    return pageId;
  }
  const found = await deps.confluence.findPageByTitle(setup.spaceId, title);
  if (found) {
    await deps.confluence.updatePage(found.id, { title, storage });
    return found.id;
  }
  return (await deps.confluence.createPage({ spaceId: setup.spaceId, title, storage })).id;
}

/** Publishes the brief page (a form the prospect fills in through a signed macro) and asks for it. */
export async function requestBrief(leadId: string, by: string, deps: SalesDeps): Promise<LeadRecord> {
  const agency = await getAgencySettings();
  const setup = await ensureSalesSetup(deps, agency.adminAccountIds[0] ?? by);
  const lead = await loadLead(leadId);
  if (lead.stage !== 'new' && lead.stage !== 'brief-sent') throw new ConflictError(`The brief of ${lead.number} can be requested only for a new lead`, { leadId, stage: lead.stage });
  const lang = lead.contact.language;
  const r = renderBriefStorage({ title: `${BRIEF_TITLE[lang]} ${lead.number}: ${lead.contact.company ?? lead.contact.name}`, language: lang, macro: macroContext(), leadId, token: await tokenFor(leadId, 'brief') });
  const pageId = await upsertPage(deps, setup, lead.brief.pageId, r.title, r.storage);
  const at = deps.now().toISOString();
  const updated = await updateLead(leadId, (l) => ({ ...moved(l, 'brief-sent', by, at), brief: { ...l.brief, pageId, requestedAt: l.brief.requestedAt ?? at } }));
  await queueStageSync(lead.stage, updated);
  await queueNotification(updated, 'brief-requested', pageId, at);
  return updated;
}

export async function submitBrief(lead: LeadRecord, raw: Record<string, string>, now: Date): Promise<LeadRecord> {
  const check = checkBriefAnswers(briefQuestions(lead.brief.serviceTypes), raw);
  if (!check.ok) throw new ValidationError('Some answers are missing or not valid', check.fields, { leadId: lead.id });
  const at = now.toISOString();
  const saved = await updateLead(lead.id, (l) => {
    if (l.stage === 'won' || l.stage === 'lost') throw new ConflictError('This brief is closed', { leadId: l.id });
    const next = l.stage === 'new' || l.stage === 'brief-sent' ? moved(l, 'brief-received', 'prospect', at) : l;
    return { ...next, brief: { ...next.brief, answers: check.answers, submittedAt: at }, updatedAt: at };
  });
  await queueStageSync(lead.stage, saved);
  return saved;
}

// ---------------------------------------------------------------------------------------------
// Estimate

export async function previewEstimate(lead: LeadRecord, input: EstimateInput): Promise<ReturnType<typeof computeEstimate>> {
  try {
    return computeEstimate(await getPriceList(), input, lead.contact.language);
  } catch (e) {
    if (e instanceof EstimateError) throw new ValidationError(e.message, { [e.field]: e.message }, { leadId: lead.id });
    throw e;
  }
}

export async function saveEstimate(leadId: string, input: EstimateInput, by: string, now: Date): Promise<LeadRecord> {
  const lead = await loadLead(leadId);
  if (lead.stage === 'won' || lead.stage === 'lost') throw new ConflictError(`Lead ${lead.number} is closed`, { leadId });
  const result = await previewEstimate(lead, input);
  const at = now.toISOString();
  const saved = await updateLead(leadId, (l) => ({ ...(l.stage === 'proposal-sent' ? l : moved(l, 'estimate', by, at)), estimate: { input, result, updatedAt: at }, updatedAt: at }));
  await queueStageSync(lead.stage, saved);
  // Live documents: pages already shared follow the new figures.
  if (Object.keys(saved.docs).length > 0) await pushJobs([{ kind: 'sales-publish', leadId, notify: false }]);
  return saved;
}

// ---------------------------------------------------------------------------------------------
// Documents: proposal and contract as live pages with PDFs

const DOC_TITLE: Record<DocKind, Record<Language, string>> = {
  proposal: { en: 'Commercial proposal', uk: 'Комерційна пропозиція', ru: 'Коммерческое предложение' },
  contract: { en: 'Contract', uk: 'Договір', ru: 'Договор' },
};

export async function placeholderValues(lead: LeadRecord, startDate: string): Promise<PlaceholderValues> {
  const [agency, money] = await Promise.all([getAgencySettings(), getMoneySettings()]);
  const e = lead.estimate?.result;
  const c = lead.contact;
  return {
    'agency.name': agency.name,
    'client.name': c.name,
    'client.company': c.company ?? c.name,
    'client.email': c.email ?? '',
    'client.phone': c.phone ?? '',
    'client.site': c.siteHost ?? '',
    'lead.number': lead.number,
    date: monthIn(new Date(lead.estimate?.updatedAt ?? lead.updatedAt), agency.timeZone).today,
    currency: e?.currency ?? '',
    'monthly.net': e?.monthly.net ?? '',
    'monthly.vat': e?.monthly.vat ?? '',
    'monthly.gross': e?.monthly.gross ?? '',
    // Empty when there is nothing to say, so optional template lines ("? …") drop out.
    'once.gross': e && e.lines.some((l) => l.billing === 'once') ? e.once.gross : '',
    'discount.percent': e && Number(e.discountPercent) > 0 ? e.discountPercent : '',
    'vat.percent': e?.vatRatePercent ?? '',
    'first-invoice.gross': e?.firstInvoiceGross ?? '',
    'terms.payment-days': String(money.paymentTermsDays),
    'terms.start-date': startDate,
  };
}

/** Renders both documents and brings their pages and PDFs up to date; unchanged ones are left alone. */
export async function publishDocuments(leadId: string, deps: SalesDeps): Promise<{ changed: DocKind[]; lead: LeadRecord }> {
  const lock = `sales:publish:${leadId}`;
  if (!(await tryLock(lock, 120))) throw new RetryLaterError(`Documents of ${leadId} are being published`, 20, { leadId });
  try {
    const agency = await getAgencySettings();
    const setup = await ensureSalesSetup(deps, agency.adminAccountIds[0] ?? 'app');
    let lead = await loadLead(leadId);
    const estimate = lead.estimate?.result;
    if (!estimate) throw new ConflictError(`Lead ${lead.number} has no estimate yet`, { leadId });
    const lang = lead.contact.language;
    const startDate = lead.won?.startDate ?? monthIn(deps.now(), agency.timeZone).today;
    const [templates, values, acceptToken] = await Promise.all([getTemplates(), placeholderValues(lead, startDate), tokenFor(leadId, 'accept')]);
    const changed: DocKind[] = [];
    for (const kind of ['proposal', 'contract'] as const) {
      const blocks = renderTemplate(templates[kind][lang], values);
      const title = `${DOC_TITLE[kind][lang]} ${lead.number}: ${lead.contact.company ?? lead.contact.name}`;
      const r = renderDocStorage({ title, blocks, estimate, language: lang, macro: macroContext(), leadId, acceptToken: kind === 'proposal' && !lead.acceptedAt ? acceptToken : null });
      const prev = lead.docs[kind];
      if (prev && prev.renderedHash === r.hash) continue;
      const pageId = await upsertPage(deps, setup, prev?.pageId ?? null, r.title, r.storage);
      const pdf = `${kind}-${lead.number}.pdf`;
      await deps.confluence.uploadPdf(pageId, pdf, await renderDocPdf({ title, blocks, estimate, language: lang }));
      const at = deps.now().toISOString();
      lead = await updateLead(leadId, (l) => ({ ...l, docs: { ...l.docs, [kind]: { pageId, title: r.title, renderedHash: r.hash, pdf, updatedAt: at } } }));
      changed.push(kind);
    }
    return { changed, lead };
  } finally {
    await unlock(lock);
  }
}

/** The manager sends the proposal and contract: the lead moves on; pages and notices follow in a job. */
export async function sendDocuments(leadId: string, by: string, now: Date): Promise<LeadRecord> {
  const at = now.toISOString();
  const lead = await updateLead(leadId, (l) => {
    if (!l.estimate) throw new ConflictError(`Build an estimate for ${l.number} first`, { leadId });
    return moved(l, 'proposal-sent', by, at);
  });
  await pushJobs([{ kind: 'sales-publish', leadId, notify: true }, { kind: 'sales-lead-sync', leadId }]);
  return lead;
}

export async function acceptProposal(lead: LeadRecord, now: Date): Promise<LeadRecord> {
  if (lead.acceptedAt) return lead;
  if (lead.stage !== 'proposal-sent') throw new ConflictError('This proposal cannot be accepted now', { leadId: lead.id, stage: lead.stage });
  const at = now.toISOString();
  const updated = await updateLead(lead.id, (l) => (l.acceptedAt ? l : { ...l, acceptedAt: at, updatedAt: at }));
  // Accepting wins the lead: client, services, first tasks and the first invoice follow without retyping.
  await pushJobs([{ kind: 'sales-win', leadId: lead.id, by: 'prospect' }]);
  return updated;
}

export async function loseLead(leadId: string, reason: string, note: string | null, by: string, now: Date): Promise<LeadRecord> {
  const at = now.toISOString();
  const lost = await updateLead(leadId, (l) => ({ ...moved(l, 'lost', by, at), lostReason: reason, lostNote: note }));
  await pushJobs([{ kind: 'sales-lead-sync', leadId }]);
  return lost;
}

export async function moveLead(leadId: string, to: LeadStage, by: string, now: Date): Promise<LeadRecord> {
  if (to === 'won' || to === 'lost' || to === 'proposal-sent') throw new ValidationError(`Use the ${to} action for this stage`, { to: 'not a plain move' });
  const at = now.toISOString();
  const before = (await loadLead(leadId)).stage;
  const next = await updateLead(leadId, (l) => ({ ...moved(l, to, by, at), ...(to === 'new' ? { lostReason: null, lostNote: null } : {}) }));
  await queueStageSync(before, next);
  return next;
}
