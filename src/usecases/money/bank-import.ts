// Bank statement (CSV) import. The resolver parses and checks the whole file first: a file that
// cannot be read, or has a malformed line, is refused with the reasons and nothing is written. A good
// file is previewed (matched / review / already imported), recorded, and booked by queue jobs in
// chunks. Payment ids are hashes of the rows, so importing the same or an overlapping file again —
// also after a crash half-way — books only the rows that were never booked.
import { randomUUID } from 'node:crypto';
import {
  type BankImportOptions,
  type BankRow,
  type Invoice,
  type ReviewItem,
  BankFileError,
  describeReview,
  findInvoiceNumbers,
  formatMoney,
  invoiceFromJson,
  matchPayments,
  moneyFromJson,
  moneyToJson,
  parseBankCsv,
} from '../../domain/money';
import { ValidationError } from '../../shared/errors';
import { invoiceByNumber } from '../../storage/invoices.repo';
import { type BankImport, BankImportSchema, bankImportKey, docWrite, readDoc } from '../../storage/money-docs.repo';
import { withRetry } from '../../storage/money-store';
import { type PaymentRecord, paymentWrite, readPayments } from '../../storage/payments.repo';
import { pushJobs } from '../../platform/queue';
import type { QueueMessage } from '../../jobs/registry';
import { getMoneySettings } from './context';
import { type BankRowJson, queueInvoicePublish } from './messages';
import { bookPayment } from './payments';
import type { BankImportView, BankPreviewRowView } from '../../shared/api-money';

/** Largest statement accepted in one upload (the resolver payload limit is close to this anyway). */
export const MAX_BANK_FILE_CHARS = 400_000;
const ROWS_PER_CHUNK = 25;

export interface BankImportRequest {
  fileName: string;
  content: string;
  delimiter?: ';' | ',' | '\t';
  decimalSeparator?: '.' | ',';
  defaultCurrency?: string;
}

// What the import answers is exactly the resolver's view (src/shared/api-money.ts).
export type BankPreviewRow = BankPreviewRowView;
export type BankImportResult = BankImportView;

const toJson = (r: BankRow): BankRowJson => ({ line: r.line, date: r.date, amount: { amountMinor: r.amount.amountMinor.toString(), currency: r.amount.currency }, payer: r.payer, purpose: r.purpose, bankRef: r.bankRef, paymentId: r.paymentId });
const fromJson = (r: BankRowJson): BankRow => ({ ...r, amount: moneyFromJson(r.amount) });

/** The invoices the rows name (by number in the purpose), as they are now. */
async function namedInvoices(rows: readonly BankRow[], prefix: string): Promise<Invoice[]> {
  const numbers = new Set<string>();
  for (const r of rows) for (const n of findInvoiceNumbers(r.purpose, [prefix])) numbers.add(n);
  const found: Invoice[] = [];
  for (const n of numbers) {
    const rec = await invoiceByNumber(n);
    if (rec) found.push(invoiceFromJson(rec.value.invoice));
  }
  return found;
}

function parseStrict(req: BankImportRequest): { rows: BankRow[]; skipped: number } {
  if (req.content.length > MAX_BANK_FILE_CHARS) throw new ValidationError(`The file is too large (${req.content.length} characters; at most ${MAX_BANK_FILE_CHARS})`, { file: 'too large' });
  const options: BankImportOptions = {
    ...(req.delimiter ? { delimiter: req.delimiter } : {}),
    ...(req.decimalSeparator ? { decimalSeparator: req.decimalSeparator } : {}),
    ...(req.defaultCurrency ? { defaultCurrency: req.defaultCurrency } : {}),
  };
  const parsed = parseBankCsv(req.content, options);
  if (parsed.errors.length > 0) {
    const list = parsed.errors.slice(0, 10).map((e) => `line ${e.line}: ${e.message}`).join('; ');
    throw new BankFileError(`${parsed.errors.length} line(s) could not be read, so nothing was imported — ${list}${parsed.errors.length > 10 ? '; …' : ''}`);
  }
  if (parsed.rows.length === 0) throw new BankFileError('the file has no incoming payments');
  return { rows: parsed.rows, skipped: parsed.skipped.length };
}

function previewOf(rows: readonly BankRow[], known: ReadonlySet<string>, invoices: readonly Invoice[]): { preview: BankPreviewRow[]; matched: number; review: number; duplicates: number } {
  const m = matchPayments(rows, invoices, { knownPaymentIds: known });
  const base = (r: BankRow): Omit<BankPreviewRow, 'outcome'> => ({ line: r.line, date: r.date, amount: formatMoney(r.amount), currency: r.amount.currency, payer: r.payer, purpose: r.purpose, paymentId: r.paymentId });
  const preview: BankPreviewRow[] = [
    ...m.matched.map((x): BankPreviewRow => ({ ...base(x.row), outcome: 'match', invoiceNumber: x.invoiceNumber })),
    ...m.review.map((x): BankPreviewRow => ({ ...base(x.row), outcome: 'review', reason: x.reason, message: describeReview(x), ...(x.invoiceNumbers[0] ? { invoiceNumber: x.invoiceNumbers[0] } : {}) })),
    ...m.duplicates.map((r): BankPreviewRow => ({ ...base(r), outcome: 'already-imported' })),
  ].sort((a, b) => a.line - b.line);
  return { preview, matched: m.matched.length, review: m.review.length, duplicates: m.duplicates.length };
}

