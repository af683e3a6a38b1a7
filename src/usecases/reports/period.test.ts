import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { microsToDecimal } from './model';
import { DEFAULT_REPORT_SCHEDULE, dayIn, duePeriods, lastYearPeriod, previousPeriod, reportIdOf } from './period';

describe('report periods', () => {
  test('should make the previous week on Mondays and the previous month on the 3rd', () => {
    assert.deepEqual(duePeriods(DEFAULT_REPORT_SCHEDULE, '2026-11-02'), [{ kind: 'weekly', from: '2026-10-26', to: '2026-11-01' }]);
    assert.deepEqual(duePeriods(DEFAULT_REPORT_SCHEDULE, '2026-11-03'), [{ kind: 'monthly', from: '2026-10-01', to: '2026-10-31' }]);
    assert.deepEqual(duePeriods(DEFAULT_REPORT_SCHEDULE, '2026-11-04'), []);
    assert.deepEqual(duePeriods({ ...DEFAULT_REPORT_SCHEDULE, weekly: { enabled: false, weekday: 1 } }, '2026-11-02'), []);
    assert.deepEqual(duePeriods(DEFAULT_REPORT_SCHEDULE, '2027-03-03'), [{ kind: 'monthly', from: '2027-02-01', to: '2027-02-28' }]);
  });

  test('should give the same id to the same service and period', () => {
    const p = { kind: 'monthly' as const, from: '2026-10-01', to: '2026-10-31' };
    assert.equal(reportIdOf('sv-1', p), reportIdOf('sv-1', { ...p }));
    assert.notEqual(reportIdOf('sv-1', p), reportIdOf('sv-1', { ...p, kind: 'custom' }));
    assert.deepEqual(previousPeriod(p), { kind: 'monthly', from: '2026-09-01', to: '2026-09-30' });
    assert.deepEqual(lastYearPeriod(p), { kind: 'monthly', from: '2025-10-01', to: '2025-10-31' });
    assert.deepEqual(previousPeriod({ kind: 'weekly', from: '2026-10-26', to: '2026-11-01' }), { kind: 'weekly', from: '2026-10-19', to: '2026-10-25' });
  });

  test('should read the agency day in its time zone and convert micros exactly', () => {
    assert.equal(dayIn(new Date('2026-11-02T23:30:00Z'), 'Europe/Kyiv'), '2026-11-03');
    assert.equal(microsToDecimal(1_234_565_000n), '1234.57');
    assert.equal(microsToDecimal(-5_000n), '-0.01');
    assert.equal(microsToDecimal(0n), '0.00');
  });
});
