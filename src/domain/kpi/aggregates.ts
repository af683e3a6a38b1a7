// Monthly aggregates of one service's normalised daily rows: what KPI expressions read.
//
// Rules (see README.md in this folder):
// - Only rows whose `date` lies in the month count; others are counted in `rowsIgnored`.
// - Sources report the same day at several grains (an `account` total plus `campaign` rows, a Topvisor
//   project summary plus `keyword` rows, GSC `query` rows…). Per (source, account, date) only the rows
//   of the coarsest grain present are used: account < campaign < channel < goal < page < query < keyword.
//   Different accounts of one source add up (two counters = two sites).
// - `null` stays "no data": a field is null unless at least one used row had a value for it; a 0 the
//   source reported is a real 0. Missing is never read as zero.
// - Sums: impressions, clicks, conversions, sessions, organicSessions, goal reaches; cost in micros as an
//   exact integer (decimal string), per currency — two currencies in one aggregate make cost null and set
//   `mixedCurrencies` (money is never converted silently). Users are not additive across campaigns or
//   channels, so a day counts its users only when its grain has exactly one row; the month's `users` is
//   then a sum of daily users (user-days, not unique users).
// - avgPosition is impression-weighted when every positioned row has impressions > 0, else the plain
//   mean of the positioned rows. top10Share is the mean of the rows that have it.
// - Day masks: bit d−1 set = day d had a value for the field. They give exact "days with data" for any
//   combination of sources (OR the masks), which per-day averages need.
// - `total` adds all sources together (Metrica + GA4 sessions would double count: expressions that
//   mean "one analytics source" select sources with combine 'first').
// One pass to find each day's grain, one pass to add: O(rows).
import type { DailyRow, DimensionKind, MetricSource } from '../../connectors/metrics/types';
import { METRIC_SOURCES } from '../../connectors/metrics/types';
import { parseMicros } from '../money/money';
import { daysInMonth, requireYearMonth } from '../month-rules';

/** Fields with a day mask (every aggregated metric). */
export const DAY_FIELDS = ['impressions', 'clicks', 'cost', 'conversions', 'sessions', 'organicSessions', 'users', 'avgPosition', 'top10Share'] as const;
export type DayField = (typeof DAY_FIELDS)[number];

export interface AggregateFlags {
  sampled: boolean;
  partial: boolean;
  dataLoss: boolean;
}

export interface SourceAggregate {
  impressions: number | null;
  clicks: number | null;
  /** Exact sum of cost micros (int64 decimal string); null without cost or with mixed currencies. */
  costMicros: string | null;
  /** The cost's currency when known. */
  currency: string | null;
  mixedCurrencies: boolean;
  /** Whether cost includes VAT; null when unknown or mixed. */
  vatIncluded: boolean | null;
  conversions: number | null;
  /** goal id → reaches (Metrica per-goal data). */
  goalReaches: Record<string, number>;
  sessions: number | null;
  organicSessions: number | null;
  /** Σ daily users (user-days); see the rules above. */
  users: number | null;
  avgPosition: number | null;
  top10Share: number | null;
  /** Distinct days with any value. */
  daysWithData: number;
  /** Per field: bit d−1 set = day d had a value. */
  dayMasks: Record<DayField, number>;
  firstDate: string | null;
  lastDate: string | null;
  flags: AggregateFlags;
  /** Rows used (after the grain choice). */
  rows: number;
}

export interface MonthlyAggregates {
  /** YYYY-MM */
  month: string;
  daysInMonth: number;
  bySource: Partial<Record<MetricSource, SourceAggregate>>;
  total: SourceAggregate;
  rowsUsed: number;
  /** Rows outside the month or of a finer grain than the day's coarsest one. */
  rowsIgnored: number;
}

const GRAIN_RANK: Record<DimensionKind, number> = { account: 0, campaign: 1, channel: 2, goal: 3, page: 4, query: 5, keyword: 6 };

const ADDITIVE = ['impressions', 'clicks', 'conversions', 'sessions', 'organicSessions'] as const;

interface Acc {
  sums: Record<(typeof ADDITIVE)[number] | 'users', number | null>;
  cost: bigint | null;
  currency: string | null;
  mixedCurrencies: boolean;
  vat: boolean | null | 'mixed' | 'unset';
  goals: Map<string, number>;
  posWeighted: number;
  posWeight: number;
  posPlain: number;
  posCount: number;
  posAllWeighted: boolean;
  topSum: number;
  topCount: number;
  masks: Record<DayField, number>;
  dataMask: number;
  flags: AggregateFlags;
  rows: number;
}

