// The sandbox runtime honours production's contracts: argument shapes, limits, timeouts, metering,
// queue delivery semantics and the scheduler — proven with a fixture app, not the product.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../../sandbox/platform';
import { buildFixtureApp } from '../helpers/fixture-app';

let sb: Sandbox;
const call = async (key: string, payload: unknown = {}, accountId: string | null = 'u-1') => sb.invokeResolver('mini-page', key, payload, { accountId });

before(async () => {
  const appRoot = await buildFixtureApp('mini-app');
  sb = await Sandbox.start({ appRoot, poolSize: 2, start: '2026-11-01T00:00:00Z' });
});
after(async () => {
  await sb.close();
});

describe('sandbox runtime', () => {
  test('should pass the caller account and payload to a resolver when invoked like Custom UI', async () => {
    const r = await call('echo', { a: 1 });
    assert.equal(r.record.outcome, 'ok');
    assert.deepEqual((r.value as { payload: unknown }).payload, { a: 1 });
    assert.equal((r.value as { accountId: string }).accountId, 'u-1');
  });

  test('should run the app on the virtual clock when the sandbox starts in the past', async () => {
    const r = await call('echo');
    assert.match((r.value as { now: string }).now, /^2026-11-01/);
  });

  test('should round-trip KVS through the real @forge/kvs client when a resolver stores a value', async () => {
    const r = await call('kvs', { key: 'k-1', value: { nested: [1, 2] } });
    assert.deepEqual(r.value, { read: { nested: [1, 2] }, missing: null });
    assert.ok((r.record.counters.kvs['/api/v1/set'] ?? 0) >= 1);
  });

  test('should reject an invoke payload over 500 KB without running the handler', async () => {
    const r = await call('echo', { big: 'z'.repeat(520 * 1024) });
    assert.equal(r.record.outcome, 'rejected');
  });

  test('should fail an invocation whose response exceeds 5 MB', async () => {
    const r = await call('big');
    assert.equal(r.record.outcome, 'error');
    assert.match(r.record.error ?? '', /limit is 5242880/);
  });

  test('should block egress to a host the manifest does not allow', async () => {
    const r = await call('egress', { url: 'https://not-allowed.example.org/x' });
    assert.equal(r.record.outcome, 'error');
    assert.match(r.record.error ?? '', /REQUEST_EGRESS_ALLOWLIST_ERR/);
  });

  test('should kill a consumer at its timeoutSeconds and keep serving afterwards', async () => {
    const r = await sb.runtime.invoke({ functionKey: 'worker', kind: 'consumer', moduleKey: 'mini-consumer', args: [{ body: { mode: 'hang' } }, {}] });
    assert.equal(r.record.outcome, 'timeout');
    assert.equal(r.record.timeoutMs, 2000);
    const again = await call('echo');
    assert.equal(again.record.outcome, 'ok');
  });

  test('should meter wall time, CPU time and peak memory of an invocation', async () => {
    const cpu = await call('cpu', { ms: 60 });
    assert.ok(cpu.record.cpuMs >= 40, `cpu ${cpu.record.cpuMs}`);
    const mem = await call('alloc', { mb: 40 });
    assert.ok(mem.record.peakMemoryMB >= 30, `peak ${mem.record.peakMemoryMB}`);
  });

  test('should report the remaining time through getAppContext when a resolver asks', async () => {
    const r = await call('sleep', { ms: 10 });
    const remaining = (r.value as { remaining: number }).remaining;
    assert.ok(remaining > 20_000 && remaining <= 25_000, String(remaining));
  });
});

describe('sandbox queue', () => {
  test('should deliver every pushed event and honour InvocationError and thrown-error retries', async () => {
    const pushed = await call('push', { n: 6 });
    const jobId = (pushed.value as { jobId: string }).jobId;
    await sb.drain();
    const stats = await call('stats', { jobId });
    assert.deepEqual(stats.value, { success: 6, inProgress: 0, failed: 0 });
    const snap = sb.kvs.snapshot().keys;
    assert.equal(snap['delivered-3'], 2, 'retried after InvocationError');
    assert.equal(snap['delivered-4'], 2, 'retried after a thrown error');
    assert.equal(snap['delivered-5'], 1);
  });

  test('should refuse a push of more than 50 events in the client like production', async () => {
    const r = await call('push', { n: 51 });
    assert.equal(r.record.outcome, 'error');
  });

  test('should deliver an event twice when the duplicate-delivery fault is on', async () => {
    sb.queue.setFaults({ duplicateDeliveryRate: 1, seed: 3 });
    await call('push', { n: 1 });
    await sb.drain();
    sb.queue.setFaults({ duplicateDeliveryRate: 0 });
    assert.ok(sb.queue.counts.duplicatesInjected >= 1);
  });
});

describe('sandbox scheduler', () => {
  test('should fire a daily trigger once per virtual day and run its queue work in between', async () => {
    const before = (sb.kvs.snapshot().keys['planner-runs'] as number | undefined) ?? 0;
    await sb.runUntil(new Date(sb.clock.now() + 5 * 86_400_000));
    const after = sb.kvs.snapshot().keys['planner-runs'] as number;
    assert.equal(after - before, 5);
    assert.equal(sb.queue.pendingCount, 0);
  });
});

describe('sandbox web triggers', () => {
  test('should create a web trigger URL through @forge/api and answer HTTP requests on it', async () => {
    const r = await call('hookUrl');
    const url = (r.value as { url: string }).url;
    const res = await fetch(url, { method: 'POST', body: 'hello' });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { method: 'POST', echoed: 'hello' });
  });
});
