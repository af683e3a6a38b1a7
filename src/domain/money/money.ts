// Money as integer minor units (BigInt) plus an ISO 4217 code. Never floats.
// Rates (VAT %, commission %, exchange rates, cost per hour) are decimal strings; they are handled
// with decimal.js and turned into exact fractions, so every result is rounded exactly once, to the
// minor unit, with an explicit rounding mode (see README.md in this folder).
import Decimal from 'decimal.js';
import { CurrencyMismatchError, InvalidAmountError, UnknownCurrencyError } from './errors';

export interface Money {
  readonly amountMinor: bigint;
  readonly currency: string;
}

/** How money is stored in JSON (KVS documents, resolver payloads): minor units as a string. */
export interface MoneyJson {
  amountMinor: string;
  currency: string;
}

/**
 * half-up: to nearest, ties away from zero (commercial rounding; the default everywhere here).
 * half-even: to nearest, ties to even. half-down: to nearest, ties toward zero.
 * up: away from zero. down: toward zero (truncate). ceil: toward +∞. floor: toward −∞.
 */
export type RoundingMode = 'half-up' | 'half-even' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor';

/** An exact non-integer factor: num / den, den > 0. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

// Decimal context for rate arithmetic. Rates are parsed from short strings, and only + − × are used on
// them (divisions are kept as Ratio), so 60 significant digits never round anything real.
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });
export type Dec = Decimal;

/** ISO 4217 minor-unit exponents of the currencies we accept. */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  UAH: 2, USD: 2, EUR: 2, RUB: 2, KZT: 2, PLN: 2, GBP: 2, CHF: 2, CZK: 2, HUF: 2, RON: 2, BGN: 2,
  SEK: 2, NOK: 2, DKK: 2, MDL: 2, GEL: 2, AMD: 2, AZN: 2, BYN: 2, UZS: 2, KGS: 2, TJS: 2, TRY: 2,
  ILS: 2, AED: 2, CAD: 2, AUD: 2, NZD: 2, CNY: 2, INR: 2, SGD: 2, HKD: 2, BRL: 2, MXN: 2,
  JPY: 0, KRW: 0, ISK: 0, VND: 0, CLP: 0,
  KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3,
});

/** Amounts beyond this many digits are refused as input (a typo, not a payment). */
const MAX_DIGITS = 30;

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

export function isKnownCurrency(currency: string): boolean {
  return Object.prototype.hasOwnProperty.call(CURRENCY_EXPONENTS, currency);
}

export function currencyExponent(currency: string): number {
  const e = isKnownCurrency(currency) ? CURRENCY_EXPONENTS[currency] : undefined;
  if (e === undefined) throw new UnknownCurrencyError(currency);
  return e;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

export function money(amountMinor: bigint, currency: string): Money {
  currencyExponent(currency);
  return { amountMinor, currency };
}

export function zero(currency: string): Money {
  return money(0n, currency);
}

// ---------------------------------------------------------------------------------------------
// Exact rounding of fractions

/** Rounds num/den (den ≠ 0) to an integer with the given mode. Exact for any size. */
export function divRound(num: bigint, den: bigint, mode: RoundingMode): bigint {
  if (den === 0n) throw new RangeError('Division by zero');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den; // truncates toward zero
  const r = num % den; // sign of num
  if (r === 0n) return q;
  const s = num < 0n ? -1n : 1n;
  const twice = (r < 0n ? -r : r) * 2n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return q + s;
    case 'floor':
      return num < 0n ? q - 1n : q;
    case 'ceil':
      return num > 0n ? q + 1n : q;
    case 'half-up':
      return twice >= den ? q + s : q;
    case 'half-down':
      return twice > den ? q + s : q;
    case 'half-even':
      if (twice > den) return q + s;
      if (twice < den) return q;
      return q % 2n === 0n ? q : q + s;
  }
}

