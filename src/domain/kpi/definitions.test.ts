import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateMonth } from './aggregates';
import { BUILT_IN_KPIS, type KpiDefinition, definitionsFor, validateKpiDefinition } from './definitions';
import { type MetricExpr, type MetricInputs, evaluateMetric } from './expression';
import { days, row } from './testing/rows';

const def = (id: string): KpiDefinition => {
  const d = BUILT_IN_KPIS.find((x) => x.id === id);
  assert.ok(d, id);
  return d;
};
const value = (id: string, inputs: MetricInputs): number | null => evaluateMetric(def(id).metric, inputs);

// An ads month: Google Ads (UAH) and Meta, with a day where Meta reported nothing.
const adsNov = aggregateMonth(
  [
    row('google-ads', '2026-11-01', { impressions: 2000, clicks: 60, costMicros: '300000000', currency: 'UAH', conversions: 6 }),
    row('google-ads', '2026-11-02', { impressions: 3000, clicks: 90, costMicros: '450000000', currency: 'UAH', conversions: 9 }),
    row('meta', '2026-11-01', { impressions: 5000, clicks: 50, costMicros: '250000000', currency: 'UAH', conversions: 5 }),
  ],
  '2026-11',
);

// An SEO month: Metrica organic 40/day for 10 days, October 50/day for 31 days, November 2025 20/day.
const seo = (month: string, to: number, organic: number) =>
  aggregateMonth(
    days(month, 1, to, (d, date) => [
      row('yandex-metrica', date, { sessions: organic * 2, organicSessions: organic, conversions: d % 2 === 0 ? 1 : 0 }),
      row('ga4', date, { sessions: organic * 3, organicSessions: organic * 3, conversions: 5 }),
      row('topvisor', date, { avgPosition: d <= 5 ? 12 : 8 }),
    ]),
    month,
  );
const seoNov = seo('2026-11', 10, 40);
const seoOct = seo('2026-10', 31, 50);
const seoNov25 = seo('2025-11', 30, 20);

describe('built-in KPI formulas on hand-checked months', () => {
  test('target actions: ad conversions summed over ad platforms', () => {
    assert.equal(value('target-actions', { current: { aggregates: adsNov } }), 20); // 6 + 9 + 5
  });
  test('target actions (site goals): Metrica, not Metrica + GA4', () => {
    assert.equal(value('target-actions-site', { current: { aggregates: seoNov } }), 5); // even days 2..10
    // Without Metrica, GA4 key events are used.
    const gaOnly = aggregateMonth(days('2026-11', 1, 3, (_d, date) => row('ga4', date, { conversions: 2 })), '2026-11');
    assert.equal(value('target-actions-site', { current: { aggregates: gaOnly } }), 6);
  });
  test('CTR: clicks / impressions as a fraction', () => {
    assert.equal(value('ctr', { current: { aggregates: adsNov } }), 0.02); // 200 / 10000
  });
  test('cost per target action: cost / conversions in major units', () => {
    assert.equal(value('cost-per-action', { current: { aggregates: adsNov } }), 50); // 1000 / 20
  });
  test('organic growth vs previous month and vs last year, per day with data', () => {
    const inputs: MetricInputs = { current: { aggregates: seoNov }, previousMonth: { aggregates: seoOct }, sameMonthLastYear: { aggregates: seoNov25 } };
    assert.equal(value('organic-growth-mom', inputs), -0.2); // 40 vs 50 per day
    assert.equal(value('organic-growth-yoy', inputs), 1); // 40 vs 20 per day
  });
  test('organic growth in a month with missing data', () => {
    // Last year unknown → null, not −100 % or +∞.
    assert.equal(value('organic-growth-yoy', { current: { aggregates: seoNov }, previousMonth: { aggregates: seoOct } }), null);
    // This month has no organic data yet → null.
    const empty = aggregateMonth([], '2026-11');
    assert.equal(value('organic-growth-mom', { current: { aggregates: empty }, previousMonth: { aggregates: seoOct } }), null);
  });
  test('average position from Topvisor (plain mean of daily positions)', () => {
    assert.equal(value('avg-position', { current: { aggregates: seoNov } }), 10); // (5×12 + 5×8) / 10
  });
  test('hours used of allowance, margin and client rating from facts', () => {
    const facts = { hoursUsed: 15, hoursAllowance: 20, revenue: '16833.33', margin: '11411.42', clientRating: 4.5 };
    const inputs: MetricInputs = { current: { aggregates: null, facts } };
    assert.equal(value('hours-used', inputs), 0.75);
    assert.ok(Math.abs((value('margin', inputs) ?? NaN) - 11411.42 / 16833.33) < 1e-12);
    assert.equal(value('client-rating', inputs), 4.5);
    // No feedback yet, no revenue: missing, not zero.
    assert.equal(value('client-rating', { current: { aggregates: null, facts: { clientRating: null } } }), null);
    assert.equal(value('margin', { current: { aggregates: null, facts: { margin: '0.00', revenue: '0.00' } } }), null);
    // Hours without an allowance: unbounded over the allowance.
    assert.equal(value('hours-used', { current: { aggregates: null, facts: { hoursUsed: 3, hoursAllowance: 0 } } }), Infinity);
  });
  test('every built-in has three labels and passes the custom-KPI checks', () => {
    for (const d of BUILT_IN_KPIS) {
      assert.ok(d.label.en && d.label.uk && d.label.ru, d.id);
      const { builtIn: _builtIn, ...rest } = d;
      const r = validateKpiDefinition({ ...rest, id: `my-${d.id}` });
      assert.ok(r.ok, `${d.id}: ${JSON.stringify(r.ok ? '' : r.fields)}`);
    }
  });
});

