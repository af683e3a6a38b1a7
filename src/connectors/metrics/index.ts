// The metrics connector layer: one interface, one connector per source.
import { csvConnector } from './csv';
import { ga4Connector } from './ga4';
import { googleAdsConnector } from './google-ads';
import { metaConnector } from './meta';
import { searchConsoleConnector } from './search-console';
import { topvisorConnector } from './topvisor';
import type { MetricSource, MetricsConnector } from './types';
import { yandexDirectConnector } from './yandex-direct';
import { yandexMetricaConnector } from './yandex-metrica';
import { yandexWebmasterConnector } from './yandex-webmaster';

export * from './types';
export { scrubSecrets, safeUrl, type HttpRequestInit } from './http';
export { computeRetryDelay, withRetry, defaultRetryVerdict, type RetryOptions, type RetryVerdict } from './shared/retry';
export { offsetPaging, cursorPaging, type OffsetPage } from './shared/paging';
export { dailyTotals, type SpineOptions } from './shared/spine';
export { benchTsv } from './yandex-direct/bench';

export const METRICS_CONNECTORS: Readonly<Record<MetricSource, MetricsConnector>> = {
  'google-ads': googleAdsConnector,
  'yandex-direct': yandexDirectConnector,
  'yandex-metrica': yandexMetricaConnector,
  ga4: ga4Connector,
  'search-console': searchConsoleConnector,
  meta: metaConnector,
  topvisor: topvisorConnector,
  csv: csvConnector,
  'yandex-webmaster': yandexWebmasterConnector,
};

export function getConnector(source: MetricSource): MetricsConnector {
  return METRICS_CONNECTORS[source];
}

/** Every host the connectors call (API and OAuth), for the manifest's backend egress list. */
export const METRICS_EGRESS_HOSTS: readonly string[] = [
  'googleads.googleapis.com',
  'oauth2.googleapis.com',
  'analyticsdata.googleapis.com',
  'www.googleapis.com',
  'api.direct.yandex.com',
  'api.direct.yandex.ru',
  'api-metrika.yandex.net',
  'oauth.yandex.ru',
  'graph.facebook.com',
  'api.topvisor.com',
  'api.webmaster.yandex.net',
];
