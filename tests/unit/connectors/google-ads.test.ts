import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { googleAdsConnector, mapAdsRow, unwrapErrorBody, adsError } from '../../../src/connectors/metrics/google-ads';
import { GOOGLE_ADS_API_VERSION, dailyCampaignQuery } from '../../../src/connectors/metrics/google-ads/constants';
import { AuthExpiredError, QuotaError, SourceError } from '../../../src/connectors/metrics/errors';
import { SourceSession } from '../../../src/connectors/metrics/shared/session';
import { splitJsonArray } from '../../../src/connectors/metrics/shared/json-stream';
import { account, fetchAll, noSleep, rejection, routedFetch, withFakes } from './helpers';

const CID = '1234567890';

describe('google-ads parser (hand-written payloads)', () => {
  test('int64 strings, fractional conversions, ctr fraction, costMicros kept as string', () => {
    const row = mapAdsRow(
      {
        campaign: { id: '111', name: 'Brand RU' },
        metrics: { impressions: '820', clicks: '41', costMicros: '16400000', conversions: 2.5, ctr: 0.05, averageCpc: 400000.0 },
        segments: { date: '2026-11-20' },
      },
      CID,
      'USD',
    );
    assert.deepEqual(
      { i: row?.impressions, c: row?.clicks, cost: row?.costMicros, conv: row?.conversions, ctr: row?.ctr, cur: row?.currency, dim: row?.dimension },
      { i: 820, c: 41, cost: '16400000', conv: 2.5, ctr: 0.05, cur: 'USD', dim: { kind: 'campaign', id: '111', name: 'Brand RU' } },
    );
  });

  test('absent metrics default to zero (proto3 JSON drops zero fields); ctr null with 0 impressions', () => {
    const row = mapAdsRow({ campaign: { id: '222' }, metrics: {}, segments: { date: '2026-11-20' } }, CID, null);
    assert.equal(row?.impressions, 0);
    assert.equal(row?.costMicros, '0');
    assert.equal(row?.conversions, 0);
    assert.equal(row?.ctr, null);
  });

  test('cost_micros beyond 2^53 stays exact', () => {
    const row = mapAdsRow({ campaign: { id: '1' }, metrics: { costMicros: '9007199254740993123' }, segments: { date: '2026-11-20' } }, CID, null);
    assert.equal(row?.costMicros, '9007199254740993123');
  });

  test('error body wrapped in an array (searchStream) and plain are both read', () => {
    const inner = { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'x', details: [{ '@type': 't', errors: [{ errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, message: 'Retry in 30 seconds.', details: { quotaErrorDetails: { retryDelay: '30s' } } }] }] } };
    assert.ok(unwrapErrorBody([inner]));
    assert.ok(unwrapErrorBody(inner));
    const s = new SourceSession({ source: 'google-ads', account: account('google-ads', CID), credentials: { accessToken: 'tok' }, http: fetch });
    const e = adsError(s, 429, [inner]);
    assert.ok(e instanceof QuotaError);
    assert.equal(e.retryAfterMs, 30_000);
    assert.equal(e.scope, 'short-term');
  });

  test('403 actionable code comes from details, not the useless top-level message', () => {
    const s = new SourceSession({ source: 'google-ads', account: account('google-ads', CID), credentials: { accessToken: 'tok' }, http: fetch });
    const e = adsError(s, 403, { error: { code: 403, status: 'PERMISSION_DENIED', message: 'The caller does not have permission', details: [{ errors: [{ errorCode: { authorizationError: 'CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION' }, message: 'Project not approved' }] }] } });
    assert.ok(e instanceof SourceError);
    assert.equal(e.errorCode, 'authorizationError.CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION');
    assert.equal(e.retryable, false);
  });

  test('searchStream splitter yields batches across arbitrary chunk splits', async () => {
    const text = JSON.stringify([{ results: [{ campaign: { name: 'a "quoted" } ] name' } }] }, { fieldMask: 'x' }]);
    const enc = new TextEncoder().encode(text);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < enc.length; i += 3) yield enc.slice(i, i + 3);
    }
    const out: unknown[] = [];
    for await (const t of splitJsonArray('google-ads', chunks())) out.push(JSON.parse(t));
    assert.equal(out.length, 2);
    assert.deepEqual(out[1], { fieldMask: 'x' });
  });

  test('the GAQL uses BETWEEN with explicit dates and the version lives in one constant', () => {
    assert.match(dailyCampaignQuery('2026-11-16', '2026-11-22'), /segments\.date BETWEEN '2026-11-16' AND '2026-11-22'/);
    assert.match(GOOGLE_ADS_API_VERSION, /^v\d+$/);
  });
});

