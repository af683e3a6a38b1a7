import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuthExpiredError, QuotaError, SourceError } from '../../../src/connectors/metrics/errors';
import { scrubSecrets } from '../../../src/connectors/metrics/http';
import { addDays, compactToIso, dayCount, eachDate, splitRange, todayIn } from '../../../src/connectors/metrics/shared/dates';
import { addMicros, decimalToMicros, intString, parseIntSlice } from '../../../src/connectors/metrics/shared/numbers';
import { cursorPaging, offsetPaging } from '../../../src/connectors/metrics/shared/paging';
import { computeRetryDelay, withRetry } from '../../../src/connectors/metrics/shared/retry';
import { dailyTotals } from '../../../src/connectors/metrics/shared/spine';
import { emptyRow } from '../../../src/connectors/metrics/types';
import { rejection } from './helpers';

describe('computeRetryDelay (pure)', () => {
  test('same inputs, same output; a server hint wins (≤10 % / 1 s jitter)', () => {
    assert.equal(computeRetryDelay(3, undefined, { jitter: 0.3 }), computeRetryDelay(3, undefined, { jitter: 0.3 }));
    assert.equal(computeRetryDelay(1, 30_000, { jitter: 0 }), 30_000);
    assert.equal(computeRetryDelay(1, 30_000, { jitter: 1 }), 31_000);
    assert.equal(computeRetryDelay(5, 0, { jitter: 1 }), 0);
  });

  test('exponential with equal jitter, capped', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, jitter) => {
      const d = computeRetryDelay(attempt, undefined, { baseMs: 1000, capMs: 60_000, jitter });
      const step = Math.min(60_000, 1000 * 2 ** (attempt - 1));
      return d >= step / 2 - 1 && d <= step + 1;
    }));
  });
});

describe('withRetry', () => {
  const noSleep = async (): Promise<void> => {};

  test('retries short-term quota and transient errors, then succeeds', async () => {
    let n = 0;
    const waits: number[] = [];
    const v = await withRetry(async () => {
      n++;
      if (n === 1) throw new QuotaError('ga4', 1500, 'short-term', 'x');
      if (n === 2) throw new SourceError('ga4', 503, 'UNAVAILABLE', 'u', true);
      return 'ok';
    }, { maxAttempts: 5, respectRetryAfter: true, sleep: async (ms) => { waits.push(ms); }, random: () => 0 });
    assert.equal(v, 'ok');
    assert.deepEqual(waits, [1500, 1000]);
  });

  test('never retries auth, validation or long-term quota; gives up after maxAttempts', async () => {
    for (const err of [new AuthExpiredError('meta', 'c', 'revoked', 'x'), new SourceError('meta', 400, '100', 'bad', false), new QuotaError('meta', 1000, 'long-term', 'x')]) {
      let n = 0;
      await rejection(() => withRetry(async () => { n++; throw err; }, { maxAttempts: 5, respectRetryAfter: true, sleep: noSleep }));
      assert.equal(n, 1);
    }
    let m = 0;
    await rejection(() => withRetry(async () => { m++; throw new SourceError('meta', 500, '1', 'x', true); }, { maxAttempts: 3, respectRetryAfter: true, sleep: noSleep }));
    assert.equal(m, 3);
  });

  test('a hint longer than maxDelayMs is handed back instead of slept', async () => {
    let slept = false;
    const e = await rejection(() => withRetry(async () => { throw new QuotaError('search-console', 900_000, 'short-term', 'quotaExceeded'); }, { maxAttempts: 5, respectRetryAfter: true, sleep: async () => { slept = true; } }));
    assert.ok(e instanceof QuotaError);
    assert.equal(slept, false);
  });

  test('stops when the signal aborts', async () => {
    const ctl = new AbortController();
    ctl.abort(new Error('stop'));
    const e = await rejection(() => withRetry(async () => 1, { maxAttempts: 2, respectRetryAfter: true, signal: ctl.signal }));
    assert.match(String(e), /stop/);
  });
});

describe('paging', () => {
  test('offset paging stops on a short page or once total rows were read (1-based start)', async () => {
    const data = Array.from({ length: 23 }, (_, i) => i);
    const offsets: number[] = [];
    const pages: number[][] = [];
    for await (const p of offsetPaging({ start: 1, limit: 10, fetch: async (o, l) => { offsets.push(o); return { items: data.slice(o - 1, o - 1 + l), total: 23 }; } })) pages.push(p);
    assert.deepEqual(offsets, [1, 11, 21]);
    assert.equal(pages.flat().length, 23);
    const exact: number[] = [];
    for await (const p of offsetPaging({ start: 0, limit: 10, fetch: async (o, l) => { exact.push(o); return { items: data.slice(0, 20).slice(o, o + l), total: 20 }; } })) void p;
    assert.deepEqual(exact, [0, 10], 'no extra call when total is reached');
    const noTotal: number[] = [];
    for await (const p of offsetPaging({ start: 0, limit: 10, fetch: async (o, l) => { noTotal.push(o); return { items: data.slice(0, 20).slice(o, o + l) }; } })) void p;
    assert.deepEqual(noTotal, [0, 10, 20], 'without a total, an empty page ends it');
  });

  test('cursor paging yields empty pages and stops when next is absent; a repeated cursor is an error', async () => {
    const seq = [{ items: [1], next: 'a' }, { items: [], next: 'b' }, { items: [2] }];
    const got: number[][] = [];
    for await (const p of cursorPaging<{ items: number[]; next?: string }, string>({ fetch: async (c) => seq[c === undefined ? 0 : c === 'a' ? 1 : 2] ?? { items: [] }, next: (p) => p.next })) got.push(p.items);
    assert.deepEqual(got, [[1], [], [2]]);
    const e = await rejection(async () => {
      for await (const p of cursorPaging<{ next: string }, string>({ fetch: async () => ({ next: 'same' }), next: (p) => p.next })) void p;
    });
    assert.match(String(e), /same cursor/);
  });
});

