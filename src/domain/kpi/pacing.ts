// Judging a KPI's value against its target while the month runs (and when it is over).
//
// Elapsed days: the days of the month up to and including `asOf` (the last day whose data counts; the
// rollup passes yesterday, or the last day with data for metric KPIs). Before the month: 0; after it:
// all days (the month is finished).
//
// Expected by now:
//   cumulative  target × elapsedDays / daysInMonth (a finished month: the full target)
//   average     the target itself (a rate is compared directly any day)
//   none        the target, but only once the month is finished; before that the verdict is 'pending'
//
// Verdict, with ratio = actual / expected (borders inclusive; 1e-9 tolerance for float rounding):
//   higher-is-better  ratio ≥ 0.95 on-track, ≥ 0.80 at-risk, else off-track
//   lower-is-better   ratio ≤ 1.05 on-track, ≤ 1.20 at-risk, else off-track (the same bands mirrored)
//   expected ≤ 0      a ratio means nothing (growth targets of 0 % or below): on-track when actual is at
//                     least as good as expected, else off-track; ratio is null
// Special cases, in this order: no value → 'no-data' (never off-track: missing is not zero);
// no target → 'no-target'; no day elapsed yet → 'pending'; pacing 'none' in a running month → 'pending'.
// Values may be ±∞ (x / 0, see expression.ts): +∞ is the best a higher-is-better KPI can be and the
// worst a lower-is-better one can be.
import type { Language } from '../model';
import { daysInMonth, requireCalendarDate, requireYearMonth } from '../month-rules';
import type { KpiDirection, KpiPacing, KpiTexts, KpiUnit } from './definitions';

export const KPI_VERDICTS = ['on-track', 'at-risk', 'off-track', 'no-data', 'no-target', 'pending'] as const;
export type KpiVerdict = (typeof KPI_VERDICTS)[number];

/** Bands for higher-is-better KPIs as fractions of the expected value; lower-is-better uses 2 − x. */
export interface PacingThresholds {
  onTrack: number;
  atRisk: number;
}

export const DEFAULT_THRESHOLDS: Readonly<PacingThresholds> = Object.freeze({ onTrack: 0.95, atRisk: 0.8 });

export interface PacingInput {
  direction: KpiDirection;
  pacing: KpiPacing;
  unit: KpiUnit;
  actual: number | null;
  target: number | null;
  /** YYYY-MM */
  month: string;
  /** YYYY-MM-DD: the last day whose data counts. */
  asOf: string;
  thresholds?: PacingThresholds;
}

export interface PacingResult {
  verdict: KpiVerdict;
  actual: number | null;
  target: number | null;
  expectedByNow: number | null;
  /** actual / expectedByNow; null when there is no meaningful ratio. */
  ratio: number | null;
  elapsedDays: number;
  daysInMonth: number;
  finished: boolean;
  note: KpiTexts;
}

const EPS = 1e-9;

/** Days of `month` up to and including `asOf` (0 before the month, all days after it). */
export function elapsedDaysOf(month: string, asOf: string): number {
  const ym = requireYearMonth(month);
  const d = requireCalendarDate(asOf);
  const dim = daysInMonth(ym.year, ym.month);
  const a = d.year * 12 + d.month;
  const m = ym.year * 12 + ym.month;
  if (a < m) return 0;
  if (a > m) return dim;
  return d.day;
}

// ---------------------------------------------------------------------------------------------
// Texts

const VERDICT_WORDS: Record<Language, Record<'on-track' | 'at-risk' | 'off-track', string>> = {
  en: { 'on-track': 'on track', 'at-risk': 'at risk', 'off-track': 'off track' },
  uk: { 'on-track': 'за планом', 'at-risk': 'є ризики', 'off-track': 'не виконується' },
  ru: { 'on-track': 'по плану', 'at-risk': 'есть риски', 'off-track': 'не выполняется' },
};

const VERDICT_LABELS: Record<Language, Record<KpiVerdict, string>> = {
  en: { 'on-track': 'On track', 'at-risk': 'At risk', 'off-track': 'Off track', 'no-data': 'No data', 'no-target': 'No target', pending: 'Pending' },
  uk: { 'on-track': 'За планом', 'at-risk': 'Є ризики', 'off-track': 'Не виконується', 'no-data': 'Немає даних', 'no-target': 'Без цілі', pending: 'Очікує' },
  ru: { 'on-track': 'По плану', 'at-risk': 'Есть риски', 'off-track': 'Не выполняется', 'no-data': 'Нет данных', 'no-target': 'Без цели', pending: 'Ожидает' },
};

