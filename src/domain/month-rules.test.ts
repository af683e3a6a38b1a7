import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { MonthRule } from './model';
import {
  addMonths,
  daysInMonth,
  describeRule,
  engagementMonthNumber,
  firingMonths,
  isCalendarDate,
  monthLabel,
  ruleAppliesInMonth,
  ruleEverFires,
} from './month-rules';

describe('calendar helpers', () => {
  test('days in month and real dates', () => {
    assert.equal(daysInMonth(2024, 2), 29);
    assert.equal(daysInMonth(2100, 2), 28);
    assert.equal(daysInMonth(2000, 2), 29);
    assert.equal(daysInMonth(2026, 4), 30);
    assert.equal(daysInMonth(2026, 12), 31);
    assert.equal(isCalendarDate('2026-04-31'), false);
    assert.equal(isCalendarDate('2026-4-3'), false);
    assert.equal(isCalendarDate('2026-13-01'), false);
    assert.equal(isCalendarDate('2026-12-31'), true);
  });

  test('addMonths crosses years both ways', () => {
    assert.equal(addMonths('2026-11', 3), '2027-02');
    assert.equal(addMonths('2026-01', -1), '2025-12');
    assert.equal(addMonths('2026-01', -13), '2024-12');
  });
});

describe('engagementMonthNumber', () => {
  test('hand-checked numbers', () => {
    assert.equal(engagementMonthNumber('2026-02-15', '2026-02'), 1);
    assert.equal(engagementMonthNumber('2026-02-15', '2026-03'), 2);
    assert.equal(engagementMonthNumber('2026-02-15', '2027-02'), 13);
    assert.equal(engagementMonthNumber('2026-02-15', '2026-01'), 0);
    assert.equal(engagementMonthNumber('2026-02-15', '2025-12'), -1);
    assert.equal(engagementMonthNumber('2025-11-30', '2026-01'), 3);
  });

  test('malformed input throws', () => {
    assert.throws(() => engagementMonthNumber('2026-02-30', '2026-03'), RangeError);
    assert.throws(() => engagementMonthNumber('2026-02-01', '2026-3'), RangeError);
  });

  test('property: consistent with addMonths', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -50, max: 200 }), (y, m, delta) => {
        const start = `${y}-${String(m).padStart(2, '0')}-01`;
        assert.equal(engagementMonthNumber(start, addMonths(start.slice(0, 7), delta)), delta + 1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ruleAppliesInMonth', () => {
  test('each rule kind, hand-checked', () => {
    assert.deepEqual(firingMonths({ kind: 'first-month' }, 12), [1]);
    assert.deepEqual(firingMonths({ kind: 'every-month' }, 4), [1, 2, 3, 4]);
    assert.deepEqual(firingMonths({ kind: 'every-n-months', n: 3 }, 12), [1, 4, 7, 10]);
    assert.deepEqual(firingMonths({ kind: 'every-n-months', n: 3, offset: 1 }, 12), [2, 5, 8, 11]);
    assert.deepEqual(firingMonths({ kind: 'every-n-months', n: 2, offset: 1 }, 7), [2, 4, 6]);
    assert.deepEqual(firingMonths({ kind: 'from-month', from: 2 }, 4), [2, 3, 4]);
    assert.deepEqual(firingMonths({ kind: 'listed-months', months: [6, 1, 3] }, 12), [1, 3, 6]);
  });

  test('nothing fires before the start', () => {
    const rules: MonthRule[] = [
      { kind: 'first-month' },
      { kind: 'every-month' },
      { kind: 'every-n-months', n: 2 },
      { kind: 'from-month', from: 1 },
      { kind: 'listed-months', months: [0, -1, 1] },
    ];
    for (const r of rules) for (const m of [0, -1, -12]) assert.equal(ruleAppliesInMonth(r, m), false);
  });

  test('property: every-n-months fires exactly on its arithmetic progression', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 24 }), fc.nat(23), fc.integer({ min: 1, max: 240 }), (n, off, m) => {
        const offset = off % n;
        const fires = ruleAppliesInMonth({ kind: 'every-n-months', n, offset }, m);
        assert.equal(fires, m >= 1 + offset && (m - 1 - offset) % n === 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ruleEverFires', () => {
  test('rules that never fire', () => {
    assert.equal(ruleEverFires({ kind: 'listed-months', months: [] }), false);
    assert.equal(ruleEverFires({ kind: 'listed-months', months: [0] }), false);
    assert.equal(ruleEverFires({ kind: 'listed-months', months: [121, 500] }), false);
    assert.equal(ruleEverFires({ kind: 'from-month', from: 121 }), false);
    assert.equal(ruleEverFires({ kind: 'every-n-months', n: 0 }), false);
    assert.equal(ruleEverFires({ kind: 'every-n-months', n: 12, offset: 11 }, 11), false);
  });

  test('rules that fire', () => {
    assert.equal(ruleEverFires({ kind: 'listed-months', months: [0, 120] }), true);
    assert.equal(ruleEverFires({ kind: 'from-month', from: 120 }), true);
    assert.equal(ruleEverFires({ kind: 'first-month' }), true);
  });
});

describe('describeRule and monthLabel', () => {
  test('English', () => {
    assert.equal(describeRule({ kind: 'first-month' }, 'en'), 'First month only');
    assert.equal(describeRule({ kind: 'every-month' }, 'en'), 'Every month');
    assert.equal(describeRule({ kind: 'every-n-months', n: 3 }, 'en'), 'Every 3 months');
    assert.equal(describeRule({ kind: 'every-n-months', n: 3, offset: 1 }, 'en'), 'Every 3 months, from month 2');
    assert.equal(describeRule({ kind: 'from-month', from: 2 }, 'en'), 'From month 2');
    assert.equal(describeRule({ kind: 'listed-months', months: [7, 1, 4] }, 'en'), 'Months 1, 4, 7');
    assert.equal(describeRule({ kind: 'listed-months', months: [3] }, 'en'), 'Month 3');
  });

  test('Ukrainian and Russian with plural forms', () => {
    assert.equal(describeRule({ kind: 'every-n-months', n: 2 }, 'uk'), 'Кожні 2 місяці');
    assert.equal(describeRule({ kind: 'every-n-months', n: 6 }, 'uk'), 'Кожні 6 місяців');
    assert.equal(describeRule({ kind: 'every-n-months', n: 21 }, 'uk'), 'Кожен 21 місяць');
    assert.equal(describeRule({ kind: 'every-n-months', n: 12 }, 'ru'), 'Каждые 12 месяцев');
    assert.equal(describeRule({ kind: 'every-n-months', n: 3 }, 'ru'), 'Каждые 3 месяца');
    assert.equal(describeRule({ kind: 'every-n-months', n: 22, offset: 1 }, 'ru'), 'Каждые 22 месяца, со 2-го месяца');
    assert.equal(describeRule({ kind: 'from-month', from: 2 }, 'ru'), 'Со 2-го месяца');
    assert.equal(describeRule({ kind: 'from-month', from: 3 }, 'ru'), 'С 3-го месяца');
    assert.equal(describeRule({ kind: 'from-month', from: 2 }, 'uk'), 'З 2-го місяця');
    assert.equal(describeRule({ kind: 'first-month' }, 'uk'), 'Лише перший місяць');
    assert.equal(describeRule({ kind: 'every-month' }, 'ru'), 'Ежемесячно');
    assert.equal(describeRule({ kind: 'listed-months', months: [1, 6] }, 'uk'), 'Місяці 1, 6');
  });

  test('month labels', () => {
    assert.equal(monthLabel('2026-11', 'en'), 'November 2026');
    assert.equal(monthLabel('2026-11', 'uk'), 'Листопад 2026');
    assert.equal(monthLabel('2027-02', 'ru'), 'Февраль 2027');
  });
});
