// Shared pieces of the sales use cases: who may work with leads, settings with their defaults, the
// secret behind prospects' signed links, and the lead view.
import { createHmac, randomBytes } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { tryLock } from '../../platform/kv';
import { getAppContext } from '@forge/api';
import type { Language } from '../../domain/model';
import { DEFAULT_PRICE_LIST, DEFAULT_TEMPLATES, DOC_KINDS, briefQuestions, linkToken, nextStages, sameToken, type DocKind, type LinkPurpose, type PriceList } from '../../domain/sales';
import type { BriefQuestionView, LeadDetail, LeadSummary } from '../../shared/api-sales';
import { ForbiddenError, NotFoundError } from '../../shared/errors';
import { type LeadRecord, SALES_KEYS, getStoredPriceList, getStoredTemplates, leadsRepo, outboxRepo } from '../../storage/sales.repo';
import type { Access } from '../access';
import type { MacroContext } from './render';

export interface SalesAccess {
  access: Access;
  /** Admins and heads see every lead; managers see unassigned leads and their own. */
  all: boolean;
  seesMoney: boolean;
}

export function requireSales(a: Access): SalesAccess {
  const isManager = a.services.some((s) => s.managerAccountId === a.accountId || s.headAccountId === a.accountId);
  if (!a.isAdmin && !a.isHead && !isManager) throw new ForbiddenError('Only admins, heads of department and managers work with leads', { accountId: a.accountId });
  return { access: a, all: a.isAdmin || a.isHead, seesMoney: a.isAdmin || a.isHead || a.agency.moneyVisibility === 'manager-head-admin' };
}

export function canSeeLead(s: SalesAccess, lead: LeadRecord): boolean {
  return s.all || lead.managerAccountId === null || lead.managerAccountId === s.access.accountId;
}

/** The lead if the caller may see it; unknown and forbidden look the same. */
export async function requireLead(s: SalesAccess, leadId: string): Promise<LeadRecord> {
  const lead = /^ld-[a-z0-9]{6,40}$/.test(leadId) ? await leadsRepo.get(leadId) : undefined;
  if (!lead || !canSeeLead(s, lead)) throw new ForbiddenError('You do not have access to this lead', { leadId });
  return lead;
}

export async function loadLead(leadId: string): Promise<LeadRecord> {
  const lead = await leadsRepo.get(leadId);
  if (!lead) throw new NotFoundError('Lead', leadId);
  return lead;
}

export async function getPriceList(): Promise<PriceList> {
  return (await getStoredPriceList()) ?? DEFAULT_PRICE_LIST;
}

export async function getTemplates(): Promise<Record<DocKind, Record<Language, string>>> {
  const stored = await getStoredTemplates();
  const out = {} as Record<DocKind, Record<Language, string>>;
  for (const k of DOC_KINDS) out[k] = { ...DEFAULT_TEMPLATES[k], ...(stored[k] ?? {}) } as Record<Language, string>;
  return out;
}

export const hmacHex = (secret: string, message: string): string => createHmac('sha256', secret).update(message, 'utf8').digest('hex');

/** The secret behind signed links, made on first use and kept with kvs.setSecret (never shown anywhere). */
async function linkSecret(): Promise<string> {
  const s = await kvs.getSecret<string>(SALES_KEYS.linkSecret);
  if (typeof s === 'string' && s.length >= 32) return s;
  await kvs.setSecret(SALES_KEYS.linkSecret, randomBytes(32).toString('hex'));
  return (await kvs.getSecret<string>(SALES_KEYS.linkSecret)) as string;
}

export async function tokenFor(leadId: string, purpose: LinkPurpose): Promise<string> {
  return linkToken(hmacHex, await linkSecret(), leadId, purpose);
}

