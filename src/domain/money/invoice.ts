// Invoices: lines and exact totals, gap-free numbering (pure part), status, payments.
//
// Totals: per-line rounding, see vat.ts — line net = round(quantity × unit price), line VAT =
// round(net × rate / 100), all half-up; invoice totals are the sums of the rounded lines.
//
// Numbers: "<PREFIX>-<YEAR>-<SEQ>" with SEQ zero-padded to 4 digits ("INV-2026-0007"), sequential per
// prefix and year from 1. The storage layer keeps one counter document per prefix and year
// (invoiceCounterKey) and allocates with a conditional KVS transaction: read counter → nextInvoiceNumber
// → write the counter and the invoice together, failing if the counter changed. A cancelled invoice
// keeps its number, so numbers never have gaps (findGaps checks that).
//
// Over-payment: the invoice is only ever paid up to its gross total. The excess is returned by
// applyPayment and booked as an unapplied credit (advance) on the client's fees account
// (paymentSplit), whatever the invoice was for; it is used by later invoices or refunded/moved by hand.
import { isCalendarDate } from '../month-rules';
import { CurrencyMismatchError, InvalidAmountError, InvoiceInputError, InvoiceStateError } from './errors';
import { type PaymentSplit } from './ledger';
import {
  type Money,
  type MoneyJson,
  add,
  compare,
  currencyExponent,
  isPositive,
  min,
  moneyFromJson,
  moneyToJson,
  multiply,
  ratioOf,
  sub,
  sum,
  zero,
} from './money';
import { type VatBreakdownRow, vatBreakdown, vatOnNet } from './vat';

