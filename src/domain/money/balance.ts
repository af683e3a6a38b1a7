// Prepaid wallet balance, spend pace and runway, "subscription paid until", and the money alerts.
//
// Days with no data vs zero spend: a SpendDayTotal row means the source reported that day (a zero
// row = the source said 0). A day without a row was not fetched (or the account was disconnected) and
// is left out: it is neither zero spend in the average nor evidence that ads stopped. Sync jobs must
// therefore write a zero row for a day they fetched and found no cost.
//
// Alerts are pure predicates evaluated on current facts, without hysteresis: `active` is exactly the
// condition now; the caller raises the alert when it becomes active (once: the key is deterministic)
// and clears it as soon as it is inactive. Keys are per service and alert type (per invoice for
// overdue invoices), so a condition that ends and comes back later is a new occurrence of the same key.
import { daysInMonth, formatCalendarDate, requireCalendarDate, requireYearMonth } from '../month-rules';
import type { ServiceStatus } from '../model';
import { CurrencyMismatchError, InvalidAmountError } from './errors';
import { type Invoice, invoiceStatus, outstanding } from './invoice';
import { joinKey } from './keys';
import { type LedgerEntry, type LedgerRollup, entryEffect } from './ledger';
import { type Money, Dec, add, compare, decimalString, divRound, formatMoney, isPositive, ratioOf, sum, zero } from './money';

// ---------------------------------------------------------------------------------------------
// Calendar helpers (pure: dates are 'YYYY-MM-DD' strings, no clock)