describe('definitionsFor', () => {
  test('should pick the KPIs of a service type', () => {
    assert.deepEqual(
      definitionsFor('seo').map((d) => d.id),
      ['target-actions-site', 'organic-growth-mom', 'organic-growth-yoy', 'avg-position', 'hours-used', 'margin', 'client-rating'],
    );
    assert.deepEqual(
      definitionsFor('google-ads').map((d) => d.id),
      ['target-actions', 'ctr', 'cost-per-action', 'hours-used', 'margin', 'client-rating'],
    );
  });
  test('should add custom KPIs that apply and drop disabled ones', () => {
    const custom = validateKpiDefinition({
      id: 'leads-per-session',
      label: { en: 'Leads per session' },
      appliesTo: ['seo'],
      metric: { op: 'div', left: { op: 'goal', goalIds: ['lead'] }, right: { op: 'metric', field: 'sessions', sources: ['yandex-metrica'] } },
      direction: 'higher-is-better',
      unit: 'percent',
      pacing: 'average',
    });
    assert.ok(custom.ok);
    assert.deepEqual(custom.value.label, { en: 'Leads per session', uk: 'Leads per session', ru: 'Leads per session' });
    const ids = definitionsFor('seo', [custom.value], ['avg-position']).map((d) => d.id);
    assert.ok(ids.includes('leads-per-session') && !ids.includes('avg-position'));
    assert.ok(!definitionsFor('smm', [custom.value]).some((d) => d.id === 'leads-per-session'));
  });
});

