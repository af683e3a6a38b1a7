// Yandex Metrica connector: visits, users and goal reaches per day × traffic source (organic = source
// id `organic`), 1-based offset paging, sampling surfaced as row flags, quarter-sized requests.
import { QuotaError, SourceError } from '../errors';
import { readJson } from '../http';
import { assertRange, splitRange } from '../shared/dates';
import { YANDEX_TOKEN_URL, refreshWithRefreshToken } from '../shared/oauth';
import { offsetPaging } from '../shared/paging';
import { SourceSession } from '../shared/session';
import { emptyRow, type AccountCallRequest, type AccountInfo, type DailyRow, type FetchDailyRequest, type MetricsConnector } from '../types';
import { METRICA_DATA_URL, METRICA_MAX_DAYS_PER_REQUEST, METRICA_MAX_GOALS, METRICA_MAX_PAGE_SIZE, METRICA_PAGE_SIZE, ORGANIC_SOURCE_ID } from './constants';
import { MetricaData, MetricaError } from './schemas';

function session(req: AccountCallRequest): SourceSession {
  return new SourceSession({ ...req, source: 'yandex-metrica', refresh: (s) => refreshWithRefreshToken(s, YANDEX_TOKEN_URL) });
}

export function metricaError(s: SourceSession, status: number, body: unknown): Error {
  const parsed = MetricaError.safeParse(body);
  const first = parsed.success ? parsed.data.errors?.[0] : undefined;
  const type = first?.error_type ?? `HTTP_${status}`;
  const message = s.scrub(first?.message ?? (parsed.success ? parsed.data.message : undefined) ?? `HTTP ${status}`);
  if (status === 401 || type === 'unauthorized') return s.authError('expired', message);
  // RU docs say 429, EN docs say 420: both are quota.
  if (status === 429 || status === 420 || type === 'quota') {
    const m = message.toLowerCase();
    if (m.includes('day') || m.includes('daily')) return new QuotaError('yandex-metrica', msUntilGmtMidnight(s.now()), 'long-term', 'quota.daily');
    if (m.includes('5 min') || m.includes('five minutes')) return new QuotaError('yandex-metrica', 5 * 60_000, 'short-term', 'quota.5min');
    return new QuotaError('yandex-metrica', 2_000, 'short-term', 'quota.parallel');
  }
  return new SourceError('yandex-metrica', status, type, message, status >= 500 || type === 'backend_error');
}

function msUntilGmtMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - now;
}

export interface MetricaQuery {
  counterId: string;
  from: string;
  to: string;
  goalIds: string[];
  attribution: string;
}

export function metricaParams(q: MetricaQuery, offset: number, limit: number): URLSearchParams {
  const metrics = ['ym:s:visits', 'ym:s:users', ...q.goalIds.map((g) => `ym:s:goal${g}reaches`)];
  return new URLSearchParams({
    ids: q.counterId,
    metrics: metrics.join(','),
    dimensions: `ym:s:date,ym:s:${q.attribution}TrafficSource`,
    date1: q.from,
    date2: q.to,
    sort: 'ym:s:date',
    accuracy: 'full',
    limit: String(limit),
    offset: String(offset),
    lang: 'en',
  });
}

/** One response's rows → DailyRows. Metric values are doubles and may be null. */
export function mapMetricaRows(data: MetricaData, counterId: string, goalIds: string[]): DailyRow[] {
  const flags = data.sampled ? { sampled: true, ...(data.sample_share !== undefined ? { sampleShare: data.sample_share } : {}) } : undefined;
  return data.data.flatMap((r) => {
    const date = r.dimensions[0]?.name;
    const src = r.dimensions[1];
    if (!date) return [];
    const id = src?.id !== undefined && src.id !== null ? String(src.id) : (src?.name ?? 'undefined');
    const row = emptyRow('yandex-metrica', counterId, date, { kind: 'channel', id, name: src?.name ?? id });
    const visits = r.metrics[0] ?? null;
    row.sessions = visits;
    row.users = r.metrics[1] ?? null;
    row.organicSessions = visits === null ? null : id === ORGANIC_SOURCE_ID ? visits : 0;
    if (goalIds.length > 0) {
      const reaches: Record<string, number> = {};
      let total: number | null = null;
      goalIds.forEach((g, i) => {
        const v = r.metrics[2 + i];
        if (v === null || v === undefined) return;
        reaches[g] = v;
        total = (total ?? 0) + v;
      });
      row.goalReaches = reaches;
      row.conversions = total;
    }
    if (flags) row.flags = flags;
    return [row];
  });
}

async function getPage(s: SourceSession, q: MetricaQuery, offset: number, limit: number): Promise<MetricaData> {
  return s.call(async (token) => {
    const res = await s.fetch(`${METRICA_DATA_URL}?${metricaParams(q, offset, limit).toString()}`, { headers: { Authorization: `OAuth ${token}`, Accept: 'application/json' } });
    const body = await readJson('yandex-metrica', res);
    if (!res.ok) throw metricaError(s, res.status, body);
    const parsed = MetricaData.safeParse(body);
    if (!parsed.success) throw new SourceError('yandex-metrica', res.status, 'BAD_RESPONSE', 'stat/v1/data answered an unexpected shape', false);
    return parsed.data;
  });
}

async function* fetchDaily(req: FetchDailyRequest): AsyncGenerator<DailyRow[]> {
  assertRange(req.from, req.to);
  const s = session(req);
  const goalIds = (req.account.settings?.goalIds ?? []).slice(0, METRICA_MAX_GOALS);
  const attribution = req.account.settings?.attribution ?? 'lastsign';
  const limit = Math.min(Math.max(1, req.pageSize ?? METRICA_PAGE_SIZE), METRICA_MAX_PAGE_SIZE);
  for (const w of splitRange(req.from, req.to, METRICA_MAX_DAYS_PER_REQUEST)) {
    const q: MetricaQuery = { counterId: req.account.accountId, from: w.from, to: w.to, goalIds, attribution };
    const pages = offsetPaging({
      start: 1, // Metrica offsets are 1-based
      limit,
      fetch: async (offset, lim) => {
        const data = await getPage(s, q, offset, lim);
        // A rounded total is approximate: page until a short page instead.
        return { items: mapMetricaRows(data, q.counterId, goalIds), ...(data.total_rows_rounded ? {} : { total: data.total_rows }) };
      },
    });
    for await (const rows of pages) yield rows;
  }
}

async function checkAccess(req: AccountCallRequest): Promise<AccountInfo> {
  const s = session(req);
  const today = new Date(s.now()).toISOString().slice(0, 10);
  await getPage(s, { counterId: req.account.accountId, from: today, to: today, goalIds: [], attribution: 'lastsign' }, 1, 1);
  return { accountId: req.account.accountId, name: null, timeZone: req.account.timeZone ?? null, currency: null };
}

export const yandexMetricaConnector: MetricsConnector = {
  source: 'yandex-metrica',
  missingDay: 'zero',
  fetchDaily,
  refreshAccessToken: (req) => refreshWithRefreshToken(session(req), YANDEX_TOKEN_URL),
  checkAccess,
};
