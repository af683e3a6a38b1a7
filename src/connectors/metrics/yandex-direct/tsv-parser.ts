// Streaming parser for Yandex Direct Reports TSV. Works chunk by chunk (never holds the whole body),
// splits on '\n' and '\t' with indexOf, parses numbers without regexes, and reuses date strings and
// dimension objects across rows, so a million rows parse fast in little memory.
// Layout: [report title line] · column header · data lines · ["Total rows: N"]; `--` = no value.
import { ParseError } from '../errors';
import { decimalToMicros, parseIntSlice } from '../shared/numbers';
import { emptyRow, type DailyRow, type RowDimension } from '../types';

export interface DirectTsvOptions {
  accountId: string;
  currency: string | null;
  /** What IncludeVAT was in the request. */
  vatIncluded: boolean | null;
  /** true when `returnMoneyInMicros` was not sent (integer micros); false for decimal currency. */
  moneyInMicros: boolean;
  /** Rows per yielded batch. Default 5,000. */
  batchSize?: number;
}

const CR = 13;
const DASH = 45;

interface Columns {
  count: number;
  date: number;
  campaignId: number;
  campaignName: number;
  impressions: number;
  clicks: number;
  cost: number;
  ctr: number;
  /** `Conversions`, or `Conversions_<goal>_<model>` per goal when several goals were asked for. */
  conversions: number[];
}

function mapHeader(fields: string[], line: number): Columns {
  const at = (name: string): number => fields.indexOf(name);
  const cols: Columns = {
    count: fields.length,
    date: at('Date'),
    campaignId: at('CampaignId'),
    campaignName: at('CampaignName'),
    impressions: at('Impressions'),
    clicks: at('Clicks'),
    cost: at('Cost'),
    ctr: at('Ctr'),
    conversions: fields.flatMap((f, i) => (f === 'Conversions' || f.startsWith('Conversions_') ? [i] : [])),
  };
  if (cols.date < 0) throw new ParseError('yandex-direct', [{ line, message: `column header has no Date column (got: ${fields.join(', ').slice(0, 200)})` }]);
  return cols;
}

const isDashDash = (s: string, a: number, b: number): boolean => b - a === 2 && s.charCodeAt(a) === DASH && s.charCodeAt(a + 1) === DASH;

