// A tiny typed expression language over the monthly aggregates and the service's monthly facts.
// Expressions are data (JSON), never strings to eval, so admins can store custom KPIs safely.
//
// Evaluation rules:
// - A value the data does not have is null, and null spreads: anything computed from a missing value is
//   null. Missing is never read as zero.
// - x / 0 is +∞ or −∞ for x ≠ 0 (spend without a single conversion is an infinitely bad cost per action,
//   not "no data"); 0 / 0 is null. NaN (∞ − ∞, ∞ × 0) becomes null.
// - `metric` reads one aggregate field. Without `sources` it reads the all-source total. With sources,
//   combine 'sum' (default) adds the listed sources that have the value (null when none has it);
//   'first' takes the first listed source that has it (Metrica, else GA4: no double counting).
//   agg 'per-day' divides by the days with data for that field (exact union of the sources' day masks),
//   which compares partial months and months of different lengths fairly.
// - Percent-like results are fractions (0.0523 = 5.23 %), as in the report model.
// - `growth` = (value − value in the compared period) / value in the compared period, evaluating `of`
//   once for the month and once with "current" meaning the compared month.
// - `kpi` evaluates another KPI definition's metric (cycles are rejected by validation and, at run time,
//   throw).
import type { MetricSource } from '../../connectors/metrics/types';
import { type DayField, type MonthlyAggregates, type SourceAggregate, countDays } from './aggregates';

export const METRIC_FIELDS = [
  'impressions',
  'clicks',
  'cost',
  'conversions',
  'sessions',
  'organicSessions',
  'users',
  'avgPosition',
  'top10Share',
  'daysWithData',
] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];

/** Fields that may be summed across sources and averaged per day. */
export const ADDITIVE_FIELDS: readonly MetricField[] = ['impressions', 'clicks', 'cost', 'conversions', 'sessions', 'organicSessions', 'users'];

export const PERIODS = ['current', 'previous-month', 'same-month-last-year'] as const;
export type Period = (typeof PERIODS)[number];
export type ComparedPeriod = Exclude<Period, 'current'>;

/** Facts of a service's month that do not come from metrics rows. */
export const FACT_NAMES = ['hoursUsed', 'hoursAllowance', 'revenue', 'totalCost', 'margin', 'clientRating', 'ratingCount'] as const;
export type FactName = (typeof FACT_NAMES)[number];

export interface ServiceFacts {
  /** Hours logged on the service in the month (worklogs). */
  hoursUsed: number | null;
  /** service.monthlyHourAllowance */
  hoursAllowance: number | null;
  /** Net revenue (fees + commission), total cost and margin: decimal strings in the service currency. */
  revenue: string | null;
  totalCost: string | null;
  margin: string | null;
  /** Mean client rating 1–5 from the month's report feedback; null when none was given. */
  clientRating: number | null;
  ratingCount: number | null;
}

export const EMPTY_FACTS: Readonly<ServiceFacts> = Object.freeze({
  hoursUsed: null,
  hoursAllowance: null,
  revenue: null,
  totalCost: null,
  margin: null,
  clientRating: null,
  ratingCount: null,
});

export type Combine = 'sum' | 'first';
export type MetricAgg = 'total' | 'per-day';
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div';

export type MetricExpr =
  | { op: 'const'; value: number }
  | { op: 'metric'; field: MetricField; sources?: MetricSource[]; combine?: Combine; agg?: MetricAgg; period?: Period }
  /** Σ reaches of the listed goals (Metrica per-goal data). */
  | { op: 'goal'; goalIds: string[]; sources?: MetricSource[]; combine?: Combine; period?: Period }
  | { op: 'fact'; name: FactName; period?: Period }
  | { op: BinaryOp; left: MetricExpr; right: MetricExpr }
  | { op: 'growth'; of: MetricExpr; vs: ComparedPeriod }
  | { op: 'kpi'; id: string };

/** One month's inputs. */
export interface PeriodData {
  aggregates: MonthlyAggregates | null;
  facts?: Partial<ServiceFacts> | null;
}

/** Everything an expression may read. */
export interface MetricInputs {
  current: PeriodData;
  previousMonth?: PeriodData | null;
  sameMonthLastYear?: PeriodData | null;
  /** Definitions `kpi` nodes may refer to (only `id` and `metric` are read). */
  definitions?: ReadonlyMap<string, { id: string; metric: MetricExpr }> | ReadonlyArray<{ id: string; metric: MetricExpr }>;
}

