// Fake GA4 Data API runReport: every value a string, dates as YYYYMMDD, `rows` absent when empty,
// rowCount for paging, `(other)` rows with metadata.dataLossFromOtherRow on long ranges, row order
// only when orderBys asks, RESOURCE_EXHAUSTED 429s naming the quota.
import { analyticsDay } from './data';
import { bearer, json, parseJsonBody, type FakeResponse, type FakeService } from './server';

const METRICS: Record<string, string> = { sessions: 'TYPE_INTEGER', totalUsers: 'TYPE_INTEGER', activeUsers: 'TYPE_INTEGER', keyEvents: 'TYPE_FLOAT', conversions: 'TYPE_FLOAT' };
const DIMENSIONS = new Set(['date', 'sessionDefaultChannelGroup']);
/** Ranges longer than this fold small channels into `(other)`. */
const OTHER_AFTER_DAYS = 180;
const SMALL_CHANNELS = new Set(['Email', 'Unassigned', 'Organic Social']);

function gErr(status: number, rpc: string, message: string): FakeResponse {
  return json(status, { error: { code: status, message, status: rpc } }, {}, 'runReport');
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function resolveDate(v: string, today: string): string {
  if (v === 'today') return today;
  if (v === 'yesterday') return addDays(today, -1);
  const m = /^(\d+)daysAgo$/.exec(v);
  return m ? addDays(today, -Number(m[1])) : v;
}

interface Body {
  dateRanges?: Array<{ startDate?: string; endDate?: string }>;
  dimensions?: Array<{ name?: string }>;
  metrics?: Array<{ name?: string }>;
  orderBys?: unknown[];
  limit?: number | string;
  offset?: number | string;
  returnPropertyQuota?: boolean;
}

export const ga4Fake: FakeService = {
  service: 'ga4',
  hosts: ['analyticsdata.googleapis.com'],
  handle(req, { state, seed }) {
    const m = /^\/v1beta\/properties\/(\d+):runReport$/.exec(req.path);
    if (!m || req.method !== 'POST') return gErr(404, 'NOT_FOUND', 'Requested entity was not found.');
    const verdict = state.verdict(bearer(req));
    if (verdict !== 'ok') return gErr(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    const account = state.account('ga4', m[1] ?? '');
    const body = (parseJsonBody(req) ?? {}) as Body;
    const metrics = (body.metrics ?? []).map((x) => x.name ?? '');
    const dims = (body.dimensions ?? []).map((x) => x.name ?? '');
    for (const name of metrics) if (!(name in METRICS)) return gErr(400, 'INVALID_ARGUMENT', `Field ${name} is not a valid metric. For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema`);
    for (const name of dims) if (!DIMENSIONS.has(name)) return gErr(400, 'INVALID_ARGUMENT', `Field ${name} is not a valid dimension.`);
    if (metrics.length === 0) return gErr(400, 'INVALID_ARGUMENT', 'At least one metric is required.');
    const limit = Number(body.limit ?? 10_000);
    const offset = Number(body.offset ?? 0);
    if (!(limit > 0 && limit <= 250_000)) return gErr(400, 'INVALID_ARGUMENT', 'limit must be positive and at most 250000.');
    const today = state.today(account.timeZone);
    const range = body.dateRanges?.[0] ?? {};
    const from = resolveDate(range.startDate ?? '7daysAgo', today);
    const to = resolveDate(range.endDate ?? 'yesterday', today);
    const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
    const fold = days > OTHER_AFTER_DAYS && dims.includes('sessionDefaultChannelGroup');
    const byDate = dims.includes('date');
    const byChannel = dims.includes('sessionDefaultChannelGroup');

    const groups = new Map<string, { date: string; channel: string; sessions: number; users: number; key: number }>();
    for (let d = from; d <= to; d = addDays(d, 1)) {
      for (const c of analyticsDay(seed, account, d)) {
        const channel = byChannel ? (fold && SMALL_CHANNELS.has(c.channel.ga4) ? '(other)' : c.channel.ga4) : '';
        const date = byDate ? d.replace(/-/g, '') : '';
        const k = `${date}|${channel}`;
        const g = groups.get(k) ?? { date, channel, sessions: 0, users: 0, key: 0 };
        g.sessions += c.sessions;
        g.users += c.users;
        g.key += Object.values(c.goals).reduce((a, b) => a + b, 0);
        groups.set(k, g);
      }
    }
    const all = [...groups.values()];
    if (body.orderBys && body.orderBys.length > 0) all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
    else all.sort((a, b) => b.sessions - a.sessions);
    const page = all.slice(offset, offset + limit);
    const out: Record<string, unknown> = {
      dimensionHeaders: dims.map((name) => ({ name })),
      metricHeaders: metrics.map((name) => ({ name, type: METRICS[name] })),
    };
    if (page.length > 0) {
      out.rows = page.map((g) => ({
        dimensionValues: dims.map((d) => ({ value: d === 'date' ? g.date : g.channel })),
        metricValues: metrics.map((name) => ({ value: String(name === 'sessions' ? g.sessions : name === 'keyEvents' || name === 'conversions' ? g.key : g.users) })),
      }));
    }
    out.rowCount = all.length;
    out.metadata = { currencyCode: account.currency, timeZone: account.timeZone, ...(fold ? { dataLossFromOtherRow: true } : {}) };
    if (body.returnPropertyQuota) {
      out.propertyQuota = {
        tokensPerDay: { consumed: 12, remaining: 199_521 },
        tokensPerHour: { consumed: 12, remaining: 39_881 },
        concurrentRequests: { consumed: 0, remaining: 10 },
        serverErrorsPerProjectPerHour: { consumed: 0, remaining: 10 },
        potentiallyThresholdedRequestsPerHour: { consumed: 0, remaining: 120 },
        tokensPerProjectPerHour: { consumed: 12, remaining: 13_986 },
      };
    }
    out.kind = 'analyticsData#runReport';
    return json(200, out, {}, 'runReport');
  },
  fault(f) {
    if (f.kind === 'rate-limit') return { ...gErr(429, 'RESOURCE_EXHAUSTED', 'Exhausted concurrent requests quota.'), headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(f.retryAfterSeconds) } };
    return f.status === 503 ? gErr(503, 'UNAVAILABLE', 'The service is currently unavailable.') : gErr(500, 'INTERNAL', 'Internal error encountered.');
  },
  quota(scope) {
    return scope === 'short-term'
      ? gErr(429, 'RESOURCE_EXHAUSTED', 'Exhausted concurrent requests quota.')
      : gErr(429, 'RESOURCE_EXHAUSTED', 'Exhausted property tokens per day. This property has exceeded its daily quota of tokens.');
  },
};
