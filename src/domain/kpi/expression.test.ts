import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { aggregateMonth } from './aggregates';
import { type MetricExpr, type MetricInputs, KpiReferenceLoopError, divide, evaluateMetric, expressionInputs } from './expression';
import { days, row } from './testing/rows';

const nov = aggregateMonth(
  [
    row('google-ads', '2026-11-01', { impressions: 1000, clicks: 50, costMicros: '100000000', currency: 'UAH', conversions: 4 }),
    row('google-ads', '2026-11-02', { impressions: 1000, clicks: 30, costMicros: '60000000', currency: 'UAH', conversions: 1 }),
    row('yandex-direct', '2026-11-02', { impressions: 500, clicks: 20, costMicros: '40000000', currency: 'UAH', conversions: 0 }),
    row('ga4', '2026-11-01', { sessions: 400, organicSessions: 100 }),
    row('yandex-metrica', '2026-11-01', { sessions: 500, organicSessions: 120, goalReaches: { buy: 3, call: 2 } }),
    row('yandex-metrica', '2026-11-03', { sessions: 300, organicSessions: 90, goalReaches: { buy: 1 } }),
  ],
  '2026-11',
);
const inputs = (extra: Partial<MetricInputs> = {}): MetricInputs => ({ current: { aggregates: nov }, ...extra });

const ads = (field: 'clicks' | 'impressions' | 'cost' | 'conversions'): MetricExpr => ({ op: 'metric', field, sources: ['google-ads', 'yandex-direct'] });

