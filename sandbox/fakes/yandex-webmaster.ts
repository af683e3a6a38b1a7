// Fake Yandex Webmaster API v4 (api.webmaster.yandex.net): `Authorization: OAuth <token>`, a numeric
// user id that every path must repeat (else 403 INVALID_USER_ID), host ids like `https:site.example:443`,
// Moscow-offset datetimes in two spellings (`…T00:00:00,000+0300` and `…T00:00:00.000+03:00` in the
// per-query history), errors as {error_code, error_message}. Data is seeded by (seed, host, date) and
// follows one calendar for every host so the demo period shows each kind of alert:
//   2026-09-08..2026-09-21  SSL_CERTIFICATE_ERROR (CRITICAL) present, then absent
//   2026-10-06..2026-10-19  pages in search fall to 55 % (sharp drop), then recover
//   2026-10-01..2026-10-28  the SQI recalculations come out 30 % lower, then recover
//   2026-11-02..2026-11-04  DNS_ERROR (FATAL) present, then absent
// Two lesser problems (a recommendation and a possible problem) are present all along.
import { createHash } from 'node:crypto';
import { hashString } from '../core/rng';
import { isActive, queryText, rngFor, searchDay } from './data';
import { bearer, json, type FakeResponse, type FakeService } from './server';
import type { FakeAccount, FakeState } from './state';

const SOURCE = 'yandex-webmaster' as const;
const ZONE = 'Europe/Moscow';

export const WEBMASTER_DEMO_CALENDAR = {
  ssl: { from: '2026-09-08', to: '2026-09-21' },
  pagesDrop: { from: '2026-10-06', to: '2026-10-19', factor: 0.55 },
  sqiDrop: { from: '2026-10-01', to: '2026-10-28', factor: 0.7 },
  dns: { from: '2026-11-02', to: '2026-11-04' },
} as const;

function err(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): FakeResponse {
  return json(status, { error_code: code, error_message: message, ...extra }, headers, code);
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The two spellings Yandex uses for the same Moscow midnight. */
const stamp = (day: string): string => `${day}T00:00:00,000+0300`;
const stampIso = (day: string): string => `${day}T00:00:00.000+03:00`;

/** The user id of a token's owner (stable per token). */
export function webmasterUserIdOf(token: string): number {
  return 100_000_000 + (hashString(`wm-user:${token}`) % 800_000_000);
}

export const queryIdOf = (text: string): string => createHash('sha1').update(text).digest('hex').slice(0, 16);

/** The day from a `date_from`/`date_to` parameter (a datetime or a date). */
function dayParam(v: string | null): string | null {
  const m = v ? /^(\d{4}-\d{2}-\d{2})/.exec(v) : null;
  return m?.[1] ?? null;
}

function range(req: { query: URLSearchParams }, today: string, defaultDays: number): { from: string; to: string } {
  const to = dayParam(req.query.get('date_to')) ?? today;
  const from = dayParam(req.query.get('date_from')) ?? addDays(to, -(defaultDays - 1));
  return { from, to };
}

function* daysOf(from: string, to: string): Generator<string> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

const within = (day: string, w: { from: string; to: string }): boolean => day >= w.from && day <= w.to;

/** Pages in search on a day (the drop window takes the count down sharply). */
export function pagesInSearchOn(seed: number, a: FakeAccount, day: string): number | null {
  if (!isActive(a, day)) return null;
  const r = rngFor(seed, SOURCE, a.id, 'pages', day);
  const base = 1200 * a.scale + (hashString(a.id) % 400);
  const trend = 1 + (Date.parse(`${day}T00:00:00Z`) - Date.parse('2026-01-01T00:00:00Z')) / (365 * 86_400_000) * 0.1;
  const drop = within(day, WEBMASTER_DEMO_CALENDAR.pagesDrop) ? WEBMASTER_DEMO_CALENDAR.pagesDrop.factor : 1;
  return Math.round(base * trend * drop * (0.99 + r.next() * 0.02));
}

/** SQI recalculations: every other Wednesday, in steps of 10. */
export function sqiPoints(seed: number, a: FakeAccount, from: string, to: string): Array<{ day: string; value: number }> {
  const out: Array<{ day: string; value: number }> = [];
  // 2024-01-03 was a Wednesday; points every 14 days from there.
  const epoch = Date.parse('2024-01-03T00:00:00Z');
  const start = Date.parse(`${from}T00:00:00Z`);
  let t = epoch + Math.max(0, Math.ceil((start - epoch) / (14 * 86_400_000))) * 14 * 86_400_000;
  for (; ; t += 14 * 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > to) break;
    if (!isActive(a, day)) continue;
    const r = rngFor(seed, SOURCE, a.id, 'sqi', day);
    // Between recalculations the index moves by at most one step (< 10 %), so only the calendar's drop alerts.
    const base = 150 * a.scale + (hashString(a.id) % 5) * 10 + Math.floor(r.next() * 2) * 10;
    const drop = within(day, WEBMASTER_DEMO_CALENDAR.sqiDrop) ? WEBMASTER_DEMO_CALENDAR.sqiDrop.factor : 1;
    out.push({ day, value: Math.max(10, Math.round((base * drop) / 10) * 10) });
  }
  return out;
}

