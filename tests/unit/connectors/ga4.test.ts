import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ga4Connector, mapGa4Report } from '../../../src/connectors/metrics/ga4';
import { AuthExpiredError, QuotaError } from '../../../src/connectors/metrics/errors';
import { account, fetchAll, rejection, routedFetch, withFakes } from './helpers';

const PROP = '312345678';

describe('ga4 parser (hand-written payloads)', () => {
  const headers = {
    dimensionHeaders: [{ name: 'date' }, { name: 'sessionDefaultChannelGroup' }],
    metricHeaders: [{ name: 'sessions', type: 'TYPE_INTEGER' }, { name: 'totalUsers', type: 'TYPE_INTEGER' }, { name: 'keyEvents', type: 'TYPE_FLOAT' }],
  };

  test('string values, YYYYMMDD dates, organic channel, fractional key events', () => {
    const { rows } = mapGa4Report({
      ...headers,
      rows: [
        { dimensionValues: [{ value: '20261120' }, { value: 'Organic Search' }], metricValues: [{ value: '84' }, { value: '71' }, { value: '3.5' }] },
        { dimensionValues: [{ value: '20261120' }, { value: 'Direct' }], metricValues: [{ value: '21' }, { value: '20' }, { value: '0' }] },
        { dimensionValues: [{ value: '20261121' }, { value: '(not set)' }], metricValues: [{ value: '2' }, { value: '2' }, { value: '0' }] },
      ],
      rowCount: 3,
    }, PROP);
    assert.deepEqual(rows.map((r) => [r.date, r.dimension.id, r.sessions, r.organicSessions, r.users, r.conversions]), [
      ['2026-11-20', 'Organic Search', 84, 84, 71, 3.5],
      ['2026-11-20', 'Direct', 21, 0, 20, 0],
      ['2026-11-21', '(not set)', 2, 0, 2, 0],
    ]);
  });

  test('no data: rowCount without `rows` key → no rows', () => {
    assert.deepEqual(mapGa4Report({ ...headers, rowCount: 0, metadata: { currencyCode: 'USD', timeZone: 'Europe/Kyiv' } }, PROP).rows, []);
  });

  test('metrics are read by header name, not position', () => {
    const { rows } = mapGa4Report({
      dimensionHeaders: [{ name: 'sessionDefaultChannelGroup' }, { name: 'date' }],
      metricHeaders: [{ name: 'keyEvents' }, { name: 'sessions' }],
      rows: [{ dimensionValues: [{ value: 'Referral' }, { value: '20261120' }], metricValues: [{ value: '1' }, { value: '9' }] }],
    }, PROP);
    assert.deepEqual([rows[0]?.sessions, rows[0]?.conversions, rows[0]?.users], [9, 1, null]);
  });

  test('(other) rows, dataLossFromOtherRow, thresholding and sampling become flags; undated (other) rows are counted', () => {
    const m = mapGa4Report({
      ...headers,
      rows: [
        { dimensionValues: [{ value: '20261120' }, { value: '(other)' }], metricValues: [{ value: '5' }, { value: '5' }, { value: '0' }] },
        { dimensionValues: [{ value: '(other)' }, { value: '(other)' }], metricValues: [{ value: '7' }, { value: '7' }, { value: '0' }] },
        { dimensionValues: [{ value: '20261120' }, { value: 'Direct' }], metricValues: [{ value: '5' }, { value: '5' }, { value: '0' }] },
      ],
      metadata: { dataLossFromOtherRow: true, samplingMetadatas: [{ samplesReadCount: '1000', samplingSpaceSize: '4000' }] },
    }, PROP);
    assert.equal(m.undated, 1);
    assert.equal(m.rows.length, 2);
    assert.ok(m.rows.every((r) => r.flags?.dataLoss === true && r.flags.sampled === true && r.flags.sampleShare === 0.25));
    const t = mapGa4Report({ ...headers, rows: [{ dimensionValues: [{ value: '20261120' }, { value: 'Direct' }], metricValues: [{ value: '1' }, { value: '1' }, { value: '0' }] }], metadata: { subjectToThresholding: true } }, PROP);
    assert.equal(t.rows[0]?.flags?.dataLoss, true);
  });
});

