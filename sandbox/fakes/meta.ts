// Fake Meta Graph API (insights): every number a string, spend in currency units, ctr in percent,
// `actions` absent when there are none (and zero action types omitted), no row for days without
// delivery, cursor paging through absolute `paging.next` URLs (a last page may be empty and still be
// linked), async report runs (POST → report_run_id → async_status → results), usage headers,
// sync timeouts (100/1504018) for heavy requests, token errors (190/463, 190/460), throttles (17, 613, 80000).
import { adDay } from './data';
import { bearer, json, type FakeRequest, type FakeResponse, type FakeService } from './server';
import type { FakeAccount, FakeState } from './state';

const PUBLIC = 'https://graph.facebook.com';
const LIVE = new Set(['v25.0', 'v26.0']);
/** Expired but auto-upgraded (header X-Ad-Api-Version-Warning). */
const AUTO_UPGRADED = new Set(['v24.0']);
/** Sync requests over more days than this time out. */
const SYNC_TIMEOUT_DAYS = 93;

let serial = 0;
const trace = (): string => `A${(++serial).toString(36).padStart(8, 'x')}`;

function usageHeaders(account: string, callPct = 3, regainMinutes = 0): Record<string, string> {
  return {
    'x-business-use-case-usage': JSON.stringify({ [account]: [{ type: 'ads_insights', call_count: callPct, total_cputime: 1, total_time: 2, estimated_time_to_regain_access: regainMinutes, ads_api_access_tier: 'standard_access' }] }),
    'x-fb-ads-insights-throttle': JSON.stringify({ app_id_util_pct: 0.0, acc_id_util_pct: callPct, ads_api_access_tier: 'standard_access' }),
    'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: callPct, reset_time_duration: 0, ads_api_access_tier: 'standard_access' }),
    'x-app-usage': JSON.stringify({ call_count: 1, total_cputime: 0, total_time: 1 }),
  };
}

function metaErr(status: number, code: number, message: string, extra: { subcode?: number; transient?: boolean; type?: string } = {}, headers: Record<string, string> = {}): FakeResponse {
  return json(status, {
    error: {
      message,
      type: extra.type ?? 'OAuthException',
      code,
      ...(extra.subcode !== undefined ? { error_subcode: extra.subcode } : {}),
      is_transient: extra.transient ?? false,
      fbtrace_id: trace(),
    },
  }, headers, 'graph');
}

function token(req: FakeRequest): string | null {
  return bearer(req) ?? req.query.get('access_token');
}

