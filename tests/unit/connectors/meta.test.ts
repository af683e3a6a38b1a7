import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isSyncTimeout, mapMetaRow, metaConnector, metaError, readUsage } from '../../../src/connectors/metrics/meta';
import { AuthExpiredError, QuotaError, ReportNotReadyError, SourceError } from '../../../src/connectors/metrics/errors';
import { SourceSession } from '../../../src/connectors/metrics/shared/session';
import { account, fetchAll, rejection, routedFetch, withFakes } from './helpers';

const ACT = 'act_123456789';
const s = new SourceSession({ source: 'meta', account: account('meta', ACT), credentials: { accessToken: 'EAAsecret' }, http: fetch });

describe('meta parser (hand-written payloads)', () => {
  test('strings everywhere, spend decimal → micros, ctr percent → fraction, actions missing → 0', () => {
    const a = mapMetaRow({
      campaign_id: '120210000000000001', campaign_name: 'Leads | RU', account_currency: 'RUB', spend: '1540.27', impressions: '10234', clicks: '187', ctr: '1.827242',
      actions: [{ action_type: 'link_click', value: '162' }, { action_type: 'lead', value: '4' }, { action_type: 'onsite_conversion.lead_grouped', value: '4' }],
      date_start: '2026-11-20', date_stop: '2026-11-20',
    }, ACT, null, ['lead']);
    assert.deepEqual([a.costMicros, a.impressions, a.clicks, a.conversions, a.currency], ['1540270000', 10234, 187, 4, 'RUB']);
    assert.ok(Math.abs((a.ctr ?? 0) - 0.01827242) < 1e-9);
    const b = mapMetaRow({ campaign_id: '2', campaign_name: 'Retargeting', account_currency: 'RUB', spend: '0.86', impressions: '14', clicks: '0', ctr: '0', date_start: '2026-11-20', date_stop: '2026-11-20' }, ACT, null, ['lead']);
    assert.equal(b.conversions, 0, 'no actions key means zero actions');
    assert.equal(b.costMicros, '860000');
  });

  test('conversion action types are configurable (grouped and ungrouped are not double-counted by default)', () => {
    const r = { campaign_id: '1', spend: '1', impressions: '1', clicks: '1', actions: [{ action_type: 'lead', value: '2' }, { action_type: 'onsite_conversion.lead_grouped', value: '2' }, { action_type: 'offsite_conversion.fb_pixel_lead', value: '1' }], date_start: '2026-11-20' };
    assert.equal(mapMetaRow(r, ACT, null, ['lead']).conversions, 2);
    assert.equal(mapMetaRow(r, ACT, null, ['onsite_conversion.lead_grouped', 'offsite_conversion.fb_pixel_lead']).conversions, 3);
  });

  test('usage headers are JSON strings; regain time is minutes', () => {
    const h = new Headers({
      'x-business-use-case-usage': JSON.stringify({ '123': [{ type: 'ads_insights', call_count: 12, total_cputime: 80, total_time: 7, estimated_time_to_regain_access: 3 }] }),
      'x-fb-ads-insights-throttle': JSON.stringify({ app_id_util_pct: 0.0, acc_id_util_pct: 3.5 }),
    });
    assert.deepEqual(readUsage(h), { pct: 80, regainMinutes: 3 });
  });

  test('error codes: 190/463 expired, 17 throttle, 80000 long BUC throttle, 2635 deprecated, 100/1504018 sync timeout', () => {
    const e1 = metaError(s, 400, { error: { message: 'Session has expired', type: 'OAuthException', code: 190, error_subcode: 463 } });
    assert.ok(e1 instanceof AuthExpiredError && e1.reason === 'expired');
    const e2 = metaError(s, 400, { error: { code: 17, error_subcode: 2446079, is_transient: true } });
    assert.ok(e2 instanceof QuotaError && e2.scope === 'short-term');
    const e3 = metaError(s, 400, { error: { code: 80000 } }, new Headers({ 'x-business-use-case-usage': JSON.stringify({ a: [{ call_count: 100, estimated_time_to_regain_access: 30 }] }) }));
    assert.ok(e3 instanceof QuotaError && e3.scope === 'long-term' && e3.retryAfterMs === 1_800_000);
    const e4 = metaError(s, 400, { error: { code: 2635, message: 'deprecated' } });
    assert.ok(e4 instanceof SourceError && !e4.retryable);
    assert.ok(isSyncTimeout(metaError(s, 400, { error: { code: 100, error_subcode: 1504018 } })));
  });
});

