// The stored KPI rollup of one service and month — what panels, dashboards and reports read directly —
// and the pure helpers the storage layer uses to keep it current incrementally.
//
// Incremental recomputation: a rollup keeps everything its KPIs were computed from (the month's metric
// aggregates, its facts, the compared months' aggregates and facts, the targets). recomputeService takes
// the previous rollup plus only what changed:
//   a day of metrics      → pass `rows` (the month's rows for the service: aggregation is O(rows))
//   a worklog/ledger/feedback → pass `facts` (only the changed fields are needed)
//   targets               → pass `targets`
//   an earlier month      → pass `previousMonth` / `sameMonthLastYear` (from those months' rollups)
//   a new day             → pass nothing: pacing moves with `today`
// needsRecompute maps one change to the rollups it affects (the month itself, and the months that
// compare against it), so a job recomputes a handful of rollups, never the agency.
//
// Pacing day (`asOf`): yesterday (today's data is still coming in). For KPIs that read metrics, in a
// running month it is further capped at the last day the read sources have data for (sources report
// with a lag; GSC by days), so a late source is not judged against days it has not reported yet.
import type { DailyRow, MetricSource } from '../../connectors/metrics/types';
import type { ServiceType } from '../model';
import { daysInMonth, formatCalendarDate, requireCalendarDate, requireYearMonth, addMonths } from '../month-rules';
import { formatMoney } from '../money/money';
import type { Profitability } from '../money/profitability';
import { type MonthlyAggregates, aggregateMonth, emptyMonthlyAggregates } from './aggregates';
import { BUILT_IN_KPIS, type KpiDefinition, type KpiDirection, type KpiPacing, type KpiTexts, type KpiUnit } from './definitions';
import { EMPTY_FACTS, type MetricExpr, type PeriodData, type ServiceFacts, evaluateMetric, expressionInputs } from './expression';
import { type KpiVerdict, type PacingThresholds, evaluatePacing, kpiScore } from './pacing';
import type { ServiceMonthTargets } from './targets';

export const KPI_ROLLUP_VERSION = 1;

export interface KpiResult {
  id: string;
  label: KpiTexts;
  unit: KpiUnit;
  direction: KpiDirection;
  pacing: KpiPacing;
  /** The month's value so far; null when data is missing or the value is unbounded (see `unbounded`). */
  value: number | null;
  /** 'positive' / 'negative' for x / 0 results (e.g. spend without conversions); else null. */
  unbounded: 'positive' | 'negative' | null;
  target: number | null;
  verdict: KpiVerdict;
  expectedByNow: number | null;
  ratio: number | null;
  elapsedDays: number;
  daysInMonth: number;
  /** The last day whose data the verdict counts. */
  asOf: string;
  note: KpiTexts;
  /** The same formula over the previous month (null when unknown, e.g. growth KPIs). */
  previousValue: number | null;
  /** (value − previousValue) / |previousValue|, as in the report model; null when not comparable. */
  changeVsPrevious: number | null;
}

export interface KpiSummary {
  counts: Record<KpiVerdict, number>;
  /** off-track > at-risk > on-track; null when nothing was judged. */
  worst: 'on-track' | 'at-risk' | 'off-track' | null;
  /** kpiScore of the verdicts (0–1), null when nothing was judged. */
  score: number | null;
}

export interface KpiRollup {
  version: typeof KPI_ROLLUP_VERSION;
  serviceId: string;
  serviceType: ServiceType;
  managerAccountId: string;
  /** YYYY-MM */
  month: string;
  /** The agency day it was computed for (YYYY-MM-DD). */
  today: string;
  /** Month finished as of `today` (its figures no longer move with the calendar). */
  finished: boolean;
  aggregates: MonthlyAggregates;
  facts: ServiceFacts;
  comparison: { previousMonth: PeriodData | null; sameMonthLastYear: PeriodData | null };
  targets: ServiceMonthTargets | null;
  kpis: KpiResult[];
  summary: KpiSummary;
  /** definitionsFingerprint() of the definitions used: a change means recompute. */
  definitionsFingerprint: string;
}

