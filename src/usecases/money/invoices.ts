// Issuing, cancelling and ageing invoices. A number is allocated in the same conditional transaction
// that creates the invoice (and books what it accrues), so numbers are consecutive per prefix and
// year with no gaps and no duplicates however many are issued at once: a writer that lost the race
// re-reads the counter and tries again.
import {
  type Invoice,
  type InvoiceLineInput,
  type InvoicePurpose,
  type LedgerEntry,
  type Money,
  CurrencyMismatchError,
  InvoiceInputError,
  buildInvoice,
  cancelInvoice as cancelDomain,
  idempotencyKey,
  invoiceFromJson,
  invoiceStatus,
  invoiceToJson,
  joinKey,
  negate,
  nextInvoiceNumber,
  parseMoney,
  validateEntry,
} from '../../domain/money';
import { stableHash } from '../../domain/idempotency';
import { NotFoundError } from '../../shared/errors';
import { type MoneySnapshot, prepareLedger, setFeePeriod } from '../../storage/ledger.repo';
import { type InvoiceOrigin, type InvoiceRecord, counterWrite, invoiceWrite, invoicesWithStatus, readCounter, readInvoice } from '../../storage/invoices.repo';
import type { AgencyMoneySettings } from '../../storage/money-docs.repo';
import { type Write, withRetry } from '../../storage/money-store';
import { addDays } from '../../domain/money';
import type { MoneyService } from './context';
import { ledgerChanged } from './ledger';

export interface LineInput {
  description: string;
  quantity: string;
  /** Decimal string in major units of the client's currency, e.g. "1500.00". */
  unitPrice: string;
  vatRatePercent?: string;
}

export interface IssueInput {
  /** Deterministic invoice id: the same request never makes a second invoice. */
  id: string;
  origin: InvoiceOrigin;
  purpose: InvoicePurpose;
  period?: string;
  issueDate: string;
  dueDate?: string;
  lines: LineInput[];
  /** When given, must be the client's currency ("wrong currency" is refused, not converted). */
  currency?: string;
  requestId?: string;
  createdBy?: string;
  note?: string;
  /** Ledger entries that the invoice accrues, booked in the same transaction. */
  accrual?: (invoice: Invoice) => LedgerEntry[];
}

export interface IssueResult {
  record: InvoiceRecord;
  created: boolean;
}

export function manualInvoiceId(serviceId: string, requestId: string): string {
  return `inv-m-${stableHash(`${serviceId}|${requestId}`)}`;
}

export const autoInvoiceId = (kind: 'fee' | 'commission' | 'topup', serviceId: string, part: string): string => joinKey('inv', kind, serviceId, part);

/** Lines in the client's currency; amounts parsed strictly ("1 500", "-5", "1.005" are refused). */
export function lineInputs(ms: MoneyService, lines: readonly LineInput[]): InvoiceLineInput[] {
  return lines.map((l, i) => {
    let unitPrice: Money;
    try {
      unitPrice = parseMoney(l.unitPrice, ms.currency);
    } catch (e) {
      throw new InvoiceInputError(`Line ${i + 1}: ${(e as Error).message}`, { [`lines.${i}.unitPrice`]: (e as Error).message });
    }
    if (unitPrice.amountMinor < 0n) throw new InvoiceInputError(`Line ${i + 1}: the price cannot be negative`, { [`lines.${i}.unitPrice`]: 'negative' });
    return { description: l.description, quantity: l.quantity, unitPrice, vatRatePercent: l.vatRatePercent ?? ms.service.billing.vatRatePercent };
  });
}

/** Manual invoices put what they bill on the client's fees account (top-ups fund the wallet when paid). */
function manualAccrual(ms: MoneyService, invoice: Invoice): LedgerEntry[] {
  if (invoice.purpose === 'top-up') return [];
  return [
    validateEntry({
      id: idempotencyKey('adjustment', ms.service.id, `invoice:${invoice.id}`),
      serviceId: ms.service.id,
      period: invoice.issueDate.slice(0, 7),
      date: invoice.issueDate,
      kind: 'adjustment',
      amount: negate(invoice.totals.net),
      ...(invoice.totals.vat.amountMinor !== 0n ? { vat: negate(invoice.totals.vat) } : {}),
      account: 'fees',
      refs: { adjustmentId: `invoice:${invoice.id}`, invoiceId: invoice.id, note: 'invoice' },
    }),
  ];
}

