// One function per sales resolver: access check, use case, view. Prospects' calls (brief form,
// acceptance) carry a signed token instead of an account.
import { LOST_REASONS, PLACEHOLDERS, PriceListSchema, funnelStats, unknownPlaceholders, type EstimateInput, type LeadStage } from '../../domain/sales';
import type { Language } from '../../domain/model';
import type { AcceptView, BriefFormView, EstimateView, FunnelView, LeadDetail, LeadInputView, LeadSummary, PriceListView, SalesTemplatesView } from '../../shared/api-sales';
import { ValidationError } from '../../shared/errors';
import { getSalesSetup, leadsRepo, putPriceList, putTemplates } from '../../storage/sales.repo';
import { requireAdmin, requireAdminOrHead, type Access } from '../access';
import { canSeeLead, detailOf, getPriceList, getTemplates, questionsView, requireLead, requireSales, requireSignedLead, summaryOf } from './context';
import { configureFormSecret, createLead, parseLeadInput } from './intake';
import { acceptProposal, loseLead, moveLead, previewEstimate, requestBrief, saveEstimate, sendDocuments, submitBrief } from './pipeline';
import type { SalesDeps } from './ports';
import { winLead } from './win';

const detail = async (a: Access, leadId: string, lang: Language): Promise<LeadDetail> => {
  const s = requireSales(a);
  const lead = await requireLead(s, leadId);
  return detailOf(s, lead, (await getSalesSetup())?.spaceKey ?? null, lang);
};

export async function listLeads(a: Access, stage?: LeadStage): Promise<LeadSummary[]> {
  const s = requireSales(a);
  const leads = stage ? await leadsRepo.byIndex('by-stage', { partition: [stage] }) : await leadsRepo.all();
  return leads.filter((l) => canSeeLead(s, l)).sort((x, y) => y.createdAt.localeCompare(x.createdAt)).map((l) => summaryOf(s, l));
}

export const getLead = detail;

export async function createLeadManually(a: Access, input: LeadInputView, now: Date): Promise<{ lead: LeadSummary; duplicateOf: string | null }> {
  const s = requireSales(a);
  const contact = parseLeadInput(input, 'manual');
  const r = await createLead(contact, a.accountId, now, s.all ? null : a.accountId);
  return { lead: summaryOf(s, r.lead), duplicateOf: r.duplicateOf };
}

export async function moveLeadOp(a: Access, p: { leadId: string; to: LeadStage; reason?: string; note?: string }, lang: Language, now: Date): Promise<LeadDetail> {
  const s = requireSales(a);
  await requireLead(s, p.leadId);
  if (p.to === 'lost') {
    if (!p.reason || !(LOST_REASONS as readonly string[]).includes(p.reason)) throw new ValidationError('Choose why the lead was lost', { reason: `One of: ${LOST_REASONS.join(', ')}` }, { leadId: p.leadId });
    await loseLead(p.leadId, p.reason, p.note?.trim() ? p.note.trim().slice(0, 1000) : null, a.accountId, now);
  } else await moveLead(p.leadId, p.to, a.accountId, now);
  return detail(a, p.leadId, lang);
}

export async function requestBriefOp(a: Access, leadId: string, lang: Language, deps: SalesDeps): Promise<LeadDetail> {
  await requireLead(requireSales(a), leadId);
  await requestBrief(leadId, a.accountId, deps);
  return detail(a, leadId, lang);
}

function requireMoney(a: Access): void {
  if (!requireSales(a).seesMoney) throw new ValidationError('Only people who may see money build estimates', {}, { accountId: a.accountId });
}

export async function previewEstimateOp(a: Access, leadId: string, input: EstimateInput): Promise<EstimateView> {
  requireMoney(a);
  return previewEstimate(await requireLead(requireSales(a), leadId), input);
}

export async function saveEstimateOp(a: Access, leadId: string, input: EstimateInput, lang: Language, now: Date): Promise<LeadDetail> {
  requireMoney(a);
  await requireLead(requireSales(a), leadId);
  await saveEstimate(leadId, input, a.accountId, now);
  return detail(a, leadId, lang);
}

export async function sendDocumentsOp(a: Access, leadId: string, lang: Language, now: Date): Promise<LeadDetail> {
  await requireLead(requireSales(a), leadId);
  await sendDocuments(leadId, a.accountId, now);
  return detail(a, leadId, lang);
}

