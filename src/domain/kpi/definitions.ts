// KPI definitions: the built-in ones per service type, and the schema + checks for KPIs admins add.
//
// A definition says what is measured (a typed expression, see expression.ts), which way is good,
// the unit, and how a running month is judged (pacing.ts):
//   cumulative  the value grows through the month (conversions, hours): pro-rated to the elapsed days
//   average     a rate that is meaningful any day (CTR, cost per action, growth per day): compared directly
//   none        only meaningful for the whole month (margin, client rating): judged when the month ends
// Percent-unit values and targets are fractions (0.05 = 5 %); money is in the service currency's major
// units; ratings are 1–5.
import { z } from 'zod';
import { METRIC_SOURCES, type MetricSource } from '../../connectors/metrics/types';
import { SERVICE_TYPES, type Language, type ServiceType } from '../model';
import { type Validated, toFieldErrors } from '../schemas';
import { ADDITIVE_FIELDS, FACT_NAMES, METRIC_FIELDS, PERIODS, type MetricExpr, type MetricField } from './expression';

export const KPI_DIRECTIONS = ['higher-is-better', 'lower-is-better'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

export const KPI_UNITS = ['count', 'percent', 'money', 'hours', 'ratio', 'position', 'rating'] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

export const KPI_PACINGS = ['cumulative', 'average', 'none'] as const;
export type KpiPacing = (typeof KPI_PACINGS)[number];

export type KpiTexts = Record<Language, string>;

export interface KpiDefinition {
  /** Stable id: built-ins are listed in BUILT_IN_KPI_IDS; custom ids are admin-chosen slugs. */
  id: string;
  label: KpiTexts;
  appliesTo: ServiceType[];
  metric: MetricExpr;
  direction: KpiDirection;
  unit: KpiUnit;
  pacing: KpiPacing;
  /** Target used when the head set none and nothing carries over; null = no default. */
  defaultTarget: number | null;
  builtIn: boolean;
}

// ---------------------------------------------------------------------------------------------
// Built-ins

const ADS: MetricSource[] = ['google-ads', 'yandex-direct', 'meta'];
const ANALYTICS: MetricSource[] = ['yandex-metrica', 'ga4'];
const RANKS: MetricSource[] = ['topvisor', 'search-console', 'yandex-webmaster'];
const AD_TYPES: ServiceType[] = ['google-ads', 'yandex-direct', 'targeted-ads'];

const adMetric = (field: MetricField): MetricExpr => ({ op: 'metric', field, sources: [...ADS], combine: 'sum' });
const organicPerDay: MetricExpr = { op: 'metric', field: 'organicSessions', sources: [...ANALYTICS], combine: 'first', agg: 'per-day' };

const builtIn = (d: Omit<KpiDefinition, 'builtIn' | 'defaultTarget'> & { defaultTarget?: number | null }): KpiDefinition =>
  Object.freeze({ ...d, defaultTarget: d.defaultTarget ?? null, builtIn: true });

export const BUILT_IN_KPIS: readonly KpiDefinition[] = Object.freeze([
  builtIn({
    id: 'target-actions',
    label: { en: 'Target actions', uk: 'Цільові дії', ru: 'Целевые действия' },
    appliesTo: [...AD_TYPES],
    // Conversions the ad platforms report (Direct counts the Metrica goals set on the connection).
    metric: adMetric('conversions'),
    direction: 'higher-is-better',
    unit: 'count',
    pacing: 'cumulative',
  }),
  builtIn({
    id: 'target-actions-site',
    label: { en: 'Target actions (site goals)', uk: 'Цільові дії (цілі сайту)', ru: 'Целевые действия (цели сайта)' },
    appliesTo: ['seo', 'smm'],
    // Goal conversions from Metrica, else GA4 key events: one analytics source, never both.
    metric: { op: 'metric', field: 'conversions', sources: [...ANALYTICS], combine: 'first' },
    direction: 'higher-is-better',
    unit: 'count',
    pacing: 'cumulative',
  }),
  builtIn({
    id: 'ctr',
    label: { en: 'CTR', uk: 'CTR', ru: 'CTR' },
    appliesTo: [...AD_TYPES],
    metric: { op: 'div', left: adMetric('clicks'), right: adMetric('impressions') },
    direction: 'higher-is-better',
    unit: 'percent',
    pacing: 'average',
  }),
  builtIn({
    id: 'cost-per-action',
    label: { en: 'Cost per target action', uk: 'Вартість цільової дії', ru: 'Стоимость целевого действия' },
    appliesTo: [...AD_TYPES],
    metric: { op: 'div', left: adMetric('cost'), right: adMetric('conversions') },
    direction: 'lower-is-better',
    unit: 'money',
    pacing: 'average',
  }),
  builtIn({
    id: 'organic-growth-mom',
    label: { en: 'Organic traffic vs previous month', uk: 'Органічний трафік до минулого місяця', ru: 'Органический трафик к прошлому месяцу' },
    appliesTo: ['seo'],
    // Per day with data, so a running month and months of different lengths compare fairly.
    metric: { op: 'growth', of: organicPerDay, vs: 'previous-month' },
    direction: 'higher-is-better',
    unit: 'percent',
    pacing: 'average',
  }),
  builtIn({
    id: 'organic-growth-yoy',
    label: { en: 'Organic traffic vs last year', uk: 'Органічний трафік до минулого року', ru: 'Органический трафик к прошлому году' },
    appliesTo: ['seo'],
    metric: { op: 'growth', of: organicPerDay, vs: 'same-month-last-year' },
    direction: 'higher-is-better',
    unit: 'percent',
    pacing: 'average',
  }),
  builtIn({
    id: 'avg-position',
    label: { en: 'Average position', uk: 'Середня позиція', ru: 'Средняя позиция' },
    appliesTo: ['seo'],
    metric: { op: 'metric', field: 'avgPosition', sources: [...RANKS], combine: 'first' },
    direction: 'lower-is-better',
    unit: 'position',
    pacing: 'average',
  }),
  builtIn({
    id: 'hours-used',
    label: { en: 'Hours used of allowance', uk: 'Використано годин від ліміту', ru: 'Использовано часов от лимита' },
    appliesTo: [...SERVICE_TYPES],
    metric: { op: 'div', left: { op: 'fact', name: 'hoursUsed' }, right: { op: 'fact', name: 'hoursAllowance' } },
    direction: 'lower-is-better',
    unit: 'percent',
    pacing: 'cumulative',
    defaultTarget: 1,
  }),
  builtIn({
    id: 'margin',
    label: { en: 'Profitability margin', uk: 'Маржинальність', ru: 'Маржинальность' },
    appliesTo: [...SERVICE_TYPES],
    metric: { op: 'div', left: { op: 'fact', name: 'margin' }, right: { op: 'fact', name: 'revenue' } },
    direction: 'higher-is-better',
    unit: 'percent',
    pacing: 'none',
  }),
  builtIn({
    id: 'client-rating',
    label: { en: 'Client rating', uk: 'Оцінка клієнта', ru: 'Оценка клиента' },
    appliesTo: [...SERVICE_TYPES],
    metric: { op: 'fact', name: 'clientRating' },
    direction: 'higher-is-better',
    unit: 'rating',
    pacing: 'none',
    defaultTarget: 4,
  }),
]);

export const BUILT_IN_KPI_IDS: readonly string[] = BUILT_IN_KPIS.map((d) => d.id);

/**
 * The KPIs of a service type: built-ins, then the custom ones that apply, without the disabled ids.
 * A custom definition with a built-in's id is ignored (validation refuses those).
 */
export function definitionsFor(
  serviceType: ServiceType,
  custom: readonly KpiDefinition[] = [],
  disabledIds: readonly string[] = [],
): KpiDefinition[] {
  const disabled = new Set(disabledIds);
  const out = BUILT_IN_KPIS.filter((d) => d.appliesTo.includes(serviceType) && !disabled.has(d.id));
  const seen = new Set(BUILT_IN_KPI_IDS);
  for (const d of custom) {
    if (seen.has(d.id) || disabled.has(d.id) || !d.appliesTo.includes(serviceType)) continue;
    seen.add(d.id);
    out.push(d);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Custom definitions: schema and checks

export const KPI_LIMITS = {
  idPattern: /^[a-z][a-z0-9-]{1,47}$/,
  labelMax: 80,
  maxNodes: 40,
  maxDepth: 10,
  goalIdsMax: 20,
  goalIdMax: 64,
  constMax: 1e12,
  targetMax: 1e12,
} as const;

const SourcesSchema = z
  .array(z.enum(METRIC_SOURCES, { error: `Unknown source; known: ${METRIC_SOURCES.join(', ')}` }))
  .min(1, 'List at least one source')
  .max(METRIC_SOURCES.length)
  .refine((a) => new Set(a).size === a.length, 'Each source once');

const PeriodSchema = z.enum(PERIODS);
const CombineSchema = z.enum(['sum', 'first']);

export const MetricExprSchema: z.ZodType<MetricExpr> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('const'), value: z.number().finite().min(-KPI_LIMITS.constMax).max(KPI_LIMITS.constMax) }),
    z.strictObject({
      op: z.literal('metric'),
      field: z.enum(METRIC_FIELDS, { error: `Unknown field; known: ${METRIC_FIELDS.join(', ')}` }),
      sources: SourcesSchema.optional(),
      combine: CombineSchema.optional(),
      agg: z.enum(['total', 'per-day']).optional(),
      period: PeriodSchema.optional(),
    }),
    z.strictObject({
      op: z.literal('goal'),
      goalIds: z
        .array(z.string().trim().min(1).max(KPI_LIMITS.goalIdMax))
        .min(1)
        .max(KPI_LIMITS.goalIdsMax),
      sources: SourcesSchema.optional(),
      combine: CombineSchema.optional(),
      period: PeriodSchema.optional(),
    }),
    z.strictObject({ op: z.literal('fact'), name: z.enum(FACT_NAMES, { error: `Unknown fact; known: ${FACT_NAMES.join(', ')}` }), period: PeriodSchema.optional() }),
    z.strictObject({ op: z.literal('add'), left: MetricExprSchema, right: MetricExprSchema }),
    z.strictObject({ op: z.literal('sub'), left: MetricExprSchema, right: MetricExprSchema }),
    z.strictObject({ op: z.literal('mul'), left: MetricExprSchema, right: MetricExprSchema }),
    z.strictObject({ op: z.literal('div'), left: MetricExprSchema, right: MetricExprSchema }),
    z.strictObject({ op: z.literal('growth'), of: MetricExprSchema, vs: z.enum(['previous-month', 'same-month-last-year']) }),
    z.strictObject({ op: z.literal('kpi'), id: z.string().regex(KPI_LIMITS.idPattern, 'Not a KPI id') }),
  ]),
);

