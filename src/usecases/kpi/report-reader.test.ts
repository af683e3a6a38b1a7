import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definitionsFor, recomputeService } from '../../domain/kpi';
import { days, row } from '../../domain/kpi/testing/rows';
import { statusRows } from './report-reader';
import { moneyKpiIds } from './views';

test('should list judged KPIs for a client report without the money ones', () => {
  const definitions = definitionsFor('yandex-direct');
  const hidden = moneyKpiIds(definitions);
  assert.ok(hidden.has('margin'));
  assert.ok(!hidden.has('target-actions') && !hidden.has('cost-per-action'));
  const rollup = recomputeService({
    service: { id: 'sv-1', type: 'yandex-direct', managerAccountId: 'u-1' },
    month: '2026-11',
    today: '2026-11-10',
    definitions,
    rows: days('2026-11', 1, 9, (_d, date) => row('yandex-direct', date, { conversions: 5, impressions: 1000, clicks: 50 })),
    facts: { revenue: '1000.00', totalCost: '500.00', margin: '500.00' },
    targets: { serviceId: 'sv-1', month: '2026-11', values: { 'target-actions': 100, margin: 0.3 }, origin: 'set', setInMonth: '2026-11', setBy: 'u-h', setAt: null },
  });
  const rows = statusRows(rollup.kpis, hidden, 'en');
  assert.deepEqual(rows.map((r) => r.label), ['Target actions']);
  assert.equal(rows[0]?.verdict, 'on-track');
  assert.match(rows[0]?.target ?? '', /^≥ 100/);
  assert.equal(rows[0]?.actual, '45');
});
