// CSV bank statements → incoming payments, and matching them to open invoices. Pure: text in, rows out.
//
// EXPECTED FILE
// - UTF-8, optional BOM; line ends \n, \r\n or \r; RFC 4180 quotes ("a;b", "say ""hi""", newlines inside).
// - Delimiter ';', ',' or tab: detected from the header line (most frequent outside quotes) unless given.
// - A header row naming the columns (case-insensitive; English, Ukrainian and Russian names accepted):
//     date      date, value date, booking date, дата, дата операції, дата операции
//     amount    amount, credit, сума, сумма, кредит, сума зарахування
//     currency  currency, ccy, валюта            (optional when options.defaultCurrency is given)
//     payer     payer, sender, counterparty, платник, плательщик, контрагент
//     purpose   purpose, reference, description, details, призначення платежу, назначение платежа
//     bankRef   transaction id, document number, номер документа, № документа   (optional)
//   Other columns are ignored.
// - Dates: YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or DD-MM-YYYY, optionally followed by a time.
// - Amounts: decimal point or decimal comma, digit groups by spaces/apostrophes/the other separator
//   ("1 500,50", "1,500.50"). Detected per file unless given; a file whose amounts could be read either
//   way ("1,500" only) or that mixes both is refused. Incoming payments are positive; rows with an empty,
//   zero or negative amount are outgoing and listed as skipped, not as errors.
// - Currency: ISO code, a few symbols/words (грн, ₴, руб, ₽, $, €) or ISO numeric (980, 840, 978…).
//
// PAYMENT ID: deterministic from the row, so re-importing the same (or an overlapping) file never books
// a payment twice: with a bank reference, hash(ref, date, amount, currency); without one,
// hash(date, amount, currency, payer, purpose, n) where n counts identical earlier rows in the file.
//
// MATCHING: an invoice number is looked for in the purpose text, for the prefixes of the open invoices:
// "INV-2026-0007", "inv 2026/7", "INV2026-7", "Inv. 2026 - 0007", "№INV-2026-0007", "INV20260007"
// (prefix, optional separators, 4-digit year, separators, sequence; or year+4-digit sequence glued).
// A bare "2026-0007" or "рахунок 7" is not recognised. A row is matched only when it names exactly one
// open invoice, in its currency, for exactly the outstanding amount; everything else goes to review.
import { stableHash } from '../idempotency';
import { isCalendarDate } from '../month-rules';
import { BankFileError } from './errors';
import { type Invoice, outstanding, parseInvoiceNumber } from './invoice';
import { type Money, compare, formatMoney, isKnownCurrency, isPositive, parseLocaleDecimal, parseMoney } from './money';

export type BankField = 'date' | 'amount' | 'currency' | 'payer' | 'purpose' | 'bankRef';

const HEADER_ALIASES: Record<BankField, readonly string[]> = {
  date: ['date', 'value date', 'booking date', 'transaction date', 'дата', 'дата операції', 'дата операции', 'дата платежу', 'дата платежа'],
  amount: ['amount', 'credit', 'credit amount', 'сума', 'сумма', 'кредит', 'сума зарахування', 'сумма зачисления'],
  currency: ['currency', 'ccy', 'валюта'],
  payer: ['payer', 'payer name', 'sender', 'counterparty', 'платник', 'плательщик', 'контрагент', 'відправник', 'отправитель'],
  purpose: ['purpose', 'reference', 'description', 'details', 'payment details', 'призначення', 'призначення платежу', 'назначение', 'назначение платежа'],
  bankRef: ['transaction id', 'bank reference', 'document number', 'doc no', 'номер документа', 'номер документу', '№ документа', '№ документу'],
};

const CURRENCY_ALIASES: Record<string, string> = {
  'ГРН': 'UAH', 'ГРН.': 'UAH', '₴': 'UAH', '980': 'UAH',
  'РУБ': 'RUB', 'РУБ.': 'RUB', '₽': 'RUB', 'RUR': 'RUB', '643': 'RUB',
  '$': 'USD', '840': 'USD', '€': 'EUR', '978': 'EUR', '£': 'GBP', '826': 'GBP',
  'ZŁ': 'PLN', '985': 'PLN', '₸': 'KZT', '398': 'KZT',
};

const MAX_ROWS = 50_000;

