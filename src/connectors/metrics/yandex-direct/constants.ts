// Yandex Direct: Reports v5 (TSV) and the Live 4 AccountManagement method for the shared-account balance.
export const DIRECT_REPORTS_URL = 'https://api.direct.yandex.com/json/v5/reports';
/** Live 4 is only documented on the .ru host. */
export const DIRECT_LIVE4_URL = 'https://api.direct.yandex.ru/live/v4/json/';
/** Bump when the report definition changes: it is part of the ReportName (the server's cache key). */
export const REPORT_SCHEMA_VERSION = 'v1';
export const DAILY_FIELDS = ['Date', 'CampaignId', 'CampaignName', 'Impressions', 'Clicks', 'Cost', 'Conversions'] as const;
/** Default wait inside one call for an offline report before handing back ReportNotReadyError. */
export const DEFAULT_POLL_BUDGET_MS = 60_000;
