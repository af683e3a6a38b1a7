// Targets per service per month. The head sets them at the start of the month; a month without its own
// targets carries over the latest earlier month's (then the definitions' defaults fill the KPIs that
// have no value). Values are in the KPI's unit: percent as a fraction (the UI turns "5 %" into 0.05),
// money in major units of the service currency, ratings 1–5.
import { z } from 'zod';
import { MonthSchema, ServiceIdSchema, type Validated, toFieldErrors } from '../schemas';
import { requireYearMonth } from '../month-rules';
import { KPI_LIMITS, type KpiDefinition, type KpiUnit } from './definitions';

export type TargetsOrigin = 'set' | 'carried-over' | 'default';

export interface ServiceMonthTargets {
  serviceId: string;
  /** YYYY-MM */
  month: string;
  /** KPI id → target. A KPI without an entry has no target. */
  values: Record<string, number>;
  origin: TargetsOrigin;
  /** The month the values were last set by a person (null for pure defaults). */
  setInMonth: string | null;
  /** accountId of who set them, and when (ISO instant given by the caller). */
  setBy: string | null;
  setAt: string | null;
}

function sortedValues(values: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of Object.keys(values).sort()) {
    const v = values[id];
    if (v !== undefined) out[id] = v;
  }
  return out;
}

/** The definitions' default targets for a month (KPIs without a default get no target). */
export function defaultTargets(serviceId: string, month: string, definitions: readonly KpiDefinition[]): ServiceMonthTargets {
  requireYearMonth(month);
  const values: Record<string, number> = {};
  for (const d of definitions) if (d.defaultTarget !== null) values[d.id] = d.defaultTarget;
  return { serviceId, month, values: sortedValues(values), origin: 'default', setInMonth: null, setBy: null, setAt: null };
}

/**
 * Next month's targets by default: the previous month's values (any earlier month: gaps are fine),
 * plus `defaults` for KPIs the previous month had no value for.
 */
export function carryOverTargets(
  previousMonthTargets: ServiceMonthTargets,
  month: string,
  defaults: Readonly<Record<string, number>> = {},
): ServiceMonthTargets {
  requireYearMonth(month);
  const prev = previousMonthTargets;
  if (!(prev.month < month)) throw new RangeError(`Targets carry forward only: ${prev.month} → ${month}`);
  return {
    serviceId: prev.serviceId,
    month,
    values: sortedValues({ ...defaults, ...prev.values }),
    origin: prev.origin === 'default' ? 'default' : 'carried-over',
    setInMonth: prev.origin === 'set' ? prev.month : prev.setInMonth,
    setBy: prev.setBy,
    setAt: prev.setAt,
  };
}

/**
 * The targets that apply to a month: its own when stored, else the latest earlier month's carried over,
 * else the defaults. Only KPIs in `definitions` are kept.
 */
export function resolveTargets(args: {
  serviceId: string;
  month: string;
  definitions: readonly KpiDefinition[];
  stored?: ServiceMonthTargets | null;
  latestBefore?: ServiceMonthTargets | null;
}): ServiceMonthTargets {
  const defaults = defaultTargets(args.serviceId, args.month, args.definitions);
  let t: ServiceMonthTargets;
  if (args.stored && args.stored.month === args.month) t = args.stored;
  else if (args.latestBefore && args.latestBefore.month < args.month) t = carryOverTargets(args.latestBefore, args.month, defaults.values);
  else t = defaults;
  const known = new Set(args.definitions.map((d) => d.id));
  const values: Record<string, number> = {};
  for (const [id, v] of Object.entries(t.values)) if (known.has(id)) values[id] = v;
  return { ...t, values: sortedValues(values) };
}

// ---------------------------------------------------------------------------------------------
// The head's input

/** A number, or a numeric text ("12,5" or "12.5"); empty text or null = no target. */
const TargetValueSchema = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = v.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
    if (s === '') return null;
    return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : v;
  },
  z
    .number({ error: 'Enter a number' })
    .finite()
    .min(-KPI_LIMITS.targetMax)
    .max(KPI_LIMITS.targetMax)
    .nullable(),
);

export const TargetsInputSchema = z.strictObject({
  serviceId: ServiceIdSchema,
  month: MonthSchema,
  /** The month's complete set: KPIs left out or null have no target. */
  values: z.record(z.string().regex(KPI_LIMITS.idPattern, 'Not a KPI id'), TargetValueSchema),
});

export type TargetsInput = z.output<typeof TargetsInputSchema>;

/** Why a target is out of range for its unit, or null when it is fine. */
export function targetRangeProblem(unit: KpiUnit, value: number): string | null {
  switch (unit) {
    case 'count':
    case 'hours':
    case 'money':
      return value < 0 ? 'Cannot be negative' : null;
    case 'percent':
      return value < -1 || value > 100 ? 'Use a fraction between −1 (−100 %) and 100 (10 000 %)' : null;
    case 'rating':
      return value < 1 || value > 5 ? 'A rating target is between 1 and 5' : null;
    case 'position':
      return value < 1 ? 'Positions start at 1' : null;
    case 'ratio':
      return null;
  }
}

/** Checks the head's targets against the service's KPI definitions (ids and unit ranges). */
export function validateTargetsInput(input: unknown, definitions: readonly KpiDefinition[]): Validated<TargetsInput> {
  const parsed = TargetsInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fields: toFieldErrors(parsed.error) };
  const byId = new Map(definitions.map((d) => [d.id, d]));
  const fields: Record<string, string> = {};
  for (const [id, value] of Object.entries(parsed.data.values)) {
    const def = byId.get(id);
    if (!def) fields[`values.${id}`] = 'This KPI does not apply to the service';
    else if (value !== null) {
      const problem = targetRangeProblem(def.unit, value);
      if (problem) fields[`values.${id}`] = problem;
    }
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, value: parsed.data };
}

/** The stored targets for a validated input. */
export function targetsFromInput(input: TargetsInput, setBy: string, setAt: string): ServiceMonthTargets {
  const values: Record<string, number> = {};
  for (const [id, v] of Object.entries(input.values)) if (v !== null && v !== undefined) values[id] = v;
  return { serviceId: input.serviceId, month: input.month, values: sortedValues(values), origin: 'set', setInMonth: input.month, setBy, setAt };
}