export const INVOICE_STATUSES = ['issued', 'partially-paid', 'paid', 'overdue', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** What the invoice is for: the monthly fee (and commission), an ad-budget top-up, or anything else. */
export type InvoicePurpose = 'fee' | 'top-up' | 'other';

export interface InvoiceLineInput {
  description: string;
  /** Positive decimal string, at most 6 decimals ("1", "2.5", "0.75"). */
  quantity: string;
  unitPrice: Money;
  vatRatePercent: string;
}

export interface InvoiceLine extends InvoiceLineInput {
  net: Money;
  vat: Money;
  gross: Money;
}

export interface InvoiceTotals {
  net: Money;
  vat: Money;
  gross: Money;
}

export interface AppliedPayment {
  paymentId: string;
  /** YYYY-MM-DD the money arrived. */
  date: string;
  /** The part applied to this invoice. */
  amount: Money;
  /** The whole payment (amount + excess). */
  received: Money;
}

export interface Invoice {
  id: string;
  number: string;
  year: number;
  seq: number;
  serviceId: string;
  clientId: string;
  currency: string;
  purpose: InvoicePurpose;
  /** YYYY-MM the invoice bills, when it bills a month. */
  period?: string;
  issueDate: string;
  dueDate: string;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
  status: InvoiceStatus;
  payments: AppliedPayment[];
  cancelledOn?: string;
}

// ---------------------------------------------------------------------------------------------
// Numbering

const PREFIX_RE = /^[A-Z][A-Z0-9]{0,9}$/;
const NUMBER_RE = /^([A-Z][A-Z0-9]{0,9})-(\d{4})-(\d{4,})$/;

export interface InvoiceNumberParts {
  prefix: string;
  year: number;
  seq: number;
}

function checkPrefixYearSeq(prefix: string, year: number, seq: number): void {
  if (!PREFIX_RE.test(prefix)) throw new InvoiceInputError(`Invoice prefix must be 1–10 capital letters or digits, starting with a letter`, { prefix: 'invalid' });
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new InvoiceInputError(`Invoice year ${year} is not valid`, { year: 'invalid' });
  if (!Number.isSafeInteger(seq) || seq < 1) throw new InvoiceInputError(`Invoice sequence ${seq} is not valid`, { seq: 'invalid' });
}

/** ("INV", 2026, 7) → "INV-2026-0007"; sequences past 9999 simply get more digits. */
export function formatInvoiceNumber(prefix: string, year: number, seq: number): string {
  checkPrefixYearSeq(prefix, year, seq);
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}

/** The canonical form only ("INV-2026-0007"); anything else → null. */
export function parseInvoiceNumber(text: string): InvoiceNumberParts | null {
  const m = NUMBER_RE.exec(text);
  if (!m) return null;
  const parts = { prefix: m[1] ?? '', year: Number(m[2]), seq: Number(m[3]) };
  try {
    return formatInvoiceNumber(parts.prefix, parts.year, parts.seq) === text ? parts : null;
  } catch {
    return null;
  }
}

/** The counter document of one prefix and year, as read from storage (null when none exists yet). */
export interface InvoiceCounter {
  prefix: string;
  year: number;
  /** The last sequence handed out. */
  last: number;
}

export function invoiceCounterKey(prefix: string, year: number): string {
  checkPrefixYearSeq(prefix, year, 1);
  return `invoice-counter:${prefix}:${year}`;
}

/** Given the counter value read, the counter to write and the number it yields. */
export function nextInvoiceNumber(
  counter: InvoiceCounter | null,
  prefix: string,
  year: number,
): { counter: InvoiceCounter; seq: number; number: string } {
  checkPrefixYearSeq(prefix, year, 1);
  if (counter && (counter.prefix !== prefix || counter.year !== year)) {
    throw new InvoiceInputError(`Counter ${counter.prefix}/${counter.year} read for ${prefix}/${year}`);
  }
  const last = counter?.last ?? 0;
  if (!Number.isSafeInteger(last) || last < 0) throw new InvoiceInputError(`Invoice counter is corrupt (last = ${last})`);
  const seq = last + 1;
  return { counter: { prefix, year, last: seq }, seq, number: formatInvoiceNumber(prefix, year, seq) };
}

export interface GapReport {
  ok: boolean;
  /** Numbers that should exist (1 … highest, per prefix and year) but do not. */
  missing: string[];
  /** Numbers that occur more than once (listed once each). */
  duplicates: string[];
  /** Texts that are not invoice numbers. */
  invalid: string[];
}

/** Checks issued numbers (cancelled ones included) for gaps and duplicates, per prefix and year. */
export function findGaps(numbers: Iterable<string>): GapReport {
  const series = new Map<string, { prefix: string; year: number; seen: Set<number> }>();
  const duplicates = new Set<string>();
  const invalid: string[] = [];
  for (const n of numbers) {
    const p = parseInvoiceNumber(n);
    if (!p) {
      invalid.push(n);
      continue;
    }
    const key = `${p.prefix}-${p.year}`;
    const s = series.get(key) ?? { prefix: p.prefix, year: p.year, seen: new Set<number>() };
    if (s.seen.has(p.seq)) duplicates.add(n);
    s.seen.add(p.seq);
    series.set(key, s);
  }
  const missing: string[] = [];
  for (const key of [...series.keys()].sort()) {
    const s = series.get(key);
    if (!s) continue;
    const highest = Math.max(...s.seen);
    for (let i = 1; i <= highest; i += 1) if (!s.seen.has(i)) missing.push(formatInvoiceNumber(s.prefix, s.year, i));
  }
  return { ok: missing.length === 0 && duplicates.size === 0 && invalid.length === 0, missing, duplicates: [...duplicates].sort(), invalid };
}

// ---------------------------------------------------------------------------------------------
// Lines and totals

function checkQuantity(quantity: string, index: number): void {
  const field = `lines.${index}.quantity`;
  let ok = /^\d+(\.\d{1,6})?$/.test(quantity);
  if (ok) ok = ratioOf(quantity, field).num > 0n;
  if (!ok) throw new InvalidAmountError(quantity, 'Quantity must be a positive number with at most 6 decimals', field);
}

/** One line's net, VAT and gross, each rounded half-up to the minor unit. */
export function computeLine(line: InvoiceLineInput, index = 0): InvoiceLine {
  const description = line.description.trim();
  if (description.length === 0 || description.length > 500) {
    throw new InvoiceInputError(`Line ${index + 1} needs a description (up to 500 characters)`, { [`lines.${index}.description`]: 'required' });
  }
  checkQuantity(line.quantity, index);
  currencyExponent(line.unitPrice.currency);
  if (line.unitPrice.amountMinor < 0n) {
    throw new InvalidAmountError(String(line.unitPrice.amountMinor), 'Unit price cannot be negative', `lines.${index}.unitPrice`);
  }
  const net = multiply(line.unitPrice, line.quantity, 'half-up');
  const vat = vatOnNet(net, line.vatRatePercent);
  return { ...line, description, net, vat, gross: add(net, vat) };
}

/** Exact invoice totals: sums of the rounded lines. All lines must be in `currency`. */
export function computeTotals(lines: readonly InvoiceLineInput[], currency: string): InvoiceTotals {
  const computed = lines.map((l, i) => {
    if (l.unitPrice.currency !== currency) throw new CurrencyMismatchError(currency, l.unitPrice.currency, `invoice line ${i + 1}`);
    return computeLine(l, i);
  });
  return totalsOf(computed, currency);
}

function totalsOf(lines: readonly InvoiceLine[], currency: string): InvoiceTotals {
  return {
    net: sum(currency, lines.map((l) => l.net)),
    vat: sum(currency, lines.map((l) => l.vat)),
    gross: sum(currency, lines.map((l) => l.gross)),
  };
}

/** The invoice's VAT table, one row per rate. */
export function invoiceVatBreakdown(invoice: Pick<Invoice, 'currency' | 'lines'>): VatBreakdownRow[] {
  return vatBreakdown(invoice.currency, invoice.lines);
}

export interface BuildInvoiceInput {
  id: string;
  /** From nextInvoiceNumber; its year must be the issue date's year. */
  number: string;
  serviceId: string;
  clientId: string;
  /** The client's currency; every line must be in it. */
  currency: string;
  purpose: InvoicePurpose;
  period?: string;
  issueDate: string;
  dueDate: string;
  lines: readonly InvoiceLineInput[];
}

export function buildInvoice(input: BuildInvoiceInput): Invoice {
  const parts = parseInvoiceNumber(input.number);
  if (!parts) throw new InvoiceInputError(`Invoice number ${JSON.stringify(input.number)} is not valid`, { number: 'invalid' });
  if (!isCalendarDate(input.issueDate)) throw new InvoiceInputError('Issue date must be YYYY-MM-DD', { issueDate: 'invalid' });
  if (!isCalendarDate(input.dueDate)) throw new InvoiceInputError('Due date must be YYYY-MM-DD', { dueDate: 'invalid' });
  if (input.dueDate < input.issueDate) throw new InvoiceInputError('Due date cannot be before the issue date', { dueDate: 'before issue date' });
  if (Number(input.issueDate.slice(0, 4)) !== parts.year) {
    throw new InvoiceInputError(`Invoice ${input.number} is numbered for ${parts.year} but issued on ${input.issueDate}`, { number: 'wrong year' });
  }
  if (!input.id || !input.serviceId || !input.clientId) throw new InvoiceInputError('Invoice id, service and client are required');
  if (input.period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(input.period)) throw new InvoiceInputError('Period must be YYYY-MM', { period: 'invalid' });
  currencyExponent(input.currency);
  if (input.lines.length === 0) throw new InvoiceInputError('An invoice needs at least one line', { lines: 'required' });
  if (input.lines.length > 200) throw new InvoiceInputError('An invoice has at most 200 lines', { lines: 'too many' });
  const lines = input.lines.map((l, i) => {
    if (l.unitPrice.currency !== input.currency) throw new CurrencyMismatchError(input.currency, l.unitPrice.currency, `invoice line ${i + 1}`);
    return computeLine(l, i);
  });
  const totals = totalsOf(lines, input.currency);
  if (!isPositive(totals.gross)) throw new InvoiceInputError('An invoice total must be above zero', { lines: 'zero total' });
  return {
    id: input.id,
    number: input.number,
    year: parts.year,
    seq: parts.seq,
    serviceId: input.serviceId,
    clientId: input.clientId,
    currency: input.currency,
    purpose: input.purpose,
    ...(input.period ? { period: input.period } : {}),
    issueDate: input.issueDate,
    dueDate: input.dueDate,
    lines,
    totals,
    status: 'issued',
    payments: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Status and payments

export function paidAmount(invoice: Pick<Invoice, 'currency'>, payments: readonly AppliedPayment[]): Money {
  return sum(invoice.currency, payments.map((p) => p.amount));
}

/** What is still to pay (zero for a cancelled or fully paid invoice). */
export function outstanding(invoice: Invoice): Money {
  if (invoice.status === 'cancelled') return zero(invoice.currency);
  const left = sub(invoice.totals.gross, paidAmount(invoice, invoice.payments));
  return isPositive(left) ? left : zero(invoice.currency);
}

/**
 * The status on `today` (YYYY-MM-DD): cancelled stays cancelled; fully paid → paid; past the due date
 * and not fully paid → overdue (overdue wins over partially-paid); some paid → partially-paid; else issued.
 */
export function invoiceStatus(
  invoice: Pick<Invoice, 'status' | 'currency' | 'totals' | 'dueDate'>,
  payments: readonly AppliedPayment[],
  today: string,
): InvoiceStatus {
  if (invoice.status === 'cancelled') return 'cancelled';
  const paid = paidAmount(invoice, payments);
  if (compare(paid, invoice.totals.gross) >= 0) return 'paid';
  if (today > invoice.dueDate) return 'overdue';
  return isPositive(paid) ? 'partially-paid' : 'issued';
}

export interface IncomingPayment {
  /** Deterministic id (bank-import paymentIdFor, provider id, manual id). */
  id: string;
  date: string;
  amount: Money;
}

export interface ApplyPaymentResult {
  invoice: Invoice;
  /** Part applied to this invoice. */
  applied: Money;
  /** Over-payment: goes to the fees account as an unapplied credit (see paymentSplit). */
  excess: Money;
  /** The payment was already applied; the invoice is returned unchanged. */
  duplicate: boolean;
}

/** Applies a payment up to the outstanding amount; the status is judged on the payment date. */
export function applyPayment(invoice: Invoice, payment: IncomingPayment): ApplyPaymentResult {
  if (invoice.status === 'cancelled') {
    throw new InvoiceStateError(`Invoice ${invoice.number} is cancelled and cannot be paid`, { invoiceId: invoice.id, paymentId: payment.id });
  }
  if (payment.amount.currency !== invoice.currency) throw new CurrencyMismatchError(invoice.currency, payment.amount.currency, `payment for ${invoice.number}`);
  if (!isPositive(payment.amount)) throw new InvalidAmountError(String(payment.amount.amountMinor), 'A payment must be above zero');
  if (!payment.id) throw new InvoiceInputError('A payment needs an id');
  if (!isCalendarDate(payment.date)) throw new InvoiceInputError('Payment date must be YYYY-MM-DD', { date: 'invalid' });
  const nothing = zero(invoice.currency);
  if (invoice.payments.some((p) => p.paymentId === payment.id)) return { invoice, applied: nothing, excess: nothing, duplicate: true };
  const applied = min(payment.amount, outstanding(invoice));
  const excess = sub(payment.amount, applied);
  const payments = [...invoice.payments, { paymentId: payment.id, date: payment.date, amount: applied, received: payment.amount }];
  return {
    invoice: { ...invoice, payments, status: invoiceStatus(invoice, payments, payment.date) },
    applied,
    excess,
    duplicate: false,
  };
}

/** How the payment is booked in the ledger: top-ups fund the wallet, the rest (and any excess) fees. */
export function paymentSplit(purpose: InvoicePurpose, applied: Money, excess: Money): PaymentSplit {
  if (applied.currency !== excess.currency) throw new CurrencyMismatchError(applied.currency, excess.currency, 'payment split');
  return purpose === 'top-up' ? { wallet: applied, fees: excess } : { wallet: zero(applied.currency), fees: add(applied, excess) };
}

/** Cancels an unpaid invoice; it keeps its number. Cancelling again changes nothing. */
export function cancelInvoice(invoice: Invoice, date: string): Invoice {
  if (invoice.status === 'cancelled') return invoice;
  if (!isCalendarDate(date)) throw new InvoiceInputError('Cancellation date must be YYYY-MM-DD', { date: 'invalid' });
  if (isPositive(paidAmount(invoice, invoice.payments))) {
    throw new InvoiceStateError(`Invoice ${invoice.number} has payments applied; refund them before cancelling`, { invoiceId: invoice.id });
  }
  return { ...invoice, status: 'cancelled', cancelledOn: date };
}

// ---------------------------------------------------------------------------------------------
// JSON (KVS documents)

type Jsonify<T> = T extends Money
  ? MoneyJson
  : T extends readonly (infer U)[]
    ? Jsonify<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonify<T[K]> }
      : T;

export type InvoiceJson = Jsonify<Invoice>;

export function invoiceToJson(invoice: Invoice): InvoiceJson {
  const line = (l: InvoiceLine): Jsonify<InvoiceLine> => ({
    ...l,
    unitPrice: moneyToJson(l.unitPrice),
    net: moneyToJson(l.net),
    vat: moneyToJson(l.vat),
    gross: moneyToJson(l.gross),
  });
  return {
    ...invoice,
    lines: invoice.lines.map(line),
    totals: { net: moneyToJson(invoice.totals.net), vat: moneyToJson(invoice.totals.vat), gross: moneyToJson(invoice.totals.gross) },
    payments: invoice.payments.map((p) => ({ ...p, amount: moneyToJson(p.amount), received: moneyToJson(p.received) })),
  };
}

export function invoiceFromJson(json: InvoiceJson): Invoice {
  return {
    ...json,
    lines: json.lines.map((l) => ({
      ...l,
      unitPrice: moneyFromJson(l.unitPrice),
      net: moneyFromJson(l.net),
      vat: moneyFromJson(l.vat),
      gross: moneyFromJson(l.gross),
    })),
    totals: { net: moneyFromJson(json.totals.net), vat: moneyFromJson(json.totals.vat), gross: moneyFromJson(json.totals.gross) },
    payments: json.payments.map((p) => ({ ...p, amount: moneyFromJson(p.amount), received: moneyFromJson(p.received) })),
  };
}
