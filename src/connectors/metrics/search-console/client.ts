// Search Console connector: clicks, impressions, CTR, position per day (optionally × query or page),
// startRow paging in 25,000-row pages, Pacific-time dates, fresh days flagged partial.
import { QuotaError, SourceError } from '../errors';
import { readJson } from '../http';
import { assertRange } from '../shared/dates';
import { GOOGLE_TOKEN_URL, refreshWithRefreshToken } from '../shared/oauth';
import { offsetPaging } from '../shared/paging';
import { SourceSession } from '../shared/session';
import { GoogleApiError } from '../shared/google-error';
import { emptyRow, type AccountCallRequest, type AccountInfo, type DailyRow, type FetchDailyRequest, type MetricsConnector } from '../types';
import { GSC_MAX_ROWS, GSC_QUOTA_WAIT_MS, GSC_TIME_ZONE, queryUrl } from './constants';
import { GscResponse } from './schemas';

function session(req: AccountCallRequest): SourceSession {
  return new SourceSession({ ...req, source: 'search-console', refresh: (s) => refreshWithRefreshToken(s, GOOGLE_TOKEN_URL) });
}

export function gscError(s: SourceSession, status: number, body: unknown, retryAfterHeader?: string | null): Error {
  const parsed = GoogleApiError.safeParse(body);
  const e = parsed.success ? parsed.data.error : undefined;
  const reason = e?.errors?.[0]?.reason;
  const message = s.scrub(e?.message ?? `HTTP ${status}`);
  if (status === 401) return s.authError('expired', message);
  if (reason === 'quotaExceeded' || reason === 'rateLimitExceeded' || status === 429) {
    const hinted = Number(retryAfterHeader);
    return new QuotaError('search-console', hinted > 0 ? hinted * 1000 : GSC_QUOTA_WAIT_MS, 'short-term', reason ?? 'RESOURCE_EXHAUSTED');
  }
  if (status === 403) {
    // #1 cause: URL-prefix vs sc-domain property form.
    return new SourceError('search-console', status, reason ?? 'forbidden', `${message} (check the property form: "https://www.example.com/" vs "sc-domain:example.com")`, false);
  }
  return new SourceError('search-console', status, reason ?? e?.status ?? `HTTP_${status}`, message, status >= 500);
}

export function gscBody(from: string, to: string, dimension: 'query' | 'page' | undefined, opts: { dataState: 'final' | 'all'; type: string }, startRow: number, rowLimit: number): Record<string, unknown> {
  return {
    startDate: from,
    endDate: to,
    dimensions: dimension ? ['date', dimension] : ['date'],
    type: opts.type,
    aggregationType: 'auto',
    dataState: opts.dataState,
    rowLimit,
    startRow,
  };
}

/** Rows → DailyRows; `keys` follow the request's dimension order. Days ≥ firstIncompleteDate are partial. */
export function mapGscRows(res: GscResponse, siteUrl: string, dimension: 'query' | 'page' | undefined): DailyRow[] {
  const incomplete = res.metadata?.firstIncompleteDate;
  const out: DailyRow[] = [];
  for (const r of res.rows ?? []) {
    const date = r.keys?.[0];
    if (!date) continue;
    const key = r.keys?.[1];
    const dim = dimension && key !== undefined ? { kind: dimension, id: key, name: key } : { kind: 'account' as const, id: siteUrl, name: siteUrl };
    const row = emptyRow('search-console', siteUrl, date, dim);
    row.clicks = r.clicks;
    row.impressions = r.impressions;
    row.ctr = r.ctr;
    row.avgPosition = r.position;
    if (incomplete && date >= incomplete) row.flags = { partial: true };
    out.push(row);
  }
  return out;
}

async function query(s: SourceSession, siteUrl: string, body: Record<string, unknown>): Promise<GscResponse> {
  return s.call(async (token) => {
    const res = await s.fetch(queryUrl(siteUrl), { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const json = await readJson('search-console', res);
    if (!res.ok) throw gscError(s, res.status, json, res.headers.get('retry-after'));
    const parsed = GscResponse.safeParse(json ?? {});
    if (!parsed.success) throw new SourceError('search-console', res.status, 'BAD_RESPONSE', 'searchAnalytics.query answered an unexpected shape', false);
    return parsed.data;
  });
}

async function* fetchDaily(req: FetchDailyRequest): AsyncGenerator<DailyRow[]> {
  assertRange(req.from, req.to);
  const s = session(req);
  const siteUrl = req.account.accountId;
  const dimension = req.account.settings?.gscDimension;
  const opts = { dataState: req.account.settings?.gscDataState ?? 'final', type: req.account.settings?.gscType ?? 'web' } as const;
  const limit = Math.min(Math.max(1, req.pageSize ?? GSC_MAX_ROWS), GSC_MAX_ROWS);
  // No total is returned: page with startRow until a short (or empty) page.
  yield* offsetPaging({
    start: 0,
    limit,
    fetch: async (startRow, rowLimit) => {
      const res = await query(s, siteUrl, gscBody(req.from, req.to, dimension, opts, startRow, rowLimit));
      return { items: mapGscRows(res, siteUrl, dimension), consumed: res.rows?.length ?? 0 };
    },
  });
}

async function checkAccess(req: AccountCallRequest): Promise<AccountInfo> {
  const s = session(req);
  const day = new Date(s.now() - 5 * 86_400_000).toISOString().slice(0, 10);
  await query(s, req.account.accountId, { startDate: day, endDate: day, rowLimit: 1 });
  return { accountId: req.account.accountId, name: req.account.accountId, timeZone: GSC_TIME_ZONE, currency: null };
}

export const searchConsoleConnector: MetricsConnector = {
  source: 'search-console',
  // Missing days may be data delay or anonymised/omitted rows, not zero.
  missingDay: 'unknown',
  fetchDaily,
  refreshAccessToken: (req) => refreshWithRefreshToken(session(req), GOOGLE_TOKEN_URL),
  checkAccess,
};
