// Google Ads API: the version lives here and nowhere else (majors sunset ~yearly; see README).
export const GOOGLE_ADS_API_VERSION = 'v26';
export const GOOGLE_ADS_BASE = `https://googleads.googleapis.com/${GOOGLE_ADS_API_VERSION}`;
export const GOOGLE_ADS_SCOPE = 'https://www.googleapis.com/auth/adwords';
/** Fixed server-side page size of `:search` (the old pageSize field is gone). */
export const GOOGLE_ADS_PAGE_SIZE = 10_000;

export function customerUrl(customerId: string, method: 'search' | 'searchStream'): string {
  return `${GOOGLE_ADS_BASE}/customers/${customerId}/googleAds:${method}`;
}

/** Daily campaign metrics. Explicit BETWEEN (DURING accepts only a fixed list of literals). */
export function dailyCampaignQuery(from: string, to: string): string {
  return [
    'SELECT segments.date, customer.currency_code, customer.time_zone,',
    '  campaign.id, campaign.name, campaign.status,',
    '  metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions,',
    '  metrics.conversions_value, metrics.ctr, metrics.average_cpc',
    'FROM campaign',
    `WHERE segments.date BETWEEN '${from}' AND '${to}'`,
  ].join('\n');
}

export const CUSTOMER_QUERY = 'SELECT customer.id, customer.descriptive_name, customer.currency_code, customer.time_zone FROM customer';

export const ACCOUNT_BUDGET_QUERY = [
  'SELECT account_budget.id, account_budget.status, account_budget.approved_spending_limit_micros,',
  '  account_budget.approved_spending_limit_type, account_budget.adjusted_spending_limit_micros,',
  '  account_budget.amount_served_micros, customer.currency_code',
  'FROM account_budget',
  "WHERE account_budget.status = 'APPROVED'",
].join('\n');
