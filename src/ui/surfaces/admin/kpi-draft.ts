// Custom KPI form state ↔ the definition the backend validates, and targets as typed (pure, unit-tested).
// Simple KPIs (one metric, a ratio of two, goal reaches) get a form; anything else is edited as the
// expression's JSON. Percent targets are typed as percentages and stored as fractions.
import type { MetricSource } from '../../../connectors/metrics/types';
import type { KpiDefinition, KpiDirection, KpiPacing, KpiUnit, MetricExpr, MetricField } from '../../../domain/kpi';
import type { ServiceType } from '../../../domain/model';

// Option lists kept here so the UI bundle takes only types from the domain (kpi-draft.test.ts
// checks them against the domain's own lists).
export const UNITS = ['count', 'percent', 'money', 'hours', 'ratio', 'position', 'rating'] as const satisfies readonly KpiUnit[];
export const DIRECTIONS = ['higher-is-better', 'lower-is-better'] as const satisfies readonly KpiDirection[];
export const PACINGS = ['cumulative', 'average', 'none'] as const satisfies readonly KpiPacing[];
export const FIELDS = ['impressions', 'clicks', 'cost', 'conversions', 'sessions', 'organicSessions', 'users', 'avgPosition', 'top10Share', 'daysWithData'] as const satisfies readonly MetricField[];
export const SOURCES = ['google-ads', 'yandex-direct', 'yandex-metrica', 'ga4', 'search-console', 'meta', 'topvisor', 'yandex-webmaster', 'csv'] as const satisfies readonly MetricSource[];

export type Combine = 'sum' | 'first';
export type Agg = 'total' | 'per-day';

export interface MetricPart {
  field: MetricField;
  sources: MetricSource[];
  combine: Combine;
  agg: Agg;
}

export type ExprKind = 'metric' | 'ratio' | 'goal' | 'json';

export interface KpiDraft {
  /** Set when editing: the id cannot change. */
  existing: boolean;
  id: string;
  label: { en: string; uk: string; ru: string };
  appliesTo: ServiceType[];
  direction: KpiDirection;
  unit: KpiUnit;
  pacing: KpiPacing;
  defaultTarget: string;
  kind: ExprKind;
  metric: MetricPart;
  denominator: MetricPart;
  goalIds: string;
  goalSources: MetricSource[];
  json: string;
}

const part = (field: MetricField): MetricPart => ({ field, sources: [], combine: 'sum', agg: 'total' });

export function newKpiDraft(): KpiDraft {
  return {
    existing: false,
    id: '',
    label: { en: '', uk: '', ru: '' },
    appliesTo: [],
    direction: 'higher-is-better',
    unit: 'count',
    pacing: 'cumulative',
    defaultTarget: '',
    kind: 'metric',
    metric: part('conversions'),
    denominator: part('clicks'),
    goalIds: '',
    goalSources: [],
    json: '',
  };
}

function partOf(e: MetricExpr): MetricPart | null {
  if (e.op !== 'metric' || e.period) return null;
  return { field: e.field, sources: e.sources ?? [], combine: e.combine ?? 'sum', agg: e.agg ?? 'total' };
}

function exprOf(p: MetricPart): MetricExpr {
  return {
    op: 'metric',
    field: p.field,
    ...(p.sources.length > 0 ? { sources: p.sources } : {}),
    ...(p.combine !== 'sum' ? { combine: p.combine } : {}),
    ...(p.agg !== 'total' ? { agg: p.agg } : {}),
  };
}

/** Percent values are fractions in storage (0.05) and percentages on screen (5). */
export function targetToText(unit: KpiUnit, v: number | null | undefined): string {
  if (v === null || v === undefined) return '';
  return unit === 'percent' ? String(Number((v * 100).toPrecision(12))) : String(v);
}