describe('meta against the fake API', () => {
  test('sync insights: Bearer header, cursor paging via absolute paging.next URLs, deterministic rows', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'meta', id: '123456789', currency: 'EUR' });
      const r = routedFetch(f.routes);
      const req = { account: account('meta', ACT), from: '2026-11-01', to: '2026-11-10', credentials: { accessToken: 'EAAtoken' }, http: r.http, pageSize: 3 };
      const a = await fetchAll(metaConnector, req);
      const calls = f.control.calls('meta');
      const b = await fetchAll(metaConnector, req);
      assert.deepEqual(a.rows, b.rows);
      assert.ok(a.rows.length >= 12 && a.rows.length <= 20, String(a.rows.length));
      assert.ok(calls >= Math.ceil(a.rows.length / 3));
      assert.ok(r.urls.every((u) => u.startsWith('https://graph.facebook.com/v26.0/')));
      assert.ok(r.urls.slice(1).some((u) => u.includes('after=')));
      assert.ok(r.urls.every((u) => !u.includes('EAAtoken')), 'token only in the Authorization header');
      assert.equal(r.headers[0]?.authorization, 'Bearer EAAtoken');
      assert.ok(a.rows.every((x) => x.currency === 'EUR' && /^\d+$/.test(x.costMicros ?? '') && x.ctr !== null && x.ctr < 0.1));
      const q = new URL(r.urls[0] ?? '').searchParams;
      assert.equal(q.get('time_increment'), '1');
      assert.equal(q.get('level'), 'campaign');
      assert.deepEqual(JSON.parse(q.get('time_range') ?? '{}'), { since: '2026-11-01', until: '2026-11-10' });
    });
  });

  test('a last page can be empty and still be linked: paging ends only when `next` is absent', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const base = { account: account('meta', ACT), from: '2026-11-01', to: '2026-11-05', credentials: { accessToken: 't' }, http: r.http };
      const all = await fetchAll(metaConnector, base);
      const n = all.rows.length;
      const before = f.control.calls('meta');
      const exact = await fetchAll(metaConnector, { ...base, pageSize: n });
      assert.equal(exact.rows.length, n);
      assert.equal(f.control.calls('meta') - before, 2, 'full page + empty linked page');
    });
  });

  test('long ranges use an async report run: POST → poll async_status → paged results', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const waits: number[] = [];
      const out = await fetchAll(metaConnector, {
        account: account('meta', ACT), from: '2026-01-01', to: '2026-06-30', credentials: { accessToken: 't' }, http: r.http,
        sleep: async (ms) => {
          waits.push(ms);
        },
      });
      assert.ok(out.rows.length > 250);
      assert.deepEqual(waits, [10_000, 10_000]);
      const posts = r.urls.filter((u) => u.endsWith('/act_123456789/insights'));
      assert.equal(posts.length, 1);
      assert.ok(r.urls.some((u) => /\/v26\.0\/\d+\/insights\?limit=500/.test(u)));
    });
  });

  test('async run not ready within the budget → ReportNotReadyError(report_run_id); resumeHandle continues it', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const base = { account: account('meta', ACT), from: '2026-01-01', to: '2026-03-31', credentials: { accessToken: 't' }, http: r.http, pollBudgetMs: 1_000 };
      const e = await rejection(() => fetchAll(metaConnector, base));
      assert.ok(e instanceof ReportNotReadyError);
      const e2 = await rejection(() => fetchAll(metaConnector, { ...base, resumeHandle: e.handle }));
      assert.ok(e2 instanceof ReportNotReadyError && e2.handle === e.handle);
      const out = await fetchAll(metaConnector, { ...base, resumeHandle: e.handle });
      assert.ok(out.rows.length > 100);
      assert.equal(r.urls.filter((u) => u.endsWith('/act_123456789/insights')).length, 1, 'one job submitted');
    });
  });

  test('a heavy sync request times out (100/1504018) at the source', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const q = new URLSearchParams({ level: 'campaign', time_increment: '1', fields: 'spend', time_range: JSON.stringify({ since: '2025-01-01', until: '2026-01-01' }) });
      const res = await r.http(`https://graph.facebook.com/v26.0/${ACT}/insights?${q.toString()}`, { headers: { Authorization: 'Bearer t' } });
      assert.ok(isSyncTimeout(metaError(s, res.status, await res.json())));
    });
  });

  test('expired token (190/463) → AuthExpiredError without the token; deprecated version → 2635', async () => {
    await withFakes(async (f) => {
      f.control.expireToken('EAAold');
      const r = routedFetch(f.routes);
      const e = await rejection(() => fetchAll(metaConnector, { account: account('meta', ACT, { connectionId: 'conn-meta' }), from: '2026-11-01', to: '2026-11-02', credentials: { accessToken: 'EAAold' }, http: r.http }));
      assert.ok(e instanceof AuthExpiredError && e.reason === 'expired' && e.connectionId === 'conn-meta');
      assert.ok(!e.message.includes('EAAold'));
      const old = await r.http(`https://graph.facebook.com/v20.0/${ACT}/insights`, { headers: { Authorization: 'Bearer t' } });
      assert.equal(((await old.json()) as { error: { code: number } }).error.code, 2635);
    });
  });

  test('throttles: 613 retried with backoff; 80000 with a long regain time is long-term', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const base = { account: account('meta', ACT), from: '2026-11-01', to: '2026-11-02', credentials: { accessToken: 't' }, http: r.http };
      f.control.forceQuotaError('meta');
      assert.ok((await fetchAll(metaConnector, base)).rows.length > 0);
      f.control.forceQuotaError('meta', { scope: 'long-term' });
      const e = await rejection(() => fetchAll(metaConnector, base));
      assert.ok(e instanceof QuotaError && e.scope === 'long-term' && e.retryAfterMs === 3_600_000);
    });
  });

  test('checkAccess and token exchange', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'meta', id: '123456789', timeZone: 'Europe/Tallinn', currency: 'EUR' });
      const r = routedFetch(f.routes);
      const info = await metaConnector.checkAccess?.({ account: account('meta', '123456789'), credentials: { accessToken: 't' }, http: r.http });
      assert.deepEqual([info?.accountId, info?.timeZone, info?.currency], [ACT, 'Europe/Tallinn', 'EUR']);
      const t = await metaConnector.refreshAccessToken?.({ account: account('meta', ACT), credentials: { accessToken: 'short', clientId: 'app', clientSecret: 'sec' }, http: r.http });
      assert.match(t?.accessToken ?? '', /^EAAfake/);
    });
  });
});