function newAcc(): Acc {
  return {
    sums: { impressions: null, clicks: null, conversions: null, sessions: null, organicSessions: null, users: null },
    cost: null,
    currency: null,
    mixedCurrencies: false,
    vat: 'unset',
    goals: new Map(),
    posWeighted: 0,
    posWeight: 0,
    posPlain: 0,
    posCount: 0,
    posAllWeighted: true,
    topSum: 0,
    topCount: 0,
    masks: emptyMasks(),
    dataMask: 0,
    flags: { sampled: false, partial: false, dataLoss: false },
    rows: 0,
  };
}

function emptyMasks(): Record<DayField, number> {
  return { impressions: 0, clicks: 0, cost: 0, conversions: 0, sessions: 0, organicSessions: 0, users: 0, avgPosition: 0, top10Share: 0 };
}

/** Number of set bits (days) in a day mask. */
export function countDays(mask: number): number {
  let m = mask >>> 0;
  let n = 0;
  while (m !== 0) {
    m &= m - 1;
    n += 1;
  }
  return n;
}

// Floating sums (fractional conversions, averages) are cleaned to 9 decimals so JSON stays stable.
const clean = (x: number): number => Math.round(x * 1e9) / 1e9;

function addRow(acc: Acc, row: DailyRow, bit: number, countUsers: boolean): void {
  acc.rows += 1;
  let any = false;
  for (const f of ADDITIVE) {
    const v = row[f];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    acc.sums[f] = (acc.sums[f] ?? 0) + v;
    acc.masks[f] |= bit;
    any = true;
  }
  if (countUsers && row.users !== null && Number.isFinite(row.users)) {
    acc.sums.users = (acc.sums.users ?? 0) + row.users;
    acc.masks.users |= bit;
    any = true;
  }
  if (row.costMicros !== null) {
    const micros = parseMicros(row.costMicros);
    if (row.currency !== null) {
      if (acc.currency === null) acc.currency = row.currency;
      else if (acc.currency !== row.currency) acc.mixedCurrencies = true;
    }
    acc.cost = (acc.cost ?? 0n) + micros;
    acc.masks.cost |= bit;
    any = true;
    if (acc.vat === 'unset') acc.vat = row.vatIncluded;
    else if (acc.vat !== 'mixed' && acc.vat !== row.vatIncluded) acc.vat = 'mixed';
  }
  if (row.goalReaches) {
    for (const [goal, reaches] of Object.entries(row.goalReaches)) {
      if (!Number.isFinite(reaches)) continue;
      acc.goals.set(goal, (acc.goals.get(goal) ?? 0) + reaches);
      any = true;
    }
  }
  if (row.avgPosition !== null && Number.isFinite(row.avgPosition)) {
    const w = row.impressions ?? 0;
    if (w > 0) {
      acc.posWeighted += row.avgPosition * w;
      acc.posWeight += w;
    } else acc.posAllWeighted = false;
    acc.posPlain += row.avgPosition;
    acc.posCount += 1;
    acc.masks.avgPosition |= bit;
    any = true;
  }
  if (row.top10Share !== null && Number.isFinite(row.top10Share)) {
    acc.topSum += row.top10Share;
    acc.topCount += 1;
    acc.masks.top10Share |= bit;
    any = true;
  }
  if (any) acc.dataMask |= bit;
  if (row.flags?.sampled) acc.flags.sampled = true;
  if (row.flags?.partial) acc.flags.partial = true;
  if (row.flags?.dataLoss) acc.flags.dataLoss = true;
}

function dateOfDay(month: string, day: number): string {
  return `${month}-${String(day).padStart(2, '0')}`;
}

