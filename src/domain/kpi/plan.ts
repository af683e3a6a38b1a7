// Manager financial plans: turnover targets per manager, month and service line; fulfilment from the
// ledger's actual turnover; a bonus estimate from a formula the head configures.
//
// Rules:
// - One currency per computation (the agency's plan currency). Amounts are strict decimal strings
//   ("15000", "15000.50"), summed exactly in minor units; nothing is converted.
// - Fulfilment % = actual / target × 100, rounded half-up to 2 decimals; null when there is no target
//   or the target is 0. A line with turnover but no target is listed (target null). A manager with
//   turnover but no plan is listed too (total target null). Total = Σ lines (the total actual includes
//   unplanned lines).
// - Bonus formulas (validated with BonusFormulaSchema), computed with exact decimals and rounded once,
//   half-up, to the currency's minor unit:
//     share-above-threshold  threshold = total target × thresholdPercent / 100;
//                            bonus = max(0, actual − threshold) × sharePercent / 100 × K × R
//     tiered                 the reached tier is the last with fromPercent ≤ fulfilment % (exact, not the
//                            rounded %); bonus = actual × its sharePercent / 100 × K × R; none reached → 0
//   K (KPI factor) = min + (max − min) × kpiScore, kpiScore 0–1 (see pacing.ts kpiScore);
//   R (rating factor) = min + (max − min) × (rating − 1) / 4, rating 1–5 (clamped).
//   A factor without a range is 1. A missing score or rating counts as a neutral 1 (kept inside
//   [min, max]) and is listed in `assumptions`, so the estimate says what it assumed.
//   capAmount, when set, limits the bonus. No plan (or a 0 target) → bonus 0 with 'no-plan'.
// - Visibility: a manager sees their own rows; heads see everyone (visibleTo).
import { z } from 'zod';
import { CurrencyMismatchError, InvalidAmountError } from '../money/errors';
import { Dec, currencyExponent, decimalString, formatMoney, parseMoney } from '../money/money';
import { SERVICE_TYPES, type Language, type ServiceType } from '../model';
import { MoneySchema, type Validated, toFieldErrors } from '../schemas';
import { requireYearMonth } from '../month-rules';
import type { KpiTexts } from './definitions';

export interface ManagerPlan {
  managerAccountId: string;
  /** YYYY-MM */
  month: string;
  currency: string;
  /** Service line → turnover target (decimal string in `currency`). */
  targets: Partial<Record<ServiceType, string>>;
}

export interface TurnoverActual {
  managerAccountId: string;
  serviceType: ServiceType;
  /** Decimal string in the plan currency; several rows per line add up. */
  amount: string;
}

export interface Fulfilment {
  target: string | null;
  actual: string;
  /** "95.50"; null without a (non-zero) target. */
  percent: string | null;
}

export interface LineFulfilment extends Fulfilment {
  serviceType: ServiceType;
}

export interface ManagerFulfilment {
  managerAccountId: string;
  month: string;
  currency: string;
  /** Lines in SERVICE_TYPES order: every planned line and every line with turnover. */
  lines: LineFulfilment[];
  total: Fulfilment;
  hasPlan: boolean;
}

function fulfilmentOf(target: bigint | null, actual: bigint, currency: string): Fulfilment {
  const fmt = (minor: bigint): string => formatMoney({ amountMinor: minor, currency });
  const percent = target === null || target === 0n ? null : decimalString(new Dec(actual.toString()).times(100).div(target.toString()), 2);
  return { target: target === null ? null : fmt(target), actual: fmt(actual), percent };
}

/** Fulfilment per manager and line for one month, sorted by manager. */
export function planFulfilment(args: {
  month: string;
  currency: string;
  plans: readonly ManagerPlan[];
  actuals: readonly TurnoverActual[];
}): ManagerFulfilment[] {
  requireYearMonth(args.month);
  const { currency } = args;
  currencyExponent(currency);
  type Acc = { targets: Map<ServiceType, bigint>; actuals: Map<ServiceType, bigint>; hasPlan: boolean };
  const byManager = new Map<string, Acc>();
  const accOf = (id: string): Acc => {
    let a = byManager.get(id);
    if (!a) {
      a = { targets: new Map(), actuals: new Map(), hasPlan: false };
      byManager.set(id, a);
    }
    return a;
  };
  for (const p of args.plans) {
    if (p.month !== args.month) throw new InvalidAmountError(p.month, `A plan of another month than ${args.month}`, 'month');
    if (p.currency !== currency) throw new CurrencyMismatchError(currency, p.currency, `plan of ${p.managerAccountId}`);
    const acc = accOf(p.managerAccountId);
    if (acc.hasPlan) throw new InvalidAmountError(p.managerAccountId, 'Two plans for one manager', 'managerAccountId');
    acc.hasPlan = true;
    for (const type of SERVICE_TYPES) {
      const t = p.targets[type];
      if (t === undefined) continue;
      const m = parseMoney(t, currency).amountMinor;
      if (m < 0n) throw new InvalidAmountError(t, 'A target cannot be negative', `targets.${type}`);
      acc.targets.set(type, m);
    }
  }
  for (const a of args.actuals) {
    const acc = accOf(a.managerAccountId);
    acc.actuals.set(a.serviceType, (acc.actuals.get(a.serviceType) ?? 0n) + parseMoney(a.amount, currency).amountMinor);
  }
  const out: ManagerFulfilment[] = [];
  for (const managerAccountId of [...byManager.keys()].sort()) {
    const acc = byManager.get(managerAccountId) as Acc;
    const lines: LineFulfilment[] = [];
    let totalTarget = 0n;
    let totalActual = 0n;
    for (const type of SERVICE_TYPES) {
      const target = acc.targets.get(type);
      const actual = acc.actuals.get(type);
      if (target === undefined && actual === undefined) continue;
      totalTarget += target ?? 0n;
      totalActual += actual ?? 0n;
      lines.push({ serviceType: type, ...fulfilmentOf(target ?? null, actual ?? 0n, currency) });
    }
    out.push({
      managerAccountId,
      month: args.month,
      currency,
      lines,
      total: fulfilmentOf(acc.hasPlan ? totalTarget : null, totalActual, currency),
      hasPlan: acc.hasPlan,
    });
  }
  return out;
}

