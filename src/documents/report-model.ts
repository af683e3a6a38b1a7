// Everything a client report shows, already computed and localized where the words come from people or
// data (names, metric labels, task summaries, the manager's text). Fixed texts (headings, column titles)
// come from i18n.ts in `client.language`. Renderers (report-storage.ts, pdf/) only lay this out.
//
// Number conventions:
// - Money is a decimal string in major units of `currency`, e.g. "1234.50" or "-12.5" (what the money
//   domain's formatMoney/decimalString produce). Never a float; formatting is exact (Intl formats decimal
//   strings without going through binary floating point).
// - Percent values and changes are ratios: 0.034 is shown as "3.4 %"; a change of 0.12 as "+12 %".
// - Counts, hours and positions are plain numbers; null means "no data" and is shown as "—".
// - Dates are YYYY-MM-DD (the agency's calendar days); generatedAt is an ISO instant.

export const REPORT_LANGUAGES = ['en', 'uk', 'ru'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export const REPORT_SOURCES = ['google-ads', 'yandex-direct', 'yandex-metrica', 'ga4', 'search-console', 'meta', 'topvisor', 'csv', 'yandex-webmaster'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** Decimal string in major units, e.g. "1234.50". */
export type DecimalString = string;

export type MetricUnit = 'count' | 'money' | 'percent' | 'hours' | 'position';
export type KpiStatus = 'on-track' | 'at-risk' | 'off-track';
/** Which way a metric should move: decides whether a change is painted green or red. */
export type MetricDirection = 'higher-is-better' | 'lower-is-better' | 'neutral';

interface KpiBase {
  key: string;
  label: string;
  /** Ratio vs the previous period (0.12 = +12 %); null when there is nothing to compare with. */
  changeVsPrevious: number | null;
  /** Ratio vs the same period a year ago; null when unknown. */
  changeVsLastYear: number | null;
  status?: KpiStatus;
  /** Default: lower-is-better for `position`, higher-is-better otherwise. */
  direction?: MetricDirection;
}

export interface MoneyKpi extends KpiBase {
  unit: 'money';
  value: DecimalString | null;
  /** ISO 4217; defaults to the client's currency. */
  currency?: string;
}

export interface NumberKpi extends KpiBase {
  unit: 'count' | 'percent' | 'hours' | 'position';
  value: number | null;
}

export type HeadlineKpi = MoneyKpi | NumberKpi;

export type ColumnFormat = 'text' | 'date' | 'count' | 'decimal' | 'money' | 'percent' | 'hours' | 'position';
export type ColumnAlign = 'left' | 'right' | 'center';

export interface TableColumn {
  key: string;
  label: string;
  /** Default: right for numeric formats, left for text and dates. */
  align?: ColumnAlign;
  format: ColumnFormat;
  /** Money columns: ISO 4217 code; defaults to the client's currency. */
  currency?: string;
}

/** Money cells are decimal strings; numeric cells numbers; text cells strings; null = no data. */
export type TableCell = string | number | null;
export type TableRow = Readonly<Record<string, TableCell>>;

export interface ReportTable {
  columns: TableColumn[];
  rows: TableRow[];
  totals?: TableRow;
}

export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

export interface ReportChart {
  /** Unique within the report; part of the chart macro's parameters and localId. */
  id: string;
  kind: 'line' | 'bar';
  title: string;
  /** X axis labels: YYYY-MM-DD dates (shown localized) or free text. */
  x: string[];
  series: ChartSeries[];
  /** How the values are formatted on the axis and in the fallback table. Default: count. */
  unit?: MetricUnit;
  currency?: string;
}

export interface ReportSection {
  source: ReportSource;
  /** Heading; empty → the source's standard name. */
  title: string;
  table: ReportTable;
  charts: ReportChart[];
  /** Optional short note under the heading (e.g. "Data until 28 March: the API was unavailable"). */
  note?: string;
}

export interface KpiStatusRow {
  label: string;
  /** Already formatted for display (targets mix units: "≥ 120 leads", "CPA ≤ 350 ₴"). */
  target: string;
  actual: string;
  verdict: KpiStatus;
  note: string;
}

export interface WorkItem {
  /** Jira issue key, e.g. "ACME-12". */
  key: string;
  summary: string;
  hours: number;
}

export interface WorkGroup {
  /** Role id (see i18n roleLabel) or an epic/group name. */
  group: string;
  items: WorkItem[];
  hours: number;
}

export interface PlanItem {
  summary: string;
  /** Role id (see i18n roleLabel) or free text. */
  role: string;
  estimateHours: number;
}

export interface ReportModel {
  /** Stable report id, e.g. "rp-sv-42-2026-03-m": goes into macro parameters and localIds. */
  reportId: string;
  agency: { name: string };
  client: { name: string; language: ReportLanguage; currency: string };
  service: { name: string; type: string };
  period: { kind: 'weekly' | 'monthly' | 'custom'; from: string; to: string; label: string };
  kpis: HeadlineKpi[];
  sections: ReportSection[];
  kpiStatus: KpiStatusRow[];
  workDone: WorkGroup[];
  plan: PlanItem[];
  /** Written by the manager before sending; plain text, may contain anything (escaped on output). */
  manager: { name?: string; analysis: string; proposals: string };
  feedback?: { rating: number; comment: string };
  /** ISO instant the report data was assembled. */
  generatedAt: string;
  status: 'draft' | 'published';
}

export function isReportLanguage(v: string): v is ReportLanguage {
  return (REPORT_LANGUAGES as readonly string[]).includes(v);
}

export function kpiDirection(kpi: HeadlineKpi): MetricDirection {
  return kpi.direction ?? (kpi.unit === 'position' ? 'lower-is-better' : 'higher-is-better');
}