const labelText = z.string().trim().min(1, 'Enter a label').max(KPI_LIMITS.labelMax);

/** What an admin submits for a custom KPI. Missing uk/ru labels fall back to en. */
export const CustomKpiDefinitionSchema = z
  .strictObject({
    id: z.string().regex(KPI_LIMITS.idPattern, 'Use 2–48 lower-case letters, digits and dashes, starting with a letter'),
    label: z.strictObject({ en: labelText, uk: labelText.optional(), ru: labelText.optional() }),
    appliesTo: z
      .array(z.enum(SERVICE_TYPES))
      .min(1, 'Choose at least one service type')
      .refine((a) => new Set(a).size === a.length, 'Each service type once'),
    metric: MetricExprSchema,
    direction: z.enum(KPI_DIRECTIONS),
    unit: z.enum(KPI_UNITS),
    pacing: z.enum(KPI_PACINGS),
    defaultTarget: z.number().finite().min(-KPI_LIMITS.targetMax).max(KPI_LIMITS.targetMax).nullable().optional(),
  })
  .transform(
    (d): KpiDefinition => ({
      id: d.id,
      label: { en: d.label.en, uk: d.label.uk ?? d.label.en, ru: d.label.ru ?? d.label.en },
      appliesTo: d.appliesTo,
      metric: d.metric,
      direction: d.direction,
      unit: d.unit,
      pacing: d.pacing,
      defaultTarget: d.defaultTarget ?? null,
      builtIn: false,
    }),
  );

