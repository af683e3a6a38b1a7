// Contract: batch operations (per-item outcome) and transactions (all-or-nothing) through `@forge/kvs`.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Filter, FilterConditions, ForgeKvsAPIError, MetadataField, kvs } from '@forge/kvs';
import { startKvsHarness, type KvsHarness } from '../helpers/kvs-harness';

interface Lock {
  owner?: string;
  version?: number;
  state?: string;
}

let h: KvsHarness;
const locks = () => kvs.entity<Lock>('lock');

async function rejectsWith(p: Promise<unknown>, code: string, status?: number): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ForgeKvsAPIError, String(e));
    assert.equal(e.code, code, e.message);
    if (status !== undefined) assert.equal(e.responseDetails.status, status);
    return true;
  });
}

before(async () => {
  h = await startKvsHarness();
});
after(async () => {
  await h.close();
});
beforeEach(() => {
  h.emulator.resetStats();
});

describe('batch operations', () => {
  test('should write the valid items and report the invalid ones when a batch set partly fails', async () => {
    const r = await kvs.batchSet<unknown>([
      { key: 'b:ok-1', value: 1 },
      { key: 'b bad/key', value: 2 },
      { key: 'b:lock-1', value: { owner: 'ann', version: 1 }, entityName: 'lock' },
      { key: 'b:lock-2', value: { owner: 'ann', version: 2 ** 31 }, entityName: 'lock' },
      { key: 'b:ok-2', value: 'two', options: { ttl: { value: 1, unit: 'MINUTES' } } },
      { key: 'b:ghost', value: {}, entityName: 'ghost-entity' },
    ]);
    assert.deepEqual(r.successfulKeys, [{ key: 'b:ok-1' }, { key: 'b:lock-1', entityName: 'lock' }, { key: 'b:ok-2' }]);
    assert.deepEqual(
      r.failedKeys.map((f) => [f.key, f.entityName, f.error.code]),
      [
        ['b bad/key', undefined, 'INVALID_KEY'],
        ['b:lock-2', 'lock', 'INVALID_ENTITY_VALUE'],
        ['b:ghost', 'ghost-entity', 'INVALID_ENTITY_TYPE'],
      ],
    );
    assert.equal(await kvs.get('b:ok-1'), 1);
    assert.deepEqual(await locks().get('b:lock-1'), { owner: 'ann', version: 1 });
    assert.equal(await locks().get('b:lock-2'), undefined);
    assert.equal(h.emulator.stats.byPath['/api/v1/batch/set'], 1);
  });

  test('should return found items and KEY_NOT_FOUND failures when a batch get mixes both', async () => {
    await kvs.set('bg:a', 'A');
    const r = await kvs.batchGet([{ key: 'bg:a' }, { key: 'bg:missing' }, { key: 'b:lock-1', entityName: 'lock' }]);
    assert.deepEqual(r.successfulKeys, [
      { key: 'bg:a', value: 'A' },
      { key: 'b:lock-1', entityName: 'lock', value: { owner: 'ann', version: 1 } },
    ]);
    assert.deepEqual(r.failedKeys, [{ key: 'bg:missing', error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } }]);
  });

  test('should include metadata per item when a batch get item asks for it', async () => {
    const r = await kvs.batchGet([{ key: 'bg:a', options: { metadataFields: [MetadataField.CREATED_AT] } } as { key: string }]);
    assert.deepEqual(r.successfulKeys, [{ key: 'bg:a', value: 'A', createdAt: Math.floor(h.now() / 1000) }]);
  });

  test('should delete existing items and report missing ones when a batch delete runs', async () => {
    await kvs.set('bd:a', 1);
    const r = await kvs.batchDelete([{ key: 'bd:a' }, { key: 'bd:none' }, { key: 'b:lock-1', entityName: 'lock' }]);
    assert.deepEqual(r.successfulKeys, [{ key: 'bd:a' }, { key: 'b:lock-1', entityName: 'lock' }]);
    assert.deepEqual(r.failedKeys.map((f) => [f.key, f.error.code]), [['bd:none', 'KEY_NOT_FOUND']]);
    assert.equal(await kvs.get('bd:a'), undefined);
  });

  test('should reject the whole request when a batch has more than 25 items', async () => {
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `b26:${i}`, value: i }));
    await rejectsWith(kvs.batchSet(items), 'BATCH_LIMIT_EXCEEDED', 400);
    assert.equal(await kvs.get('b26:0'), undefined);
    const ok = await kvs.batchSet(items.slice(0, 25));
    assert.equal(ok.successfulKeys.length, 25);
  });
});

