// Yandex Webmaster v4 connector: per-day search totals (shows, clicks, CTR, average position), pages
// in search, pages removed from search and the SQI as `account` rows; the top queries' daily history
// as `query` rows; plus readers for the site's current problems and its health series (alerts).
import type { z } from 'zod';
import { QuotaError, SourceError } from '../errors';
import { readJson } from '../http';
import { addDays, assertRange, eachDate } from '../shared/dates';
import { YANDEX_TOKEN_URL, refreshWithRefreshToken } from '../shared/oauth';
import { offsetPaging } from '../shared/paging';
import { SourceSession } from '../shared/session';
import type { AccountCallRequest, AccountInfo, DailyRow, FetchDailyRequest, MetricsConnector } from '../types';
import {
  WEBMASTER_BASE,
  WEBMASTER_DEFAULT_QUERY_ROWS,
  WEBMASTER_MAX_QUERY_ROWS,
  WEBMASTER_POPULAR_PAGE_SIZE,
  WEBMASTER_QUOTA_WAIT_MS,
  WEBMASTER_SQI_LOOKBACK_DAYS,
  WEBMASTER_TIME_ZONE,
  hostPath,
} from './constants';
import { mapDiagnostics, mapQueryRows, mapSiteRows, seriesByDay, type SiteProblem } from './parser';
import {
  WmDiagnostics,
  WmError,
  WmHost,
  WmHosts,
  WmIndicatorsHistory,
  WmInSearchHistory,
  WmPopular,
  WmQueryHistory,
  WmSqiHistory,
  WmUser,
  type WmPoint,
} from './schemas';

function session(req: AccountCallRequest): SourceSession {
  return new SourceSession({ ...req, source: 'yandex-webmaster', refresh: (s) => refreshWithRefreshToken(s, YANDEX_TOKEN_URL) });
}

/** Errors are `{error_code, error_message}` whatever the status. */
export function webmasterError(s: SourceSession, status: number, body: unknown, retryAfterHeader?: string | null): Error {
  const parsed = WmError.safeParse(body);
  const code = parsed.success ? parsed.data.error_code : `HTTP_${status}`;
  const message = s.scrub(parsed.success ? (parsed.data.error_message ?? code) : `HTTP ${status}`);
  if (status === 401 || code === 'INVALID_OAUTH_TOKEN' || code === 'EXPIRED_TOKEN') return s.authError('expired', message);
  if (status === 429 || code === 'QUOTA_EXCEEDED' || code === 'TOO_MANY_REQUESTS_ERROR') {
    const hinted = Number(retryAfterHeader);
    return new QuotaError('yandex-webmaster', hinted > 0 ? hinted * 1000 : WEBMASTER_QUOTA_WAIT_MS, 'short-term', code);
  }
  // ACCESS_FORBIDDEN (app lacks the scope), INVALID_USER_ID, HOST_NOT_VERIFIED/INDEXED/LOADED/FOUND:
  // configuration problems that a retry cannot fix.
  return new SourceError('yandex-webmaster', status, code, message, status >= 500);
}

async function getJson<S extends z.ZodType>(s: SourceSession, url: string, schema: S, what: string): Promise<z.infer<S>> {
  return s.call(async (token) => {
    const res = await s.fetch(url, { headers: { Authorization: `OAuth ${token}`, Accept: 'application/json' } });
    const body = await readJson('yandex-webmaster', res);
    if (!res.ok) throw webmasterError(s, res.status, body, res.headers.get('retry-after'));
    const parsed = schema.safeParse(body ?? {});
    if (!parsed.success) throw new SourceError('yandex-webmaster', res.status, 'BAD_RESPONSE', `${what} answered an unexpected shape`, false);
    return parsed.data as z.infer<S>;
  });
}

/** Datetime bounds of whole Moscow days (the parameters are datetimes, not dates). */
export function rangeParams(from: string, to: string): [string, string][] {
  return [
    ['date_from', `${from}T00:00:00+03:00`],
    ['date_to', `${to}T23:59:59+03:00`],
  ];
}

const qs = (pairs: ReadonlyArray<[string, string]>): string => new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString();

/** `GET /user` → the numeric id every other path needs (the id of the token's owner). */
export async function webmasterUserId(s: SourceSession): Promise<string> {
  const u = await getJson(s, `${WEBMASTER_BASE}/user`, WmUser, 'GET /user');
  return String(u.user_id);
}

export async function listHosts(req: AccountCallRequest): Promise<WmHost[]> {
  const s = session(req);
  const user = await webmasterUserId(s);
  return (await getJson(s, `${WEBMASTER_BASE}/user/${encodeURIComponent(user)}/hosts`, WmHosts, 'GET /hosts')).hosts;
}

const TOTAL_INDICATORS: ReadonlyArray<[string, string]> = [
  ['query_indicator', 'TOTAL_SHOWS'],
  ['query_indicator', 'TOTAL_CLICKS'],
  ['query_indicator', 'AVG_SHOW_POSITION'],
];

async function siteSeries(s: SourceSession, base: string, from: string, to: string) {
  const range = rangeParams(from, to);
  const totals = await getJson(s, `${base}/search-queries/all/history?${qs([...TOTAL_INDICATORS, ['device_type_indicator', 'ALL'], ...range])}`, WmIndicatorsHistory, 'search-queries/all/history');
  const inSearch = await getJson(s, `${base}/search-urls/in-search/history?${qs(range)}`, WmInSearchHistory, 'search-urls/in-search/history');
  const events = await getJson(s, `${base}/search-urls/events/history?${qs(range)}`, WmIndicatorsHistory, 'search-urls/events/history');
  const sqi = await getJson(s, `${base}/sqi-history?${qs(rangeParams(addDays(from, -WEBMASTER_SQI_LOOKBACK_DAYS), to))}`, WmSqiHistory, 'sqi-history');
  return { totals: totals.indicators, inSearch: inSearch.history, events: events.indicators, sqi: sqi.points };
}

