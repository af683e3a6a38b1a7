import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMoney } from '../money/money';
import { profitability } from '../money/profitability';
import { aggregateMonth } from './aggregates';
import { definitionsFor } from './definitions';
import {
  type KpiRollup,
  type RecomputeInputs,
  definitionsFingerprint,
  factsFromProfitability,
  isRollupStale,
  kpiHistory,
  mergeRecomputeRequests,
  needsRecompute,
  periodDataOf,
  previousDay,
  ratingFacts,
  recomputeService,
} from './rollup';
import type { ServiceMonthTargets } from './targets';
import { days, row } from './testing/rows';

const service = { id: 'sv-kava', type: 'google-ads' as const, managerAccountId: 'acc-anna', monthlyHourAllowance: 20 };
const definitions = definitionsFor('google-ads');
const adDay = (conversions: number) => (_d: number, date: string) =>
  row('google-ads', date, { kind: 'campaign', dim: 'c1', impressions: 1000, clicks: 40, costMicros: '500000000', currency: 'UAH', conversions });
const novRows = days('2026-11', 1, 15, adDay(2));
const octRows = days('2026-10', 1, 31, adDay(1));
const targets: ServiceMonthTargets = {
  serviceId: 'sv-kava',
  month: '2026-11',
  values: { 'target-actions': 60, ctr: 0.05, 'cost-per-action': 240, 'hours-used': 1, 'client-rating': 4, margin: 0.3 },
  origin: 'set',
  setInMonth: '2026-11',
  setBy: 'acc-head',
  setAt: '2026-11-01T09:00:00.000Z',
};
const previousMonth = { aggregates: aggregateMonth(octRows, '2026-10'), facts: { hoursUsed: 18, hoursAllowance: 20 } };
const base: RecomputeInputs = { service, month: '2026-11', today: '2026-11-16', definitions };
const full = recomputeService({ ...base, rows: novRows, facts: { hoursUsed: 10, margin: '3000.00', revenue: '10000.00' }, targets, previousMonth });
const kpi = (r: KpiRollup, id: string) => {
  const k = r.kpis.find((x) => x.id === id);
  assert.ok(k, id);
  return k;
};

