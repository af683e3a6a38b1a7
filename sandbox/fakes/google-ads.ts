// Fake Google Ads REST API: `googleAds:searchStream` (JSON array of ≤10,000-row batches, streamed),
// `googleAds:search` (pages with nextPageToken), a small GAQL reader, GoogleAdsFailure errors.
// Quirks: int64 as strings, zero rows → a batch without `results`, searchStream errors wrapped in an
// array, sunset versions answer an HTML 404 page, `DURING` only with the fixed literal list.
import { adDay } from './data';
import { bearer, json, parseJsonBody, type FakeResponse, type FakeService } from './server';
import type { FakeAccount, FakeState } from './state';

const LIVE_VERSIONS = new Set(['v23', 'v24', 'v25', 'v26']);
const BATCH_ROWS = 10_000;
const DURING = new Set([
  'TODAY', 'YESTERDAY', 'LAST_7_DAYS', 'LAST_14_DAYS', 'LAST_30_DAYS', 'THIS_MONTH', 'LAST_MONTH', 'LAST_BUSINESS_WEEK',
  'THIS_WEEK_SUN_TODAY', 'THIS_WEEK_MON_TODAY', 'LAST_WEEK_SUN_SAT', 'LAST_WEEK_MON_SUN',
]);
const FIELDS: Record<string, Set<string>> = {
  campaign: new Set([
    'segments.date', 'customer.id', 'customer.currency_code', 'customer.time_zone', 'customer.descriptive_name', 'campaign.id', 'campaign.name',
    'campaign.status', 'campaign.resource_name', 'metrics.impressions', 'metrics.clicks', 'metrics.cost_micros', 'metrics.conversions',
    'metrics.conversions_value', 'metrics.ctr', 'metrics.average_cpc',
  ]),
  customer: new Set(['customer.id', 'customer.descriptive_name', 'customer.currency_code', 'customer.time_zone', 'customer.resource_name']),
  account_budget: new Set([
    'account_budget.id', 'account_budget.status', 'account_budget.approved_spending_limit_micros', 'account_budget.approved_spending_limit_type',
    'account_budget.adjusted_spending_limit_micros', 'account_budget.amount_served_micros', 'account_budget.total_adjustments_micros',
    'account_budget.approved_start_date_time', 'account_budget.approved_end_date_time', 'customer.currency_code',
  ]),
};

let requestSerial = 0;
const requestId = (): string => `fakeReq${(++requestSerial).toString(36).padStart(6, '0')}`;

function adsFailure(version: string, httpStatus: number, rpcStatus: string, topMessage: string, errors: Array<{ errorCode: Record<string, string>; message: string; details?: unknown }>): Record<string, unknown> {
  return {
    error: {
      code: httpStatus,
      message: topMessage,
      status: rpcStatus,
      details: [{ '@type': `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`, errors, requestId: requestId() }],
    },
  };
}

/** searchStream wraps errors in an array; search does not. */
function errorResponse(stream: boolean, status: number, body: Record<string, unknown>, operation: string): FakeResponse {
  return json(status, stream ? [body] : body, { 'request-id': requestId() }, operation);
}

function htmlNotFound(): FakeResponse {
  return { status: 404, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: '<!DOCTYPE html>\n<html lang=en><title>Error 404 (Not Found)!!1</title><p><b>404.</b> <ins>That’s an error.</ins></html>', operation: 'sunset-version' };
}

const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

interface Gaql {
  fields: string[];
  resource: string;
  from?: string;
  to?: string;
  during?: string;
}

