// Custom KPI drafts: simple formulas get a form and round-trip exactly, anything else is JSON;
// percent targets are typed as percentages; the option lists match the domain's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { METRIC_SOURCES } from '../../../connectors/metrics/types';
import { BUILT_IN_KPIS, KPI_DIRECTIONS, KPI_PACINGS, KPI_UNITS, METRIC_FIELDS, validateKpiDefinition, type KpiDefinition } from '../../../domain/kpi';
import { DIRECTIONS, FIELDS, PACINGS, SOURCES, UNITS, definitionOf, draftFromDefinition, monthIn, newKpiDraft, targetFromText, targetTexts, targetToText, targetValues } from './kpi-draft';

const custom = (metric: KpiDefinition['metric'], unit: KpiDefinition['unit'] = 'money'): KpiDefinition => ({
  id: 'cost-per-session',
  label: { en: 'Cost per session', uk: 'Вартість сеансу', ru: 'Стоимость сеанса' },
  appliesTo: ['seo', 'google-ads'],
  metric,
  direction: 'lower-is-better',
  unit,
  pacing: 'average',
  defaultTarget: unit === 'percent' ? 0.05 : 12.5,
  builtIn: false,
});

test('should offer exactly the domain option lists', () => {
  assert.deepEqual([...UNITS], [...KPI_UNITS]);
  assert.deepEqual([...DIRECTIONS], [...KPI_DIRECTIONS]);
  assert.deepEqual([...PACINGS], [...KPI_PACINGS]);
  assert.deepEqual([...FIELDS], [...METRIC_FIELDS]);
  for (const s of SOURCES) assert.ok((METRIC_SOURCES as readonly string[]).includes(s), s);
  assert.deepEqual([...SOURCES].sort(), [...METRIC_SOURCES].sort(), 'every source the backend knows can feed a custom KPI');
});

test('should edit a ratio of two metrics in the form and send the same definition back', () => {
  const def = custom({ op: 'div', left: { op: 'metric', field: 'cost', sources: ['google-ads'] }, right: { op: 'metric', field: 'sessions', sources: ['ga4', 'yandex-metrica'], combine: 'first', agg: 'per-day' } });
  const d = draftFromDefinition(def);
  assert.equal(d.kind, 'ratio');
  assert.equal(d.existing, true);
  assert.equal(d.defaultTarget, '12.5');
  const sent = definitionOf(d);
  assert.deepEqual(sent.metric, def.metric);
  assert.equal(sent.defaultTarget, 12.5);
  const v = validateKpiDefinition(sent, []);
  assert.ok(v.ok, JSON.stringify(v));
});

test('should fall back to JSON for formulas the form cannot show, and pass unparsable JSON as text', () => {
  const growth = BUILT_IN_KPIS.find((k) => k.id === 'organic-growth-mom') as KpiDefinition;
  const d = draftFromDefinition({ ...growth, builtIn: false, id: 'my-growth' });
  assert.equal(d.kind, 'json');
  assert.deepEqual(definitionOf(d).metric, growth.metric);
  assert.equal(definitionOf({ ...d, json: '{ "op": ' }).metric, '{ "op": ');
});

test('should build goal and single-metric formulas, dropping empty labels and defaults', () => {
  const goal = definitionOf({ ...newKpiDraft(), id: 'leads', label: { en: 'Leads', uk: ' ', ru: '' }, appliesTo: ['seo'], kind: 'goal', goalIds: '123, 456', goalSources: ['yandex-metrica'] });
  assert.deepEqual(goal.metric, { op: 'goal', goalIds: ['123', '456'], sources: ['yandex-metrica'] });
  assert.deepEqual(goal.label, { en: 'Leads' });
  assert.equal(goal.defaultTarget, null);
  const d = draftFromDefinition(custom({ op: 'goal', goalIds: ['1'] }));
  assert.equal(d.kind, 'goal');
  const single = definitionOf({ ...newKpiDraft(), kind: 'metric', metric: { field: 'clicks', sources: [], combine: 'sum', agg: 'total' } });
  assert.deepEqual(single.metric, { op: 'metric', field: 'clicks' });
});

test('should type percent targets as percentages and keep non-numbers for the server', () => {
  assert.equal(targetToText('percent', 0.05), '5');
  assert.equal(targetToText('percent', 0.123), '12.3');
  assert.equal(targetToText('count', null), '');
  assert.equal(targetFromText('percent', '7,5'), 0.075);
  assert.equal(targetFromText('rating', ' 4 '), 4);
  assert.equal(targetFromText('count', ''), null);
  assert.equal(targetFromText('count', 'lots'), 'lots');
  const kpis = [
    { id: 'ctr', unit: 'percent' as const },
    { id: 'client-rating', unit: 'rating' as const },
    { id: 'target-actions', unit: 'count' as const },
  ];
  const texts = targetTexts(kpis, { ctr: 0.02, 'client-rating': 4 });
  assert.deepEqual(texts, { ctr: '2', 'client-rating': '4', 'target-actions': '' });
  assert.deepEqual(targetValues(kpis, { ...texts, 'target-actions': '30' }), { ctr: 0.02, 'client-rating': 4, 'target-actions': 30 });
});

test('should name the month in the agency zone, not the browser’s', () => {
  const instant = new Date('2026-11-30T22:30:00Z');
  assert.equal(monthIn('Europe/Kyiv', instant), '2026-12');
  assert.equal(monthIn('America/New_York', instant), '2026-11');
  assert.equal(monthIn('Not/AZone', instant), '2026-11');
});
