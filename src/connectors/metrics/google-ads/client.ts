// Google Ads connector: daily campaign metrics through `googleAds:searchStream`, streamed batch by batch.
import { SourceError } from '../errors';
import { bodyChunks, readJson } from '../http';
import { assertRange } from '../shared/dates';
import { splitJsonArray } from '../shared/json-stream';
import { intString } from '../shared/numbers';
import { GOOGLE_TOKEN_URL, refreshWithRefreshToken } from '../shared/oauth';
import { SourceSession } from '../shared/session';
import type { AccountBalance, AccountCallRequest, AccountInfo, DailyRow, FetchDailyRequest, MetricsConnector } from '../types';
import { ACCOUNT_BUDGET_QUERY, CUSTOMER_QUERY, customerUrl, dailyCampaignQuery } from './constants';
import { adsError, mapAdsRow } from './parser';
import { AdsBatch, type AdsRow } from './schemas';

function session(req: AccountCallRequest): SourceSession {
  return new SourceSession({ ...req, source: 'google-ads', refresh: (s) => refreshWithRefreshToken(s, GOOGLE_TOKEN_URL) });
}

/** Customer ids go to the API as 10 digits without dashes. */
export function normaliseCustomerId(id: string): string {
  const digits = id.replace(/-/g, '').trim();
  if (!/^\d{10}$/.test(digits)) throw new SourceError('google-ads', 0, 'CONFIG', `customer id must be 10 digits, got "${id}"`, false);
  return digits;
}

function headers(s: SourceSession, token: string): Record<string, string> {
  const h: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' };
  // Optional since the 2026-09-09 developer-token sunset; harmless to send.
  if (s.credentials.developerToken) h['developer-token'] = s.credentials.developerToken;
  const login = s.account.settings?.loginCustomerId;
  if (login) h['login-customer-id'] = login.replace(/-/g, '');
  return h;
}

/** POSTs a query and returns the 200 response (body unread); non-2xx become typed errors. */
async function post(s: SourceSession, customerId: string, method: 'search' | 'searchStream', body: Record<string, unknown>): Promise<Response> {
  return s.call(async (token) => {
    const res = await s.fetch(customerUrl(customerId, method), { method: 'POST', headers: headers(s, token), body: JSON.stringify(body) });
    if (res.ok) return res;
    throw adsError(s, res.status, await readJson('google-ads', res), res.headers.get('request-id'));
  });
}

/** Runs a `:search` query through every page (fixed 10,000 rows per page, `nextPageToken`). */
async function searchAll(s: SourceSession, customerId: string, query: string): Promise<AdsRow[]> {
  const rows: AdsRow[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const res = await post(s, customerId, 'search', pageToken ? { query, pageToken } : { query });
    const parsed = AdsBatch.safeParse(await readJson('google-ads', res));
    if (!parsed.success) throw new SourceError('google-ads', res.status, 'BAD_RESPONSE', 'search page has an unexpected shape', false);
    rows.push(...(parsed.data.results ?? []));
    pageToken = parsed.data.nextPageToken;
    if (!pageToken) return rows;
  }
  return rows;
}

async function* fetchDaily(req: FetchDailyRequest): AsyncGenerator<DailyRow[]> {
  assertRange(req.from, req.to);
  const s = session(req);
  const customerId = normaliseCustomerId(req.account.accountId);
  const res = await post(s, customerId, 'searchStream', { query: dailyCampaignQuery(req.from, req.to) });
  // The body is a JSON array of batches; parse one batch at a time.
  for await (const text of splitJsonArray('google-ads', bodyChunks(res))) {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object' && 'error' in json) throw adsError(s, 500, json, res.headers.get('request-id'));
    const batch = AdsBatch.safeParse(json);
    if (!batch.success) throw new SourceError('google-ads', 200, 'BAD_RESPONSE', 'searchStream batch has an unexpected shape', false);
    // Zero rows: the batch has no `results` key at all.
    const rows: DailyRow[] = [];
    for (const r of batch.data.results ?? []) {
      const row = mapAdsRow(r, req.account.accountId, req.account.currency ?? null);
      if (row) rows.push(row);
    }
    if (rows.length > 0) yield rows;
  }
}

async function checkAccess(req: AccountCallRequest): Promise<AccountInfo> {
  const s = session(req);
  const customerId = normaliseCustomerId(req.account.accountId);
  const [row] = await searchAll(s, customerId, CUSTOMER_QUERY);
  return {
    accountId: customerId,
    name: row?.customer?.descriptiveName ?? null,
    timeZone: row?.customer?.timeZone ?? null,
    currency: row?.customer?.currencyCode ?? null,
  };
}

/** Remaining on approved account budgets (invoiced accounts); null for card-paid or unlimited budgets. */
async function accountBalance(req: AccountCallRequest): Promise<AccountBalance> {
  const s = session(req);
  const customerId = normaliseCustomerId(req.account.accountId);
  const rows = await searchAll(s, customerId, ACCOUNT_BUDGET_QUERY);
  let remaining: bigint | null = null;
  let currency: string | null = req.account.currency ?? null;
  for (const r of rows) {
    const b = r.accountBudget;
    if (!b) continue;
    currency = r.customer?.currencyCode ?? currency;
    if (b.approvedSpendingLimitType === 'INFINITE') return { accountId: customerId, amountMicros: null, currency, vatIncluded: null };
    const limit = intString(b.adjustedSpendingLimitMicros ?? b.approvedSpendingLimitMicros ?? '');
    const served = intString(b.amountServedMicros ?? '0') ?? '0';
    if (limit === null) continue;
    remaining = (remaining ?? 0n) + BigInt(limit) - BigInt(served);
  }
  return { accountId: customerId, amountMicros: remaining === null ? null : remaining.toString(), currency, vatIncluded: null };
}

export const googleAdsConnector: MetricsConnector = {
  source: 'google-ads',
  missingDay: 'zero',
  fetchDaily,
  refreshAccessToken: (req) => refreshWithRefreshToken(session(req), GOOGLE_TOKEN_URL),
  checkAccess,
  accountBalance,
};
