// Small versioned documents of the money feature in the `money-doc` entity, by kind: settings,
// alerts, acts, profitability, other costs, bank imports, webhook events, the worklog checkpoint.
// Rollups, snapshots and invoice counters live here too (ledger.repo.ts, invoices.repo.ts).
import { z } from 'zod';
import { ROLES } from '../domain/model';
import { encodeKeyPart } from '../domain/money';
import { MONEY_ENTITY, type Versioned, type Write, queryRecords, readRecord, readRecords } from './money-store';

export type DocKind = 'settings' | 'alert' | 'act' | 'profit' | 'costs' | 'bank-import' | 'webhook-event' | 'checkpoint' | 'page';

export function docWrite(kind: DocKind, key: string, data: unknown, expect: Write['expect'], opts: { serviceId?: string; sortKey?: string; active?: boolean } = {}): Write {
  return { entity: MONEY_ENTITY.doc, key, data, attrs: { kind, serviceId: opts.serviceId, sortKey: opts.sortKey ?? key, active: opts.active }, expect };
}

export async function readDoc<S extends z.ZodType>(key: string, schema: S): Promise<Versioned<z.infer<S>> | undefined> {
  return readRecord(MONEY_ENTITY.doc, key, schema);
}

export async function readDocs<S extends z.ZodType>(keys: readonly string[], schema: S): Promise<Map<string, Versioned<z.infer<S>>>> {
  return readRecords(MONEY_ENTITY.doc, keys, schema);
}

export async function docsOfService<S extends z.ZodType>(serviceId: string, kind: DocKind, schema: S, beginsWith?: string): Promise<Array<Versioned<z.infer<S>> & { key: string }>> {
  return queryRecords(MONEY_ENTITY.doc, 'by-service-kind', { partition: [serviceId, kind], ...(beginsWith ? { beginsWith } : {}) }, schema);
}

export async function docsOfKind<S extends z.ZodType>(kind: DocKind, schema: S, beginsWith?: string): Promise<Array<Versioned<z.infer<S>> & { key: string }>> {
  return queryRecords(MONEY_ENTITY.doc, 'by-kind', { partition: [kind], ...(beginsWith ? { beginsWith } : {}) }, schema);
}

const k = (...parts: string[]): string => parts.map(encodeKeyPart).join(':');

// ---------------------------------------------------------------------------------------------
// Settings

const Decimal = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'a non-negative decimal such as 1500 or 1500.50');
const Percent = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/).refine((s) => Number(s) <= 100, 'at most 100');

export const AgencyMoneySettingsSchema = z.object({
  invoicePrefix: z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, '1–10 capital letters or digits, starting with a letter'),
  actPrefix: z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, '1–10 capital letters or digits, starting with a letter'),
  paymentTermsDays: z.number().int().min(0).max(120),
  /** Hourly cost per person (accountId) and per role, in the agency's base currency. */
  costRates: z.object({
    byAccount: z.record(z.string(), Decimal),
    byRole: z.partialRecord(z.enum(ROLES), Decimal),
    default: Decimal.optional(),
  }),
  /** 1 unit of a client's currency = this many units of the agency's base currency (for labour cost only). */
  exchangeRates: z.record(z.string(), Decimal).optional(),
  alerts: z.object({
    runwayDays: z.number().int().min(1).max(90),
    subscriptionDays: z.number().int().min(0).max(60),
    spendTolerancePercent: Percent,
  }),
  /** VAT rate assumed for ad spend a platform reports with VAT included. */
  platformVatRatePercent: Percent,
  autoInvoices: z.object({ monthlyFee: z.boolean(), commission: z.boolean(), topUp: z.boolean() }),
  /** Show overdue invoices to the client under a notice on their space's "Invoices" page. */
  notifyClientOnOverdue: z.boolean(),
  /** Printed on invoices and acts as the issuer. */
  issuer: z.object({ legalName: z.string().max(200), taxId: z.string().max(60).optional(), address: z.string().max(300).optional(), bankDetails: z.string().max(500).optional() }),
});
export type AgencyMoneySettings = z.infer<typeof AgencyMoneySettingsSchema>;

export const DEFAULT_MONEY_SETTINGS: AgencyMoneySettings = {
  invoicePrefix: 'INV',
  actPrefix: 'ACT',
  paymentTermsDays: 7,
  costRates: { byAccount: {}, byRole: {}, default: undefined },
  alerts: { runwayDays: 5, subscriptionDays: 5, spendTolerancePercent: '15' },
  platformVatRatePercent: '20',
  autoInvoices: { monthlyFee: true, commission: true, topUp: true },
  notifyClientOnOverdue: true,
  issuer: { legalName: '' },
};

export const ServiceMoneySettingsSchema = z.object({
  /** Major units in the client's currency; the wallet below it raises the low-balance alert. */
  lowBalanceThreshold: Decimal.optional(),
  runwayDays: z.number().int().min(1).max(90).optional(),
  subscriptionDays: z.number().int().min(0).max(60).optional(),
  /** The month's ad budget (net + VAT, as the wallet pays it), for the over/under-spend alerts. */
  monthlyAdBudget: Decimal.optional(),
  spendTolerancePercent: Percent.optional(),
  /** Amount of the automatic top-up invoice (major units); default: the month's ad budget. */
  topUpAmount: Decimal.optional(),
});
export type ServiceMoneySettings = z.infer<typeof ServiceMoneySettingsSchema>;

