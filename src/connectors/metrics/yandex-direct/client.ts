// Yandex Direct connector: one CUSTOM_REPORT per range, offline 201/202 polling within a budget, then
// the TSV body streamed through the parser. Balance from Live 4 AccountManagement.
import { QuotaError, ReportNotReadyError, SourceError } from '../errors';
import { bodyChunks, discardBody, readJson } from '../http';
import { assertRange } from '../shared/dates';
import { decimalToMicros } from '../shared/numbers';
import { YANDEX_TOKEN_URL, refreshWithRefreshToken } from '../shared/oauth';
import { SourceSession } from '../shared/session';
import type { AccountBalance, AccountCallRequest, DailyRow, FetchDailyRequest, MetricsConnector } from '../types';
import { DAILY_FIELDS, DEFAULT_POLL_BUDGET_MS, DIRECT_LIVE4_URL, DIRECT_REPORTS_URL, REPORT_SCHEMA_VERSION } from './constants';
import { DirectErrorBody, Live4Response } from './schemas';
import { parseDirectTsv } from './tsv-parser';

function session(req: AccountCallRequest): SourceSession {
  return new SourceSession({ ...req, source: 'yandex-direct', refresh: (s) => refreshWithRefreshToken(s, YANDEX_TOKEN_URL) });
}

function fnv(text: string): string {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}

export interface DirectReportRequest {
  login: string;
  from: string;
  to: string;
  includeVat: boolean;
  goalIds: string[];
}

/** The ReportDefinition. ReportName is the server-side cache key: deterministic from everything that shapes the report. */
export function reportDefinition(r: DirectReportRequest): { params: Record<string, unknown> } {
  const params: Record<string, unknown> = {
    SelectionCriteria: { DateFrom: r.from, DateTo: r.to },
    FieldNames: [...DAILY_FIELDS],
    OrderBy: [{ Field: 'Date' }],
    ReportType: 'CUSTOM_REPORT',
    DateRangeType: 'CUSTOM_DATE',
    Format: 'TSV',
    IncludeVAT: r.includeVat ? 'YES' : 'NO',
  };
  if (r.goalIds.length > 0) {
    params.Goals = r.goalIds;
    params.AttributionModels = ['AUTO'];
  }
  // Money comes as integer micros (returnMoneyInMicros not sent): encoded in the name too.
  const shape = fnv(JSON.stringify(params));
  params.ReportName = `retainer daily ${r.login} ${r.from}..${r.to} vat-${r.includeVat ? 'yes' : 'no'} micros ${shape} ${REPORT_SCHEMA_VERSION}`;
  return { params };
}

function reportHeaders(token: string, login: string): Record<string, string> {
  return {
    Authorization: `Bearer ${token}`,
    'Client-Login': login,
    'Accept-Language': 'en',
    'Content-Type': 'application/json; charset=utf-8',
    processingMode: 'auto',
    skipReportHeader: 'true',
    skipReportSummary: 'true',
  };
}

const TRANSIENT = new Set(['52', '1000', '1001', '1002']);

/** Maps an error body (any status) to a typed error. */
export function directError(s: SourceSession, status: number, body: unknown, requestId?: string | null, retryInHeader?: string | null): Error {
  const parsed = DirectErrorBody.safeParse(body);
  if (!parsed.success) {
    if (status >= 500) return new SourceError('yandex-direct', status, `HTTP_${status}`, 'report generation failed', status !== 502, requestId ?? undefined);
    return new SourceError('yandex-direct', status, `HTTP_${status}`, 'unexpected error body', false, requestId ?? undefined);
  }
  const e = parsed.data.error;
  const code = String(e.error_code);
  const text = s.scrub([e.error_string, e.error_detail].filter(Boolean).join(': '));
  const rid = e.request_id ?? requestId ?? undefined;
  switch (code) {
    case '53':
      return s.authError('expired', text);
    case '152': // not enough points: they refill hourly
      return new QuotaError('yandex-direct', 3_600_000, 'long-term', code);
    case '56': // method request limit
    case '506': // too many concurrent requests (5 per advertiser)
    case '9000': {
      // offline report queue full; ~10 s unless the server hinted otherwise
      const hinted = Number(retryInHeader);
      return new QuotaError('yandex-direct', hinted > 0 ? hinted * 1000 : 10_000, 'short-term', code);
    }
    default:
      if (TRANSIENT.has(code)) return new SourceError('yandex-direct', status, code, text, true, rid);
      return new SourceError('yandex-direct', status, code, text, false, rid);
  }
}

