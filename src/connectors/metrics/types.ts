// The one connector contract every metrics source implements, and the normalised daily row.
import type { HttpFetch } from './http';

export type { HttpFetch } from './http';
export { AuthExpiredError, ParseError, QuotaError, ReportNotReadyError, SourceError, isConnectorError } from './errors';
export type { ConnectorError, ParseIssue } from './errors';
export { RateLimitedError } from '../../shared/errors';

export const METRIC_SOURCES = ['google-ads', 'yandex-direct', 'yandex-metrica', 'ga4', 'search-console', 'meta', 'topvisor', 'csv', 'yandex-webmaster'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];

export type DimensionKind = 'account' | 'campaign' | 'channel' | 'query' | 'page' | 'keyword' | 'goal';

export interface RowDimension {
  kind: DimensionKind;
  /** Stable key within the account: campaign id, channel id (`organic`), query text, page URL, keyword id. */
  id: string;
  /** Display label as the source gave it (may be localised; never used as a key). */
  name: string;
}

/** Extra facts about how trustworthy a row is. Absent = nothing special. */
export interface RowFlags {
  /** Numbers are extrapolated from a sample (Metrica `sampled`, GA4 sampling metadata). */
  sampled?: boolean;
  /** Share of data the sample covers, 0–1. */
  sampleShare?: number;
  /** Fresh, still-changing data (GSC `firstIncompleteDate`, today's Topvisor check). */
  partial?: boolean;
  /** GA4 folded low-volume rows into `(other)` or thresholded small rows: totals ≠ sum of rows. */
  dataLoss?: boolean;
}

/**
 * One day × one dimension value of one account of one source.
 * `null` = the source has no data for this metric (not reported, `--`, absent); `0` only where the
 * source says 0 (or, for Meta `actions`, where the docs say an absent entry means 0).
 */
export interface DailyRow {
  source: MetricSource;
  /** customerId / Client-Login / counter id / property id / siteUrl / act_<id> / project id / upload account. */
  accountId: string;
  /** YYYY-MM-DD in the source account's time zone, exactly as the source reported it. */
  date: string;
  dimension: RowDimension;
  impressions: number | null;
  clicks: number | null;
  /** Cost in micros of `currency` (int64 as a decimal string, never a float). */
  costMicros: string | null;
  /** ISO 4217 from the source (or the connection's configured currency); null when unknown. */
  currency: string | null;
  /** Whether costMicros includes VAT (Yandex Direct `IncludeVAT`); null when the source does not say. */
  vatIncluded: boolean | null;
  /**
   * Conversions / goal reaches / key events, as a JS number: counts are far below 2^53 and Google's
   * data-driven attribution yields fractions (0.5), so a number is exact enough and keeps sums simple.
   */
  conversions: number | null;
  /** Per-goal reaches when the source reports goals separately (Metrica), goal id → reaches. */
  goalReaches?: Record<string, number>;
  sessions: number | null;
  /** Sessions from organic search (Metrica source `organic`, GA4 channel `Organic Search`). */
  organicSessions: number | null;
  users: number | null;
  /** Average position, 1-based, lower is better (GSC, Topvisor); null when not ranked. */
  avgPosition: number | null;
  /** Share (0–1) of tracked keyword checks in the top 10 (Topvisor). */
  top10Share: number | null;
  /** Click-through rate as a fraction 0–1 (Meta's percentage is divided by 100). */
  ctr: number | null;
  /** Yandex Webmaster: pages in search on the day (`search-urls/in-search/history`). */
  pagesInSearch?: number | null;
  /** Yandex Webmaster: pages removed from search on the day (`REMOVED_FROM_SEARCH` events). */
  pagesExcluded?: number | null;
  /** Yandex Webmaster: site quality index (SQI) in force on the day. */
  sqi?: number | null;
  flags?: RowFlags;
}

/** Source-specific knobs of a connection. Each field says which source reads it. */
export interface ConnectionSettings {
  /** google-ads: manager (MCC) id for `login-customer-id`, digits only. */
  loginCustomerId?: string;
  /** yandex-direct: pull cost with VAT (`IncludeVAT: YES`). Default true. */
  includeVat?: boolean;
  /** yandex-direct, yandex-metrica: Metrica goal ids whose reaches count as conversions. */
  goalIds?: string[];
  /** yandex-metrica: traffic-source attribution (`lastsign` default). */
  attribution?: 'last' | 'lastsign' | 'first' | 'automatic';
  /** search-console: second dimension besides date (`query` or `page`); none = one row per day. */
  gscDimension?: 'query' | 'page';
  /** search-console: `final` (default) or `all` to include fresh partial days. */
  gscDataState?: 'final' | 'all';
  /** search-console: search type, default `web`. */
  gscType?: 'web' | 'image' | 'video' | 'news' | 'discover' | 'googleNews';
  /** topvisor: region indexes of the project to read. */
  regionIndexes?: number[];
  /** topvisor: also emit one row per keyword (besides the per-day project summary). */
  keywordRows?: boolean;
  /** meta: action types counted as conversions (default ['lead']); avoid grouped + ungrouped pairs. */
  conversionActionTypes?: string[];
  /** yandex-webmaster: how many top queries (by shows) also get per-query daily rows (default 10, 0 = none). */
  webmasterQueryRows?: number;
}