describe('recomputeService', () => {
  test('should evaluate every KPI of the service with pacing (hand-checked)', () => {
    const ta = kpi(full, 'target-actions');
    // 15 days × 2 = 30 of 60; expected by day 15 of 30 = 30.
    assert.deepEqual([ta.value, ta.target, ta.expectedByNow, ta.ratio, ta.verdict, ta.asOf], [30, 60, 30, 1, 'on-track', '2026-11-15']);
    assert.deepEqual([ta.previousValue, ta.changeVsPrevious], [31, -1 / 31]);
    assert.deepEqual([kpi(full, 'ctr').value, kpi(full, 'ctr').verdict], [0.04, 'at-risk']); // 80 % of 5 %
    assert.deepEqual([kpi(full, 'cost-per-action').value, kpi(full, 'cost-per-action').verdict], [250, 'on-track']); // 104.2 % of 240
    // 10 h of 20: 0.5 vs 0.5 expected by day 15.
    assert.deepEqual([kpi(full, 'hours-used').value, kpi(full, 'hours-used').verdict], [0.5, 'on-track']);
    assert.equal(kpi(full, 'hours-used').previousValue, 0.9);
    assert.deepEqual([kpi(full, 'margin').value, kpi(full, 'margin').verdict], [0.3, 'pending']);
    assert.equal(kpi(full, 'client-rating').verdict, 'no-data');
    assert.deepEqual(full.summary, {
      counts: { 'on-track': 3, 'at-risk': 1, 'off-track': 0, 'no-data': 1, 'no-target': 0, pending: 1 },
      worst: 'at-risk',
      score: 3.5 / 4,
    });
    assert.equal(full.finished, false);
    assert.equal(full.facts.hoursAllowance, 20);
  });

  test('should pace metric KPIs only up to the last day the sources reported', () => {
    const late = recomputeService({ ...base, rows: days('2026-11', 1, 12, adDay(2)), facts: { hoursUsed: 10 }, targets });
    const ta = kpi(late, 'target-actions');
    // 24 by day 12: expected 60 × 12 / 30 = 24 → on track (not 80 % of a day-15 pace).
    assert.deepEqual([ta.value, ta.asOf, ta.elapsedDays, ta.expectedByNow, ta.verdict], [24, '2026-11-12', 12, 24, 'on-track']);
    assert.equal(kpi(late, 'hours-used').asOf, '2026-11-15');
  });

  test('should give the same rollup incrementally as from scratch', () => {
    const step1 = recomputeService({ ...base, rows: novRows });
    const step2 = recomputeService({ ...base, previous: step1, facts: { hoursUsed: 10 } });
    const step3 = recomputeService({ ...base, previous: step2, facts: { margin: '3000.00', revenue: '10000.00' }, targets });
    const step4 = recomputeService({ ...base, previous: step3, previousMonth });
    assert.deepEqual(step4, full);
    // A fact change keeps the aggregates (no rows needed).
    assert.equal(step2.aggregates, step1.aggregates);
  });

  test('should move pacing with the calendar and close the month', () => {
    const nextDay = recomputeService({ ...base, previous: full, today: '2026-11-17' });
    assert.equal(kpi(nextDay, 'hours-used').asOf, '2026-11-16');
    assert.equal(kpi(nextDay, 'target-actions').asOf, '2026-11-15'); // no new metrics yet
    const closed = recomputeService({ ...base, previous: full, today: '2026-12-01' });
    assert.equal(closed.finished, true);
    const ta = kpi(closed, 'target-actions');
    // A finished month is judged against the full target even when data stopped early.
    assert.deepEqual([ta.asOf, ta.expectedByNow, ta.ratio, ta.verdict], ['2026-11-30', 60, 0.5, 'off-track']);
    assert.deepEqual([kpi(closed, 'margin').verdict, kpi(closed, 'margin').ratio], ['on-track', 1]);
  });

  test('should store unbounded values as null with a sign, and stay JSON-safe', () => {
    const noConv = recomputeService({ ...base, rows: days('2026-11', 1, 3, adDay(0)), targets });
    const cpa = kpi(noConv, 'cost-per-action');
    assert.deepEqual([cpa.value, cpa.unbounded, cpa.verdict, cpa.ratio], [null, 'positive', 'off-track', null]);
    assert.match(cpa.note.en, /^Actual ∞/);
    assert.deepEqual(JSON.parse(JSON.stringify(full)), full);
    assert.deepEqual(JSON.parse(JSON.stringify(noConv)), noConv);
  });

  test('should treat a month without any data as no-data, not off-track', () => {
    const empty = recomputeService({ ...base, today: '2026-11-20', targets });
    assert.equal(kpi(empty, 'target-actions').verdict, 'no-data');
    assert.equal(kpi(empty, 'ctr').verdict, 'no-data');
    assert.equal(empty.summary.worst, null);
  });

  test('should refuse a previous rollup of another service or month', () => {
    assert.throws(() => recomputeService({ ...base, month: '2026-12', previous: full }), RangeError);
  });
});

describe('facts helpers', () => {
  test('factsFromProfitability and ratingFacts', () => {
    const uah = (t: string) => parseMoney(t, 'UAH');
    const p = profitability({
      serviceId: 'sv-kava',
      period: '2026-11',
      currency: 'UAH',
      fees: uah('10000'),
      commission: uah('0'),
      worklogs: [{ accountId: 'acc-a', seconds: 5400 }],
      rates: { default: '400' },
      allowanceHours: 20,
    });
    assert.deepEqual(factsFromProfitability(p), { hoursUsed: 1.5, hoursAllowance: 20, revenue: '10000.00', totalCost: '600.00', margin: '9400.00' });
    assert.deepEqual(ratingFacts([5, 4, 4]), { clientRating: 4.333333, ratingCount: 3 });
    assert.deepEqual(ratingFacts([]), { clientRating: null, ratingCount: 0 });
    assert.throws(() => ratingFacts([6]), RangeError);
  });
});