interface Problem {
  severity: 'FATAL' | 'CRITICAL' | 'POSSIBLE_PROBLEM' | 'RECOMMENDATION';
  state: 'PRESENT' | 'ABSENT';
  since: string;
}

/** The diagnostics Webmaster shows on `today`. */
export function problemsOn(today: string): Record<string, Problem> {
  const c = WEBMASTER_DEMO_CALENDAR;
  const windowed = (severity: Problem['severity'], w: { from: string; to: string }): Problem | null => {
    if (today < w.from) return null;
    return today <= w.to ? { severity, state: 'PRESENT', since: w.from } : { severity, state: 'ABSENT', since: addDays(w.to, 1) };
  };
  const out: Record<string, Problem> = {
    NO_SITEMAP_MODIFICATIONS: { severity: 'RECOMMENDATION', state: 'PRESENT', since: '2026-06-01' },
    DOCUMENTS_MISSING_DESCRIPTION: { severity: 'POSSIBLE_PROBLEM', state: 'PRESENT', since: '2026-05-12' },
  };
  const ssl = windowed('CRITICAL', c.ssl);
  if (ssl) out.SSL_CERTIFICATE_ERROR = ssl;
  const dns = windowed('FATAL', c.dns);
  if (dns) out.DNS_ERROR = dns;
  return out;
}

interface QueryDay {
  text: string;
  shows: number;
  clicks: number;
  position: number;
}

/** The site's queries on a day (data of the last day arrives a day late). */
function queriesOn(seed: number, a: FakeAccount, day: string): QueryDay[] {
  return searchDay(seed, a, day, 'query').map((r) => ({ text: r.key, shows: r.impressions, clicks: r.clicks, position: r.position }));
}