/** Nesting depth of plain JSON, without recursion (guards the recursive schema against deep input). */
function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop() as { v: unknown; d: number };
    if (d > max) max = d;
    if (max > limit) return max;
    if (v !== null && typeof v === 'object') for (const child of Object.values(v)) stack.push({ v: child, d: d + 1 });
  }
  return max;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Structural checks of one expression tree (without following `kpi` references). */
function checkTree(expr: MetricExpr, path: string, errors: Record<string, string>, depth: number, counter: { nodes: number }): void {
  const fail = (p: string, msg: string): void => {
    if (!(p in errors)) errors[p] = msg;
  };
  counter.nodes += 1;
  if (counter.nodes === KPI_LIMITS.maxNodes + 1) fail(path, `An expression may have at most ${KPI_LIMITS.maxNodes} parts`);
  if (depth > KPI_LIMITS.maxDepth) {
    fail(path, `An expression may be at most ${KPI_LIMITS.maxDepth} levels deep`);
    return;
  }
  switch (expr.op) {
    case 'metric': {
      const combine = expr.combine ?? 'sum';
      if (combine === 'first' && !expr.sources) fail(`${path}.combine`, "'first' needs a list of sources to choose from");
      const additive = ADDITIVE_FIELDS.includes(expr.field);
      if (expr.agg === 'per-day' && !additive) fail(`${path}.agg`, `${expr.field} is already an average; it has no per-day form`);
      if (!additive && combine === 'sum' && (expr.sources?.length ?? 0) > 1) {
        fail(`${path}.combine`, `${expr.field} cannot be added across sources; use combine 'first'`);
      }
      return;
    }
    case 'goal':
      if ((expr.combine ?? 'sum') === 'first' && !expr.sources) fail(`${path}.combine`, "'first' needs a list of sources to choose from");
      return;
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
      if (expr.op === 'div') {
        if (expr.right.op === 'const' && expr.right.value === 0) fail(`${path}.right`, 'Division by zero');
        else if (sameJson(expr.left, expr.right)) fail(path, 'Dividing a value by itself is always 1');
      }
      checkTree(expr.left, `${path}.left`, errors, depth + 1, counter);
      checkTree(expr.right, `${path}.right`, errors, depth + 1, counter);
      return;
    case 'growth':
      checkTree(expr.of, `${path}.of`, errors, depth + 1, counter);
      return;
    default:
      return;
  }
}

