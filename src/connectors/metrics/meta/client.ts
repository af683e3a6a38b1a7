// Meta insights connector: campaign × day rows with time_increment=1, cursor paging through
// `paging.next`, async report runs (POST → report_run_id → poll async_status → paged results) for
// long ranges or when a sync call times out, usage headers respected between pages.
import { QuotaError, ReportNotReadyError, SourceError } from '../errors';
import { formBody, readJson } from '../http';
import { assertRange, dayCount } from '../shared/dates';
import { cursorPaging } from '../shared/paging';
import { SourceSession } from '../shared/session';
import type { AccessToken, AccountCallRequest, AccountInfo, DailyRow, FetchDailyRequest, MetricsConnector } from '../types';
import {
  META_DEFAULT_CONVERSION_ACTIONS,
  META_DEFAULT_POLL_BUDGET_MS,
  META_GRAPH_BASE,
  META_INSIGHTS_FIELDS,
  META_PAGE_SIZE,
  META_POLL_MS,
  META_SYNC_MAX_DAYS,
  adAccountPath,
} from './constants';
import { isSyncTimeout, mapMetaRow, metaError, readUsage } from './parser';
import { MetaAccount, MetaAsyncRun, MetaAsyncStatus, MetaInsightsPage, MetaToken } from './schemas';

// Meta tokens are long-lived (system user) or exchanged explicitly; no refresh-token flow here.
const session = (req: AccountCallRequest): SourceSession => new SourceSession({ ...req, source: 'meta' });

export function insightsParams(from: string, to: string, limit: number): Record<string, string> {
  return {
    level: 'campaign',
    fields: META_INSIGHTS_FIELDS.join(','),
    time_range: JSON.stringify({ since: from, until: to }),
    time_increment: '1',
    use_account_attribution_setting: 'true',
    limit: String(limit),
  };
}

/** GET/POST with the token in the Authorization header (never in URLs we build). */
async function graph(s: SourceSession, url: string, init: { method?: string; body?: string } = {}): Promise<{ json: unknown; headers: Headers }> {
  return s.call(async (token) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (init.body) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await s.fetch(url, { method: init.method ?? 'GET', headers, ...(init.body ? { body: init.body } : {}) });
    const json = await readJson('meta', res);
    if (!res.ok || (json && typeof json === 'object' && 'error' in json)) throw metaError(s, res.status, json, res.headers);
    return { json, headers: res.headers };
  });
}

/** Slows down at ≥75 % of the hourly budget and pauses at ≥95 % (or hands back a QuotaError). */
async function respectUsage(s: SourceSession, headers: Headers): Promise<void> {
  const u = readUsage(headers);
  if (u.pct >= 95) {
    const wait = Math.max(u.regainMinutes * 60_000, 60_000);
    if (wait > 60_000) throw new QuotaError('meta', wait, 'long-term', 'BUC_USAGE');
    await s.sleep(wait, s.signal);
  } else if (u.pct >= 75) {
    await s.sleep(2_000, s.signal);
  }
}

async function* pages(s: SourceSession, firstUrl: string, map: (json: MetaInsightsPage) => DailyRow[]): AsyncGenerator<DailyRow[]> {
  const it = cursorPaging<{ page: MetaInsightsPage; headers: Headers }, string>({
    fetch: async (cursor) => {
      const { json, headers } = await graph(s, cursor ?? firstUrl);
      const parsed = MetaInsightsPage.safeParse(json);
      if (!parsed.success) throw new SourceError('meta', 200, 'BAD_RESPONSE', 'insights page has an unexpected shape', false);
      return { page: parsed.data, headers };
    },
    // `paging.next` is the only reliable end signal; a page may be empty and still have it.
    next: (p) => p.page.paging?.next,
  });
  for await (const { page, headers } of it) {
    const rows = map(page);
    if (rows.length > 0) yield rows;
    if (page.paging?.next) await respectUsage(s, headers);
  }
}

async function submitAsync(s: SourceSession, account: string, from: string, to: string, limit: number): Promise<string> {
  const { json } = await graph(s, `${META_GRAPH_BASE}/${account}/insights`, { method: 'POST', body: formBody(insightsParams(from, to, limit)) });
  const run = MetaAsyncRun.safeParse(json);
  if (!run.success) throw new SourceError('meta', 200, 'BAD_RESPONSE', 'async insights did not return report_run_id', false);
  return run.data.report_run_id;
}