/** Rows a viewer may see: heads see all; anyone else only their own. */
export function visibleTo<T extends { managerAccountId: string }>(rows: readonly T[], viewer: { accountId: string; isHead: boolean }): T[] {
  return viewer.isHead ? [...rows] : rows.filter((r) => r.managerAccountId === viewer.accountId);
}

// ---------------------------------------------------------------------------------------------
// Bonus formulas

export interface FactorRange {
  min: string;
  max: string;
}

export type BonusFormula =
  | {
      kind: 'share-above-threshold';
      thresholdPercent: string;
      sharePercent: string;
      kpiFactor?: FactorRange;
      ratingFactor?: FactorRange;
      capAmount?: string;
    }
  | {
      kind: 'tiered';
      tiers: Array<{ fromPercent: string; sharePercent: string }>;
      kpiFactor?: FactorRange;
      ratingFactor?: FactorRange;
      capAmount?: string;
    };

const decimalText = (what: string, max: number, places = 4) =>
  z.preprocess(
    (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim().replace(',', '.') : v),
    z
      .string({ error: `${what}: enter a number` })
      .regex(new RegExp(`^\\d+(\\.\\d{1,${places}})?$`), `${what}: a non-negative number with at most ${places} decimals`)
      .refine((s) => Number(s) <= max, `${what} cannot exceed ${max}`),
  );

const FactorRangeSchema = z
  .strictObject({ min: decimalText('Minimum factor', 10), max: decimalText('Maximum factor', 10) })
  .refine((r) => new Dec(r.min).lte(r.max), { message: 'The minimum factor cannot exceed the maximum', path: ['max'] });

const common = {
  kpiFactor: FactorRangeSchema.optional(),
  ratingFactor: FactorRangeSchema.optional(),
  capAmount: MoneySchema.optional(),
};

export const BonusFormulaSchema: z.ZodType<BonusFormula> = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('share-above-threshold'),
    thresholdPercent: decimalText('Threshold', 1000),
    sharePercent: decimalText('Share', 100),
    ...common,
  }),
  z.strictObject({
    kind: z.literal('tiered'),
    tiers: z
      .array(z.strictObject({ fromPercent: decimalText('Tier start', 1000), sharePercent: decimalText('Share', 100) }))
      .min(1, 'Add at least one tier')
      .max(10, 'At most 10 tiers')
      .refine((ts) => ts.every((t, i) => i === 0 || new Dec(t.fromPercent).gt(ts[i - 1]?.fromPercent ?? '0')), 'Tiers must start at increasing percentages'),
    ...common,
  }),
]);

export function validateBonusFormula(input: unknown): Validated<BonusFormula> {
  const r = BonusFormulaSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, fields: toFieldErrors(r.error) };
}

export type BonusAssumption = 'no-plan' | 'below-threshold' | 'kpi-score-missing' | 'rating-missing' | 'capped';

export interface BonusInputs {
  /** 0–1, e.g. kpiScore() over the manager's services' verdicts; null when unknown. */
  kpiScore: number | null;
  /** Mean client rating 1–5 over the manager's services; null when unknown. */
  clientRating: number | null;
}

export interface BonusEstimate {
  managerAccountId: string;
  month: string;
  currency: string;
  /** Rounded half-up to the minor unit. */
  amount: string;
  /** The turnover the share applies to, shown rounded (the amount is computed from the exact value). */
  base: string;
  sharePercent: string | null;
  /** Factors shown with 4 decimals. */
  kpiFactor: string;
  ratingFactor: string;
  assumptions: BonusAssumption[];
  explanation: KpiTexts;
}