/** Issues an invoice: number, record and accrual in one transaction. Replays return the first result. */
export async function issueInvoice(ms: MoneyService, settings: AgencyMoneySettings, input: IssueInput): Promise<IssueResult> {
  if (input.currency !== undefined && input.currency !== ms.currency) throw new CurrencyMismatchError(ms.currency, input.currency, `invoice for ${ms.client.name}`);
  const lines = lineInputs(ms, input.lines);
  const year = Number(input.issueDate.slice(0, 4));
  const dueDate = input.dueDate ?? addDays(input.issueDate, settings.paymentTermsDays);
  const prefix = settings.invoicePrefix;
  let periods: string[] = [];
  const issued = await withRetry<IssueResult>(`Issuing an invoice for ${ms.service.id}`, async () => {
    const existing = await readInvoice(input.id);
    if (existing) return { done: { record: existing.value, created: false } };
    const counter = await readCounter(prefix, year);
    const next = nextInvoiceNumber(counter?.value ?? null, prefix, year);
    const invoice = buildInvoice({
      id: input.id,
      number: next.number,
      serviceId: ms.service.id,
      clientId: ms.client.id,
      currency: ms.currency,
      purpose: input.purpose,
      ...(input.period ? { period: input.period } : {}),
      issueDate: input.issueDate,
      dueDate,
      lines,
    });
    const now = new Date().toISOString();
    const record: InvoiceRecord = {
      invoice: invoiceToJson(invoice),
      origin: input.origin,
      ...(input.requestId ? { requestId: input.requestId } : {}),
      ...(input.createdBy ? { createdBy: input.createdBy } : {}),
      ...(input.note ? { note: input.note } : {}),
      document: { state: 'pending' },
      createdAt: now,
      updatedAt: now,
    };
    const entries = input.accrual ? input.accrual(invoice) : input.origin === 'manual' ? manualAccrual(ms, invoice) : [];
    const feePeriod = invoice.purpose === 'fee' && invoice.period ? invoice.period : undefined;
    const ledger = entries.length > 0 || feePeriod
      ? await prepareLedger({ serviceId: ms.service.id, currency: ms.currency, entries, ...(feePeriod ? { patchSnapshot: (s: MoneySnapshot) => setFeePeriod(s, feePeriod, 'open') } : {}) })
      : { writes: [] as Write[] };
    const writes: Write[] = [counterWrite(next.counter, counter?.version ?? 'absent'), invoiceWrite(record, 'absent'), ...ledger.writes];
    periods = entries.map((e) => e.period);
    return { writes, result: { record, created: true } };
  });
  if (issued.created && periods.length > 0) await ledgerChanged(ms.service.id, periods, 'invoice');
  return issued;
}

/** Cancels an unpaid invoice (it keeps its number) and reverses what it accrued. */
export async function cancelInvoice(ms: MoneyService, invoiceId: string, date: string, by: string): Promise<InvoiceRecord> {
  let periods: string[] = [];
  const cancelled = await withRetry<InvoiceRecord>(`Cancelling ${invoiceId}`, async () => {
    const cur = await readInvoice(invoiceId);
    if (!cur || cur.value.invoice.serviceId !== ms.service.id) throw new NotFoundError('Invoice', invoiceId);
    const invoice = invoiceFromJson(cur.value.invoice);
    if (invoice.status === 'cancelled') return { done: cur.value };
    const cancelled = cancelDomain(invoice, date);
    const record: InvoiceRecord = { ...cur.value, invoice: invoiceToJson(cancelled), note: cur.value.note, updatedAt: new Date().toISOString() };
    const reversal: LedgerEntry[] = invoice.purpose === 'top-up'
      ? []
      : [
          validateEntry({
            id: idempotencyKey('adjustment', ms.service.id, `cancel:${invoice.id}`),
            serviceId: ms.service.id,
            period: date.slice(0, 7),
            date,
            kind: 'adjustment',
            amount: invoice.totals.net,
            ...(invoice.totals.vat.amountMinor !== 0n ? { vat: invoice.totals.vat } : {}),
            account: 'fees',
            refs: { adjustmentId: `cancel:${invoice.id}`, invoiceId: invoice.id, note: `invoice-cancelled by ${by}`.slice(0, 200) },
          }),
        ];
    const feePeriod = invoice.purpose === 'fee' && invoice.period ? invoice.period : undefined;
    const ledger = await prepareLedger({ serviceId: ms.service.id, currency: ms.currency, entries: reversal, ...(feePeriod ? { patchSnapshot: (s: MoneySnapshot) => setFeePeriod(s, feePeriod, 'cancelled') } : {}) });
    periods = ledger.booked.map((e) => e.period);
    return { writes: [invoiceWrite(record, cur.version), ...ledger.writes], result: record };
  });
  if (periods.length > 0) await ledgerChanged(ms.service.id, periods, 'invoice cancelled');
  return cancelled;
}

/** Marks invoices past their due date as overdue (as of `today`); returns the ids that changed. */
export async function markOverdue(today: string): Promise<string[]> {
  const changed: string[] = [];
  const yesterday = addDays(today, -1);
  for (const status of ['issued', 'partially-paid'] as const) {
    for (const row of await invoicesWithStatus(status, yesterday)) {
      const done = await withRetry<boolean>(`Ageing ${row.value.invoice.id}`, async () => {
        const cur = await readInvoice(row.value.invoice.id);
        if (!cur) return { done: false };
        const inv = invoiceFromJson(cur.value.invoice);
        const next = invoiceStatus(inv, inv.payments, today);
        if (next === inv.status || next !== 'overdue') return { done: false };
        const record: InvoiceRecord = { ...cur.value, invoice: invoiceToJson({ ...inv, status: next }), updatedAt: new Date().toISOString() };
        return { writes: [invoiceWrite(record, cur.version)], result: true };
      });
      if (done) changed.push(row.value.invoice.id);
    }
  }
  return changed;
}
