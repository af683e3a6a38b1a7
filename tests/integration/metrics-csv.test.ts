// Issue 4: CSV upload for any other source — validated whole, stored like a sync window, idempotent.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callAs } from '../../sandbox/scenarios/runner';
import type { CsvUploadRecord, CsvUploadResult } from '../../src/shared/api-metrics';
import { smallAgency, startAgency } from '../helpers/agency';
import { duplicates, monthRows } from './metrics-helpers';
import { call } from './money-kit';

const scenario = smallAgency({ services: 3 });

const GOOD = [
  'date;dimension_kind;dimension_id;dimension_name;impressions;clicks;cost;currency;conversions',
  '2026-10-01;account;acc;Partner network;1200;34;"1 250,50";UAH;3',
  '2026-10-02;account;acc;Partner network;900;20;800,00;UAH;0',
  '2026-11-01;account;acc;Partner network;1000;25;1000,00;UAH;2',
].join('\n');

describe('metrics CSV upload', () => {
  test('should preview, store, replace on re-upload and refuse a bad file without writing', async () => {
    const sb = await startAgency(scenario);
    try {
      const svc = 'sv-t0';
      const preview = await callAs<CsvUploadResult>(sb, 'u-admin', 'metrics/csv/upload', { serviceId: svc, fileName: 'partner.csv', content: GOOD, preview: true });
      assert.equal(preview.stored, false);
      assert.equal(preview.rows, 3);
      assert.deepEqual(preview.months, ['2026-10', '2026-11']);
      assert.equal((await monthRows(sb, svc, '2026-10')).filter((r) => r.source === 'csv').length, 0, 'preview writes nothing');

      const stored = await callAs<CsvUploadResult>(sb, 'u-admin', 'metrics/csv/upload', { serviceId: svc, fileName: 'partner.csv', content: GOOD });
      assert.equal(stored.stored, true);
      const oct = (await monthRows(sb, svc, '2026-10')).filter((r) => r.source === 'csv');
      assert.equal(oct.length, 2);
      assert.equal(oct.find((r) => r.date === '2026-10-01')?.costMicros, '1250500000');

      // The same file again: same rows, no duplicates.
      await callAs<CsvUploadResult>(sb, 'u-admin', 'metrics/csv/upload', { serviceId: svc, fileName: 'partner.csv', content: GOOD });
      const again = (await monthRows(sb, svc, '2026-10')).filter((r) => r.source === 'csv');
      assert.equal(again.length, 2);
      assert.deepEqual(duplicates(again), []);

      // One bad line: every problem reported with its line, nothing changed.
      const bad = GOOD.replace('900;20', 'nine hundred;20').replace('2026-11-01', '2026-13-01');
      const refused = await callAs<CsvUploadResult>(sb, 'u-admin', 'metrics/csv/upload', { serviceId: svc, fileName: 'bad.csv', content: bad });
      assert.equal(refused.stored, false);
      assert.deepEqual([...new Set(refused.issues.map((i) => i.line))].sort(), [3, 4]);
      assert.equal((await monthRows(sb, svc, '2026-11')).filter((r) => r.source === 'csv').length, 1);

      const history = await callAs<CsvUploadRecord[]>(sb, 'u-admin', 'metrics/csv/history', { serviceId: svc });
      assert.equal(history.length, 2);
      assert.equal(history[0]?.fileName, 'partner.csv');

      // Only people who manage the service may upload; the other manager is refused and nothing is written.
      assert.equal((await call(sb, 'u-man-b', 'metrics/csv/upload', { serviceId: svc, fileName: 'x.csv', content: GOOD.replace('1200;34', '1;1') })).error?.code, 'FORBIDDEN');
      assert.equal((await monthRows(sb, svc, '2026-10')).find((r) => r.source === 'csv' && r.date === '2026-10-01')?.impressions, 1200);
      // Oversized or wrongly typed payloads are refused by the schema.
      assert.equal((await call(sb, 'u-admin', 'metrics/csv/upload', { serviceId: svc, fileName: 'x.csv', content: 42 })).error?.code, 'VALIDATION');
    } finally {
      await sb.close();
    }
  });
});
