import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDirectTsv, reportDefinition, yandexDirectConnector } from '../../../src/connectors/metrics/yandex-direct';
import { tsvStream } from '../../../src/connectors/metrics/yandex-direct/bench';
import { AuthExpiredError, ParseError, QuotaError, ReportNotReadyError, SourceError } from '../../../src/connectors/metrics/errors';
import type { DailyRow } from '../../../src/connectors/metrics/types';
import { account, fetchAll, rejection, routedFetch, withFakes } from './helpers';

const enc = new TextEncoder();
const OPTS = { accountId: 'teplo-login', currency: 'RUB', vatIncluded: false, moneyInMicros: true } as const;

async function* once(text: string, size = 1 << 20): AsyncGenerator<Uint8Array> {
  const bytes = enc.encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function parseAll(text: string, opts: Parameters<typeof parseDirectTsv>[1] = OPTS, size?: number): Promise<DailyRow[]> {
  const rows: DailyRow[] = [];
  for await (const b of parseDirectTsv(once(text, size), opts)) rows.push(...b);
  return rows;
}

// The documented layout with all three skip* headers off (money in micros).
const FULL = [
  '"agency-daily 2026-11-16..2026-11-22 acme v1 (2026-11-16 - 2026-11-22)"',
  'Date\tCampaignId\tCampaignName\tImpressions\tClicks\tCost\tConversions',
  '2026-11-16\t70112233\tПоиск | Бренд\t320\t18\t2160000000\t2',
  '2026-11-16\t70112244\tРСЯ | Ретаргет\t5400\t12\t960000000\t--',
  '2026-11-17\t70112233\tПоиск | Бренд\t290\t15\t1800000000\t1',
  'Total rows: 3',
  '',
].join('\n');

describe('yandex-direct TSV parser (hand-written payloads)', () => {
  test('title line, column header, `--`, Cyrillic names with |, summary line', async () => {
    const rows = await parseAll(FULL);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[0]?.dimension, { kind: 'campaign', id: '70112233', name: 'Поиск | Бренд' });
    assert.equal(rows[0]?.costMicros, '2160000000');
    assert.equal(rows[0]?.conversions, 2);
    assert.equal(rows[1]?.conversions, null, '`--` is null, not 0');
    assert.equal(rows[1]?.vatIncluded, false);
    assert.equal(rows[1]?.currency, 'RUB');
  });

  test('decimal money (returnMoneyInMicros: false) becomes micros with integer math; leading spaces kept', async () => {
    const text = 'Date\tCampaignId\tCampaignName\tImpressions\tClicks\tCost\tConversions\n2026-11-20\t70112233\t  Поиск | Бренд\t310\t17\t2040.00\t2\n2026-11-20\t70112244\tРСЯ | Ретаргет\t5120\t9\t702.50\t--\n';
    const rows = await parseAll(text, { ...OPTS, moneyInMicros: false });
    assert.deepEqual(rows.map((r) => r.costMicros), ['2040000000', '702500000']);
    assert.equal(rows[0]?.dimension.name, '  Поиск | Бренд');
  });

  test('summary count mismatch and wrong column counts are ParseErrors with line numbers', async () => {
    const bad = FULL.replace('Total rows: 3', 'Total rows: 4');
    const e1 = await rejection(() => parseAll(bad));
    assert.ok(e1 instanceof ParseError);
    const short = 'Date\tCampaignId\tImpressions\n2026-11-16\t1\t5\n2026-11-16\t2\n';
    const e2 = await rejection(() => parseAll(short));
    assert.ok(e2 instanceof ParseError && e2.line === 3, String(e2));
    const long = 'Date\tCampaignId\n2026-11-16\t1\textra\n';
    const e3 = await rejection(() => parseAll(long));
    assert.ok(e3 instanceof ParseError && e3.line === 2);
    const noHeader = '2026-11-16\t1\t5\n';
    assert.ok((await rejection(() => parseAll(noHeader))) instanceof ParseError);
  });

  test('non-integer counts are rejected; CRLF and missing final newline are fine', async () => {
    assert.ok((await rejection(() => parseAll('Date\tCampaignId\tClicks\n2026-11-16\t1\t1x\n'))) instanceof ParseError);
    const rows = await parseAll('Date\tCampaignId\tClicks\r\n2026-11-16\t1\t7\r\n2026-11-17\t1\t8');
    assert.deepEqual(rows.map((r) => [r.date, r.clicks]), [['2026-11-16', 7], ['2026-11-17', 8]]);
  });

  test('several goals → Conversions_<goal>_<model> columns are summed; all `--` stays null', async () => {
    const text = 'Date\tCampaignId\tConversions_1_AUTO\tConversions_2_AUTO\n2026-11-16\t1\t2\t3\n2026-11-16\t2\t--\t--\n';
    const rows = await parseAll(text);
    assert.deepEqual(rows.map((r) => r.conversions), [5, null]);
  });

  test('every split point of a small body (mid-line, mid-UTF-8 character) gives the same rows', async () => {
    const whole = await parseAll(FULL);
    const bytes = enc.encode(FULL);
    for (let cut = 1; cut < bytes.length; cut++) {
      async function* two(): AsyncGenerator<Uint8Array> {
        yield bytes.slice(0, cut);
        yield bytes.slice(cut);
      }
      const rows: DailyRow[] = [];
      for await (const b of parseDirectTsv(two(), OPTS)) rows.push(...b);
      assert.deepEqual(rows, whole, `cut at ${cut}`);
    }
  });

  test('streams a large body in small chunks: exact row count, first batch before the stream ends', async () => {
    const total = 120_000;
    const stream = tsvStream(total, 997); // odd size: cuts land mid-line and inside Cyrillic characters
    const reader = stream.getReader();
    let pulled = 0;
    let finished = false;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          finished = true;
          return;
        }
        pulled++;
        yield value;
      }
    }
    let rows = 0;
    let firstBatchAtPull = -1;
    let batches = 0;
    let names = 0;
    for await (const batch of parseDirectTsv(chunks(), { ...OPTS, batchSize: 2000 })) {
      if (firstBatchAtPull < 0) {
        firstBatchAtPull = pulled;
        assert.equal(finished, false, 'the first batch must arrive before the body ends');
      }
      batches++;
      rows += batch.length;
      for (const r of batch) if (r.dimension.name.startsWith('Поиск | Бренд')) names++;
    }
    assert.equal(rows, total);
    assert.ok(batches >= total / 2000);
    assert.ok(firstBatchAtPull > 0 && firstBatchAtPull < pulled / 10, `first batch at pull ${firstBatchAtPull} of ${pulled}`);
    assert.equal(names, total / 5, 'Cyrillic names survive chunk cuts');
  });
});

