import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReportModel } from './report-model';
import { buildReportView } from './report-view';
import { sampleReportModel } from './testing/fixtures';

describe('buildReportView', () => {
  test('should paint changes by the metric direction', () => {
    const v = buildReportView(sampleReportModel('en'));
    const byKey = new Map(v.kpis.map((k) => [k.key, k]));
    assert.equal(byKey.get('clicks')?.vsPrevious.tone, 'good');
    assert.equal(byKey.get('cpa')?.vsPrevious.tone, 'good'); // down, lower is better
    assert.equal(byKey.get('ctr')?.vsPrevious.tone, 'bad');
    assert.equal(byKey.get('position')?.vsPrevious.tone, 'good'); // position defaults to lower-is-better
    assert.equal(byKey.get('cost')?.vsPrevious.tone, 'neutral');
    assert.equal(byKey.get('ctr')?.vsLastYear.trend, 'none');
    assert.equal(byKey.get('cost')?.value, '$8,815.60');
  });

  test('should group work done with group hours and a total free of float noise', () => {
    const model: ReportModel = {
      ...sampleReportModel('uk'),
      workDone: [
        { group: 'copywriter', hours: 0.3, items: [{ key: 'A-1', summary: 'x', hours: 0.1 }, { key: 'A-2', summary: 'y', hours: 0.2 }] },
        { group: 'Епік: Запуск', hours: 0, items: [] },
        { group: 'Епік: Сайт', hours: 0.1, items: [{ key: 'A-3', summary: 'z', hours: 0.1 }] },
      ],
    };
    const rows = buildReportView(model).workDone?.rows ?? [];
    assert.deepEqual(rows.map((r) => r.kind), ['group', 'data', 'data', 'group', 'data', 'total']);
    assert.deepEqual(rows[0], { kind: 'group', label: 'Копірайтер', value: '0,3 год' });
    assert.equal(rows[3]?.kind === 'group' && rows[3].label, 'Епік: Сайт');
    const total = rows[5];
    assert.equal(total?.kind === 'total' && total.cells[2]?.text, '0,4 год');
  });

  test('should format source tables by column and fill the chart data table', () => {
    const v = buildReportView(sampleReportModel('ru'));
    const gads = v.sections[0];
    assert.equal(gads?.heading, 'Google Ads');
    assert.deepEqual(gads?.table?.columns.map((c) => c.align), ['left', 'right', 'right', 'right', 'right', 'right', 'right']);
    assert.equal(gads?.table?.rows.at(-1)?.kind, 'total');
    const chart = gads?.charts[0];
    assert.equal(chart?.xLabels[0], '1 мар.');
    assert.equal(chart?.dataTable.rows.length, 31);
    const ga4 = v.sections[1]?.charts[0];
    const gap = ga4?.dataTable.rows[17];
    assert.equal(gap?.kind === 'data' && gap.cells[2]?.text, '—');
  });
});
