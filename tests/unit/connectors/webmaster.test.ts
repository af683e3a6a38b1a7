// Yandex Webmaster v4: each endpoint's format (hand-written payloads shaped as the docs show), then
// the connector against the fake API over HTTP (contract), errors and faults.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FaultInjector, FAULT_PROFILES } from '../../../sandbox/core/faults';
import { startFakeApis } from '../../../sandbox/fakes';
import { queryIdOf, WEBMASTER_DEMO_CALENDAR } from '../../../sandbox/fakes/yandex-webmaster';
import { AuthExpiredError, QuotaError, SourceError } from '../../../src/connectors/metrics/errors';
import { getConnector } from '../../../src/connectors/metrics';
import {
  listHosts,
  mapDiagnostics,
  mapQueryRows,
  mapSiteRows,
  presentProblems,
  rangeParams,
  sqiByDay,
  webmasterDay,
  webmasterDiagnostics,
  webmasterSiteHealth,
  yandexWebmasterConnector,
} from '../../../src/connectors/metrics/yandex-webmaster';
import { WmDiagnostics, WmIndicatorsHistory, WmInSearchHistory, WmPopular, WmQueryHistory, WmSqiHistory } from '../../../src/connectors/metrics/yandex-webmaster/schemas';
import { account, fetchAll, noSleep, rejection, routedFetch, withFakes } from './helpers';

const HOST = 'https:shop.example:443';
const acc = (extra = {}) => account('yandex-webmaster', HOST, extra);

