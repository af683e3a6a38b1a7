// KPI storage on plain KVS keys (no custom entity needed: every read is by a known key).
//   kpi:defs                         custom KPI definitions and disabled ids (admin)
//   kpi:targets:{serviceId}          every month the head set targets for, in one value (carry-over = one read)
//   kpi:rollup:{serviceId}:{month}   the KpiRollup panels, dashboards and reports read directly
//   kpi:plans:{month}                manager financial plans of a month (head)
//   kpi:bonus-formula                the head's bonus formula
//   kpi:capacity                     hours per day, days off and public holidays for capacity
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { BonusFormulaSchema, KPI_ROLLUP_VERSION, type BonusFormula, type KpiDefinition, type KpiRollup, type ManagerPlan, type ServiceMonthTargets } from '../domain/kpi';
import { ROLES } from '../domain/model';
import { getTyped } from '../platform/kv';

const DEFS_KEY = 'kpi:defs';
const FORMULA_KEY = 'kpi:bonus-formula';
const CAPACITY_KEY = 'kpi:capacity';
export const rollupKey = (serviceId: string, month: string): string => `kpi:rollup:${serviceId}:${month}`;
const targetsKey = (serviceId: string): string => `kpi:targets:${serviceId}`;
const plansKey = (month: string): string => `kpi:plans:${month}`;

// ---- definitions

export interface StoredKpiDefinitions {
  custom: KpiDefinition[];
  disabled: string[];
  updatedAt: string | null;
}

const StoredDefinitionsSchema = z.object({
  custom: z.array(z.custom<KpiDefinition>((v) => typeof v === 'object' && v !== null && 'id' in v && 'metric' in v, 'not a KPI definition')),
  disabled: z.array(z.string()),
  updatedAt: z.string().nullable(),
});

export async function getKpiDefinitions(): Promise<StoredKpiDefinitions> {
  return (await getTyped(DEFS_KEY, StoredDefinitionsSchema)) ?? { custom: [], disabled: [], updatedAt: null };
}

export async function putKpiDefinitions(d: StoredKpiDefinitions): Promise<void> {
  await kvs.set(DEFS_KEY, StoredDefinitionsSchema.parse(d));
}

// ---- targets

const TargetsSchema = z.object({
  serviceId: z.string(),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  values: z.record(z.string(), z.number()),
  origin: z.enum(['set', 'carried-over', 'default']),
  setInMonth: z.string().nullable(),
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
});

const ServiceTargetsSchema = z.object({ serviceId: z.string(), byMonth: z.record(z.string(), TargetsSchema) });

export interface StoredTargetsLookup {
  /** The month's own targets, if the head set them. */
  stored: ServiceMonthTargets | null;
  /** The latest earlier month's targets (what carries over). */
  latestBefore: ServiceMonthTargets | null;
}

export async function getTargetsLookup(serviceId: string, month: string): Promise<StoredTargetsLookup> {
  const doc = await getTyped(targetsKey(serviceId), ServiceTargetsSchema);
  if (!doc) return { stored: null, latestBefore: null };
  const earlier = Object.keys(doc.byMonth).filter((m) => m < month).sort();
  const last = earlier[earlier.length - 1];
  return { stored: doc.byMonth[month] ?? null, latestBefore: last ? (doc.byMonth[last] ?? null) : null };
}

export async function putServiceMonthTargets(t: ServiceMonthTargets): Promise<void> {
  const doc = (await getTyped(targetsKey(t.serviceId), ServiceTargetsSchema)) ?? { serviceId: t.serviceId, byMonth: {} };
  doc.byMonth[t.month] = TargetsSchema.parse(t);
  await kvs.set(targetsKey(t.serviceId), doc);
}

// ---- rollups

const RollupSchema = z.custom<KpiRollup>(
  (v) => typeof v === 'object' && v !== null && (v as { version?: unknown }).version === KPI_ROLLUP_VERSION && Array.isArray((v as { kpis?: unknown }).kpis),
  'not a KPI rollup of the current version',
);

export async function getRollup(serviceId: string, month: string): Promise<KpiRollup | undefined> {
  const raw: unknown = await kvs.get(rollupKey(serviceId, month));
  if (raw === undefined) return undefined;
  // An older version is simply recomputed: treat it as missing.
  return RollupSchema.safeParse(raw).success ? (raw as KpiRollup) : undefined;
}

export async function putRollup(r: KpiRollup): Promise<void> {
  await kvs.set(rollupKey(r.serviceId, r.month), r);
}

/** Rollups of many (service, month) pairs, 25 keys per batch read. Missing ones are absent. */
export async function getRollups(pairs: ReadonlyArray<{ serviceId: string; month: string }>): Promise<Map<string, KpiRollup>> {
  const out = new Map<string, KpiRollup>();
  const keys = pairs.map((p) => rollupKey(p.serviceId, p.month));
  for (let i = 0; i < keys.length; i += 25) {
    const res = await kvs.batchGet<unknown>(keys.slice(i, i + 25).map((key) => ({ key })));
    for (const item of res.successfulKeys) if (RollupSchema.safeParse(item.value).success) out.set(item.key, item.value as KpiRollup);
  }
  return out;
}

// ---- plans and bonus formula

const MoneyText = z.string().regex(/^\d{1,15}(\.\d{1,4})?$/);
const PlanSchema = z.object({
  managerAccountId: z.string().min(1),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
  targets: z.record(z.string(), MoneyText),
});
const MonthPlansSchema = z.object({ month: z.string(), currency: z.string(), plans: z.array(PlanSchema), updatedBy: z.string().nullable(), updatedAt: z.string().nullable() });

export interface MonthPlans {
  month: string;
  currency: string;
  plans: ManagerPlan[];
  updatedBy: string | null;
  updatedAt: string | null;
}

export async function getMonthPlans(month: string): Promise<MonthPlans | undefined> {
  return (await getTyped(plansKey(month), MonthPlansSchema)) as MonthPlans | undefined;
}

export async function putMonthPlans(p: MonthPlans): Promise<void> {
  await kvs.set(plansKey(p.month), MonthPlansSchema.parse(p));
}

export async function getBonusFormula(): Promise<BonusFormula | undefined> {
  return getTyped(FORMULA_KEY, BonusFormulaSchema);
}

export async function putBonusFormula(f: BonusFormula): Promise<void> {
  await kvs.set(FORMULA_KEY, BonusFormulaSchema.parse(f));
}

// ---- capacity settings

export const CapacitySettingsSchema = z.object({
  defaultHoursPerDay: z.number().min(0).max(24),
  people: z
    .array(
      z.object({
        accountId: z.string().min(1),
        role: z.enum(ROLES).optional(),
        hoursPerDay: z.number().min(0).max(24).optional(),
        daysOff: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(400).optional(),
        workingWeekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(),
      }),
    )
    .max(500),
  publicHolidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(400),
});
export type CapacitySettings = z.infer<typeof CapacitySettingsSchema>;

export async function getCapacitySettings(): Promise<CapacitySettings> {
  return (await getTyped(CAPACITY_KEY, CapacitySettingsSchema)) ?? { defaultHoursPerDay: 8, people: [], publicHolidays: [] };
}

export async function putCapacitySettings(s: CapacitySettings): Promise<void> {
  await kvs.set(CAPACITY_KEY, CapacitySettingsSchema.parse(s));
}
