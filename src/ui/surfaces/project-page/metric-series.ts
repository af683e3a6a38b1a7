// Pure helpers of the Results tab: a month's stored rows → one point per source and day (the coarsest
// grain of each source/account/day, as the KPI aggregates do), then days → ISO weeks or months, then
// chart series. Cost stays exact (micros as bigint) until it is turned into a number to plot.
import type { DailyRow, DimensionKind, MetricSource } from '../../../connectors/metrics/types';
import type { SourceAggregate } from '../../../domain/kpi/aggregates';

export type Grain = 'day' | 'week' | 'month';

export const CHART_METRICS = ['clicks', 'impressions', 'cost', 'conversions', 'sessions', 'organicSessions', 'avgPosition'] as const;
export type ChartMetric = (typeof CHART_METRICS)[number];

/** One source's figures for one day (or, after bucketing, one week or month). */
export interface Point {
  source: MetricSource;
  /** Day YYYY-MM-DD, ISO week YYYY-Www or month YYYY-MM. */
  bucket: string;
  impressions: number | null;
  clicks: number | null;
  costMicros: bigint | null;
  currency: string | null;
  conversions: number | null;
  sessions: number | null;
  organicSessions: number | null;
  /** Sum and count of the days' average positions (a mean, never summed across days). */
  positionSum: number | null;
  positionDays: number;
}

const GRAIN_ORDER: readonly DimensionKind[] = ['account', 'campaign', 'channel', 'goal', 'page', 'query', 'keyword'];

const addNum = (a: number | null, b: number | null): number | null => (b === null ? a : (a ?? 0) + b);

function microsOf(text: string | null): bigint | null {
  if (text === null || !/^-?\d+$/.test(text)) return null;
  return BigInt(text);
}

function emptyPoint(source: MetricSource, bucket: string): Point {
  return { source, bucket, impressions: null, clicks: null, costMicros: null, currency: null, conversions: null, sessions: null, organicSessions: null, positionSum: null, positionDays: 0 };
}

function merge(into: Point, p: Omit<Point, 'source' | 'bucket'>): void {
  into.impressions = addNum(into.impressions, p.impressions);
  into.clicks = addNum(into.clicks, p.clicks);
  into.conversions = addNum(into.conversions, p.conversions);
  into.sessions = addNum(into.sessions, p.sessions);
  into.organicSessions = addNum(into.organicSessions, p.organicSessions);
  if (p.costMicros !== null) {
    into.costMicros = (into.costMicros ?? 0n) + p.costMicros;
    // Two currencies in one source are not added silently: the point keeps the first and says it mixed.
    into.currency = into.currency === null || into.currency === p.currency ? p.currency : 'MIXED';
  }
  if (p.positionSum !== null) {
    into.positionSum = (into.positionSum ?? 0) + p.positionSum;
    into.positionDays += p.positionDays;
  }
}

/** Rows → one point per (source, day): per (source, account, day) only the coarsest grain's rows count; accounts add up. */
export function dailyPoints(rows: readonly DailyRow[]): Point[] {
  const coarsest = new Map<string, number>();
  for (const r of rows) {
    const k = `${r.source}|${r.accountId}|${r.date}`;
    const rank = GRAIN_ORDER.indexOf(r.dimension.kind);
    const cur = coarsest.get(k);
    if (cur === undefined || rank < cur) coarsest.set(k, rank);
  }
  const byDay = new Map<string, Point>();
  const positions = new Map<string, { sum: number; n: number }>();
  for (const r of rows) {
    const k = `${r.source}|${r.accountId}|${r.date}`;
    if (GRAIN_ORDER.indexOf(r.dimension.kind) !== coarsest.get(k)) continue;
    const dk = `${r.source}|${r.date}`;
    let p = byDay.get(dk);
    if (!p) {
      p = emptyPoint(r.source, r.date);
      byDay.set(dk, p);
    }
    merge(p, {
      impressions: r.impressions,
      clicks: r.clicks,
      costMicros: microsOf(r.costMicros),
      currency: r.currency,
      conversions: r.conversions,
      sessions: r.sessions,
      organicSessions: r.organicSessions,
      positionSum: null,
      positionDays: 0,
    });
    if (r.avgPosition !== null) {
      const pos = positions.get(dk) ?? { sum: 0, n: 0 };
      pos.sum += r.avgPosition;
      pos.n += 1;
      positions.set(dk, pos);
    }
  }
  // A day's position is the mean of its ranked rows; counted as one day when weeks and months average days.
  for (const [dk, pos] of positions) {
    const p = byDay.get(dk);
    if (p) {
      p.positionSum = pos.sum / pos.n;
      p.positionDays = 1;
    }
  }
  return [...byDay.values()].sort((a, b) => (a.bucket === b.bucket ? a.source.localeCompare(b.source) : a.bucket < b.bucket ? -1 : 1));
}