interface GrowthFacts {
  /** Contains a growth node (directly or through references). */
  growth: boolean;
  /** Contains a metric/goal/fact with an explicit period. */
  explicitPeriod: boolean;
}

/**
 * Checks an admin's custom KPI: the schema (unknown fields, sources, metric fields and facts are
 * refused), the expression's shape (size, depth, division by zero or by itself, per-day of an average,
 * 'first' without sources, growth inside growth, explicit periods inside growth) and its references to
 * other KPIs (must exist; no reference loop such as a → b → a).
 * `existing`: the other custom definitions (the built-ins are always known). A definition with the same
 * id as the candidate is the candidate's older version and is ignored.
 */
export function validateKpiDefinition(input: unknown, existing: readonly KpiDefinition[] = []): Validated<KpiDefinition> {
  if (jsonDepth(input, KPI_LIMITS.maxDepth * 2 + 6) > KPI_LIMITS.maxDepth * 2 + 5) {
    return { ok: false, fields: { metric: `An expression may be at most ${KPI_LIMITS.maxDepth} levels deep` } };
  }
  const parsed = CustomKpiDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fields: toFieldErrors(parsed.error) };
  const def = parsed.data;
  const errors: Record<string, string> = {};
  if (BUILT_IN_KPI_IDS.includes(def.id)) errors.id = 'This id belongs to a built-in KPI';
  checkTree(def.metric, 'metric', errors, 1, { nodes: 0 });

  const defs = new Map<string, KpiDefinition>();
  for (const d of BUILT_IN_KPIS) defs.set(d.id, d);
  for (const d of existing) if (d.id !== def.id && !defs.has(d.id)) defs.set(d.id, d);
  defs.set(def.id, def);

  // References: existence and loops (depth-first from the candidate).
  const refsOf = (expr: MetricExpr, out: string[] = []): string[] => {
    if (expr.op === 'kpi') out.push(expr.id);
    else if (expr.op === 'add' || expr.op === 'sub' || expr.op === 'mul' || expr.op === 'div') {
      refsOf(expr.left, out);
      refsOf(expr.right, out);
    } else if (expr.op === 'growth') refsOf(expr.of, out);
    return out;
  };
  for (const id of refsOf(def.metric)) if (!defs.has(id)) errors.metric ??= `Unknown KPI ${JSON.stringify(id)}`;
  const found: { loop: string[] | null } = { loop: null };
  const done = new Set<string>();
  const walk = (id: string, path: string[]): void => {
    if (found.loop || done.has(id)) return;
    const d = defs.get(id);
    if (!d) return;
    for (const ref of refsOf(d.metric)) {
      if (path.includes(ref)) {
        found.loop = [...path.slice(path.indexOf(ref)), ref];
        return;
      }
      walk(ref, [...path, ref]);
    }
    done.add(id);
  };
  walk(def.id, [def.id]);
  if (found.loop) errors.metric = `KPI reference loop: ${found.loop.join(' → ')}`;

  // Growth rules, following references (safe now: no loops).
  if (!found.loop && !errors.metric) {
    const memo = new Map<string, GrowthFacts>();
    const facts = (expr: MetricExpr): GrowthFacts => {
      switch (expr.op) {
        case 'const':
          return { growth: false, explicitPeriod: false };
        case 'metric':
        case 'goal':
        case 'fact':
          return { growth: false, explicitPeriod: expr.period !== undefined && expr.period !== 'current' };
        case 'add':
        case 'sub':
        case 'mul':
        case 'div': {
          const l = facts(expr.left);
          const r = facts(expr.right);
          return { growth: l.growth || r.growth, explicitPeriod: l.explicitPeriod || r.explicitPeriod };
        }
        case 'growth':
          return { ...facts(expr.of), growth: true };
        case 'kpi': {
          const cached = memo.get(expr.id);
          if (cached) return cached;
          const d = defs.get(expr.id);
          const f = d ? facts(d.metric) : { growth: false, explicitPeriod: false };
          memo.set(expr.id, f);
          return f;
        }
      }
    };
    const checkGrowth = (expr: MetricExpr, path: string): void => {
      if (expr.op === 'growth') {
        const inner = facts(expr.of);
        if (inner.growth) errors[path] ??= 'Growth of a growth is not supported';
        else if (inner.explicitPeriod) errors[path] ??= 'Inside growth, values are read for both months: remove the explicit period';
        checkGrowth(expr.of, `${path}.of`);
      } else if (expr.op === 'add' || expr.op === 'sub' || expr.op === 'mul' || expr.op === 'div') {
        checkGrowth(expr.left, `${path}.left`);
        checkGrowth(expr.right, `${path}.right`);
      }
    };
    checkGrowth(def.metric, 'metric');
  }
  if (Object.keys(errors).length > 0) return { ok: false, fields: errors };
  return { ok: true, value: def };
}
