// Fake Yandex Direct: Reports v5 (TSV, offline 201 → 202 → 200 with `retryIn`, ReportName as the
// cache key, `--` for empty values, money in micros unless `returnMoneyInMicros: false`, IncludeVAT,
// skip* headers) and Live 4 AccountManagement (errors inside HTTP 200).
import { adDay } from './data';
import { bearer, json, parseJsonBody, type FakeRequest, type FakeResponse, type FakeService } from './server';
import type { FakeAccount, FakeState } from './state';

const FIELDS = new Set(['Date', 'CampaignId', 'CampaignName', 'CampaignType', 'Impressions', 'Clicks', 'Cost', 'Conversions', 'Ctr', 'AvgCpc']);
const REQUIRED = ['SelectionCriteria', 'FieldNames', 'ReportName', 'ReportType', 'DateRangeType', 'Format', 'IncludeVAT'] as const;
const MAX_QUEUED = 5;

let serial = 0;
const requestId = (): string => String(8_641_951_253_829_872_000 + ++serial);

function unitsHeaders(login: string): Record<string, string> {
  return { RequestId: requestId(), Units: '10/20828/64000', 'Units-Used-Login': login };
}

function directError(status: number, code: number, str: string, detail: string, login = '', extra: Record<string, string> = {}): FakeResponse {
  return json(status, { error: { request_id: requestId(), error_code: code, error_string: str, error_detail: detail } }, { ...unitsHeaders(login), ...extra }, 'reports');
}

/** VAT rate by date (Russia: 20 %, 22 % from 2026-01-01). Kept dated, never hard-coded in the connector. */
const vatRate = (date: string): number => (date >= '2026-01-01' ? 0.22 : 0.2);

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

interface Definition {
  fields: string[];
  from: string;
  to: string;
  name: string;
  includeVat: boolean;
  goals: string[];
  models: string[];
  reportType: string;
}

function readDefinition(body: unknown, today: string): Definition | { error: string } {
  const params = (body as { params?: Record<string, unknown> } | undefined)?.params;
  if (!params || typeof params !== 'object') return { error: 'params is required' };
  for (const k of REQUIRED) if (params[k] === undefined) return { error: `params.${k} is required` };
  if (params.Format !== 'TSV') return { error: 'params.Format must be TSV' };
  if (params.IncludeVAT !== 'YES' && params.IncludeVAT !== 'NO') return { error: 'params.IncludeVAT must be YES or NO' };
  const fields = Array.isArray(params.FieldNames) ? params.FieldNames.map(String) : [];
  const bad = fields.find((f) => !FIELDS.has(f));
  if (bad) return { error: `FieldNames contains unsupported field ${bad}` };
  const sel = (params.SelectionCriteria ?? {}) as { DateFrom?: string; DateTo?: string };
  let from = today;
  let to = today;
  if (params.DateRangeType === 'CUSTOM_DATE') {
    if (!sel.DateFrom || !sel.DateTo) return { error: 'SelectionCriteria.DateFrom and DateTo are required for CUSTOM_DATE' };
    from = sel.DateFrom;
    to = sel.DateTo;
  } else if (params.DateRangeType === 'YESTERDAY') {
    from = to = addDays(today, -1);
  } else {
    const m = /^LAST_(\d+)_DAYS$/.exec(String(params.DateRangeType));
    from = addDays(today, -(m ? Number(m[1]) : 7));
    to = addDays(today, -1);
  }
  return {
    fields,
    from,
    to,
    name: String(params.ReportName),
    includeVat: params.IncludeVAT === 'YES',
    goals: Array.isArray(params.Goals) ? params.Goals.map(String) : [],
    models: Array.isArray(params.AttributionModels) ? params.AttributionModels.map(String) : ['AUTO'],
    reportType: String(params.ReportType),
  };
}