describe('yandex-webmaster formats (payloads shaped as the docs show)', () => {
  test('datetimes: both spellings give the Moscow day as written', () => {
    assert.equal(webmasterDay('2016-01-01T00:00:00,000+0300'), '2016-01-01');
    assert.equal(webmasterDay('2019-07-18T00:00:00.000+03:00'), '2019-07-18');
    assert.equal(webmasterDay('2026-11-23'), '2026-11-23');
    assert.equal(webmasterDay('yesterday'), null);
  });

  test('request ranges are whole Moscow days as datetimes', () => {
    assert.deepEqual(rangeParams('2026-11-01', '2026-11-07'), [
      ['date_from', '2026-11-01T00:00:00+03:00'],
      ['date_to', '2026-11-07T23:59:59+03:00'],
    ]);
  });

  test('all/history + in-search + events + sqi → one account row per day', () => {
    const totals = WmIndicatorsHistory.parse({
      indicators: {
        TOTAL_SHOWS: [
          { date: '2026-11-01T00:00:00,000+0300', value: 1200 },
          { date: '2026-11-02T00:00:00,000+0300', value: 0 },
        ],
        TOTAL_CLICKS: [{ date: '2026-11-01T00:00:00,000+0300', value: 48 }],
        AVG_SHOW_POSITION: [
          { date: '2026-11-01T00:00:00,000+0300', value: 7.4 },
          { date: '2026-11-02T00:00:00,000+0300', value: 0 },
        ],
      },
    });
    const inSearch = WmInSearchHistory.parse({ history: [{ date: '2026-11-01T00:00:00,000+0300', value: 1530 }, { date: '2026-11-03T00:00:00,000+0300', value: 1490 }] });
    const events = WmIndicatorsHistory.parse({ indicators: { APPEARED_IN_SEARCH: [{ date: '2026-11-01T00:00:00,000+0300', value: 12 }], REMOVED_FROM_SEARCH: [{ date: '2026-11-01T00:00:00,000+0300', value: 9 }] } });
    const sqi = WmSqiHistory.parse({ points: [{ date: '2026-10-15T00:00:00,000+0300', value: 140 }] });
    const rows = mapSiteRows(HOST, HOST, ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'], { totals: totals.indicators, inSearch: inSearch.history, events: events.indicators, sqi: sqi.points });
    assert.deepEqual(
      rows.map((r) => [r.date, r.dimension.kind, r.impressions, r.clicks, r.ctr, r.avgPosition, r.pagesInSearch, r.pagesExcluded, r.sqi]),
      [
        ['2026-11-01', 'account', 1200, 48, 0.04, 7.4, 1530, 9, 140],
        // 0 shows: a real zero; position 0 means "not shown" → null; no CTR from 0 shows.
        ['2026-11-02', 'account', 0, null, null, null, null, null, 140],
        ['2026-11-03', 'account', null, null, null, null, 1490, null, 140],
        // Nothing but the carried-forward SQI: not a known day.
      ],
    );
    assert.ok(rows.every((r) => r.source === 'yandex-webmaster' && r.accountId === HOST && r.costMicros === null));
  });

  test('sqi points are carried forward from the latest recalculation; days before the first are unknown', () => {
    const m = sqiByDay([{ date: '2026-11-02T00:00:00,000+0300', value: 100 }, { date: '2026-11-04T00:00:00,000+0300', value: 90 }], ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
    assert.deepEqual([...m], [['2026-11-02', 100], ['2026-11-03', 100], ['2026-11-04', 90], ['2026-11-05', 90]]);
  });

  test('popular queries: indicators are numbers and an undefined one is omitted', () => {
    const p = WmPopular.parse({
      queries: [
        { query_id: 'a08b', query_text: 'купить диван', indicators: { TOTAL_SHOWS: 1.1e3, TOTAL_CLICKS: 20 } },
        { query_id: 17, query_text: 'диван недорого', indicators: { TOTAL_SHOWS: 300 } },
      ],
      date_from: '2026-11-01',
      date_to: '2026-11-07',
      count: 2,
    });
    assert.equal(p.queries[1]?.indicators.TOTAL_CLICKS, undefined);
    assert.equal(p.count, 2);
  });

  test('one query history: bare or wrapped in `queries`; days without shows give no row', () => {
    const body = { query_id: 'a08b', query_text: 'купить диван', indicators: { TOTAL_SHOWS: [{ date: '2019-07-18T00:00:00.000+03:00', value: 2.0 }, { date: '2019-07-19T00:00:00.000+03:00', value: 0 }], TOTAL_CLICKS: [{ date: '2019-07-18T00:00:00.000+03:00', value: 1 }], AVG_SHOW_POSITION: [{ date: '2019-07-18T00:00:00.000+03:00', value: 3.5 }] } };
    for (const payload of [body, { queries: [body] }]) {
      const h = WmQueryHistory.parse(payload);
      const item = 'queries' in h ? h.queries[0] : h;
      const rows = mapQueryRows(HOST, item?.query_text ?? '', item?.indicators ?? {}, '2019-07-18', '2019-07-19');
      assert.deepEqual(rows.map((r) => [r.date, r.dimension.kind, r.dimension.id, r.impressions, r.clicks, r.ctr, r.avgPosition]), [['2019-07-18', 'query', 'купить диван', 2, 1, 0.5, 3.5]]);
    }
  });

  test('diagnostics: problems keyed by type, sorted by severity; PRESENT ones are current', () => {
    const d = WmDiagnostics.parse({
      problems: {
        NO_SITEMAPS: { severity: 'RECOMMENDATION', state: 'PRESENT', last_state_update: '2016-01-01T00:00:00,000+0300' },
        DNS_ERROR: { severity: 'FATAL', state: 'ABSENT', last_state_update: '2026-11-05T00:00:00,000+0300' },
        SSL_CERTIFICATE_ERROR: { severity: 'CRITICAL', state: 'PRESENT', last_state_update: '2026-09-08T00:00:00,000+0300' },
        VYGODA_POSSIBLE_ACTIVATION: { severity: 'SOMETHING_NEW', state: 'NOT_APPLICABLE' },
      },
    });
    const problems = mapDiagnostics(d);
    assert.deepEqual(problems.map((p) => [p.type, p.severity, p.state, p.since]), [
      ['DNS_ERROR', 'FATAL', 'ABSENT', '2026-11-05'],
      ['SSL_CERTIFICATE_ERROR', 'CRITICAL', 'PRESENT', '2026-09-08'],
      ['NO_SITEMAPS', 'RECOMMENDATION', 'PRESENT', '2016-01-01'],
      ['VYGODA_POSSIBLE_ACTIVATION', 'UNKNOWN', 'NOT_APPLICABLE', null],
    ]);
    assert.deepEqual(presentProblems(problems).map((p) => p.type), ['SSL_CERTIFICATE_ERROR', 'NO_SITEMAPS']);
    assert.deepEqual(mapDiagnostics(WmDiagnostics.parse({})), []);
  });
});

describe('yandex-webmaster against the fake API (contract)', () => {
  test('registered in the connector registry as a gap-leaving source', () => {
    assert.equal(getConnector('yandex-webmaster'), yandexWebmasterConnector);
    assert.equal(yandexWebmasterConnector.missingDay, 'unknown');
  });

  test('OAuth header, user id in every path, account rows for the window and top-query rows', async () => {
    await withFakes(async (f) => {
      f.control.setToday('2026-11-23');
      f.control.registerAccount({ source: 'yandex-webmaster', id: HOST, startDate: '2024-01-01' });
      const r = routedFetch(f.routes);
      const out = await fetchAll(yandexWebmasterConnector, { account: acc({ settings: { webmasterQueryRows: 3 } }), from: '2026-11-01', to: '2026-11-23', credentials: { accessToken: 'y0_tok' }, http: r.http });
      assert.ok(r.headers.every((h) => h.authorization === 'OAuth y0_tok'));
      assert.equal(new URL(r.urls[0] ?? '').pathname, '/v4/user');
      assert.ok(r.urls.slice(1).every((u) => /\/v4\/user\/\d+\/hosts\/https%3Ashop\.example%3A443\//.test(u)), 'host id percent-encoded after the user id');
      const site = out.rows.filter((x) => x.dimension.kind === 'account');
      // Data of a day arrives the next day: 2026-11-23 itself is absent.
      assert.deepEqual([site[0]?.date, site.at(-1)?.date, site.length], ['2026-11-01', '2026-11-22', 22]);
      assert.ok(site.every((x) => (x.impressions ?? 0) > 0 && x.clicks !== null && x.ctr !== null && (x.avgPosition ?? 0) >= 1 && (x.pagesInSearch ?? 0) > 0 && x.pagesExcluded !== null && (x.sqi ?? 0) > 0));
      const queries = out.rows.filter((x) => x.dimension.kind === 'query');
      assert.equal(new Set(queries.map((x) => x.dimension.id)).size, 3);
      assert.ok(queries.every((x) => x.date >= '2026-11-01' && x.date <= '2026-11-22' && (x.impressions ?? 0) > 0));
      // The top query's own history adds up to less than the site's shows each day.
      for (const day of site) {
        const q = queries.filter((x) => x.date === day.date).reduce((s, x) => s + (x.impressions ?? 0), 0);
        assert.ok(q <= (day.impressions ?? 0));
      }
      assert.ok(r.urls.some((u) => u.includes('/search-queries/popular?order_by=TOTAL_SHOWS')));
      assert.ok(r.urls.some((u) => u.includes(`/search-queries/${queryIdOf('купити диван')}/history`)) || queries.length > 0);
      // 1 user + 4 site series + 1 popular page + 3 query histories.
      assert.equal(f.control.calls('yandex-webmaster'), 9);
    });
  });

  test('the demo calendar: pages drop, SQI drop, and a problem appearing and disappearing', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const req = { account: acc(), credentials: { accessToken: 'y0_tok' }, http: r.http, sleep: noSleep };
      const c = WEBMASTER_DEMO_CALENDAR;
      f.control.setToday('2026-10-25');
      const h = await webmasterSiteHealth(req, '2026-08-25', '2026-10-25');
      const before = h.pagesInSearch.find((p) => p.date === '2026-10-05')?.value ?? 0;
      const during = h.pagesInSearch.find((p) => p.date === c.pagesDrop.from)?.value ?? 0;
      const after = h.pagesInSearch.find((p) => p.date === '2026-10-20')?.value ?? 0;
      assert.ok(during < before * 0.6 && after > before * 0.95, `pages ${before} → ${during} → ${after}`);
      const sqi = h.sqi.map((p) => p.value);
      assert.ok(Math.min(...sqi) <= Math.max(...sqi) * 0.75);
      f.control.setToday('2026-09-10');
      assert.deepEqual(presentProblems(await webmasterDiagnostics(req)).map((p) => [p.type, p.severity]), [['SSL_CERTIFICATE_ERROR', 'CRITICAL'], ['DOCUMENTS_MISSING_DESCRIPTION', 'POSSIBLE_PROBLEM'], ['NO_SITEMAP_MODIFICATIONS', 'RECOMMENDATION']]);
      f.control.setToday('2026-09-25');
      const later = await webmasterDiagnostics(req);
      assert.equal(later.find((p) => p.type === 'SSL_CERTIFICATE_ERROR')?.state, 'ABSENT');
      assert.equal(later.find((p) => p.type === 'SSL_CERTIFICATE_ERROR')?.since, '2026-09-22');
    });
  });

  test('hosts list and checkAccess', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'yandex-webmaster', id: HOST, name: 'Shop' });
      const r = routedFetch(f.routes);
      const hosts = await listHosts({ account: acc(), credentials: { accessToken: 'y0_tok' }, http: r.http });
      assert.deepEqual(hosts.map((h) => [h.host_id, h.ascii_host_url, h.verified]), [[HOST, 'https://shop.example/', true]]);
      const info = await yandexWebmasterConnector.checkAccess?.({ account: acc(), credentials: { accessToken: 'y0_tok' }, http: r.http });
      assert.deepEqual(info, { accountId: HOST, name: 'Shop', timeZone: 'Europe/Moscow', currency: null });
    });
  });

  test('an expired token is refreshed once through oauth.yandex.ru; without a refresh token it is AuthExpiredError', async () => {
    await withFakes(async (f) => {
      f.control.setToday('2026-11-10');
      f.control.expireToken('old');
      const r = routedFetch(f.routes);
      const refreshed: string[] = [];
      const out = await fetchAll(yandexWebmasterConnector, {
        account: acc({ settings: { webmasterQueryRows: 0 } }),
        from: '2026-11-01',
        to: '2026-11-05',
        credentials: { accessToken: 'old', refreshToken: 'r1', clientId: 'cid', clientSecret: 'sec' },
        http: r.http,
        onTokenRefreshed: (t) => void refreshed.push(t.accessToken),
      });
      assert.equal(refreshed.length, 1);
      assert.equal(out.rows.length, 5);
      const e = await rejection(() => fetchAll(yandexWebmasterConnector, { account: acc(), from: '2026-11-01', to: '2026-11-02', credentials: { accessToken: 'old' }, http: r.http }));
      assert.ok(e instanceof AuthExpiredError && e.reason === 'expired');
      assert.ok(!e.message.includes('old'), 'the token never appears in messages');
    });
  });

  test('429 with Retry-After and 5xx are retried inside the call; a spent quota comes back as QuotaError', async () => {
    const faults = new FaultInjector(FAULT_PROFILES.clean);
    const f = await startFakeApis({ seed: 3, faults });
    try {
      f.control.setToday('2026-11-10');
      const r = routedFetch(f.routes);
      const slept: number[] = [];
      faults.force((_m, p) => p.includes('/search-urls/in-search/history'), { kind: 'rate-limit', delayMs: 0, retryAfterSeconds: 2 });
      faults.force((_m, p) => p.includes('/sqi-history'), { kind: 'unavailable', delayMs: 0, status: 503 });
      const out = await fetchAll(yandexWebmasterConnector, { account: acc({ settings: { webmasterQueryRows: 0 } }), from: '2026-11-01', to: '2026-11-05', credentials: { accessToken: 'tok' }, http: r.http, sleep: async (ms) => void slept.push(ms) });
      assert.equal(out.rows.length, 5);
      assert.equal(slept.length, 2);
      assert.ok((slept[0] ?? 0) >= 2000, 'Retry-After honoured');
      f.control.forceQuotaError('yandex-webmaster', { scope: 'long-term', times: 10 });
      const e = await rejection(() => fetchAll(yandexWebmasterConnector, { account: acc(), from: '2026-11-01', to: '2026-11-02', credentials: { accessToken: 'tok' }, http: r.http }));
      assert.ok(e instanceof QuotaError && e.errorCode === 'QUOTA_EXCEEDED');
    } finally {
      await f.close();
    }
  });

  test('a wrong user id and an unknown resource are configuration errors, not retried', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const res = await r.http('https://api.webmaster.yandex.net/v4/user/1/hosts', { headers: { Authorization: 'OAuth tok' } });
      const body = (await res.json()) as { error_code: string; available_user_id: number };
      assert.equal(res.status, 403);
      assert.equal(body.error_code, 'INVALID_USER_ID');
      assert.ok(body.available_user_id > 1);
      const e = await rejection(() => fetchAll(yandexWebmasterConnector, { account: account('yandex-webmaster', 'not-a-host-id'), from: '2026-11-01', to: '2026-11-02', credentials: { accessToken: 'tok' }, http: r.http }));
      assert.ok(e instanceof SourceError && !e.retryable && e.errorCode === 'INVALID_HOST_ID');
    });
  });
});
