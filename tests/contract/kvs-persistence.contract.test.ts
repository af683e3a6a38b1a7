// Contract: data survives a restart of the emulator (journal replay), torn writes are tolerated,
// and the journal is compacted. Driven through the real `@forge/kvs` client.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Filter, FilterConditions, MetadataField, WhereConditions, kvs } from '@forge/kvs';
import { KvsEmulator } from '../../sandbox/kvs';
import { JOURNAL_FILE } from '../../sandbox/kvs/journal';
import { CONTRACT_ENTITIES, startKvsHarness } from '../helpers/kvs-harness';

const journalLines = (dir: string) => readFileSync(join(dir, JOURNAL_FILE), 'utf8').split('\n').filter(Boolean);

describe('persistence', () => {
  test('should keep keys, secrets, entities, metadata and TTL when the emulator restarts', async () => {
    const h = await startKvsHarness({ persist: true });
    try {
      const t0 = h.now();
      await kvs.set('p:plain', { n: 1 });
      await kvs.setSecret('p:token', 'refresh-123');
      await kvs.entity('ledger-entry').set('p:le-1', { clientId: 'c1', period: '2026-02', amountMinor: 500 });
      await kvs.set('p:short', 'x', { ttl: { value: 1, unit: 'HOURS' } });
      h.advance(1_000);
      await kvs.set('p:plain', { n: 2 });
      await kvs.set('p:gone', 1);
      await kvs.delete('p:gone');
      await kvs.transact().set('p:tx-a', 'a').delete('p:plain').execute();
      const before = h.emulator.snapshot();

      await h.restart();

      assert.deepEqual(h.emulator.snapshot(), before);
      assert.equal(await kvs.getSecret('p:token'), 'refresh-123');
      assert.equal(await kvs.get('p:plain'), undefined);
      assert.equal(await kvs.get('p:tx-a'), 'a');
      const meta = await kvs.get('p:short', { metadataFields: [MetadataField.CREATED_AT, MetadataField.EXPIRE_TIME] });
      assert.deepEqual(meta, { key: 'p:short', value: 'x', createdAt: Math.floor(t0 / 1000), expireTime: new Date(t0 + 3_600_000).toISOString().replace('.000Z', 'Z') });
      const page = await kvs.entity('ledger-entry').query().index('by-client-period', { partition: ['c1'] }).where(WhereConditions.equalTo('2026-02')).getMany();
      assert.deepEqual(page.results.map((r) => r.key), ['p:le-1']);
      h.advance(3_600_000);
      assert.equal(await kvs.get('p:short'), undefined);
    } finally {
      await h.close();
    }
  });

  test('should buffer writes in memory and put them on disk when flush is awaited', async () => {
    const h = await startKvsHarness({ persist: true });
    try {
      const dir = h.dataDir as string;
      const sizeBefore = statSync(join(dir, JOURNAL_FILE)).size;
      await h.emulator.handle('/api/v1/set', { key: 'buf:1', value: 1 });
      assert.equal(statSync(join(dir, JOURNAL_FILE)).size, sizeBefore, 'no synchronous write per operation');
      await h.emulator.flush();
      assert.ok(statSync(join(dir, JOURNAL_FILE)).size > sizeBefore);
      // A copy of the file taken now (as after a crash) already holds the write.
      const copy = mkdtempSync(join(tmpdir(), 'kvs-copy-'));
      writeFileSync(join(copy, JOURNAL_FILE), readFileSync(join(dir, JOURNAL_FILE)));
      const reader = await KvsEmulator.open({ entities: CONTRACT_ENTITIES, dataDir: copy });
      assert.deepEqual(reader.snapshot().keys, { 'buf:1': 1 });
      await reader.close();
      rmSync(copy, { recursive: true, force: true });
    } finally {
      await h.close();
    }
  });

  test('should tolerate a torn last line when the journal was cut mid-append', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kvs-torn-'));
    try {
      const first = await KvsEmulator.open({ entities: CONTRACT_ENTITIES, dataDir: dir });
      await first.handle('/api/v1/set', { key: 'torn:a', value: 'kept' });
      await first.handle('/api/v1/transaction', { set: [{ key: 'torn:tx1', value: 1 }, { key: 'torn:tx2', value: 2 }] });
      await first.flush();
      // Simulate a crash: no close(), and a transaction line torn in the middle of its append.
      appendFileSync(join(dir, JOURNAL_FILE), '{"op":"tx","ops":[{"op":"set","ns":"k","key":"torn:tx3","c":1,"u":1,"value":3},{"op":"se');

      const second = await KvsEmulator.open({ entities: CONTRACT_ENTITIES, dataDir: dir });
      assert.deepEqual(second.snapshot().keys, { 'torn:a': 'kept', 'torn:tx1': 1, 'torn:tx2': 2 });
      assert.ok(readFileSync(join(dir, JOURNAL_FILE), 'utf8').endsWith('\n'), 'the damaged journal is rewritten on open');
      await second.handle('/api/v1/set', { key: 'torn:b', value: 'after' });
      await second.close();

      const third = await KvsEmulator.open({ entities: CONTRACT_ENTITIES, dataDir: dir });
      assert.deepEqual(third.snapshot().keys, { 'torn:a': 'kept', 'torn:tx1': 1, 'torn:tx2': 2, 'torn:b': 'after' });
      await third.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('should compact the journal when it grows past the threshold and keep the latest state', async () => {
    const h = await startKvsHarness({ persist: true, compactAfterLines: 50 });
    try {
      for (let i = 0; i < 300; i++) await kvs.set(`c:${i % 5}`, i);
      await kvs.entity('lock').set('c:lock', { owner: 'z', version: 1 });
      await h.emulator.flush();
      const lines = journalLines(h.dataDir as string);
      assert.ok(lines.length <= 60, `journal has ${lines.length} lines after compaction`);
      await h.restart();
      assert.deepEqual(h.emulator.snapshot().keys, { 'c:0': 295, 'c:1': 296, 'c:2': 297, 'c:3': 298, 'c:4': 299 });
      assert.deepEqual(await kvs.entity('lock').get('c:lock'), { owner: 'z', version: 1 });
    } finally {
      await h.close();
    }
  });

  test('should rewrite the journal to live records only when the emulator closes', async () => {
    const h = await startKvsHarness({ persist: true });
    try {
      await kvs.set('close:a', 1);
      await kvs.set('close:a', 2);
      await kvs.set('close:b', 1);
      await kvs.delete('close:b');
      await kvs.set('close:ttl', 1, { ttl: { value: 1, unit: 'SECONDS' } });
      h.advance(2_000);
      await h.restart();
      assert.deepEqual(journalLines(h.dataDir as string).map((l) => (JSON.parse(l) as { key: string }).key), ['close:a']);
      assert.equal(await kvs.get('close:a'), 2);
    } finally {
      await h.close();
    }
  });

  test('should keep conditional transaction results when the emulator restarts', async () => {
    const h = await startKvsHarness({ persist: true });
    try {
      await kvs
        .transact()
        .set<{ owner: string }>('ptx:claim', { owner: 'first' }, { entityName: 'lock', conditions: new Filter<{ owner: string }>().and('owner', FilterConditions.notExists()) })
        .execute();
      await assert.rejects(
        kvs
          .transact()
          .set<{ owner: string }>('ptx:claim', { owner: 'second' }, { entityName: 'lock', conditions: new Filter<{ owner: string }>().and('owner', FilterConditions.notExists()) })
          .execute(),
      );
      await h.restart();
      assert.deepEqual(await kvs.entity('lock').get('ptx:claim'), { owner: 'first' });
    } finally {
      await h.close();
    }
  });
});
