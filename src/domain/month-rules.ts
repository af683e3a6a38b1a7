// Months of the engagement: which month number a calendar month is, and in which month numbers a
// template task appears. Also the small calendar helpers the planner needs (pure, no Date.now()).
import type { Language, MonthRule } from './model';

/** Rules are judged over this many months (ten years) when asking "does it ever fire?". */
export const RULE_HORIZON_MONTHS = 120;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

export interface YearMonth {
  year: number;
  month: number; // 1–12
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** 'YYYY-MM' → {year, month}, or null when malformed. */
export function parseYearMonth(value: string): YearMonth | null {
  const m = MONTH_RE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1900 || year > 9999 || month < 1 || month > 12) return null;
  return { year, month };
}

/** 'YYYY-MM-DD' → parts, or null unless it is a real calendar date. */
export function parseCalendarDate(value: string): (YearMonth & { day: number }) | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const ym = parseYearMonth(`${m[1]}-${m[2]}`);
  if (!ym) return null;
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(ym.year, ym.month)) return null;
  return { ...ym, day };
}

export function isCalendarDate(value: string): boolean {
  return parseCalendarDate(value) !== null;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function formatYearMonth(ym: YearMonth): string {
  return `${String(ym.year).padStart(4, '0')}-${pad2(ym.month)}`;
}

export function formatCalendarDate(year: number, month: number, day: number): string {
  return `${formatYearMonth({ year, month })}-${pad2(day)}`;
}

/** Adds (or subtracts) whole months to 'YYYY-MM'. */
export function addMonths(month: string, delta: number): string {
  const ym = requireYearMonth(month);
  const index = ym.year * 12 + (ym.month - 1) + delta;
  return formatYearMonth({ year: Math.floor(index / 12), month: (index % 12) + 1 });
}

export function requireYearMonth(value: string): YearMonth {
  const ym = parseYearMonth(value);
  if (!ym) throw new RangeError(`Not a month (YYYY-MM): ${JSON.stringify(value)}`);
  return ym;
}

export function requireCalendarDate(value: string): YearMonth & { day: number } {
  const d = parseCalendarDate(value);
  if (!d) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return d;
}

/**
 * The month of the engagement `month` is: the month containing `startDate` is 1, the next 2, …;
 * months before the start give 0, -1, … (no task set is planned for those).
 */
export function engagementMonthNumber(startDate: string, month: string): number {
  const start = requireCalendarDate(startDate);
  const target = requireYearMonth(month);
  return (target.year - start.year) * 12 + (target.month - start.month) + 1;
}

/** Whether a template with this rule appears in the given month of the engagement (1-based). */
export function ruleAppliesInMonth(rule: MonthRule, monthNumber: number): boolean {
  if (!Number.isInteger(monthNumber) || monthNumber < 1) return false;
  switch (rule.kind) {
    case 'first-month':
      return monthNumber === 1;
    case 'every-month':
      return true;
    case 'every-n-months': {
      if (!Number.isInteger(rule.n) || rule.n < 1) return false;
      const shifted = monthNumber - 1 - (rule.offset ?? 0);
      return shifted >= 0 && shifted % rule.n === 0;
    }
    case 'from-month':
      return monthNumber >= rule.from;
    case 'listed-months':
      return rule.months.includes(monthNumber);
  }
}

/** False for a rule that never fires within the horizon: bad input for a template. */
export function ruleEverFires(rule: MonthRule, horizonMonths: number = RULE_HORIZON_MONTHS): boolean {
  for (let m = 1; m <= horizonMonths; m += 1) if (ruleAppliesInMonth(rule, m)) return true;
  return false;
}

/** Month numbers (1..horizon) in which the rule fires; handy for previews. */
export function firingMonths(rule: MonthRule, horizonMonths: number = RULE_HORIZON_MONTHS): number[] {
  const out: number[] = [];
  for (let m = 1; m <= horizonMonths; m += 1) if (ruleAppliesInMonth(rule, m)) out.push(m);
  return out;
}

// Slavic plural category: 1 → one, 2–4 → few, else many (11–14 are many).
function slavicPlural(n: number): 'one' | 'few' | 'many' {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return 'one';
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 'few';
  return 'many';
}

function fromMonthText(n: number, lang: Language): string {
  switch (lang) {
    case 'uk':
      return `з ${n}-го місяця`;
    case 'ru':
      // "со второго", otherwise "с …".
      return `${n === 2 ? 'со' : 'с'} ${n}-го месяца`;
    default:
      return `from month ${n}`;
  }
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Short human description of a rule, e.g. "Every 3 months, from month 2". */
export function describeRule(rule: MonthRule, lang: Language): string {
  switch (rule.kind) {
    case 'first-month':
      return { en: 'First month only', uk: 'Лише перший місяць', ru: 'Только первый месяц' }[lang];
    case 'every-month':
      return { en: 'Every month', uk: 'Щомісяця', ru: 'Ежемесячно' }[lang];
    case 'from-month':
      return capitalize(fromMonthText(rule.from, lang));
    case 'listed-months': {
      const list = [...rule.months].sort((a, b) => a - b).join(', ');
      const single = rule.months.length === 1;
      const head = { en: single ? 'Month' : 'Months', uk: single ? 'Місяць' : 'Місяці', ru: single ? 'Месяц' : 'Месяцы' }[lang];
      return `${head} ${list}`;
    }
    case 'every-n-months': {
      const n = rule.n;
      const p = slavicPlural(n);
      let every: string;
      if (lang === 'uk') every = p === 'one' ? `Кожен ${n} місяць` : `Кожні ${n} ${p === 'few' ? 'місяці' : 'місяців'}`;
      else if (lang === 'ru') every = p === 'one' ? `Каждый ${n} месяц` : `Каждые ${n} ${p === 'few' ? 'месяца' : 'месяцев'}`;
      else every = n === 1 ? 'Every month' : `Every ${n} months`;
      const offset = rule.offset ?? 0;
      return offset > 0 ? `${every}, ${fromMonthText(1 + offset, lang)}` : every;
    }
  }
}

const MONTH_NAMES: Record<Language, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  uk: ['Січень', 'Лютий', 'Березень', 'Квітень', 'Травень', 'Червень', 'Липень', 'Серпень', 'Вересень', 'Жовтень', 'Листопад', 'Грудень'],
  ru: ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'],
};

/** 'YYYY-MM' → "November 2026" / "Листопад 2026" / "Ноябрь 2026" (nominative, as a heading). */
export function monthLabel(month: string, lang: Language): string {
  const ym = requireYearMonth(month);
  return `${MONTH_NAMES[lang][ym.month - 1] ?? ''} ${ym.year}`;
}
