// The payment register (entity `payment`): every incoming payment we have seen, keyed by its
// deterministic id (bank row hash, provider payment id, manual request id). A booked payment is
// written in the same transaction as its ledger entry; a bank row that could not be matched waits here
// as a review item until someone assigns or dismisses it. Re-imports find the same ids and book nothing.
import { z } from 'zod';
import type { MoneyJson } from '../domain/money';
import { MONEY_ENTITY, type Versioned, type Write, queryRecords, readRecord, readRecords } from './money-store';

export const PAYMENT_SOURCES = ['manual', 'bank', 'webhook'] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];
export const PAYMENT_STATES = ['booked', 'review', 'dismissed'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export interface PaymentRecord {
  id: string;
  source: PaymentSource;
  state: PaymentState;
  /** YYYY-MM-DD the money arrived. */
  date: string;
  amount: MoneyJson;
  serviceId?: string;
  invoiceId?: string;
  invoiceNumber?: string;
  /** Booked: which account received what. */
  split?: { wallet: MoneyJson; fees: MoneyJson };
  payer?: string;
  purpose?: string;
  reference?: string;
  /** Bank import: which import and line the row came from. */
  importId?: string;
  line?: number;
  /** Review items: why the row was not matched. */
  review?: { reason: string; invoiceNumbers: string[]; expected?: MoneyJson; message: string };
  createdAt: string;
  createdBy?: string;
  resolvedBy?: string;
  resolvedAt?: string;
}

const MoneyJsonSchema = z.object({ amountMinor: z.string().regex(/^-?\d{1,40}$/), currency: z.string() });

export const PaymentRecordSchema: z.ZodType<PaymentRecord> = z.object({
  id: z.string(),
  source: z.enum(PAYMENT_SOURCES),
  state: z.enum(PAYMENT_STATES),
  date: z.string(),
  amount: MoneyJsonSchema,
  serviceId: z.string().optional(),
  invoiceId: z.string().optional(),
  invoiceNumber: z.string().optional(),
  split: z.object({ wallet: MoneyJsonSchema, fees: MoneyJsonSchema }).optional(),
  payer: z.string().optional(),
  purpose: z.string().optional(),
  reference: z.string().optional(),
  importId: z.string().optional(),
  line: z.number().int().optional(),
  review: z.object({ reason: z.string(), invoiceNumbers: z.array(z.string()), expected: MoneyJsonSchema.optional(), message: z.string() }).optional(),
  createdAt: z.string(),
  createdBy: z.string().optional(),
  resolvedBy: z.string().optional(),
  resolvedAt: z.string().optional(),
});

export function paymentWrite(p: PaymentRecord, expect: Write['expect']): Write {
  return {
    entity: MONEY_ENTITY.payment,
    key: p.id,
    data: p,
    attrs: { serviceId: p.serviceId, invoiceId: p.invoiceId, state: p.state, month: p.date.slice(0, 7), date: p.date },
    expect,
  };
}

export async function readPayment(id: string): Promise<Versioned<PaymentRecord> | undefined> {
  return readRecord(MONEY_ENTITY.payment, id, PaymentRecordSchema);
}

export async function readPayments(ids: readonly string[]): Promise<Map<string, Versioned<PaymentRecord>>> {
  return readRecords(MONEY_ENTITY.payment, ids, PaymentRecordSchema);
}

export async function paymentsInState(state: PaymentState, limit?: number): Promise<PaymentRecord[]> {
  return (await queryRecords(MONEY_ENTITY.payment, 'by-state', { partition: [state], ...(limit ? { limit } : {}), descending: true }, PaymentRecordSchema)).map((r) => r.value);
}

export async function paymentsOfMonth(month: string): Promise<PaymentRecord[]> {
  return (await queryRecords(MONEY_ENTITY.payment, 'by-month', { partition: [month] }, PaymentRecordSchema)).map((r) => r.value);
}

export async function paymentsOfService(serviceId: string, limit?: number): Promise<PaymentRecord[]> {
  return (await queryRecords(MONEY_ENTITY.payment, 'by-service', { partition: [serviceId], descending: true, ...(limit ? { limit } : {}) }, PaymentRecordSchema)).map((r) => r.value);
}
