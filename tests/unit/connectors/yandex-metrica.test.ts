import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mapMetricaRows, yandexMetricaConnector } from '../../../src/connectors/metrics/yandex-metrica';
import { AuthExpiredError, QuotaError } from '../../../src/connectors/metrics/errors';
import { account, fetchAll, rejection, routedFetch, withFakes } from './helpers';

const COUNTER = '44147844';

describe('yandex-metrica parser (hand-written payloads)', () => {
  const payload = {
    data: [
      { dimensions: [{ name: '2026-11-20' }, { id: 'organic', name: 'Search engine traffic', icon_id: '2', icon_type: 'traffic-source' }], metrics: [120.0, 98.0, 4.0] },
      { dimensions: [{ name: '2026-11-20' }, { id: 'direct', name: 'Direct traffic' }], metrics: [40.0, 37.0, 0.0] },
      { dimensions: [{ name: '2026-11-21' }, { id: 'ad', name: 'Ad traffic' }], metrics: [null, null, null] },
    ],
    total_rows: 3,
    total_rows_rounded: false,
    sampled: false,
    sample_share: 1.0,
  };

  test('organic is keyed by the source id, not the localised name; goal reaches become conversions', () => {
    const rows = mapMetricaRows(payload, COUNTER, ['123456']);
    assert.deepEqual(rows.map((r) => [r.dimension.id, r.sessions, r.organicSessions, r.users, r.conversions]), [
      ['organic', 120, 120, 98, 4],
      ['direct', 40, 0, 37, 0],
      ['ad', null, null, null, null],
    ]);
    assert.deepEqual(rows[0]?.goalReaches, { '123456': 4 });
    assert.equal(rows[0]?.flags, undefined);
  });

  test('no goals configured → conversions null (no data), not 0', () => {
    const rows = mapMetricaRows({ ...payload, data: [{ dimensions: [{ name: '2026-11-20' }, { id: 'organic', name: 'x' }], metrics: [1, 1] }] }, COUNTER, []);
    assert.equal(rows[0]?.conversions, null);
  });

  test('sampled responses flag every row with the sample share', () => {
    const rows = mapMetricaRows({ ...payload, sampled: true, sample_share: 0.1 }, COUNTER, ['123456']);
    assert.ok(rows.every((r) => r.flags?.sampled === true && r.flags.sampleShare === 0.1));
  });
});

