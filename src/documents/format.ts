// Localized number, money and date formatting for reports (Intl, cached per process).
import { fill, reportTexts } from './i18n';
import type { ColumnFormat, MetricUnit, ReportLanguage, TableCell } from './report-model';

const LOCALES: Readonly<Record<ReportLanguage, string>> = { en: 'en-GB', uk: 'uk-UA', ru: 'ru-RU' };

export function localeOf(lang: ReportLanguage): string {
  return LOCALES[lang];
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function nf(lang: ReportLanguage, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${lang}|${key}`;
  let f = numberFormats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], options);
    numberFormats.set(id, f);
  }
  return f;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function df(lang: ReportLanguage, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${lang}|${key}`;
  let f = dateFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: 'UTC' });
    dateFormats.set(id, f);
  }
  return f;
}

const DECIMAL_RE = /^-?\d{1,30}(\.\d{1,20})?$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isDecimalString(v: string): v is `${number}` {
  return DECIMAL_RE.test(v);
}

/** "1234.5" + UAH → "1 234,50 ₴" (uk); exact for any decimal string. Non-decimal text is returned as is. */
export function formatMoney(amount: string | number, currency: string, lang: ReportLanguage): string {
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  if (!isDecimalString(text)) return text;
  try {
    return nf(lang, `money:${currency}`, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).format(text);
  } catch {
    // Unknown currency code: plain number with the code after it.
    return `${nf(lang, 'money-plain', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(text)} ${currency}`;
  }
}

/** Compact money for chart axes: "12K ₴", "1,2 млн ₴". */
export function formatMoneyCompact(amount: number, currency: string, lang: ReportLanguage): string {
  try {
    return nf(lang, `money-compact:${currency}`, {
      style: 'currency', currency, currencyDisplay: 'narrowSymbol', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1,
    }).format(amount);
  } catch {
    return `${formatCompact(amount, lang)} ${currency}`;
  }
}

function formatMoneyAxis(amount: number, currency: string, lang: ReportLanguage): string {
  const digits = Math.abs(amount) < 10 && !Number.isInteger(amount) ? 2 : 0;
  try {
    return nf(lang, `money-axis${digits}:${currency}`, {
      style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits,
    }).format(amount);
  } catch {
    return `${formatDecimal(amount, lang, digits)} ${currency}`;
  }
}

export function formatCount(n: number, lang: ReportLanguage): string {
  return nf(lang, 'count', { maximumFractionDigits: 2 }).format(n);
}

export function formatDecimal(n: number, lang: ReportLanguage, maxFractionDigits = 2): string {
  return nf(lang, `dec${maxFractionDigits}`, { maximumFractionDigits: maxFractionDigits }).format(n);
}

export function formatCompact(n: number, lang: ReportLanguage): string {
  return nf(lang, 'compact', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** Ratio → percent: 0.0345 → "3.45%" (at most 2 fraction digits). */
export function formatPercent(ratio: number, lang: ReportLanguage): string {
  return nf(lang, 'percent', { style: 'percent', maximumFractionDigits: 2 }).format(ratio);
}

export function formatHours(hours: number, lang: ReportLanguage): string {
  return fill(reportTexts(lang).hoursUnit, { hours: nf(lang, 'hours', { maximumFractionDigits: 2 }).format(hours) });
}

export function formatPosition(n: number, lang: ReportLanguage): string {
  return nf(lang, 'position', { maximumFractionDigits: 1 }).format(n);
}

export type Trend = 'up' | 'down' | 'flat' | 'none';

/** Ratio of change → "+12.3%" / "−4%" / "0%"; null → the "no data" dash. */
export function formatChange(ratio: number | null, lang: ReportLanguage): { text: string; trend: Trend } {
  if (ratio === null || !Number.isFinite(ratio)) return { text: reportTexts(lang).noData, trend: 'none' };
  const text = nf(lang, 'change', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' })
    .format(ratio)
    .replace('-', '\u2212');
  const rounded = Math.round(ratio * 1000);
  return { text, trend: rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'flat' };
}

/** A metric value in its unit; null → dash. */
export function formatMetric(value: number | string | null, unit: MetricUnit, lang: ReportLanguage, currency: string): string {
  if (value === null) return reportTexts(lang).noData;
  if (unit === 'money') return formatMoney(value, currency, lang);
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  switch (unit) {
    case 'count': return formatCount(n, lang);
    case 'percent': return formatPercent(n, lang);
    case 'hours': return formatHours(n, lang);
    case 'position': return formatPosition(n, lang);
  }
}

/** Short axis label for a metric value. */
export function formatAxisValue(value: number, unit: MetricUnit, lang: ReportLanguage, currency: string): string {
  switch (unit) {
    case 'money': return Math.abs(value) >= 10000 ? formatMoneyCompact(value, currency, lang) : formatMoneyAxis(value, currency, lang);
    case 'percent': return formatPercent(value, lang);
    case 'hours': return formatDecimal(value, lang, 1);
    case 'position': return formatPosition(value, lang);
    case 'count': return Math.abs(value) >= 10000 ? formatCompact(value, lang) : formatDecimal(value, lang, 2);
  }
}

function utcDate(ymd: string): Date | null {
  if (!DATE_RE.test(ymd)) return null;
  const d = new Date(`${ymd}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026-03-01" → "1 March 2026" / "1 березня 2026 р."; anything else is returned as is. */
export function formatDate(ymd: string, lang: ReportLanguage): string {
  const d = utcDate(ymd);
  return d ? df(lang, 'long', { day: 'numeric', month: 'long', year: 'numeric' }).format(d) : ymd;
}

/** "2026-03-01" → "1 Mar" / "1 бер." for chart axes; anything else as is. */
export function formatShortDate(ymd: string, lang: ReportLanguage): string {
  const d = utcDate(ymd);
  return d ? df(lang, 'short', { day: 'numeric', month: 'short' }).format(d) : ymd;
}

/** "2026-03-01", "2026-03-31" → "1–31 March 2026". */
export function formatDateRange(from: string, to: string, lang: ReportLanguage): string {
  const a = utcDate(from);
  const b = utcDate(to);
  if (!a || !b) return `${from} – ${to}`;
  return df(lang, 'long', { day: 'numeric', month: 'long', year: 'numeric' }).formatRange(a, b);
}

/** ISO instant → its calendar date, formatted ("2026-04-03T06:00:00Z" → "3 April 2026"). */
export function formatInstantDate(iso: string, lang: ReportLanguage): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return df(lang, 'long', { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/** A table cell in its column format. */
export function formatCell(cell: TableCell | undefined, format: ColumnFormat, lang: ReportLanguage, currency: string): string {
  if (cell === null || cell === undefined || cell === '') return reportTexts(lang).noData;
  switch (format) {
    case 'text': return String(cell);
    case 'date': return typeof cell === 'string' ? formatDate(cell, lang) : String(cell);
    case 'money': return formatMoney(cell, currency, lang);
    case 'count':
    case 'percent':
    case 'hours':
    case 'position': {
      const n = typeof cell === 'number' ? cell : Number(cell);
      return Number.isFinite(n) ? formatMetric(n, format, lang, currency) : String(cell);
    }
    case 'decimal': {
      const n = typeof cell === 'number' ? cell : Number(cell);
      return Number.isFinite(n) ? formatDecimal(n, lang) : String(cell);
    }
  }
}

export function isNumericFormat(format: ColumnFormat): boolean {
  return format !== 'text' && format !== 'date';
}
