import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backfillPlan, backfillStep, dailyWindows, monthCount, nextAfterStep, splitByMonth, todayIn } from './windows';

describe('sync windows', () => {
  test('should pull the trailing days ending today when nothing was missed', () => {
    assert.deepEqual(dailyWindows({ today: '2026-11-10', trailingDays: 3, syncedThrough: '2026-11-09', earliest: null }), [{ from: '2026-11-08', to: '2026-11-10' }]);
    assert.deepEqual(dailyWindows({ today: '2026-11-10', trailingDays: 3, syncedThrough: null, earliest: null }), [{ from: '2026-11-08', to: '2026-11-10' }]);
  });

  test('should widen back over missed days and cut a long gap at month boundaries', () => {
    assert.deepEqual(dailyWindows({ today: '2026-11-10', trailingDays: 3, syncedThrough: '2026-11-01', earliest: null }), [{ from: '2026-11-02', to: '2026-11-10' }]);
    assert.deepEqual(dailyWindows({ today: '2026-11-10', trailingDays: 3, syncedThrough: '2026-09-14', earliest: null }), [
      { from: '2026-09-15', to: '2026-09-30' },
      { from: '2026-10-01', to: '2026-10-31' },
      { from: '2026-11-01', to: '2026-11-10' },
    ]);
    // Never before the backfill's first day.
    assert.deepEqual(dailyWindows({ today: '2026-11-10', trailingDays: 3, syncedThrough: '2026-01-01', earliest: '2026-11-01' }), [{ from: '2026-11-01', to: '2026-11-10' }]);
  });

  test('should walk a 13-month backfill from the newest month back in steps of N months', () => {
    const plan = backfillPlan('2026-11-10', 13);
    assert.deepEqual(plan, { fromMonth: '2025-11', toMonth: '2026-11' });
    assert.equal(monthCount(plan.fromMonth, plan.toMonth), 13);
    const steps: Array<[string, string, string, string]> = [];
    let next: string | null = plan.toMonth;
    while (next) {
      const s = backfillStep(plan, next, 4, '2026-11-10');
      steps.push([s.fromMonth, s.toMonth, s.window.from, s.window.to]);
      next = nextAfterStep(plan, s.fromMonth);
    }
    assert.deepEqual(steps, [
      ['2026-08', '2026-11', '2026-08-01', '2026-11-10'],
      ['2026-04', '2026-07', '2026-04-01', '2026-07-31'],
      ['2025-12', '2026-03', '2025-12-01', '2026-03-31'],
      ['2025-11', '2025-11', '2025-11-01', '2025-11-30'],
    ]);
  });

  test('should split at month ends and compute today in the account zone', () => {
    assert.deepEqual(splitByMonth({ from: '2026-01-30', to: '2026-03-02' }), [
      { from: '2026-01-30', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-03-02' },
    ]);
    const at = new Date('2026-11-10T23:30:00Z');
    assert.equal(todayIn(at, 'Europe/Kyiv'), '2026-11-11');
    assert.equal(todayIn(at, 'America/Los_Angeles'), '2026-11-10');
    assert.equal(todayIn(at, 'Not/AZone'), '2026-11-10');
  });
});