function isIntSlice(s: string, a: number, b: number): boolean {
  if (a >= b) return false;
  let i = s.charCodeAt(a) === DASH ? a + 1 : a;
  if (i >= b) return false;
  for (; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Incremental line parser; `feed` takes decoded text, rows go to `out`. */
export class DirectTsvParser {
  private carry = '';
  private line = 0;
  private cols: Columns | null = null;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private lastDate = '';
  private dims = new Map<string, RowDimension>();
  private summaryRows: number | null = null;
  rows = 0;

  constructor(private readonly opts: DirectTsvOptions) {}

  feed(text: string, out: DailyRow[]): void {
    const s = this.carry.length > 0 ? this.carry + text : text;
    let start = 0;
    for (;;) {
      const nl = s.indexOf('\n', start);
      if (nl === -1) break;
      this.parseLine(s, start, nl, out);
      start = nl + 1;
    }
    this.carry = start === 0 ? s : s.slice(start);
  }

  /** Flushes the last line (a body may not end with '\n') and checks the summary count. */
  end(out: DailyRow[]): void {
    if (this.carry.length > 0) {
      const s = this.carry;
      this.carry = '';
      this.parseLine(s, 0, s.length, out);
    }
    if (this.cols === null && this.line > 0) throw new ParseError('yandex-direct', [{ line: this.line, message: 'report has no column header' }]);
    if (this.summaryRows !== null && this.summaryRows !== this.rows) {
      throw new ParseError('yandex-direct', [{ line: this.line, message: `summary says ${this.summaryRows} rows, parsed ${this.rows}` }]);
    }
  }

  private fail(message: string): never {
    throw new ParseError('yandex-direct', [{ line: this.line, message }]);
  }

  private parseLine(s: string, a: number, b: number, out: DailyRow[]): void {
    this.line++;
    if (b > a && s.charCodeAt(b - 1) === CR) b--;
    if (b <= a) return; // blank line (e.g. trailing newline)
    const cols = this.cols;
    if (cols === null) {
      const raw = s.slice(a, b);
      // Line 1 is the report title unless skipReportHeader was honoured: quoted, no tabs.
      if (raw.charCodeAt(0) === 34 && raw.indexOf('\t') === -1) return;
      if (raw.charCodeAt(0) >= 48 && raw.charCodeAt(0) <= 57) this.fail('report has no column header (do not send skipColumnHeader)');
      this.cols = mapHeader(raw.split('\t'), this.line);
      if (this.cols.count > this.starts.length) {
        this.starts = new Int32Array(this.cols.count);
        this.ends = new Int32Array(this.cols.count);
      }
      return;
    }
    // "Total rows: N" closes the report unless skipReportSummary was honoured.
    if (s.charCodeAt(a) === 84 && s.startsWith('Total rows:', a)) {
      this.summaryRows = Number(s.slice(a + 11, b).trim());
      return;
    }
    const starts = this.starts;
    const ends = this.ends;
    let p = a;
    for (let c = 0; c < cols.count; c++) {
      if (p > b) this.fail(`expected ${cols.count} columns, got ${c}`);
      let e = s.indexOf('\t', p);
      if (e === -1 || e > b) e = b;
      starts[c] = p;
      ends[c] = e;
      p = e + 1;
    }
    if (p <= b) this.fail(`expected ${cols.count} columns, got more`);
    out.push(this.toRow(s, cols));
    this.rows++;
  }

  private toRow(s: string, c: Columns): DailyRow {
    const st = this.starts;
    const en = this.ends;
    // Date: reuse the previous string when equal (reports are ordered by date).
    const da = st[c.date] as number;
    const db = en[c.date] as number;
    let date = this.lastDate;
    if (!(db - da === 10 && date.length === 10 && s.startsWith(date, da))) {
      date = s.slice(da, db);
      if (date.length !== 10 || date.charCodeAt(4) !== DASH || date.charCodeAt(7) !== DASH) this.fail(`bad date "${date}"`);
      this.lastDate = date;
    }
    let dimension: RowDimension;
    if (c.campaignId >= 0) {
      const id = s.slice(st[c.campaignId], en[c.campaignId]);
      const cached = this.dims.get(id);
      if (c.campaignName >= 0) {
        const na = st[c.campaignName] as number;
        const nb = en[c.campaignName] as number;
        if (cached && cached.name.length === nb - na && s.startsWith(cached.name, na)) dimension = cached;
        else {
          dimension = { kind: 'campaign', id, name: s.slice(na, nb) };
          this.dims.set(id, dimension);
        }
      } else {
        dimension = cached ?? { kind: 'campaign', id, name: id };
        if (!cached) this.dims.set(id, dimension);
      }
    } else {
      dimension = this.dims.get('') ?? { kind: 'account', id: this.opts.accountId, name: this.opts.accountId };
      this.dims.set('', dimension);
    }
    const row = emptyRow('yandex-direct', this.opts.accountId, date, dimension);
    row.currency = this.opts.currency;
    row.vatIncluded = this.opts.vatIncluded;
    if (c.impressions >= 0) row.impressions = this.count(s, st[c.impressions] as number, en[c.impressions] as number, 'Impressions');
    if (c.clicks >= 0) row.clicks = this.count(s, st[c.clicks] as number, en[c.clicks] as number, 'Clicks');
    if (c.cost >= 0) row.costMicros = this.money(s, st[c.cost] as number, en[c.cost] as number);
    if (c.ctr >= 0) {
      const v = this.decimal(s, st[c.ctr] as number, en[c.ctr] as number, 'Ctr');
      row.ctr = v === null ? null : v / 100; // Direct's Ctr is a percentage
    } else if (row.impressions !== null && row.clicks !== null) {
      row.ctr = row.impressions > 0 ? row.clicks / row.impressions : null;
    }
    for (const ci of c.conversions) {
      const v = this.decimal(s, st[ci] as number, en[ci] as number, 'Conversions');
      if (v !== null) row.conversions = (row.conversions ?? 0) + v;
    }
    return row;
  }

  private count(s: string, a: number, b: number, name: string): number | null {
    if (isDashDash(s, a, b)) return null;
    const n = parseIntSlice(s, a, b);
    if (Number.isNaN(n)) this.fail(`${name} is not an integer: "${s.slice(a, b)}"`);
    return n;
  }

  private decimal(s: string, a: number, b: number, name: string): number | null {
    if (isDashDash(s, a, b)) return null;
    const n = parseIntSlice(s, a, b);
    if (!Number.isNaN(n)) return n;
    const f = Number(s.slice(a, b));
    if (!Number.isFinite(f) || a === b) this.fail(`${name} is not a number: "${s.slice(a, b)}"`);
    return f;
  }

  private money(s: string, a: number, b: number): string | null {
    if (isDashDash(s, a, b)) return null;
    if (this.opts.moneyInMicros) {
      if (!isIntSlice(s, a, b)) this.fail(`Cost is not integer micros: "${s.slice(a, b)}"`);
      return s.slice(a, b);
    }
    const m = decimalToMicros(s.slice(a, b));
    if (m === null) this.fail(`Cost is not a decimal: "${s.slice(a, b)}"`);
    return m;
  }
}

/** Parses a TSV byte stream into batches of rows, yielding as soon as a batch is full. */
export async function* parseDirectTsv(chunks: AsyncIterable<Uint8Array>, opts: DirectTsvOptions): AsyncGenerator<DailyRow[]> {
  const batchSize = opts.batchSize ?? 5000;
  const parser = new DirectTsvParser(opts);
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let out: DailyRow[] = [];
  for await (const chunk of chunks) {
    parser.feed(decoder.decode(chunk, { stream: true }), out);
    if (out.length >= batchSize) {
      yield out;
      out = [];
    }
  }
  const tail = decoder.decode();
  if (tail) parser.feed(tail, out);
  parser.end(out);
  if (out.length > 0) yield out;
}