/** "12.5" → 125/10. Throws InvalidAmountError for anything but a plain decimal string. */
export function ratioOf(text: string, field = 'rate'): Ratio {
  if (typeof text !== 'string' || !DECIMAL_RE.test(text)) throw new InvalidAmountError(String(text), 'Not a decimal number', field);
  const negative = text.startsWith('-');
  const [intPart = '', fracPart = ''] = (negative ? text.slice(1) : text).split('.');
  if (intPart.replace(/^0+/, '').length > MAX_DIGITS || fracPart.length > MAX_DIGITS) {
    throw new InvalidAmountError(text, 'Too many digits', field);
  }
  const num = BigInt(intPart + fracPart);
  return { num: negative ? -num : num, den: pow10(fracPart.length) };
}

/** Parses a decimal string into the rate context (plain decimals only: no exponents, no commas). */
export function decimalOf(text: string, field = 'rate'): Dec {
  ratioOf(text, field);
  return new Dec(text);
}

const DECIMAL_ROUNDING: Record<RoundingMode, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-down': Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceil: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

/** Rounds a Decimal to a plain decimal string with exactly `places` digits (half-up unless told). */
export function decimalString(value: Dec, places: number, mode: RoundingMode = 'half-up'): string {
  if (!value.isFinite()) throw new InvalidAmountError(value.toString(), 'Not a finite number');
  const out = value.toFixed(places, DECIMAL_ROUNDING[mode]);
  return /^-0(\.0+)?$/.test(out) ? out.slice(1) : out;
}

