import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mapGscRows, searchConsoleConnector } from '../../../src/connectors/metrics/search-console';
import { AuthExpiredError, QuotaError, SourceError } from '../../../src/connectors/metrics/errors';
import { account, fetchAll, rejection, routedFetch, withFakes } from './helpers';

const SITE = 'sc-domain:example.com';

describe('search-console parser (hand-written payloads)', () => {
  test('date rows: clicks, impressions, ctr fraction, average position', () => {
    const rows = mapGscRows({
      rows: [
        { keys: ['2026-11-20'], clicks: 37, impressions: 1210, ctr: 0.030578512396694214, position: 11.84 },
        { keys: ['2026-11-21'], clicks: 29, impressions: 1105, ctr: 0.026244343891402715, position: 12.3 },
      ],
      responseAggregationType: 'byProperty',
    }, SITE, undefined);
    assert.deepEqual(rows.map((r) => [r.date, r.dimension.kind, r.clicks, r.impressions, r.avgPosition]), [
      ['2026-11-20', 'account', 37, 1210, 11.84],
      ['2026-11-21', 'account', 29, 1105, 12.3],
    ]);
    assert.ok(Math.abs((rows[0]?.ctr ?? 0) - 0.0306) < 0.001);
  });

  test('empty result has no `rows` key; a dimensionless row without keys is not a day', () => {
    assert.deepEqual(mapGscRows({ responseAggregationType: 'byProperty' }, SITE, undefined), []);
    assert.deepEqual(mapGscRows({ rows: [{ clicks: 1, impressions: 2, ctr: 0.5, position: 3 }] }, SITE, undefined), []);
  });

  test('query dimension keys follow request order; days from firstIncompleteDate are partial', () => {
    const rows = mapGscRows({ rows: [{ keys: ['2026-11-21', 'купити диван'], clicks: 3, impressions: 40, ctr: 0.075, position: 4.2 }, { keys: ['2026-11-19', 'x'], clicks: 1, impressions: 1, ctr: 1, position: 1 }], metadata: { firstIncompleteDate: '2026-11-21' } }, SITE, 'query');
    assert.deepEqual(rows[0]?.dimension, { kind: 'query', id: 'купити диван', name: 'купити диван' });
    assert.equal(rows[0]?.flags?.partial, true);
    assert.equal(rows[1]?.flags, undefined);
  });
});

describe('search-console against the fake API', () => {
  test('encoded siteUrl, startRow paging until a short page, query rows', async () => {
    await withFakes(async (f) => {
      f.control.setToday('2026-11-23');
      const r = routedFetch(f.routes);
      const out = await fetchAll(searchConsoleConnector, { account: account('search-console', SITE, { settings: { gscDimension: 'query' } }), from: '2026-10-01', to: '2026-10-30', credentials: { accessToken: 't' }, http: r.http, pageSize: 500 });
      assert.ok(r.urls[0]?.includes('/sites/sc-domain%3Aexample.com/searchAnalytics/query'));
      const calls = f.control.calls('search-console');
      assert.equal(calls, Math.floor(out.rows.length / 500) + 1);
      assert.ok(out.rows.length > 1000);
      assert.ok(out.rows.every((x) => x.dimension.kind === 'query' && x.avgPosition !== null && (x.avgPosition ?? 0) >= 1));
      assert.equal(new Set(out.rows.map((x) => `${x.date}|${x.dimension.id}`)).size, out.rows.length, 'no duplicates across pages');
    });
  });

  test('data delay: final data stops ~3 days back; dataState=all adds fresh days flagged partial', async () => {
    await withFakes(async (f) => {
      f.control.setToday('2026-11-23');
      const r = routedFetch(f.routes);
      const base = { from: '2026-11-15', to: '2026-11-23', credentials: { accessToken: 't' }, http: r.http };
      const final = await fetchAll(searchConsoleConnector, { ...base, account: account('search-console', SITE) });
      assert.equal(final.rows.map((x) => x.date).sort().at(-1), '2026-11-20');
      assert.ok(final.rows.every((x) => x.flags === undefined));
      const all = await fetchAll(searchConsoleConnector, { ...base, account: account('search-console', SITE, { settings: { gscDataState: 'all' } }) });
      assert.equal(all.rows.map((x) => x.date).sort().at(-1), '2026-11-22');
      assert.deepEqual(all.rows.filter((x) => x.flags?.partial).map((x) => x.date).sort(), ['2026-11-21', '2026-11-22']);
    });
  });

  test('wrong property form (URL-prefix vs sc-domain) → 403 SourceError with a hint', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'search-console', id: SITE });
      const r = routedFetch(f.routes);
      const e = await rejection(() => fetchAll(searchConsoleConnector, { account: account('search-console', 'https://www.example.com/'), from: '2026-11-01', to: '2026-11-02', credentials: { accessToken: 't' }, http: r.http }));
      assert.ok(e instanceof SourceError && e.status === 403 && !e.retryable);
      assert.match(e.message, /sc-domain/);
    });
  });

  test('quota errors wait 15 minutes: handed back, not slept inside the call', async () => {
    await withFakes(async (f) => {
      f.control.forceQuotaError('search-console', { scope: 'long-term' });
      const r = routedFetch(f.routes);
      const e = await rejection(() => fetchAll(searchConsoleConnector, { account: account('search-console', SITE), from: '2026-11-01', to: '2026-11-02', credentials: { accessToken: 't' }, http: r.http }));
      assert.ok(e instanceof QuotaError && e.retryAfterMs === 900_000 && e.errorCode === 'quotaExceeded');
      assert.equal(f.control.calls('search-console'), 1);
    });
  });

  test('expired token without a refresh token → AuthExpiredError', async () => {
    await withFakes(async (f) => {
      f.control.expireToken('old');
      const r = routedFetch(f.routes);
      const e = await rejection(() => fetchAll(searchConsoleConnector, { account: account('search-console', SITE), from: '2026-11-01', to: '2026-11-02', credentials: { accessToken: 'old' }, http: r.http }));
      assert.ok(e instanceof AuthExpiredError);
    });
  });

  test('the same API answers on searchconsole.googleapis.com', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const res = await r.http('https://searchconsole.googleapis.com/webmasters/v3/sites/sc-domain%3Aexample.com/searchAnalytics/query', { method: 'POST', headers: { Authorization: 'Bearer t' }, body: JSON.stringify({ startDate: '2020-01-01', endDate: '2020-01-02' }) });
      assert.deepEqual(await res.json(), { responseAggregationType: 'byProperty' });
    });
  });
});
