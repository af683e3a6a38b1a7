// CSV upload → DailyRows. Validates every line and reports every problem with its line number; rows
// are only usable when there are no issues. Handles `;`, `,` or tab delimiters (detected from the
// header), a UTF-8 BOM, RFC 4180 quotes (with "" and line breaks inside), decimal commas and
// DD.MM.YYYY dates as Excel writes them in uk/ru locales.
import type { ParseIssue } from '../errors';
import { decimalToMicros, intString } from '../shared/numbers';
import { isIsoDate } from '../shared/dates';
import { emptyRow, type DailyRow, type DimensionKind } from '../types';
import { CSV_ALIASES, CSV_COLUMNS, CSV_MAX_ISSUES, type CsvColumn } from './constants';

const KINDS: readonly DimensionKind[] = ['account', 'campaign', 'channel', 'query', 'page', 'keyword', 'goal'];

export interface CsvOptions {
  accountId: string;
  /** Used when the file has no currency column. */
  currency?: string | null;
}

export interface CsvResult {
  rows: DailyRow[];
  issues: ParseIssue[];
  delimiter: string;
}

/** Picks the delimiter that splits the header line most (quotes respected). */
export function detectDelimiter(headerLine: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch] = (counts[ch] ?? 0) + 1;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ',';
}

/** RFC 4180 records with the physical line each starts on. */
export function* csvRecords(text: string, delimiter: string): Generator<{ line: number; fields: string[] }> {
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let atFieldStart = true;
    for (; i < n; i++) {
      const ch = text[i] as string;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else quoted = false;
        } else {
          if (ch === '\n') line++;
          field += ch;
        }
        continue;
      }
      if (ch === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
      } else if (ch === delimiter) {
        fields.push(field);
        field = '';
        atFieldStart = true;
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        break;
      } else {
        field += ch;
        atFieldStart = false;
      }
    }
    fields.push(field);
    if (!(fields.length === 1 && fields[0]?.trim() === '')) yield { line: start, fields };
  }
}

function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** "1 234,50" / "1,234.50" / "1234.5" → "1234.50"-style text with '.' decimals; null when not a number. */
export function normaliseNumber(raw: string): string | null {
  let t = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (t === '') return null;
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    t = lastComma > lastDot ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  } else if (lastComma >= 0) {
    t = t.replace(',', '.');
  }
  return /^-?\d+(\.\d+)?$/.test(t) ? t : null;
}

