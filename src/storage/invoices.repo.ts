// Invoices (entity `invoice`) and their number counters (entity `money-doc`, kind `counter`).
// An invoice is created in the same transaction as the counter increment that numbered it, so a
// number is never handed out twice and never lost (see usecases/money/invoices.ts).
import { z } from 'zod';
import { type InvoiceCounter, type InvoiceJson, INVOICE_STATUSES, invoiceCounterKey, invoiceFromJson } from '../domain/money';
import { MONEY_ENTITY, type Versioned, type Write, queryRecords, readRecord, readRecords } from './money-store';

export const INVOICE_ORIGINS = ['manual', 'monthly-fee', 'commission', 'top-up'] as const;
export type InvoiceOrigin = (typeof INVOICE_ORIGINS)[number];

/** Where the invoice's Confluence page and PDF stand. */
export interface InvoiceDocument {
  state: 'pending' | 'published' | 'failed';
  pageId?: string;
  pageTitle?: string;
  attachmentId?: string;
  /** Hash of the rendered page + PDF: an unchanged invoice is not uploaded again. */
  renderedHash?: string;
  /** The invoice state the page shows (status, payments, cancellation): a sweep finds stale pages by it. */
  signature?: string;
  message?: string;
}

export interface InvoiceRecord {
  invoice: InvoiceJson;
  origin: InvoiceOrigin;
  /** The caller's idempotency key for manual invoices. */
  requestId?: string;
  createdBy?: string;
  note?: string;
  document: InvoiceDocument;
  createdAt: string;
  updatedAt: string;
}

export const InvoiceJsonSchema = z.custom<InvoiceJson>((v) => {
  try {
    invoiceFromJson(v as InvoiceJson);
    return typeof (v as InvoiceJson).number === 'string' && (INVOICE_STATUSES as readonly string[]).includes((v as InvoiceJson).status);
  } catch {
    return false;
  }
}, 'not a valid invoice');

export const InvoiceRecordSchema: z.ZodType<InvoiceRecord> = z.object({
  invoice: InvoiceJsonSchema,
  origin: z.enum(INVOICE_ORIGINS),
  requestId: z.string().optional(),
  createdBy: z.string().optional(),
  note: z.string().optional(),
  document: z.object({
    state: z.enum(['pending', 'published', 'failed']),
    pageId: z.string().optional(),
    pageTitle: z.string().optional(),
    attachmentId: z.string().optional(),
    renderedHash: z.string().optional(),
    signature: z.string().optional(),
    message: z.string().optional(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const InvoiceCounterSchema: z.ZodType<InvoiceCounter> = z.object({ prefix: z.string(), year: z.number().int(), last: z.number().int().nonnegative() });

export function invoiceWrite(record: InvoiceRecord, expect: Write['expect']): Write {
  const inv = record.invoice;
  return {
    entity: MONEY_ENTITY.invoice,
    key: inv.id,
    data: record,
    attrs: { serviceId: inv.serviceId, clientId: inv.clientId, number: inv.number, status: inv.status, dueDate: inv.dueDate, issueDate: inv.issueDate, issueMonth: inv.issueDate.slice(0, 7) },
    expect,
  };
}

export function counterWrite(counter: InvoiceCounter, expect: Write['expect']): Write {
  return { entity: MONEY_ENTITY.doc, key: invoiceCounterKey(counter.prefix, counter.year), data: counter, attrs: { kind: 'counter', sortKey: `${counter.prefix}:${counter.year}` }, expect };
}

export async function readCounter(prefix: string, year: number): Promise<Versioned<InvoiceCounter> | undefined> {
  return readRecord(MONEY_ENTITY.doc, invoiceCounterKey(prefix, year), InvoiceCounterSchema);
}

export async function readInvoice(id: string): Promise<Versioned<InvoiceRecord> | undefined> {
  return readRecord(MONEY_ENTITY.invoice, id, InvoiceRecordSchema);
}

export async function readInvoices(ids: readonly string[]): Promise<Map<string, Versioned<InvoiceRecord>>> {
  return readRecords(MONEY_ENTITY.invoice, ids, InvoiceRecordSchema);
}

export async function invoicesOfService(serviceId: string): Promise<InvoiceRecord[]> {
  return (await queryRecords(MONEY_ENTITY.invoice, 'by-service', { partition: [serviceId] }, InvoiceRecordSchema)).map((r) => r.value);
}

/** Invoices in a status, optionally with the due date in [dueFrom, dueTo]. */
export async function invoicesWithStatus(status: InvoiceJson['status'], dueTo?: string, dueFrom = '0000-00-00'): Promise<Array<Versioned<InvoiceRecord>>> {
  const ranged = dueTo !== undefined || dueFrom !== '0000-00-00';
  return queryRecords(MONEY_ENTITY.invoice, 'by-status', { partition: [status], ...(ranged ? { between: [dueFrom, dueTo ?? '9999-12-31'] as [string, string] } : {}) }, InvoiceRecordSchema);
}

export async function invoicesIssuedIn(month: string): Promise<InvoiceRecord[]> {
  return (await queryRecords(MONEY_ENTITY.invoice, 'by-month', { partition: [month] }, InvoiceRecordSchema)).map((r) => r.value);
}

export async function invoiceByNumber(number: string): Promise<Versioned<InvoiceRecord> | undefined> {
  return (await queryRecords(MONEY_ENTITY.invoice, 'number', { equals: number, limit: 1 }, InvoiceRecordSchema))[0];
}

/** Invoices that are not cancelled or fully paid, agency-wide. */
export async function openInvoices(): Promise<InvoiceRecord[]> {
  const lists = await Promise.all((['issued', 'partially-paid', 'overdue'] as const).map((s) => invoicesWithStatus(s)));
  return lists.flat().map((r) => r.value);
}

/** What the invoice's page shows; when it differs from document.signature, the page is stale. */
export function invoiceSignature(inv: Pick<InvoiceJson, 'status' | 'payments' | 'cancelledOn'>): string {
  return `${inv.status}|${inv.payments.length}|${inv.cancelledOn ?? ''}`;
}

export async function invoicesOfClient(clientId: string): Promise<InvoiceRecord[]> {
  return (await queryRecords(MONEY_ENTITY.invoice, 'by-client', { partition: [clientId] }, InvoiceRecordSchema)).map((r) => r.value);
}