export async function winLeadOp(a: Access, p: { leadId: string; startDate?: string; managerAccountId?: string }, lang: Language, now: Date): Promise<LeadDetail> {
  requireMoney(a);
  await requireLead(requireSales(a), p.leadId);
  if (p.managerAccountId && !a.isAdmin && !a.isHead && p.managerAccountId !== a.accountId) throw new ValidationError('Only admins and heads assign another manager', { managerAccountId: 'not allowed' });
  await winLead(p.leadId, { by: a.accountId, ...(p.startDate ? { startDate: p.startDate } : {}), managerAccountId: p.managerAccountId ?? a.accountId }, now);
  return detail(a, p.leadId, lang);
}

export async function funnelOp(a: Access, months: number, now: Date): Promise<FunnelView> {
  requireAdminOrHead(a);
  const since = new Date(now.getTime() - months * 31 * 86_400_000).toISOString();
  const leads = (await leadsRepo.all()).filter((l) => l.createdAt >= since);
  return funnelStats(leads.map((l) => ({ createdAt: l.createdAt, history: l.history, lostReason: l.lostReason, firstInvoiceAt: l.firstInvoiceAt })), a.agency.timeZone);
}

export async function getPriceListOp(a: Access): Promise<PriceListView> {
  requireSales(a);
  return getPriceList();
}

export async function savePriceListOp(a: Access, input: PriceListView): Promise<PriceListView> {
  requireAdmin(a);
  const r = PriceListSchema.safeParse(input);
  if (!r.success) {
    const fields: Record<string, string> = {};
    for (const i of r.error.issues) fields[i.path.join('.') || '_'] ??= i.message;
    throw new ValidationError('The price list is not valid', fields);
  }
  await putPriceList(r.data);
  return r.data;
}

export async function getTemplatesOp(a: Access): Promise<SalesTemplatesView> {
  requireAdminOrHead(a);
  return { ...(await getTemplates()), placeholders: [...PLACEHOLDERS] };
}

export async function saveTemplatesOp(a: Access, t: { proposal: Record<Language, string>; contract: Record<Language, string> }): Promise<SalesTemplatesView> {
  requireAdmin(a);
  const fields: Record<string, string> = {};
  for (const kind of ['proposal', 'contract'] as const) {
    for (const [lang, text] of Object.entries(t[kind])) {
      const unknown = unknownPlaceholders(text);
      if (unknown.length > 0) fields[`${kind}.${lang}`] = `Unknown placeholders: ${unknown.join(', ')}`;
    }
  }
  if (Object.keys(fields).length > 0) throw new ValidationError('Some templates use unknown placeholders', fields);
  await putTemplates(t);
  return getTemplatesOp(a);
}

export async function configureFormSecretOp(a: Access, secret: string): Promise<{ configured: boolean }> {
  requireAdmin(a);
  await configureFormSecret(secret);
  return { configured: true };
}

// ---------------------------------------------------------------------------------------------
// The prospect (anonymous, signed link)

export async function briefFormGet(leadId: string, token: string): Promise<BriefFormView> {
  const lead = await requireSignedLead(leadId, token, 'brief');
  const lang = lead.contact.language;
  return { leadId, language: lang, company: lead.contact.company ?? lead.contact.name, questions: questionsView(lead, lang), submittedAt: lead.brief.submittedAt, answers: lead.brief.answers };
}

export async function briefFormSubmit(leadId: string, token: string, answers: Record<string, string>, now: Date): Promise<BriefFormView> {
  const lead = await requireSignedLead(leadId, token, 'brief');
  await submitBrief(lead, answers, now);
  return briefFormGet(leadId, token);
}

export async function acceptGet(leadId: string, token: string): Promise<AcceptView> {
  const lead = await requireSignedLead(leadId, token, 'accept');
  const e = lead.estimate?.result;
  return { leadId, language: lead.contact.language, company: lead.contact.company ?? lead.contact.name, firstInvoiceGross: e?.firstInvoiceGross ?? null, currency: e?.currency ?? null, acceptedAt: lead.acceptedAt, canAccept: lead.stage === 'proposal-sent' && !lead.acceptedAt };
}

export async function acceptSubmit(leadId: string, token: string, now: Date): Promise<AcceptView> {
  const lead = await requireSignedLead(leadId, token, 'accept');
  await acceptProposal(lead, now);
  return acceptGet(leadId, token);
}