export function verdictLabel(verdict: KpiVerdict, lang: Language): string {
  return VERDICT_LABELS[lang][verdict];
}

const HOURS_SUFFIX: Record<Language, string> = { en: ' h', uk: ' год', ru: ' ч' };

function plainNumber(value: number, maxDecimals: number, lang: Language): string {
  const fixed = value.toFixed(maxDecimals).replace(/\.?0+$/, '');
  const text = fixed === '-0' ? '0' : fixed;
  return lang === 'en' ? text : text.replace('.', ',');
}

/** A KPI value for a note: percent fractions as "5.2 %", money with 2 decimals, ∞ for unbounded values. */
export function formatKpiValue(value: number | null, unit: KpiUnit, lang: Language): string {
  if (value === null) return '—';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  switch (unit) {
    case 'percent':
      return `${plainNumber(value * 100, 1, lang)} %`;
    case 'money': {
      const text = value.toFixed(2);
      return lang === 'en' ? text : text.replace('.', ',');
    }
    case 'hours':
      return `${plainNumber(value, 2, lang)}${HOURS_SUFFIX[lang]}`;
    default:
      return plainNumber(value, 2, lang);
  }
}

const pct = (ratio: number, lang: Language): string => (ratio === Infinity ? '∞' : `${plainNumber(ratio * 100, 1, lang)} %`);

function rule(direction: KpiDirection, t: PacingThresholds, lang: Language): string {
  const higher = direction === 'higher-is-better';
  const on = pct(higher ? t.onTrack : 2 - t.onTrack, lang);
  const risk = pct(higher ? t.atRisk : 2 - t.atRisk, lang);
  if (lang === 'uk') return higher ? `за планом від ${on}, є ризики від ${risk}` : `за планом до ${on}, є ризики до ${risk}`;
  if (lang === 'ru') return higher ? `по плану от ${on}, есть риски от ${risk}` : `по плану до ${on}, есть риски до ${risk}`;
  return higher ? `on track from ${on}, at risk from ${risk}` : `on track up to ${on}, at risk up to ${risk}`;
}

function texts(make: (lang: Language) => string): KpiTexts {
  return { en: make('en'), uk: make('uk'), ru: make('ru') };
}

// ---------------------------------------------------------------------------------------------
// Evaluation

function judge(direction: KpiDirection, actual: number, expected: number, t: PacingThresholds): { verdict: KpiVerdict; ratio: number | null } {
  const higher = direction === 'higher-is-better';
  if (expected <= 0) {
    const tol = EPS * Math.max(1, Math.abs(expected));
    const ok = higher ? actual >= expected - tol : actual <= expected + tol;
    return { verdict: ok ? 'on-track' : 'off-track', ratio: null };
  }
  const ratio = actual / expected;
  if (higher) return { verdict: ratio >= t.onTrack - EPS ? 'on-track' : ratio >= t.atRisk - EPS ? 'at-risk' : 'off-track', ratio };
  return { verdict: ratio <= 2 - t.onTrack + EPS ? 'on-track' : ratio <= 2 - t.atRisk + EPS ? 'at-risk' : 'off-track', ratio };
}