/** The number for a typed target; '' = none; text that is not a number stays text (the server names it). */
export function targetFromText(unit: KpiUnit, text: string): number | string | null {
  const t = text.trim().replace(',', '.');
  if (!t) return null;
  if (!/^-?\d+(\.\d+)?$/.test(t)) return t;
  const n = Number(t);
  return unit === 'percent' ? Number((n / 100).toPrecision(12)) : n;
}

export function draftFromDefinition(d: KpiDefinition): KpiDraft {
  const base: KpiDraft = {
    ...newKpiDraft(),
    existing: true,
    id: d.id,
    label: { ...d.label },
    appliesTo: [...d.appliesTo],
    direction: d.direction,
    unit: d.unit,
    pacing: d.pacing,
    defaultTarget: targetToText(d.unit, d.defaultTarget),
    json: JSON.stringify(d.metric, null, 2),
  };
  const m = d.metric;
  const single = partOf(m);
  if (single) return { ...base, kind: 'metric', metric: single };
  if (m.op === 'div') {
    const num = partOf(m.left);
    const den = partOf(m.right);
    if (num && den) return { ...base, kind: 'ratio', metric: num, denominator: den };
  }
  if (m.op === 'goal' && !m.period && (m.combine ?? 'sum') === 'sum') return { ...base, kind: 'goal', goalIds: m.goalIds.join(', '), goalSources: m.sources ?? [] };
  return { ...base, kind: 'json' };
}

/** The metric expression of a draft; JSON that does not parse is sent as its text for the server to refuse. */
export function metricOf(d: KpiDraft): unknown {
  switch (d.kind) {
    case 'metric':
      return exprOf(d.metric);
    case 'ratio':
      return { op: 'div', left: exprOf(d.metric), right: exprOf(d.denominator) };
    case 'goal': {
      const ids = d.goalIds
        .split(/[,\s]+/)
        .map((x) => x.trim())
        .filter((x) => x.length > 0);
      return { op: 'goal', goalIds: ids, ...(d.goalSources.length > 0 ? { sources: d.goalSources } : {}) };
    }
    case 'json':
      try {
        return JSON.parse(d.json) as unknown;
      } catch {
        return d.json;
      }
  }
}

/** What 'kpi/definitions/save' receives (validated there; field paths come back as messages). */
export function definitionOf(d: KpiDraft): Record<string, unknown> {
  const uk = d.label.uk.trim();
  const ru = d.label.ru.trim();
  const target = targetFromText(d.unit, d.defaultTarget);
  return {
    id: d.id.trim(),
    label: { en: d.label.en.trim(), ...(uk ? { uk } : {}), ...(ru ? { ru } : {}) },
    appliesTo: d.appliesTo,
    metric: metricOf(d),
    direction: d.direction,
    unit: d.unit,
    pacing: d.pacing,
    defaultTarget: target,
  };
}

/** Targets as typed, per KPI id. */
export function targetTexts(kpis: ReadonlyArray<{ id: string; unit: KpiUnit }>, values: Readonly<Record<string, number>>): Record<string, string> {
  return Object.fromEntries(kpis.map((k) => [k.id, targetToText(k.unit, values[k.id])]));
}

/** The month's complete set for 'kpi/targets/set': every KPI, null where left empty. */
export function targetValues(kpis: ReadonlyArray<{ id: string; unit: KpiUnit }>, texts: Readonly<Record<string, string>>): Record<string, number | string | null> {
  return Object.fromEntries(kpis.map((k) => [k.id, targetFromText(k.unit, texts[k.id] ?? '')]));
}

/** 'YYYY-MM' of `now` in an IANA zone (the agency plans its months in its own zone). */
export function monthIn(timeZone: string, now: Date = new Date()): string {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}`;
}

/** A symbol after a target where the unit has one (no words, so the same in every language). */
export function unitSymbol(unit: KpiUnit): string {
  return unit === 'percent' ? '%' : unit === 'rating' ? '/ 5' : '';
}
