import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type PacingInput, elapsedDaysOf, evaluatePacing, formatKpiValue, kpiScore, verdictLabel } from './pacing';

const leads = (actual: number | null, asOf: string, extra: Partial<PacingInput> = {}) =>
  evaluatePacing({ direction: 'higher-is-better', pacing: 'cumulative', unit: 'count', actual, target: 100, month: '2026-11', asOf, ...extra });

describe('elapsedDaysOf', () => {
  test('should count days up to and including asOf, clamped to the month', () => {
    assert.equal(elapsedDaysOf('2026-11', '2026-11-15'), 15);
    assert.equal(elapsedDaysOf('2026-11', '2026-10-31'), 0);
    assert.equal(elapsedDaysOf('2026-11', '2027-01-02'), 30);
    assert.equal(elapsedDaysOf('2024-02', '2024-02-29'), 29);
    assert.equal(elapsedDaysOf('2024-02', '2024-03-01'), 29);
  });
});

describe('evaluatePacing, cumulative', () => {
  test('should pro-rate the target to the elapsed days (hand-checked)', () => {
    // Day 15 of 30: expected 100 × 15 / 30 = 50.
    const on = leads(48, '2026-11-15');
    assert.deepEqual(
      [on.verdict, on.expectedByNow, on.ratio, on.elapsedDays, on.daysInMonth, on.finished],
      ['on-track', 50, 0.96, 15, 30, false],
    );
    assert.equal(leads(45, '2026-11-15').verdict, 'at-risk'); // 0.90
    assert.equal(leads(39, '2026-11-15').verdict, 'off-track'); // 0.78
  });
  test('should include the band borders', () => {
    assert.equal(leads(47.5, '2026-11-15').verdict, 'on-track'); // exactly 95 %
    assert.equal(leads(40, '2026-11-15').verdict, 'at-risk'); // exactly 80 %
    // 7 days of 30: expected 23.333…, 95 % of it = 22.1666…
    assert.equal(leads((100 * 7 * 0.95) / 30, '2026-11-07').verdict, 'on-track');
  });
  test('should compare a finished month to the full target', () => {
    const r = leads(90, '2026-12-01');
    assert.deepEqual([r.verdict, r.expectedByNow, r.ratio, r.finished], ['at-risk', 100, 0.9, true]);
    assert.equal(r.note.en, 'Actual 90 vs target 100 for the whole month: 90 % — at risk (on track from 95 %, at risk from 80 %).');
    assert.equal(r.note.uk, 'Факт 90 при цілі 100 за весь місяць: 90 % — є ризики (за планом від 95 %, є ризики від 80 %).');
    assert.equal(r.note.ru, 'Факт 90 при цели 100 за весь месяц: 90 % — есть риски (по плану от 95 %, есть риски от 80 %).');
  });
  test('should explain a running month in three languages', () => {
    const r = leads(45, '2026-11-15');
    assert.equal(r.note.en, 'Actual 45 vs 50 expected by day 15 of 30 (target 100): 90 % of pace — at risk (on track from 95 %, at risk from 80 %).');
    assert.match(r.note.uk, /^Факт 45 при очікуваних 50 на 15-й день із 30 \(ціль 100\): 90 % темпу — є ризики/);
    assert.match(r.note.ru, /^Факт 45 при ожидаемых 50 на 15-й день из 30 \(цель 100\): 90 % темпа — есть риски/);
  });
  test('should mirror the bands for lower-is-better (hours used of the allowance)', () => {
    const hours = (actual: number) =>
      evaluatePacing({ direction: 'lower-is-better', pacing: 'cumulative', unit: 'percent', actual, target: 1, month: '2026-11', asOf: '2026-11-10' });
    // Expected by day 10 of 30: 1 × 10 / 30 = 0.3333…
    assert.equal(hours(0.3).verdict, 'on-track');
    assert.equal(hours(0.35).verdict, 'on-track'); // 105 %
    assert.equal(hours(0.4).verdict, 'at-risk'); // 120 %
    assert.equal(hours(0.41).verdict, 'off-track');
    assert.match(hours(0.4).note.en, /^Actual 40 % vs 33.3 % expected by day 10 of 30 \(target 100 %\): 120 % of pace — at risk \(on track up to 105 %, at risk up to 120 %\)\.$/);
    assert.match(hours(0.4).note.uk, /33,3 %/);
  });
});

