// CSV upload helpers for the connections tab (pure, unit-tested): the columns to mention, exact
// cost display from micros, and the upload payload.
import type { CsvUploadInput } from '../../../shared/api-metrics';

/** Columns the upload understands (the backend's parser is the authority; this is help text). */
export const CSV_HELP_COLUMNS = ['date', 'campaign', 'impressions', 'clicks', 'cost', 'currency', 'conversions', 'sessions', 'organic_sessions', 'users', 'avg_position'] as const;

/** Cost in micros (an int64 decimal string) as a decimal string with 2–6 places; never a float. */
export function microsToDecimal(micros: string): string {
  const m = /^(-?)(\d+)$/.exec(micros.trim());
  if (!m) return micros;
  const digits = (m[2] ?? '').padStart(7, '0');
  const whole = digits.slice(0, -6).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(-6).replace(/0+$/, '').padEnd(2, '0');
  return `${m[1]}${whole}.${frac}`;
}

export interface CsvDraft {
  serviceId: string;
  accountId: string;
  currency: string;
  fileName: string;
  content: string;
}

export function csvPayload(d: CsvDraft, preview: boolean): CsvUploadInput {
  const accountId = d.accountId.trim();
  const currency = d.currency.trim().toUpperCase();
  return { serviceId: d.serviceId, fileName: d.fileName, content: d.content, ...(accountId ? { accountId } : {}), ...(currency ? { currency } : {}), preview };
}
