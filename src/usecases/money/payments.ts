// Incoming payments: booked against an invoice (up to what it still expects; any excess becomes an
// advance on the fees account) or straight to an account. The payment record, the invoice, the ledger
// entry with its rollup and the snapshot are written in one transaction; the payment id is
// deterministic, so a replay (double click, re-imported bank file, provider retry) books nothing.
import {
  type Money,
  type PaymentSplit,
  CurrencyMismatchError,
  InvalidAmountError,
  applyPayment,
  invoiceFromJson,
  invoiceToJson,
  moneyToJson,
  paymentEntry,
  paymentSplit,
  zero,
} from '../../domain/money';
import { isCalendarDate } from '../../domain/month-rules';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors';
import { type MoneySnapshot, prepareLedger, setFeePeriod } from '../../storage/ledger.repo';
import { type InvoiceRecord, invoiceWrite, readInvoice } from '../../storage/invoices.repo';
import { type Write, withRetry } from '../../storage/money-store';
import { type PaymentRecord, type PaymentSource, paymentWrite, readPayment } from '../../storage/payments.repo';
import { type MoneyService, loadMoneyService } from './context';
import { ledgerChanged } from './ledger';

export interface IncomingPaymentInput {
  id: string;
  source: PaymentSource;
  date: string;
  amount: Money;
  invoiceId?: string;
  /** Without an invoice: the service and account the money is for. */
  target?: { serviceId: string; account: 'wallet' | 'fees' };
  payer?: string;
  purpose?: string;
  reference?: string;
  importId?: string;
  line?: number;
  createdBy?: string;
  /** Written in the same transaction (e.g. the provider event marker). */
  extraWrites?: Write[];
  /** This booking resolves a review item (the record must be in review). */
  fromReview?: boolean;
}

export interface BookPaymentResult {
  payment: PaymentRecord;
  invoice?: InvoiceRecord;
  duplicate: boolean;
}

function checkAmount(amount: Money): void {
  if (amount.amountMinor <= 0n) throw new InvalidAmountError(String(amount.amountMinor), 'A payment must be above zero');
}

export async function bookPayment(input: IncomingPaymentInput): Promise<BookPaymentResult> {
  checkAmount(input.amount);
  if (!isCalendarDate(input.date)) throw new ValidationError('Payment date must be a real date as YYYY-MM-DD', { date: 'invalid' });
  if (!input.invoiceId && !input.target) throw new ValidationError('Say which invoice the payment is for, or which account it goes to', { invoiceId: 'required' });
  const services = new Map<string, MoneyService>();
  const service = async (id: string): Promise<MoneyService> => {
    const got = services.get(id) ?? (await loadMoneyService(id));
    services.set(id, got);
    return got;
  };
  const booked = await withRetry<BookPaymentResult>(`Booking payment ${input.id}`, async () => {
    const existing = await readPayment(input.id);
    if (existing) {
      if (!input.fromReview || existing.value.state !== 'review') {
        if (input.fromReview) throw new ConflictError(`Payment ${input.id} is not waiting for review any more`, { paymentId: input.id });
        return { done: { payment: existing.value, duplicate: true } };
      }
    } else if (input.fromReview) throw new NotFoundError('Payment', input.id);

    let ms: MoneyService;
    let split: PaymentSplit;
    let invoiceRecord: InvoiceRecord | undefined;
    let invoiceVersion = 0;
    let patch: ((s: MoneySnapshot) => MoneySnapshot) | undefined;
    if (input.invoiceId) {
      const cur = await readInvoice(input.invoiceId);
      if (!cur) throw new NotFoundError('Invoice', input.invoiceId);
      const invoice = invoiceFromJson(cur.value.invoice);
      if (input.target && input.target.serviceId !== invoice.serviceId) throw new ValidationError(`Invoice ${invoice.number} belongs to another service`, { invoiceId: 'other service' });
      ms = await service(invoice.serviceId);
      const applied = applyPayment(invoice, { id: input.id, date: input.date, amount: input.amount });
      if (applied.duplicate) return { done: { payment: existing?.value ?? recordOf(input, invoice.serviceId, undefined, invoice.number), invoice: cur.value, duplicate: true } };
      split = paymentSplit(invoice.purpose, applied.applied, applied.excess);
      invoiceRecord = { ...cur.value, invoice: invoiceToJson(applied.invoice), updatedAt: new Date().toISOString() };
      invoiceVersion = cur.version;
      const period = invoice.period;
      if (invoice.purpose === 'fee' && period && applied.invoice.status === 'paid') patch = (s) => setFeePeriod(s, period, 'paid');
    } else {
      const target = input.target as NonNullable<IncomingPaymentInput['target']>;
      ms = await service(target.serviceId);
      if (input.amount.currency !== ms.currency) throw new CurrencyMismatchError(ms.currency, input.amount.currency, `payment for ${ms.client.name}`);
      split = target.account === 'wallet' ? { wallet: input.amount, fees: zero(ms.currency) } : { wallet: zero(ms.currency), fees: input.amount };
    }
    const entry = paymentEntry({ serviceId: ms.service.id, period: input.date.slice(0, 7), date: input.date, amount: input.amount, paymentId: input.id, split, ...(input.invoiceId ? { invoiceId: input.invoiceId } : {}) });
    const ledger = await prepareLedger({ serviceId: ms.service.id, currency: ms.currency, entries: [entry], ...(patch ? { patchSnapshot: patch } : {}) });
    const payment = recordOf(input, ms.service.id, split, invoiceRecord?.invoice.number, existing?.value);
    const writes: Write[] = [paymentWrite(payment, existing?.version ?? 'absent'), ...(invoiceRecord ? [invoiceWrite(invoiceRecord, invoiceVersion)] : []), ...ledger.writes, ...(input.extraWrites ?? [])];
    return { writes, result: { payment, ...(invoiceRecord ? { invoice: invoiceRecord } : {}), duplicate: false } };
  });
  if (!booked.duplicate && booked.payment.serviceId) await ledgerChanged(booked.payment.serviceId, [booked.payment.date.slice(0, 7)], 'payment');
  return booked;
}

