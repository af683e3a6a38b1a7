// Webmaster's site facts (pages in search, pages removed, SQI) survive the month document.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyRow } from '../../src/connectors/metrics/types';
import { decodePart, encodePart, sameRows } from '../../src/storage/metrics-codec';

const HOST = 'https:shop.example:443';
const meta = { part: 0, parts: 1, gen: 'g', updatedAt: '2026-11-23T00:00:00Z' };

describe('metrics codec with Webmaster rows', () => {
  test('should keep pagesInSearch, pagesExcluded and sqi, null included, and add no column for other sources', () => {
    const a = { ...emptyRow('yandex-webmaster', HOST, '2026-11-01', { kind: 'account', id: HOST, name: HOST }), impressions: 1200, clicks: 48, ctr: 0.04, avgPosition: 7.4, pagesInSearch: 1530, pagesExcluded: 9, sqi: 140 };
    const b = { ...emptyRow('yandex-webmaster', HOST, '2026-11-02', { kind: 'account', id: HOST, name: HOST }), pagesInSearch: 1490, pagesExcluded: null, sqi: null };
    const q = { ...emptyRow('yandex-webmaster', HOST, '2026-11-01', { kind: 'query', id: 'купить диван', name: 'купить диван' }), impressions: 30, clicks: 2 };
    const doc = encodePart([a, b, q], '2026-11', meta);
    const back = decodePart(JSON.parse(JSON.stringify(doc)), 'yandex-webmaster');
    assert.deepEqual(back, [a, b, q]);
    assert.ok(sameRows([a, b, q], back, '2026-11'));
    assert.ok(!sameRows([a], [{ ...a, sqi: 150 }], '2026-11'), 'a changed SQI is a change');
    const other = encodePart([{ ...emptyRow('search-console', 'sc-domain:x', '2026-11-01', { kind: 'account', id: 'x', name: 'x' }), clicks: 1 }], '2026-11', meta);
    assert.equal(other.site, undefined);
  });
});