function dayNumber(date: string): number {
  const d = requireCalendarDate(date);
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  const t = new Date((dayNumber(date) + days) * 86_400_000);
  return formatCalendarDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

function lastDayOfMonth(month: string): string {
  const ym = requireYearMonth(month);
  return formatCalendarDate(ym.year, ym.month, daysInMonth(ym.year, ym.month));
}

// ---------------------------------------------------------------------------------------------
// Balances

/** Wallet balance = Σ wallet credits − Σ wallet debits of the entries. */
export function walletBalance(currency: string, entries: Iterable<LedgerEntry>): Money {
  let total = zero(currency);
  for (const e of entries) {
    if (e.amount.currency !== currency) throw new CurrencyMismatchError(currency, e.amount.currency, `wallet entry ${e.id}`);
    total = add(total, { amountMinor: entryEffect(e).wallet, currency });
  }
  return total;
}

/** The same from monthly rollups: Σ walletBalanceDelta. */
export function walletBalanceFromRollups(currency: string, rollups: Iterable<LedgerRollup>): Money {
  let total = zero(currency);
  for (const r of rollups) {
    if (r.currency !== currency) throw new CurrencyMismatchError(currency, r.currency, `rollup ${r.serviceId} ${r.period}`);
    total = add(total, { amountMinor: BigInt(r.walletBalanceDelta), currency });
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Spend pace and runway

export interface SpendDayTotal {
  /** YYYY-MM-DD */
  date: string;
  /** The day's spend (several rows for one date are added up). */
  amount: Money;
}

export interface AverageSpend {
  /** Σ spend / days with data, rounded half-up; null when no day in the window has data. */
  average: Money | null;
  total: Money;
  daysWithData: number;
  /** The window: the `window` full days before `today` (today's data is still incomplete). */
  from: string;
  to: string;
}

export function averageDailySpend(currency: string, days: readonly SpendDayTotal[], today: string, window = 7): AverageSpend {
  if (!Number.isInteger(window) || window < 1) throw new InvalidAmountError(String(window), 'The window is a positive number of days', 'window');
  const from = addDays(today, -window);
  const to = addDays(today, -1);
  const byDate = new Map<string, Money>();
  for (const d of days) {
    if (d.amount.currency !== currency) throw new CurrencyMismatchError(currency, d.amount.currency, `spend of ${d.date}`);
    requireCalendarDate(d.date);
    if (d.date < from || d.date > to) continue;
    byDate.set(d.date, add(byDate.get(d.date) ?? zero(currency), d.amount));
  }
  const total = sum(currency, byDate.values());
  const n = byDate.size;
  return { average: n === 0 ? null : { amountMinor: divRound(total.amountMinor, BigInt(n), 'half-up'), currency }, total, daysWithData: n, from, to };
}

/** Full days the balance lasts at the average pace (floor); null when there is no spend to measure. */
export function runwayDays(balance: Money, averageDaily: Money | null): number | null {
  if (!averageDaily || !isPositive(averageDaily)) return null;
  if (balance.currency !== averageDaily.currency) throw new CurrencyMismatchError(balance.currency, averageDaily.currency, 'runway');
  if (!isPositive(balance)) return 0;
  return Number(balance.amountMinor / averageDaily.amountMinor);
}

/** "Ads stop in N days": the date the money runs out, or null when the runway is unknown. */
export function adsStopDate(today: string, runway: number | null): string | null {
  return runway === null ? null : addDays(today, runway);
}

// ---------------------------------------------------------------------------------------------
// Subscription

export interface SubscriptionCoverage {
  /** Whole months paid, counted from the month of the start date. */
  monthsCovered: number;
  /** Last day of the last fully paid month; null when not even the first month is paid. */
  paidUntil: string | null;
  /** Paid beyond the covered months (a part of the next month). */
  remainder: Money;
}

/**
 * From the fee payments received since the start (Σ of what the client paid for the subscription) and
 * the monthly charge (fee with VAT): months covered = floor(paid / charge), from the start month on.
 */
export function subscriptionPaidUntil(input: { startDate: string; monthlyCharge: Money; feePaymentsTotal: Money }): SubscriptionCoverage | null {
  const { monthlyCharge: charge, feePaymentsTotal: paid } = input;
  if (charge.currency !== paid.currency) throw new CurrencyMismatchError(charge.currency, paid.currency, 'subscription');
  const start = requireCalendarDate(input.startDate);
  if (!isPositive(charge)) return null; // no subscription to pay
  const months = paid.amountMinor > 0n ? paid.amountMinor / charge.amountMinor : 0n;
  const remainder = { amountMinor: paid.amountMinor - months * charge.amountMinor, currency: charge.currency };
  if (months === 0n) return { monthsCovered: 0, paidUntil: null, remainder };
  const index = start.year * 12 + (start.month - 1) + Number(months) - 1;
  const month = `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
  return { monthsCovered: Number(months), paidUntil: lastDayOfMonth(month), remainder };
}

/** From fee invoices: the end of the last billed month before the first one not fully paid. */
export function subscriptionPaidUntilFromInvoices(invoices: readonly Invoice[]): string | null {
  const billed = invoices
    .filter((i) => i.purpose === 'fee' && i.period !== undefined && i.status !== 'cancelled')
    .sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
  let paidUntil: string | null = null;
  for (const inv of billed) {
    if (isPositive(outstanding(inv))) break;
    paidUntil = lastDayOfMonth(inv.period ?? '');
  }
  return paidUntil;
}

// ---------------------------------------------------------------------------------------------
// Alerts

export type AlertType =
  | 'low-balance'
  | 'runway-below'
  | 'subscription-ending'
  | 'invoice-overdue'
  | 'overspend'
  | 'underspend'
  | 'ads-stopped';

export type AlertDetails = Record<string, string | number | boolean | null>;

export interface AlertState {
  type: AlertType;
  active: boolean;
  /** Deterministic, KVS-safe: alert:<type>:<serviceId>[:<invoiceId>]. */
  key: string;
  details: AlertDetails;
}

export function alertKey(type: AlertType, serviceId: string, ...parts: string[]): string {
  return joinKey('alert', type, serviceId, ...parts);
}

const show = (m: Money): string => formatMoney(m);

/** Active while the wallet balance is below the service's threshold. */
export function lowBalance(input: { serviceId: string; balance: Money; threshold: Money }): AlertState {
  const active = compare(input.balance, input.threshold) < 0;
  return {
    type: 'low-balance',
    active,
    key: alertKey('low-balance', input.serviceId),
    details: { balance: show(input.balance), threshold: show(input.threshold), currency: input.balance.currency },
  };
}

/** Active while the runway is known and shorter than `days`. */
export function runwayBelow(input: { serviceId: string; runwayDays: number | null; days: number }): AlertState {
  return {
    type: 'runway-below',
    active: input.runwayDays !== null && input.runwayDays < input.days,
    key: alertKey('runway-below', input.serviceId),
    details: { runwayDays: input.runwayDays, days: input.days },
  };
}

/** Active while the subscription is paid until less than `days` from today (or already ran out). */
export function subscriptionEnding(input: { serviceId: string; paidUntil: string | null; today: string; days: number }): AlertState {
  const left = input.paidUntil === null ? null : daysBetween(input.today, input.paidUntil);
  return {
    type: 'subscription-ending',
    active: left !== null && left < input.days,
    key: alertKey('subscription-ending', input.serviceId),
    details: { paidUntil: input.paidUntil, daysLeft: left, days: input.days },
  };
}

/** Active while the invoice is past due and not fully paid (never for cancelled invoices). */
export function invoiceOverdue(input: { invoice: Invoice; today: string }): AlertState {
  const inv = input.invoice;
  const active = invoiceStatus(inv, inv.payments, input.today) === 'overdue';
  return {
    type: 'invoice-overdue',
    active,
    key: alertKey('invoice-overdue', inv.serviceId, inv.id),
    details: {
      invoiceId: inv.id,
      number: inv.number,
      dueDate: inv.dueDate,
      outstanding: show(outstanding(inv)),
      currency: inv.currency,
      daysOverdue: active ? daysBetween(inv.dueDate, input.today) : 0,
    },
  };
}

export interface SpendPaceInput {
  serviceId: string;
  /** YYYY-MM the budget is for. */
  month: string;
  monthBudget: Money;
  /** Spend of the month's days before `today` (today's partial spend left out). */
  spentToDate: Money;
  today: string;
  /** Allowed deviation from the pro-rated budget, percent (decimal string, 0–100). */
  tolerancePercent: string;
}

interface Pace {
  elapsedDays: number;
  monthDays: number;
  expected: Money;
  /** spent·monthDays·100·td compared with budget·elapsed·(100·td ± tn). */
  over: boolean;
  under: boolean;
  deviationPercent: string | null;
}

/** Complete days of the month needed before over- or under-spend is judged. */
export const MIN_PACE_DAYS = 3;

function pace(input: SpendPaceInput): Pace {
  const { monthBudget: budget, spentToDate: spent } = input;
  if (budget.currency !== spent.currency) throw new CurrencyMismatchError(budget.currency, spent.currency, 'spend pace');
  const tol = ratioOf(input.tolerancePercent, 'tolerancePercent');
  if (tol.num < 0n || tol.num > 100n * tol.den) throw new InvalidAmountError(input.tolerancePercent, 'Tolerance is a percent from 0 to 100', 'tolerancePercent');
  const ym = requireYearMonth(input.month);
  const monthDays = daysInMonth(ym.year, ym.month);
  // Complete days of the month before today, clamped to the month.
  const elapsedDays = Math.max(0, Math.min(monthDays, daysBetween(`${input.month}-01`, input.today)));
  const expected = { amountMinor: divRound(budget.amountMinor * BigInt(elapsedDays), BigInt(monthDays), 'half-up'), currency: budget.currency };
  // Pace says little before a few days have passed (and yesterday's spend may not be synced yet).
  const measurable = elapsedDays >= MIN_PACE_DAYS && isPositive(budget);
  const lhs = spent.amountMinor * BigInt(monthDays) * 100n * tol.den;
  const base = budget.amountMinor * BigInt(elapsedDays);
  const over = measurable && lhs > base * (100n * tol.den + tol.num);
  const under = measurable && lhs < base * (100n * tol.den - tol.num);
  const deviationPercent = measurable
    ? decimalString(new Dec(spent.amountMinor.toString()).times(monthDays).div(base.toString()).minus(1).times(100), 2)
    : null;
  return { elapsedDays, monthDays, expected, over, under, deviationPercent };
}

function paceDetails(input: SpendPaceInput, p: Pace): AlertDetails {
  return {
    month: input.month,
    budget: show(input.monthBudget),
    spent: show(input.spentToDate),
    expected: show(p.expected),
    elapsedDays: p.elapsedDays,
    monthDays: p.monthDays,
    tolerancePercent: input.tolerancePercent,
    deviationPercent: p.deviationPercent,
    currency: input.monthBudget.currency,
  };
}

/** Active while spend so far exceeds the budget pro-rated to elapsed days by more than the tolerance. */
export function overspend(input: SpendPaceInput): AlertState {
  const p = pace(input);
  return { type: 'overspend', active: p.over, key: alertKey('overspend', input.serviceId), details: paceDetails(input, p) };
}

/** Active while spend so far is below the pro-rated budget by more than the tolerance. */
export function underspend(input: SpendPaceInput): AlertState {
  const p = pace(input);
  return { type: 'underspend', active: p.under, key: alertKey('underspend', input.serviceId), details: paceDetails(input, p) };
}

/**
 * Active when an active service's source reported zero spend for yesterday (the last full day).
 * No row for yesterday is "no data", not "stopped" (see the top of this file).
 */
export function adsStopped(input: { serviceId: string; status: ServiceStatus; days: readonly SpendDayTotal[]; today: string }): AlertState {
  const day = addDays(input.today, -1);
  const rows = input.days.filter((d) => d.date === day);
  const hasData = rows.length > 0;
  const currency = rows[0]?.amount.currency;
  const spent = currency ? sum(currency, rows.map((d) => d.amount)) : null;
  const active = input.status === 'active' && spent !== null && !isPositive(spent);
  return {
    type: 'ads-stopped',
    active,
    key: alertKey('ads-stopped', input.serviceId),
    details: { day, hasData, spent: spent ? show(spent) : null, status: input.status },
  };
}

/** Convenience for panels: the wallet figures in one object. */
export function walletSummary(input: {
  currency: string;
  balance: Money;
  days: readonly SpendDayTotal[];
  today: string;
}): { balance: Money; averageDaily: Money | null; runwayDays: number | null; adsStopDate: string | null; spentLast7: Money } {
  const avg = averageDailySpend(input.currency, input.days, input.today);
  const runway = runwayDays(input.balance, avg.average);
  return { balance: input.balance, averageDaily: avg.average, runwayDays: runway, adsStopDate: adsStopDate(input.today, runway), spentLast7: avg.total };
}

/** Σ of spend days (any order), e.g. the month's spend to date for the pace alerts. */
export function totalSpend(currency: string, days: readonly SpendDayTotal[], from: string, to: string): Money {
  return sum(
    currency,
    days.filter((d) => d.date >= from && d.date <= to).map((d) => d.amount),
  );
}
