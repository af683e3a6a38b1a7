// GA4 connector: sessions, users and key events per day × default channel group via runReport,
// offset paging by rowCount, YYYYMMDD dates, string values, `(other)` / thresholding / sampling flags.
import { QuotaError, SourceError } from '../errors';
import { readJson } from '../http';
import { assertRange, compactToIso, todayIn } from '../shared/dates';
import { toNumber } from '../shared/numbers';
import { GOOGLE_TOKEN_URL, refreshWithRefreshToken } from '../shared/oauth';
import { offsetPaging } from '../shared/paging';
import { SourceSession } from '../shared/session';
import { emptyRow, type AccountCallRequest, type AccountInfo, type DailyRow, type FetchDailyRequest, type MetricsConnector, type RowFlags } from '../types';
import { GA4_MAX_PAGE_SIZE, GA4_ORGANIC_CHANNEL, GA4_OTHER, GA4_PAGE_SIZE, runReportUrl } from './constants';
import { Ga4Report, GoogleApiError } from './schemas';

function session(req: AccountCallRequest): SourceSession {
  return new SourceSession({ ...req, source: 'ga4', refresh: (s) => refreshWithRefreshToken(s, GOOGLE_TOKEN_URL) });
}

/** "properties/123" or "123" → "123". */
export function normalisePropertyId(id: string): string {
  const m = /^(?:properties\/)?(\d+)$/.exec(id.trim());
  if (!m?.[1]) throw new SourceError('ga4', 0, 'CONFIG', `property id must be numeric, got "${id}"`, false);
  return m[1];
}

function msUntilNextHour(now: number): number {
  return 3_600_000 - (now % 3_600_000);
}

function msUntilPacificMidnight(now: number): number {
  // Walk forward to the next date change in Los Angeles (quotas reset at midnight Pacific).
  const today = todayIn('America/Los_Angeles', now);
  let lo = now;
  let hi = now + 25 * 3_600_000;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2);
    if (todayIn('America/Los_Angeles', mid) === today) lo = mid;
    else hi = mid;
  }
  return hi - now;
}

/** GA4 429 is RESOURCE_EXHAUSTED for every quota: the message says which one. */
export function ga4Error(s: SourceSession, status: number, body: unknown, retryAfterHeader?: string | null): Error {
  const parsed = GoogleApiError.safeParse(body);
  const e = parsed.success ? parsed.data.error : undefined;
  const code = e?.status ?? `HTTP_${status}`;
  const message = s.scrub(e?.message ?? `HTTP ${status}`);
  if (status === 401 || code === 'UNAUTHENTICATED') return s.authError('expired', message);
  if (status === 429 || code === 'RESOURCE_EXHAUSTED') {
    const m = message.toLowerCase();
    const hinted = Number(retryAfterHeader);
    if (m.includes('concurrent')) return new QuotaError('ga4', hinted > 0 ? hinted * 1000 : 2_000, 'short-term', 'RESOURCE_EXHAUSTED.concurrent');
    if (m.includes('per day') || m.includes('daily')) return new QuotaError('ga4', msUntilPacificMidnight(s.now()), 'long-term', 'RESOURCE_EXHAUSTED.daily');
    return new QuotaError('ga4', msUntilNextHour(s.now()), 'long-term', 'RESOURCE_EXHAUSTED.hourly');
  }
  return new SourceError('ga4', status, code, message, status >= 500);
}

export function reportBody(from: string, to: string, offset: number, limit: number): Record<string, unknown> {
  return {
    dateRanges: [{ startDate: from, endDate: to }],
    dimensions: [{ name: 'date' }, { name: 'sessionDefaultChannelGroup' }],
    metrics: [{ name: 'sessions' }, { name: 'totalUsers' }, { name: 'keyEvents' }],
    // Row order must be asked for, never assumed.
    orderBys: [{ dimension: { dimensionName: 'date' } }, { dimension: { dimensionName: 'sessionDefaultChannelGroup' } }],
    limit,
    offset,
    keepEmptyRows: false,
    returnPropertyQuota: true,
  };
}

export interface Ga4Mapped {
  rows: DailyRow[];
  /** Rows that could not be dated (an `(other)` date): their totals are lost to daily rows. */
  undated: number;
}

