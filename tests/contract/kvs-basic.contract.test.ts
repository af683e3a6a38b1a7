// Contract: plain keys and secrets through the real `@forge/kvs@1.6.5` client against the emulator.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ForgeKvsAPIError, MetadataField, kvs } from '@forge/kvs';
import { startKvsHarness, type KvsHarness } from '../helpers/kvs-harness';

let h: KvsHarness;
let n = 0;
const fresh = (label: string) => `${label}-${++n}`;

async function rejectsWith(p: Promise<unknown>, code: string, status?: number): Promise<ForgeKvsAPIError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ForgeKvsAPIError, `expected ForgeKvsAPIError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (status !== undefined) assert.equal(e.responseDetails.status, status);
    return e;
  }
  assert.fail(`expected a ${code} error`);
}

before(async () => {
  h = await startKvsHarness();
});
after(async () => {
  await h.close();
});
beforeEach(() => {
  h.requests.length = 0;
});

describe('kvs get/set/delete', () => {
  test('should return undefined when the key is missing', async () => {
    assert.equal(await kvs.get(fresh('missing')), undefined);
    assert.equal(h.requests[0]?.status, 404);
    assert.equal(h.requests[0]?.path, '/api/v1/get');
    assert.equal(h.requests[0]?.method, 'POST');
    assert.equal(h.requests[0]?.contentType, 'application/json');
  });

  test('should round-trip every storable JSON type when set then get', async () => {
    const values: unknown[] = ['text', 42, -1.5, true, false, [1, 'two', { three: 3 }], { nested: { list: [1, 2], ok: true } }, ''];
    for (const v of values) {
      const key = fresh('roundtrip');
      await kvs.set(key, v);
      assert.deepEqual(await kvs.get(key), v);
    }
  });

  test('should answer 204 with no body when a plain set succeeds', async () => {
    const key = fresh('plain');
    assert.equal(await kvs.set(key, { a: 1 }), undefined);
    assert.equal(h.requests.at(-1)?.status, 204);
  });

  test('should overwrite when set is called twice with the default key policy', async () => {
    const key = fresh('overwrite');
    await kvs.set(key, 1);
    await kvs.set(key, 2, { keyPolicy: 'OVERRIDE' });
    assert.equal(await kvs.get(key), 2);
  });

  test('should remove the value when delete is called and be a no-op when the key is missing', async () => {
    const key = fresh('del');
    await kvs.set(key, 'x');
    await kvs.delete(key);
    assert.equal(await kvs.get(key), undefined);
    await kvs.delete(key); // 404 KEY_NOT_FOUND is swallowed by the client
    assert.equal(h.requests.at(-1)?.status, 404);
  });

  test('should not share stored values with the caller when the caller mutates its object', async () => {
    const key = fresh('alias');
    const value = { list: [1] };
    await h.emulator.handle('/api/v1/set', { key, value });
    value.list.push(2);
    assert.deepEqual(await kvs.get(key), { list: [1] });
  });
});

describe('key policy and return values', () => {
  test('should fail with KEY_CONFLICT when FAIL_IF_EXISTS and the key exists', async () => {
    const key = fresh('lock');
    await kvs.set(key, 'first', { keyPolicy: 'FAIL_IF_EXISTS' });
    await rejectsWith(kvs.set(key, 'second', { keyPolicy: 'FAIL_IF_EXISTS' }), 'KEY_CONFLICT', 409);
    assert.equal(await kvs.get(key), 'first');
  });

  test('should succeed with FAIL_IF_EXISTS when the previous value has expired', async () => {
    const key = fresh('lease');
    await kvs.set(key, 'old', { ttl: { value: 30, unit: 'SECONDS' } });
    h.advance(31_000);
    await kvs.set(key, 'new', { keyPolicy: 'FAIL_IF_EXISTS' });
    assert.equal(await kvs.get(key), 'new');
  });

  test('should return the previous value when returnValue is PREVIOUS and one existed', async () => {
    const key = fresh('prev');
    await kvs.set(key, { v: 1 });
    const r = await kvs.set(key, { v: 2 }, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    assert.deepEqual(r, { key, value: { v: 1 } });
    assert.deepEqual(await kvs.get(key), { v: 2 });
  });

  test('should return undefined when returnValue is PREVIOUS and nothing existed', async () => {
    const key = fresh('prev-none');
    const r = await kvs.set(key, 'x', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    assert.equal(r, undefined);
    assert.equal(h.requests.at(-1)?.status, 204);
  });

  test('should return the written value with metadata when returnValue is LATEST', async () => {
    const key = fresh('latest');
    const r = await kvs.set(key, 'x', {
      keyPolicy: 'OVERRIDE',
      returnValue: 'LATEST',
      ttl: { value: 2, unit: 'HOURS' },
      returnMetadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME],
    });
    const nowSec = Math.floor(h.now() / 1000);
    assert.deepEqual(r, { key, value: 'x', createdAt: nowSec, updatedAt: nowSec, expireTime: new Date((nowSec + 7200) * 1000).toISOString().replace('.000Z', 'Z') });
  });
});

describe('metadata and TTL', () => {
  test('should report createdAt, updatedAt and expireTime when metadata fields are requested', async () => {
    const key = fresh('meta');
    const t0 = h.now();
    await kvs.set(key, 'a');
    h.advance(5_000);
    await kvs.set(key, 'b', { ttl: { value: 1, unit: 'DAYS' } });
    const r = await kvs.get(key, { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME] });
    assert.deepEqual(r, {
      key,
      value: 'b',
      createdAt: Math.floor(t0 / 1000),
      updatedAt: Math.floor(t0 / 1000) + 5,
      expireTime: new Date(t0 + 5_000 + 86_400_000).toISOString().replace('.000Z', 'Z'),
    });
    const plain = await kvs.get(key, { metadataFields: [MetadataField.UPDATED_AT] });
    assert.deepEqual(plain, { key, value: 'b', updatedAt: Math.floor(t0 / 1000) + 5 });
  });

  test('should reject unknown metadata fields with BAD_REQUEST', async () => {
    await rejectsWith(kvs.get('x', { metadataFields: ['NOPE' as MetadataField] }), 'BAD_REQUEST', 400);
  });

  test('should expire a value when its TTL passes on the virtual clock', async () => {
    const key = fresh('ttl');
    await kvs.set(key, 'soon gone', { ttl: { value: 10, unit: 'MINUTES' } });
    h.advance(9 * 60_000);
    assert.equal(await kvs.get(key), 'soon gone');
    h.advance(60_000);
    assert.equal(await kvs.get(key), undefined);
  });

  test('should clear the TTL when a value is overwritten without one', async () => {
    const key = fresh('ttl-clear');
    await kvs.set(key, 1, { ttl: { value: 1, unit: 'SECONDS' } });
    await kvs.set(key, 2);
    h.advance(10_000);
    assert.equal(await kvs.get(key), 2);
  });

  test('should reject a TTL with an unknown unit or a non-positive value', async () => {
    await rejectsWith(kvs.set(fresh('ttl-bad'), 1, { ttl: { value: 1, unit: 'WEEKS' as 'DAYS' } }), 'BAD_REQUEST');
    await rejectsWith(kvs.set(fresh('ttl-bad'), 1, { ttl: { value: 0, unit: 'DAYS' } }), 'BAD_REQUEST');
  });
});

describe('secrets', () => {
  test('should keep secrets apart from plain keys when both use the same key', async () => {
    const key = fresh('token');
    await kvs.setSecret(key, { refreshToken: 's3cret' });
    assert.equal(await kvs.get(key), undefined);
    await kvs.set(key, 'public');
    assert.deepEqual(await kvs.getSecret(key), { refreshToken: 's3cret' });
    assert.equal(await kvs.get(key), 'public');
    await kvs.deleteSecret(key);
    assert.equal(await kvs.getSecret(key), undefined);
    assert.equal(await kvs.get(key), 'public');
  });

  test('should never return secrets from a plain query when keys share a prefix', async () => {
    const prefix = fresh('sec-q');
    await kvs.setSecret(`${prefix}:a`, 'hidden');
    await kvs.set(`${prefix}:b`, 'visible');
    const page = await kvs.query().where('key', { condition: 'BEGINS_WITH', values: [prefix] }).getMany();
    assert.deepEqual(page.results.map((r) => r.key), [`${prefix}:b`]);
  });

  test('should honour FAIL_IF_EXISTS and TTL when setting secrets', async () => {
    const key = fresh('sec-lock');
    await kvs.setSecret(key, 'a', { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: 1, unit: 'MINUTES' } });
    await rejectsWith(kvs.setSecret(key, 'b', { keyPolicy: 'FAIL_IF_EXISTS' }), 'KEY_CONFLICT', 409);
    h.advance(61_000);
    assert.equal(await kvs.getSecret(key), undefined);
    assert.deepEqual(h.emulator.snapshot().secrets.includes(key), false);
  });

  test('should list secret names but not values when a snapshot is taken', async () => {
    const key = fresh('sec-snap');
    await kvs.setSecret(key, 'value-not-in-snapshot');
    const snap = h.emulator.snapshot();
    assert.ok(snap.secrets.includes(key));
    assert.ok(!JSON.stringify(snap).includes('value-not-in-snapshot'));
  });
});

describe('limits', () => {
  test('should accept keys of 1 and 500 allowed characters when they match the key pattern', async () => {
    for (const key of ['a', 'x'.repeat(500), 'client:42.report_2026-01#draft', 'with space']) {
      await kvs.set(key, 1);
      assert.equal(await kvs.get(key), 1);
    }
  });

  test('should reject keys that are empty, too long, whitespace-only or use other characters', async () => {
    await rejectsWith(kvs.set('', 1), 'EMPTY_KEY', 400);
    await rejectsWith(kvs.set('x'.repeat(501), 1), 'KEY_TOO_LONG', 400);
    await rejectsWith(kvs.set('   ', 1), 'INVALID_KEY', 400);
    await rejectsWith(kvs.set('a/b', 1), 'INVALID_KEY', 400);
    await rejectsWith(kvs.set('ключ', 1), 'INVALID_KEY', 400);
    await rejectsWith(kvs.get('a?b'), 'INVALID_KEY', 400);
  });

  test('should accept a value of exactly 240 KiB and reject one byte more when serialised', async () => {
    const limit = 240 * 1024;
    const exact = 'x'.repeat(limit - 2); // JSON adds two quotes
    await kvs.set(fresh('big'), exact);
    await rejectsWith(kvs.set(fresh('big'), exact + 'x'), 'MAX_SIZE', 400);
    await rejectsWith(kvs.set(fresh('big'), 'й'.repeat(limit / 2)), 'MAX_SIZE', 400); // 2 bytes per char in UTF-8
  });

  test('should accept depth 31 and reject depth 32 when values nest', async () => {
    const nest = (d: number): unknown => (d === 0 ? 'leaf' : { n: nest(d - 1) });
    await kvs.set(fresh('deep'), nest(31));
    await rejectsWith(kvs.set(fresh('deep'), nest(32)), 'MAX_DEPTH', 400);
    const arrays = (d: number): unknown => (d === 0 ? 1 : [arrays(d - 1)]);
    await rejectsWith(kvs.set(fresh('deep'), arrays(32)), 'MAX_DEPTH', 400);
  });

  test('should reject null as a value when set is called with it', async () => {
    await rejectsWith(kvs.set(fresh('null'), null), 'BAD_REQUEST', 400);
  });
});

describe('wire details', () => {
  test('should answer unknown endpoints with 404 NOT_FOUND when the path is not part of the API', async () => {
    const r = await h.emulator.handle('/api/v1/nope', {});
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { code: 'NOT_FOUND', message: 'Unknown KVS endpoint /api/v1/nope' });
  });

  test('should count reads, writes and queries per path when requests are served', async () => {
    h.emulator.resetStats();
    await kvs.set(fresh('stat'), 1);
    await kvs.get(fresh('stat'));
    await kvs.query().getMany();
    assert.deepEqual(h.emulator.stats, { reads: 1, writes: 1, queries: 1, byPath: { '/api/v1/set': 1, '/api/v1/get': 1, '/api/v1/query': 1 } });
  });
});
