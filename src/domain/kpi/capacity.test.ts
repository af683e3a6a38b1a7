import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TaskSetPlan } from '../model';
import { type CapacityInput, isoWeekday, planCapacity, tasksFromPlans } from './capacity';

// November 2026 starts on a Sunday: 21 weekdays; 4 Nov (Wednesday) is a holiday here, 7 Nov a Saturday.
const input: CapacityInput = {
  month: '2026-11',
  publicHolidays: ['2026-11-04', '2026-11-07', '2026-12-25'],
  people: [
    { accountId: 'acc-anna', role: 'seo-specialist', hoursPerDay: 8, daysOff: ['2026-10-30', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-07'] },
    { accountId: 'acc-bob', role: 'seo-specialist', hoursPerDay: 7.5 },
    { accountId: 'acc-carl', role: 'designer', hoursPerDay: 4, workingWeekdays: [1, 3, 5] },
  ],
  tasks: [
    { role: 'seo-specialist', assigneeAccountId: 'acc-anna', estimateHours: 100, serviceId: 'sv-a' },
    { role: 'seo-specialist', assigneeAccountId: 'acc-anna', estimateHours: 50.25, serviceId: 'sv-b' },
    { role: 'seo-specialist', assigneeAccountId: 'acc-bob', estimateHours: 60, serviceId: 'sv-a' },
    { role: 'seo-specialist', assigneeAccountId: null, estimateHours: 30.5, serviceId: 'sv-c' },
    { role: 'designer', assigneeAccountId: 'acc-carl', estimateHours: 20 },
    { role: 'designer', assigneeAccountId: null, estimateHours: 40 },
    { role: 'copywriter', assigneeAccountId: 'acc-dan', estimateHours: 10 },
  ],
};

describe('planCapacity', () => {
  const r = planCapacity(input);
  const person = (id: string) => {
    const p = r.people.find((x) => x.accountId === id);
    assert.ok(p, id);
    return p;
  };
  const role = (id: string) => {
    const x = r.roles.find((y) => y.role === id);
    assert.ok(x, id);
    return x;
  };

  test('should count working days without weekends and holidays', () => {
    assert.equal(isoWeekday(2026, 11, 1), 7);
    assert.equal(r.workingDays, 20);
  });
  test('should compute available hours per person (hand-checked)', () => {
    // Anna: 20 days − 2 days off on working days (2, 3 Nov; 4 Nov is a holiday, 7 Nov a Saturday) = 18 × 8.
    assert.deepEqual(
      [person('acc-anna').workingDays, person('acc-anna').daysOff, person('acc-anna').availableHours],
      [20, 2, 144],
    );
    assert.equal(person('acc-bob').availableHours, 150); // 20 × 7.5
    // Carl works Mon/Wed/Fri: 5 Mondays + 3 Wednesdays (not 4 Nov) + 4 Fridays = 12 days × 4 h.
    assert.deepEqual([person('acc-carl').workingDays, person('acc-carl').availableHours], [12, 48]);
  });
  test('should flag over-booked people', () => {
    const anna = person('acc-anna');
    assert.deepEqual([anna.plannedHours, anna.freeHours, anna.utilisation, anna.overbooked], [150.25, -6.25, 1.0434, true]);
    assert.deepEqual(anna.byService, { 'sv-a': 100, 'sv-b': 50.25 });
    assert.equal(person('acc-bob').overbooked, false);
    assert.equal(person('acc-carl').overbooked, false);
    const dan = person('acc-dan');
    assert.deepEqual([dan.known, dan.role, dan.availableHours, dan.utilisation, dan.overbooked], [false, null, 0, null, true]);
    assert.deepEqual(r.overbookedPeople, ['acc-anna', 'acc-dan']);
  });
  test('should flag over-booked roles, counting unassigned work', () => {
    const seo = role('seo-specialist');
    assert.deepEqual(
      [seo.people, seo.availableHours, seo.plannedHours, seo.assignedHours, seo.unassignedHours, seo.freeHours, seo.overbooked],
      [2, 294, 240.75, 210.25, 30.5, 53.25, false],
    );
    const design = role('designer');
    assert.deepEqual([design.availableHours, design.plannedHours, design.unassignedHours, design.overbooked], [48, 60, 40, true]);
    assert.deepEqual([role('copywriter').people, role('copywriter').overbooked, role('copywriter').unstaffed], [0, true, true]);
    assert.deepEqual([seo.unstaffed, design.unstaffed], [false, false]);
    // In ROLES order.
    assert.deepEqual(r.overbookedRoles, ['copywriter', 'designer']);
    assert.equal(r.overbooked, true);
  });
  test('should count a role with planned hours and nobody on staff as over-booked, in the summary too', () => {
    // 5 h of unassigned developer work and no developer: no person is over-booked, the role is (0 h
    // available), and the report as a whole must say so rather than "nobody is over-booked".
    const x = planCapacity({
      month: '2026-11',
      publicHolidays: [],
      people: [{ accountId: 'acc-anna', role: 'seo-specialist', hoursPerDay: 8 }],
      tasks: [
        { role: 'seo-specialist', assigneeAccountId: 'acc-anna', estimateHours: 10 },
        { role: 'developer', assigneeAccountId: null, estimateHours: 5 },
      ],
    });
    const dev = x.roles.find((y) => y.role === 'developer');
    assert.ok(dev);
    assert.deepEqual(
      [dev.people, dev.availableHours, dev.plannedHours, dev.freeHours, dev.utilisation, dev.overbooked, dev.unstaffed],
      [0, 0, 5, -5, null, true, true],
    );
    assert.deepEqual([x.overbookedPeople, x.overbookedRoles, x.overbooked], [[], ['developer'], true]);
    // Zero-hour tasks of a role nobody has are no over-booking; nor is a role with staff and no plan.
    const idle = planCapacity({
      month: '2026-11',
      publicHolidays: [],
      people: [{ accountId: 'acc-anna', role: 'seo-specialist', hoursPerDay: 8 }],
      tasks: [{ role: 'developer', assigneeAccountId: null, estimateHours: 0 }],
    });
    assert.deepEqual(idle.roles.map((y) => [y.role, y.overbooked, y.unstaffed]), [['seo-specialist', false, false], ['developer', false, false]]);
    assert.deepEqual([idle.overbookedRoles, idle.overbooked], [[], false]);
  });
  test('should add hours exactly (no float drift)', () => {
    const tasks = Array.from({ length: 10 }, () => ({ role: 'analyst' as const, assigneeAccountId: 'acc-eve', estimateHours: 0.1 }));
    const x = planCapacity({ month: '2026-11', publicHolidays: [], people: [{ accountId: 'acc-eve', role: 'analyst', hoursPerDay: 0.05 }], tasks });
    // 10 × 0.1 = 1 exactly, against 21 × 0.05 = 1.05.
    assert.deepEqual([x.people[0]?.plannedHours, x.people[0]?.availableHours, x.people[0]?.overbooked], [1, 1.05, false]);
  });
  test('should read task-set plans and refuse bad input', () => {
    const plan: TaskSetPlan = {
      serviceId: 'sv-a',
      month: '2026-11',
      monthNumber: 3,
      epicSummary: 'November',
      plannedHours: 3,
      items: [{ templateId: 'tt-1', summary: 'Audit', description: '', estimateHours: 3, role: 'analyst', assigneeAccountId: null, dueDate: '2026-11-10', labels: [], checklist: [] }],
    };
    assert.deepEqual(tasksFromPlans([plan]), [{ role: 'analyst', assigneeAccountId: null, estimateHours: 3, serviceId: 'sv-a' }]);
    assert.throws(() => planCapacity({ ...input, publicHolidays: ['2026-11-31'] }), RangeError);
    assert.throws(() => planCapacity({ ...input, people: [{ accountId: 'x', role: 'analyst', hoursPerDay: 25 }] }), RangeError);
    assert.throws(() => planCapacity({ ...input, people: [input.people[0]!, input.people[0]!] }), RangeError);
    assert.throws(() => planCapacity({ ...input, tasks: [{ role: 'analyst', assigneeAccountId: null, estimateHours: -1 }] }), RangeError);
  });
});
