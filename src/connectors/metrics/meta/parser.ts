// Meta insights → DailyRow, usage headers and error codes → typed errors.
import { QuotaError, SourceError } from '../errors';
import { decimalToMicros, intString, toNumber } from '../shared/numbers';
import type { SourceSession } from '../shared/session';
import { emptyRow, type DailyRow } from '../types';
import { MetaError, type MetaInsightRow } from './schemas';

/**
 * One campaign-day. Strings everywhere; `spend` is decimal currency → micros; `ctr` is a percentage →
 * fraction. A missing `actions` key (or a missing action type) means 0, per the docs.
 */
export function mapMetaRow(r: MetaInsightRow, accountId: string, fallbackCurrency: string | null, conversionTypes: readonly string[]): DailyRow {
  const id = r.campaign_id ?? accountId;
  const row = emptyRow('meta', accountId, r.date_start, { kind: r.campaign_id ? 'campaign' : 'account', id, name: r.campaign_name ?? id });
  row.impressions = r.impressions !== undefined ? Number(intString(r.impressions) ?? Number.NaN) : null;
  row.clicks = r.clicks !== undefined ? Number(intString(r.clicks) ?? Number.NaN) : null;
  row.costMicros = r.spend !== undefined ? decimalToMicros(r.spend) : null;
  row.currency = r.account_currency ?? fallbackCurrency;
  const ctrPct = toNumber(r.ctr);
  row.ctr = ctrPct !== null ? ctrPct / 100 : row.impressions && row.clicks !== null ? row.clicks / row.impressions : null;
  let conv = 0;
  for (const a of r.actions ?? []) if (conversionTypes.includes(a.action_type)) conv += toNumber(a.value) ?? 0;
  row.conversions = conv;
  if (row.impressions !== null && Number.isNaN(row.impressions)) row.impressions = null;
  if (row.clicks !== null && Number.isNaN(row.clicks)) row.clicks = null;
  return row;
}

export interface MetaUsage {
  /** Highest usage percentage across the BUC / ad-account headers. */
  pct: number;
  /** Minutes until access returns, from `estimated_time_to_regain_access`. */
  regainMinutes: number;
}

/** Reads X-Business-Use-Case-Usage, x-fb-ads-insights-throttle and X-Ad-Account-Usage (JSON strings). */
export function readUsage(headers: Headers): MetaUsage {
  let pct = 0;
  let regain = 0;
  const parse = (name: string): unknown => {
    const v = headers.get(name);
    if (!v) return undefined;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return undefined;
    }
  };
  const buc = parse('x-business-use-case-usage');
  if (buc && typeof buc === 'object') {
    for (const list of Object.values(buc as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      for (const u of list as Array<Record<string, unknown>>) {
        pct = Math.max(pct, Number(u.call_count) || 0, Number(u.total_cputime) || 0, Number(u.total_time) || 0);
        regain = Math.max(regain, Number(u.estimated_time_to_regain_access) || 0);
      }
    }
  }
  const throttle = parse('x-fb-ads-insights-throttle') as Record<string, unknown> | undefined;
  if (throttle) pct = Math.max(pct, Number(throttle.app_id_util_pct) || 0, Number(throttle.acc_id_util_pct) || 0);
  const acc = parse('x-ad-account-usage') as Record<string, unknown> | undefined;
  if (acc) pct = Math.max(pct, Number(acc.acc_id_util_pct) || 0);
  return { pct, regainMinutes: regain };
}

const THROTTLE_CODES = new Set([4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014]);

export function metaError(s: SourceSession, status: number, body: unknown, headers?: Headers): Error {
  const parsed = MetaError.safeParse(body);
  if (!parsed.success) {
    return new SourceError('meta', status, `HTTP_${status}`, status >= 500 ? 'server error' : 'unexpected error body', status >= 500);
  }
  const e = parsed.data.error;
  const code = e.error_subcode !== undefined ? `${e.code}/${e.error_subcode}` : String(e.code);
  const message = s.scrub(e.message ?? code);
  if (e.code === 190 || e.code === 102) {
    const reason = e.error_subcode === 463 ? 'expired' : e.error_subcode === 460 || e.error_subcode === 458 ? 'revoked' : 'invalid';
    return s.authError(reason, message);
  }
  if (THROTTLE_CODES.has(e.code)) {
    const usage = headers ? readUsage(headers) : { pct: 0, regainMinutes: 0 };
    const hint = usage.regainMinutes > 0 ? usage.regainMinutes * 60_000 : undefined;
    // Ad-account / BUC throttles with a long regain time are not worth waiting for in this call.
    const scope = hint !== undefined && hint > 60_000 ? 'long-term' : 'short-term';
    return new QuotaError('meta', hint ?? 5_000, scope, code);
  }
  const transient = e.is_transient === true || e.code === 1 || e.code === 2 || status >= 500;
  return new SourceError('meta', status, code, message, transient, e.fbtrace_id);
}

/** 100/1504018 (and 2/1504038 after retries): the request is too heavy for sync; use an async run. */
export function isSyncTimeout(e: unknown): boolean {
  return e instanceof SourceError && (e.errorCode === '100/1504018' || e.errorCode === '2/1504038' || e.errorCode === '2/1504043');
}
