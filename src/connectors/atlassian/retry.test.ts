import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { route } from '@forge/api';
import { RateLimitedError, UpstreamError } from '../../shared/errors';
import { computeRetryDelay, parseRateLimitReason, parseRetryAfter, retryPolicy, sendWithRetry } from './retry';
import { fakeHeaders, fakeTransport, instantRetry } from './testing/fake-transport';

const NOW = Date.parse('2026-03-01T10:00:00Z');

describe('parseRetryAfter', () => {
  test('should read seconds when Retry-After is a number', () => {
    assert.equal(parseRetryAfter(fakeHeaders({ 'Retry-After': '7' }), NOW), 7000);
    assert.equal(parseRetryAfter(fakeHeaders({ 'retry-after': ' 1.5 ' }), NOW), 1500);
  });
  test('should read an HTTP date when Retry-After is a date', () => {
    assert.equal(parseRetryAfter(fakeHeaders({ 'Retry-After': 'Sun, 01 Mar 2026 10:00:30 GMT' }), NOW), 30_000);
  });
  test('should fall back to X-RateLimit-Reset when Retry-After is missing', () => {
    assert.equal(parseRetryAfter(fakeHeaders({ 'X-RateLimit-Reset': '2026-03-01T10:02Z' }), NOW), 120_000);
  });
  test('should never be negative when the reset time has passed', () => {
    assert.equal(parseRetryAfter(fakeHeaders({ 'X-RateLimit-Reset': '2026-03-01T09:00Z' }), NOW), 0);
  });
  test('should be undefined when no usable header is present', () => {
    assert.equal(parseRetryAfter(fakeHeaders({}), NOW), undefined);
    assert.equal(parseRetryAfter(fakeHeaders({ 'Retry-After': 'soon' }), NOW), undefined);
  });
  test('should read RateLimit-Reason', () => {
    assert.equal(parseRateLimitReason(fakeHeaders({ 'RateLimit-Reason': 'jira-burst-based' })), 'jira-burst-based');
    assert.equal(parseRateLimitReason(fakeHeaders({})), undefined);
  });
});

describe('computeRetryDelay', () => {
  const opts = { baseDelayMs: 500, maxDelayMs: 8_000 };
  test('should grow exponentially with equal jitter when there is no server hint', () => {
    assert.equal(computeRetryDelay(0, undefined, () => 0, opts), 250);
    assert.equal(computeRetryDelay(0, undefined, () => 1, opts), 500);
    assert.equal(computeRetryDelay(2, undefined, () => 0, opts), 1000);
    assert.equal(computeRetryDelay(2, undefined, () => 1, opts), 2000);
  });
  test('should cap computed back-off at maxDelayMs', () => {
    assert.equal(computeRetryDelay(20, undefined, () => 1, opts), 8000);
  });
  test('should never wait less than Retry-After when the server gives one', () => {
    assert.equal(computeRetryDelay(0, 5000, () => 0, opts), 5000);
    const d = computeRetryDelay(0, 5000, () => 1, opts);
    assert.ok(d > 5000 && d <= 6000, String(d));
    // A long server hint is not shortened by maxDelayMs.
    assert.ok(computeRetryDelay(0, 60_000, () => 0, opts) >= 60_000);
  });
});