function recordOf(input: IncomingPaymentInput, serviceId: string, split: PaymentSplit | undefined, invoiceNumber: string | undefined, prior?: PaymentRecord): PaymentRecord {
  const now = new Date().toISOString();
  return {
    ...(prior ?? {}),
    id: input.id,
    source: prior?.source ?? input.source,
    state: 'booked',
    date: input.date,
    amount: moneyToJson(input.amount),
    serviceId,
    ...(input.invoiceId ? { invoiceId: input.invoiceId } : {}),
    ...(invoiceNumber ? { invoiceNumber } : {}),
    ...(split ? { split: { wallet: moneyToJson(split.wallet), fees: moneyToJson(split.fees) } } : {}),
    ...(input.payer ? { payer: input.payer.slice(0, 200) } : {}),
    ...(input.purpose ? { purpose: input.purpose.slice(0, 500) } : {}),
    ...(input.reference ? { reference: input.reference.slice(0, 200) } : {}),
    ...(input.importId ? { importId: input.importId } : {}),
    ...(input.line !== undefined ? { line: input.line } : {}),
    createdAt: prior?.createdAt ?? now,
    ...(prior?.createdBy ?? input.createdBy ? { createdBy: prior?.createdBy ?? input.createdBy } : {}),
    ...(prior ? { resolvedBy: input.createdBy, resolvedAt: now } : {}),
  };
}

/** Dismisses a review item (e.g. a transfer that is not a client payment). */
export async function dismissReview(paymentId: string, by: string, reason: string): Promise<PaymentRecord> {
  return withRetry<PaymentRecord>(`Dismissing ${paymentId}`, async () => {
    const cur = await readPayment(paymentId);
    if (!cur) throw new NotFoundError('Payment', paymentId);
    if (cur.value.state !== 'review') throw new ConflictError(`Payment ${paymentId} is not waiting for review`, { paymentId });
    const next: PaymentRecord = {
      ...cur.value,
      state: 'dismissed',
      resolvedBy: by,
      resolvedAt: new Date().toISOString(),
      review: { ...(cur.value.review ?? { reason: 'dismissed', invoiceNumbers: [], message: '' }), message: `${cur.value.review?.message ?? ''} — dismissed: ${reason}`.slice(0, 500) },
    };
    return { writes: [paymentWrite(next, cur.version)], result: next };
  });
}