/** A prospect's call: the lead exists and the token was made for it and this purpose. */
export async function requireSignedLead(leadId: string, token: string, purpose: LinkPurpose): Promise<LeadRecord> {
  const refuse = new ForbiddenError('This link is not valid', { leadId });
  if (!/^ld-[a-z0-9]{6,40}$/.test(leadId) || !/^[0-9a-f]{40}$/.test(token)) throw refuse;
  if (!sameToken(await tokenFor(leadId, purpose), token)) throw refuse;
  const lead = await leadsRepo.get(leadId);
  if (!lead) throw refuse;
  return lead;
}

export function macroContext(): MacroContext {
  const ctx = getAppContext();
  return { appId: ctx.appAri.appId, environmentId: ctx.environmentAri.environmentId };
}

export function questionsView(lead: LeadRecord, lang: Language): BriefQuestionView[] {
  return briefQuestions(lead.brief.serviceTypes).map((q) => ({ id: q.id, kind: q.kind, required: q.required, label: q.label[lang], ...(q.options ? { options: q.options.map((o) => ({ id: o.id, label: o.label[lang] })) } : {}) }));
}

export function summaryOf(s: SalesAccess, l: LeadRecord): LeadSummary {
  return {
    id: l.id,
    number: l.number,
    name: l.contact.name,
    company: l.contact.company,
    email: l.contact.email,
    phone: l.contact.phone,
    siteHost: l.contact.siteHost,
    stage: l.stage,
    serviceTypes: l.contact.serviceTypes,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
    jiraIssueKey: l.jiraIssueKey,
    repeats: l.repeats.length,
    estimateGross: s.seesMoney && l.estimate ? l.estimate.result.firstInvoiceGross : null,
    currency: s.seesMoney && l.estimate ? l.estimate.result.currency : null,
  };
}

const pageUrl = (spaceKey: string | null, pageId: string): string => (spaceKey ? `/wiki/spaces/${encodeURIComponent(spaceKey)}/pages/${encodeURIComponent(pageId)}` : `/wiki/pages/${encodeURIComponent(pageId)}`);

export async function detailOf(s: SalesAccess, l: LeadRecord, spaceKey: string | null, uiLang: Language): Promise<LeadDetail> {
  const notes = await outboxRepo.byIndex('by-lead', { partition: [l.id] });
  return {
    ...summaryOf(s, l),
    language: l.contact.language,
    message: l.contact.message,
    source: l.contact.source,
    history: l.history,
    nextStages: [...nextStages(l.stage)],
    lostReason: l.lostReason,
    lostNote: l.lostNote,
    brief: {
      pageId: l.brief.pageId,
      url: l.brief.pageId ? pageUrl(spaceKey, l.brief.pageId) : null,
      requestedAt: l.brief.requestedAt,
      submittedAt: l.brief.submittedAt,
      reminders: l.brief.reminders,
      questions: questionsView(l, uiLang),
      answers: l.brief.answers,
    },
    estimate: l.estimate && s.seesMoney ? { input: l.estimate.input, result: l.estimate.result } : null,
    docs: DOC_KINDS.flatMap((k) => {
      const d = l.docs[k];
      return d ? [{ kind: k, pageId: d.pageId, title: d.title, url: pageUrl(spaceKey, d.pageId), pdf: d.pdf ?? null, updatedAt: d.updatedAt }] : [];
    }),
    acceptedAt: l.acceptedAt,
    won: l.won ? { clientId: l.won.clientId, serviceIds: l.won.serviceIds, invoiceNumber: s.seesMoney ? l.won.invoiceNumber : null, startDate: l.won.startDate } : null,
    notifications: notes.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((n) => ({ step: n.step, subject: n.subject, state: n.state, createdAt: n.createdAt })),
  };
}

/**
 * Waits for a short lock (polling with jitter). A conflict answered while the holder is releasing it
 * counts as "not yet". False when it stayed taken for all attempts.
 */
export async function acquire(lock: string, ttlSeconds: number, attempts = 60): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    const got = await tryLock(lock, ttlSeconds).catch(() => false);
    if (got) return true;
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 50));
  }
  return false;
}
