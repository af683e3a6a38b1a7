// The Forge KVS + Custom Entity Store, emulated: the `/api/v1/*` wire contract that `@forge/kvs`
// speaks (see docs/forge-platform.md §4.4 and §2.6), with production's limits, TTL on the
// sandbox's virtual clock, and an append-only journal on disk so a restart keeps the data.
//
// Everything inside `handle()` runs synchronously on one thread, so every request — including a
// 25-operation transaction — is atomic with respect to every other request.
import type { EmulatorResponse } from '../core/types';
import { matchGroup, parseFilterGroup, parseRange, rangeBounds, type FilterGroup, type RangeCondition } from './conditions';
import { decodeCursor, encodeCursor } from './cursor';
import { KvsError, badRequest, type KvsErrorCode } from './errors';
import { Journal, delLine, setLine, txLine, type JournalOp } from './journal';
import { BY_KEY_INDEX, compileEntities, type CompiledEntity, type CompiledIndex, type EntityDef } from './schema';
import { SortedIndex, compareEntry, type IndexEntry, type Scalar } from './sorted-index';
import {
  DEFAULT_PAGE,
  MAX_BATCH,
  MAX_PAGE,
  MAX_TRANSACTION_BYTES,
  MAX_TRANSACTION_OPS,
  isObject,
  matchesIndexType,
  requireObject,
  validateEntityValue,
  validateGetOptions,
  validateKey,
  validateSetOptions,
  validateValue,
  type MetadataField,
} from './validate';

export type { EntityDef, AttributeType } from './schema';
export { KvsError } from './errors';

export interface KvsEmulatorOptions {
  /** From manifest.yml `app.storage.entities`. */
  entities: EntityDef[];
  /** Persist here; undefined keeps everything in memory. */
  dataDir?: string;
  /** Virtual clock (ms) for TTL and metadata; defaults to `Date.now`. */
  now?: () => number;
  /** Journal lines before a compaction is considered (default 50,000; also never below 2× live records). */
  compactAfterLines?: number;
}

export interface KvsStats {
  reads: number;
  writes: number;
  queries: number;
  byPath: Record<string, number>;
}

export interface KvsSnapshot {
  keys: Record<string, unknown>;
  /** Secret key names only, sorted. */
  secrets: string[];
  entities: Record<string, Record<string, unknown>>;
}

interface Rec {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expireAt?: number;
}

interface Space {
  /** Journal namespace: `k` plain keys, `s` secrets, `e:<entity>`. */
  id: string;
  records: Map<string, Rec>;
  entity?: CompiledEntity;
  indexes: Array<{ def: CompiledIndex; tree: SortedIndex }>;
}

interface Row {
  key: string;
  rec: Rec;
}

const PLAIN_INDEX: CompiledIndex = { name: 'kvs', partition: [], partitionTypes: [], range: null, rangeType: 'string' };
const DEFAULT_COMPACT_AFTER = 50_000;

const READ_PATHS = new Set(['/api/v1/get', '/api/v1/secret/get', '/api/v1/entity/get', '/api/v1/batch/get']);
const QUERY_PATHS = new Set(['/api/v1/query', '/api/v1/entity/query']);
// Batches and transactions count as one request each (the platform meters them as cheaper units).
const WRITE_PATHS = new Set([
  '/api/v1/set',
  '/api/v1/delete',
  '/api/v1/secret/set',
  '/api/v1/secret/delete',
  '/api/v1/entity/set',
  '/api/v1/entity/delete',
  '/api/v1/batch/set',
  '/api/v1/batch/delete',
  '/api/v1/transaction',
]);

function isLive(rec: Rec, now: number): boolean {
  return rec.expireAt === undefined || rec.expireAt > now;
}