function hostUrl(hostId: string): string {
  const [scheme, host, port] = hostId.split(':');
  const dflt = (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80');
  return `${scheme}://${host}${dflt ? '' : `:${port}`}/`;
}

function hostView(a: FakeAccount) {
  return { host_id: a.id, ascii_host_url: hostUrl(a.id), unicode_host_url: hostUrl(a.id), verified: true, main_mirror: null };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function indicatorsOf(rows: Array<{ day: string; q: QueryDay[] }>, wanted: string[], iso: boolean): Record<string, Array<{ date: string; value: number }>> {
  const out: Record<string, Array<{ date: string; value: number }>> = {};
  for (const ind of wanted) out[ind] = [];
  for (const { day, q } of rows) {
    if (q.length === 0) continue;
    const shows = q.reduce((s, x) => s + x.shows, 0);
    const clicks = q.reduce((s, x) => s + x.clicks, 0);
    const pos = shows > 0 ? q.reduce((s, x) => s + x.position * x.shows, 0) / shows : 0;
    const date = iso ? stampIso(day) : stamp(day);
    for (const ind of wanted) {
      const value = ind === 'TOTAL_SHOWS' ? shows : ind === 'TOTAL_CLICKS' ? clicks : ind === 'AVG_SHOW_POSITION' ? round2(pos) : ind === 'AVG_CLICK_POSITION' && clicks > 0 ? round2(pos * 0.9) : null;
      if (value !== null) out[ind]?.push({ date, value });
    }
  }
  return out;
}

const INDICATORS = new Set(['TOTAL_SHOWS', 'TOTAL_CLICKS', 'AVG_SHOW_POSITION', 'AVG_CLICK_POSITION']);

function wantedIndicators(req: { query: URLSearchParams }): string[] | FakeResponse {
  const list = req.query.getAll('query_indicator');
  for (const i of list) if (!INDICATORS.has(i)) return err(400, 'FIELD_VALIDATION_ERROR', `unknown query_indicator ${i}`, { field_name: 'query_indicator', field_value: i });
  return list.length > 0 ? list : ['TOTAL_SHOWS', 'TOTAL_CLICKS', 'AVG_SHOW_POSITION', 'AVG_CLICK_POSITION'];
}

function handleHost(hostPath: string, a: FakeAccount, req: Parameters<FakeService['handle']>[0], state: FakeState, seed: number): FakeResponse {
  const today = state.today(ZONE);
  // Search data of a day arrives the next day.
  const lastDay = addDays(today, -1);
  const clip = (r: { from: string; to: string }): { from: string; to: string } => ({ from: r.from, to: r.to < lastDay ? r.to : lastDay });
  if (hostPath === '' || hostPath === '/') return json(200, { ...hostView(a), host_data_status: 'OK', host_display_name: a.name }, {}, 'host');
  if (hostPath === '/summary') {
    const pages = pagesInSearchOn(seed, a, lastDay) ?? 0;
    const problems = problemsOn(today);
    const counts: Record<string, number> = {};
    for (const p of Object.values(problems)) if (p.state === 'PRESENT') counts[p.severity] = (counts[p.severity] ?? 0) + 1;
    const sqi = sqiPoints(seed, a, addDays(today, -20), today).at(-1)?.value ?? 0;
    return json(200, { sqi, excluded_pages_count: Math.round(pages * 0.18), searchable_pages_count: pages, site_problems: counts }, {}, 'summary');
  }
  if (hostPath === '/diagnostics') {
    const problems = problemsOn(today);
    return json(200, { problems: Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, { severity: p.severity, state: p.state, last_state_update: stamp(p.since) }])) }, {}, 'diagnostics');
  }
  if (hostPath === '/search-urls/in-search/history') {
    const r = clip(range(req, today, 1));
    const history = [...daysOf(r.from, r.to)].flatMap((d) => {
      const v = pagesInSearchOn(seed, a, d);
      return v === null ? [] : [{ date: stamp(d), value: v }];
    });
    return json(200, { history }, {}, 'in-search/history');
  }
  if (hostPath === '/search-urls/events/history') {
    const r = clip(range(req, today, 1));
    const appeared: Array<{ date: string; value: number }> = [];
    const removed: Array<{ date: string; value: number }> = [];
    for (const d of daysOf(r.from, r.to)) {
      const cur = pagesInSearchOn(seed, a, d);
      const prev = pagesInSearchOn(seed, a, addDays(d, -1));
      if (cur === null) continue;
      const churn = Math.floor(rngFor(seed, SOURCE, a.id, 'churn', d).next() * 25);
      const delta = prev === null ? 0 : cur - prev;
      appeared.push({ date: stamp(d), value: churn + Math.max(0, delta) });
      removed.push({ date: stamp(d), value: churn + Math.max(0, -delta) });
    }
    return json(200, { indicators: { APPEARED_IN_SEARCH: appeared, REMOVED_FROM_SEARCH: removed } }, {}, 'events/history');
  }
  if (hostPath === '/sqi-history') {
    const r = range(req, today, 366);
    return json(200, { points: sqiPoints(seed, a, r.from, r.to < today ? r.to : today).map((p) => ({ date: stamp(p.day), value: p.value })) }, {}, 'sqi-history');
  }
  if (hostPath === '/search-queries/all/history') {
    const wanted = wantedIndicators(req);
    if (!Array.isArray(wanted)) return wanted;
    const r = clip(range(req, today, 7));
    const rows = [...daysOf(r.from, r.to)].map((day) => ({ day, q: queriesOn(seed, a, day) }));
    return json(200, { indicators: indicatorsOf(rows, wanted, false) }, {}, 'search-queries/all/history');
  }
  if (hostPath === '/search-queries/popular') {
    const orderBy = req.query.get('order_by');
    if (orderBy !== 'TOTAL_SHOWS' && orderBy !== 'TOTAL_CLICKS') return err(400, 'FIELD_VALIDATION_ERROR', 'order_by is required: TOTAL_SHOWS or TOTAL_CLICKS', { field_name: 'order_by', field_value: orderBy ?? '' });
    const wanted = wantedIndicators(req);
    if (!Array.isArray(wanted)) return wanted;
    const limit = Number(req.query.get('limit') ?? '500');
    const offset = Number(req.query.get('offset') ?? '0');
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) return err(400, 'FIELD_VALIDATION_ERROR', 'limit must be 1..500', { field_name: 'limit', field_value: String(limit) });
    if (!Number.isInteger(offset) || offset < 0) return err(400, 'FIELD_VALIDATION_ERROR', 'offset must be ≥ 0', { field_name: 'offset', field_value: String(offset) });
    const r = clip(range(req, today, 7));
    const agg = new Map<string, { shows: number; clicks: number; posSum: number }>();
    for (const day of daysOf(r.from, r.to)) {
      for (const q of queriesOn(seed, a, day)) {
        const x = agg.get(q.text) ?? { shows: 0, clicks: 0, posSum: 0 };
        x.shows += q.shows;
        x.clicks += q.clicks;
        x.posSum += q.position * q.shows;
        agg.set(q.text, x);
      }
    }
    const key = orderBy === 'TOTAL_SHOWS' ? 'shows' : 'clicks';
    const all = [...agg.entries()].sort((x, y) => y[1][key] - x[1][key] || (x[0] < y[0] ? -1 : 1)).slice(0, 3000);
    const queries = all.slice(offset, offset + limit).map(([text, x]) => {
      const indicators: Record<string, number> = {};
      if (wanted.includes('TOTAL_SHOWS')) indicators.TOTAL_SHOWS = x.shows;
      if (wanted.includes('TOTAL_CLICKS')) indicators.TOTAL_CLICKS = x.clicks;
      if (wanted.includes('AVG_SHOW_POSITION') && x.shows > 0) indicators.AVG_SHOW_POSITION = round2(x.posSum / x.shows);
      // Undefined values are omitted: no clicks → no average click position.
      if (wanted.includes('AVG_CLICK_POSITION') && x.clicks > 0) indicators.AVG_CLICK_POSITION = round2((x.posSum / x.shows) * 0.9);
      return { query_id: queryIdOf(text), query_text: text, indicators };
    });
    return json(200, { queries, date_from: r.from, date_to: r.to, count: all.length }, {}, 'search-queries/popular');
  }
  const qh = /^\/search-queries\/([^/]+)\/history$/.exec(hostPath);
  if (qh) {
    const wanted = wantedIndicators(req);
    if (!Array.isArray(wanted)) return wanted;
    const id = decodeURIComponent(qh[1] ?? '');
    let text: string | null = null;
    for (let i = 0; i < a.queries && text === null; i++) if (queryIdOf(queryText(i)) === id) text = queryText(i);
    if (text === null) return err(404, 'QUERY_NOT_FOUND', `query ${id} not found`);
    const r = clip(range(req, today, 7));
    const rows = [...daysOf(r.from, r.to)].map((day) => ({ day, q: queriesOn(seed, a, day).filter((q) => q.text === text) }));
    return json(200, { query_id: id, query_text: text, indicators: indicatorsOf(rows, wanted, true) }, {}, 'search-queries/{id}/history');
  }
  return err(404, 'RESOURCE_NOT_FOUND', `no such resource ${hostPath}`);
}