// ---------------------------------------------------------------------------------------------
// Reading aggregates

function fieldValue(agg: SourceAggregate, field: MetricField): number | null {
  switch (field) {
    case 'cost':
      return agg.costMicros === null ? null : Number(BigInt(agg.costMicros)) / 1e6;
    case 'daysWithData':
      return agg.daysWithData;
    default:
      return agg[field];
  }
}

function fieldMask(agg: SourceAggregate, field: MetricField): number {
  return field === 'daysWithData' ? 0 : agg.dayMasks[field as DayField];
}

interface Picked {
  value: number | null;
  mask: number;
}

function pickMetric(aggs: MonthlyAggregates, field: MetricField, sources: readonly MetricSource[] | undefined, combine: Combine): Picked {
  if (!sources || sources.length === 0) return { value: fieldValue(aggs.total, field), mask: fieldMask(aggs.total, field) };
  if (combine === 'first') {
    for (const s of sources) {
      const agg = aggs.bySource[s];
      const v = agg ? fieldValue(agg, field) : null;
      if (agg && v !== null) return { value: v, mask: fieldMask(agg, field) };
    }
    return { value: null, mask: 0 };
  }
  let value: number | null = null;
  let mask = 0;
  let currency: string | null = null;
  for (const s of sources) {
    const agg = aggs.bySource[s];
    const v = agg ? fieldValue(agg, field) : null;
    if (!agg || v === null) continue;
    if (field === 'cost' && agg.currency !== null) {
      // Costs in two currencies cannot be added.
      if (currency !== null && currency !== agg.currency) return { value: null, mask: 0 };
      currency = agg.currency;
    }
    value = (value ?? 0) + v;
    mask |= fieldMask(agg, field);
  }
  return { value, mask };
}

function pickGoals(aggs: MonthlyAggregates, goalIds: readonly string[], sources: readonly MetricSource[] | undefined, combine: Combine): number | null {
  const read = (agg: SourceAggregate): number | null => {
    let v: number | null = null;
    for (const g of goalIds) {
      const r = agg.goalReaches[g];
      if (r !== undefined) v = (v ?? 0) + r;
    }
    return v;
  };
  if (!sources || sources.length === 0) return read(aggs.total);
  let value: number | null = null;
  for (const s of sources) {
    const agg = aggs.bySource[s];
    const v = agg ? read(agg) : null;
    if (v === null) continue;
    if (combine === 'first') return v;
    value = (value ?? 0) + v;
  }
  return value;
}

