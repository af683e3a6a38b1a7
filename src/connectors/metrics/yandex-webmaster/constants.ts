// Yandex Webmaster API v4 (https://yandex.com/dev/webmaster/doc/en/).
export const WEBMASTER_BASE = 'https://api.webmaster.yandex.net/v4';
/** The popular-queries list pages at most 500 rows; the API keeps the top 3,000 queries. */
export const WEBMASTER_POPULAR_PAGE_SIZE = 500;
export const WEBMASTER_POPULAR_MAX = 3000;
/** Per-query daily history costs one request per query: only the top queries get query rows. */
export const WEBMASTER_DEFAULT_QUERY_ROWS = 10;
export const WEBMASTER_MAX_QUERY_ROWS = 100;
/** SQI points are sparse (one per recalculation): look this far back for the value a window starts with. */
export const WEBMASTER_SQI_LOOKBACK_DAYS = 120;
/** Webmaster days are Moscow days: every date in the answers carries a +03:00 offset. */
export const WEBMASTER_TIME_ZONE = 'Europe/Moscow';
/** 429 without a Retry-After header: wait this long before the next try. */
export const WEBMASTER_QUOTA_WAIT_MS = 60_000;

/** `https:example.com:443` → path segment; the colons are kept, the rest is percent-encoded. */
export const hostPath = (userId: string, hostId: string): string => `${WEBMASTER_BASE}/user/${encodeURIComponent(userId)}/hosts/${encodeURIComponent(hostId)}`;