/**
 * Sends the report request until it is ready (200), honouring `retryIn` on 201/202 within the poll
 * budget. Resending the identical definition returns the same queued report (ReportName is the key).
 */
async function requestReport(s: SourceSession, def: { params: Record<string, unknown> }, login: string, budgetMs: number): Promise<Response> {
  const started = s.now();
  const name = String(def.params.ReportName);
  for (;;) {
    const res = await s.call(async (token) => {
      const r = await s.fetch(DIRECT_REPORTS_URL, { method: 'POST', headers: reportHeaders(token, login), body: JSON.stringify(def) });
      if (r.status === 200 || r.status === 201 || r.status === 202) return r;
      const body = await readJson('yandex-direct', r).catch(() => undefined);
      throw directError(s, r.status, body, r.headers.get('RequestId'), r.headers.get('retryIn'));
    });
    if (res.status === 200) return res;
    await discardBody(res);
    const retryInMs = Math.max(1, Number(res.headers.get('retryIn') ?? '10') || 10) * 1000;
    if (s.now() - started + retryInMs > budgetMs) throw new ReportNotReadyError('yandex-direct', retryInMs, name);
    await s.sleep(retryInMs, s.signal);
  }
}

async function* fetchDaily(req: FetchDailyRequest): AsyncGenerator<DailyRow[]> {
  assertRange(req.from, req.to);
  const s = session(req);
  const login = req.account.accountId;
  const includeVat = req.account.settings?.includeVat ?? true;
  const def = reportDefinition({ login, from: req.from, to: req.to, includeVat, goalIds: req.account.settings?.goalIds ?? [] });
  const res = await requestReport(s, def, login, req.pollBudgetMs ?? DEFAULT_POLL_BUDGET_MS);
  yield* parseDirectTsv(bodyChunks(res), { accountId: login, currency: req.account.currency ?? null, vatIncluded: includeVat, moneyInMicros: true });
}

/** Shared-account balance (Live 4 AccountManagement Get): the only documented balance source. */
async function accountBalance(req: AccountCallRequest): Promise<AccountBalance> {
  const s = session(req);
  const login = req.account.accountId;
  const body = await s.call(async (token) => {
    const res = await s.fetch(DIRECT_LIVE4_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ method: 'AccountManagement', token, locale: 'en', param: { Action: 'Get', SelectionCriteria: { Logins: [login] } } }),
    });
    if (res.status >= 500) throw new SourceError('yandex-direct', res.status, `HTTP_${res.status}`, 'Live 4 unavailable', true);
    const json = await readJson('yandex-direct', res);
    const parsed = Live4Response.safeParse(json);
    if (!parsed.success) throw new SourceError('yandex-direct', res.status, 'BAD_RESPONSE', 'AccountManagement answered an unexpected shape', false);
    if ('error_code' in parsed.data) {
      // Top-level failures come inside HTTP 200 in Live 4.
      throw directError(s, res.status, { error: { error_code: parsed.data.error_code, error_string: parsed.data.error_str, error_detail: parsed.data.error_detail } });
    }
    return parsed.data.data;
  });
  const fault = body.ActionsResult?.find((a) => (a.Errors?.length ?? 0) > 0)?.Errors?.[0];
  if (fault) throw new SourceError('yandex-direct', 200, String(fault.FaultCode), s.scrub(`${fault.FaultString ?? ''} ${fault.FaultDetail ?? ''}`.trim()), false);
  const acc = body.Accounts?.find((a) => a.Login.toLowerCase() === login.toLowerCase()) ?? body.Accounts?.[0];
  return {
    accountId: login,
    amountMicros: acc ? decimalToMicros(acc.Amount) : null,
    currency: acc?.Currency ?? req.account.currency ?? null,
    vatIncluded: null,
  };
}

export const yandexDirectConnector: MetricsConnector = {
  source: 'yandex-direct',
  missingDay: 'zero',
  fetchDaily,
  refreshAccessToken: (req) => refreshWithRefreshToken(session(req), YANDEX_TOKEN_URL),
  accountBalance,
};
