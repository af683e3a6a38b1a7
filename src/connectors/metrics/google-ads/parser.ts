// Google Ads JSON → DailyRow, and GoogleAdsFailure → typed errors.
import { QuotaError, SourceError } from '../errors';
import { intString } from '../shared/numbers';
import type { SourceSession } from '../shared/session';
import { emptyRow, type DailyRow } from '../types';
import { GoogleErrorBody, type AdsRow } from './schemas';

/** One campaign-day. Absent metrics are zero (proto3 JSON drops zero values); ctr is already a fraction. */
export function mapAdsRow(row: AdsRow, accountId: string, fallbackCurrency: string | null): DailyRow | null {
  const date = row.segments?.date;
  const id = row.campaign?.id;
  if (!date || !id) return null;
  const m = row.metrics ?? {};
  const out = emptyRow('google-ads', accountId, date, { kind: 'campaign', id, name: row.campaign?.name ?? id });
  out.impressions = Number(intString(m.impressions ?? '0') ?? 0);
  out.clicks = Number(intString(m.clicks ?? '0') ?? 0);
  out.costMicros = intString(m.costMicros ?? '0') ?? '0';
  out.conversions = m.conversions ?? 0;
  out.ctr = m.ctr ?? (out.impressions > 0 ? out.clicks / out.impressions : null);
  out.currency = row.customer?.currencyCode ?? fallbackCurrency;
  return out;
}

/** "30s" / "1.5s" → ms. */
export function parseDuration(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

/** The error body may be an object or (searchStream) an array wrapping it. */
export function unwrapErrorBody(body: unknown): GoogleErrorBody | null {
  const candidate = Array.isArray(body) ? body[0] : body;
  const parsed = GoogleErrorBody.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

const AUTH_REVOKED = new Set(['OAUTH_TOKEN_REVOKED', 'OAUTH_TOKEN_DISABLED']);
const AUTH_INVALID = new Set(['OAUTH_TOKEN_INVALID', 'NOT_ADS_USER', 'OAUTH_TOKEN_HEADER_INVALID', 'AUTHENTICATION_ERROR']);
const QUOTA_SHORT = new Set(['RESOURCE_TEMPORARILY_EXHAUSTED', 'EXCESSIVE_SHORT_TERM_QUERY_RESOURCE_CONSUMPTION']);
const QUOTA_LONG = new Set(['RESOURCE_EXHAUSTED', 'EXCESSIVE_LONG_TERM_QUERY_RESOURCE_CONSUMPTION']);

/** Maps a non-2xx answer to the right typed error; the actionable code is in `details[].errors[].errorCode`. */
export function adsError(s: SourceSession, status: number, body: unknown, requestIdHeader?: string | null): Error {
  const parsed = unwrapErrorBody(body);
  const failure = parsed?.error.details?.find((d) => Array.isArray(d.errors));
  const first = failure?.errors?.[0];
  const [category, value] = Object.entries(first?.errorCode ?? {})[0] ?? [undefined, undefined];
  const code = category && value ? `${category}.${value}` : (parsed?.error.status ?? `HTTP_${status}`);
  const message = s.scrub(first?.message ?? parsed?.error.message ?? `HTTP ${status}`);
  const requestId = failure?.requestId ?? requestIdHeader ?? undefined;

  if (category === 'authenticationError') {
    if (value === 'OAUTH_TOKEN_EXPIRED') return s.authError('expired', message);
    if (value && AUTH_REVOKED.has(value)) return s.authError('revoked', message);
    if (value && AUTH_INVALID.has(value)) return s.authError('invalid', message);
  }
  if (category === 'quotaError' && value) {
    const retryMs = parseDuration(first?.details?.quotaErrorDetails?.retryDelay);
    if (QUOTA_SHORT.has(value)) return new QuotaError('google-ads', retryMs ?? 30_000, 'short-term', code);
    if (QUOTA_LONG.has(value)) return new QuotaError('google-ads', retryMs ?? 3_600_000, 'long-term', code);
  }
  if (status === 401) return s.authError('expired', message);
  if (status === 429) return new QuotaError('google-ads', 30_000, 'short-term', code);
  const transient = status >= 500 || category === 'internalError' || category === 'transientError';
  return new SourceError('google-ads', status, code, message, transient, requestId);
}