function factor(range: FactorRange | undefined, position: Dec | null): { value: Dec; assumed: boolean } {
  if (!range) return { value: new Dec(1), assumed: false };
  const min = new Dec(range.min);
  const max = new Dec(range.max);
  if (position === null) return { value: Dec.min(max, Dec.max(min, new Dec(1))), assumed: true };
  const p = Dec.min(1, Dec.max(0, position));
  return { value: min.plus(max.minus(min).times(p)), assumed: false };
}

const numDec = (x: number, field: string): Dec => {
  if (!Number.isFinite(x)) throw new InvalidAmountError(String(x), 'Not a finite number', field);
  return new Dec(x);
};

interface ExplainParts {
  share: string | null;
  base: string;
  k: string;
  r: string;
  amount: string;
  zeroReason: BonusAssumption | null;
  threshold?: string;
  capped: boolean;
}

function explain(lang: Language, parts: ExplainParts): string {
  const { share, base, k, r, zeroReason } = parts;
  const amount = parts.capped ? `${parts.amount} (${lang === 'uk' ? 'обмежено максимумом' : lang === 'ru' ? 'ограничено максимумом' : 'capped'})` : parts.amount;
  if (zeroReason === 'no-plan') return lang === 'uk' ? 'Плану немає: бонус 0.' : lang === 'ru' ? 'Плана нет: бонус 0.' : 'No plan: bonus 0.';
  if (zeroReason === 'below-threshold') {
    return lang === 'uk' ? 'План не виконано до порогу: бонус 0.' : lang === 'ru' ? 'План не выполнен до порога: бонус 0.' : 'Below the plan threshold: bonus 0.';
  }
  const above = parts.threshold
    ? lang === 'uk'
      ? ` понад поріг ${parts.threshold} %`
      : lang === 'ru'
        ? ` сверх порога ${parts.threshold} %`
        : ` above the ${parts.threshold} % threshold`
    : '';
  if (lang === 'uk') return `${share} % від ${base}${above} × коефіцієнт KPI ${k} × коефіцієнт оцінки ${r} = ${amount}.`;
  if (lang === 'ru') return `${share} % от ${base}${above} × коэффициент KPI ${k} × коэффициент оценки ${r} = ${amount}.`;
  return `${share} % of ${base}${above} × KPI factor ${k} × rating factor ${r} = ${amount}.`;
}

/** The bonus estimate of one manager's month (see the rules at the top of the file). */
export function estimateBonus(fulfilment: ManagerFulfilment, formula: BonusFormula, inputs: BonusInputs): BonusEstimate {
  const { currency } = fulfilment;
  const exp = currencyExponent(currency);
  const assumptions: BonusAssumption[] = [];
  const actual = new Dec(fulfilment.total.actual);
  const target = fulfilment.total.target === null ? null : new Dec(fulfilment.total.target);

  const score = inputs.kpiScore === null ? null : numDec(inputs.kpiScore, 'kpiScore');
  const rating = inputs.clientRating === null ? null : numDec(inputs.clientRating, 'clientRating').minus(1).div(4);
  const k = factor(formula.kpiFactor, score);
  const r = factor(formula.ratingFactor, rating);
  if (k.assumed) assumptions.push('kpi-score-missing');
  if (r.assumed) assumptions.push('rating-missing');

  let base = new Dec(0);
  let share: string | null = null;
  let zeroReason: BonusAssumption | null = null;
  let threshold: string | undefined;
  if (target === null || target.isZero()) zeroReason = 'no-plan';
  else if (formula.kind === 'share-above-threshold') {
    threshold = formula.thresholdPercent;
    const excess = actual.minus(target.times(formula.thresholdPercent).div(100));
    if (excess.lte(0)) zeroReason = 'below-threshold';
    else {
      base = excess;
      share = formula.sharePercent;
    }
  } else {
    // Exact: actual × 100 ≥ from × target, never the rounded percentage.
    const reached = [...formula.tiers].reverse().find((t) => actual.times(100).gte(target.times(t.fromPercent)));
    if (!reached) zeroReason = 'below-threshold';
    else {
      base = actual;
      share = reached.sharePercent;
    }
  }
  if (zeroReason) assumptions.unshift(zeroReason);
  let bonus = share === null ? new Dec(0) : base.times(share).div(100).times(k.value).times(r.value);
  let capped = false;
  if (formula.capAmount !== undefined && bonus.gt(formula.capAmount)) {
    bonus = new Dec(formula.capAmount);
    capped = true;
    assumptions.push('capped');
  }
  const amount = decimalString(bonus, exp);
  const kText = decimalString(k.value, 4);
  const rText = decimalString(r.value, 4);
  const baseText = decimalString(base, exp);
  const parts: ExplainParts = { share, base: baseText, k: kText, r: rText, amount, zeroReason, threshold, capped };
  return {
    managerAccountId: fulfilment.managerAccountId,
    month: fulfilment.month,
    currency,
    amount,
    base: baseText,
    sharePercent: share,
    kpiFactor: kText,
    ratingFactor: rText,
    assumptions,
    explanation: { en: explain('en', parts), uk: explain('uk', parts), ru: explain('ru', parts) },
  };
}