describe('ga4 against the fake API', () => {
  test('paging by rowCount with offset/limit, ordered rows, deterministic', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const req = { account: account('ga4', `properties/${PROP}`), from: '2026-10-01', to: '2026-10-30', credentials: { accessToken: 'ya29.t' }, http: r.http, pageSize: 50 };
      const a = await fetchAll(ga4Connector, req);
      const b = await fetchAll(ga4Connector, req);
      assert.deepEqual(a.rows, b.rows);
      assert.equal(a.rows.length, 210);
      assert.equal(f.control.calls('ga4'), 10);
      const bodies = r.urls.length;
      assert.equal(bodies, 10);
      assert.ok(a.rows.every((x, i) => i === 0 || (a.rows[i - 1]?.date ?? '') <= x.date), 'ordered by date');
      assert.ok(a.rows.filter((x) => x.dimension.id === 'Organic Search').every((x) => x.organicSessions === x.sessions));
      assert.ok(a.rows.every((x) => Number.isInteger(x.sessions) && Number.isInteger(x.users)));
    });
  });

  test('long ranges fold small channels into (other), flagged as data loss', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const out = await fetchAll(ga4Connector, { account: account('ga4', PROP), from: '2025-10-01', to: '2026-10-31', credentials: { accessToken: 't' }, http: r.http });
      const other = out.rows.filter((x) => x.dimension.id === '(other)');
      assert.ok(other.length > 300);
      assert.ok(out.rows.every((x) => x.flags?.dataLoss === true));
    });
  });

  test('zero rows (no `rows` key) before the property has data', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'ga4', id: PROP, startDate: '2026-06-01' });
      const r = routedFetch(f.routes);
      const out = await fetchAll(ga4Connector, { account: account('ga4', PROP), from: '2026-01-01', to: '2026-01-31', credentials: { accessToken: 't' }, http: r.http });
      assert.equal(out.rows.length, 0);
    });
  });

  test('401 → refresh once via Google OAuth; invalid_client → AuthExpiredError(invalid)', async () => {
    await withFakes(async (f) => {
      f.control.expireToken('old');
      const r = routedFetch(f.routes);
      const base = { account: account('ga4', PROP), from: '2026-11-01', to: '2026-11-02', http: r.http };
      const ok = await fetchAll(ga4Connector, { ...base, credentials: { accessToken: 'old', refreshToken: 'rt', clientId: 'c', clientSecret: 's' } });
      assert.ok(ok.rows.length > 0);
      const e = await rejection(() => fetchAll(ga4Connector, { ...base, credentials: { accessToken: 'old', refreshToken: 'rt', clientId: 'c', clientSecret: 'wrong-secret' } }));
      assert.ok(e instanceof AuthExpiredError && e.reason === 'invalid');
      assert.ok(!e.message.includes('wrong-secret'));
    });
  });

  test('concurrent quota is retried; daily token quota is long-term', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const base = { account: account('ga4', PROP), from: '2026-11-01', to: '2026-11-02', credentials: { accessToken: 't' }, http: r.http };
      f.control.forceQuotaError('ga4');
      assert.ok((await fetchAll(ga4Connector, base)).rows.length > 0);
      f.control.forceQuotaError('ga4', { scope: 'long-term' });
      const e = await rejection(() => fetchAll(ga4Connector, base));
      assert.ok(e instanceof QuotaError && e.scope === 'long-term' && e.errorCode === 'RESOURCE_EXHAUSTED.daily');
    });
  });

  test('an invalid metric (keyEvent) is a 400 that fails fast', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const res = await r.http(`https://analyticsdata.googleapis.com/v1beta/properties/${PROP}:runReport`, { method: 'POST', headers: { Authorization: 'Bearer t' }, body: JSON.stringify({ metrics: [{ name: 'keyEvent' }] }) });
      assert.equal(res.status, 400);
    });
  });

  test('checkAccess reads the property time zone and currency from metadata', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'ga4', id: PROP, timeZone: 'Europe/Moscow', currency: 'RUB' });
      const r = routedFetch(f.routes);
      const info = await ga4Connector.checkAccess?.({ account: account('ga4', PROP), credentials: { accessToken: 't' }, http: r.http });
      assert.deepEqual([info?.timeZone, info?.currency], ['Europe/Moscow', 'RUB']);
    });
  });
});