export interface ConnectionAccount {
  /** Our connection id: named in AuthExpiredError so the admin knows what to reconnect. */
  connectionId: string;
  source: MetricSource;
  accountId: string;
  /** IANA zone of the source account when known (informational: dates come from the source). */
  timeZone?: string;
  /** ISO 4217 of the source account when the API does not return it (Yandex Direct reports). */
  currency?: string;
  settings?: ConnectionSettings;
}

/** Secrets for one connection. Passed in per call, never stored or logged by connectors. */
export interface Credentials {
  /** OAuth access token (or the long-lived Meta system-user token). */
  accessToken?: string;
  /** Epoch ms when accessToken stops working; refreshed ~5 min before. */
  accessTokenExpiresAt?: number;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** google-ads: optional developer token (ignored by Google since 2026-09-09). */
  developerToken?: string;
  /** topvisor: API key (Bearer) and numeric user id (`User-Id`). */
  apiKey?: string;
  userId?: string;
}

export interface AccessToken {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Set when the source rotated the refresh token (Yandex may). */
  refreshToken?: string;
}

export interface RuntimeHooks {
  /** Waits; tests pass a no-op. Default: setTimeout honouring `signal`. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Epoch ms; default Date.now. */
  now?: () => number;
}

export interface FetchDailyRequest extends RuntimeHooks {
  account: ConnectionAccount;
  /** Inclusive YYYY-MM-DD range in the account's time zone. */
  from: string;
  to: string;
  credentials: Credentials;
  http: HttpFetch;
  signal?: AbortSignal;
  /** Called when the connector refreshed the access token, so the caller can cache it as a secret. */
  onTokenRefreshed?: (token: AccessToken) => void | Promise<void>;
  /** Override the page size (clamped to the source's maximum); tests use it to exercise paging. */
  pageSize?: number;
  /**
   * How long a connector may wait for an offline report / async run inside this call before giving up
   * with ReportNotReadyError (the queue retries later). Default 60 s.
   */
  pollBudgetMs?: number;
  /**
   * The `handle` of an earlier ReportNotReadyError, to resume that job instead of submitting a new one
   * (Meta report_run_id). Yandex Direct ignores it: its ReportName is deterministic.
   */
  resumeHandle?: string;
  /** csv only: the uploaded file (string or byte stream). */
  upload?: string | ReadableStream<Uint8Array>;
}

export interface AccountCallRequest extends RuntimeHooks {
  account: ConnectionAccount;
  credentials: Credentials;
  http: HttpFetch;
  signal?: AbortSignal;
  onTokenRefreshed?: (token: AccessToken) => void | Promise<void>;
}

export interface AccountInfo {
  accountId: string;
  name: string | null;
  timeZone: string | null;
  currency: string | null;
}

export interface AccountBalance {
  accountId: string;
  /** Remaining money in micros of `currency`; null when the source exposes no balance. */
  amountMicros: string | null;
  currency: string | null;
  vatIncluded: boolean | null;
}

/** What a missing day means for this source when building a date spine (see shared/spine.ts). */
export type MissingDayMeaning = 'zero' | 'unknown';

export interface MetricsConnector {
  readonly source: MetricSource;
  /** Ad/analytics APIs omit no-activity days (`zero`); trackers and GSC leave gaps (`unknown`). */
  readonly missingDay: MissingDayMeaning;
  /** Streams batches of rows (one page/batch at a time); never buffers the whole range. */
  fetchDaily(req: FetchDailyRequest): AsyncIterable<DailyRow[]>;
  refreshAccessToken?(req: AccountCallRequest): Promise<AccessToken>;
  /** A cheap call proving the credentials reach the account; returns what the source says about it. */
  checkAccess?(req: AccountCallRequest): Promise<AccountInfo>;
  accountBalance?(req: AccountCallRequest): Promise<AccountBalance>;
}

/** A row with every metric null: connectors start from this and fill what the source gave. */
export function emptyRow(source: MetricSource, accountId: string, date: string, dimension: RowDimension): DailyRow {
  return {
    source,
    accountId,
    date,
    dimension,
    impressions: null,
    clicks: null,
    costMicros: null,
    currency: null,
    vatIncluded: null,
    conversions: null,
    sessions: null,
    organicSessions: null,
    users: null,
    avgPosition: null,
    top10Share: null,
    ctr: null,
  };
}
