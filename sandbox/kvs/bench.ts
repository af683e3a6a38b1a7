// Micro-benchmark of the KVS emulator itself (no Forge client, no worker hop): microseconds per
// set, get and one-page prefix query. Called by bench/sandbox.bench.ts; asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KvsEmulator } from './index';

export interface KvsBenchResult {
  setMicros: number;
  getMicros: number;
  queryMicros: number;
}

/** `n` sets of distinct keys, `n` gets, then up to `n` ten-row prefix queries; `persist` adds the on-disk journal. */
export async function benchKvs(n: number, opts: { persist?: boolean } = {}): Promise<KvsBenchResult> {
  const dir = opts.persist ? mkdtempSync(join(tmpdir(), 'kvs-bench-')) : undefined;
  const kvs = await KvsEmulator.open({ entities: [], dataDir: dir });
  try {
    const key = (i: number) => `client:${String(i % 1000).padStart(4, '0')}:item:${String(i).padStart(7, '0')}`;
    let t0 = performance.now();
    for (let i = 0; i < n; i++) await kvs.handle('/api/v1/set', { key: key(i), value: { i, name: 'Item', tags: ['a', 'b'], amountMinor: '125000' } });
    const setMicros = ((performance.now() - t0) * 1000) / n;

    t0 = performance.now();
    for (let i = 0; i < n; i++) await kvs.handle('/api/v1/get', { key: key((i * 7919) % n) });
    const getMicros = ((performance.now() - t0) * 1000) / n;

    const queries = Math.max(1, Math.min(n, 5000));
    t0 = performance.now();
    for (let i = 0; i < queries; i++) {
      const prefix = `client:${String(i % 1000).padStart(4, '0')}:`;
      await kvs.handle('/api/v1/query', { limit: 10, where: [{ property: 'key', condition: 'BEGINS_WITH', values: [prefix] }] });
    }
    const queryMicros = ((performance.now() - t0) * 1000) / queries;
    return { setMicros, getMicros, queryMicros };
  } finally {
    await kvs.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