describe('yandex-direct against the fake API', () => {
  const LOGIN = 'teplo-dom';

  test('offline report: 201 → 202 → 200 with retryIn waits, then TSV rows with VAT flag', async () => {
    await withFakes(async (f) => {
      f.control.setRetryIn(2);
      const r = routedFetch(f.routes);
      const waits: number[] = [];
      const out = await fetchAll(yandexDirectConnector, {
        account: account('yandex-direct', LOGIN, { currency: 'RUB' }), from: '2026-10-01', to: '2026-10-31', credentials: { accessToken: 'y0_tok' }, http: r.http,
        sleep: async (ms) => {
          waits.push(ms);
        },
      });
      assert.deepEqual(waits, [2000, 2000]);
      assert.equal(f.control.calls('yandex-direct'), 3);
      assert.ok(out.rows.length > 60);
      assert.ok(out.rows.every((x) => x.vatIncluded === true && x.currency === 'RUB' && /^\d+$/.test(x.costMicros ?? '')));
      assert.ok(out.rows.every((x) => x.conversions === null), 'no goals → Conversions is `--` → null');
      const h = r.headers[0] ?? {};
      assert.equal(h['client-login'], LOGIN);
      assert.equal(h['skipreportheader'], 'true');
      assert.equal(h['skipreportsummary'], 'true');
      assert.equal(h['processingmode'], 'auto');
      assert.equal(h['returnmoneyinmicros'], undefined, 'money stays in micros');
      assert.match(h['authorization'] ?? '', /^Bearer /);
      // identical request bodies on every poll (ReportName is the cache key)
      assert.equal(new Set(r.urls).size, 1);
    });
  });

  test('poll budget exhausted → ReportNotReadyError with the report name; a later call resumes the same report', async () => {
    await withFakes(async (f) => {
      f.control.setRetryIn(30);
      const r = routedFetch(f.routes);
      const req = { account: account('yandex-direct', LOGIN), from: '2026-09-01', to: '2026-09-30', credentials: { accessToken: 'y0_tok' }, http: r.http, pollBudgetMs: 5_000 };
      const e = await rejection(() => fetchAll(yandexDirectConnector, req));
      assert.ok(e instanceof ReportNotReadyError);
      assert.equal(e.retryAfterMs, 30_000);
      assert.match(e.handle, /retainer daily teplo-dom 2026-09-01\.\.2026-09-30/);
      assert.equal(f.control.calls('yandex-direct'), 1);
      const e2 = await rejection(() => fetchAll(yandexDirectConnector, req));
      assert.ok(e2 instanceof ReportNotReadyError); // 202
      const out = await fetchAll(yandexDirectConnector, req);
      assert.ok(out.rows.length > 0);
      assert.equal(f.control.calls('yandex-direct'), 3);
    });
  });

  test('short range is online: one call; VAT off gives lower cost than VAT on (dated rate, never hard-coded)', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const base = { from: '2026-11-16', to: '2026-11-20', credentials: { accessToken: 'y0_tok' }, http: r.http };
      const net = await fetchAll(yandexDirectConnector, { ...base, account: account('yandex-direct', LOGIN, { settings: { includeVat: false } }) });
      const gross = await fetchAll(yandexDirectConnector, { ...base, account: account('yandex-direct', LOGIN, { settings: { includeVat: true } }) });
      assert.equal(f.control.calls('yandex-direct'), 2);
      const sum = (rows: DailyRow[]): bigint => rows.reduce((a, x) => a + BigInt(x.costMicros ?? '0'), 0n);
      const ratio = Number(sum(gross.rows)) / Number(sum(net.rows));
      assert.ok(ratio > 1.21 && ratio < 1.23, `ratio ${ratio}`);
      assert.ok(net.rows.every((x) => x.vatIncluded === false));
    });
  });

  test('goals make Conversions numeric', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const out = await fetchAll(yandexDirectConnector, { account: account('yandex-direct', LOGIN, { settings: { goalIds: ['123456'] } }), from: '2026-11-16', to: '2026-11-18', credentials: { accessToken: 't' }, http: r.http });
      assert.ok(out.rows.every((x) => typeof x.conversions === 'number'));
    });
  });

  test('report definition: required fields, deterministic ReportName', () => {
    const a = reportDefinition({ login: 'l', from: '2026-11-01', to: '2026-11-30', includeVat: true, goalIds: [] });
    const b = reportDefinition({ login: 'l', from: '2026-11-01', to: '2026-11-30', includeVat: true, goalIds: [] });
    const c = reportDefinition({ login: 'l', from: '2026-11-01', to: '2026-11-30', includeVat: false, goalIds: [] });
    assert.equal(a.params.ReportName, b.params.ReportName);
    assert.notEqual(a.params.ReportName, c.params.ReportName);
    for (const k of ['SelectionCriteria', 'FieldNames', 'ReportType', 'DateRangeType', 'Format', 'IncludeVAT']) assert.ok(k in a.params, k);
    assert.equal(a.params.Format, 'TSV');
  });

  test('error 53 with a refresh token → refreshed via oauth.yandex.ru; revoked → AuthExpiredError without secrets', async () => {
    await withFakes(async (f) => {
      f.control.expireToken('y0_old');
      const r = routedFetch(f.routes);
      const creds = { accessToken: 'y0_old', refreshToken: 'y-refresh', clientId: 'yc', clientSecret: 'ys-secret' };
      const out = await fetchAll(yandexDirectConnector, { account: account('yandex-direct', LOGIN), from: '2026-11-16', to: '2026-11-17', credentials: creds, http: r.http });
      assert.ok(out.rows.length > 0);
      assert.equal(f.control.calls('yandex-oauth'), 1);
      f.control.revokeToken('y-refresh');
      const e = await rejection(() => fetchAll(yandexDirectConnector, { account: account('yandex-direct', LOGIN, { connectionId: 'conn-teplo' }), from: '2026-11-16', to: '2026-11-17', credentials: creds, http: r.http }));
      assert.ok(e instanceof AuthExpiredError);
      assert.equal(e.connectionId, 'conn-teplo');
      for (const secret of Object.values(creds)) if (secret.length > 3 && secret !== 'yc') assert.ok(!e.message.includes(secret), secret);
    });
  });

  test('queue full (9000) is retried; not enough points (152) is a long-term QuotaError', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const req = { account: account('yandex-direct', LOGIN), from: '2026-11-16', to: '2026-11-17', credentials: { accessToken: 't' }, http: r.http };
      f.control.forceQuotaError('yandex-direct', { times: 1, scope: 'short-term' });
      const waits: number[] = [];
      const out = await fetchAll(yandexDirectConnector, { ...req, sleep: async (ms) => { waits.push(ms); } });
      assert.ok(out.rows.length > 0);
      assert.ok((waits[0] ?? 0) >= 10_000);
      f.control.forceQuotaError('yandex-direct', { times: 1, scope: 'long-term' });
      const e = await rejection(() => fetchAll(yandexDirectConnector, req));
      assert.ok(e instanceof QuotaError && e.scope === 'long-term' && e.errorCode === '152');
    });
  });

  test('invalid request (8000) fails fast', async () => {
    await withFakes(async (f) => {
      const r = routedFetch(f.routes);
      const res = await r.http('https://api.direct.yandex.com/json/v5/reports', { method: 'POST', headers: { Authorization: 'Bearer t', 'Client-Login': LOGIN }, body: JSON.stringify({ params: { Format: 'TSV' } }) });
      assert.equal(res.status, 400);
      const { directError } = await import('../../../src/connectors/metrics/yandex-direct');
      const { SourceSession } = await import('../../../src/connectors/metrics/shared/session');
      const s = new SourceSession({ source: 'yandex-direct', account: account('yandex-direct', LOGIN), credentials: { accessToken: 't' }, http: r.http });
      const e = directError(s, 400, await res.json());
      assert.ok(e instanceof SourceError && e.errorCode === '8000' && !e.retryable);
    });
  });

  test('account balance through Live 4; auth failure inside HTTP 200 → AuthExpiredError', async () => {
    await withFakes(async (f) => {
      f.control.registerAccount({ source: 'yandex-direct', id: LOGIN, balance: '15430.55', currency: 'RUB' });
      const r = routedFetch(f.routes);
      const bal = await yandexDirectConnector.accountBalance?.({ account: account('yandex-direct', LOGIN), credentials: { accessToken: 't' }, http: r.http });
      assert.deepEqual({ m: bal?.amountMicros, c: bal?.currency }, { m: '15430550000', c: 'RUB' });
      assert.ok(r.urls.includes('https://api.direct.yandex.ru/live/v4/json/'));
      f.control.revokeToken('dead');
      const e = await rejection(async () => yandexDirectConnector.accountBalance?.({ account: account('yandex-direct', LOGIN), credentials: { accessToken: 'dead' }, http: r.http }));
      assert.ok(e instanceof AuthExpiredError);
      assert.ok(!e.message.includes('dead'));
    });
  });
});
