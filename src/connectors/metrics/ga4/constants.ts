// Google Analytics 4 Data API v1beta.
export const GA4_BASE = 'https://analyticsdata.googleapis.com/v1beta';
export const GA4_SCOPE = 'https://www.googleapis.com/auth/analytics.readonly';
export const GA4_PAGE_SIZE = 10_000;
export const GA4_MAX_PAGE_SIZE = 250_000;
/** Channel label of organic search in the default channel group. */
export const GA4_ORGANIC_CHANNEL = 'Organic Search';
/** Row GA4 folds high-cardinality data into. */
export const GA4_OTHER = '(other)';

export const runReportUrl = (propertyId: string): string => `${GA4_BASE}/properties/${propertyId}:runReport`;
