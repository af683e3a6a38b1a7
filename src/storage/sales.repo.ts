// Sales pipeline storage (issue 9): leads (entity `sales-lead`), the prospect notification outbox
// (entity `sales-outbox`), and small settings documents in plain KVS keys (price list, document
// templates, the Sales project/space ids).
import { z } from 'zod';
import { LANGUAGES, SERVICE_TYPES } from '../domain/model';
import { DOC_KINDS, EstimateInputSchema, LEAD_STAGES, PriceListSchema, type Estimate } from '../domain/sales';
import { entityStore } from '../platform/entity-store';
import { getTyped } from '../platform/kv';
import { kvs } from '@forge/kvs';

const Iso = z.string().min(10).max(40);
const Stage = z.enum(LEAD_STAGES);

const ContactSchema = z.object({
  name: z.string(),
  company: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  siteHost: z.string().nullable(),
  language: z.enum(LANGUAGES),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)),
  message: z.string().nullable(),
  source: z.string(),
});

const Group = z.object({ subtotal: z.string(), discount: z.string(), net: z.string(), vat: z.string(), gross: z.string() });
const EstimateSchema: z.ZodType<Estimate> = z.object({
  currency: z.string(),
  discountPercent: z.string(),
  vatRatePercent: z.string(),
  lines: z.array(z.object({ itemId: z.string(), name: z.string(), billing: z.enum(['monthly', 'once']), serviceType: z.enum(SERVICE_TYPES).nullable(), quantity: z.number(), unitPrice: z.string(), amount: z.string(), hours: z.number() })),
  monthly: Group,
  once: Group,
  firstInvoiceGross: z.string(),
  hoursPerMonth: z.number(),
});

const DocState = z.object({ pageId: z.string(), title: z.string(), renderedHash: z.string(), pdf: z.string().optional(), updatedAt: Iso });

export const LeadRecordSchema = z.object({
  id: z.string().regex(/^ld-[a-z0-9]{6,40}$/),
  number: z.string(),
  createdAt: Iso,
  updatedAt: Iso,
  stage: Stage,
  history: z.array(z.object({ stage: Stage, at: Iso, by: z.string() })).min(1),
  contact: ContactSchema,
  /** Later requests from the same person (matched by e-mail, phone or site). */
  repeats: z.array(z.object({ at: Iso, source: z.string(), message: z.string().nullable(), matchedBy: z.array(z.string()), fingerprint: z.string().optional() })).max(50),
  managerAccountId: z.string().nullable(),
  lostReason: z.string().nullable(),
  lostNote: z.string().nullable(),
  jiraIssueKey: z.string().nullable(),
  brief: z.object({
    serviceTypes: z.array(z.enum(SERVICE_TYPES)),
    pageId: z.string().nullable(),
    requestedAt: Iso.nullable(),
    answers: z.record(z.string(), z.string()).nullable(),
    submittedAt: Iso.nullable(),
    reminders: z.number().int().min(0),
    lastReminderAt: Iso.nullable(),
  }),
  estimate: z.object({ input: EstimateInputSchema, result: EstimateSchema, updatedAt: Iso }).nullable(),
  docs: z.partialRecord(z.enum(DOC_KINDS), DocState),
  acceptedAt: Iso.nullable(),
  won: z
    .object({ at: Iso, clientId: z.string(), serviceIds: z.array(z.string()), invoiceId: z.string().nullable(), invoiceNumber: z.string().nullable(), startDate: z.string() })
    .nullable(),
  firstInvoiceAt: Iso.nullable(),
  paidAt: Iso.nullable(),
});
export type LeadRecord = z.infer<typeof LeadRecordSchema>;

export const leadsRepo = entityStore('sales-lead', LeadRecordSchema, (l) => ({
  stage: l.stage,
  createdAt: l.createdAt,
  email: l.contact.email ?? undefined,
  phone: l.contact.phone ?? undefined,
  siteHost: l.contact.siteHost ?? undefined,
}));

/** Leads sharing any of these contact values (one index query per value given). */
export async function leadsMatching(c: { email: string | null; phone: string | null; siteHost: string | null }): Promise<LeadRecord[]> {
  const found = await Promise.all([
    c.email ? leadsRepo.byIndex('email', { rangeEquals: c.email }) : [],
    c.phone ? leadsRepo.byIndex('phone', { rangeEquals: c.phone }) : [],
    c.siteHost ? leadsRepo.byIndex('siteHost', { rangeEquals: c.siteHost }) : [],
  ]);
  const byId = new Map<string, LeadRecord>();
  for (const l of found.flat()) byId.set(l.id, l);
  return [...byId.values()];
}

// ---------------------------------------------------------------------------------------------
// Outbox: one record per lead × step, so a step notifies the prospect once however often it runs.

export const OUTBOX_STEPS = ['brief-requested', 'brief-reminder-1', 'brief-reminder-2', 'proposal-ready', 'contract-ready', 'invoice-issued'] as const;
export type OutboxStep = (typeof OUTBOX_STEPS)[number];

export const OutboxRecordSchema = z.object({
  key: z.string(),
  leadId: z.string(),
  step: z.enum(OUTBOX_STEPS),
  to: z.string().nullable(),
  language: z.enum(LANGUAGES),
  subject: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  state: z.enum(['pending', 'commented', 'sent']),
  createdAt: Iso,
  commentId: z.string().nullable(),
});
export type OutboxRecord = z.infer<typeof OutboxRecordSchema>;

export const outboxRepo = entityStore('sales-outbox', OutboxRecordSchema, (o) => ({ leadId: o.leadId, state: o.state, createdAt: o.createdAt }));
export const outboxKey = (leadId: string, step: OutboxStep): string => `${leadId}:${step}`;

// ---------------------------------------------------------------------------------------------
// Settings documents

export const SALES_KEYS = {
  setup: 'sales:setup',
  priceList: 'sales:price-list',
  templates: 'sales:templates',
  counter: 'sales:lead-counter',
  formSecret: 'sales:form-secret',
  linkSecret: 'sales:link-secret',
} as const;

export const SalesSetupSchema = z.object({
  projectKey: z.string(),
  projectId: z.string(),
  issueTypeId: z.string(),
  spaceId: z.string().nullable(),
  spaceKey: z.string().nullable(),
});
export type SalesSetup = z.infer<typeof SalesSetupSchema>;

const TemplateText = z.string().max(20_000);
export const SalesTemplatesSchema = z.partialRecord(z.enum(DOC_KINDS), z.partialRecord(z.enum(LANGUAGES), TemplateText));
export type SalesTemplates = z.infer<typeof SalesTemplatesSchema>;

export async function getSalesSetup(): Promise<SalesSetup | undefined> {
  return getTyped(SALES_KEYS.setup, SalesSetupSchema);
}
export async function putSalesSetup(s: SalesSetup): Promise<void> {
  await kvs.set(SALES_KEYS.setup, SalesSetupSchema.parse(s));
}
export async function getStoredPriceList(): Promise<z.infer<typeof PriceListSchema> | undefined> {
  return getTyped(SALES_KEYS.priceList, PriceListSchema);
}
export async function putPriceList(p: z.infer<typeof PriceListSchema>): Promise<void> {
  await kvs.set(SALES_KEYS.priceList, PriceListSchema.parse(p));
}
export async function getStoredTemplates(): Promise<SalesTemplates> {
  return (await getTyped(SALES_KEYS.templates, SalesTemplatesSchema)) ?? {};
}
export async function putTemplates(t: SalesTemplates): Promise<void> {
  await kvs.set(SALES_KEYS.templates, SalesTemplatesSchema.parse(t));
}