/** Maps rows by header name (never by position assumptions about metrics). */
export function mapGa4Report(report: Ga4Report, propertyId: string): Ga4Mapped {
  const dimNames = (report.dimensionHeaders ?? []).map((h) => h.name);
  const metNames = (report.metricHeaders ?? []).map((h) => h.name);
  const di = dimNames.indexOf('date');
  const ci = dimNames.indexOf('sessionDefaultChannelGroup');
  const si = metNames.indexOf('sessions');
  const ui = metNames.indexOf('totalUsers');
  const ki = metNames.indexOf('keyEvents');
  const md = report.metadata;
  const flags: RowFlags = {};
  if (md?.dataLossFromOtherRow || md?.subjectToThresholding) flags.dataLoss = true;
  const sm = md?.samplingMetadatas?.[0];
  if (sm?.samplesReadCount && sm.samplingSpaceSize) {
    flags.sampled = true;
    flags.sampleShare = Number(sm.samplesReadCount) / Number(sm.samplingSpaceSize);
  }
  const hasFlags = Object.keys(flags).length > 0;
  let undated = 0;
  const rows: DailyRow[] = [];
  for (const r of report.rows ?? []) {
    const dims = r.dimensionValues ?? [];
    const mets = r.metricValues ?? [];
    const date = compactToIso(dims[di]?.value ?? '');
    if (!date) {
      undated++; // e.g. an `(other)` row folded across dates
      continue;
    }
    const channel = ci >= 0 ? (dims[ci]?.value ?? '(not set)') : 'all';
    const row = emptyRow('ga4', propertyId, date, { kind: 'channel', id: channel, name: channel });
    row.sessions = si >= 0 ? toNumber(mets[si]?.value) : null;
    row.users = ui >= 0 ? toNumber(mets[ui]?.value) : null;
    row.conversions = ki >= 0 ? toNumber(mets[ki]?.value) : null;
    row.organicSessions = row.sessions === null ? null : channel === GA4_ORGANIC_CHANNEL ? row.sessions : 0;
    if (hasFlags || channel === GA4_OTHER) row.flags = channel === GA4_OTHER ? { ...flags, dataLoss: true } : { ...flags };
    rows.push(row);
  }
  return { rows, undated };
}

async function runReport(s: SourceSession, propertyId: string, body: Record<string, unknown>): Promise<Ga4Report> {
  // Server errors are themselves quota-limited (10/hour): retry them only twice.
  return s.call(async (token) => {
    const res = await s.fetch(runReportUrl(propertyId), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const json = await readJson('ga4', res);
    if (!res.ok) throw ga4Error(s, res.status, json, res.headers.get('retry-after'));
    const parsed = Ga4Report.safeParse(json ?? {});
    if (!parsed.success) throw new SourceError('ga4', res.status, 'BAD_RESPONSE', 'runReport answered an unexpected shape', false);
    return parsed.data;
  }, { maxAttempts: 3 });
}

async function* fetchDaily(req: FetchDailyRequest): AsyncGenerator<DailyRow[]> {
  assertRange(req.from, req.to);
  const s = session(req);
  const propertyId = normalisePropertyId(req.account.accountId);
  const limit = Math.min(Math.max(1, req.pageSize ?? GA4_PAGE_SIZE), GA4_MAX_PAGE_SIZE);
  yield* offsetPaging({
    start: 0,
    limit,
    fetch: async (offset, lim) => {
      const report = await runReport(s, propertyId, reportBody(req.from, req.to, offset, lim));
      const mapped = mapGa4Report(report, req.account.accountId);
      // Undated rows still count as read, so paging by rowCount stays exact.
      return { items: mapped.rows, total: report.rowCount ?? 0, consumed: report.rows?.length ?? 0 };
    },
  });
}

async function checkAccess(req: AccountCallRequest): Promise<AccountInfo> {
  const s = session(req);
  const propertyId = normalisePropertyId(req.account.accountId);
  const report = await runReport(s, propertyId, { dateRanges: [{ startDate: 'yesterday', endDate: 'yesterday' }], metrics: [{ name: 'sessions' }], limit: 1 });
  return { accountId: propertyId, name: null, timeZone: report.metadata?.timeZone ?? null, currency: report.metadata?.currencyCode ?? null };
}

export const ga4Connector: MetricsConnector = {
  source: 'ga4',
  missingDay: 'zero',
  fetchDaily,
  refreshAccessToken: (req) => refreshWithRefreshToken(session(req), GOOGLE_TOKEN_URL),
  checkAccess,
};