export const yandexWebmasterFake: FakeService = {
  service: SOURCE,
  hosts: ['api.webmaster.yandex.net'],
  handle(req, { state, seed }) {
    if (req.method !== 'GET') return err(405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported here`);
    const token = bearer(req, 'oauth');
    const verdict = state.verdict(token);
    if (verdict !== 'ok' || !token) return err(401, 'INVALID_OAUTH_TOKEN', verdict === 'missing' ? 'OAuth token is missing' : `OAuth token is ${verdict}`);
    const uid = webmasterUserIdOf(token);
    if (req.path === '/v4/user' || req.path === '/v4/user/') return json(200, { user_id: uid }, {}, 'user');
    const m = /^\/v4\/user\/([^/]+)\/hosts(?:\/([^/]+)(\/.*)?)?$/.exec(req.path);
    if (!m) return err(404, 'RESOURCE_NOT_FOUND', `no such resource ${req.path}`);
    if (m[1] !== String(uid)) return err(403, 'INVALID_USER_ID', `Invalid user id. ${uid} should be used.`, { available_user_id: uid });
    if (m[2] === undefined) return json(200, { hosts: state.accountsOf(SOURCE).map(hostView) }, {}, 'hosts');
    const hostId = decodeURIComponent(m[2]);
    if (!/^https?:[^:]+:\d+$/.test(hostId)) return err(400, 'INVALID_HOST_ID', `host id ${hostId} is not of the form scheme:host:port`);
    const a = state.account(SOURCE, hostId);
    return handleHost(m[3] ?? '', a, req, state, seed);
  },
  fault(f) {
    if (f.kind === 'rate-limit') return err(429, 'TOO_MANY_REQUESTS_ERROR', 'Too many requests', {}, { 'retry-after': String(f.retryAfterSeconds) });
    return err(f.status, 'INTERNAL_ERROR', 'Internal error, try again later');
  },
  quota(scope) {
    return scope === 'short-term' ? err(429, 'TOO_MANY_REQUESTS_ERROR', 'Too many requests', {}, { 'retry-after': '2' }) : err(429, 'QUOTA_EXCEEDED', 'Daily request quota exceeded');
  },
};