describe('numbers and dates', () => {
  test('decimal money → micros with integer math', () => {
    assert.equal(decimalToMicros('1540.27'), '1540270000');
    assert.equal(decimalToMicros('0.86'), '860000');
    assert.equal(decimalToMicros('-0.5'), '-500000');
    assert.equal(decimalToMicros('12,50', true), '12500000');
    assert.equal(decimalToMicros('0.0000005'), '1', 'rounds half away from zero past 6 places');
    assert.equal(decimalToMicros('123456789012345.12'), '123456789012345120000');
    assert.equal(decimalToMicros('1e5'), null);
    assert.equal(decimalToMicros(''), null);
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (cents) => decimalToMicros(`${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`) === (cents * 10_000n).toString()));
  });

  test('int64 strings stay exact; fast slice parsing', () => {
    assert.equal(intString('0009007199254740993'), '9007199254740993');
    assert.equal(intString('1.5'), null);
    assert.equal(addMicros('9007199254740993', '1'), '9007199254740994');
    assert.equal(parseIntSlice('x123y', 1, 4), 123);
    assert.ok(Number.isNaN(parseIntSlice('--', 0, 2)));
  });

  test('calendar helpers never shift dates', () => {
    assert.deepEqual(eachDate('2026-02-27', '2026-03-02'), ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    assert.equal(addDays('2026-03-29', 1), '2026-03-30', 'DST changes do not matter');
    assert.equal(dayCount('2025-11-01', '2026-11-30'), 395);
    assert.deepEqual(splitRange('2026-01-01', '2026-01-10', 4), [{ from: '2026-01-01', to: '2026-01-04' }, { from: '2026-01-05', to: '2026-01-08' }, { from: '2026-01-09', to: '2026-01-10' }]);
    assert.equal(compactToIso('20261120'), '2026-11-20');
    assert.equal(compactToIso('20261332'), null);
    assert.equal(todayIn('America/Los_Angeles', Date.parse('2026-11-23T05:00:00Z')), '2026-11-22');
  });
});

describe('dailyTotals (date spine)', () => {
  const row = (date: string, id: string, m: Partial<ReturnType<typeof emptyRow>>): ReturnType<typeof emptyRow> => ({ ...emptyRow('google-ads', 'acc', date, { kind: 'campaign', id, name: id }), ...m });

  test('sums per day; missing days are zero for ad sources and null for trackers', () => {
    const rows = [row('2026-11-01', 'a', { impressions: 10, clicks: 1, costMicros: '1000000', currency: 'USD' }), row('2026-11-01', 'b', { impressions: 30, clicks: 3, costMicros: '2000000', currency: 'USD' })];
    const zero = dailyTotals(rows, { source: 'google-ads', accountId: 'acc', from: '2026-11-01', to: '2026-11-02', missingDay: 'zero', currency: 'USD' });
    assert.deepEqual(zero.map((r) => [r.date, r.impressions, r.clicks, r.costMicros, r.ctr]), [['2026-11-01', 40, 4, '3000000', 0.1], ['2026-11-02', 0, 0, '0', null]]);
    assert.equal(zero[1]?.currency, 'USD');
    const unknown = dailyTotals([], { source: 'topvisor', accountId: 'acc', from: '2026-11-01', to: '2026-11-01', missingDay: 'unknown' });
    assert.equal(unknown[0]?.avgPosition, null);
  });

  test('users are not summed across channels; positions are impression-weighted', () => {
    const rows = [row('2026-11-01', 'q1', { users: 5, impressions: 100, avgPosition: 2 }), row('2026-11-01', 'q2', { users: 7, impressions: 300, avgPosition: 10 })];
    const t = dailyTotals(rows, { source: 'search-console', accountId: 'acc', from: '2026-11-01', to: '2026-11-01', missingDay: 'unknown' });
    assert.equal(t[0]?.users, null);
    assert.equal(t[0]?.avgPosition, 8);
  });
});

describe('secrets', () => {
  test('scrubSecrets removes known secrets and token query values', () => {
    const out = scrubSecrets('failed https://graph.facebook.com/v26.0/x?access_token=EAAabc123&after=1 with key sk-live-999', ['sk-live-999']);
    assert.ok(!out.includes('EAAabc123') && !out.includes('sk-live-999'));
    assert.match(out, /access_token=\*\*\*/);
  });
});