/** The top `n` queries by shows over the window (offset paging, ≤ 500 per page). */
async function topQueries(s: SourceSession, base: string, from: string, to: string, n: number): Promise<Array<{ id: string; text: string }>> {
  const out: Array<{ id: string; text: string }> = [];
  const pages = offsetPaging({
    start: 0,
    limit: Math.min(WEBMASTER_POPULAR_PAGE_SIZE, n),
    fetch: async (offset, limit) => {
      const p = await getJson(
        s,
        `${base}/search-queries/popular?${qs([['order_by', 'TOTAL_SHOWS'], ['query_indicator', 'TOTAL_SHOWS'], ['device_type_indicator', 'ALL'], ...rangeParams(from, to), ['offset', String(offset)], ['limit', String(limit)]])}`,
        WmPopular,
        'search-queries/popular',
      );
      return { items: p.queries.map((q) => ({ id: String(q.query_id), text: q.query_text })), ...(p.count !== undefined ? { total: p.count } : {}) };
    },
  });
  for await (const page of pages) {
    out.push(...page);
    if (out.length >= n) break;
  }
  return out.slice(0, n);
}

async function* fetchDaily(req: FetchDailyRequest): AsyncGenerator<DailyRow[]> {
  assertRange(req.from, req.to);
  const s = session(req);
  const hostId = req.account.accountId;
  const user = await webmasterUserId(s);
  const base = hostPath(user, hostId);
  const series = await siteSeries(s, base, req.from, req.to);
  yield mapSiteRows(hostId, hostId, eachDate(req.from, req.to), series);

  const n = Math.min(Math.max(0, Math.floor(req.account.settings?.webmasterQueryRows ?? WEBMASTER_DEFAULT_QUERY_ROWS)), WEBMASTER_MAX_QUERY_ROWS);
  if (n === 0) return;
  for (const q of await topQueries(s, base, req.from, req.to, n)) {
    const h = await getJson(s, `${base}/search-queries/${encodeURIComponent(q.id)}/history?${qs([...TOTAL_INDICATORS, ['device_type_indicator', 'ALL'], ...rangeParams(req.from, req.to)])}`, WmQueryHistory, 'search-queries/{id}/history');
    const item = 'queries' in h ? h.queries[0] : h;
    const rows = mapQueryRows(hostId, item?.query_text ?? q.text, item?.indicators ?? {}, req.from, req.to);
    if (rows.length > 0) yield rows;
  }
}

/** The problems Webmaster's diagnostics report now (every state; see `presentProblems`). */
export async function webmasterDiagnostics(req: AccountCallRequest): Promise<SiteProblem[]> {
  const s = session(req);
  const user = await webmasterUserId(s);
  return mapDiagnostics(await getJson(s, `${hostPath(user, req.account.accountId)}/diagnostics`, WmDiagnostics, 'diagnostics'));
}

export interface SiteHealth {
  problems: SiteProblem[];
  /** Pages in search per Moscow day, oldest first. */
  pagesInSearch: Array<{ date: string; value: number }>;
  /** SQI recalculations, oldest first. */
  sqi: Array<{ date: string; value: number }>;
}

const ordered = (points: readonly WmPoint[]): Array<{ date: string; value: number }> => [...seriesByDay(points)].map(([date, value]) => ({ date, value })).sort((a, b) => (a.date < b.date ? -1 : 1));

/** What the site-problem alerts read: diagnostics, pages in search and SQI over [from, to]. */
export async function webmasterSiteHealth(req: AccountCallRequest, from: string, to: string): Promise<SiteHealth> {
  assertRange(from, to);
  const s = session(req);
  const user = await webmasterUserId(s);
  const base = hostPath(user, req.account.accountId);
  const problems = mapDiagnostics(await getJson(s, `${base}/diagnostics`, WmDiagnostics, 'diagnostics'));
  const inSearch = await getJson(s, `${base}/search-urls/in-search/history?${qs(rangeParams(from, to))}`, WmInSearchHistory, 'search-urls/in-search/history');
  const sqi = await getJson(s, `${base}/sqi-history?${qs(rangeParams(from, to))}`, WmSqiHistory, 'sqi-history');
  return { problems, pagesInSearch: ordered(inSearch.history), sqi: ordered(sqi.points) };
}

async function checkAccess(req: AccountCallRequest): Promise<AccountInfo> {
  const s = session(req);
  const user = await webmasterUserId(s);
  const host = await getJson(s, hostPath(user, req.account.accountId), WmHost, 'GET /hosts/{host-id}');
  return { accountId: host.host_id, name: host.host_display_name ?? host.unicode_host_url ?? host.host_id, timeZone: WEBMASTER_TIME_ZONE, currency: null };
}

export const yandexWebmasterConnector: MetricsConnector = {
  source: 'yandex-webmaster',
  // A missing day is data delay or an unindexed site, not zero shows.
  missingDay: 'unknown',
  fetchDaily,
  refreshAccessToken: (req) => refreshWithRefreshToken(session(req), YANDEX_TOKEN_URL),
  checkAccess,
};