export interface BankImportOptions {
  delimiter?: ';' | ',' | '\t';
  decimalSeparator?: '.' | ',';
  /** Used when there is no currency column or a cell is empty. */
  defaultCurrency?: string;
}

export interface BankRow {
  /** 1-based line of the file where the record starts. */
  line: number;
  date: string;
  amount: Money;
  payer: string;
  purpose: string;
  bankRef: string | null;
  /** Deterministic id of this payment ("bp-…"). */
  paymentId: string;
}

export interface BankLineIssue {
  line: number;
  message: string;
}

export interface BankParseResult {
  rows: BankRow[];
  /** Malformed lines (bad date, amount, currency…). */
  errors: BankLineIssue[];
  /** Valid lines that are not incoming payments (outgoing, zero, empty credit). */
  skipped: BankLineIssue[];
  delimiter: ';' | ',' | '\t';
  decimalSeparator: '.' | ',';
}

// ---------------------------------------------------------------------------------------------
// CSV tokenizer

interface Rec {
  line: number;
  cells: string[];
}

function detectDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch] += 1;
  }
  const order = [';', '\t', ','] as const;
  return order.reduce((best, d) => (counts[d] > counts[best] ? d : best), order[0]);
}

function tokenize(text: string, delimiter: string): Rec[] {
  const out: Rec[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recLine = 1;
  let quoteLine = 1;
  let i = 0;
  const endRecord = (): void => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) out.push({ line: recLine, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line += 1;
        cell += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      line += 1;
      recLine = line;
    } else cell += ch;
    i += 1;
  }
  if (quoted) throw new BankFileError('a quoted value is never closed', quoteLine);
  endRecord();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cells

const normHeader = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[:*]$/, '');

function mapColumns(header: string[], options: BankImportOptions): Partial<Record<BankField, number>> {
  const cols: Partial<Record<BankField, number>> = {};
  header.forEach((h, i) => {
    const name = normHeader(h);
    for (const field of Object.keys(HEADER_ALIASES) as BankField[]) {
      if (cols[field] === undefined && HEADER_ALIASES[field].includes(name)) cols[field] = i;
    }
  });
  const required: BankField[] = ['date', 'amount', 'payer', 'purpose'];
  if (!options.defaultCurrency) required.push('currency');
  const missing = required.filter((f) => cols[f] === undefined);
  if (missing.length > 0) {
    throw new BankFileError(`the header has no ${missing.join(', ')} column (found: ${header.map((h) => h.trim()).filter(Boolean).join(', ') || 'nothing'})`, 1);
  }
  return cols;
}