function factValue(facts: Partial<ServiceFacts> | null | undefined, name: FactName): number | null {
  const v = facts?.[name];
  if (v === null || v === undefined) return null;
  const n = typeof v === 'string' ? Number(v) : v;
  return Number.isFinite(n) ? n : null;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

const finiteOrNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** x / y with the ±∞ rule for a zero denominator. */
export function divide(x: number, y: number): number | null {
  if (y === 0) return x === 0 ? null : x > 0 ? Infinity : -Infinity;
  return finiteOrNull(x / y);
}

function definitionMap(inputs: MetricInputs): ReadonlyMap<string, { id: string; metric: MetricExpr }> {
  const d = inputs.definitions;
  if (!d) return new Map();
  if (d instanceof Map) return d;
  return new Map((d as ReadonlyArray<{ id: string; metric: MetricExpr }>).map((x) => [x.id, x]));
}

export class KpiReferenceLoopError extends RangeError {
  constructor(readonly path: readonly string[]) {
    super(`KPI reference loop: ${path.join(' → ')}`);
  }
}

interface EvalState {
  inputs: MetricInputs;
  defs: ReadonlyMap<string, { id: string; metric: MetricExpr }>;
  stack: string[];
}

function periodData(state: EvalState, period: Period): PeriodData | null {
  if (period === 'current') return state.inputs.current;
  if (period === 'previous-month') return state.inputs.previousMonth ?? null;
  return state.inputs.sameMonthLastYear ?? null;
}

/** `base` is the month "current" refers to (a compared month inside growth). */
function resolvePeriod(nodePeriod: Period | undefined, base: Period): Period | null {
  const p = nodePeriod ?? 'current';
  if (base === 'current') return p;
  return p === 'current' ? base : null; // an explicit period inside growth has no defined meaning
}

function ev(expr: MetricExpr, state: EvalState, base: Period): number | null {
  switch (expr.op) {
    case 'const':
      return Number.isFinite(expr.value) ? expr.value : null;
    case 'metric': {
      const p = resolvePeriod(expr.period, base);
      const aggs = p === null ? null : periodData(state, p)?.aggregates;
      if (!aggs) return null;
      const picked = pickMetric(aggs, expr.field, expr.sources, expr.combine ?? 'sum');
      if (picked.value === null) return null;
      if ((expr.agg ?? 'total') === 'total') return picked.value;
      const days = countDays(picked.mask);
      return days === 0 ? null : picked.value / days;
    }
    case 'goal': {
      const p = resolvePeriod(expr.period, base);
      const aggs = p === null ? null : periodData(state, p)?.aggregates;
      return aggs ? pickGoals(aggs, expr.goalIds, expr.sources, expr.combine ?? 'sum') : null;
    }
    case 'fact': {
      const p = resolvePeriod(expr.period, base);
      return p === null ? null : factValue(periodData(state, p)?.facts, expr.name);
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const l = ev(expr.left, state, base);
      if (l === null) return null;
      const r = ev(expr.right, state, base);
      if (r === null) return null;
      if (expr.op === 'add') return finiteOrNull(l + r);
      if (expr.op === 'sub') return finiteOrNull(l - r);
      if (expr.op === 'mul') return finiteOrNull(l * r);
      return divide(l, r);
    }
    case 'growth': {
      const now = ev(expr.of, state, base);
      if (now === null || base !== 'current') return null; // growth inside growth is undefined
      const then = ev(expr.of, state, expr.vs);
      if (then === null) return null;
      return divide(now - then, then);
    }
    case 'kpi': {
      if (state.stack.includes(expr.id)) throw new KpiReferenceLoopError([...state.stack, expr.id]);
      const def = state.defs.get(expr.id);
      if (!def) return null;
      state.stack.push(expr.id);
      try {
        return ev(def.metric, state, base);
      } finally {
        state.stack.pop();
      }
    }
  }
}

/**
 * Evaluates an expression: a number (possibly ±∞, see the rules above) or null when any needed data is
 * missing.
 */
export function evaluateMetric(expr: MetricExpr, inputs: MetricInputs): number | null {
  return ev(expr, { inputs, defs: definitionMap(inputs), stack: [] }, 'current');
}

// ---------------------------------------------------------------------------------------------
// Static inspection

export interface ExpressionInputs {
  /** Sources read; 'all' when some node reads the all-source total. */
  sources: MetricSource[] | 'all' | 'none';
  facts: FactName[];
  periods: Period[];
  kpis: string[];
}

/** What an expression reads (following `kpi` references through `definitions`). */
export function expressionInputs(
  expr: MetricExpr,
  definitions: ReadonlyMap<string, { metric: MetricExpr }> = new Map(),
): ExpressionInputs {
  const sources = new Set<MetricSource>();
  let all = false;
  const facts = new Set<FactName>();
  const periods = new Set<Period>();
  const kpis = new Set<string>();
  const visit = (e: MetricExpr, base: Period): void => {
    switch (e.op) {
      case 'const':
        return;
      case 'metric':
      case 'goal':
        if (!e.sources || e.sources.length === 0) all = true;
        else e.sources.forEach((s) => sources.add(s));
        periods.add(base === 'current' ? (e.period ?? 'current') : base);
        return;
      case 'fact':
        facts.add(e.name);
        periods.add(base === 'current' ? (e.period ?? 'current') : base);
        return;
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
        visit(e.left, base);
        visit(e.right, base);
        return;
      case 'growth':
        visit(e.of, base);
        visit(e.of, e.vs);
        return;
      case 'kpi': {
        if (kpis.has(e.id)) return;
        kpis.add(e.id);
        const d = definitions.get(e.id);
        if (d) visit(d.metric, base);
      }
    }
  };
  visit(expr, 'current');
  return {
    sources: all ? 'all' : sources.size === 0 ? 'none' : [...sources].sort(),
    facts: [...facts].sort(),
    periods: [...periods].sort(),
    kpis: [...kpis].sort(),
  };
}
