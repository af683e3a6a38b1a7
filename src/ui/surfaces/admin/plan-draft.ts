// Manager plans and the bonus formula as typed ↔ 'kpi/plan/set' (pure, unit-tested). Amounts and
// percentages stay decimal strings end to end; the backend validates them and names the fields.
import type { BonusFormula } from '../../../domain/kpi';
import { SERVICE_TYPES, type ServiceType } from '../../../domain/model';
import type { KpiPlanInput, KpiPlanView } from '../../../shared/api-kpi';

export interface PlanRow {
  managerAccountId: string;
  targets: Partial<Record<ServiceType, string>>;
}

export interface RangeDraft {
  on: boolean;
  min: string;
  max: string;
}

export interface FormulaDraft {
  kind: BonusFormula['kind'] | 'none';
  thresholdPercent: string;
  sharePercent: string;
  tiers: Array<{ fromPercent: string; sharePercent: string }>;
  kpiFactor: RangeDraft;
  ratingFactor: RangeDraft;
  capAmount: string;
}

export interface PlanDraft {
  month: string;
  currency: string;
  rows: PlanRow[];
  formula: FormulaDraft;
}

const range = (r: { min: string; max: string } | undefined): RangeDraft => (r ? { on: true, min: r.min, max: r.max } : { on: false, min: '0.8', max: '1.2' });

export function formulaDraft(f: BonusFormula | null): FormulaDraft {
  const base: FormulaDraft = { kind: 'none', thresholdPercent: '80', sharePercent: '5', tiers: [{ fromPercent: '80', sharePercent: '3' }], kpiFactor: range(undefined), ratingFactor: range(undefined), capAmount: '' };
  if (!f) return base;
  const common = { kpiFactor: range(f.kpiFactor), ratingFactor: range(f.ratingFactor), capAmount: f.capAmount ?? '' };
  if (f.kind === 'share-above-threshold') return { ...base, ...common, kind: f.kind, thresholdPercent: f.thresholdPercent, sharePercent: f.sharePercent };
  return { ...base, ...common, kind: f.kind, tiers: f.tiers.map((t) => ({ ...t })) };
}

const clean = (s: string): string => s.trim().replace(',', '.');

/** The formula to send, or undefined for "no formula" (the stored one stays). */
export function formulaOf(d: FormulaDraft): Record<string, unknown> | undefined {
  if (d.kind === 'none') return undefined;
  const common = {
    ...(d.kpiFactor.on ? { kpiFactor: { min: clean(d.kpiFactor.min), max: clean(d.kpiFactor.max) } } : {}),
    ...(d.ratingFactor.on ? { ratingFactor: { min: clean(d.ratingFactor.min), max: clean(d.ratingFactor.max) } } : {}),
    ...(d.capAmount.trim() ? { capAmount: clean(d.capAmount) } : {}),
  };
  if (d.kind === 'share-above-threshold') return { kind: d.kind, thresholdPercent: clean(d.thresholdPercent), sharePercent: clean(d.sharePercent), ...common };
  return { kind: d.kind, tiers: d.tiers.map((t) => ({ fromPercent: clean(t.fromPercent), sharePercent: clean(t.sharePercent) })), ...common };
}

export function planDraft(v: KpiPlanView): PlanDraft {
  return {
    month: v.month,
    currency: v.currency,
    rows: v.plans.map((p) => ({ managerAccountId: p.managerAccountId, targets: { ...p.targets } })),
    formula: formulaDraft(v.formula),
  };
}

export function planPayload(d: PlanDraft): KpiPlanInput {
  const formula = formulaOf(d.formula);
  return {
    month: d.month,
    currency: d.currency.trim().toUpperCase(),
    // Rows without a manager are left out; empty amounts mean "no target for that line".
    plans: d.rows
      .filter((r) => r.managerAccountId)
      .map((r) => {
        const targets: Partial<Record<ServiceType, string>> = {};
        for (const t of SERVICE_TYPES) {
          const v = r.targets[t]?.trim();
          if (v) targets[t] = clean(v);
        }
        return { managerAccountId: r.managerAccountId, targets };
      }),
    ...(formula ? { formula } : {}),
  };
}