function money(micros: bigint, inMicros: boolean): string {
  if (inMicros) return micros.toString();
  const cents = micros / 10_000n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

function* tsv(seed: number, account: FakeAccount, d: Definition, h: { skipHeader: boolean; skipColumns: boolean; skipSummary: boolean; micros: boolean }): Generator<string> {
  const columns = d.fields.flatMap((f) => (f === 'Conversions' && d.goals.length > 1 ? d.goals.map((g) => `Conversions_${g}_${d.models[0] ?? 'AUTO'}`) : [f]));
  if (!h.skipHeader) yield `"${d.name} (${d.from} - ${d.to})"\n`;
  if (!h.skipColumns) yield `${columns.join('\t')}\n`;
  let rows = 0;
  let buf: string[] = [];
  const start = d.from < account.startDate ? account.startDate : d.from;
  for (let date = start; date <= d.to; date = addDays(date, 1)) {
    for (const c of account.campaigns) {
      const day = adDay(seed, account, c, date);
      if (!day) continue;
      const cost = d.includeVat ? (day.costMicros * BigInt(Math.round((1 + vatRate(date)) * 10_000))) / 10_000n / 10_000n * 10_000n : day.costMicros;
      const cells: string[] = [];
      for (const f of d.fields) {
        switch (f) {
          case 'Date': cells.push(date); break;
          case 'CampaignId': cells.push(c.id); break;
          case 'CampaignName': cells.push(c.name); break;
          case 'CampaignType': cells.push('TEXT_CAMPAIGN'); break;
          case 'Impressions': cells.push(String(day.impressions)); break;
          case 'Clicks': cells.push(String(day.clicks)); break;
          case 'Cost': cells.push(money(cost, h.micros)); break;
          case 'Ctr': cells.push(day.impressions > 0 ? ((day.clicks / day.impressions) * 100).toFixed(2) : '--'); break;
          case 'AvgCpc': cells.push(day.clicks > 0 ? money(cost / BigInt(day.clicks), h.micros) : '--'); break;
          case 'Conversions':
            // Without Goals the column is `--`; several goals → one column per goal.
            if (d.goals.length === 0) cells.push('--');
            else for (let i = 0; i < d.goals.length; i++) cells.push(String(Math.floor(day.conversions / (i + 1))));
            break;
        }
      }
      buf.push(`${cells.join('\t')}\n`);
      rows++;
      if (buf.length >= 1000) {
        yield buf.join('');
        buf = [];
      }
    }
  }
  if (buf.length > 0) yield buf.join('');
  if (!h.skipSummary) yield `Total rows: ${rows}\n`;
}

const headerTrue = (req: FakeRequest, name: string): boolean => (req.headers[name.toLowerCase()] ?? '').toLowerCase() === 'true';

function reports(req: FakeRequest, state: FakeState, seed: number): FakeResponse {
  if (req.method !== 'POST' || !/^\/json\/v50?1?\/reports$/.test(req.path)) return json(404, { error: 'Not found' }, {}, 'unknown');
  const login = req.headers['client-login'] ?? 'self-login';
  const verdict = state.verdict(bearer(req));
  if (verdict !== 'ok') {
    const detail = verdict === 'missing' ? 'OAuth token is missing' : verdict === 'expired' ? 'OAuth token expired' : 'Invalid OAuth token';
    return directError(403, 53, 'Authorization error', detail, login);
  }
  const account = state.account('yandex-direct', login);
  const d = readDefinition(parseJsonBody(req), state.today(account.timeZone));
  if ('error' in d) return directError(400, 8000, 'Invalid request', d.error, login);

  // ReportName is the cache key; reusing it with other parameters is an error (exact code UNVERIFIED).
  const key = `${login}|${d.name}`;
  const defKey = `def:${key}`;
  const hash = req.body.length * 31 + [...req.body].reduce((a, ch) => (a * 33 + ch.charCodeAt(0)) >>> 0, 5381);
  const known = state.progress.get(defKey);
  if (known !== undefined && known !== hash) return directError(400, 4000, 'Invalid request parameters', 'A report with this ReportName exists with different parameters', login);
  state.progress.set(defKey, hash);

  const mode = (req.headers.processingmode ?? 'auto').toLowerCase();
  const days = Math.round((Date.parse(`${d.to}T00:00:00Z`) - Date.parse(`${d.from}T00:00:00Z`)) / 86_400_000) + 1;
  const offline = mode === 'offline' || d.reportType === 'SEARCH_QUERY_PERFORMANCE_REPORT' || (mode === 'auto' && days > 7);
  if (offline) {
    const step = state.progress.get(key) ?? 0;
    if (step < 2) {
      const queued = [...state.progress.entries()].filter(([k, v]) => k.startsWith(`${login}|`) && v < 2).length;
      if (step === 0 && queued >= MAX_QUEUED) return directError(400, 9000, 'Report queue limit exceeded', 'Maximum number of reports in the queue reached', login);
      state.progress.set(key, step + 1);
      return {
        status: step === 0 ? 201 : 202,
        headers: { ...unitsHeaders(login), retryIn: String(state.retryInSeconds), reportsInQueue: String(Math.max(1, queued)) },
        body: '',
        operation: step === 0 ? 'reports-queued' : 'reports-pending',
      };
    }
  }
  const micros = (req.headers.returnmoneyinmicros ?? 'true').toLowerCase() !== 'false';
  return {
    status: 200,
    headers: { 'content-type': 'text/tab-separated-values; charset=utf-8', ...unitsHeaders(login) },
    body: tsv(seed, account, d, { skipHeader: headerTrue(req, 'skipReportHeader'), skipColumns: headerTrue(req, 'skipColumnHeader'), skipSummary: headerTrue(req, 'skipReportSummary'), micros }),
    operation: 'reports',
  };
}

export const yandexDirectFake: FakeService = {
  service: 'yandex-direct',
  hosts: ['api.direct.yandex.com'],
  handle: (req, { state, seed }) => reports(req, state, seed),
  fault(f) {
    if (f.kind === 'rate-limit') return directError(400, 506, 'Concurrent requests limit exceeded', 'Too many concurrent requests for this advertiser', '', { retryIn: String(f.retryAfterSeconds) });
    return f.status === 503 ? directError(503, 1002, 'Service temporarily unavailable', 'Try again later') : directError(500, 1000, 'Server error', 'Internal server error');
  },
  quota(scope) {
    return scope === 'short-term'
      ? directError(400, 9000, 'Report queue limit exceeded', 'Maximum number of reports being generated reached')
      : directError(400, 152, 'Not enough units', 'Insufficient API units for the request');
  },
};

/** Live 4: JSON-RPC-ish, token in the body, failures in HTTP 200. */
export const yandexDirectLive4Fake: FakeService = {
  service: 'yandex-direct',
  hosts: ['api.direct.yandex.ru'],
  handle(req, { state }) {
    if (req.method !== 'POST' || !/^\/live\/v4\/json\/?$/.test(req.path)) return json(404, { error: 'Not found' }, {}, 'unknown');
    const body = parseJsonBody(req) as { method?: string; token?: string; param?: { Action?: string; SelectionCriteria?: { Logins?: string[] } } } | undefined;
    const verdict = state.verdict(body?.token);
    if (verdict !== 'ok') return json(200, { error_code: 53, error_str: 'Authorization error', error_detail: verdict === 'expired' ? 'OAuth token expired' : 'Invalid OAuth token' }, {}, 'live4');
    if (body?.method !== 'AccountManagement') return json(200, { error_code: 55, error_str: 'Method not found', error_detail: String(body?.method) }, {}, 'live4');
    if (body.param?.Action !== 'Get') return json(200, { error_code: 71, error_str: 'Invalid request parameters', error_detail: 'Action' }, {}, 'live4');
    const logins = body.param.SelectionCriteria?.Logins ?? [];
    const accounts = logins.map((login, i) => {
      const a = state.account('yandex-direct', login);
      return { AccountID: 1_000_000 + i, Login: login, Amount: a.balance, AmountAvailableForTransfer: a.balance, Currency: a.currency, Discount: 0 };
    });
    return json(200, { data: { Accounts: accounts, ActionsResult: [] } }, {}, 'live4');
  },
  fault(f) {
    return json(f.kind === 'rate-limit' ? 200 : f.status, { error_code: f.kind === 'rate-limit' ? 56 : 1000, error_str: f.kind === 'rate-limit' ? 'Request limit exceeded' : 'Server error', error_detail: '' }, {}, 'live4');
  },
};