describe('incremental bookkeeping', () => {
  test('a day of metrics touches its month and the months comparing against it', () => {
    assert.deepEqual(needsRecompute({ kind: 'metrics', serviceId: 'sv-kava', date: '2026-10-05' }, '2026-11'), [
      { serviceId: 'sv-kava', month: '2026-10', parts: ['metrics'] },
      { serviceId: 'sv-kava', month: '2026-11', parts: ['comparison'] },
    ]);
    assert.deepEqual(needsRecompute({ kind: 'metrics', serviceId: 'sv-kava', date: '2025-11-30' }, '2026-11'), [
      { serviceId: 'sv-kava', month: '2025-11', parts: ['metrics'] },
      { serviceId: 'sv-kava', month: '2025-12', parts: ['comparison'] },
      { serviceId: 'sv-kava', month: '2026-11', parts: ['comparison'] },
    ]);
  });
  test('worklogs, ledger and feedback change facts; targets carry forward; a new day moves pacing', () => {
    assert.deepEqual(needsRecompute({ kind: 'worklog', serviceId: 's', date: '2026-11-03' }, '2026-11'), [{ serviceId: 's', month: '2026-11', parts: ['facts'] }]);
    assert.deepEqual(needsRecompute({ kind: 'ledger', serviceId: 's', period: '2026-11' }, '2026-11'), [{ serviceId: 's', month: '2026-11', parts: ['facts'] }]);
    assert.equal(needsRecompute({ kind: 'feedback', serviceId: 's', month: '2026-10' }, '2026-11').length, 2);
    assert.deepEqual(
      needsRecompute({ kind: 'targets', serviceId: 's', month: '2026-09' }, '2026-11').map((r) => r.month),
      ['2026-09', '2026-10', '2026-11'],
    );
    assert.deepEqual(needsRecompute({ kind: 'new-day', today: '2026-12-01' }, '2026-12'), [
      { serviceId: null, month: '2026-11', parts: ['pacing'] },
      { serviceId: null, month: '2026-12', parts: ['pacing'] },
    ]);
    assert.deepEqual(needsRecompute({ kind: 'new-day', today: '2026-12-02' }, '2026-12'), [{ serviceId: null, month: '2026-12', parts: ['pacing'] }]);
    assert.deepEqual(needsRecompute({ kind: 'definitions' }, '2026-12'), [{ serviceId: null, month: '2026-12', parts: ['definitions'] }]);
    // Future months are not kept.
    assert.deepEqual(needsRecompute({ kind: 'worklog', serviceId: 's', date: '2027-01-03' }, '2026-11'), []);
  });
  test('requests coalesce per service and month', () => {
    const reqs = [
      ...needsRecompute({ kind: 'metrics', serviceId: 'b', date: '2026-11-01' }, '2026-11'),
      ...needsRecompute({ kind: 'metrics', serviceId: 'b', date: '2026-11-02' }, '2026-11'),
      ...needsRecompute({ kind: 'worklog', serviceId: 'b', date: '2026-11-02' }, '2026-11'),
      ...needsRecompute({ kind: 'metrics', serviceId: 'a', date: '2026-10-31' }, '2026-11'),
    ];
    assert.deepEqual(mergeRecomputeRequests(reqs), [
      { serviceId: 'a', month: '2026-10', parts: ['metrics'] },
      { serviceId: 'a', month: '2026-11', parts: ['comparison'] },
      { serviceId: 'b', month: '2026-11', parts: ['metrics', 'facts'] },
    ]);
  });
  test('staleness, fingerprints, history and helpers', () => {
    assert.equal(isRollupStale(full, '2026-11-16', definitions), false);
    assert.equal(isRollupStale(full, '2026-11-17', definitions), true);
    assert.equal(isRollupStale(full, '2026-11-16', definitions.slice(1)), true);
    const closed = recomputeService({ ...base, previous: full, today: '2026-12-03' });
    assert.equal(isRollupStale(closed, '2026-12-09', definitions), false);
    // Order of definitions and of keys does not matter.
    const shuffled = [...definitions].reverse().map((d) => Object.fromEntries(Object.entries(d).reverse()) as typeof d);
    assert.equal(definitionsFingerprint(shuffled), definitionsFingerprint(definitions));
    assert.match(definitionsFingerprint(definitions), /^[0-9a-f]{8}$/);

    const oct = recomputeService({ ...base, month: '2026-10', today: '2026-11-16', rows: octRows, targets: { ...targets, month: '2026-10' } });
    assert.deepEqual(kpiHistory([full, oct], 'target-actions'), [
      { month: '2026-10', value: 31, unbounded: null, target: 60, verdict: 'off-track' },
      { month: '2026-11', value: 30, unbounded: null, target: 60, verdict: 'on-track' },
    ]);
    assert.deepEqual(periodDataOf(oct)?.aggregates, oct.aggregates);
    assert.equal(previousDay('2026-03-01'), '2026-02-28');
    assert.equal(previousDay('2024-03-01'), '2024-02-29');
    assert.equal(previousDay('2027-01-01'), '2026-12-31');
  });
});