export interface RecomputeInputs {
  service: { id: string; type: ServiceType; managerAccountId: string; monthlyHourAllowance?: number };
  /** YYYY-MM */
  month: string;
  /** Today in the agency's time zone, YYYY-MM-DD. */
  today: string;
  /** The service's KPIs (definitionsFor(type, custom)); `kpi` references resolve among them and the built-ins. */
  definitions: readonly KpiDefinition[];
  /** The stored rollup of this service and month: unchanged inputs are taken from it. */
  previous?: KpiRollup | null;
  /** All metric rows of the month for the service; given → aggregates are rebuilt. */
  rows?: Iterable<DailyRow>;
  /** Already built aggregates (instead of rows). */
  aggregates?: MonthlyAggregates;
  /** Changed facts; missing fields keep the previous rollup's values. */
  facts?: Partial<ServiceFacts>;
  /** Given (also null) → replaces the previous rollup's targets. */
  targets?: ServiceMonthTargets | null;
  previousMonth?: PeriodData | null;
  sameMonthLastYear?: PeriodData | null;
  thresholds?: PacingThresholds;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** YYYY-MM-DD one day earlier. */
export function previousDay(date: string): string {
  const d = requireCalendarDate(date);
  if (d.day > 1) return formatCalendarDate(d.year, d.month, d.day - 1);
  const prev = requireYearMonth(addMonths(date.slice(0, 7), -1));
  return formatCalendarDate(prev.year, prev.month, daysInMonth(prev.year, prev.month));
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

/** A short stable hash (FNV-1a, 32 bit, hex) of definitions, independent of order and key order. */
export function definitionsFingerprint(definitions: readonly KpiDefinition[]): string {
  const text = canonicalJson([...definitions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Facts from the money domain's profitability of the month. */
export function factsFromProfitability(p: Profitability): Partial<ServiceFacts> {
  const seconds = p.people.reduce((s, x) => s + x.seconds, 0);
  return {
    hoursUsed: seconds / 3600,
    hoursAllowance: p.allowanceHours === null ? null : Number(p.allowanceHours),
    revenue: formatMoney(p.revenue),
    totalCost: formatMoney(p.totalCost),
    margin: formatMoney(p.margin),
  };
}

/** The month's client rating facts from the feedback ratings (each 1–5). */
export function ratingFacts(ratings: readonly number[]): Pick<ServiceFacts, 'clientRating' | 'ratingCount'> {
  for (const r of ratings) if (!Number.isFinite(r) || r < 1 || r > 5) throw new RangeError(`A rating is 1–5, got ${r}`);
  if (ratings.length === 0) return { clientRating: null, ratingCount: 0 };
  const sum = ratings.reduce((a, b) => a + b, 0);
  return { clientRating: Math.round((sum / ratings.length) * 1e6) / 1e6, ratingCount: ratings.length };
}

function lastDataDay(aggs: MonthlyAggregates, sources: MetricSource[] | 'all'): string | null {
  if (sources === 'all') return aggs.total.lastDate;
  let last: string | null = null;
  for (const s of sources) {
    const d = aggs.bySource[s]?.lastDate ?? null;
    if (d !== null && (last === null || d > last)) last = d;
  }
  return last;
}

const VERDICT_RANK: Partial<Record<KpiVerdict, number>> = { 'on-track': 1, 'at-risk': 2, 'off-track': 3 };

export function summarize(kpis: readonly Pick<KpiResult, 'verdict'>[]): KpiSummary {
  const counts: Record<KpiVerdict, number> = { 'on-track': 0, 'at-risk': 0, 'off-track': 0, 'no-data': 0, 'no-target': 0, pending: 0 };
  let worst: KpiSummary['worst'] = null;
  for (const k of kpis) {
    counts[k.verdict] += 1;
    const rank = VERDICT_RANK[k.verdict];
    if (rank !== undefined && (worst === null || rank > (VERDICT_RANK[worst] ?? 0))) worst = k.verdict as KpiSummary['worst'];
  }
  return { counts, worst, score: kpiScore(kpis.map((k) => k.verdict)) };
}

// ---------------------------------------------------------------------------------------------
// Recompute

/** Builds the rollup of one service and month from the changed inputs plus the previous rollup. */
export function recomputeService(inputs: RecomputeInputs): KpiRollup {
  const { service, month, today, previous } = inputs;
  const ym = requireYearMonth(month);
  requireCalendarDate(today);
  if (previous && (previous.serviceId !== service.id || previous.month !== month)) {
    throw new RangeError(`The previous rollup is of ${previous.serviceId} ${previous.month}, not ${service.id} ${month}`);
  }
  const aggregates =
    inputs.rows !== undefined
      ? aggregateMonth(inputs.rows, month)
      : (inputs.aggregates ?? (previous?.version === KPI_ROLLUP_VERSION ? previous.aggregates : null) ?? emptyMonthlyAggregates(month));
  if (aggregates.month !== month) throw new RangeError(`Aggregates of ${aggregates.month} given for ${month}`);
  const facts: ServiceFacts = { ...EMPTY_FACTS, ...(previous?.facts ?? {}) };
  if (service.monthlyHourAllowance !== undefined) facts.hoursAllowance = service.monthlyHourAllowance;
  if (inputs.facts) for (const [k, v] of Object.entries(inputs.facts) as Array<[keyof ServiceFacts, ServiceFacts[keyof ServiceFacts]]>) {
    if (v !== undefined) (facts as Record<keyof ServiceFacts, unknown>)[k] = v;
  }
  const comparison = {
    previousMonth: inputs.previousMonth !== undefined ? inputs.previousMonth : (previous?.comparison.previousMonth ?? null),
    sameMonthLastYear: inputs.sameMonthLastYear !== undefined ? inputs.sameMonthLastYear : (previous?.comparison.sameMonthLastYear ?? null),
  };
  const targets = inputs.targets !== undefined ? inputs.targets : (previous?.targets ?? null);
  if (targets && (targets.serviceId !== service.id || targets.month !== month)) {
    throw new RangeError(`Targets of ${targets.serviceId} ${targets.month} given for ${service.id} ${month}`);
  }

  // References resolve among the service's definitions, then the built-ins.
  const defs = new Map<string, { id: string; metric: MetricExpr }>();
  for (const d of BUILT_IN_KPIS) defs.set(d.id, d);
  for (const d of inputs.definitions) defs.set(d.id, d);
  const current: PeriodData = { aggregates, facts };
  const metricInputs = { current, previousMonth: comparison.previousMonth, sameMonthLastYear: comparison.sameMonthLastYear, definitions: defs };
  const prevInputs = comparison.previousMonth ? { current: comparison.previousMonth, definitions: defs } : null;

  const yesterday = previousDay(today);
  const dim = daysInMonth(ym.year, ym.month);
  const lastDay = formatCalendarDate(ym.year, ym.month, dim);
  const finished = yesterday >= lastDay;

  const kpis: KpiResult[] = inputs.definitions.map((def) => {
    const raw = evaluateMetric(def.metric, metricInputs);
    let asOf = yesterday;
    if (!finished) {
      const reads = expressionInputs(def.metric, defs).sources;
      if (reads !== 'none') {
        const last = lastDataDay(aggregates, reads);
        if (last !== null && last < asOf) asOf = last;
      }
    }
    const target = targets?.values[def.id] ?? null;
    const p = evaluatePacing({
      direction: def.direction,
      pacing: def.pacing,
      unit: def.unit,
      actual: raw,
      target,
      month,
      asOf,
      ...(inputs.thresholds ? { thresholds: inputs.thresholds } : {}),
    });
    const prevRaw = prevInputs ? evaluateMetric(def.metric, prevInputs) : null;
    const finite = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null);
    const value = finite(raw);
    const previousValue = finite(prevRaw);
    return {
      id: def.id,
      label: def.label,
      unit: def.unit,
      direction: def.direction,
      pacing: def.pacing,
      value,
      unbounded: raw === Infinity ? 'positive' : raw === -Infinity ? 'negative' : null,
      target,
      verdict: p.verdict,
      expectedByNow: p.expectedByNow,
      ratio: finite(p.ratio),
      elapsedDays: p.elapsedDays,
      daysInMonth: p.daysInMonth,
      asOf,
      note: p.note,
      previousValue,
      changeVsPrevious: value !== null && previousValue !== null && previousValue !== 0 ? (value - previousValue) / Math.abs(previousValue) : null,
    };
  });

  return {
    version: KPI_ROLLUP_VERSION,
    serviceId: service.id,
    serviceType: service.type,
    managerAccountId: service.managerAccountId,
    month,
    today,
    finished,
    aggregates,
    facts,
    comparison,
    targets,
    kpis,
    summary: summarize(kpis),
    definitionsFingerprint: definitionsFingerprint(inputs.definitions),
  };
}

/** What a month's rollup gives later months to compare against. */
export function periodDataOf(rollup: KpiRollup | null | undefined): PeriodData | null {
  return rollup ? { aggregates: rollup.aggregates, facts: rollup.facts } : null;
}

// ---------------------------------------------------------------------------------------------
// Incremental bookkeeping

export type InputChange =
  /** A day of metrics was (re)fetched for the service. */
  | { kind: 'metrics'; serviceId: string; date: string }
  /** A worklog was added, changed or removed (date = the day it was started). */
  | { kind: 'worklog'; serviceId: string; date: string }
  | { kind: 'ledger'; serviceId: string; period: string }
  /** Client feedback on the month's report (a rating). */
  | { kind: 'feedback'; serviceId: string; month: string }
  | { kind: 'targets'; serviceId: string; month: string }
  /** The service itself changed (type, manager, hour allowance). */
  | { kind: 'service'; serviceId: string }
  /** Custom KPI definitions changed. */
  | { kind: 'definitions' }
  /** The calendar moved on: pacing of running months changes without new data. */
  | { kind: 'new-day'; today: string };

/**
 * What to reload before recomputing:
 *   metrics     the month's metric rows for the service (pass `rows`)
 *   facts       worklogs / ledger rollup / feedback of the month (pass `facts`)
 *   comparison  the previous month's and last year's rollups (pass previousMonth / sameMonthLastYear)
 *   targets     the month's targets, or the latest earlier ones to carry over (pass `targets`)
 *   service     the service record (type, manager, allowance; definitions follow the type)
 *   definitions the service type's KPI definitions
 *   pacing      nothing: recompute from the stored rollup with the new `today`
 */
export type RollupPart = 'metrics' | 'facts' | 'comparison' | 'targets' | 'service' | 'definitions' | 'pacing';

export interface RecomputeRequest {
  /** null = every service. */
  serviceId: string | null;
  month: string;
  parts: RollupPart[];
}

const PART_ORDER: readonly RollupPart[] = ['metrics', 'facts', 'comparison', 'targets', 'service', 'definitions', 'pacing'];

/** The month of a data change, and the later months comparing against it, up to `currentMonth`. */
function dataChange(serviceId: string, month: string, part: RollupPart, currentMonth: string): RecomputeRequest[] {
  const out: RecomputeRequest[] = [];
  if (month <= currentMonth) out.push({ serviceId, month, parts: [part] });
  for (const later of [addMonths(month, 1), addMonths(month, 12)]) {
    if (later <= currentMonth) out.push({ serviceId, month: later, parts: ['comparison'] });
  }
  return out;
}

/**
 * The rollups one change affects. `currentMonth` (YYYY-MM, the agency's) bounds the result: rollups of
 * future months are not kept.
 */
export function needsRecompute(change: InputChange, currentMonth: string): RecomputeRequest[] {
  requireYearMonth(currentMonth);
  switch (change.kind) {
    case 'metrics':
      requireCalendarDate(change.date);
      return dataChange(change.serviceId, change.date.slice(0, 7), 'metrics', currentMonth);
    case 'worklog':
      requireCalendarDate(change.date);
      return dataChange(change.serviceId, change.date.slice(0, 7), 'facts', currentMonth);
    case 'ledger':
      requireYearMonth(change.period);
      return dataChange(change.serviceId, change.period, 'facts', currentMonth);
    case 'feedback':
      requireYearMonth(change.month);
      return dataChange(change.serviceId, change.month, 'facts', currentMonth);
    case 'targets': {
      // The month itself and the later months that may carry its targets over.
      requireYearMonth(change.month);
      const out: RecomputeRequest[] = [];
      for (let m = change.month; m <= currentMonth && out.length < 120; m = addMonths(m, 1)) out.push({ serviceId: change.serviceId, month: m, parts: ['targets'] });
      return out;
    }
    case 'service':
      return [{ serviceId: change.serviceId, month: currentMonth, parts: ['service', 'definitions'] }];
    case 'definitions':
      return [{ serviceId: null, month: currentMonth, parts: ['definitions'] }];
    case 'new-day': {
      const d = requireCalendarDate(change.today);
      const month = change.today.slice(0, 7);
      const out: RecomputeRequest[] = [{ serviceId: null, month, parts: ['pacing'] }];
      // On the 1st, yesterday closes the previous month: its verdicts become final.
      if (d.day === 1) out.unshift({ serviceId: null, month: addMonths(month, -1), parts: ['pacing'] });
      return out;
    }
  }
}

/** Coalesces requests: one per (service, month) with the union of parts, in a stable order. */
export function mergeRecomputeRequests(requests: Iterable<RecomputeRequest>): RecomputeRequest[] {
  const byKey = new Map<string, { serviceId: string | null; month: string; parts: Set<RollupPart> }>();
  for (const r of requests) {
    const key = `${r.serviceId ?? '*'}\u0000${r.month}`;
    const cur = byKey.get(key) ?? { serviceId: r.serviceId, month: r.month, parts: new Set<RollupPart>() };
    r.parts.forEach((p) => cur.parts.add(p));
    byKey.set(key, cur);
  }
  return [...byKey.values()]
    .sort((a, b) => (a.serviceId ?? '').localeCompare(b.serviceId ?? '') || a.month.localeCompare(b.month))
    .map((r) => ({ serviceId: r.serviceId, month: r.month, parts: PART_ORDER.filter((p) => r.parts.has(p)) }));
}

/**
 * Whether a stored rollup is out of date without any data change: a running month read on another day,
 * or computed with other definitions.
 */
export function isRollupStale(rollup: KpiRollup, today: string, definitions: readonly KpiDefinition[]): boolean {
  if (rollup.version !== KPI_ROLLUP_VERSION) return true;
  if (rollup.definitionsFingerprint !== definitionsFingerprint(definitions)) return true;
  return !rollup.finished && rollup.today !== today;
}

export interface KpiHistoryPoint {
  month: string;
  value: number | null;
  unbounded: KpiResult['unbounded'];
  target: number | null;
  verdict: KpiVerdict;
}

/** One KPI across months, oldest first (months whose rollup lacks the KPI are skipped). */
export function kpiHistory(rollups: readonly KpiRollup[], kpiId: string): KpiHistoryPoint[] {
  const out: KpiHistoryPoint[] = [];
  for (const r of [...rollups].sort((a, b) => a.month.localeCompare(b.month))) {
    const k = r.kpis.find((x) => x.id === kpiId);
    if (k) out.push({ month: r.month, value: k.value, unbounded: k.unbounded, target: k.target, verdict: k.verdict });
  }
  return out;
}
