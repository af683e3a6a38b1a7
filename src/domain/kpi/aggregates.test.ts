import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DailyRow } from '../../connectors/metrics/types';
import { aggregateMonth, countDays, emptyMonthlyAggregates } from './aggregates';
import { row } from './testing/rows';

const M = '2026-11';

describe('aggregateMonth', () => {
  test('should sum a hand-checked month of campaign rows', () => {
    const rows: DailyRow[] = [
      row('google-ads', '2026-11-01', { kind: 'campaign', dim: 'c1', impressions: 100, clicks: 10, costMicros: '1500000', currency: 'UAH', vatIncluded: false, conversions: 1 }),
      row('google-ads', '2026-11-01', { kind: 'campaign', dim: 'c2', impressions: 50, clicks: 5, costMicros: '500000', currency: 'UAH', vatIncluded: false, conversions: 0.5 }),
      row('google-ads', '2026-11-03', { kind: 'campaign', dim: 'c1', impressions: 200, clicks: 4, costMicros: '2000000', currency: 'UAH', vatIncluded: false, conversions: null }),
    ];
    const a = aggregateMonth(rows, M);
    const g = a.bySource['google-ads'];
    assert.ok(g);
    assert.equal(a.daysInMonth, 30);
    assert.deepEqual(
      [g.impressions, g.clicks, g.costMicros, g.currency, g.vatIncluded, g.conversions, g.daysWithData, g.firstDate, g.lastDate, g.rows],
      [350, 19, '4000000', 'UAH', false, 1.5, 2, '2026-11-01', '2026-11-03', 3],
    );
    // Conversions were reported on day 1 only (day 3 had null, which is not 0).
    assert.equal(g.dayMasks.conversions, 0b1);
    assert.equal(g.dayMasks.impressions, 0b101);
    assert.equal(countDays(g.dayMasks.impressions), 2);
    // Fields nobody reported stay null.
    assert.equal(g.sessions, null);
    assert.equal(g.avgPosition, null);
    assert.deepEqual(a.total.impressions, 350);
    assert.equal(a.rowsUsed, 3);
    assert.equal(a.rowsIgnored, 0);
  });

  test('should use only the coarsest grain of each source, account and day', () => {
    const rows = [
      row('yandex-direct', '2026-11-02', { kind: 'account', impressions: 1000, clicks: 30, costMicros: '9000000' }),
      row('yandex-direct', '2026-11-02', { kind: 'campaign', dim: 'a', impressions: 600, clicks: 20, costMicros: '6000000' }),
      row('yandex-direct', '2026-11-02', { kind: 'campaign', dim: 'b', impressions: 400, clicks: 10, costMicros: '3000000' }),
      // Day 3 only has campaign rows: they are used.
      row('yandex-direct', '2026-11-03', { kind: 'campaign', dim: 'a', impressions: 70, clicks: 7, costMicros: '700000' }),
      // Another account of the same source adds up.
      row('yandex-direct', '2026-11-02', { kind: 'account', accountId: 'acc-2', impressions: 5, clicks: 1, costMicros: '100000' }),
    ];
    const a = aggregateMonth(rows, M);
    const y = a.bySource['yandex-direct'];
    assert.ok(y);
    assert.deepEqual([y.impressions, y.clicks, y.costMicros, y.rows], [1075, 38, '9800000', 3]);
    assert.equal(a.rowsIgnored, 2);
  });

  test('should count users only on days with a single row and keep organic sessions apart', () => {
    const rows = [
      row('yandex-metrica', '2026-11-01', { kind: 'channel', dim: 'organic', sessions: 80, organicSessions: 80, users: 70, conversions: 3, goalReaches: { g1: 2, g2: 1 } }),
      row('yandex-metrica', '2026-11-01', { kind: 'channel', dim: 'direct', sessions: 20, organicSessions: 0, users: 18, conversions: 1, goalReaches: { g1: 1 } }),
      row('yandex-metrica', '2026-11-02', { kind: 'account', sessions: 90, organicSessions: 60, users: 75, conversions: 2 }),
    ];
    const m = aggregateMonth(rows, M).bySource['yandex-metrica'];
    assert.ok(m);
    assert.deepEqual([m.sessions, m.organicSessions, m.conversions, m.users], [190, 140, 6, 75]);
    assert.deepEqual(m.goalReaches, { g1: 3, g2: 1 });
    assert.equal(m.dayMasks.users, 0b10);
  });

  test('should weight positions by impressions, or average them plainly without impressions', () => {
    const rows = [
      row('search-console', '2026-11-01', { avgPosition: 3, impressions: 100, clicks: 10 }),
      row('search-console', '2026-11-02', { avgPosition: 10, impressions: 300, clicks: 3 }),
      row('topvisor', '2026-11-01', { avgPosition: 5, top10Share: 0.4 }),
      row('topvisor', '2026-11-02', { avgPosition: 7, top10Share: 0.6 }),
    ];
    const a = aggregateMonth(rows, M);
    assert.equal(a.bySource['search-console']?.avgPosition, 8.25); // (3×100 + 10×300) / 400
    assert.equal(a.bySource.topvisor?.avgPosition, 6);
    assert.equal(a.bySource.topvisor?.top10Share, 0.5);
    // Topvisor reports no traffic: its impressions are unknown, not 0.
    assert.equal(a.bySource.topvisor?.impressions, null);
    // The total mixes weighted and unweighted rows: plain mean of all four.
    assert.equal(a.total.avgPosition, 6.25);
  });

  test('should ignore rows outside the month and refuse to add costs in two currencies', () => {
    const rows = [
      row('meta', '2026-10-31', { impressions: 1, costMicros: '1000000', currency: 'USD' }),
      row('meta', '2026-11-05', { impressions: 10, costMicros: '2000000', currency: 'USD' }),
      row('google-ads', '2026-11-05', { impressions: 20, costMicros: '3000000', currency: 'UAH' }),
      row('meta', '2026-12-01', { impressions: 1 }),
    ];
    const a = aggregateMonth(rows, M);
    assert.equal(a.rowsIgnored, 2);
    assert.equal(a.bySource.meta?.costMicros, '2000000');
    assert.equal(a.total.impressions, 30);
    assert.equal(a.total.costMicros, null);
    assert.equal(a.total.mixedCurrencies, true);
    assert.equal(a.total.currency, null);
  });

  test('should keep a month without rows empty, not zero', () => {
    const a = aggregateMonth([], '2024-02');
    assert.deepEqual(a, emptyMonthlyAggregates('2024-02'));
    assert.equal(a.daysInMonth, 29);
    assert.equal(a.total.impressions, null);
    assert.equal(a.total.daysWithData, 0);
    assert.equal(a.total.firstDate, null);
  });

  test('should mark day 31 and keep flags', () => {
    const a = aggregateMonth([row('ga4', '2026-12-31', { sessions: 5, flags: { sampled: true, sampleShare: 0.5 } })], '2026-12');
    assert.equal(a.total.dayMasks.sessions, 2 ** 30);
    assert.equal(a.total.lastDate, '2026-12-31');
    assert.equal(a.total.firstDate, '2026-12-31');
    assert.deepEqual(a.total.flags, { sampled: true, partial: false, dataLoss: false });
  });

  test('should not depend on row order, and the total should add the sources (property)', () => {
    const sources = ['google-ads', 'yandex-direct', 'meta', 'ga4'] as const;
    const arbRow = fc.record({
      source: fc.constantFrom(...sources),
      day: fc.integer({ min: 1, max: 30 }),
      kind: fc.constantFrom('account', 'campaign'),
      dim: fc.constantFrom('a', 'b'),
      impressions: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
      conversions: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
      cost: fc.option(fc.bigInt({ min: 0n, max: 10n ** 12n }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 60 }), fc.integer(), (specs, seed) => {
        const rows = specs.map((s) =>
          row(s.source, `2026-11-${String(s.day).padStart(2, '0')}`, {
            kind: s.kind,
            dim: s.dim,
            impressions: s.impressions,
            conversions: s.conversions,
            costMicros: s.cost === null ? null : s.cost.toString(),
            currency: 'UAH',
          }),
        );
        const shuffled = [...rows].sort((x, y) => ((x.date + x.dimension.id).length * seed) % 7 - ((y.date + y.dimension.id).length * seed) % 7);
        const a = aggregateMonth(rows, M);
        assert.deepEqual(aggregateMonth(shuffled.reverse(), M), a);
        let imp: number | null = null;
        let cost: bigint | null = null;
        for (const s of Object.values(a.bySource)) {
          if (s.impressions !== null) imp = (imp ?? 0) + s.impressions;
          if (s.costMicros !== null) cost = (cost ?? 0n) + BigInt(s.costMicros);
        }
        assert.equal(a.total.impressions, imp);
        assert.equal(a.total.costMicros, cost === null ? null : cost.toString());
        assert.equal(a.rowsUsed + a.rowsIgnored, rows.length);
      }),
      { numRuns: 150 },
    );
  });
});
