// CSV upload: the documented column set (see README). Header names are case-insensitive; spaces and
// dashes count as underscores.
export const CSV_COLUMNS = [
  'date',
  'dimension_kind',
  'dimension_id',
  'dimension_name',
  'campaign_id',
  'campaign',
  'impressions',
  'clicks',
  'cost',
  'cost_micros',
  'currency',
  'vat_included',
  'conversions',
  'sessions',
  'organic_sessions',
  'users',
  'avg_position',
  'top10_share',
  'ctr',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Aliases accepted in headers. */
export const CSV_ALIASES: Record<string, CsvColumn> = {
  day: 'date',
  campaign_name: 'campaign',
  spend: 'cost',
  position: 'avg_position',
  goal_reaches: 'conversions',
  visits: 'sessions',
};

/** Uploads larger than this are refused (Forge payload and memory limits). */
export const CSV_MAX_BYTES = 10 * 1024 * 1024;
/** Stop collecting issues after this many. */
export const CSV_MAX_ISSUES = 100;
