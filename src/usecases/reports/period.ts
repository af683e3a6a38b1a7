// Report periods and ids (pure): which reports a service is due on a given agency day, and the
// deterministic id of a report, so a re-run or a second trigger finds the same record and page.
import { addMonths, daysInMonth, formatCalendarDate, monthLabel } from '../../domain/month-rules';
import type { Language, ReportSchedule } from '../../domain/model';
import type { ReportKind } from '../../storage/reports.repo';

export interface ReportPeriod {
  kind: ReportKind;
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
}

export const DEFAULT_REPORT_SCHEDULE: ReportSchedule = { weekly: { enabled: true, weekday: 1 }, monthly: { enabled: true, dayOfMonth: 3 }, autoSend: false };

const DAY_MS = 86_400_000;
const toUtc = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** The agency's calendar day of an instant. */
export function dayIn(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(toUtc(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function monthPeriod(month: string): ReportPeriod {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { kind: 'monthly', from: `${month}-01`, to: formatCalendarDate(y, m, daysInMonth(y, m)) };
}

/** Reports due on `today` under the schedule: the previous week on the weekday, the previous month on the day. */
export function duePeriods(schedule: ReportSchedule, today: string): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  if (schedule.weekly.enabled && isoWeekday(today) === schedule.weekly.weekday) {
    const to = addDays(today, -1);
    out.push({ kind: 'weekly', from: addDays(to, -6), to });
  }
  if (schedule.monthly.enabled && Number(today.slice(8, 10)) === schedule.monthly.dayOfMonth) {
    out.push(monthPeriod(addMonths(today.slice(0, 7), -1)));
  }
  return out;
}

export function reportIdOf(serviceId: string, p: ReportPeriod): string {
  return `rp-${serviceId}-${p.kind.charAt(0)}-${p.from}-${p.to}`;
}

/** The same-length period just before. */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  if (p.kind === 'monthly') return monthPeriod(addMonths(p.from.slice(0, 7), -1));
  const days = Math.round((toUtc(p.to) - toUtc(p.from)) / DAY_MS) + 1;
  return { kind: p.kind, from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

export function lastYearPeriod(p: ReportPeriod): ReportPeriod {
  if (p.kind === 'monthly') return monthPeriod(addMonths(p.from.slice(0, 7), -12));
  return { kind: p.kind, from: addDays(p.from, -364), to: addDays(p.to, -364) };
}

/** Months (YYYY-MM) a period touches. */
export function monthsOf(p: ReportPeriod): string[] {
  const out: string[] = [];
  for (let m = p.from.slice(0, 7); m <= p.to.slice(0, 7); m = addMonths(m, 1)) out.push(m);
  return out;
}

export function periodLabel(p: ReportPeriod, lang: Language): string {
  if (p.kind === 'monthly') return monthLabel(p.from.slice(0, 7), lang);
  return `${p.from} – ${p.to}`;
}
