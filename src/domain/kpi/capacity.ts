// Capacity for a month: the hours the planned task sets need, per person and per role, against the
// hours people have, so over-booking shows before the month starts.
//
// Rules:
// - Working days of a person = days of the month on their working weekdays (default Monday–Friday)
//   that are not public holidays (a parameter: the agency's calendar). Days off count only when they
//   fall on such a working day (a vacation over a weekend costs nothing).
// - Available hours = (working days − days off) × hours per day.
// - Planned hours of a person = Σ estimates of tasks assigned to them (whatever the task's role).
//   Planned hours of a role = Σ estimates of all tasks of that role, assigned or not; available hours of
//   a role = Σ available hours of the people whose role it is.
// - Over-booked = planned > available (exact decimal comparison). Someone assigned but not in `people`
//   has 0 available hours and is flagged `known: false`. A role with planned hours and nobody on staff
//   has 0 available hours: it is over-booked, and marked `unstaffed` (no one could do the work at all).
// - The report is over-booked (`overbooked`) when any person or any role is: one answer for every
//   summary, so a role flagged in the table is never contradicted by a "nobody is over-booked" line.
// - Hours are added exactly (decimal.js) and reported as numbers with 2 decimals.
import { Dec, decimalString } from '../money/money';
import { ROLES, type Role, type TaskSetPlan } from '../model';
import { daysInMonth, parseCalendarDate, requireYearMonth } from '../month-rules';

export interface CapacityPerson {
  accountId: string;
  role: Role;
  /** Working hours per working day, e.g. 8 or 7.5. */
  hoursPerDay: number;
  /** YYYY-MM-DD days off (vacation, sick leave); days outside the month are ignored. */
  daysOff?: readonly string[];
  /** ISO weekdays worked, 1 = Monday … 7 = Sunday. Default [1, 2, 3, 4, 5]. */
  workingWeekdays?: readonly number[];
}

export interface PlannedTask {
  role: Role;
  assigneeAccountId: string | null;
  estimateHours: number;
  serviceId?: string;
}

export interface CapacityInput {
  /** YYYY-MM: usually next month. */
  month: string;
  people: readonly CapacityPerson[];
  tasks: readonly PlannedTask[];
  /** YYYY-MM-DD public holidays (any range; those outside the month are ignored). */
  publicHolidays: readonly string[];
}

export interface PersonCapacity {
  accountId: string;
  role: Role | null;
  /** False for an assignee missing from `people`. */
  known: boolean;
  workingDays: number;
  daysOff: number;
  availableHours: number;
  plannedHours: number;
  /** available − planned (negative when over-booked). */
  freeHours: number;
  /** planned / available; null when nothing is available. */
  utilisation: number | null;
  overbooked: boolean;
  /** serviceId → planned hours (tasks without a serviceId under ''). */
  byService: Record<string, number>;
}

export interface RoleCapacity {
  role: Role;
  people: number;
  availableHours: number;
  plannedHours: number;
  assignedHours: number;
  unassignedHours: number;
  freeHours: number;
  utilisation: number | null;
  overbooked: boolean;
  /** Planned hours but no one of this role on staff (0 h available; then also over-booked). */
  unstaffed: boolean;
}

export interface CapacityReport {
  month: string;
  /** Monday–Friday working days of the month without public holidays. */
  workingDays: number;
  people: PersonCapacity[];
  roles: RoleCapacity[];
  overbookedPeople: string[];
  /** Over-booked roles in ROLES order, the unstaffed ones included. */
  overbookedRoles: Role[];
  /** Any person or role over-booked. */
  overbooked: boolean;
}

const DEFAULT_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The planned tasks of task-set plans (one per service). */
export function tasksFromPlans(plans: readonly TaskSetPlan[]): PlannedTask[] {
  return plans.flatMap((p) =>
    p.items.map((i) => ({ role: i.role, assigneeAccountId: i.assigneeAccountId, estimateHours: i.estimateHours, serviceId: p.serviceId })),
  );
}

const hours = (d: Dec): number => Number(decimalString(d, 2));

function checkHours(value: number, what: string, max: number): Dec {
  if (!Number.isFinite(value) || value < 0 || value > max) throw new RangeError(`${what} must be between 0 and ${max}, got ${value}`);
  return new Dec(value);
}