function finish(acc: Acc, month: string): SourceAggregate {
  const goalReaches: Record<string, number> = {};
  for (const key of [...acc.goals.keys()].sort()) goalReaches[key] = clean(acc.goals.get(key) ?? 0);
  // Lowest and highest set bits → first and last day with data.
  const first = acc.dataMask === 0 ? null : 32 - Math.clz32(acc.dataMask & -acc.dataMask);
  const last = acc.dataMask === 0 ? null : 32 - Math.clz32(acc.dataMask);
  const num = (v: number | null): number | null => (v === null ? null : clean(v));
  return {
    impressions: num(acc.sums.impressions),
    clicks: num(acc.sums.clicks),
    costMicros: acc.cost === null || acc.mixedCurrencies ? null : acc.cost.toString(),
    currency: acc.mixedCurrencies ? null : acc.currency,
    mixedCurrencies: acc.mixedCurrencies,
    vatIncluded: acc.vat === 'mixed' || acc.vat === 'unset' ? null : acc.vat,
    conversions: num(acc.sums.conversions),
    goalReaches,
    sessions: num(acc.sums.sessions),
    organicSessions: num(acc.sums.organicSessions),
    users: num(acc.sums.users),
    avgPosition:
      acc.posCount === 0 ? null : clean(acc.posAllWeighted && acc.posWeight > 0 ? acc.posWeighted / acc.posWeight : acc.posPlain / acc.posCount),
    top10Share: acc.topCount === 0 ? null : clean(acc.topSum / acc.topCount),
    daysWithData: countDays(acc.dataMask),
    dayMasks: { ...acc.masks },
    firstDate: first === null ? null : dateOfDay(month, first),
    lastDate: last === null ? null : dateOfDay(month, last),
    flags: { ...acc.flags },
    rows: acc.rows,
  };
}

/** An aggregate with no data at all (every field null). */
export function emptySourceAggregate(): SourceAggregate {
  return finish(newAcc(), '0000-00');
}

export function emptyMonthlyAggregates(month: string): MonthlyAggregates {
  const ym = requireYearMonth(month);
  return { month, daysInMonth: daysInMonth(ym.year, ym.month), bySource: {}, total: emptySourceAggregate(), rowsUsed: 0, rowsIgnored: 0 };
}

interface DayBucket {
  rank: number;
  /** Rows at `rank`. */
  count: number;
}

/** Day of month (1..dim) of a YYYY-MM-DD date in `month`, or 0 when the date is elsewhere. */
function dayInMonth(date: string, month: string, dim: number): number {
  if (date.length !== 10 || !date.startsWith(month) || date.charCodeAt(7) !== 45 /* - */) return 0;
  const d = Number(date.slice(8));
  return Number.isInteger(d) && d >= 1 && d <= dim ? d : 0;
}

/** Builds the month's aggregates per source and in total from one service's rows (any order). */
export function aggregateMonth(rows: Iterable<DailyRow>, month: string): MonthlyAggregates {
  const ym = requireYearMonth(month);
  const dim = daysInMonth(ym.year, ym.month);
  const list = Array.isArray(rows) ? (rows as readonly DailyRow[]) : [...rows];
  // Pass 1: the coarsest grain per (source, account, day).
  const buckets = new Map<string, DayBucket>();
  const keys: Array<string | null> = new Array(list.length);
  let ignored = 0;
  for (let i = 0; i < list.length; i += 1) {
    const row = list[i] as DailyRow;
    const day = dayInMonth(row.date, month, dim);
    if (day === 0) {
      keys[i] = null;
      continue;
    }
    const key = `${row.source}\u0000${row.accountId}\u0000${day}`;
    keys[i] = key;
    const rank = GRAIN_RANK[row.dimension.kind] ?? 99;
    const b = buckets.get(key);
    if (!b || rank < b.rank) buckets.set(key, { rank, count: 1 });
    else if (rank === b.rank) b.count += 1;
  }
  // Pass 2: add the rows of each day's grain.
  const accs = new Map<MetricSource, Acc>();
  const total = newAcc();
  let used = 0;
  for (let i = 0; i < list.length; i += 1) {
    const key = keys[i];
    const row = list[i] as DailyRow;
    if (key === null || key === undefined) {
      ignored += 1;
      continue;
    }
    const b = buckets.get(key);
    if (!b || (GRAIN_RANK[row.dimension.kind] ?? 99) !== b.rank) {
      ignored += 1;
      continue;
    }
    const bit = 1 << (Number(row.date.slice(8)) - 1);
    let acc = accs.get(row.source);
    if (!acc) {
      acc = newAcc();
      accs.set(row.source, acc);
    }
    const countUsers = b.count === 1;
    addRow(acc, row, bit, countUsers);
    addRow(total, row, bit, countUsers);
    used += 1;
  }
  const bySource: Partial<Record<MetricSource, SourceAggregate>> = {};
  for (const source of METRIC_SOURCES) {
    const acc = accs.get(source);
    if (acc) bySource[source] = finish(acc, month);
  }
  return { month, daysInMonth: dim, bySource, total: finish(total, month), rowsUsed: used, rowsIgnored: ignored };
}