export const AGENCY_SETTINGS_KEY = 'money-settings:agency';
export const serviceSettingsKey = (serviceId: string): string => k('money-settings', serviceId);

// ---------------------------------------------------------------------------------------------
// Alerts

export const AlertRecordSchema = z.object({
  key: z.string(),
  type: z.enum(['low-balance', 'runway-below', 'subscription-ending', 'invoice-overdue', 'overspend', 'underspend', 'ads-stopped']),
  serviceId: z.string(),
  state: z.enum(['raising', 'active', 'clearing', 'cleared']),
  /** 1 for the first time the condition held, +1 each time it comes back after clearing. */
  occurrence: z.number().int().min(1),
  raisedAt: z.string(),
  clearedAt: z.string().optional(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  issueKey: z.string().optional(),
  invoiceId: z.string().optional(),
  clientNotified: z.boolean().optional(),
});
export type AlertRecord = z.infer<typeof AlertRecordSchema>;

// ---------------------------------------------------------------------------------------------
// Acts (closing documents)

const MoneyJsonSchema = z.object({ amountMinor: z.string().regex(/^-?\d{1,40}$/), currency: z.string() });

export const ActRecordSchema = z.object({
  id: z.string(),
  number: z.string(),
  serviceId: z.string(),
  clientId: z.string(),
  period: z.string(),
  date: z.string(),
  currency: z.string(),
  lines: z.array(z.object({ description: z.string(), quantity: z.string(), unitPrice: MoneyJsonSchema, vatRatePercent: z.string(), net: MoneyJsonSchema, vat: MoneyJsonSchema, gross: MoneyJsonSchema })),
  totals: z.object({ net: MoneyJsonSchema, vat: MoneyJsonSchema, gross: MoneyJsonSchema }),
  hoursUsed: z.string(),
  tasksDone: z.number().int(),
  invoiceNumbers: z.array(z.string()),
  document: z.object({ state: z.enum(['pending', 'published', 'failed']), pageId: z.string().optional(), pageTitle: z.string().optional(), renderedHash: z.string().optional(), message: z.string().optional() }),
  createdAt: z.string(),
});
export type ActRecord = z.infer<typeof ActRecordSchema>;

export const actKey = (serviceId: string, period: string): string => k('act', serviceId, period);

// ---------------------------------------------------------------------------------------------
// Profitability and other costs

export const ProfitRecordSchema = z.object({
  serviceId: z.string(),
  period: z.string(),
  currency: z.string(),
  fees: MoneyJsonSchema,
  commission: MoneyJsonSchema,
  revenue: MoneyJsonSchema,
  labourCost: MoneyJsonSchema,
  otherCosts: MoneyJsonSchema,
  totalCost: MoneyJsonSchema,
  margin: MoneyJsonSchema,
  marginPercent: z.string().nullable(),
  people: z.array(z.object({ accountId: z.string(), role: z.string().nullable(), seconds: z.number(), hours: z.string(), rate: z.string().nullable(), rateSource: z.string().nullable(), cost: MoneyJsonSchema })),
  unrated: z.array(z.object({ accountId: z.string(), seconds: z.number() })),
  complete: z.boolean(),
  hoursUsed: z.string(),
  allowanceHours: z.string().nullable(),
  hoursLeft: z.string().nullable(),
  allowanceUsedPercent: z.string().nullable(),
  overAllowance: z.boolean(),
  worklogCount: z.number().int(),
  computedAt: z.string(),
});
export type ProfitRecord = z.infer<typeof ProfitRecordSchema>;
export const profitKey = (serviceId: string, period: string): string => k('profit', serviceId, period);

export const OtherCostsSchema = z.object({ items: z.array(z.object({ label: z.string().min(1).max(120), amount: MoneyJsonSchema })).max(50) });
export type OtherCosts = z.infer<typeof OtherCostsSchema>;
export const costsKey = (serviceId: string, period: string): string => k('costs', serviceId, period);

// ---------------------------------------------------------------------------------------------
// Bank imports, webhook events, checkpoints

export const BankImportSchema = z.object({
  importId: z.string(),
  fileName: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  state: z.enum(['queued', 'done']),
  rows: z.number().int(),
  chunks: z.number().int(),
  chunksDone: z.array(z.number().int()),
  booked: z.number().int(),
  review: z.number().int(),
  duplicates: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
  skipped: z.number().int(),
});
export type BankImport = z.infer<typeof BankImportSchema>;
export const bankImportKey = (importId: string): string => k('bank-import', importId);

export const WebhookEventSchema = z.object({ eventId: z.string(), paymentId: z.string(), receivedAt: z.string() });
export const webhookEventKey = (eventId: string): string => k('webhook-event', eventId);

export const CheckpointSchema = z.object({
  since: z.number().int().nonnegative(),
  updatedAt: z.string(),
  worklogs: z.number().int().nonnegative(),
  /** Checkpoint of the deleted-worklogs feed (absent: starts where the updated feed started). */
  deletedSince: z.number().int().nonnegative().optional(),
  deleted: z.number().int().nonnegative().optional(),
});
export const WORKLOG_CHECKPOINT_KEY = 'checkpoint:worklogs';

/** What was last rendered on a client's "Invoices" page. */
export const IndexPageSchema = z.object({ pageId: z.string(), hash: z.string() });
export const invoiceIndexKey = (clientId: string): string => k('page', 'invoices', clientId);
