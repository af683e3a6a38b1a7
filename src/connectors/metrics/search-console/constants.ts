// Google Search Console Search Analytics API (webmasters v3; also served from searchconsole.googleapis.com).
export const GSC_BASE = 'https://www.googleapis.com/webmasters/v3';
export const GSC_SCOPE = 'https://www.googleapis.com/auth/webmasters.readonly';
export const GSC_MAX_ROWS = 25_000;
/** Report days are Pacific time whatever the site's audience. */
export const GSC_TIME_ZONE = 'America/Los_Angeles';
/** On a quota error wait this long (docs: 15 min) unless the server says otherwise. */
export const GSC_QUOTA_WAIT_MS = 15 * 60_000;

/** siteUrl must be URL-encoded: `https%3A%2F%2Fwww.example.com%2F` or `sc-domain%3Aexample.com`. */
export const queryUrl = (siteUrl: string): string => `${GSC_BASE}/sites/${encodeURIComponent(siteUrl)}/searchAnalytics/query`;
