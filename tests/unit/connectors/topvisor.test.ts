import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DayAccumulator, parsePosition, readHistory, topvisorConnector } from '../../../src/connectors/metrics/topvisor';
import { AuthExpiredError, SourceError } from '../../../src/connectors/metrics/errors';
import type { TopvisorHistory } from '../../../src/connectors/metrics/topvisor/schemas';
import { account, fetchAll, rejection, routedFetch, withFakes } from './helpers';

const PROJECT = '1733522';
const CREDS = { apiKey: 'tv-key-123', userId: '4242' };

describe('topvisor parser (hand-written payloads)', () => {
  const history: TopvisorHistory = {
    existsDates: ['2026-11-17', '2026-11-20'],
    keywords: [
      {
        id: '90001', name: 'купить диван', group_id: '11', group_name: 'Диваны',
        positionsData: {
          '2026-11-17:1733522:2': { position: '7', relevant_url: 'https://example.ru/divany/' },
          '2026-11-20:1733522:2': { position: '5', relevant_url: 'https://example.ru/divany/' },
          '2026-11-20:1733522:5': { position: '--' },
        },
      },
      { id: '90002', name: 'диван угловой', positionsData: { '2026-11-20:1733522:2': { position: '34' } } },
    ],
  };

  test('`--` is "not found" → null, never 0', () => {
    assert.equal(parsePosition('--'), null);
    assert.equal(parsePosition(''), null);
    assert.equal(parsePosition('7'), 7);
  });

  test('per-day average position (found only) and share in top 10 (of all checks); only existsDates', () => {
    const acc = new DayAccumulator();
    const kw = readHistory(history, PROJECT, acc, true, null);
    const days = acc.rows(PROJECT, null);
    assert.deepEqual(days.map((d) => [d.date, d.avgPosition, d.top10Share]), [
      ['2026-11-17', 7, 1],
      ['2026-11-20', (5 + 34) / 2, 1 / 3],
    ]);
    assert.equal(kw.length, 4);
    const missing = kw.find((r) => r.dimension.id === '90001:5');
    assert.deepEqual([missing?.avgPosition, missing?.top10Share], [null, 0]);
  });

  test("today's check is flagged partial", () => {
    const acc = new DayAccumulator();
    readHistory(history, PROJECT, acc, false, '2026-11-20');
    assert.deepEqual(acc.rows(PROJECT, '2026-11-20').map((r) => r.flags?.partial ?? false), [false, true]);
  });
});

describe('topvisor against the fake API', () => {
  test('Bearer key + User-Id, keyword paging by nextOffset, one summary row per checked day', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'topvisor', id: PROJECT, queries: 25, regionIndexes: [2, 5], checkEveryDays: 2, startDate: '2026-10-01' });
      f.control.setToday('2026-11-23');
      const r = routedFetch(f.routes);
      const req = { account: account('topvisor', PROJECT, { settings: { regionIndexes: [2, 5], keywordRows: true } }), from: '2026-11-01', to: '2026-11-20', credentials: CREDS, http: r.http, pageSize: 10 };
      const out = await fetchAll(topvisorConnector, req);
      assert.equal(f.control.calls('topvisor'), 3);
      assert.equal(r.headers[0]?.['user-id'], '4242');
      assert.equal(r.headers[0]?.authorization, 'bearer tv-key-123');
      const days = out.rows.filter((x) => x.dimension.kind === 'account');
      assert.ok(days.length >= 8 && days.length <= 10, `checks every 2 days: ${days.length}`);
      assert.ok(days.every((d) => d.top10Share !== null && d.top10Share >= 0 && d.top10Share <= 1 && (d.avgPosition ?? 0) >= 1));
      const kw = out.rows.filter((x) => x.dimension.kind === 'keyword');
      assert.equal(kw.length, 25 * 2 * days.length);
      assert.ok(kw.some((x) => x.avgPosition === null), 'some keywords not found (--)');
      assert.deepEqual(out, await fetchAll(topvisorConnector, req));
    });
  });

  test('region indexes are looked up from the project when not configured', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'topvisor', id: PROJECT, regionIndexes: [7], queries: 5 });
      const r = routedFetch(f.routes);
      await fetchAll(topvisorConnector, { account: account('topvisor', PROJECT), from: '2026-11-01', to: '2026-11-03', credentials: CREDS, http: r.http });
      assert.match(r.urls[0] ?? '', /projects_2\/projects$/);
      assert.match(r.urls[1] ?? '', /positions_2\/history$/);
    });
  });

  test('errors come inside HTTP 200: auth (53) → AuthExpiredError without the key; 429 retried; bad params fail fast', async () => {
    await withFakes(async (f) => {
      f.control.revokeToken('dead-key');
      const r = routedFetch(f.routes);
      const base = { account: account('topvisor', PROJECT, { settings: { regionIndexes: [2] } }), from: '2026-11-01', to: '2026-11-03', http: r.http };
      const e = await rejection(() => fetchAll(topvisorConnector, { ...base, credentials: { apiKey: 'dead-key', userId: '1' } }));
      assert.ok(e instanceof AuthExpiredError && !e.message.includes('dead-key'));
      f.control.forceQuotaError('topvisor', { times: 1 });
      assert.ok((await fetchAll(topvisorConnector, { ...base, credentials: CREDS })).rows.length > 0);
      const bad = await rejection(() => fetchAll(topvisorConnector, { ...base, account: account('topvisor', PROJECT, { settings: { regionIndexes: [99] } }), credentials: CREDS }));
      assert.ok(bad instanceof SourceError && bad.errorCode === '2001' && bad.status === 200 && !bad.retryable);
      const raw = await r.http('https://api.topvisor.com/v2/json/get/positions_2/history', { method: 'POST', headers: { 'User-Id': '1', Authorization: 'bearer k' }, body: JSON.stringify({ project_id: 1, regions_indexes: [2], limit: 20000 }) });
      assert.equal(raw.status, 200);
      assert.equal(((await raw.json()) as { errors: Array<{ code: number }> }).errors[0]?.code, 2005);
    });
  });

  test('missing credentials → AuthExpiredError(missing) before any call', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const e = await rejection(() => fetchAll(topvisorConnector, { account: account('topvisor', PROJECT, { settings: { regionIndexes: [2] } }), from: '2026-11-01', to: '2026-11-03', credentials: {}, http: r.http }));
      assert.ok(e instanceof AuthExpiredError && e.reason === 'missing');
      assert.equal(r.urls.length, 0);
    });
  });
});