describe('evaluatePacing, averages and month-end KPIs', () => {
  test('should compare averages directly on any day', () => {
    const cpa = (actual: number) =>
      evaluatePacing({ direction: 'lower-is-better', pacing: 'average', unit: 'money', actual, target: 300, month: '2026-11', asOf: '2026-11-03' });
    assert.deepEqual([cpa(310).verdict, cpa(310).expectedByNow], ['on-track', 300]);
    assert.equal(cpa(330).verdict, 'at-risk'); // 110 %
    assert.equal(cpa(400).verdict, 'off-track');
    assert.equal(cpa(330).note.en, 'Actual 330.00 vs target 300.00 (compared directly): 110 % — at risk (on track up to 105 %, at risk up to 120 %).');
    const ctr = evaluatePacing({ direction: 'higher-is-better', pacing: 'average', unit: 'percent', actual: 0.041, target: 0.05, month: '2026-11', asOf: '2026-11-20' });
    assert.equal(ctr.verdict, 'at-risk'); // 82 %
  });
  test('should wait for the month end with pacing none', () => {
    const margin = (asOf: string) =>
      evaluatePacing({ direction: 'higher-is-better', pacing: 'none', unit: 'percent', actual: 0.2, target: 0.3, month: '2026-11', asOf });
    assert.equal(margin('2026-11-20').verdict, 'pending');
    assert.match(margin('2026-11-20').note.en, /Judged when the month ends; so far 20 % against a target of 30 %/);
    assert.equal(margin('2026-11-30').verdict, 'off-track'); // 66.7 %
  });
  test('should judge targets of zero or below by sign, without a ratio', () => {
    const growth = (actual: number, target: number) =>
      evaluatePacing({ direction: 'higher-is-better', pacing: 'average', unit: 'percent', actual, target, month: '2026-11', asOf: '2026-11-20' });
    assert.deepEqual([growth(0, 0).verdict, growth(0, 0).ratio], ['on-track', null]);
    assert.equal(growth(-0.01, 0).verdict, 'off-track');
    assert.equal(growth(-0.03, -0.05).verdict, 'on-track');
    assert.equal(growth(-0.06, -0.05).verdict, 'off-track');
    assert.equal(growth(-0.06, -0.05).note.en, 'Actual -6 % vs target -5 %: worse than the target — off track.');
  });
  test('should handle unbounded values', () => {
    const cpa = evaluatePacing({ direction: 'lower-is-better', pacing: 'average', unit: 'money', actual: Infinity, target: 300, month: '2026-11', asOf: '2026-11-20' });
    assert.equal(cpa.verdict, 'off-track');
    assert.match(cpa.note.en, /^Actual ∞ vs target 300.00/);
    assert.equal(leads(Infinity, '2026-11-10').verdict, 'on-track');
  });
});

describe('evaluatePacing, missing things', () => {
  test('should say no-data rather than off-track for a month without data', () => {
    const r = leads(null, '2026-11-20');
    assert.deepEqual([r.verdict, r.expectedByNow, r.ratio], ['no-data', null, null]);
    assert.equal(r.note.en, 'No data for this month yet.');
    assert.equal(leads(null, '2026-12-05').note.en, 'No data for this month.');
  });
  test('should say no-target without a target', () => {
    const r = leads(12, '2026-11-20', { target: null });
    assert.equal(r.verdict, 'no-target');
    assert.equal(r.note.ru, 'Цель не задана; факт 12.');
  });
  test('should be pending before a full day has passed', () => {
    assert.equal(leads(3, '2026-10-31').verdict, 'pending');
    assert.equal(leads(0, '2026-10-31').elapsedDays, 0);
  });
  test('should refuse nonsense thresholds', () => {
    assert.throws(() => leads(1, '2026-11-02', { thresholds: { onTrack: 0.8, atRisk: 0.9 } }), RangeError);
  });
  test('should apply custom thresholds', () => {
    assert.equal(leads(45, '2026-11-15', { thresholds: { onTrack: 0.9, atRisk: 0.7 } }).verdict, 'on-track');
  });
});

describe('verdict ordering (property)', () => {
  test('more of a higher-is-better KPI never worsens the verdict; mirrored for lower-is-better', () => {
    const rank = { 'off-track': 0, 'at-risk': 1, 'on-track': 2 } as Record<string, number>;
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('cumulative' as const, 'average' as const),
        (a, b, target, day, pacing) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const asOf = `2026-11-${String(day).padStart(2, '0')}`;
          const v = (actual: number, direction: 'higher-is-better' | 'lower-is-better') =>
            rank[evaluatePacing({ direction, pacing, unit: 'count', actual, target, month: '2026-11', asOf }).verdict] as number;
          assert.ok(v(hi, 'higher-is-better') >= v(lo, 'higher-is-better'));
          assert.ok(v(lo, 'lower-is-better') >= v(hi, 'lower-is-better'));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('helpers', () => {
  test('kpiScore counts judged verdicts only', () => {
    assert.equal(kpiScore(['on-track', 'at-risk', 'off-track', 'no-data', 'pending']), 0.5);
    assert.equal(kpiScore(['no-data', 'no-target']), null);
  });
  test('formatKpiValue and verdictLabel', () => {
    assert.equal(formatKpiValue(0.0523, 'percent', 'en'), '5.2 %');
    assert.equal(formatKpiValue(1234.5, 'money', 'uk'), '1234,50');
    assert.equal(formatKpiValue(12.25, 'hours', 'ru'), '12,25 ч');
    assert.equal(formatKpiValue(null, 'count', 'en'), '—');
    assert.equal(verdictLabel('off-track', 'uk'), 'Не виконується');
  });
});