describe('google-ads against the fake API', () => {
  test('daily campaign rows: headers, int64 strings parsed, deterministic, realistic magnitudes', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'google-ads', id: CID, currency: 'USD', startDate: '2026-01-01', loginCustomerId: '9999999999' });
      const r = routedFetch(f.routes);
      const req = { account: account('google-ads', '123-456-7890', { settings: { loginCustomerId: '999-999-9999' } }), from: '2026-11-01', to: '2026-11-30', credentials: { accessToken: 'at-1', developerToken: 'dev-token-22-chars-xx' }, http: r.http };
      const a = await fetchAll(googleAdsConnector, req);
      const b = await fetchAll(googleAdsConnector, req);
      assert.deepEqual(a.rows, b.rows);
      assert.ok(a.rows.length > 60, `rows: ${a.rows.length}`);
      assert.equal(r.headers[0]?.['login-customer-id'], '9999999999');
      assert.equal(r.headers[0]?.['developer-token'], 'dev-token-22-chars-xx');
      assert.match(r.urls[0] ?? '', new RegExp(`/${GOOGLE_ADS_API_VERSION}/customers/1234567890/googleAds:searchStream$`));
      for (const row of a.rows) {
        assert.equal(row.currency, 'USD');
        assert.match(row.costMicros ?? '', /^\d+$/);
        assert.ok(row.date >= '2026-11-01' && row.date <= '2026-11-30');
      }
      // Per-day account spend lands in 20–300 USD (scaled by weekday, campaigns may pause).
      const perDay = new Map<string, bigint>();
      for (const row of a.rows) perDay.set(row.date, (perDay.get(row.date) ?? 0n) + BigInt(row.costMicros ?? '0'));
      for (const v of perDay.values()) assert.ok(v < 400_000_000n, `spend ${v}`);
      const ctrs = a.rows.filter((x) => (x.clicks ?? 0) > 0).map((x) => x.ctr ?? 0);
      assert.ok(ctrs.every((c) => c > 0.005 && c < 0.1));
    });
  });

  test('zero-row result (no `results` key) yields nothing and does not fail', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'google-ads', id: CID, startDate: '2026-06-01' });
      const r = routedFetch(f.routes);
      const out = await fetchAll(googleAdsConnector, { account: account('google-ads', CID), from: '2026-01-01', to: '2026-01-31', credentials: { accessToken: 'at' }, http: r.http });
      assert.equal(out.rows.length, 0);
    });
  });

  test('more than 10,000 rows arrive as several searchStream batches, yielded one by one', async () => {
    await withFakes(async (f) => {
      const campaigns = Array.from({ length: 60 }, (_, i) => ({ id: String(1000 + i), name: `C${i}` }));
      f.control.registerAccount({ source: 'google-ads', id: CID, campaigns, startDate: '2025-01-01' });
      const r = routedFetch(f.routes);
      const out = await fetchAll(googleAdsConnector, { account: account('google-ads', CID), from: '2025-06-01', to: '2025-12-31', credentials: { accessToken: 'at' }, http: r.http });
      assert.ok(out.rows.length > 10_000);
      assert.ok(out.batches >= 2);
      assert.equal(f.control.calls('google-ads'), 1);
    });
  });

  test('expired access token: refresh once through oauth2.googleapis.com and retry once', async () => {
    await withFakes(async (f) => {
      f.control.expireToken('old-token');
      const r = routedFetch(f.routes);
      const refreshed: string[] = [];
      const out = await fetchAll(googleAdsConnector, {
        account: account('google-ads', CID),
        from: '2026-11-01',
        to: '2026-11-03',
        credentials: { accessToken: 'old-token', refreshToken: 'rt-1', clientId: 'cid', clientSecret: 'cs' },
        http: r.http,
        onTokenRefreshed: (t) => {
          refreshed.push(t.accessToken);
        },
      });
      assert.ok(out.rows.length > 0);
      assert.equal(refreshed.length, 1);
      assert.equal(f.control.calls('google-oauth'), 1);
      assert.ok(r.urls.some((u) => u === 'https://oauth2.googleapis.com/token'));
    });
  });

  test('a token about to expire is refreshed before the call', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      await fetchAll(googleAdsConnector, {
        account: account('google-ads', CID), from: '2026-11-01', to: '2026-11-01', http: r.http,
        credentials: { accessToken: 'soon', accessTokenExpiresAt: Date.now() + 60_000, refreshToken: 'rt', clientId: 'c', clientSecret: 's' },
      });
      assert.equal(f.control.calls('google-oauth'), 1);
      assert.equal(f.control.calls('google-ads'), 1);
    });
  });

  test('revoked refresh token → AuthExpiredError naming the connection, without the token', async () => {
    await withFakes(async (f) => {
      f.control.expireToken('old-token');
      f.control.revokeToken('dead-refresh-token');
      const r = routedFetch(f.routes);
      const e = await rejection(() => fetchAll(googleAdsConnector, {
        account: account('google-ads', CID, { connectionId: 'conn-42' }), from: '2026-11-01', to: '2026-11-02', http: r.http,
        credentials: { accessToken: 'old-token', refreshToken: 'dead-refresh-token', clientId: 'c', clientSecret: 'secret-value' },
      }));
      assert.ok(e instanceof AuthExpiredError);
      assert.equal(e.connectionId, 'conn-42');
      assert.equal(e.reason, 'revoked');
      const text = `${e.message} ${JSON.stringify(e.toBody())}`;
      for (const secret of ['old-token', 'dead-refresh-token', 'secret-value']) assert.ok(!text.includes(secret));
      assert.match(e.message, /conn-42/);
    });
  });

  test('revoked access token without refresh → AuthExpiredError(revoked)', async () => {
    await withFakes(async (f) => {
      f.control.revokeToken('tok');
      const r = routedFetch(f.routes);
      const e = await rejection(() => fetchAll(googleAdsConnector, { account: account('google-ads', CID), from: '2026-11-01', to: '2026-11-02', http: r.http, credentials: { accessToken: 'tok' } }));
      assert.ok(e instanceof AuthExpiredError && e.reason === 'revoked');
    });
  });

  test('short-term quota (429 RESOURCE_TEMPORARILY_EXHAUSTED, wrapped in an array) is retried honouring retryDelay', async () => {
    await withFakes(async (f) => {
      f.control.forceQuotaError('google-ads', { times: 2 });
      const r = routedFetch(f.routes);
      const waits: number[] = [];
      const out = await fetchAll(googleAdsConnector, {
        account: account('google-ads', CID), from: '2026-11-01', to: '2026-11-02', http: r.http, credentials: { accessToken: 'tok' },
        sleep: async (ms) => {
          waits.push(ms);
        },
      });
      assert.ok(out.rows.length > 0);
      assert.equal(waits.length, 2);
      assert.ok(waits.every((w) => w >= 1000 && w <= 1100), String(waits));
    });
  });

  test('daily quota (RESOURCE_EXHAUSTED) is not retried: QuotaError long-term', async () => {
    await withFakes(async (f) => {
      f.control.forceQuotaError('google-ads', { scope: 'long-term' });
      const r = routedFetch(f.routes);
      const e = await rejection(() => fetchAll(googleAdsConnector, { account: account('google-ads', CID), from: '2026-11-01', to: '2026-11-02', http: r.http, credentials: { accessToken: 'tok' } }));
      assert.ok(e instanceof QuotaError);
      assert.equal(e.scope, 'long-term');
      assert.equal(f.control.calls('google-ads'), 1);
    });
  });

  test('missing login-customer-id for a managed account → USER_PERMISSION_DENIED, not retried', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'google-ads', id: CID, loginCustomerId: '9999999999' });
      const r = routedFetch(f.routes);
      const e = await rejection(() => fetchAll(googleAdsConnector, { account: account('google-ads', CID), from: '2026-11-01', to: '2026-11-02', http: r.http, credentials: { accessToken: 'tok' } }));
      assert.ok(e instanceof SourceError);
      assert.equal(e.errorCode, 'authorizationError.USER_PERMISSION_DENIED');
      assert.equal(f.control.calls('google-ads'), 1);
    });
  });

  test('a sunset version answers an HTML 404: detected, not a JSON crash', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const res = await r.http('https://googleads.googleapis.com/v19/customers/1234567890/googleAds:searchStream', { method: 'POST', headers: { Authorization: 'Bearer t' }, body: '{}' });
      assert.equal(res.status, 404);
      assert.match(await res.text(), /<!DOCTYPE html>/);
      const { readJson } = await import('../../../src/connectors/metrics/http');
      const res2 = await r.http('https://googleads.googleapis.com/v19/customers/1234567890/googleAds:search', { method: 'POST', headers: { Authorization: 'Bearer t' }, body: '{}' });
      const e = await rejection(() => readJson('google-ads', res2));
      assert.ok(e instanceof SourceError && e.errorCode === 'NON_JSON_RESPONSE');
    });
  });

  test('injected 5xx is retried with backoff', async () => {
    await withFakes(async (f) => {
      const { FaultInjector } = await import('../../../sandbox/core/faults');
      void FaultInjector;
      const r = routedFetch(f.routes);
      let calls = 0;
      const flaky: typeof r.http = async (url, init) => {
        calls++;
        if (calls === 1) return new Response(JSON.stringify([{ error: { code: 503, status: 'UNAVAILABLE', message: 'unavailable' } }]), { status: 503 });
        return r.http(url, init);
      };
      const out = await fetchAll(googleAdsConnector, { account: account('google-ads', CID), from: '2026-11-01', to: '2026-11-01', http: flaky, credentials: { accessToken: 'tok' }, sleep: noSleep });
      assert.ok(out.rows.length > 0);
      assert.equal(calls, 2);
    });
  });

  test('checkAccess and accountBalance (approved budget minus served)', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'google-ads', id: CID, currency: 'EUR', timeZone: 'Europe/Berlin', startDate: '2026-11-01', budgetLimitMicros: '5000000000' });
      f.control.setToday('2026-11-05');
      const r = routedFetch(f.routes);
      const info = await googleAdsConnector.checkAccess?.({ account: account('google-ads', CID), credentials: { accessToken: 't' }, http: r.http });
      assert.deepEqual({ tz: info?.timeZone, cur: info?.currency }, { tz: 'Europe/Berlin', cur: 'EUR' });
      const bal = await googleAdsConnector.accountBalance?.({ account: account('google-ads', CID), credentials: { accessToken: 't' }, http: r.http });
      assert.equal(bal?.currency, 'EUR');
      assert.ok(bal?.amountMicros !== null && BigInt(bal?.amountMicros ?? '0') < 5_000_000_000n);
      f.control.registerAccount({ source: 'google-ads', id: '1111111111' });
      const card = await googleAdsConnector.accountBalance?.({ account: account('google-ads', '1111111111'), credentials: { accessToken: 't' }, http: r.http });
      assert.equal(card?.amountMicros, null);
    });
  });
});
