// Contract: custom entity get/set/delete, attribute typing and index maintenance through `@forge/kvs`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ForgeKvsAPIError, MetadataField, WhereConditions, kvs } from '@forge/kvs';
import { KvsEmulator } from '../../sandbox/kvs';
import { startKvsHarness, type KvsHarness } from '../helpers/kvs-harness';

let h: KvsHarness;
const ledger = () => kvs.entity<Record<string, unknown>>('ledger-entry');

async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ForgeKvsAPIError, String(e));
    assert.equal(e.code, code, e.message);
    return true;
  });
}

before(async () => {
  h = await startKvsHarness();
});
after(async () => {
  await h.close();
});

describe('entity get/set/delete', () => {
  test('should store and read back an entity when its attributes match the definition', async () => {
    const value = { clientId: 'c1', period: '2026-01', kind: 'fee', amountMinor: 150000, rate: 0.15, settled: false, tags: { any: ['shape', 1] } };
    await ledger().set('e-1', value);
    assert.deepEqual(await ledger().get('e-1'), value);
    const withMeta = await ledger().get('e-1', { metadataFields: [MetadataField.CREATED_AT] });
    assert.deepEqual(withMeta, { key: 'e-1', value, createdAt: Math.floor(h.now() / 1000) });
    assert.equal((h.requests.at(-1)?.body as { entityName: string }).entityName, 'ledger-entry');
  });

  test('should return undefined when the entity key is missing and ignore deleting it', async () => {
    assert.equal(await ledger().get('e-missing'), undefined);
    await ledger().delete('e-missing');
  });

  test('should keep entity keys apart from plain keys when the same key is used', async () => {
    await kvs.set('shared-key', 'plain');
    await ledger().set('shared-key', { clientId: 'c9' });
    assert.equal(await kvs.get('shared-key'), 'plain');
    assert.deepEqual(await ledger().get('shared-key'), { clientId: 'c9' });
    await ledger().delete('shared-key');
    assert.equal(await kvs.get('shared-key'), 'plain');
  });

  test('should honour FAIL_IF_EXISTS and returnValue when setting entities', async () => {
    await ledger().set('e-once', { clientId: 'c1' }, { keyPolicy: 'FAIL_IF_EXISTS' });
    await rejectsWith(ledger().set('e-once', { clientId: 'c2' }, { keyPolicy: 'FAIL_IF_EXISTS' }), 'KEY_CONFLICT');
    const prev = await ledger().set('e-once', { clientId: 'c3' }, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    assert.deepEqual(prev, { key: 'e-once', value: { clientId: 'c1' } });
  });

  test('should expire entities with a TTL and drop them from index queries', async () => {
    await ledger().set('e-ttl', { clientId: 'ttl-client', period: '2026-01' }, { ttl: { value: 1, unit: 'MINUTES' } });
    const q = () => ledger().query().index('by-client-period', { partition: ['ttl-client'] }).getMany();
    assert.equal((await q()).results.length, 1);
    h.advance(60_000);
    assert.equal(await ledger().get('e-ttl'), undefined);
    assert.equal((await q()).results.length, 0);
  });
});

describe('attribute types', () => {
  test('should accept 32-bit integer bounds and reject values outside them', async () => {
    await ledger().set('int-max', { amountMinor: 2147483647 });
    await ledger().set('int-min', { amountMinor: -2147483648 });
    await rejectsWith(ledger().set('int-over', { amountMinor: 2147483648 }), 'INVALID_ENTITY_VALUE');
    await rejectsWith(ledger().set('int-under', { amountMinor: -2147483649 }), 'INVALID_ENTITY_VALUE');
    await rejectsWith(ledger().set('int-frac', { amountMinor: 1.5 }), 'INVALID_ENTITY_VALUE');
    await rejectsWith(ledger().set('int-str', { amountMinor: '100' }), 'INVALID_ENTITY_VALUE');
    assert.equal(await ledger().get('int-over'), undefined);
  });

  test('should reject wrong types for string, float and boolean attributes', async () => {
    await rejectsWith(ledger().set('t-1', { clientId: 42 }), 'INVALID_ENTITY_VALUE');
    await rejectsWith(ledger().set('t-2', { clientId: '   ' }), 'INVALID_ENTITY_VALUE');
    await rejectsWith(ledger().set('t-3', { rate: 'high' }), 'INVALID_ENTITY_VALUE');
    await rejectsWith(ledger().set('t-4', { rate: 1e-200 }), 'INVALID_ENTITY_VALUE');
    await rejectsWith(ledger().set('t-5', { settled: 'yes' }), 'INVALID_ENTITY_VALUE');
    await rejectsWith(ledger().set('t-6', { clientId: null }), 'INVALID_ENTITY_VALUE');
    await ledger().set('t-7', { rate: 0, settled: true });
  });

  test('should reject undeclared attributes and non-object values', async () => {
    await rejectsWith(ledger().set('u-1', { clientId: 'c1', amount: 5 }), 'INVALID_ENTITY_VALUE');
    await rejectsWith(ledger().set('u-2', ['not', 'an', 'object'] as unknown as Record<string, unknown>), 'INVALID_ENTITY_VALUE');
    await rejectsWith(ledger().set('u-3', 'text' as unknown as Record<string, unknown>), 'INVALID_ENTITY_VALUE');
  });

  test('should fail with INVALID_ENTITY_TYPE when the entity is not in the manifest', async () => {
    await rejectsWith(kvs.entity('unknown-entity').set('k', { a: 1 }), 'INVALID_ENTITY_TYPE');
    await rejectsWith(kvs.entity('unknown-entity').get('k'), 'INVALID_ENTITY_TYPE');
  });

  test('should move a row between index partitions when its partition attribute changes', async () => {
    await ledger().set('move-1', { clientId: 'from-client', period: '2026-02' });
    await ledger().set('move-1', { clientId: 'to-client', period: '2026-02' });
    const from = await ledger().query().index('by-client-period', { partition: ['from-client'] }).getMany();
    const to = await ledger().query().index('by-client-period', { partition: ['to-client'] }).where(WhereConditions.equalTo('2026-02')).getMany();
    assert.deepEqual(from.results, []);
    assert.deepEqual(to.results.map((r) => r.key), ['move-1']);
  });

  test('should leave a row out of an index when it lacks the index attributes', async () => {
    await ledger().set('sparse-1', { kind: 'note-only' });
    const byClient = await ledger().query().index('clientId').limit(100).getMany();
    assert.ok(!byClient.results.some((r) => r.key === 'sparse-1'));
    const byKey = await ledger().query().index('by-key').where(WhereConditions.equalTo('sparse-1')).getMany();
    assert.deepEqual(byKey.results.map((r) => r.key), ['sparse-1']);
  });
});

describe('entity size limits', () => {
  test('should reject range values above 900 bytes and partition values above 1,700 bytes', async () => {
    await ledger().set('size-ok', { clientId: 'c'.repeat(900), period: 'p'.repeat(900) });
    await rejectsWith(ledger().set('size-range', { clientId: 'c1', period: 'p'.repeat(901) }), 'INVALID_ENTITY_VALUE');
    await rejectsWith(ledger().set('size-partition', { clientId: 'c'.repeat(1701), period: '2026-01' }), 'INVALID_ENTITY_VALUE');
  });
});

describe('entity definitions', () => {
  test('should refuse definitions beyond the platform limits on entities, attributes and indexes', async () => {
    const attrs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, { type: 'string' as const }]));
    const entity = (name: string) => ({ name, attributes: { a: { type: 'string' as const } } });
    await assert.rejects(KvsEmulator.open({ entities: Array.from({ length: 21 }, (_, i) => entity(`e-${i}`)) }), /at most 20 entities/);
    await assert.rejects(KvsEmulator.open({ entities: [{ name: 'wide', attributes: attrs(51) }] }), /more than 50 attributes/);
    await assert.rejects(KvsEmulator.open({ entities: [{ name: 'ix', attributes: attrs(8), indexes: Array.from({ length: 8 }, (_, i) => `a${i}`) }] }), /more than 7 indexes/);
    await assert.rejects(KvsEmulator.open({ entities: [{ name: 'long', attributes: { ['x'.repeat(31)]: { type: 'string' } } }] }), /longer than 30/);
    const ok = await KvsEmulator.open({ entities: [...Array.from({ length: 19 }, (_, i) => entity(`e-${i}`)), { name: 'max', attributes: attrs(50), indexes: Array.from({ length: 7 }, (_, i) => `a${i}`) }] });
    await ok.close();
  });

  test('should refuse definitions whose indexes use undeclared or any-typed attributes', async () => {
    await assert.rejects(KvsEmulator.open({ entities: [{ name: 'bad', attributes: { a: { type: 'string' } }, indexes: ['b'] }] }), /undeclared attribute "b"/);
    await assert.rejects(KvsEmulator.open({ entities: [{ name: 'bad', attributes: { a: { type: 'any' } }, indexes: ['a'] }] }), /not indexable/);
    await assert.rejects(
      KvsEmulator.open({ entities: [{ name: 'bad', attributes: { a: { type: 'string' }, b: { type: 'string' } }, indexes: [{ name: 'ix', range: ['a', 'b'] }] }] }),
      /exactly one range attribute/,
    );
  });
});