export function planCapacity(input: CapacityInput): CapacityReport {
  const ym = requireYearMonth(input.month);
  const dim = daysInMonth(ym.year, ym.month);
  const prefix = `${input.month}-`;
  // Day-of-month sets.
  const holidays = new Set<number>();
  for (const h of input.publicHolidays) {
    const d = parseCalendarDate(h);
    if (!d) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(h)}`);
    if (h.startsWith(prefix)) holidays.add(d.day);
  }
  const weekday: number[] = [];
  for (let day = 1; day <= dim; day += 1) weekday[day] = isoWeekday(ym.year, ym.month, day);
  const workingDaysFor = (weekdays: readonly number[]): Set<number> => {
    const out = new Set<number>();
    for (let day = 1; day <= dim; day += 1) if (weekdays.includes(weekday[day] as number) && !holidays.has(day)) out.add(day);
    return out;
  };

  interface Acc {
    person: CapacityPerson | null;
    workingDays: number;
    daysOff: number;
    available: Dec;
    planned: Dec;
    byService: Map<string, Dec>;
  }
  const people = new Map<string, Acc>();
  for (const p of input.people) {
    if (people.has(p.accountId)) throw new RangeError(`Person listed twice: ${p.accountId}`);
    const perDay = checkHours(p.hoursPerDay, `hoursPerDay of ${p.accountId}`, 24);
    const weekdays = p.workingWeekdays ?? DEFAULT_WEEKDAYS;
    if (weekdays.some((w) => !Number.isInteger(w) || w < 1 || w > 7)) throw new RangeError(`workingWeekdays of ${p.accountId} must be 1–7`);
    const working = workingDaysFor(weekdays);
    const off = new Set<number>();
    for (const d of p.daysOff ?? []) {
      const parsed = parseCalendarDate(d);
      if (!parsed) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(d)}`);
      if (d.startsWith(prefix) && working.has(parsed.day)) off.add(parsed.day);
    }
    people.set(p.accountId, {
      person: p,
      workingDays: working.size,
      daysOff: off.size,
      available: perDay.times(working.size - off.size),
      planned: new Dec(0),
      byService: new Map(),
    });
  }

  const rolePlanned = new Map<Role, Dec>();
  const roleAssigned = new Map<Role, Dec>();
  input.tasks.forEach((t, i) => {
    const h = checkHours(t.estimateHours, `estimateHours of task ${i}`, 10_000);
    rolePlanned.set(t.role, (rolePlanned.get(t.role) ?? new Dec(0)).plus(h));
    if (t.assigneeAccountId === null) return;
    roleAssigned.set(t.role, (roleAssigned.get(t.role) ?? new Dec(0)).plus(h));
    let acc = people.get(t.assigneeAccountId);
    if (!acc) {
      acc = { person: null, workingDays: 0, daysOff: 0, available: new Dec(0), planned: new Dec(0), byService: new Map() };
      people.set(t.assigneeAccountId, acc);
    }
    acc.planned = acc.planned.plus(h);
    const sid = t.serviceId ?? '';
    acc.byService.set(sid, (acc.byService.get(sid) ?? new Dec(0)).plus(h));
  });

  const personRows: PersonCapacity[] = [];
  const roleAvailable = new Map<Role, Dec>();
  const roleCount = new Map<Role, number>();
  for (const accountId of [...people.keys()].sort()) {
    const a = people.get(accountId) as Acc;
    if (a.person) {
      const role = a.person.role;
      roleAvailable.set(role, (roleAvailable.get(role) ?? new Dec(0)).plus(a.available));
      roleCount.set(role, (roleCount.get(role) ?? 0) + 1);
    }
    const byService: Record<string, number> = {};
    for (const sid of [...a.byService.keys()].sort()) byService[sid] = hours(a.byService.get(sid) as Dec);
    personRows.push({
      accountId,
      role: a.person?.role ?? null,
      known: a.person !== null,
      workingDays: a.workingDays,
      daysOff: a.daysOff,
      availableHours: hours(a.available),
      plannedHours: hours(a.planned),
      freeHours: hours(a.available.minus(a.planned)),
      utilisation: a.available.isZero() ? null : a.planned.div(a.available).toDecimalPlaces(4).toNumber(),
      overbooked: a.planned.gt(a.available),
      byService,
    });
  }

  const roleRows: RoleCapacity[] = [];
  for (const role of ROLES) {
    if (!roleCount.has(role) && !rolePlanned.has(role)) continue;
    const available = roleAvailable.get(role) ?? new Dec(0);
    const planned = rolePlanned.get(role) ?? new Dec(0);
    const assigned = roleAssigned.get(role) ?? new Dec(0);
    const count = roleCount.get(role) ?? 0;
    roleRows.push({
      role,
      people: count,
      availableHours: hours(available),
      plannedHours: hours(planned),
      assignedHours: hours(assigned),
      unassignedHours: hours(planned.minus(assigned)),
      freeHours: hours(available.minus(planned)),
      utilisation: available.isZero() ? null : planned.div(available).toDecimalPlaces(4).toNumber(),
      overbooked: planned.gt(available),
      unstaffed: count === 0 && planned.gt(0),
    });
  }

  const overbookedPeople = personRows.filter((p) => p.overbooked).map((p) => p.accountId);
  const overbookedRoles = roleRows.filter((r) => r.overbooked).map((r) => r.role);
  return {
    month: input.month,
    workingDays: workingDaysFor(DEFAULT_WEEKDAYS).size,
    people: personRows,
    roles: roleRows,
    overbookedPeople,
    overbookedRoles,
    overbooked: overbookedPeople.length > 0 || overbookedRoles.length > 0,
  };
}