/** Checks the file, previews it and queues its booking. Throws (writing nothing) when the file is bad. */
export async function startBankImport(req: BankImportRequest, by: string): Promise<BankImportResult> {
  const settings = await getMoneySettings();
  const { rows, skipped } = parseStrict(req);
  const [known, invoices] = await Promise.all([readPayments(rows.map((r) => r.paymentId)), namedInvoices(rows, settings.invoicePrefix)]);
  const p = previewOf(rows, new Set(known.keys()), invoices);
  const importId = `bi-${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const fresh = rows.filter((r) => !known.has(r.paymentId));
  const chunks: BankRowJson[][] = [];
  for (let i = 0; i < fresh.length; i += ROWS_PER_CHUNK) chunks.push(fresh.slice(i, i + ROWS_PER_CHUNK).map(toJson));
  const doc: BankImport = {
    importId,
    fileName: req.fileName.slice(0, 200),
    createdBy: by,
    createdAt: new Date().toISOString(),
    state: chunks.length === 0 ? 'done' : 'queued',
    rows: rows.length,
    chunks: chunks.length,
    chunksDone: [],
    booked: 0,
    review: 0,
    duplicates: p.duplicates,
    errors: [],
    skipped,
  };
  await withRetry(`Recording import ${importId}`, async () => ({ writes: [docWrite('bank-import', bankImportKey(importId), doc, 'absent', { sortKey: doc.createdAt })], result: undefined }));
  if (chunks.length > 0) {
    await pushJobs(chunks.map((c, chunk): QueueMessage => ({ kind: 'money-bank-chunk', importId, chunk, rows: c, createdBy: by })));
  }
  return { importId, rows: rows.length, matched: p.matched, review: p.review, duplicates: p.duplicates, skipped, preview: p.preview };
}

/** Books one chunk: rows matching an open invoice exactly are booked, the rest wait for review. */
export async function processBankChunk(importId: string, chunk: number, rowsJson: readonly BankRowJson[], by: string): Promise<{ booked: number; review: number; duplicates: number }> {
  const settings = await getMoneySettings();
  const rows = rowsJson.map(fromJson).sort((a, b) => a.line - b.line);
  let booked = 0;
  let review = 0;
  let duplicates = 0;
  const paidInvoices: string[] = [];
  for (const row of rows) {
    // Match each row on the invoices as they are now (an earlier row may have paid one).
    const known = await readPayments([row.paymentId]);
    const m = matchPayments([row], await namedInvoices([row], settings.invoicePrefix), { knownPaymentIds: new Set(known.keys()) });
    if (m.duplicates.length > 0) {
      duplicates++;
      continue;
    }
    const match = m.matched[0];
    if (match) {
      const r = await bookPayment({ id: row.paymentId, source: 'bank', date: row.date, amount: row.amount, invoiceId: match.invoiceId, payer: row.payer, purpose: row.purpose, ...(row.bankRef ? { reference: row.bankRef } : {}), importId, line: row.line, createdBy: by });
      if (r.duplicate) duplicates++;
      else {
        booked++;
        paidInvoices.push(match.invoiceId);
      }
      continue;
    }
    const item = m.review[0] as ReviewItem;
    const record: PaymentRecord = {
      id: row.paymentId,
      source: 'bank',
      state: 'review',
      date: row.date,
      amount: moneyToJson(row.amount),
      payer: row.payer,
      purpose: row.purpose,
      ...(row.bankRef ? { reference: row.bankRef } : {}),
      importId,
      line: row.line,
      review: { reason: item.reason, invoiceNumbers: item.invoiceNumbers, ...(item.expected ? { expected: moneyToJson(item.expected) } : {}), message: describeReview(item) },
      createdAt: new Date().toISOString(),
      createdBy: by,
    };
    const stored = await withRetry<boolean>(`Queueing ${row.paymentId} for review`, async () => {
      const cur = await readPayments([row.paymentId]);
      if (cur.size > 0) return { done: false };
      return { writes: [paymentWrite(record, 'absent')], result: true };
    });
    if (stored) review++;
    else duplicates++;
  }
  await withRetry(`Counting import ${importId}`, async () => {
    const cur = await readDoc(bankImportKey(importId), BankImportSchema);
    if (!cur || cur.value.chunksDone.includes(chunk)) return { done: undefined };
    const chunksDone = [...cur.value.chunksDone, chunk].sort((a, b) => a - b);
    const next: BankImport = {
      ...cur.value,
      chunksDone,
      booked: cur.value.booked + booked,
      review: cur.value.review + review,
      duplicates: cur.value.duplicates + duplicates,
      state: chunksDone.length >= cur.value.chunks ? 'done' : 'queued',
    };
    return { writes: [docWrite('bank-import', bankImportKey(importId), next, cur.version, { sortKey: cur.value.createdAt })], result: undefined };
  });
  await queueInvoicePublish(paidInvoices);
  return { booked, review, duplicates };
}

export async function getBankImport(importId: string): Promise<BankImport | undefined> {
  return (await readDoc(bankImportKey(importId), BankImportSchema))?.value;
}