describe('yandex-metrica against the fake API', () => {
  test('OAuth header, date × traffic source rows, 1-based offset paging, deterministic', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const req = { account: account('yandex-metrica', COUNTER, { settings: { goalIds: ['123456'] } }), from: '2026-11-01', to: '2026-11-10', credentials: { accessToken: 'y0_m' }, http: r.http, pageSize: 20 };
      const a = await fetchAll(yandexMetricaConnector, req);
      const b = await fetchAll(yandexMetricaConnector, req);
      assert.deepEqual(a.rows, b.rows);
      assert.equal(r.headers[0]?.authorization, 'OAuth y0_m');
      const offsets = r.urls.slice(0, r.urls.length / 2).map((u) => new URL(u).searchParams.get('offset'));
      assert.deepEqual(offsets, ['1', '21', '41', '61']);
      assert.equal(a.rows.length, 70); // 10 days × 7 sources
      const organic = a.rows.filter((x) => x.dimension.id === 'organic');
      assert.equal(organic.length, 10);
      assert.ok(organic.every((x) => x.organicSessions === x.sessions && (x.sessions ?? 0) > 0));
      assert.ok(a.rows.filter((x) => x.dimension.id !== 'organic').every((x) => x.organicSessions === 0));
      assert.ok(a.rows.every((x) => typeof x.conversions === 'number' && x.flags === undefined));
      const q = new URL(r.urls[0] ?? '').searchParams;
      assert.equal(q.get('dimensions'), 'ym:s:date,ym:s:lastsignTrafficSource');
      assert.equal(q.get('accuracy'), 'full');
    });
  });

  test('long ranges are split into quarter windows (less sampling)', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const out = await fetchAll(yandexMetricaConnector, { account: account('yandex-metrica', COUNTER), from: '2025-11-01', to: '2026-11-30', credentials: { accessToken: 't' }, http: r.http });
      assert.equal(f.control.calls('yandex-metrica'), 5);
      const dates = new Set(out.rows.map((x) => x.date));
      assert.equal(dates.size, 395);
    });
  });

  test('sampling: huge counters stay sampled even with accuracy=full → rows flagged; long ranges without full are sampled', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'yandex-metrica', id: '999', scale: 25 });
      const r = routedFetch(f.routes);
      const out = await fetchAll(yandexMetricaConnector, { account: account('yandex-metrica', '999'), from: '2026-11-01', to: '2026-11-05', credentials: { accessToken: 't' }, http: r.http });
      assert.ok(out.rows.length > 0 && out.rows.every((x) => x.flags?.sampled === true && x.flags.sampleShare === 0.1));
      const res = await r.http(`https://api-metrika.yandex.net/stat/v1/data?ids=${COUNTER}&metrics=ym:s:visits&dimensions=ym:s:date&date1=2026-01-01&date2=2026-11-30`, { headers: { Authorization: 'OAuth t' } });
      const body = (await res.json()) as { sampled: boolean; sample_share: number };
      assert.equal(body.sampled, true);
      assert.ok(body.sample_share < 1);
    });
  });

  test('Bearer is not the Metrica scheme; mixing ym:s: and ym:pv: is a query_error', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const bearerRes = await r.http(`https://api-metrika.yandex.net/stat/v1/data?ids=${COUNTER}&metrics=ym:s:visits`, { headers: { Authorization: 'Bearer t' } });
      assert.equal(bearerRes.status, 401);
      const mixed = await r.http(`https://api-metrika.yandex.net/stat/v1/data?ids=${COUNTER}&metrics=ym:s:visits,ym:pv:pageviews`, { headers: { Authorization: 'OAuth t' } });
      assert.equal(mixed.status, 400);
      assert.equal(((await mixed.json()) as { errors: Array<{ error_type: string }> }).errors[0]?.error_type, 'query_error');
    });
  });

  test('401 → one refresh via oauth.yandex.ru; without a refresh token → AuthExpiredError', async () => {
    await withFakes(async (f) => {
      f.control.expireToken('old');
      const r = routedFetch(f.routes);
      const base = { account: account('yandex-metrica', COUNTER), from: '2026-11-01', to: '2026-11-02', http: r.http };
      const ok = await fetchAll(yandexMetricaConnector, { ...base, credentials: { accessToken: 'old', refreshToken: 'rt', clientId: 'c', clientSecret: 's' } });
      assert.ok(ok.rows.length > 0);
      assert.equal(f.control.calls('yandex-oauth'), 1);
      const e = await rejection(() => fetchAll(yandexMetricaConnector, { ...base, credentials: { accessToken: 'old' } }));
      assert.ok(e instanceof AuthExpiredError && !e.message.includes('old '));
    });
  });

  test('parallel quota (429) is retried; daily quota waits for 00:00 GMT (long-term)', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const base = { account: account('yandex-metrica', COUNTER), from: '2026-11-01', to: '2026-11-02', credentials: { accessToken: 't' }, http: r.http };
      f.control.forceQuotaError('yandex-metrica', { times: 1 });
      assert.ok((await fetchAll(yandexMetricaConnector, base)).rows.length > 0);
      f.control.forceQuotaError('yandex-metrica', { scope: 'long-term' });
      const e = await rejection(() => fetchAll(yandexMetricaConnector, base));
      assert.ok(e instanceof QuotaError && e.scope === 'long-term');
      assert.ok(e.retryAfterMs > 0 && e.retryAfterMs <= 86_400_000);
    });
  });
});