/** Polls a report run until `Job Completed`, within the budget. */
async function waitForRun(s: SourceSession, runId: string, budgetMs: number): Promise<void> {
  const started = s.now();
  for (;;) {
    const { json } = await graph(s, `${META_GRAPH_BASE}/${runId}`);
    const st = MetaAsyncStatus.safeParse(json);
    if (!st.success) throw new SourceError('meta', 200, 'BAD_RESPONSE', 'report run status has an unexpected shape', false);
    const status = st.data.async_status;
    if (status === 'Job Completed') return;
    if (status === 'Job Failed' || status === 'Job Skipped') {
      throw new SourceError('meta', 200, 'ASYNC_JOB_FAILED', `report run ${runId}: ${status}; resubmit later`, true);
    }
    if (s.now() - started + META_POLL_MS > budgetMs) throw new ReportNotReadyError('meta', META_POLL_MS, runId);
    await s.sleep(META_POLL_MS, s.signal);
  }
}

async function* fetchDaily(req: FetchDailyRequest): AsyncGenerator<DailyRow[]> {
  assertRange(req.from, req.to);
  const s = session(req);
  const account = adAccountPath(req.account.accountId);
  const limit = Math.min(Math.max(1, req.pageSize ?? META_PAGE_SIZE), 5000);
  const types = req.account.settings?.conversionActionTypes ?? META_DEFAULT_CONVERSION_ACTIONS;
  const map = (p: MetaInsightsPage): DailyRow[] => p.data.map((r) => mapMetaRow(r, account, req.account.currency ?? null, types));
  const budget = req.pollBudgetMs ?? META_DEFAULT_POLL_BUDGET_MS;

  let runId = req.resumeHandle;
  if (!runId && dayCount(req.from, req.to) <= META_SYNC_MAX_DAYS) {
    const url = `${META_GRAPH_BASE}/${account}/insights?${new URLSearchParams(insightsParams(req.from, req.to, limit)).toString()}`;
    let yielded = false;
    try {
      for await (const rows of pages(s, url, map)) {
        yielded = true;
        yield rows;
      }
      return;
    } catch (e) {
      // A sync call that times out before any page was read goes async instead.
      if (yielded || !isSyncTimeout(e)) throw e;
    }
  }
  runId ??= await submitAsync(s, account, req.from, req.to, limit);
  await waitForRun(s, runId, budget);
  yield* pages(s, `${META_GRAPH_BASE}/${runId}/insights?limit=${limit}`, map);
}

async function checkAccess(req: AccountCallRequest): Promise<AccountInfo> {
  const s = session(req);
  const account = adAccountPath(req.account.accountId);
  const { json } = await graph(s, `${META_GRAPH_BASE}/${account}?fields=name,currency,timezone_name`);
  const a = MetaAccount.safeParse(json);
  if (!a.success) throw new SourceError('meta', 200, 'BAD_RESPONSE', 'ad account has an unexpected shape', false);
  return { accountId: account, name: a.data.name ?? null, timeZone: a.data.timezone_name ?? null, currency: a.data.currency ?? null };
}

/** Exchanges a still-valid user token for a long-lived one (system-user tokens never need this). */
async function refreshAccessToken(req: AccountCallRequest): Promise<AccessToken> {
  const s = session(req);
  const { clientId, clientSecret, accessToken } = req.credentials;
  if (!clientId || !clientSecret || !accessToken) throw s.authError('missing', 'app id/secret and a current token are needed to extend a Meta token');
  const params = new URLSearchParams({ grant_type: 'fb_exchange_token', client_id: clientId, client_secret: clientSecret, fb_exchange_token: accessToken });
  const res = await s.fetch(`${META_GRAPH_BASE}/oauth/access_token?${params.toString()}`, { method: 'GET' });
  const json = await readJson('meta', res);
  if (!res.ok) throw metaError(s, res.status, json, res.headers);
  const t = MetaToken.safeParse(json);
  if (!t.success) throw new SourceError('meta', res.status, 'BAD_RESPONSE', 'token exchange answered without access_token', false);
  const token = { accessToken: t.data.access_token, expiresAt: s.now() + (t.data.expires_in ?? 60 * 86_400) * 1000 };
  await req.onTokenRefreshed?.(token);
  return token;
}

export const metaConnector: MetricsConnector = {
  source: 'meta',
  missingDay: 'zero',
  fetchDaily,
  refreshAccessToken,
  checkAccess,
};