/** ISO 8601 week of a calendar date: 'YYYY-Www' (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`Not a date: ${date}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday (YYYY-MM-DD) that starts an ISO week 'YYYY-Www'. */
export function isoWeekStart(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`Not an ISO week: ${week}`);
  const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4));
  jan4.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (Number(m[2]) - 1) * 7);
  return jan4.toISOString().slice(0, 10);
}

export function bucketOf(date: string, grain: Grain): string {
  if (grain === 'day') return date;
  if (grain === 'month') return date.slice(0, 7);
  return isoWeek(date);
}

/** Daily points → points per week or month (sums; positions averaged over the days that had one). */
export function bucketPoints(points: readonly Point[], grain: Grain): Point[] {
  if (grain === 'day') return [...points];
  const out = new Map<string, Point>();
  for (const p of points) {
    const bucket = bucketOf(p.bucket, grain);
    const k = `${p.source}|${bucket}`;
    let q = out.get(k);
    if (!q) {
      q = emptyPoint(p.source, bucket);
      out.set(k, q);
    }
    merge(q, p);
  }
  return [...out.values()].sort((a, b) => (a.bucket === b.bucket ? a.source.localeCompare(b.source) : a.bucket < b.bucket ? -1 : 1));
}

/** A point's value of one metric as a number to plot; cost in major units (micros ÷ 10⁶), null when missing or mixed. */
export function metricValue(p: Point, metric: ChartMetric): number | null {
  switch (metric) {
    case 'cost':
      if (p.costMicros === null || p.currency === 'MIXED') return null;
      // Exact up to here; the chart needs a number. 2 decimals are kept without float drift of the sum.
      return Number((p.costMicros / 10_000n).toString()) / 100;
    case 'avgPosition':
      return p.positionSum === null || p.positionDays === 0 ? null : Math.round((p.positionSum / p.positionDays) * 100) / 100;
    default:
      return p[metric];
  }
}

/** Metrics with at least one value among the points (the picker offers only these). */
export function metricsWithData(points: readonly Point[]): ChartMetric[] {
  return CHART_METRICS.filter((m) => points.some((p) => metricValue(p, m) !== null));
}

export interface MetricChartData {
  /** Bucket keys in order (format them for people with `bucketLabel`). */
  buckets: string[];
  series: Array<{ source: MetricSource; values: Array<number | null> }>;
  /** The cost currency when every point agrees on one. */
  currency: string | null;
}

/** Points → x buckets (every bucket between the first and last, gaps included for days) and one series per source. */
export function chartData(points: readonly Point[], metric: ChartMetric, grain: Grain, range?: { from: string; to: string }): MetricChartData {
  const buckets = allBuckets(points, grain, range);
  const sources = [...new Set(points.map((p) => p.source))].sort();
  const index = new Map(points.map((p) => [`${p.source}|${p.bucket}`, p]));
  const currencies = new Set(points.filter((p) => p.costMicros !== null).map((p) => p.currency));
  return {
    buckets,
    series: sources.map((source) => ({
      source,
      values: buckets.map((b) => {
        const p = index.get(`${source}|${b}`);
        return p ? metricValue(p, metric) : null;
      }),
    })),
    currency: currencies.size === 1 ? ([...currencies][0] ?? null) : null,
  };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Every bucket from the range's (or the points') first day to its last, in order. */
export function allBuckets(points: readonly Point[], grain: Grain, range?: { from: string; to: string }): string[] {
  const days = points.map((p) => p.bucket).sort();
  const from = range?.from ?? days[0];
  const to = range?.to ?? days[days.length - 1];
  if (!from || !to || from > to) return [];
  if (grain !== 'day' && !range) return [...new Set(points.map((p) => p.bucket))].sort();
  const out: string[] = [];
  const seen = new Set<string>();
  for (let d = from; d <= to; d = nextDay(d)) {
    const b = bucketOf(d, grain);
    if (!seen.has(b)) {
      seen.add(b);
      out.push(b);
    }
  }
  return out;
}

/** A month's stored aggregates (no rows needed) → one point per source for that month. */
export function monthPoints(month: string, bySource: Partial<Record<MetricSource, SourceAggregate>>): Point[] {
  return (Object.entries(bySource) as Array<[MetricSource, SourceAggregate]>)
    .map(([source, a]) => ({
      source,
      bucket: month,
      impressions: a.impressions,
      clicks: a.clicks,
      costMicros: microsOf(a.costMicros),
      currency: a.mixedCurrencies ? 'MIXED' : a.currency,
      conversions: a.conversions,
      sessions: a.sessions,
      organicSessions: a.organicSessions,
      positionSum: a.avgPosition,
      positionDays: a.avgPosition === null ? 0 : 1,
    }))
    .sort((x, y) => x.source.localeCompare(y.source));
}