describe('validateKpiDefinition', () => {
  const base = {
    id: 'custom-kpi',
    label: { en: 'Custom', uk: 'Власний', ru: 'Свой' },
    appliesTo: ['google-ads'],
    direction: 'higher-is-better',
    unit: 'count',
    pacing: 'cumulative',
  };
  const check = (metric: unknown, extra: Record<string, unknown> = {}, existing: KpiDefinition[] = []) =>
    validateKpiDefinition({ ...base, metric, ...extra }, existing);
  const clicks: MetricExpr = { op: 'metric', field: 'clicks', sources: ['google-ads'] };
  const mk = (id: string, metric: MetricExpr): KpiDefinition => ({
    id,
    label: { en: id, uk: id, ru: id },
    appliesTo: ['google-ads'],
    metric,
    direction: 'higher-is-better',
    unit: 'count',
    pacing: 'cumulative',
    defaultTarget: null,
    builtIn: false,
  });

  const refuses = (r: ReturnType<typeof check>, pattern: RegExp): void => {
    assert.equal(r.ok, false);
    if (!r.ok) assert.ok(Object.values(r.fields).some((m) => pattern.test(m)), JSON.stringify(r.fields));
  };

  test('should accept a valid custom KPI', () => {
    const r = check({ op: 'mul', left: clicks, right: { op: 'const', value: 2 } }, { defaultTarget: 100 });
    assert.ok(r.ok);
    assert.equal(r.value.builtIn, false);
    assert.equal(r.value.defaultTarget, 100);
  });
  test('should refuse unknown fields, sources, metric fields and facts', () => {
    refuses(check(clicks, { colour: 'red' }), /Unknown field/);
    refuses(check({ ...clicks, weight: 2 }), /Unknown field/);
    refuses(check({ op: 'metric', field: 'clicks', sources: ['bing-ads'] }), /Unknown source/);
    refuses(check({ op: 'metric', field: 'revenue' }), /Unknown field/);
    refuses(check({ op: 'fact', name: 'salary' }), /Unknown fact/);
    refuses(check({ op: 'eval', code: '1+1' }), /./);
  });
  test('should refuse reference loops, self references and unknown references', () => {
    refuses(check({ op: 'kpi', id: 'custom-kpi' }), /loop/);
    const a = mk('kpi-a', { op: 'add', left: clicks, right: { op: 'kpi', id: 'custom-kpi' } });
    refuses(check({ op: 'div', left: clicks, right: { op: 'kpi', id: 'kpi-a' } }, {}, [a]), /loop: custom-kpi → kpi-a → custom-kpi/);
    refuses(check({ op: 'kpi', id: 'missing-kpi' }), /Unknown KPI/);
    // Referring to a built-in is fine.
    assert.ok(check({ op: 'mul', left: { op: 'kpi', id: 'ctr' }, right: { op: 'const', value: 100 } }).ok);
  });
  test('should refuse expressions that mean nothing', () => {
    refuses(check({ op: 'div', left: clicks, right: { op: 'const', value: 0 } }), /Division by zero/);
    refuses(check({ op: 'div', left: clicks, right: clicks }), /always 1/);
    refuses(check({ op: 'metric', field: 'avgPosition', agg: 'per-day' }), /already an average/);
    refuses(check({ op: 'metric', field: 'avgPosition', sources: ['topvisor', 'search-console'] }), /cannot be added/);
    refuses(check({ op: 'metric', field: 'clicks', combine: 'first' }), /needs a list of sources/);
    refuses(check({ op: 'growth', of: { op: 'growth', of: clicks, vs: 'previous-month' }, vs: 'previous-month' }), /Growth of a growth/);
    refuses(check({ op: 'growth', of: { ...clicks, period: 'previous-month' }, vs: 'same-month-last-year' }), /explicit period/);
    // Growth of a KPI that is itself a growth.
    refuses(check({ op: 'growth', of: { op: 'kpi', id: 'organic-growth-mom' }, vs: 'same-month-last-year' }), /Growth of a growth/);
  });
  test('should refuse built-in ids, bad ids and missing labels', () => {
    refuses(check(clicks, { id: 'ctr' }), /built-in/);
    refuses(check(clicks, { id: 'Bad Id' }), /lower-case/);
    refuses(check(clicks, { label: { uk: 'x' } }), /required/);
    refuses(check(clicks, { appliesTo: [] }), /at least one/);
  });
  test('should refuse too big or too deep expressions without overflowing the stack', () => {
    let deep: MetricExpr = clicks;
    for (let i = 0; i < 5000; i += 1) deep = { op: 'add', left: deep, right: { op: 'const', value: 1 } };
    refuses(check(deep), /levels deep/);
    let wide: MetricExpr = clicks;
    for (let i = 0; i < 8; i += 1) wide = { op: 'add', left: wide, right: wide };
    const r = check(wide);
    assert.equal(r.ok, false);
  });
  test('should treat an existing definition with the same id as the older version', () => {
    const old = mk('custom-kpi', { op: 'kpi', id: 'kpi-b' });
    const b = mk('kpi-b', clicks);
    assert.ok(check({ op: 'kpi', id: 'kpi-b' }, {}, [old, b]).ok);
  });
});
