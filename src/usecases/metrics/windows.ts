// Date windows of the sync, as pure functions on 'YYYY-MM-DD' / 'YYYY-MM' strings in the source
// account's time zone: the daily trailing window (plus any gap since the last success), hourly spend,
// and the month-chunked backfill walked from the newest month back to the oldest.
import { DateTime } from 'luxon';
import { addDays, dayCount } from '../../connectors/metrics/shared/dates';
import { addMonths, daysInMonth, requireYearMonth } from '../../domain/month-rules';

export interface DateWindow {
  from: string;
  to: string;
}

/** A gap longer than this is pulled as several month windows (one event each). */
export const MAX_WINDOW_DAYS = 31;

/** Today's date in a time zone (an invalid zone falls back to UTC rather than failing the sync). */
export function todayIn(now: Date, timeZone: string): string {
  const d = DateTime.fromJSDate(now, { zone: timeZone });
  return (d.isValid ? d : DateTime.fromJSDate(now, { zone: 'utc' })).toFormat('yyyy-MM-dd');
}

export function hourIn(now: Date, timeZone: string): number {
  const d = DateTime.fromJSDate(now, { zone: timeZone });
  return (d.isValid ? d : DateTime.fromJSDate(now, { zone: 'utc' })).hour;
}

export const monthOf = (date: string): string => date.slice(0, 7);

export const firstDayOf = (month: string): string => `${month}-01`;

export function lastDayOf(month: string): string {
  const ym = requireYearMonth(month);
  return `${month}-${String(daysInMonth(ym.year, ym.month)).padStart(2, '0')}`;
}

/** Months touched by an inclusive date range, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= monthOf(to); m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Splits an inclusive range at month boundaries (each piece lies in one month), oldest first. */
export function splitByMonth(w: DateWindow): DateWindow[] {
  return monthsBetween(w.from, w.to).map((m) => ({
    from: w.from > firstDayOf(m) ? w.from : firstDayOf(m),
    to: w.to < lastDayOf(m) ? w.to : lastDayOf(m),
  }));
}

/**
 * What the daily run pulls: the trailing window ending today, widened back to the day after the
 * last synced day when runs were missed (never before `earliest`, the start of the backfill).
 * A long gap comes back as month-sized windows so each event stays bounded.
 */
export function dailyWindows(opts: { today: string; trailingDays: number; syncedThrough: string | null; earliest: string | null }): DateWindow[] {
  const trailingFrom = addDays(opts.today, -(Math.max(1, opts.trailingDays) - 1));
  let from = trailingFrom;
  if (opts.syncedThrough && opts.syncedThrough < trailingFrom) from = addDays(opts.syncedThrough, 1);
  if (opts.earliest && from < opts.earliest) from = opts.earliest < trailingFrom ? opts.earliest : trailingFrom;
  if (from > opts.today) from = opts.today;
  const w = { from, to: opts.today };
  return dayCount(w.from, w.to) > MAX_WINDOW_DAYS ? splitByMonth(w) : [w];
}

export interface BackfillPlan {
  /** Oldest month to pull. */
  fromMonth: string;
  /** Newest month (the month the backfill started in). */
  toMonth: string;
}

/** `months` months ending with today's month. */
export function backfillPlan(today: string, months: number): BackfillPlan {
  const toMonth = monthOf(today);
  return { fromMonth: addMonths(toMonth, -(Math.max(1, months) - 1)), toMonth };
}

export function monthCount(fromMonth: string, toMonth: string): number {
  if (toMonth < fromMonth) return 0;
  const a = requireYearMonth(fromMonth);
  const b = requireYearMonth(toMonth);
  return (b.year - a.year) * 12 + (b.month - a.month) + 1;
}

/**
 * The backfill step ending at `nextTo` (newest not-yet-pulled month): up to `perEvent` months back,
 * never before the plan's first month, and never past `today`.
 */
export function backfillStep(plan: BackfillPlan, nextTo: string, perEvent: number, today: string): { fromMonth: string; toMonth: string; window: DateWindow } {
  const back = addMonths(nextTo, -(Math.max(1, perEvent) - 1));
  const fromMonth = back < plan.fromMonth ? plan.fromMonth : back;
  const end = lastDayOf(nextTo);
  return { fromMonth, toMonth: nextTo, window: { from: firstDayOf(fromMonth), to: end < today ? end : today } };
}

/** The month before the step's first month, or null when the plan is complete. */
export function nextAfterStep(plan: BackfillPlan, stepFromMonth: string): string | null {
  const next = addMonths(stepFromMonth, -1);
  return next < plan.fromMonth ? null : next;
}
