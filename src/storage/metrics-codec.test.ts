import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyRow, type DailyRow } from '../connectors/metrics/types';
import { compareRows, decodePart, encodeMonth, encodePart, replaceDays } from './metrics-codec';

function row(date: string, id: string, patch: Partial<DailyRow> = {}, accountId = '1234567890'): DailyRow {
  return { ...emptyRow('google-ads', accountId, date, { kind: id === 'acc' ? 'account' : 'campaign', id, name: `Campaign ${id}` }), ...patch };
}

describe('metrics codec', () => {
  test('should round-trip rows with nulls, zeros, goals, flags and currencies unchanged', () => {
    const rows: DailyRow[] = [
      row('2026-10-01', '111', { impressions: 0, clicks: 0, costMicros: '0', currency: 'USD', vatIncluded: false, conversions: 2.5, ctr: 0 }),
      row('2026-10-01', '222', { impressions: 120, clicks: 7, costMicros: '12340000', currency: 'USD', vatIncluded: null, conversions: null }),
      row('2026-10-02', 'acc', { sessions: 400, organicSessions: 0, users: 300, goalReaches: { '123': 4 }, flags: { sampled: true, sampleShare: 0.5, dataLoss: true } }),
      row('2026-10-31', '333', { avgPosition: 3.25, top10Share: 0.4, currency: 'EUR', flags: { partial: true } }),
    ];
    const doc = encodePart(rows, '2026-10', { part: 0, parts: 1, gen: 'g', updatedAt: 't' });
    assert.deepEqual(decodePart(doc, 'google-ads'), rows);
    assert.deepEqual(doc.currencies, ['USD', 'EUR']);
    assert.equal(doc.imp[0], 0, 'zero stays zero');
    assert.equal(doc.conv[1], null, 'null stays null');
  });

  test('should split a large month into parts under the target that decode to the same rows', () => {
    const rows: DailyRow[] = [];
    for (let d = 1; d <= 30; d++) for (let q = 0; q < 200; q++) rows.push(row(`2026-09-${String(d).padStart(2, '0')}`, `query number ${q} with some words`, { impressions: q, clicks: q % 3, avgPosition: 1.5 }));
    const docs = encodeMonth(rows, '2026-09', { gen: 'g1', updatedAt: 't' }, 100 * 1024);
    assert.ok(docs.length > 1, `split into ${docs.length} parts`);
    for (const d of docs) assert.ok(Buffer.byteLength(JSON.stringify(d)) <= 100 * 1024);
    assert.ok(docs.every((d, i) => d.part === i && d.parts === docs.length && d.gen === 'g1'));
    const back = docs.flatMap((d) => decodePart(d, 'google-ads'));
    assert.deepEqual(back, [...rows].sort(compareRows));
  });

  test('should replace only the re-pulled days of the re-pulled account', () => {
    const existing = [row('2026-10-01', '111', { clicks: 1 }), row('2026-10-02', '111', { clicks: 2 }), row('2026-10-02', '222', { clicks: 3 }), row('2026-10-02', '111', { clicks: 9 }, '9999999999')];
    const fresh = [row('2026-10-02', '111', { clicks: 20 }), row('2026-10-02', '111', { clicks: 21 })];
    const merged = replaceDays(existing, fresh, new Set(['1234567890']), '2026-10-02', '2026-10-03');
    assert.deepEqual(
      merged.map((r) => [r.accountId, r.date, r.dimension.id, r.clicks]),
      [
        ['1234567890', '2026-10-01', '111', 1],
        ['1234567890', '2026-10-02', '111', 21],
        ['9999999999', '2026-10-02', '111', 9],
      ],
    );
  });

  test('should refuse a row dated outside the month', () => {
    assert.throws(() => encodePart([row('2026-11-01', '111')], '2026-10', { part: 0, parts: 1, gen: 'g', updatedAt: 't' }), /does not belong/);
  });
});