describe('evaluateMetric', () => {
  test('should compute ratios of aggregates (CTR, cost per action)', () => {
    // CTR = (50 + 30 + 20) / (1000 + 1000 + 500) = 100 / 2500
    assert.equal(evaluateMetric({ op: 'div', left: ads('clicks'), right: ads('impressions') }, inputs()), 0.04);
    // CPA = (100 + 60 + 40) / (4 + 1 + 0) = 200 / 5
    assert.equal(evaluateMetric({ op: 'div', left: ads('cost'), right: ads('conversions') }, inputs()), 40);
    // One source only.
    assert.equal(evaluateMetric({ op: 'metric', field: 'clicks', sources: ['yandex-direct'] }, inputs()), 20);
  });

  test('should choose the first analytics source that has data instead of adding both', () => {
    const organic: MetricExpr = { op: 'metric', field: 'organicSessions', sources: ['yandex-metrica', 'ga4'], combine: 'first' };
    assert.equal(evaluateMetric(organic, inputs()), 210);
    const gaFirst: MetricExpr = { op: 'metric', field: 'organicSessions', sources: ['meta', 'ga4', 'yandex-metrica'], combine: 'first' };
    assert.equal(evaluateMetric(gaFirst, inputs()), 100);
    // Sum of both (what 'sum' means) and the total of all sources.
    assert.equal(evaluateMetric({ op: 'metric', field: 'organicSessions', sources: ['yandex-metrica', 'ga4'] }, inputs()), 310);
    assert.equal(evaluateMetric({ op: 'metric', field: 'organicSessions' }, inputs()), 310);
  });

  test('should average per day over the days that have data', () => {
    // Metrica organic: 120 + 90 over 2 days with data (day 2 has none: not a zero day).
    const e: MetricExpr = { op: 'metric', field: 'organicSessions', sources: ['yandex-metrica'], agg: 'per-day' };
    assert.equal(evaluateMetric(e, inputs()), 105);
    // Union of days across sources: Metrica days 1, 3 and GA4 day 1 → 2 days; (210 + 100) / 2.
    assert.equal(evaluateMetric({ ...e, sources: ['yandex-metrica', 'ga4'] }, inputs()), 155);
  });

  test('should read goal reaches', () => {
    assert.equal(evaluateMetric({ op: 'goal', goalIds: ['buy'] }, inputs()), 4);
    assert.equal(evaluateMetric({ op: 'goal', goalIds: ['buy', 'call'], sources: ['yandex-metrica'] }, inputs()), 6);
    assert.equal(evaluateMetric({ op: 'goal', goalIds: ['nope'] }, inputs()), null);
  });

  test('should return null when any needed data is missing, never treating it as zero', () => {
    assert.equal(evaluateMetric({ op: 'metric', field: 'clicks', sources: ['meta'] }, inputs()), null);
    assert.equal(evaluateMetric({ op: 'add', left: ads('clicks'), right: { op: 'metric', field: 'avgPosition' } }, inputs()), null);
    assert.equal(evaluateMetric({ op: 'metric', field: 'clicks' }, { current: { aggregates: null } }), null);
    assert.equal(evaluateMetric({ op: 'fact', name: 'hoursUsed' }, inputs()), null);
    assert.equal(evaluateMetric({ op: 'metric', field: 'clicks', period: 'previous-month' }, inputs()), null);
  });

  test('should treat x / 0 as unbounded and 0 / 0 as undefined', () => {
    assert.equal(evaluateMetric({ op: 'div', left: { op: 'metric', field: 'cost', sources: ['yandex-direct'] }, right: { op: 'metric', field: 'conversions', sources: ['yandex-direct'] } }, inputs()), Infinity);
    assert.equal(divide(-1, 0), -Infinity);
    assert.equal(divide(0, 0), null);
    assert.equal(evaluateMetric({ op: 'sub', left: { op: 'div', left: { op: 'const', value: 1 }, right: { op: 'const', value: 0 } }, right: { op: 'div', left: { op: 'const', value: 1 }, right: { op: 'const', value: 0 } } }, inputs()), null);
  });

  test('should compute growth against the previous month and the same month last year', () => {
    const oct = aggregateMonth(days('2026-10', 1, 31, (_d, date) => row('yandex-metrica', date, { organicSessions: 100 })), '2026-10');
    const nov25 = aggregateMonth(days('2025-11', 1, 30, (_d, date) => row('yandex-metrica', date, { organicSessions: 0 })), '2025-11');
    const growth = (vs: 'previous-month' | 'same-month-last-year'): MetricExpr => ({
      op: 'growth',
      of: { op: 'metric', field: 'organicSessions', sources: ['yandex-metrica', 'ga4'], combine: 'first', agg: 'per-day' },
      vs,
    });
    const all = inputs({ previousMonth: { aggregates: oct }, sameMonthLastYear: { aggregates: nov25 } });
    // Per day: November so far 105 (2 days with data) vs October 100 → +5 %.
    assert.ok(Math.abs((evaluateMetric(growth('previous-month'), all) ?? NaN) - 0.05) < 1e-12);
    // From 0 a year ago: unbounded growth.
    assert.equal(evaluateMetric(growth('same-month-last-year'), all), Infinity);
    // No data for the compared month → null.
    assert.equal(evaluateMetric(growth('previous-month'), inputs()), null);
  });

  test('should read facts, also of compared months', () => {
    const e: MetricExpr = { op: 'div', left: { op: 'fact', name: 'margin' }, right: { op: 'fact', name: 'revenue' } };
    assert.equal(evaluateMetric(e, { current: { aggregates: null, facts: { margin: '2500.00', revenue: '10000.00' } } }), 0.25);
    const g: MetricExpr = { op: 'growth', of: { op: 'fact', name: 'hoursUsed' }, vs: 'previous-month' };
    assert.equal(evaluateMetric(g, { current: { aggregates: null, facts: { hoursUsed: 30 } }, previousMonth: { aggregates: null, facts: { hoursUsed: 40 } } }), -0.25);
  });

  test('should follow KPI references and throw on a loop', () => {
    const defs = [
      { id: 'ctr', metric: { op: 'div', left: ads('clicks'), right: ads('impressions') } as MetricExpr },
      { id: 'a', metric: { op: 'kpi', id: 'b' } as MetricExpr },
      { id: 'b', metric: { op: 'kpi', id: 'a' } as MetricExpr },
    ];
    assert.equal(evaluateMetric({ op: 'mul', left: { op: 'kpi', id: 'ctr' }, right: { op: 'const', value: 100 } }, inputs({ definitions: defs })), 4);
    assert.equal(evaluateMetric({ op: 'kpi', id: 'unknown' }, inputs({ definitions: defs })), null);
    assert.throws(() => evaluateMetric({ op: 'kpi', id: 'a' }, inputs({ definitions: defs })), KpiReferenceLoopError);
  });

  test('should list what an expression reads', () => {
    const defs = new Map<string, { metric: MetricExpr }>([['ctr', { metric: { op: 'div', left: ads('clicks'), right: ads('impressions') } }]]);
    const e: MetricExpr = { op: 'add', left: { op: 'kpi', id: 'ctr' }, right: { op: 'growth', of: { op: 'fact', name: 'hoursUsed' }, vs: 'same-month-last-year' } };
    assert.deepEqual(expressionInputs(e, defs), {
      sources: ['google-ads', 'yandex-direct'],
      facts: ['hoursUsed'],
      periods: ['current', 'same-month-last-year'],
      kpis: ['ctr'],
    });
    assert.equal(expressionInputs({ op: 'metric', field: 'clicks' }).sources, 'all');
    assert.equal(expressionInputs({ op: 'const', value: 1 }).sources, 'none');
  });

  test('should keep arithmetic consistent with plain numbers when everything is present (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (a, b) => {
        const c = (value: number): MetricExpr => ({ op: 'const', value });
        assert.equal(evaluateMetric({ op: 'add', left: c(a), right: c(b) }, inputs()), a + b);
        assert.equal(evaluateMetric({ op: 'mul', left: c(a), right: c(b) }, inputs()), a * b);
        const q = evaluateMetric({ op: 'div', left: c(a), right: c(b) }, inputs());
        if (b !== 0) assert.equal(q, a / b);
        else assert.equal(q, a === 0 ? null : a > 0 ? Infinity : -Infinity);
      }),
      { numRuns: 200 },
    );
  });
});