describe('transactions', () => {
  test('should apply sets and deletes together and count one write when the transaction succeeds', async () => {
    await kvs.set('tx:old', 'x');
    await locks().set('tx:lock', { owner: 'ann', version: 1, state: 'open' });
    h.emulator.resetStats();
    await kvs
      .transact()
      .set('tx:a', { n: 1 })
      .set<Lock>('tx:lock', { owner: 'ann', version: 2, state: 'open' }, { entityName: 'lock', conditions: new Filter<Lock>().and('version', FilterConditions.equalTo(1)) })
      .set('tx:b', 'b', undefined, { ttl: { value: 5, unit: 'SECONDS' } })
      .delete('tx:old')
      .delete('tx:never-existed')
      .execute();
    assert.deepEqual(await kvs.get('tx:a'), { n: 1 });
    assert.deepEqual(await locks().get('tx:lock'), { owner: 'ann', version: 2, state: 'open' });
    assert.equal(await kvs.get('tx:old'), undefined);
    h.advance(5_000);
    assert.equal(await kvs.get('tx:b'), undefined);
    assert.equal(h.emulator.stats.byPath['/api/v1/transaction'], 1);
    const body = h.requests.find((r) => r.path === '/api/v1/transaction')?.body as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['set', 'delete']);
  });

  test('should write nothing and fail with CONDITION_FAILED when one condition does not hold', async () => {
    await locks().set('tx2:lock', { owner: 'bob', version: 7 });
    await kvs.set('tx2:keep', 'kept');
    const before = h.emulator.snapshot();
    await rejectsWith(
      kvs
        .transact()
        .set('tx2:new', 'should not appear')
        .delete('tx2:keep')
        .set<Lock>('tx2:lock', { owner: 'eve', version: 8 }, { entityName: 'lock', conditions: new Filter<Lock>().and('version', FilterConditions.equalTo(6)) })
        .execute(),
      'CONDITION_FAILED',
      409,
    );
    assert.deepEqual(h.emulator.snapshot(), before);
  });

  test('should fail the transaction when check() finds the condition false and pass when it holds', async () => {
    await locks().set('tx3:gate', { state: 'closed' });
    await rejectsWith(
      kvs.transact().set('tx3:out', 1).check('tx3:gate', { entityName: 'lock', conditions: new Filter<Lock>().and('state', FilterConditions.equalTo('open')) }).execute(),
      'CONDITION_FAILED',
    );
    assert.equal(await kvs.get('tx3:out'), undefined);
    await kvs.transact().set('tx3:out', 1).check('tx3:gate', { entityName: 'lock', conditions: new Filter<Lock>().and('state', FilterConditions.equalTo('closed')) }).execute();
    assert.equal(await kvs.get('tx3:out'), 1);
    const txBody = h.requests.filter((r) => r.path === '/api/v1/transaction').at(-1)?.body as { check: unknown[] };
    const checkOp = txBody.check[0];
    assert.deepEqual(checkOp, { key: 'tx3:gate', entityName: 'lock', conditions: { and: [{ property: 'state', condition: 'EQUAL_TO', values: ['closed'] }] } });
  });

  test('should create only once when a conditional set requires the attribute not to exist', async () => {
    const claim = (owner: string) =>
      kvs
        .transact()
        .set<Lock>('tx4:claim', { owner, version: 1 }, { entityName: 'lock', conditions: new Filter<Lock>().and('owner', FilterConditions.notExists()) })
        .set(`tx4:log:${owner}`, 'claimed')
        .execute();
    await claim('first');
    await rejectsWith(claim('second'), 'CONDITION_FAILED');
    assert.deepEqual(await locks().get('tx4:claim'), { owner: 'first', version: 1 });
    assert.equal(await kvs.get('tx4:log:second'), undefined);
  });

  test('should evaluate conditions combined with or when the filter uses or()', async () => {
    await locks().set('tx5:l', { state: 'stale', version: 3 });
    await kvs
      .transact()
      .delete('tx5:l', { entityName: 'lock', conditions: new Filter<Lock>().or('state', FilterConditions.equalTo('done')).or('version', FilterConditions.lessThan(5)) })
      .execute();
    assert.equal(await locks().get('tx5:l'), undefined);
  });

  test('should reject more than 25 operations when a transaction is too large', async () => {
    let tx = kvs.transact();
    for (let i = 0; i < 26; i++) tx = tx.set(`tx6:${i}`, i);
    await rejectsWith(tx.execute(), 'TRANSACTION_LIMIT_EXCEEDED', 400);
    assert.equal(await kvs.get('tx6:0'), undefined);
    let ok = kvs.transact();
    for (let i = 0; i < 24; i++) ok = ok.set(`tx6:${i}`, i);
    await ok.delete('tx6:x').execute();
    assert.equal(await kvs.get('tx6:23'), 23);
  });

  test('should reject a transaction payload above 4 MB', async () => {
    const big = 'x'.repeat(200 * 1024);
    let tx = kvs.transact();
    for (let i = 0; i < 21; i++) tx = tx.set(`tx-big:${i}`, big);
    await rejectsWith(tx.execute(), 'MAX_SIZE', 400);
    assert.equal(await kvs.get('tx-big:0'), undefined);
    let fits = kvs.transact();
    for (let i = 0; i < 20; i++) fits = fits.set(`tx-big:${i}`, big);
    h.emulator.resetStats();
    await fits.execute();
    assert.equal(h.emulator.stats.writes, 1);
  });

  test('should reject a transaction that uses the same key twice', async () => {
    await rejectsWith(kvs.transact().set('tx7:k', 1).delete('tx7:k').execute(), 'DUPLICATE_TRANSACTION_KEYS', 400);
    // The same key string in different namespaces is not a duplicate.
    await kvs.transact().set('tx7:k', 1).set<Lock>('tx7:k', { owner: 'x' }, { entityName: 'lock' }).execute();
    assert.equal(await kvs.get('tx7:k'), 1);
  });

  test('should validate every operation before writing anything when one value is invalid', async () => {
    await rejectsWith(kvs.transact().set('tx8:a', 1).set('tx8:b', { version: 'one' }, { entityName: 'lock' }).execute(), 'INVALID_ENTITY_VALUE');
    await rejectsWith(kvs.transact().set('tx8:a', 1).set('bad key/', 2).execute(), 'INVALID_KEY');
    assert.equal(await kvs.get('tx8:a'), undefined);
  });

  test('should reject conditions on plain keys and an empty transaction', async () => {
    const r = await h.emulator.handle('/api/v1/transaction', { set: [{ key: 'p', value: 1, conditions: { and: [{ property: 'x', condition: 'EXISTS', values: [true] }] } }] });
    assert.equal(r.status, 400);
    await rejectsWith(kvs.transact().execute(), 'BAD_REQUEST', 400);
  });
});