function parseGaql(q: string): Gaql | { error: string; code: string } {
  const m = /^\s*SELECT\s+([\s\S]+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+([\s\S]+?))?(?:\s+ORDER\s+BY\s+[\s\S]+?)?(?:\s+LIMIT\s+\d+)?\s*$/i.exec(q);
  if (!m) return { code: 'queryError', error: 'QUERY_ERROR' };
  const fields = (m[1] ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  const resource = (m[2] ?? '').toLowerCase();
  const known = FIELDS[resource];
  if (!known) return { code: 'queryError', error: 'INVALID_RESOURCE_NAME' };
  for (const f of fields) if (!known.has(f)) return { code: 'queryError', error: 'UNRECOGNIZED_FIELD' };
  const where = m[3] ?? '';
  const between = /segments\.date\s+BETWEEN\s+'(\d{4}-\d{2}-\d{2})'\s+AND\s+'(\d{4}-\d{2}-\d{2})'/i.exec(where);
  const during = /segments\.date\s+DURING\s+(\w+)/i.exec(where);
  if (during && !DURING.has((during[1] ?? '').toUpperCase())) return { code: 'queryError', error: 'INVALID_VALUE_WITH_DURING_OPERATOR' };
  return { fields, resource, ...(between ? { from: between[1], to: between[2] } : {}), ...(during ? { during: (during[1] ?? '').toUpperCase() } : {}) };
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function duringRange(literal: string, today: string): { from: string; to: string } {
  switch (literal) {
    case 'TODAY':
      return { from: today, to: today };
    case 'YESTERDAY':
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case 'LAST_14_DAYS':
      return { from: addDays(today, -14), to: addDays(today, -1) };
    case 'LAST_30_DAYS':
      return { from: addDays(today, -30), to: addDays(today, -1) };
    case 'THIS_MONTH':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'LAST_MONTH': {
      const first = `${today.slice(0, 8)}01`;
      const lastPrev = addDays(first, -1);
      return { from: `${lastPrev.slice(0, 8)}01`, to: lastPrev };
    }
    default:
      return { from: addDays(today, -7), to: addDays(today, -1) };
  }
}

function* dates(from: string, to: string): Generator<string> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

/** Builds a nested row with only the selected fields, keys in lowerCamelCase. */
function pick(fields: string[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const f of fields) {
    const v = values[f];
    if (v === undefined) continue;
    const [res, ...rest] = f.split('.');
    const resKey = camel(res ?? '');
    const fieldKey = camel(rest.join('.'));
    (out[resKey] ??= {})[fieldKey] = v;
  }
  return out;
}

function* campaignRows(seed: number, account: FakeAccount, q: Gaql, range: { from: string; to: string }): Generator<Record<string, unknown>> {
  const from = range.from < account.startDate ? account.startDate : range.from;
  for (const date of dates(from, range.to)) {
    for (const c of account.campaigns) {
      const d = adDay(seed, account, c, date);
      if (!d) continue; // no activity → no row (fill the spine yourself)
      const values: Record<string, unknown> = {
        'segments.date': date,
        'customer.id': account.id,
        'customer.currency_code': account.currency,
        'customer.time_zone': account.timeZone,
        'customer.descriptive_name': account.name,
        'campaign.resource_name': `customers/${account.id}/campaigns/${c.id}`,
        'campaign.id': c.id,
        'campaign.name': c.name,
        'campaign.status': 'ENABLED',
        'metrics.impressions': String(d.impressions),
        'metrics.clicks': String(d.clicks),
        'metrics.cost_micros': d.costMicros.toString(),
        'metrics.conversions': d.conversions,
        // Absent rather than zero: conversionsValue when 0, ctr with 0 impressions, averageCpc with 0 clicks.
        'metrics.conversions_value': d.conversions > 0 ? d.conversions * 1500 : undefined,
        'metrics.ctr': d.impressions > 0 ? d.clicks / d.impressions : undefined,
        'metrics.average_cpc': d.clicks > 0 ? Number(d.costMicros) / d.clicks : undefined,
      };
      const row = pick(q.fields, values);
      if (row.campaign) (row.campaign as Record<string, unknown>).resourceName = `customers/${account.id}/campaigns/${c.id}`;
      yield row;
    }
  }
}

function resultRows(seed: number, state: FakeState, account: FakeAccount, q: Gaql): Generator<Record<string, unknown>> | Array<Record<string, unknown>> {
  if (q.resource === 'customer') {
    return [pick(q.fields, { 'customer.id': account.id, 'customer.descriptive_name': account.name, 'customer.currency_code': account.currency, 'customer.time_zone': account.timeZone, 'customer.resource_name': `customers/${account.id}` })];
  }
  if (q.resource === 'account_budget') {
    if (!account.budgetLimitMicros) return [];
    const today = state.today(account.timeZone);
    let served = 0n;
    for (const d of dates(account.startDate, addDays(today, -1))) for (const c of account.campaigns) served += adDay(seed, account, c, d)?.costMicros ?? 0n;
    return [pick(q.fields, {
      'account_budget.id': '9001',
      'account_budget.status': 'APPROVED',
      'account_budget.approved_spending_limit_micros': account.budgetLimitMicros,
      'account_budget.adjusted_spending_limit_micros': account.budgetLimitMicros,
      'account_budget.amount_served_micros': served.toString(),
      'account_budget.total_adjustments_micros': '0',
      'customer.currency_code': account.currency,
    })];
  }
  const today = state.today(account.timeZone);
  const range = q.during ? duringRange(q.during, today) : { from: q.from ?? today, to: q.to ?? today };
  return campaignRows(seed, account, q, range);
}

function* streamBatches(rows: Iterable<Record<string, unknown>>, fieldMask: string, reqId: string): Generator<string> {
  yield '[';
  let batch: Array<Record<string, unknown>> = [];
  let first = true;
  const emit = (last: boolean): string => {
    const b: Record<string, unknown> = {};
    if (batch.length > 0) b.results = batch; // zero rows: no `results` key at all
    b.fieldMask = fieldMask;
    b.requestId = reqId;
    if (last) b.queryResourceConsumption = '412';
    const text = `${first ? '' : ','}${JSON.stringify(b)}`;
    first = false;
    batch = [];
    return text;
  };
  for (const r of rows) {
    batch.push(r);
    if (batch.length === BATCH_ROWS) yield emit(false);
  }
  if (batch.length > 0 || first) yield emit(true);
  else yield `,${JSON.stringify({ fieldMask, requestId: reqId, queryResourceConsumption: '412' })}`;
  yield ']';
}

export const googleAdsFake: FakeService = {
  service: 'google-ads',
  hosts: ['googleads.googleapis.com'],
  handle(req, { state, seed }) {
    const m = /^\/(v\d+)\/customers\/([^/]+)\/googleAds:(search|searchStream)$/.exec(req.path);
    const list = /^\/(v\d+)\/customers:listAccessibleCustomers$/.exec(req.path);
    const version = (m ?? list)?.[1];
    if (!version || !LIVE_VERSIONS.has(version)) return htmlNotFound();
    const stream = m?.[3] === 'searchStream';
    const op = list ? 'listAccessibleCustomers' : (m?.[3] ?? 'unknown');

    const token = bearer(req);
    const verdict = state.verdict(token);
    if (verdict !== 'ok') {
      const code = verdict === 'expired' ? 'OAUTH_TOKEN_EXPIRED' : verdict === 'revoked' ? 'OAUTH_TOKEN_REVOKED' : 'AUTHENTICATION_ERROR';
      return errorResponse(stream, 401, adsFailure(version, 401, 'UNAUTHENTICATED', 'Request is missing required authentication credential. Expected OAuth 2 access token.', [
        { errorCode: { authenticationError: code }, message: 'Authentication of the request failed.' },
      ]), op);
    }
    if (list) return json(200, { resourceNames: ['customers/1234567890'] }, {}, op);
    if (req.method !== 'POST' || !m) return json(404, { error: { code: 404, status: 'NOT_FOUND', message: 'Not found' } }, {}, op);
    const customerId = m[2] ?? '';
    if (!/^\d{10}$/.test(customerId)) {
      return errorResponse(stream, 400, adsFailure(version, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [
        { errorCode: { requestError: 'INVALID_CUSTOMER_ID' }, message: 'Invalid customer ID.' },
      ]), op);
    }
    const login = req.headers['login-customer-id'];
    if (login !== undefined && !/^\d{10}$/.test(login)) {
      return errorResponse(stream, 400, adsFailure(version, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [
        { errorCode: { headerError: 'INVALID_LOGIN_CUSTOMER_ID' }, message: 'The login customer ID header is invalid.' },
      ]), op);
    }
    const account = state.account('google-ads', customerId);
    if (account.loginCustomerId && login !== account.loginCustomerId) {
      return errorResponse(stream, 403, adsFailure(version, 403, 'PERMISSION_DENIED', 'The caller does not have permission', [
        { errorCode: { authorizationError: 'USER_PERMISSION_DENIED' }, message: "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header." },
      ]), op);
    }
    const body = parseJsonBody(req) as { query?: unknown; pageToken?: unknown } | undefined;
    const q = typeof body?.query === 'string' ? parseGaql(body.query) : { code: 'queryError', error: 'QUERY_ERROR' };
    if ('error' in q) {
      return errorResponse(stream, 400, adsFailure(version, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', [
        { errorCode: { [q.code]: q.error }, message: `Error in query: ${q.error}` },
      ]), op);
    }
    const fieldMask = q.fields.map((f) => f.split('.').map(camel).join('.')).join(',');
    const reqId = requestId();
    const rows = resultRows(seed, state, account, q);
    if (stream) {
      return { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8', 'request-id': reqId }, body: streamBatches(rows, fieldMask, reqId), operation: op };
    }
    const all = Array.from(rows);
    const offset = typeof body?.pageToken === 'string' ? Number(Buffer.from(body.pageToken, 'base64').toString('utf8')) || 0 : 0;
    const page = all.slice(offset, offset + BATCH_ROWS);
    const out: Record<string, unknown> = {};
    if (page.length > 0) out.results = page;
    if (offset + BATCH_ROWS < all.length) out.nextPageToken = Buffer.from(String(offset + BATCH_ROWS)).toString('base64');
    out.fieldMask = fieldMask;
    out.requestId = reqId;
    out.queryResourceConsumption = '38';
    return json(200, out, { 'request-id': reqId }, op);
  },
  fault(f, req) {
    const stream = req.path.endsWith(':searchStream');
    const version = /^\/(v\d+)\//.exec(req.path)?.[1] ?? 'v26';
    if (f.kind === 'rate-limit') {
      return errorResponse(stream, 429, adsFailure(version, 429, 'RESOURCE_EXHAUSTED', 'Too many requests. Retry in a moment.', [
        { errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, message: `Too many requests. Retry in ${f.retryAfterSeconds} seconds.`, details: { quotaErrorDetails: { rateScope: 'ACCOUNT', rateName: 'Requests per account', retryDelay: `${f.retryAfterSeconds}s` } } },
      ]), 'fault');
    }
    if (f.status === 503) return errorResponse(stream, 503, { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } }, 'fault');
    return errorResponse(stream, 500, adsFailure(version, 500, 'INTERNAL', 'Internal error encountered.', [{ errorCode: { internalError: 'INTERNAL_ERROR' }, message: 'An internal error has occurred.' }]), 'fault');
  },
  quota(scope, req) {
    const stream = req.path.endsWith(':searchStream');
    const version = /^\/(v\d+)\//.exec(req.path)?.[1] ?? 'v26';
    if (scope === 'short-term') {
      return errorResponse(stream, 429, adsFailure(version, 429, 'RESOURCE_EXHAUSTED', 'Too many requests. Retry in 1 seconds.', [
        { errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, message: 'Too many requests. Retry in 1 seconds.', details: { quotaErrorDetails: { rateScope: 'ACCOUNT', rateName: 'Requests per account', retryDelay: '1s' } } },
      ]), 'quota');
    }
    return errorResponse(stream, 429, adsFailure(version, 429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [
      { errorCode: { quotaError: 'RESOURCE_EXHAUSTED' }, message: 'Number of operations for explorer access has been exceeded for today.' },
    ]), 'quota');
  },
};
