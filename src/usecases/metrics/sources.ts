// Per-source sync policy: how far back each source revises its numbers, how many months one
// backfill event may pull, which credentials a connection needs, and where the days are counted.
import type { Credentials, MetricSource } from '../../connectors/metrics/types';

export interface SourcePolicy {
  /** Days up to today re-pulled every day: the source still revises them (provisional data). */
  trailingDays: number;
  /**
   * Months one backfill event pulls with one report. Bounded by the API (Metrica ≤ 92 days per
   * request, Meta > 31 days turns into a slow async run) and by the rows held in memory (query-level
   * Search Console data is large).
   */
  backfillMonthsPerEvent: number;
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
  'google-ads': { trailingDays: 3, backfillMonthsPerEvent: 4, credentialSets: [GOOGLE_OAUTH], adSpend: true },
  'yandex-direct': { trailingDays: 3, backfillMonthsPerEvent: 4, credentialSets: [['accessToken'], YANDEX_OAUTH], adSpend: true },
  'yandex-metrica': { trailingDays: 3, backfillMonthsPerEvent: 3, credentialSets: [['accessToken'], YANDEX_OAUTH], adSpend: false },
  ga4: { trailingDays: 3, backfillMonthsPerEvent: 4, credentialSets: [GOOGLE_OAUTH], adSpend: false },
  'search-console': {
    trailingDays: 4,
    backfillMonthsPerEvent: 1,
    credentialSets: [GOOGLE_OAUTH],
    defaultTimeZone: 'America/Los_Angeles',
    adSpend: false,
  },
  meta: { trailingDays: 3, backfillMonthsPerEvent: 1, credentialSets: [['accessToken']], adSpend: true },
  topvisor: { trailingDays: 2, backfillMonthsPerEvent: 3, credentialSets: [['apiKey', 'userId']], adSpend: false },
  // CSV rows come from uploads, never from a sync.
  csv: { trailingDays: 0, backfillMonthsPerEvent: 1, credentialSets: [[]], adSpend: false },
};

/** Sources the scheduler pulls (CSV is uploaded by people). */
export const SYNCED_SOURCES: readonly MetricSource[] = ['google-ads', 'yandex-direct', 'yandex-metrica', 'ga4', 'search-console', 'meta', 'topvisor'];

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
};

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
