// Fake Search Console searchAnalytics.query (served from www.googleapis.com and
// searchconsole.googleapis.com): Pacific-time days, data delay (final ≈ 3 days, `all` adds fresh days
// with metadata.firstIncompleteDate), rows sorted by clicks, no `rows` key when empty, a dimensionless
// query → one row without keys, rowLimit ≤ 25,000 with startRow paging, property-form permission errors.
import { searchDay } from './data';
import { bearer, json, parseJsonBody, type FakeResponse, type FakeService } from './server';
import type { FakeState } from './state';

function gErr(status: number, rpc: string, message: string, reason?: string, headers: Record<string, string> = {}): FakeResponse {
  return json(status, { error: { code: status, message, status: rpc, ...(reason ? { errors: [{ reason, domain: 'usageLimits', message }] } : {}) } }, headers, 'searchAnalytics.query');
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** A URL-prefix property must end with '/'; a domain property is `sc-domain:host`. */
function permitted(state: FakeState, siteUrl: string): boolean {
  if (!/^(https?:\/\/[^/]+\/.*|sc-domain:[^/]+)$/.test(siteUrl)) return false;
  const host = siteUrl.startsWith('sc-domain:') ? siteUrl.slice(10) : (/^https?:\/\/(?:www\.)?([^/]+)\//.exec(siteUrl)?.[1] ?? '');
  // If the other form of the same site is the registered property, this form has no access.
  const other = siteUrl.startsWith('sc-domain:') ? [`https://www.${host}/`, `https://${host}/`] : [`sc-domain:${host.replace(/^www\./, '')}`];
  return state.find('search-console', siteUrl) !== undefined || !other.some((o) => state.find('search-console', o) !== undefined);
}

interface Body {
  startDate?: string;
  endDate?: string;
  dimensions?: string[];
  dataState?: string;
  rowLimit?: number;
  startRow?: number;
}

export const searchConsoleFake: FakeService = {
  service: 'search-console',
  hosts: ['www.googleapis.com', 'searchconsole.googleapis.com'],
  handle(req, { state, seed }) {
    const m = /^\/webmasters\/v3\/sites\/([^/]+)\/searchAnalytics\/query$/.exec(req.path);
    if (!m || req.method !== 'POST') return gErr(404, 'NOT_FOUND', 'Not Found');
    if (state.verdict(bearer(req)) !== 'ok') return gErr(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    const siteUrl = decodeURIComponent(m[1] ?? '');
    if (!permitted(state, siteUrl)) return gErr(403, 'PERMISSION_DENIED', `User does not have sufficient permission for site '${siteUrl}'. See also: https://support.google.com/webmasters/answer/2451999.`, 'forbidden');
    const account = state.account('search-console', siteUrl);
    const body = (parseJsonBody(req) ?? {}) as Body;
    if (!body.startDate || !body.endDate) return gErr(400, 'INVALID_ARGUMENT', 'startDate and endDate are required.', 'invalid');
    const rowLimit = body.rowLimit ?? 1000;
    if (rowLimit < 1 || rowLimit > 25_000) return gErr(400, 'INVALID_ARGUMENT', 'rowLimit must be between 1 and 25000.', 'invalid');
    const startRow = body.startRow ?? 0;
    const dims = body.dimensions ?? [];
    const today = state.today(account.timeZone);
    const fresh = body.dataState === 'all' || body.dataState === 'hourly_all';
    const lastDay = addDays(today, fresh ? -1 : -3);
    const firstIncomplete = addDays(today, -2);
    const by: 'query' | 'page' = dims.includes('page') ? 'page' : 'query';
    const byDate = dims.includes('date');
    const byKey = dims.includes('query') || dims.includes('page');

    const agg = new Map<string, { keys: string[]; clicks: number; impressions: number; posSum: number }>();
    const end = body.endDate < lastDay ? body.endDate : lastDay;
    for (let d = body.startDate; d <= end; d = addDays(d, 1)) {
      for (const r of searchDay(seed, account, d, by)) {
        const keys = dims.map((dim) => (dim === 'date' ? d : r.key));
        const k = keys.join('\u0000');
        const a = agg.get(k) ?? { keys, clicks: 0, impressions: 0, posSum: 0 };
        a.clicks += r.clicks;
        a.impressions += r.impressions;
        a.posSum += r.position * r.impressions;
        agg.set(k, a);
      }
    }
    const all = [...agg.values()].sort((x, y) => y.clicks - x.clicks || y.impressions - x.impressions || (x.keys.join() < y.keys.join() ? -1 : 1));
    const page = all.slice(startRow, startRow + rowLimit);
    const out: Record<string, unknown> = {};
    if (page.length > 0) {
      out.rows = page.map((a) => ({
        ...(dims.length > 0 ? { keys: a.keys } : {}),
        clicks: a.clicks,
        impressions: a.impressions,
        ctr: a.impressions > 0 ? a.clicks / a.impressions : 0,
        position: a.impressions > 0 ? Math.round((a.posSum / a.impressions) * 100) / 100 : 0,
      }));
    }
    out.responseAggregationType = byKey && by === 'page' ? 'byPage' : 'byProperty';
    if (fresh && byDate && body.endDate >= firstIncomplete) out.metadata = { firstIncompleteDate: firstIncomplete };
    return json(200, out, {}, 'searchAnalytics.query');
  },
  fault(f) {
    if (f.kind === 'rate-limit') return gErr(429, 'RESOURCE_EXHAUSTED', 'Rate limit exceeded.', 'rateLimitExceeded', { 'retry-after': String(f.retryAfterSeconds) });
    return f.status === 503 ? gErr(503, 'UNAVAILABLE', 'The service is currently unavailable.') : gErr(500, 'INTERNAL', 'Internal error encountered.', 'backendError');
  },
  quota(scope) {
    return scope === 'short-term'
      ? gErr(429, 'RESOURCE_EXHAUSTED', 'Search Analytics QPM quota exceeded.', 'rateLimitExceeded')
      : gErr(403, 'PERMISSION_DENIED', 'Search Analytics load quota exceeded.', 'quotaExceeded');
  },
};
