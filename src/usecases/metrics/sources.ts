// Per-source sync policy: how far back each source revises its numbers, how many months one
// backfill event may pull, which credentials a connection needs, and where the days are counted.
import type { ConnectionSettings, Credentials, MetricSource } from '../../connectors/metrics/types';

export interface SourcePolicy {
  /** Days up to today re-pulled every day: the source still revises them (provisional data). */
  trailingDays: number;
  /**
   * Most months one backfill step pulls with one report (the step size adapts to the rows seen, see
   * backfillStepMonths). Multi-month reports cut the calls: Direct and Google Ads stream one report,
   * Metrica splits it into ≤ 92-day requests, Meta turns a range over 31 days into an async run.
   */
  maxBackfillStepMonths: number;
  /** Credential sets that work for the source; a connection needs every field of one set. */
  credentialSets: ReadonlyArray<ReadonlyArray<keyof Credentials>>;
  /** Zone of the report days when the connection does not say (Search Console reports Pacific days). */
  defaultTimeZone?: string;
  /** Ad spend: refreshed hourly for services whose clients prepay their ad budget. */
  adSpend: boolean;
}

const GOOGLE_OAUTH: ReadonlyArray<keyof Credentials> = ['refreshToken', 'clientId', 'clientSecret'];
const YANDEX_OAUTH: ReadonlyArray<keyof Credentials> = ['refreshToken', 'clientId', 'clientSecret'];

export const SOURCE_POLICY: Readonly<Record<MetricSource, SourcePolicy>> = {
  'google-ads': { trailingDays: 3, maxBackfillStepMonths: 12, credentialSets: [GOOGLE_OAUTH], adSpend: true },
  'yandex-direct': { trailingDays: 3, maxBackfillStepMonths: 12, credentialSets: [['accessToken'], YANDEX_OAUTH], adSpend: true },
  'yandex-metrica': { trailingDays: 3, maxBackfillStepMonths: 12, credentialSets: [['accessToken'], YANDEX_OAUTH], adSpend: false },
  ga4: { trailingDays: 3, maxBackfillStepMonths: 12, credentialSets: [GOOGLE_OAUTH], adSpend: false },
  'search-console': {
    trailingDays: 4,
    maxBackfillStepMonths: 12,
    credentialSets: [GOOGLE_OAUTH],
    defaultTimeZone: 'America/Los_Angeles',
    adSpend: false,
  },
  meta: { trailingDays: 3, maxBackfillStepMonths: 12, credentialSets: [['accessToken']], adSpend: true },
  // Topvisor answers every keyword × region × day even for the daily summary rows: shorter reports.
  topvisor: { trailingDays: 2, maxBackfillStepMonths: 3, credentialSets: [['apiKey', 'userId']], adSpend: false },
  // Webmaster revises the last days as the search index updates; its days are Moscow days. Query
  // rows cost one request per query per step, so steps stay a quarter long.
  'yandex-webmaster': { trailingDays: 5, maxBackfillStepMonths: 3, credentialSets: [['accessToken'], YANDEX_OAUTH], defaultTimeZone: 'Europe/Moscow', adSpend: false },
  // CSV rows come from uploads, never from a sync.
  csv: { trailingDays: 0, maxBackfillStepMonths: 12, credentialSets: [[]], adSpend: false },
};

/** Sources the scheduler pulls (CSV is uploaded by people). */
export const SYNCED_SOURCES: readonly MetricSource[] = ['google-ads', 'yandex-direct', 'yandex-metrica', 'ga4', 'search-console', 'meta', 'topvisor', 'yandex-webmaster'];

/** Human source names for issue summaries and messages. */
export const SOURCE_LABEL: Readonly<Record<MetricSource, string>> = {
  'google-ads': 'Google Ads',
  'yandex-direct': 'Yandex Direct',
  'yandex-metrica': 'Yandex Metrica',
  ga4: 'Google Analytics 4',
  'search-console': 'Google Search Console',
  meta: 'Meta Ads',
  topvisor: 'Topvisor',
  csv: 'CSV upload',
  'yandex-webmaster': 'Yandex Webmaster',
};

/** Rows one backfill step may hold in memory before writing its months (≈ 50 MB of row objects). */
export const BACKFILL_ROWS_PER_STEP = 50_000;

/**
 * Months the next backfill step pulls. The first step is the current month alone (quick data for the
 * UI, and a measure of the account's volume); later steps take as many months as keep the rows
 * within BACKFILL_ROWS_PER_STEP. Query/page and keyword rows are always one month per step.
 */
export function backfillStepMonths(source: MetricSource, settings: ConnectionSettings | undefined, seen: { rows: number; months: number } | null): number {
  if ((source === 'search-console' && settings?.gscDimension) || (source === 'topvisor' && settings?.keywordRows)) return 1;
  if (!seen || seen.months <= 0) return 1;
  const perMonth = Math.max(1, seen.rows / seen.months);
  return Math.max(1, Math.min(SOURCE_POLICY[source].maxBackfillStepMonths, Math.floor(BACKFILL_ROWS_PER_STEP / perMonth)));
}

/** Which credential fields are missing for the source, given the ones that are set. */
export function missingCredentialFields(source: MetricSource, present: ReadonlySet<string>): string[] {
  const sets = SOURCE_POLICY[source].credentialSets;
  let best: string[] | null = null;
  for (const set of sets) {
    const missing = set.filter((f) => !present.has(f));
    if (missing.length === 0) return [];
    if (!best || missing.length < best.length) best = missing;
  }
  return best ?? [];
}