function minorToDecimalString(amountMinor: bigint, exponent: number): string {
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, '0');
  const intPart = digits.slice(0, digits.length - exponent);
  const fracPart = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${intPart}${exponent > 0 ? `.${fracPart}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Parse and format

/**
 * Strict parse of a canonical decimal string ("1500", "1500.5", "1500.50", "-3.10") into money.
 * More fraction digits than the currency has are refused ("1.005" USD), as are "1 500,50", "1e3", "+1".
 */
export function parseMoney(text: string, currency: string): Money {
  const exp = currencyExponent(currency);
  const r = ratioOf(text, 'amount');
  const fracDigits = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  if (fracDigits > exp) {
    throw new InvalidAmountError(text, `${currency} has ${exp} digit${exp === 1 ? '' : 's'} after the decimal point`);
  }
  return { amountMinor: (r.num * pow10(exp)) / r.den, currency };
}

/** Any-precision decimal string → money, rounded to the minor unit with `mode`. */
export function moneyFromDecimal(text: string, currency: string, mode: RoundingMode): Money {
  const exp = currencyExponent(currency);
  const r = ratioOf(text, 'amount');
  return { amountMinor: divRound(r.num * pow10(exp), r.den, mode), currency };
}

/** "1500.00": the currency's exact number of fraction digits, '-' for negatives, no grouping. */
export function formatMoney(m: Money): string {
  return minorToDecimalString(m.amountMinor, currencyExponent(m.currency));
}

/** The amount as a Decimal in major units (for display maths only; money stays in minor units). */
export function toDecimal(m: Money): Dec {
  return new Dec(formatMoney(m));
}

const GROUP_CHARS = /[\s\u00a0\u202f\u2009'’]/;

/**
 * Locale decimal → canonical decimal string. `decimalSeparator` is explicit: ',' reads "1 500,50",
 * "1.500,50" → "1500.50"; '.' reads "1,500.50", "1 500.50" → "1500.50". Groups must be 3 digits
 * ("1,5" with '.' is refused). Spaces (incl. no-break), apostrophes and the other separator group;
 * a leading '-', '−' or '+' is kept.
 */
export function parseLocaleDecimal(text: string, decimalSeparator: '.' | ','): string {
  const raw = text.trim();
  let body = raw;
  let sign = '';
  if (/^[-−+]/.test(body)) {
    sign = body[0] === '+' ? '' : '-';
    body = body.slice(1).trim();
  }
  const parts = body.split(decimalSeparator);
  if (parts.length > 2) throw new InvalidAmountError(raw, 'Not an amount');
  const [intRaw = '', fracRaw] = parts;
  if (fracRaw !== undefined && !/^\d+$/.test(fracRaw)) throw new InvalidAmountError(raw, 'Not an amount');
  const other = decimalSeparator === ',' ? '.' : ',';
  let intDigits: string;
  if (/^\d+$/.test(intRaw)) intDigits = intRaw;
  else {
    // Grouped: one kind of group character throughout, groups of exactly three digits.
    const sep = [...intRaw].find((ch) => !/\d/.test(ch)) ?? '';
    if (!(sep === other || GROUP_CHARS.test(sep))) throw new InvalidAmountError(raw, 'Not an amount');
    const groups = intRaw.split(sep);
    const ok = groups.length > 1 && /^\d{1,3}$/.test(groups[0] ?? '') && groups.slice(1).every((g) => /^\d{3}$/.test(g));
    if (!ok) throw new InvalidAmountError(raw, 'Not an amount (digit groups must have 3 digits)');
    intDigits = groups.join('');
  }
  if (intDigits === '') throw new InvalidAmountError(raw, 'Not an amount');
  const canonicalInt = intDigits.replace(/^0+(?=\d)/, '');
  const out = `${sign}${canonicalInt}${fracRaw !== undefined ? `.${fracRaw}` : ''}`;
  return /^-0(\.0+)?$/.test(out) ? out.slice(1) : out;
}

export function moneyToJson(m: Money): MoneyJson {
  return { amountMinor: m.amountMinor.toString(), currency: m.currency };
}

export function moneyFromJson(json: MoneyJson): Money {
  if (typeof json?.amountMinor !== 'string' || !/^-?\d{1,40}$/.test(json.amountMinor)) {
    throw new InvalidAmountError(String(json?.amountMinor), 'Stored amount is not an integer of minor units');
  }
  return money(BigInt(json.amountMinor), String(json.currency));
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

export function assertSameCurrency(a: Money, b: Money, context = ''): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency, context);
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'addition');
  return { amountMinor: a.amountMinor + b.amountMinor, currency: a.currency };
}

export function sub(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'subtraction');
  return { amountMinor: a.amountMinor - b.amountMinor, currency: a.currency };
}

export function negate(m: Money): Money {
  return { amountMinor: -m.amountMinor, currency: m.currency };
}

export function abs(m: Money): Money {
  return m.amountMinor < 0n ? negate(m) : m;
}

/** Σ items; the currency is required so an empty list has one. */
export function sum(currency: string, items: Iterable<Money>): Money {
  let total = zero(currency);
  for (const m of items) total = add(total, m);
  return total;
}

/** m × num/den rounded once. */
export function multiplyRatio(m: Money, ratio: Ratio, mode: RoundingMode): Money {
  return { amountMinor: divRound(m.amountMinor * ratio.num, ratio.den, mode), currency: m.currency };
}

/** m × factor (decimal string such as "1.5" or "0.075"), rounded once to the minor unit. */
export function multiply(m: Money, factor: string, mode: RoundingMode): Money {
  return multiplyRatio(m, ratioOf(factor, 'factor'), mode);
}

/** percent % of m ("10", "7.5"), rounded once to the minor unit. */
export function percentOf(m: Money, percent: string, mode: RoundingMode = 'half-up'): Money {
  const r = ratioOf(percent, 'percent');
  return multiplyRatio(m, { num: r.num, den: r.den * 100n }, mode);
}

/**
 * Converts to another currency at `rate` (1 unit of m.currency = rate units of `to`), rounded once.
 * The exponent difference is exact (JPY → USD and back work).
 */
export function convert(m: Money, to: string, rate: string, mode: RoundingMode = 'half-up'): Money {
  const fromExp = currencyExponent(m.currency);
  const toExp = currencyExponent(to);
  const r = ratioOf(rate, 'rate');
  if (r.num <= 0n) throw new InvalidAmountError(rate, 'An exchange rate must be positive', 'rate');
  const num = m.amountMinor * r.num * pow10(Math.max(0, toExp - fromExp));
  const den = r.den * pow10(Math.max(0, fromExp - toExp));
  return { amountMinor: divRound(num, den, mode), currency: to };
}

/**
 * Splits m into parts proportional to `ratios` (non-negative decimal strings, not all zero) without
 * losing a minor unit: each part is the exact share truncated toward zero, then the leftover units go
 * one each to the parts with the largest remainders (ties: the earlier part). Parts sum to m exactly and
 * each is within one minor unit of its exact share; negative amounts split as −allocate(|m|).
 */
export function allocate(m: Money, ratios: readonly string[]): Money[] {
  if (ratios.length === 0) throw new InvalidAmountError('', 'Allocation needs at least one ratio', 'ratios');
  const parsed = ratios.map((r) => ratioOf(r, 'ratio'));
  if (parsed.some((r) => r.num < 0n)) throw new InvalidAmountError(ratios.join(','), 'Ratios cannot be negative', 'ratios');
  // Common denominator: every ratio's den is a power of ten.
  const den = parsed.reduce((acc, r) => (r.den > acc ? r.den : acc), 1n);
  const weights = parsed.map((r) => (r.num * den) / r.den);
  const total = weights.reduce((a, b) => a + b, 0n);
  if (total === 0n) throw new InvalidAmountError(ratios.join(','), 'Ratios cannot all be zero', 'ratios');
  const negative = m.amountMinor < 0n;
  const amount = negative ? -m.amountMinor : m.amountMinor;
  const shares = weights.map((w) => (amount * w) / total);
  const remainders = weights.map((w, i) => ({ i, rem: (amount * w) % total }));
  let leftover = amount - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of remainders) {
    if (leftover === 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return shares.map((s) => ({ amountMinor: negative ? -s : s, currency: m.currency }));
}

// ---------------------------------------------------------------------------------------------
// Comparison

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b, 'comparison');
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amountMinor === b.amountMinor;
}

export const isZero = (m: Money): boolean => m.amountMinor === 0n;
export const isNegative = (m: Money): boolean => m.amountMinor < 0n;
export const isPositive = (m: Money): boolean => m.amountMinor > 0n;

export function min(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? a : b;
}

export function max(a: Money, b: Money): Money {
  return compare(a, b) >= 0 ? a : b;
}

// ---------------------------------------------------------------------------------------------
// Micros (ad APIs: cost × 1,000,000 as an int64 string)

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Validates an int64 micros value given as a string (or bigint). */
export function parseMicros(micros: string | bigint): bigint {
  let v: bigint;
  if (typeof micros === 'bigint') v = micros;
  else {
    if (typeof micros !== 'string' || !/^-?\d{1,19}$/.test(micros.trim())) {
      throw new InvalidAmountError(String(micros), 'Micros must be an integer string', 'costMicros');
    }
    v = BigInt(micros.trim());
  }
  if (v < INT64_MIN || v > INT64_MAX) throw new InvalidAmountError(String(micros), 'Micros out of int64 range', 'costMicros');
  return v;
}

/**
 * Micros → money: micros / 10^(6 − exponent), rounded half-up (ties away from zero) to the minor unit.
 * Round once per aggregate: sum the micros of a day first, then convert (see commission.ts).
 */
export function fromMicros(micros: string | bigint, currency: string, mode: RoundingMode = 'half-up'): Money {
  const exp = currencyExponent(currency);
  const v = parseMicros(micros);
  return exp <= 6
    ? { amountMinor: divRound(v, pow10(6 - exp), mode), currency }
    : { amountMinor: v * pow10(exp - 6), currency };
}

/** Money → micros (exact). */
export function toMicros(m: Money): bigint {
  const exp = currencyExponent(m.currency);
  return exp <= 6 ? m.amountMinor * pow10(6 - exp) : divRound(m.amountMinor, pow10(exp - 6), 'half-up');
}
