import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyRow, type DailyRow, type DimensionKind, type MetricSource } from '../../../connectors/metrics/types';
import { allBuckets, bucketPoints, chartData, dailyPoints, isoWeek, isoWeekStart, metricValue, metricsWithData } from './metric-series';

function row(source: MetricSource, date: string, kind: DimensionKind, fields: Partial<DailyRow>, accountId = 'acc-1', id = 'x'): DailyRow {
  return { ...emptyRow(source, accountId, date, { kind, id, name: id }), ...fields };
}

describe('metric series of the Results tab', () => {
  test('should use only the coarsest grain of a source/account/day and add accounts together', () => {
    const rows = [
      row('google-ads', '2026-11-01', 'account', { clicks: 10, costMicros: '1500000', currency: 'UAH' }),
      row('google-ads', '2026-11-01', 'campaign', { clicks: 7, costMicros: '1000000', currency: 'UAH' }, 'acc-1', 'c1'),
      row('google-ads', '2026-11-01', 'campaign', { clicks: 3, costMicros: '500000', currency: 'UAH' }, 'acc-1', 'c2'),
      row('google-ads', '2026-11-01', 'campaign', { clicks: 4, costMicros: '250000', currency: 'UAH' }, 'acc-2', 'c9'),
      row('ga4', '2026-11-01', 'channel', { sessions: 5 }, 'prop', 'organic'),
      row('ga4', '2026-11-01', 'channel', { sessions: 6 }, 'prop', 'paid'),
    ];
    const pts = dailyPoints(rows);
    assert.equal(pts.length, 2);
    const ads = pts.find((p) => p.source === 'google-ads');
    assert.equal(ads?.clicks, 14);
    assert.equal(ads?.costMicros, 1_750_000n);
    assert.equal(pts.find((p) => p.source === 'ga4')?.sessions, 11);
    assert.equal(ads?.sessions, null, 'missing stays missing, never zero');
  });

  test('should give ISO weeks across year ends', () => {
    assert.equal(isoWeek('2026-11-23'), '2026-W48');
    assert.equal(isoWeek('2026-01-01'), '2026-W01');
    assert.equal(isoWeek('2027-01-01'), '2026-W53');
    assert.equal(isoWeek('2024-12-30'), '2025-W01');
    assert.equal(isoWeekStart('2026-W48'), '2026-11-23');
    assert.equal(isoWeekStart('2025-W01'), '2024-12-30');
  });

  test('should sum days into weeks and months and average positions over days', () => {
    const rows = [
      row('topvisor', '2026-11-01', 'account', { avgPosition: 10, clicks: 1 }),
      row('topvisor', '2026-11-02', 'account', { avgPosition: 20, clicks: 2 }),
      row('topvisor', '2026-11-03', 'account', { avgPosition: 30, clicks: null }),
      row('topvisor', '2026-12-01', 'account', { avgPosition: 5, clicks: 4 }),
    ];
    const days = dailyPoints(rows);
    const weeks = bucketPoints(days, 'week');
    assert.deepEqual(weeks.map((w) => w.bucket), ['2026-W44', '2026-W45', '2026-W49']);
    assert.equal(weeks[0]?.clicks, 1);
    assert.equal(metricValue(weeks[1]!, 'avgPosition'), 25);
    assert.equal(weeks[1]?.clicks, 2);
    const months = bucketPoints(days, 'month');
    assert.deepEqual(months.map((m) => [m.bucket, m.clicks, metricValue(m, 'avgPosition')]), [['2026-11', 3, 20], ['2026-12', 4, 5]]);
  });

  test('should plot cost in major units exactly and refuse to add two currencies', () => {
    const days = dailyPoints([
      row('google-ads', '2026-11-01', 'account', { costMicros: '1234567890', currency: 'UAH' }),
      row('meta', '2026-11-01', 'account', { costMicros: '100000', currency: 'USD' }),
      row('meta', '2026-11-02', 'account', { costMicros: '100000', currency: 'EUR' }, 'acc-2'),
    ]);
    assert.equal(metricValue(days[0]!, 'cost'), 1234.56);
    const months = bucketPoints(days, 'month');
    assert.equal(metricValue(months.find((m) => m.source === 'meta')!, 'cost'), null);
    assert.equal(chartData(days, 'cost', 'day').currency, null);
  });

  test('should lay out every day of the range with gaps and one series per source', () => {
    const days = dailyPoints([row('google-ads', '2026-11-02', 'account', { clicks: 3 }), row('ga4', '2026-11-04', 'account', { sessions: 9 })]);
    const d = chartData(days, 'clicks', 'day', { from: '2026-11-01', to: '2026-11-04' });
    assert.deepEqual(d.buckets, ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']);
    assert.deepEqual(d.series, [
      { source: 'ga4', values: [null, null, null, null] },
      { source: 'google-ads', values: [null, 3, null, null] },
    ]);
    assert.deepEqual(metricsWithData(days), ['clicks', 'sessions']);
    assert.deepEqual(allBuckets([], 'week', { from: '2026-11-28', to: '2026-12-08' }), ['2026-W48', '2026-W49', '2026-W50']);
    assert.deepEqual(allBuckets([], 'month'), []);
  });
});

describe('month points from stored aggregates', () => {
  test('should take each source aggregate as one month point and mark mixed currencies', async () => {
    const { monthPoints, metricValue: value } = await import('./metric-series');
    const base = { impressions: 100, clicks: 10, costMicros: '2500000', currency: 'UAH', mixedCurrencies: false, vatIncluded: null, conversions: 2, goalReaches: {}, sessions: null, organicSessions: null, users: null, avgPosition: null, top10Share: null, daysWithData: 3, dayMasks: {} as never, firstDate: null, lastDate: null, flags: { sampled: false, partial: false, dataLoss: false }, rows: 3 };
    const pts = monthPoints('2026-10', { 'google-ads': base, meta: { ...base, mixedCurrencies: true, avgPosition: 4.5 } });
    assert.deepEqual(pts.map((p) => [p.source, p.bucket, value(p, 'clicks'), value(p, 'cost'), value(p, 'avgPosition')]), [
      ['google-ads', '2026-10', 10, 2.5, null],
      ['meta', '2026-10', 10, null, 4.5],
    ]);
  });
});
