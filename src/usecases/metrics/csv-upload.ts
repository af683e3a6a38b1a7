// CSV upload for "any other source": a manager or admin sends a file of daily rows for one service.
// The whole file is validated first; a file with any problem writes nothing and comes back with
// every problem by line. A valid file replaces the days it covers (per account), exactly like a
// sync window, so uploading the same file twice changes nothing. `preview` validates only.
import { z } from 'zod';
import { parseCsv } from '../../connectors/metrics/csv';
import type { ParseIssue } from '../../connectors/metrics/errors';
import type { DailyRow } from '../../connectors/metrics/types';
import { kvs } from '@forge/kvs';
import { getTyped } from '../../platform/kv';
import type { CsvUploadInput, CsvUploadResult, CsvUploadRecord } from '../../shared/api-metrics';
import { ValidationError } from '../../shared/errors';
import { requireServiceAccess, type Access } from '../access';
import { enqueueKpiRecompute } from '../kpi/recompute';
import { store } from './sync';
import { monthOf, monthsBetween } from './windows';

/** The resolver payload carries the file, so uploads stay well under the bridge's payload limit. */
export const CSV_UPLOAD_MAX_CHARS = 4 * 1024 * 1024;
const PREVIEW_ROWS = 20;
const HISTORY_KEPT = 10;

const RecordSchema = z.object({
  at: z.string(),
  byAccountId: z.string(),
  fileName: z.string(),
  accountId: z.string(),
  rows: z.number().int(),
  from: z.string(),
  to: z.string(),
  months: z.array(z.string()),
});
const HistorySchema = z.object({ uploads: z.array(RecordSchema) });
const historyKey = (serviceId: string): string => `metrics-csv:${serviceId}`;

export async function csvUploadHistory(serviceId: string): Promise<CsvUploadRecord[]> {
  return (await getTyped(historyKey(serviceId), HistorySchema))?.uploads ?? [];
}

function range(rows: readonly DailyRow[]): { from: string; to: string } | null {
  if (rows.length === 0) return null;
  let from = rows[0]!.date;
  let to = from;
  for (const r of rows) {
    if (r.date < from) from = r.date;
    if (r.date > to) to = r.date;
  }
  return { from, to };
}

export async function uploadCsv(a: Access, input: CsvUploadInput, now: Date = new Date()): Promise<CsvUploadResult> {
  const service = requireServiceAccess(a, input.serviceId, 'manage');
  if (input.content.length > CSV_UPLOAD_MAX_CHARS) {
    throw new ValidationError(`The file is larger than ${CSV_UPLOAD_MAX_CHARS / 1024 / 1024} MB; split it by month`, { content: 'File too large' }, { serviceId: service.id });
  }
  const accountId = input.accountId?.trim() || 'csv';
  const parsed = parseCsv(input.content, { accountId, currency: input.currency ?? null });
  const span = range(parsed.rows);
  const base = {
    serviceId: service.id,
    fileName: input.fileName,
    rows: parsed.rows.length,
    from: span?.from ?? null,
    to: span?.to ?? null,
    preview: parsed.rows.slice(0, PREVIEW_ROWS),
  };
  const issues: ParseIssue[] = [...parsed.issues];
  if (issues.length === 0 && parsed.rows.length === 0) issues.push({ line: 0, message: 'The file has no data rows' });
  if (issues.length > 0) return { ...base, stored: false, months: [], issues };
  if (input.preview || !span) return { ...base, stored: false, months: monthsBetween(span!.from, span!.to), issues: [] };

  const byMonth = new Map<string, DailyRow[]>(monthsBetween(span.from, span.to).map((m) => [m, []]));
  for (const r of parsed.rows) byMonth.get(monthOf(r.date))?.push(r);
  const nowIso = now.toISOString();
  await store({ serviceId: service.id, source: 'csv', account: { accountId } }, span, byMonth, null, nowIso);

  const record: CsvUploadRecord = { at: nowIso, byAccountId: a.accountId, fileName: input.fileName, accountId, rows: parsed.rows.length, from: span.from, to: span.to, months: [...byMonth.keys()] };
  const history = await csvUploadHistory(service.id);
  await kvs.set(historyKey(service.id), { uploads: [record, ...history].slice(0, HISTORY_KEPT) });
  // KPIs read the monthly summaries this just rewrote.
  for (const month of record.months) await enqueueKpiRecompute(service.id, month, 'csv-upload', now);
  console.info(`metrics csv ${service.id}: ${record.rows} rows ${span.from}..${span.to} from ${input.fileName.slice(0, 100)}`);
  return { ...base, stored: true, months: record.months, issues: [] };
}
