// The money feature's storage primitive: versioned records in custom entities, written together in
// one conditional KVS transaction (≤ 25 ops). Every record is `{ <indexed attributes>, version, data }`;
// a write either creates (condition: version NOT_EXISTS) or replaces the version it read (condition:
// version EQUAL_TO n). A conflicting writer makes the whole transaction fail with nothing written;
// `withRetry` re-reads and tries again, so concurrent writers serialise without locks.
import { Filter, FilterConditions, Sort, WhereConditions, kvs } from '@forge/kvs';
import type { z } from 'zod';
import { StoredDataError } from '../platform/kv';
import { ConflictError, ValidationError } from '../shared/errors';

export const MONEY_ENTITY = {
  ledger: 'ledger-entry',
  doc: 'money-doc',
  invoice: 'invoice',
  payment: 'payment',
  worklog: 'worklog',
} as const;
export type MoneyEntity = (typeof MONEY_ENTITY)[keyof typeof MONEY_ENTITY];

export type IndexValue = string | number | boolean;

/** How a record sits in its entity. */
export interface StoredRecord {
  version: number;
  data: unknown;
  [attribute: string]: unknown;
}

export interface Versioned<T> {
  value: T;
  version: number;
}

/** At most this many operations per transaction (platform limit). */
export const MAX_TX_OPS = 25;

export interface Write {
  entity: MoneyEntity;
  key: string;
  data: unknown;
  /** Indexed attributes; undefined and '' are left out (sparse indexes). */
  attrs?: Record<string, IndexValue | undefined>;
  /** 'absent': create only; a number: replace exactly that version. */
  expect: 'absent' | number;
}

function parse<S extends z.ZodType>(entity: string, key: string, raw: StoredRecord | undefined, schema: S): Versioned<z.infer<S>> | undefined {
  if (raw === undefined || raw === null) return undefined;
  const r = schema.safeParse(raw.data);
  if (!r.success) throw new StoredDataError(`${entity}/${key}`, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return { value: r.data, version: typeof raw.version === 'number' ? raw.version : 0 };
}

export async function readRecord<S extends z.ZodType>(entity: MoneyEntity, key: string, schema: S): Promise<Versioned<z.infer<S>> | undefined> {
  const raw = await kvs.entity<StoredRecord>(entity).get(key);
  return parse(entity, key, raw ?? undefined, schema);
}

/** Many records by key (batches of 25); missing keys are absent from the map. */
export async function readRecords<S extends z.ZodType>(entity: MoneyEntity, keys: readonly string[], schema: S): Promise<Map<string, Versioned<z.infer<S>>>> {
  const out = new Map<string, Versioned<z.infer<S>>>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += 25) {
    const chunk = unique.slice(i, i + 25);
    const res = await kvs.batchGet<StoredRecord>(chunk.map((key) => ({ entityName: entity, key })));
    for (const item of res.successfulKeys) {
      const v = parse(entity, item.key, item.value, schema);
      if (v) out.set(item.key, v);
    }
  }
  return out;
}

export interface IndexQuery {
  partition?: IndexValue[];
  beginsWith?: string;
  between?: [string, string];
  equals?: IndexValue;
  limit?: number;
  descending?: boolean;
}

/** Records of an index, following cursors (up to `limit` when given). */
export async function queryRecords<S extends z.ZodType>(entity: MoneyEntity, index: string, q: IndexQuery, schema: S): Promise<Array<Versioned<z.infer<S>> & { key: string }>> {
  const out: Array<Versioned<z.infer<S>> & { key: string }> = [];
  let cursor: string | undefined;
  do {
    let b = kvs
      .entity<StoredRecord>(entity)
      .query()
      .index(index, q.partition ? { partition: q.partition } : undefined);
    if (q.beginsWith !== undefined) b = b.where(WhereConditions.beginsWith(q.beginsWith));
    else if (q.between) b = b.where(WhereConditions.between(q.between[0], q.between[1]));
    else if (q.equals !== undefined) b = b.where(WhereConditions.equalTo(q.equals));
    if (q.descending) b = b.sort(Sort.DESC);
    b = b.limit(Math.min(100, q.limit ? q.limit - out.length : 100));
    if (cursor) b = b.cursor(cursor);
    const page = await b.getMany();
    for (const r of page.results) {
      const v = parse(entity, r.key, r.value, schema);
      if (v) out.push({ ...v, key: r.key });
    }
    cursor = page.nextCursor;
  } while (cursor && (q.limit === undefined || out.length < q.limit));
  return out;
}

function conditionFor(expect: Write['expect']): ReturnType<Filter<StoredRecord>['and']> {
  const f = new Filter<StoredRecord>();
  return expect === 'absent' ? f.and('version', FilterConditions.notExists()) : f.and('version', FilterConditions.equalTo(expect));
}

export function recordValue(w: Write): StoredRecord {
  const attrs = Object.fromEntries(Object.entries(w.attrs ?? {}).filter(([, v]) => v !== undefined && v !== ''));
  return { ...attrs, version: w.expect === 'absent' ? 1 : w.expect + 1, data: w.data };
}

/** A 409 from KVS: a condition did not hold (another writer was first). */
function isConflict(e: unknown): boolean {
  const status = (e as { responseDetails?: { status?: number } } | null)?.responseDetails?.status;
  return status === 409;
}

/** Writes all or nothing. 'conflict' when a condition failed (nothing was written). */
export async function commit(writes: readonly Write[]): Promise<'ok' | 'conflict'> {
  if (writes.length === 0) return 'ok';
  if (writes.length > MAX_TX_OPS) throw new ValidationError(`One money transaction may change at most ${MAX_TX_OPS} records, this one needs ${writes.length}`);
  const seen = new Set<string>();
  let tx = kvs.transact();
  for (const w of writes) {
    const id = `${w.entity}\u0000${w.key}`;
    if (seen.has(id)) throw new Error(`money transaction writes ${w.entity}/${w.key} twice`);
    seen.add(id);
    tx = tx.set<StoredRecord>(w.key, recordValue(w), { entityName: w.entity, conditions: conditionFor(w.expect) });
  }
  try {
    await tx.execute();
    return 'ok';
  } catch (e) {
    if (isConflict(e)) return 'conflict';
    throw e;
  }
}

export type Attempt<T> = { done: T } | { writes: Write[]; result: T };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Optimistic concurrency: `attempt` reads what it needs and returns the writes (or `done` when there is
 * nothing to do, e.g. an idempotent replay). On a conflict it runs again on fresh reads, with jittered
 * back-off. Gives up with a ConflictError after `attempts` tries.
 */
export async function withRetry<T>(what: string, attempt: () => Promise<Attempt<T>>, opts: { attempts?: number } = {}): Promise<T> {
  const max = opts.attempts ?? 40;
  for (let i = 0; i < max; i++) {
    const a = await attempt();
    if ('done' in a) return a.done;
    if ((await commit(a.writes)) === 'ok') return a.result;
    await sleep(Math.random() * Math.min(250, 4 * 2 ** Math.min(i, 6)));
  }
  throw new ConflictError(`${what}: too many concurrent changes; try again`, {});
}