function authError(verdict: string): FakeResponse {
  if (verdict === 'expired') return metaErr(400, 190, 'Error validating access token: Session has expired on Friday, 20-Nov-26 10:00:00 PST.', { subcode: 463 });
  if (verdict === 'revoked') return metaErr(400, 190, 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.', { subcode: 460 });
  return metaErr(400, 190, 'Invalid OAuth access token - Cannot parse access token', { subcode: 467 });
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function spendText(micros: bigint): string {
  const cents = micros / 10_000n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

function insightRows(seed: number, account: FakeAccount, since: string, until: string, fields: string[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const start = since < account.startDate ? account.startDate : since;
  for (let d = start; d <= until; d = addDays(d, 1)) {
    for (const c of account.campaigns) {
      const day = adDay(seed, account, c, d);
      if (!day) continue; // no delivery → no row
      const actions: Array<{ action_type: string; value: string }> = [];
      const linkClicks = Math.floor(day.clicks * 0.87);
      if (linkClicks > 0) actions.push({ action_type: 'link_click', value: String(linkClicks) });
      const leads = Math.floor(day.conversions);
      if (leads > 0) {
        actions.push({ action_type: 'lead', value: String(leads) });
        actions.push({ action_type: 'onsite_conversion.lead_grouped', value: String(leads) });
      }
      if (day.clicks > 0) actions.push({ action_type: 'page_engagement', value: String(day.clicks + linkClicks) });
      const all: Record<string, unknown> = {
        campaign_id: c.id,
        campaign_name: c.name,
        account_currency: account.currency,
        spend: spendText(day.costMicros),
        impressions: String(day.impressions),
        clicks: String(day.clicks),
        ctr: day.impressions > 0 ? ((day.clicks / day.impressions) * 100).toFixed(6) : '0',
        cpc: day.clicks > 0 ? (Number(day.costMicros) / 1e6 / day.clicks).toFixed(6) : undefined,
        reach: String(Math.round(day.impressions * 0.71)),
        // Missing (not empty) when the row has no actions.
        actions: actions.length > 0 ? actions : undefined,
      };
      const row: Record<string, unknown> = {};
      for (const f of fields) if (all[f] !== undefined) row[f] = all[f];
      row.date_start = d;
      row.date_stop = d;
      out.push(row);
    }
  }
  return out;
}

function pageOf(rows: Array<Record<string, unknown>>, req: FakeRequest, pathForNext: string, headers: Record<string, string>): FakeResponse {
  const limit = Math.max(1, Math.min(Number(req.query.get('limit') ?? 25) || 25, 5000));
  const after = req.query.get('after');
  const offset = after ? Number(Buffer.from(after, 'base64').toString('utf8')) || 0 : 0;
  const data = rows.slice(offset, offset + limit);
  const body: Record<string, unknown> = { data };
  const paging: Record<string, unknown> = {
    cursors: { before: Buffer.from(String(offset)).toString('base64'), after: Buffer.from(String(offset + limit)).toString('base64') },
  };
  // `<=`: when the data ends exactly on a page boundary, the next link leads to an empty last page.
  if (offset + limit <= rows.length && data.length > 0) {
    const q = new URLSearchParams(req.query);
    q.set('after', Buffer.from(String(offset + limit)).toString('base64'));
    paging.next = `${PUBLIC}${pathForNext}?${q.toString()}`;
  }
  if (data.length > 0 || offset > 0) body.paging = paging;
  return json(200, body, headers, 'insights');
}

function params(req: FakeRequest): URLSearchParams {
  const p = new URLSearchParams(req.query);
  if (req.method === 'POST' && req.body) for (const [k, v] of new URLSearchParams(req.body)) p.set(k, v);
  return p;
}

function handle(req: FakeRequest, state: FakeState, seed: number): FakeResponse {
  const m = /^\/(v\d+\.\d+)(\/.*)$/.exec(req.path);
  if (!m) return metaErr(400, 2500, 'Unknown path components', { type: 'OAuthException' });
  const version = m[1] ?? '';
  const rest = m[2] ?? '';
  if (!LIVE.has(version) && !AUTO_UPGRADED.has(version)) return metaErr(400, 2635, `(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: v26.0.`);
  const warn: Record<string, string> = AUTO_UPGRADED.has(version) ? { 'x-ad-api-version-warning': `The call has been auto-upgraded to v25.0 as ${version} is deprecated.` } : {};

  if (rest === '/oauth/access_token') {
    const p = params(req);
    const v = state.verdict(p.get('fb_exchange_token'));
    if (v !== 'ok') return authError(v);
    if (!p.get('client_id') || !p.get('client_secret')) return metaErr(400, 101, 'Error validating application. Invalid application ID.');
    return json(200, { access_token: state.issueAccessToken('EAAfake'), token_type: 'bearer', expires_in: 5_183_944 }, {}, 'oauth');
  }
  const verdict = state.verdict(token(req));
  if (verdict !== 'ok') return authError(verdict);

  const acct = /^\/act_(\d+)(\/insights)?$/.exec(rest);
  if (acct) {
    const account = state.account('meta', acct[1] ?? '');
    const actPath = `act_${account.id}`;
    const n = (state.progress.get(`meta-usage:${actPath}`) ?? 0) + 1;
    state.progress.set(`meta-usage:${actPath}`, n);
    const headers = { ...usageHeaders(actPath, Math.min(60, 2 + (n % 40))), ...warn };
    if (!acct[2]) {
      return json(200, { id: actPath, account_id: account.id, name: account.name, currency: account.currency, timezone_name: account.timeZone }, headers, 'ad-account');
    }
    const p = params(req);
    const range = JSON.parse(p.get('time_range') ?? 'null') as { since?: string; until?: string } | null;
    if (!range?.since || !range.until) return metaErr(400, 100, '(#100) Must specify time_range or date_preset', { type: 'OAuthException' }, headers);
    if (p.get('level') && !['account', 'campaign', 'adset', 'ad'].includes(p.get('level') ?? '')) return metaErr(400, 100, '(#100) level must be one of account, campaign, adset, ad', {}, headers);
    if (req.method === 'POST') {
      const id = `60230${(++serial).toString().padStart(10, '0')}`;
      state.jobs.set(id, { account: account.id, since: range.since, until: range.until, fields: p.get('fields') ?? '' });
      return json(200, { report_run_id: id }, headers, 'insights-async');
    }
    const days = Math.round((Date.parse(`${range.until}T00:00:00Z`) - Date.parse(`${range.since}T00:00:00Z`)) / 86_400_000) + 1;
    if (days > SYNC_TIMEOUT_DAYS && p.get('time_increment') === '1') {
      return metaErr(400, 100, "Please reduce the amount of data you're asking for, then retry your request", { subcode: 1504018, transient: false }, headers);
    }
    const rows = insightRows(seed, account, range.since, range.until, (p.get('fields') ?? '').split(','));
    return pageOf(rows, req, `/${version}${rest}`, headers);
  }

  const run = /^\/(\d+)(\/insights)?$/.exec(rest);
  const job = run ? state.jobs.get(run[1] ?? '') : undefined;
  if (run && job) {
    const id = run[1] ?? '';
    const account = state.account('meta', job.account ?? '');
    const headers = { ...usageHeaders(`act_${account.id}`), ...warn };
    if (!run[2]) {
      const step = state.progress.get(`meta-run:${id}`) ?? 0;
      state.progress.set(`meta-run:${id}`, step + 1);
      const [status, pct] = step === 0 ? ['Job Not Started', 0] : step === 1 ? ['Job Running', 50] : ['Job Completed', 100];
      return json(200, {
        id, account_id: account.id, async_status: status, async_percent_completion: pct,
        date_start: job.since, date_stop: job.until, is_running: status !== 'Job Completed', time_ref: 1_700_000_000 + serial,
        ...(status === 'Job Completed' ? { time_completed: 1_700_000_100 + serial } : {}),
      }, headers, 'report-run');
    }
    if ((state.progress.get(`meta-run:${id}`) ?? 0) < 3) return metaErr(400, 100, '(#100) The report is not ready yet', {}, headers);
    const rows = insightRows(seed, account, job.since ?? '', job.until ?? '', (job.fields ?? '').split(','));
    return pageOf(rows, req, `/${version}${rest}`, headers);
  }
  return metaErr(400, 100, `(#100) Unsupported get request. Object with ID '${rest.slice(1)}' does not exist`, { type: 'GraphMethodException', subcode: 33 });
}

export const metaFake: FakeService = {
  service: 'meta',
  hosts: ['graph.facebook.com'],
  handle: (req, { state, seed }) => handle(req, state, seed),
  fault(f) {
    if (f.kind === 'rate-limit') return metaErr(400, 17, '(#17) User request limit reached', { subcode: 2446079, transient: true }, usageHeaders('act_0', 100, 0));
    return f.status === 503
      ? metaErr(503, 2, 'An unexpected error has occurred. Please retry your request later.', { transient: true })
      : metaErr(500, 1, 'An unknown error occurred', { transient: true });
  },
  quota(scope) {
    return scope === 'short-term'
      ? metaErr(400, 613, '(#613) Calls to this api have exceeded the rate limit.', { subcode: 1487742, transient: true }, usageHeaders('act_0', 100, 0))
      : metaErr(400, 80000, 'There have been too many calls from this ad-account. Wait a bit and try again.', { transient: true }, usageHeaders('act_0', 100, 60));
  },
};