describe('sendWithRetry', () => {
  const path = route`/rest/api/3/issue/${'AG-1'}`;

  test('should retry after Retry-After when the first answer is 429', async () => {
    const t = fakeTransport([
      { match: 'GET /rest/api/3/issue/AG-1', times: 1, respond: { status: 429, headers: { 'Retry-After': '2', 'RateLimit-Reason': 'jira-burst-based' }, json: { errorMessages: ['Rate limited'], errors: {} } } },
      { match: 'GET /rest/api/3/issue/AG-1', respond: { json: { id: '1' } } },
    ]);
    const clock = instantRetry();
    const calls: Array<[string, string, number]> = [];
    const res = await sendWithRetry(t, path, { method: 'GET' }, retryPolicy(clock), { onCall: (m, p, s) => calls.push([m, p, s]) });
    assert.equal(res.status, 200);
    assert.equal(clock.slept.length, 1);
    assert.ok((clock.slept[0] ?? 0) >= 2000);
    assert.deepEqual(calls.map((c) => c[2]), [429, 200]);
  });

  test('should retry a POST when the answer is 429 or 503', async () => {
    const t = fakeTransport([
      { match: 'POST /rest/api/3/issue', times: 1, respond: { status: 503, headers: { 'Retry-After': '1' } } },
      { match: 'POST /rest/api/3/issue', times: 1, respond: { status: 429 } },
      { match: 'POST /rest/api/3/issue', respond: { status: 201, json: { id: '1', key: 'AG-1' } } },
    ]);
    const res = await sendWithRetry(t, route`/rest/api/3/issue`, { method: 'POST', body: '{}' }, retryPolicy(instantRetry()));
    assert.equal(res.status, 201);
    assert.equal(t.calls.length, 3);
  });

  test('should not retry a POST when the answer is 500', async () => {
    const t = fakeTransport([{ match: 'POST /rest/api/3/issue', respond: { status: 500 } }]);
    const res = await sendWithRetry(t, route`/rest/api/3/issue`, { method: 'POST' }, retryPolicy(instantRetry()));
    assert.equal(res.status, 500);
    assert.equal(t.calls.length, 1);
  });

  test('should retry a GET when the answer is 502, and a read-only POST marked idempotent', async () => {
    const t = fakeTransport([
      { match: /./, times: 1, respond: { status: 502 } },
      { match: /./, respond: { json: {} } },
    ]);
    assert.equal((await sendWithRetry(t, path, {}, retryPolicy(instantRetry()))).status, 200);
    const t2 = fakeTransport([
      { match: /./, times: 1, respond: { status: 504 } },
      { match: /./, respond: { json: {} } },
    ]);
    const res = await sendWithRetry(t2, route`/rest/api/3/search/jql`, { method: 'POST' }, retryPolicy(instantRetry()), { idempotent: true });
    assert.equal(res.status, 200);
  });

  test('should throw RateLimitedError with the wait when 429s outlast the attempts', async () => {
    const t = fakeTransport([{ match: /./, respond: { status: 429, headers: { 'Retry-After': '3', 'RateLimit-Reason': 'jira-per-issue-on-write' } } }]);
    await assert.rejects(
      sendWithRetry(t, path, {}, retryPolicy({ ...instantRetry(), maxAttempts: 3 }), { service: 'Jira' }),
      (e: unknown) => e instanceof RateLimitedError && e.retryAfterMs === 3000 && e.reason === 'jira-per-issue-on-write' && e.service === 'Jira',
    );
    assert.equal(t.calls.length, 3);
  });

  test('should give up without waiting when Retry-After exceeds the time budget', async () => {
    const t = fakeTransport([{ match: /./, respond: { status: 429, headers: { 'Retry-After': '120' } } }]);
    const clock = instantRetry();
    await assert.rejects(sendWithRetry(t, path, {}, retryPolicy({ ...clock, budgetMs: 10_000 })), (e: unknown) => e instanceof RateLimitedError && e.retryAfterMs === 120_000);
    assert.equal(t.calls.length, 1);
    assert.deepEqual(clock.slept, []);
  });

  test('should wait at least a minute when a quota limiter fires without Retry-After', async () => {
    const t = fakeTransport([{ match: /./, respond: { status: 429, headers: { 'RateLimit-Reason': 'jira-quota-tenant-based' } } }]);
    await assert.rejects(sendWithRetry(t, path, {}, retryPolicy({ ...instantRetry(), budgetMs: 30_000 })), (e: unknown) => e instanceof RateLimitedError && e.retryAfterMs === 60_000);
    assert.equal(t.calls.length, 1);
  });

  test('should return the last 5xx when retries run out and there is no Retry-After', async () => {
    const t = fakeTransport([{ match: /./, respond: { status: 500, text: 'boom' } }]);
    const res = await sendWithRetry(t, path, {}, retryPolicy({ ...instantRetry(), maxAttempts: 2 }));
    assert.equal(res.status, 500);
    assert.equal(await res.text(), 'boom');
    assert.equal(t.calls.length, 2);
  });

  test('should retry network failures only for idempotent calls', async () => {
    let n = 0;
    const flaky = {
      async request() {
        n++;
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
      },
    };
    await assert.rejects(sendWithRetry(flaky, path, {}, retryPolicy({ ...instantRetry(), maxAttempts: 3 })), (e: unknown) => e instanceof UpstreamError && e.status === 0);
    assert.equal(n, 3);
    n = 0;
    await assert.rejects(sendWithRetry(flaky, route`/rest/api/3/issue`, { method: 'POST' }, retryPolicy(instantRetry())), TypeError);
    assert.equal(n, 1);
  });

  test('should not retry other transport errors', async () => {
    let n = 0;
    const broken = {
      async request(): Promise<never> {
        n++;
        throw new Error('PROXY_ERR');
      },
    };
    await assert.rejects(sendWithRetry(broken, path, {}, retryPolicy(instantRetry())), /PROXY_ERR/);
    assert.equal(n, 1);
  });
});