function parseDate(cell: string): string | null {
  const s = cell.trim().replace(/[T ].*$/, '');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return isCalendarDate(s) ? s : null;
  m = /^(\d{2})[./-](\d{2})[./-](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  return isCalendarDate(iso) ? iso : null;
}

function parseCurrency(cell: string | undefined, fallback: string | undefined): string | null {
  const s = (cell ?? '').trim().toUpperCase();
  if (s === '') return fallback ?? null;
  const code = CURRENCY_ALIASES[s] ?? s;
  return isKnownCurrency(code) ? code : null;
}

function detectDecimal(amounts: string[], delimiter: string): '.' | ',' {
  let comma = 0;
  let point = 0;
  let ambiguous = false;
  for (const raw of amounts) {
    const s = raw.replace(/[\s\u00a0\u202f']/g, '');
    const lastComma = s.lastIndexOf(',');
    const lastPoint = s.lastIndexOf('.');
    if (lastComma < 0 && lastPoint < 0) continue;
    const last = Math.max(lastComma, lastPoint);
    const sep = last === lastComma ? ',' : '.';
    const both = lastComma >= 0 && lastPoint >= 0;
    const tail = s.length - last - 1;
    if (both || tail !== 3) {
      if (sep === ',') comma += 1;
      else point += 1;
    } else ambiguous = true;
  }
  if (comma > 0 && point > 0) throw new BankFileError('amounts mix decimal commas and decimal points; pass the decimal separator');
  if (comma > 0) return ',';
  if (point > 0) return '.';
  if (ambiguous) throw new BankFileError('amounts like "1,500" could be read two ways; pass the decimal separator');
  return delimiter === ',' ? '.' : ',';
}

const normText = (s: string): string => s.trim().replace(/\s+/g, ' ');

/** The deterministic payment id of a bank row (see the file comment). */
export function paymentIdFor(
  row: Pick<BankRow, 'date' | 'amount' | 'payer' | 'purpose' | 'bankRef'>,
  occurrence = 0,
): string {
  const amount = `${row.amount.amountMinor}|${row.amount.currency}`;
  const basis = row.bankRef
    ? `ref|${normText(row.bankRef)}|${row.date}|${amount}`
    : `row|${row.date}|${amount}|${normText(row.payer).toLowerCase()}|${normText(row.purpose).toLowerCase()}|${occurrence}`;
  return `bp-${stableHash(basis)}`;
}

/** Parses a statement. File-level problems throw BankFileError; line problems are listed. */
export function parseBankCsv(text: string, options: BankImportOptions = {}): BankParseResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new BankFileError('the file is empty');
  if (options.defaultCurrency && !isKnownCurrency(options.defaultCurrency)) throw new BankFileError(`unknown default currency ${options.defaultCurrency}`);
  const delimiter = options.delimiter ?? detectDelimiter(body);
  const records = tokenize(body, delimiter);
  const [header, ...data] = records;
  if (!header) throw new BankFileError('the file is empty');
  if (data.length > MAX_ROWS) throw new BankFileError(`the file has ${data.length} rows; at most ${MAX_ROWS} per import`);
  const cols = mapColumns(header.cells, options);
  const cell = (rec: Rec, f: BankField): string => {
    const i = cols[f];
    return i === undefined ? '' : (rec.cells[i] ?? '');
  };
  const decimalSeparator = options.decimalSeparator ?? detectDecimal(data.map((r) => cell(r, 'amount')), delimiter);

  const rows: BankRow[] = [];
  const errors: BankLineIssue[] = [];
  const skipped: BankLineIssue[] = [];
  const seen = new Map<string, number>();
  for (const rec of data) {
    const problems: string[] = [];
    const date = parseDate(cell(rec, 'date'));
    if (!date) problems.push(`date ${JSON.stringify(cell(rec, 'date').trim())} is not a date`);
    const currency = parseCurrency(cols.currency === undefined ? '' : cell(rec, 'currency'), options.defaultCurrency);
    if (!currency) problems.push(`currency ${JSON.stringify(cell(rec, 'currency').trim())} is not known`);
    const amountText = cell(rec, 'amount').trim();
    let amount: Money | null = null;
    let outgoing = amountText === '';
    if (!outgoing && currency) {
      try {
        amount = parseMoney(parseLocaleDecimal(amountText, decimalSeparator), currency);
        outgoing = !isPositive(amount);
      } catch {
        problems.push(`amount ${JSON.stringify(amountText)} is not an amount in ${currency}`);
      }
    }
    if (problems.length > 0) {
      errors.push({ line: rec.line, message: problems.join('; ') });
      continue;
    }
    if (outgoing || !amount || !date) {
      skipped.push({ line: rec.line, message: amountText === '' ? 'no incoming amount' : `not an incoming payment (${amountText})` });
      continue;
    }
    const base = {
      date,
      amount,
      payer: normText(cell(rec, 'payer')),
      purpose: normText(cell(rec, 'purpose')),
      bankRef: cols.bankRef === undefined ? null : normText(cell(rec, 'bankRef')) || null,
    };
    const sameKey = base.bankRef ? '' : paymentIdFor(base, 0);
    const occurrence = sameKey ? (seen.get(sameKey) ?? 0) : 0;
    if (sameKey) seen.set(sameKey, occurrence + 1);
    rows.push({ line: rec.line, ...base, paymentId: paymentIdFor(base, occurrence) });
  }
  return { rows, errors, skipped, delimiter, decimalSeparator };
}

// ---------------------------------------------------------------------------------------------
// Matching

export type ReviewReason =
  | 'no-invoice-number'
  | 'unknown-invoice'
  | 'invoice-not-open'
  | 'several-invoices'
  | 'currency-mismatch'
  | 'amount-mismatch'
  | 'invoice-already-matched';

export interface MatchedPayment {
  row: BankRow;
  invoiceId: string;
  invoiceNumber: string;
  amount: Money;
}

export interface ReviewItem {
  row: BankRow;
  reason: ReviewReason;
  /** Invoice numbers found in the purpose text (canonical form). */
  invoiceNumbers: string[];
  /** What the named invoice still expects, when there is one. */
  expected?: Money;
}

export interface MatchResult {
  matched: MatchedPayment[];
  review: ReviewItem[];
  /** Rows already imported before (or twice in this input): nothing to book. */
  duplicates: BankRow[];
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Invoice numbers referenced in a text, for the given prefixes, in canonical form and first-seen order. */
export function findInvoiceNumbers(text: string, prefixes: Iterable<string>): string[] {
  const list = [...new Set(prefixes)].sort((a, b) => b.length - a.length).map(escapeRe);
  if (list.length === 0) return [];
  const sep = '[\\s\\-_/.#№:]';
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${list.join('|')})(?:${sep}*(\\d{4})${sep}+(\\d{1,6})|${sep}*(\\d{4})(\\d{4}))(?!\\d)`, 'giu');
  const out: string[] = [];
  for (const m of text.matchAll(re)) {
    const prefix = (m[1] ?? '').toUpperCase();
    const year = Number(m[2] ?? m[4]);
    const seq = Number(m[3] ?? m[5]);
    if (seq < 1 || year < 1900) continue;
    const n = `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
    if (parseInvoiceNumber(n) && !out.includes(n)) out.push(n);
  }
  return out;
}

/**
 * Matches rows to invoices by the number in the purpose and the exact outstanding amount. `invoices`
 * may include paid/cancelled ones (named → review "invoice-not-open"). Rows are taken in line order; a
 * second row for an invoice already matched in this run goes to review.
 */
export function matchPayments(
  rows: readonly BankRow[],
  invoices: readonly Invoice[],
  options: { knownPaymentIds?: ReadonlySet<string> } = {},
): MatchResult {
  const byNumber = new Map(invoices.map((inv) => [inv.number, inv]));
  const prefixes = invoices.map((inv) => parseInvoiceNumber(inv.number)?.prefix).filter((p): p is string => Boolean(p));
  const taken = new Set<string>();
  const seenIds = new Set<string>();
  const result: MatchResult = { matched: [], review: [], duplicates: [] };
  for (const row of [...rows].sort((a, b) => a.line - b.line)) {
    if (options.knownPaymentIds?.has(row.paymentId) || seenIds.has(row.paymentId)) {
      result.duplicates.push(row);
      continue;
    }
    seenIds.add(row.paymentId);
    const numbers = findInvoiceNumbers(row.purpose, prefixes);
    const review = (reason: ReviewReason, expected?: Money): void => {
      result.review.push({ row, reason, invoiceNumbers: numbers, ...(expected ? { expected } : {}) });
    };
    if (numbers.length === 0) {
      review('no-invoice-number');
      continue;
    }
    const known = numbers.map((n) => byNumber.get(n)).filter((inv): inv is Invoice => inv !== undefined);
    if (numbers.length > 1) {
      review('several-invoices');
      continue;
    }
    const invoice = known[0];
    if (!invoice) {
      review('unknown-invoice');
      continue;
    }
    if (invoice.status === 'cancelled' || invoice.status === 'paid') {
      review('invoice-not-open');
      continue;
    }
    if (invoice.currency !== row.amount.currency) {
      review('currency-mismatch', outstanding(invoice));
      continue;
    }
    if (taken.has(invoice.id)) {
      review('invoice-already-matched', outstanding(invoice));
      continue;
    }
    const due = outstanding(invoice);
    if (compare(row.amount, due) !== 0) {
      review('amount-mismatch', due);
      continue;
    }
    taken.add(invoice.id);
    result.matched.push({ row, invoiceId: invoice.id, invoiceNumber: invoice.number, amount: row.amount });
  }
  return result;
}

/** One line for a review list ("line 12: amount-mismatch, INV-2026-0007 expects 1800.00 UAH"). */
export function describeReview(item: ReviewItem): string {
  const what = item.invoiceNumbers.length > 0 ? ` ${item.invoiceNumbers.join(', ')}` : '';
  const expects = item.expected ? ` expects ${formatMoney(item.expected)} ${item.expected.currency}` : '';
  return `line ${item.row.line}: ${item.reason}${what}${expects}`;
}