export function evaluatePacing(input: PacingInput): PacingResult {
  const ym = requireYearMonth(input.month);
  const dim = daysInMonth(ym.year, ym.month);
  const elapsed = elapsedDaysOf(input.month, input.asOf);
  const finished = elapsed === dim;
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  if (!(t.onTrack > t.atRisk && t.atRisk > 0 && t.onTrack <= 1)) throw new RangeError('Thresholds need 0 < atRisk < onTrack ≤ 1');
  const { actual, target, unit, direction } = input;
  const base = { actual, target, elapsedDays: elapsed, daysInMonth: dim, finished };
  const fmt = (v: number | null, lang: Language): string => formatKpiValue(v, unit, lang);

  if (actual === null) {
    return {
      ...base,
      verdict: 'no-data',
      expectedByNow: null,
      ratio: null,
      note: finished
        ? { en: 'No data for this month.', uk: 'Немає даних за цей місяць.', ru: 'Нет данных за этот месяц.' }
        : { en: 'No data for this month yet.', uk: 'Даних за цей місяць ще немає.', ru: 'Данных за этот месяц ещё нет.' },
    };
  }
  if (target === null) {
    return {
      ...base,
      verdict: 'no-target',
      expectedByNow: null,
      ratio: null,
      note: texts((l) => (l === 'uk' ? `Ціль не задано; факт ${fmt(actual, l)}.` : l === 'ru' ? `Цель не задана; факт ${fmt(actual, l)}.` : `No target set; actual ${fmt(actual, l)}.`)),
    };
  }
  if (elapsed === 0) {
    return {
      ...base,
      verdict: 'pending',
      expectedByNow: null,
      ratio: null,
      note: {
        en: 'No full day of the month has passed yet.',
        uk: 'Ще не минув жоден повний день місяця.',
        ru: 'Ещё не прошёл ни один полный день месяца.',
      },
    };
  }
  if (input.pacing === 'none' && !finished) {
    return {
      ...base,
      verdict: 'pending',
      expectedByNow: null,
      ratio: null,
      note: texts((l) =>
        l === 'uk'
          ? `Оцінюється після завершення місяця; поки ${fmt(actual, l)} при цілі ${fmt(target, l)}.`
          : l === 'ru'
            ? `Оценивается по итогам месяца; пока ${fmt(actual, l)} при цели ${fmt(target, l)}.`
            : `Judged when the month ends; so far ${fmt(actual, l)} against a target of ${fmt(target, l)}.`,
      ),
    };
  }
  const expected = input.pacing === 'cumulative' && !finished ? (target * elapsed) / dim : target;
  const { verdict, ratio } = judge(direction, actual, expected, t);
  const word = verdict as 'on-track' | 'at-risk' | 'off-track';
  const note = texts((l) => {
    const a = fmt(actual, l);
    const tt = fmt(target, l);
    const v = VERDICT_WORDS[l][word];
    if (ratio === null) {
      const good = verdict === 'on-track';
      const cmp =
        l === 'uk' ? (good ? 'не гірше за ціль' : 'гірше за ціль') : l === 'ru' ? (good ? 'не хуже цели' : 'хуже цели') : good ? 'at least as good as the target' : 'worse than the target';
      return l === 'uk' ? `Факт ${a} при цілі ${tt}: ${cmp} — ${v}.` : l === 'ru' ? `Факт ${a} при цели ${tt}: ${cmp} — ${v}.` : `Actual ${a} vs target ${tt}: ${cmp} — ${v}.`;
    }
    const p = pct(ratio, l);
    const r = rule(direction, t, l);
    if (input.pacing === 'cumulative' && !finished) {
      const e = fmt(expected, l);
      if (l === 'uk') return `Факт ${a} при очікуваних ${e} на ${elapsed}-й день із ${dim} (ціль ${tt}): ${p} темпу — ${v} (${r}).`;
      if (l === 'ru') return `Факт ${a} при ожидаемых ${e} на ${elapsed}-й день из ${dim} (цель ${tt}): ${p} темпа — ${v} (${r}).`;
      return `Actual ${a} vs ${e} expected by day ${elapsed} of ${dim} (target ${tt}): ${p} of pace — ${v} (${r}).`;
    }
    if (finished) {
      if (l === 'uk') return `Факт ${a} при цілі ${tt} за весь місяць: ${p} — ${v} (${r}).`;
      if (l === 'ru') return `Факт ${a} при цели ${tt} за весь месяц: ${p} — ${v} (${r}).`;
      return `Actual ${a} vs target ${tt} for the whole month: ${p} — ${v} (${r}).`;
    }
    if (l === 'uk') return `Факт ${a} при цілі ${tt} (порівнюється напряму): ${p} — ${v} (${r}).`;
    if (l === 'ru') return `Факт ${a} при цели ${tt} (сравнивается напрямую): ${p} — ${v} (${r}).`;
    return `Actual ${a} vs target ${tt} (compared directly): ${p} — ${v} (${r}).`;
  });
  return { ...base, verdict, expectedByNow: expected, ratio, note };
}

/**
 * A 0–1 score of verdicts for bonus factors: (on-track + ½ × at-risk) / judged, where judged counts
 * on-track, at-risk and off-track only; null when nothing was judged.
 */
export function kpiScore(verdicts: Iterable<KpiVerdict>): number | null {
  let on = 0;
  let risk = 0;
  let judged = 0;
  for (const v of verdicts) {
    if (v === 'on-track') on += 1;
    else if (v === 'at-risk') risk += 1;
    else if (v !== 'off-track') continue;
    judged += 1;
  }
  return judged === 0 ? null : (on + risk / 2) / judged;
}