function parseDate(raw: string): string | null {
  const t = raw.trim();
  if (isIsoDate(t)) return t;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (!m) return null;
  const iso = `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Parses and validates a whole upload. */
export function parseCsv(input: string, opts: CsvOptions): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const firstBreak = text.search(/\r?\n/);
  const delimiter = detectDelimiter(firstBreak === -1 ? text : text.slice(0, firstBreak));
  const issues: ParseIssue[] = [];
  const rows: DailyRow[] = [];
  const issue = (line: number, message: string, field?: string): void => {
    if (issues.length < CSV_MAX_ISSUES) issues.push({ line, message, ...(field ? { field } : {}) });
  };

  const records = csvRecords(text, delimiter);
  const head = records.next();
  if (head.done) return { rows, issues: [{ line: 1, message: 'the file is empty' }], delimiter };
  const columns: Array<CsvColumn | null> = head.value.fields.map((h) => {
    const k = normaliseHeader(h);
    const col = (CSV_COLUMNS as readonly string[]).includes(k) ? (k as CsvColumn) : CSV_ALIASES[k];
    if (!col) issue(1, `unknown column "${h.trim()}"; expected some of: ${CSV_COLUMNS.join(', ')}`, h.trim());
    return col ?? null;
  });
  if (!columns.includes('date')) issue(1, 'a "date" column is required', 'date');
  const seenCols = new Set<CsvColumn>();
  for (const c of columns) {
    if (c && seenCols.has(c)) issue(1, `column "${c}" appears twice`, c);
    if (c) seenCols.add(c);
  }
  if (seenCols.has('cost') && seenCols.has('cost_micros')) issue(1, 'use either "cost" or "cost_micros", not both', 'cost');
  if (issues.length > 0) return { rows, issues, delimiter };

  const seen = new Map<string, number>();
  for (const { line, fields } of records) {
    if (fields.length !== columns.length) {
      issue(line, `expected ${columns.length} values, found ${fields.length} (delimiter "${delimiter === '\t' ? 'tab' : delimiter}")`);
      continue;
    }
    const v: Partial<Record<CsvColumn, string>> = {};
    columns.forEach((c, i) => {
      const raw = (fields[i] ?? '').trim();
      if (c && raw !== '' && raw !== '--') v[c] = raw;
    });
    const before = issues.length;
    const date = v.date ? parseDate(v.date) : null;
    if (!date) issue(line, v.date ? `date "${v.date}" is not YYYY-MM-DD or DD.MM.YYYY` : 'date is empty', 'date');

    const kindRaw = v.dimension_kind?.toLowerCase();
    // The name doubles as the id when a file has no ids (e.g. campaign names only).
    const id = v.dimension_id ?? v.campaign_id ?? v.dimension_name ?? v.campaign;
    const campaignCols = v.campaign_id !== undefined || v.campaign !== undefined;
    if (!kindRaw && !campaignCols && (v.dimension_id !== undefined || v.dimension_name !== undefined)) issue(line, 'dimension_kind is required with dimension_id/dimension_name', 'dimension_kind');
    const kind = (kindRaw ?? (campaignCols ? 'campaign' : 'account')) as DimensionKind;
    if (!KINDS.includes(kind)) issue(line, `dimension_kind "${kindRaw}" must be one of ${KINDS.join(', ')}`, 'dimension_kind');

    const int = (c: CsvColumn): number | null => {
      const raw = v[c];
      if (raw === undefined) return null;
      const t = normaliseNumber(raw);
      if (t === null || !/^\d+$/.test(t)) {
        issue(line, `${c} "${raw}" must be a whole number ≥ 0`, c);
        return null;
      }
      return Number(t);
    };
    const dec = (c: CsvColumn, pct = false): number | null => {
      const raw = v[c];
      if (raw === undefined) return null;
      const isPct = pct && raw.trim().endsWith('%');
      const t = normaliseNumber(isPct ? raw.trim().slice(0, -1) : raw);
      if (t === null) {
        issue(line, `${c} "${raw}" is not a number`, c);
        return null;
      }
      return isPct ? Number(t) / 100 : Number(t);
    };

    const row = emptyRow('csv', opts.accountId, date ?? '', {
      kind: KINDS.includes(kind) ? kind : 'account',
      id: kind === 'account' ? (id ?? opts.accountId) : (id ?? ''),
      name: v.dimension_name ?? v.campaign ?? id ?? opts.accountId,
    });
    if (kind !== 'account' && !id) issue(line, `a ${kind} row needs dimension_id or a name`, 'dimension_id');
    row.impressions = int('impressions');
    row.clicks = int('clicks');
    row.sessions = int('sessions');
    row.organicSessions = int('organic_sessions');
    row.users = int('users');
    row.conversions = dec('conversions');
    if (row.conversions !== null && row.conversions < 0) issue(line, 'conversions must be ≥ 0', 'conversions');
    row.avgPosition = dec('avg_position');
    if (row.avgPosition !== null && row.avgPosition < 1) issue(line, 'avg_position is 1-based (≥ 1)', 'avg_position');
    row.top10Share = dec('top10_share', true);
    if (row.top10Share !== null && (row.top10Share < 0 || row.top10Share > 1)) issue(line, 'top10_share must be between 0 and 1 (or 0–100%)', 'top10_share');
    row.ctr = dec('ctr', true);
    if (row.ctr !== null && (row.ctr < 0 || row.ctr > 1)) issue(line, 'ctr must be a fraction 0–1 or a percentage like 5.2%', 'ctr');
    if (v.cost !== undefined) {
      const t = normaliseNumber(v.cost);
      row.costMicros = t === null ? null : decimalToMicros(t);
      if (row.costMicros === null) issue(line, `cost "${v.cost}" is not a decimal amount`, 'cost');
    } else if (v.cost_micros !== undefined) {
      row.costMicros = intString(v.cost_micros);
      if (row.costMicros === null) issue(line, `cost_micros "${v.cost_micros}" must be an integer`, 'cost_micros');
    }
    if (row.costMicros !== null && row.costMicros.startsWith('-')) issue(line, 'cost must be ≥ 0', 'cost');
    row.currency = v.currency?.toUpperCase() ?? opts.currency ?? null;
    if (row.currency !== null && !/^[A-Z]{3}$/.test(row.currency)) issue(line, `currency "${v.currency}" must be a 3-letter ISO code`, 'currency');
    if (row.costMicros !== null && row.currency === null) issue(line, 'cost needs a currency (column or connection setting)', 'currency');
    if (v.vat_included !== undefined) {
      const b = v.vat_included.toLowerCase();
      row.vatIncluded = ['yes', 'true', '1', 'так', 'да'].includes(b) ? true : ['no', 'false', '0', 'ні', 'нет'].includes(b) ? false : null;
      if (row.vatIncluded === null) issue(line, `vat_included "${v.vat_included}" must be yes or no`, 'vat_included');
    }
    if (date) {
      const key = `${date}|${row.dimension.kind}|${row.dimension.id}`;
      const prev = seen.get(key);
      if (prev !== undefined) issue(line, `duplicate row for ${date} / ${row.dimension.kind} "${row.dimension.id}" (first on line ${prev})`);
      else seen.set(key, line);
    }
    if (issues.length === before) rows.push(row);
  }
  return { rows, issues, delimiter };
}
