// CSV "connector": an uploaded file instead of an API. The whole file is validated before any row is
// yielded, so a bad upload writes nothing; valid rows are then yielded in batches within from..to.
import { ParseError } from '../errors';
import { assertRange } from '../shared/dates';
import type { DailyRow, FetchDailyRequest, MetricsConnector } from '../types';
import { CSV_MAX_BYTES } from './constants';
import { parseCsv } from './parser';

const BATCH = 5000;

async function readUpload(upload: string | ReadableStream<Uint8Array>): Promise<string> {
  if (typeof upload === 'string') {
    if (upload.length > CSV_MAX_BYTES) throw new ParseError('csv', [{ line: 0, message: `the file is larger than ${CSV_MAX_BYTES / 1024 / 1024} MB` }]);
    return upload;
  }
  const reader = upload.getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > CSV_MAX_BYTES) {
      await reader.cancel();
      throw new ParseError('csv', [{ line: 0, message: `the file is larger than ${CSV_MAX_BYTES / 1024 / 1024} MB` }]);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

async function* fetchDaily(req: FetchDailyRequest): AsyncGenerator<DailyRow[]> {
  assertRange(req.from, req.to);
  if (req.upload === undefined) throw new ParseError('csv', [{ line: 0, message: 'no file was uploaded' }]);
  const { rows, issues } = parseCsv(await readUpload(req.upload), { accountId: req.account.accountId, currency: req.account.currency ?? null });
  if (issues.length > 0) throw new ParseError('csv', issues);
  const inRange = rows.filter((r) => r.date >= req.from && r.date <= req.to);
  for (let i = 0; i < inRange.length; i += BATCH) yield inRange.slice(i, i + BATCH);
}

export const csvConnector: MetricsConnector = {
  source: 'csv',
  // An uploaded file says nothing about days it does not list.
  missingDay: 'unknown',
  fetchDaily,
};
