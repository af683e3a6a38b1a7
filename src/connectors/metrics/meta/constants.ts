// Meta Marketing API (Graph) insights. The version lives here and nowhere else.
export const META_API_VERSION = 'v26.0';
export const META_GRAPH_BASE = `https://graph.facebook.com/${META_API_VERSION}`;
export const META_INSIGHTS_FIELDS = ['campaign_id', 'campaign_name', 'account_currency', 'spend', 'impressions', 'clicks', 'ctr', 'actions', 'date_start', 'date_stop'] as const;
/** Rows per page. */
export const META_PAGE_SIZE = 500;
/** Longer ranges go through an async report run (sync calls time out on big requests). */
export const META_SYNC_MAX_DAYS = 31;
/** Poll interval for async runs (docs: 10–30 s). */
export const META_POLL_MS = 10_000;
export const META_DEFAULT_POLL_BUDGET_MS = 60_000;
/** Lead-type actions counted as conversions unless the connection says otherwise. */
export const META_DEFAULT_CONVERSION_ACTIONS = ['lead'] as const;

/** `123` or `act_123` → `act_123`. */
export function adAccountPath(id: string): string {
  const digits = id.trim().replace(/^act_/, '');
  return `act_${digits}`;
}