/** Index entry of a record, or undefined when the value lacks the index's attributes (sparse index). */
function entryFor(def: CompiledIndex, key: string, value: unknown): IndexEntry | undefined {
  if (def.range === null) return { p: '', r: key, k: key };
  if (!isObject(value)) return undefined;
  const r = value[def.range];
  if (!matchesIndexType(def.rangeType, r)) return undefined;
  let p = '';
  if (def.partition.length > 0) {
    const parts: unknown[] = [];
    for (let i = 0; i < def.partition.length; i++) {
      const v = value[def.partition[i] as string];
      if (!matchesIndexType(def.partitionTypes[i] as CompiledIndex['rangeType'], v)) return undefined;
      parts.push(v);
    }
    p = JSON.stringify(parts);
  }
  return { p, r: r as Scalar, k: key };
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function isoSeconds(ms: number): string {
  return new Date(seconds(ms) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Adds the requested metadata: createdAt/updatedAt as epoch seconds, expireTime as ISO text (unverified units). */
function withMeta(out: Record<string, unknown>, rec: Rec, fields: readonly MetadataField[]): Record<string, unknown> {
  for (const f of fields) {
    if (f === 'CREATED_AT') out.createdAt = seconds(rec.createdAt);
    else if (f === 'UPDATED_AT') out.updatedAt = seconds(rec.updatedAt);
    else if (f === 'EXPIRE_TIME' && rec.expireAt !== undefined) out.expireTime = isoSeconds(rec.expireAt);
  }
  return out;
}

function pageLimit(raw: unknown, tooBig: KvsErrorCode, tooSmall: KvsErrorCode): number {
  if (raw === undefined) return DEFAULT_PAGE;
  if (typeof raw !== 'number' || !Number.isInteger(raw)) throw badRequest('limit must be an integer');
  if (raw > MAX_PAGE) throw new KvsError(tooBig, `The page limit must be between 1 and ${MAX_PAGE}, got ${raw}`);
  if (raw < 1) throw new KvsError(tooSmall, `The page limit must be between 1 and ${MAX_PAGE}, got ${raw}`);
  return raw;
}

function optionalArray(raw: unknown, name: string): unknown[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw badRequest(`${name} must be an array`);
  return raw;
}

function errorBody(e: KvsError): EmulatorResponse {
  return { status: e.status, body: { code: e.code, message: e.message } };
}

export class KvsEmulator {
  readonly stats: KvsStats = { reads: 0, writes: 0, queries: 0, byPath: {} };
  private readonly plain: Space = { id: 'k', records: new Map(), indexes: [{ def: PLAIN_INDEX, tree: new SortedIndex() }] };
  private readonly secrets: Space = { id: 's', records: new Map(), indexes: [] };
  private readonly entities = new Map<string, Space>();
  private readonly now: () => number;
  private readonly compactAfter: number;
  private journal: Journal | null = null;
  private closed = false;

  private constructor(opts: KvsEmulatorOptions) {
    this.now = opts.now ?? Date.now;
    this.compactAfter = opts.compactAfterLines ?? DEFAULT_COMPACT_AFTER;
    for (const entity of compileEntities(opts.entities).values()) {
      this.entities.set(entity.name, {
        id: `e:${entity.name}`,
        records: new Map(),
        entity,
        indexes: entity.indexes.map((def) => ({ def, tree: new SortedIndex() })),
      });
    }
  }

  /** Opens the store, replaying the journal in `dataDir` when there is one. */
  static async open(opts: KvsEmulatorOptions): Promise<KvsEmulator> {
    const emu = new KvsEmulator(opts);
    if (opts.dataDir !== undefined) {
      const { journal, replay } = await Journal.open(opts.dataDir);
      emu.journal = journal;
      for (const op of replay.ops) emu.replay(op);
      // A torn tail would glue itself to the next appended line: rewrite the file first.
      if (replay.damaged || journal.linesInFile > emu.compactionThreshold()) {
        journal.requestCompaction(() => emu.dumpLines());
        await journal.flush();
      }
    }
    return emu;
  }

  /**
   * Serves one `/api/v1/*` request; never throws (errors become `{code, message}` responses).
   * Takes a parsed JSON body; response bodies share stored values, so callers serialise them
   * (as the runtime and the test harness do) and never mutate them.
   */
  async handle(path: string, body: unknown): Promise<EmulatorResponse> {
    this.stats.byPath[path] = (this.stats.byPath[path] ?? 0) + 1;
    if (READ_PATHS.has(path)) this.stats.reads++;
    else if (QUERY_PATHS.has(path)) this.stats.queries++;
    else if (WRITE_PATHS.has(path)) this.stats.writes++;
    if (this.closed) return { status: 503, body: { code: 'INTERNAL_SERVER_ERROR', message: 'The KVS emulator is closed' } };
    try {
      return this.dispatch(path, body);
    } catch (e) {
      if (e instanceof KvsError) return errorBody(e);
      return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: `An internal server error has occurred: ${(e as Error).message}` } };
    }
  }

  resetStats(): void {
    this.stats.reads = 0;
    this.stats.writes = 0;
    this.stats.queries = 0;
    for (const k of Object.keys(this.stats.byPath)) delete this.stats.byPath[k];
  }

  /** Live (unexpired) contents, deep-copied, for comparing end states in tests. */
  snapshot(): KvsSnapshot {
    const now = this.now();
    const keys: Record<string, unknown> = {};
    for (const [k, rec] of this.plain.records) if (isLive(rec, now)) keys[k] = structuredClone(rec.value);
    const secrets = [...this.secrets.records].filter(([, rec]) => isLive(rec, now)).map(([k]) => k).sort();
    const entities: Record<string, Record<string, unknown>> = {};
    for (const [name, space] of this.entities) {
      const out: Record<string, unknown> = {};
      for (const [k, rec] of space.records) if (isLive(rec, now)) out[k] = structuredClone(rec.value);
      entities[name] = out;
    }
    return { keys, secrets, entities };
  }

  /** Waits until every accepted write is on disk. */
  async flush(): Promise<void> {
    await this.journal?.flush();
  }

  /** Flushes, compacts the journal when it holds superseded lines, and stops serving. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const journal = this.journal;
    if (!journal) return;
    if (journal.linesInFile > this.liveCount()) journal.requestCompaction(() => this.dumpLines());
    await journal.close();
    this.journal = null;
  }

  // --- dispatch -------------------------------------------------------------------------

  private dispatch(path: string, body: unknown): EmulatorResponse {
    switch (path) {
      case '/api/v1/get':
        return this.get(this.plain, body);
      case '/api/v1/set':
        return this.set(this.plain, body);
      case '/api/v1/delete':
        return this.delete(this.plain, body);
      case '/api/v1/secret/get':
        return this.get(this.secrets, body);
      case '/api/v1/secret/set':
        return this.set(this.secrets, body);
      case '/api/v1/secret/delete':
        return this.delete(this.secrets, body);
      case '/api/v1/entity/get':
        return this.get(this.entitySpace(requireObject(body).entityName), body);
      case '/api/v1/entity/set':
        return this.set(this.entitySpace(requireObject(body).entityName), body);
      case '/api/v1/entity/delete':
        return this.delete(this.entitySpace(requireObject(body).entityName), body);
      case '/api/v1/query':
        return this.query(body);
      case '/api/v1/entity/query':
        return this.queryEntity(body);
      case '/api/v1/batch/set':
        return this.batchSet(body);
      case '/api/v1/batch/get':
        return this.batchGet(body);
      case '/api/v1/batch/delete':
        return this.batchDelete(body);
      case '/api/v1/transaction':
        return this.transact(body);
      default:
        throw new KvsError('NOT_FOUND', `Unknown KVS endpoint ${path}`);
    }
  }

  private entitySpace(name: unknown): Space {
    if (typeof name !== 'string' || name.length === 0) throw badRequest('entityName is required');
    const space = this.entities.get(name);
    if (!space) throw new KvsError('INVALID_ENTITY_TYPE', `Entity "${name}" is not defined in the manifest (app.storage.entities)`);
    return space;
  }

  // --- single-key operations -------------------------------------------------------------

  private get(space: Space, body: unknown): EmulatorResponse {
    const b = requireObject(body);
    const key = validateKey(b.key);
    const fields = validateGetOptions(b.options);
    const rec = this.live(space, key, this.now());
    if (!rec) throw new KvsError('KEY_NOT_FOUND', 'Provided key does not exist');
    const out: Record<string, unknown> = { key, value: rec.value };
    if (space.entity) out.entityName = space.entity.name;
    return { status: 200, body: withMeta(out, rec, fields) };
  }

  private set(space: Space, body: unknown): EmulatorResponse {
    const b = requireObject(body);
    const key = validateKey(b.key);
    const json = validateValue(b.value);
    if (space.entity) validateEntityValue(space.entity, b.value);
    const opts = validateSetOptions(b.options, true);
    const now = this.now();
    const prev = this.live(space, key, now);
    if (opts.failIfExists && prev) throw new KvsError('KEY_CONFLICT', `Key "${key}" already exists and keyPolicy is FAIL_IF_EXISTS`);
    const { rec, line } = this.put(space, key, json, opts.ttlMs, prev, now);
    this.log(line);
    if (opts.returnValue === 'LATEST') return { status: 200, body: withMeta({ key, value: rec.value }, rec, opts.returnMetadataFields) };
    if (opts.returnValue === 'PREVIOUS' && prev) return { status: 200, body: withMeta({ key, value: prev.value }, prev, opts.returnMetadataFields) };
    return { status: 204 };
  }

  private delete(space: Space, body: unknown): EmulatorResponse {
    const b = requireObject(body);
    const key = validateKey(b.key);
    if (!this.live(space, key, this.now())) throw new KvsError('KEY_NOT_FOUND', 'Provided key does not exist');
    this.removeRecord(space, key);
    this.log(delLine(space.id, key));
    return { status: 204 };
  }

  // --- queries -----------------------------------------------------------------------------

  private query(body: unknown): EmulatorResponse {
    const b = requireObject(body);
    const limit = pageLimit(b.limit, 'LIST_QUERY_LIMIT_EXCEEDED', 'BAD_REQUEST');
    let range: RangeCondition | undefined;
    const where = optionalArray(b.where, 'where');
    if (where.length > 1) throw badRequest('Only one where condition is supported');
    const w = where[0];
    if (w !== undefined) {
      if (!isObject(w) || w.property !== 'key' || w.condition !== 'BEGINS_WITH' || !Array.isArray(w.values) || typeof w.values[0] !== 'string')
        throw badRequest('The Key-Value Store only supports where("key", beginsWith(prefix))');
      range = { condition: 'BEGINS_WITH', values: [w.values[0]] };
    }
    const fields = validateGetOptions(b.options);
    const ix = this.plain.indexes[0] as Space['indexes'][number];
    const page = this.scan(this.plain, ix.tree, '', range, 'ASC', limit, b.after, 'kvs');
    const data = page.rows.map((r) => withMeta({ key: r.key, value: r.rec.value }, r.rec, fields));
    return { status: 200, body: page.cursor === undefined ? { data } : { data, cursor: page.cursor } };
  }

  private queryEntity(body: unknown): EmulatorResponse {
    const b = requireObject(body);
    const space = this.entitySpace(b.entityName);
    const entity = space.entity as CompiledEntity;
    if (typeof b.indexName !== 'string') throw badRequest('indexName is required');
    const ix = space.indexes.find((i) => i.def.name === b.indexName);
    if (!ix) {
      const names = space.indexes.map((i) => i.def.name).join(', ');
      throw new KvsError('INVALID_ENTITY_INDEX', `Entity "${entity.name}" has no index "${b.indexName}" (indexes: ${names})`);
    }
    const p = this.partitionKey(ix.def, b.partition);
    const range = parseRange(b.range, ix.def);
    const filters = parseFilterGroup(b.filters, entity);
    const sort = b.sort ?? 'ASC';
    if (sort !== 'ASC' && sort !== 'DESC') throw badRequest('sort must be ASC or DESC');
    const limit = pageLimit(b.limit, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    const fields = validateGetOptions(b.options);
    const page = this.scan(space, ix.tree, p, range, sort, limit, b.cursor, `${entity.name}/${ix.def.name}`);
    // Filters run after the page is cut, as in production: a page may be short or empty yet carry a cursor.
    const rows = filters ? page.rows.filter((r) => matchGroup(r.rec.value, filters)) : page.rows;
    const data = rows.map((r) => withMeta({ key: r.key, value: r.rec.value }, r.rec, fields));
    return { status: 200, body: page.cursor === undefined ? { data } : { data, cursor: page.cursor } };
  }

  private partitionKey(def: CompiledIndex, raw: unknown): string {
    if (def.partition.length === 0) {
      if (raw !== undefined && !(Array.isArray(raw) && raw.length === 0)) throw badRequest(`Index "${def.name}" has no partition`);
      return '';
    }
    const need = `[${def.partition.join(', ')}]`;
    if (!Array.isArray(raw) || raw.length !== def.partition.length)
      throw badRequest(`Index "${def.name}" needs partition values for ${need}, in this order`);
    raw.forEach((v, i) => {
      const type = def.partitionTypes[i] as CompiledIndex['rangeType'];
      if (!matchesIndexType(type, v)) throw badRequest(`Partition value ${i + 1} of index "${def.name}" must be of type ${type}, got ${JSON.stringify(v)}`);
    });
    return JSON.stringify(raw);
  }

  /** Walks one page of an index: partition → range → cursor → up to `limit` live rows. */
  private scan(space: Space, tree: SortedIndex, p: string, range: RangeCondition | undefined, sort: 'ASC' | 'DESC', limit: number, cursorRaw: unknown, scope: string): { rows: Row[]; cursor?: string } {
    let [start, end] = tree.partition(p);
    [start, end] = rangeBounds(tree, start, end, range);
    if (cursorRaw !== undefined) {
      const c = decodeCursor(cursorRaw, scope, p);
      if (sort === 'ASC') start = tree.rowBound(start, end, c.r, c.k, false);
      else end = tree.rowBound(start, end, c.r, c.k, true);
    }
    const now = this.now();
    const rows: Row[] = [];
    let expired: string[] | undefined;
    let last: IndexEntry | undefined;
    const entries = tree.entries;
    const asc = sort === 'ASC';
    let i = asc ? start : end - 1;
    while (rows.length < limit && (asc ? i < end : i >= start)) {
      const entry = entries[i] as IndexEntry;
      i += asc ? 1 : -1;
      const rec = space.records.get(entry.k);
      if (!rec) continue;
      if (!isLive(rec, now)) {
        (expired ??= []).push(entry.k);
        continue;
      }
      rows.push({ key: entry.k, rec });
      last = entry;
    }
    if (expired) for (const k of expired) this.removeRecord(space, k);
    const more = asc ? i < end : i >= start;
    const cursor = more && last ? encodeCursor({ scope, p, r: last.r, k: last.k }) : undefined;
    return cursor === undefined ? { rows } : { rows, cursor };
  }

  // --- batches -----------------------------------------------------------------------------

  private batchItems(body: unknown): unknown[] {
    if (!Array.isArray(body)) throw badRequest('A batch request body must be an array of items');
    if (body.length > MAX_BATCH) throw new KvsError('BATCH_LIMIT_EXCEEDED', `A batch may hold at most ${MAX_BATCH} items, got ${body.length}`);
    return body;
  }

  /** Runs `fn` per item; validation problems fail only that item. */
  private eachItem<T>(items: unknown[], fn: (item: Record<string, unknown>, space: Space, key: string) => T): { ok: T[]; failed: Array<Record<string, unknown>> } {
    const ok: T[] = [];
    const failed: Array<Record<string, unknown>> = [];
    for (const raw of items) {
      const item = isObject(raw) ? raw : {};
      const ref: Record<string, unknown> = { key: typeof item.key === 'string' ? item.key : '' };
      if (item.entityName !== undefined) ref.entityName = item.entityName;
      try {
        if (!isObject(raw)) throw badRequest('A batch item must be an object');
        const space = item.entityName === undefined ? this.plain : this.entitySpace(item.entityName);
        ok.push(fn(item, space, validateKey(item.key)));
      } catch (e) {
        if (!(e instanceof KvsError)) throw e;
        failed.push({ ...ref, error: { code: e.code, message: e.message } });
      }
    }
    return { ok, failed };
  }

  private static ref(key: string, space: Space): Record<string, unknown> {
    return space.entity ? { key, entityName: space.entity.name } : { key };
  }

  private batchSet(body: unknown): EmulatorResponse {
    const now = this.now();
    const { ok, failed } = this.eachItem(this.batchItems(body), (item, space, key) => {
      const json = validateValue(item.value);
      if (space.entity) validateEntityValue(space.entity, item.value);
      const opts = validateSetOptions(item.options, false);
      const { line } = this.put(space, key, json, opts.ttlMs, this.live(space, key, now), now);
      this.log(line);
      return KvsEmulator.ref(key, space);
    });
    return { status: 200, body: { successfulKeys: ok, failedKeys: failed } };
  }

  private batchGet(body: unknown): EmulatorResponse {
    const now = this.now();
    const { ok, failed } = this.eachItem(this.batchItems(body), (item, space, key) => {
      const fields = validateGetOptions(item.options);
      const rec = this.live(space, key, now);
      if (!rec) throw new KvsError('KEY_NOT_FOUND', 'Provided key does not exist');
      return withMeta({ ...KvsEmulator.ref(key, space), value: rec.value }, rec, fields);
    });
    return { status: 200, body: { successfulKeys: ok, failedKeys: failed } };
  }

  private batchDelete(body: unknown): EmulatorResponse {
    const now = this.now();
    const { ok, failed } = this.eachItem(this.batchItems(body), (_item, space, key) => {
      if (!this.live(space, key, now)) throw new KvsError('KEY_NOT_FOUND', 'Provided key does not exist');
      this.removeRecord(space, key);
      this.log(delLine(space.id, key));
      return KvsEmulator.ref(key, space);
    });
    return { status: 200, body: { successfulKeys: ok, failedKeys: failed } };
  }

  // --- transactions ----------------------------------------------------------------------

  private transact(body: unknown): EmulatorResponse {
    const b = requireObject(body);
    const raw = { set: optionalArray(b.set, 'set'), delete: optionalArray(b.delete, 'delete'), check: optionalArray(b.check, 'check') };
    const total = raw.set.length + raw.delete.length + raw.check.length;
    if (total === 0) throw badRequest('A transaction needs at least one operation');
    if (total > MAX_TRANSACTION_OPS) throw new KvsError('TRANSACTION_LIMIT_EXCEEDED', `A transaction may hold at most ${MAX_TRANSACTION_OPS} operations, got ${total}`);

    interface Planned {
      kind: 'set' | 'delete' | 'check';
      space: Space;
      key: string;
      json?: string;
      ttlMs?: number;
      conditions?: FilterGroup;
    }
    const planned: Planned[] = [];
    const seen = new Set<string>();
    let bytes = 0;
    for (const kind of ['set', 'delete', 'check'] as const) {
      for (const rawOp of raw[kind]) {
        const op = requireObject(rawOp);
        const space = op.entityName === undefined || op.entityName === null ? this.plain : this.entitySpace(op.entityName);
        const key = validateKey(op.key);
        const id = `${space.id}\u0000${key}`;
        if (seen.has(id)) throw new KvsError('DUPLICATE_TRANSACTION_KEYS', `Key "${key}" is used more than once in the transaction`);
        seen.add(id);
        const p: Planned = { kind, space, key };
        if (op.conditions !== undefined && op.conditions !== null) {
          if (!space.entity) throw badRequest('conditions are only supported on custom entity operations');
          p.conditions = parseFilterGroup(op.conditions, space.entity);
        }
        if (kind === 'check' && (!space.entity || !p.conditions)) throw badRequest('check() needs an entityName and conditions');
        if (kind === 'set') {
          p.json = validateValue(op.value);
          if (space.entity) validateEntityValue(space.entity, op.value);
          p.ttlMs = validateSetOptions(op.options, false).ttlMs;
          bytes += p.json.length;
        }
        bytes += key.length;
        planned.push(p);
      }
    }
    if (bytes > MAX_TRANSACTION_BYTES) throw new KvsError('MAX_SIZE', `A transaction payload may be at most ${MAX_TRANSACTION_BYTES} bytes`);

    // All conditions are evaluated against the state before the transaction; any failure writes nothing.
    const now = this.now();
    const failedKeys: string[] = [];
    for (const p of planned) {
      if (p.conditions && !matchGroup(this.live(p.space, p.key, now)?.value, p.conditions)) failedKeys.push(p.key);
    }
    if (failedKeys.length > 0)
      throw new KvsError('CONDITION_FAILED', `Transaction cancelled: conditions not met for key(s) ${failedKeys.map((k) => `"${k}"`).join(', ')}`);

    const lines: string[] = [];
    for (const p of planned) {
      if (p.kind === 'set') lines.push(this.put(p.space, p.key, p.json as string, p.ttlMs, this.live(p.space, p.key, now), now).line);
      else if (p.kind === 'delete' && p.space.records.has(p.key)) {
        this.removeRecord(p.space, p.key);
        lines.push(delLine(p.space.id, p.key));
      }
    }
    if (lines.length > 0) this.log(txLine(lines));
    return { status: 204 };
  }

  // --- storage internals ------------------------------------------------------------------

  /** The record if present and unexpired; expired records are dropped on sight. */
  private live(space: Space, key: string, now: number): Rec | undefined {
    const rec = space.records.get(key);
    if (!rec) return undefined;
    if (isLive(rec, now)) return rec;
    this.removeRecord(space, key);
    return undefined;
  }

  private put(space: Space, key: string, json: string, ttlMs: number | undefined, prev: Rec | undefined, now: number): { rec: Rec; line: string } {
    const rec: Rec = { value: JSON.parse(json) as unknown, createdAt: prev?.createdAt ?? now, updatedAt: now };
    if (ttlMs !== undefined) rec.expireAt = now + ttlMs;
    this.putRecord(space, key, rec);
    return { rec, line: setLine(space.id, key, rec.createdAt, rec.updatedAt, rec.expireAt, json) };
  }

  private putRecord(space: Space, key: string, rec: Rec): void {
    const old = space.records.get(key);
    for (const ix of space.indexes) {
      const before = old ? entryFor(ix.def, key, old.value) : undefined;
      const after = entryFor(ix.def, key, rec.value);
      if (before && after && compareEntry(before, after) === 0) continue;
      if (before) ix.tree.remove(before);
      if (after) ix.tree.insert(after);
    }
    space.records.set(key, rec);
  }

  private removeRecord(space: Space, key: string): void {
    const old = space.records.get(key);
    if (!old) return;
    for (const ix of space.indexes) {
      const e = entryFor(ix.def, key, old.value);
      if (e) ix.tree.remove(e);
    }
    space.records.delete(key);
  }

  private spaceById(id: string): Space | undefined {
    if (id === 'k') return this.plain;
    if (id === 's') return this.secrets;
    if (id.startsWith('e:')) return this.entities.get(id.slice(2));
    return undefined;
  }

  private replay(op: JournalOp): void {
    if (op.op === 'tx') {
      for (const inner of op.ops) this.replay(inner);
      return;
    }
    // Data of an entity no longer in the manifest is dropped (it vanishes at the next compaction).
    const space = this.spaceById(op.ns);
    if (!space) return;
    if (op.op === 'del') this.removeRecord(space, op.key);
    else {
      const rec: Rec = { value: op.value, createdAt: op.c, updatedAt: op.u };
      if (typeof op.x === 'number') rec.expireAt = op.x;
      this.putRecord(space, op.key, rec);
    }
  }

  private log(line: string): void {
    const j = this.journal;
    if (!j) return;
    j.append(line);
    if (j.linesInFile > this.compactionThreshold()) j.requestCompaction(() => this.dumpLines());
  }

  private liveCount(): number {
    let n = this.plain.records.size + this.secrets.records.size;
    for (const s of this.entities.values()) n += s.records.size;
    return n;
  }

  private compactionThreshold(): number {
    return Math.max(this.compactAfter, 2 * this.liveCount());
  }

  /** Every unexpired record as a journal `set` line (the compacted journal). */
  private dumpLines(): string[] {
    const now = this.now();
    const lines: string[] = [];
    const spaces = [this.plain, this.secrets, ...this.entities.values()];
    for (const space of spaces) {
      for (const [key, rec] of space.records) {
        if (!isLive(rec, now)) continue;
        lines.push(setLine(space.id, key, rec.createdAt, rec.updatedAt, rec.expireAt, JSON.stringify(rec.value)));
      }
    }
    return lines;
  }
}

/** The index every entity has implicitly (range = the entity key). */
export { BY_KEY_INDEX };
