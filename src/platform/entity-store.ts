// A typed repository over one Forge custom entity: each record is stored as its indexed attributes
// plus `data`, the whole record, validated on every read. Paging is written once here.
import { kvs, WhereConditions } from '@forge/kvs';
import type { z } from 'zod';
import { StoredDataError } from './kv';

type IndexValue = string | boolean | number;

export interface EntityStore<T> {
  get(key: string): Promise<T | undefined>;
  put(key: string, record: T): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every record, following cursors (entity queries return at most 100 per page). */
  all(): Promise<T[]>;
  /** Records of a named index with partition values, optionally narrowed by a range prefix. */
  byIndex(index: string, opts: { partition?: IndexValue[]; rangeBeginsWith?: string; rangeEquals?: IndexValue }): Promise<T[]>;
}

export function entityStore<S extends z.ZodType>(
  entity: string,
  schema: S,
  /** Indexed attributes; undefined ones are left out (an unset attribute is simply absent from that index). */
  indexed: (record: z.infer<S>) => Record<string, IndexValue | undefined>,
): EntityStore<z.infer<S>> {
  type T = z.infer<S>;
  type Stored = Record<string, unknown> & { data: unknown };
  const parse = (key: string, raw: Stored | undefined): T | undefined => {
    if (raw === undefined) return undefined;
    const r = schema.safeParse(raw.data);
    if (!r.success) throw new StoredDataError(`${entity}/${key}`, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return r.data;
  };
  const collect = async (build: (cursor?: string) => Promise<{ results: Array<{ key: string; value: Stored }>; nextCursor?: string }>): Promise<T[]> => {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await build(cursor);
      for (const r of page.results) {
        const v = parse(r.key, r.value);
        if (v !== undefined) out.push(v);
      }
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };
  return {
    get: async (key) => parse(key, (await kvs.entity<Stored>(entity).get(key)) ?? undefined),
    put: async (key, record) => {
      const valid = schema.parse(record);
      const attrs = Object.fromEntries(Object.entries(indexed(valid)).filter(([, v]) => v !== undefined && v !== ''));
      await kvs.entity<Stored>(entity).set(key, { ...attrs, data: valid });
    },
    delete: async (key) => {
      await kvs.entity<Stored>(entity).delete(key);
    },
    all: () =>
      collect(async (cursor) => {
        let q = kvs.entity<Stored>(entity).query().index('by-key').limit(100);
        if (cursor) q = q.cursor(cursor);
        return q.getMany();
      }),
    byIndex: (index, opts) =>
      collect(async (cursor) => {
        let q = kvs
          .entity<Stored>(entity)
          .query()
          .index(index, opts.partition ? { partition: opts.partition } : undefined)
          .limit(100);
        if (opts.rangeBeginsWith !== undefined) q = q.where(WhereConditions.beginsWith(opts.rangeBeginsWith));
        else if (opts.rangeEquals !== undefined) q = q.where(WhereConditions.equalTo(opts.rangeEquals));
        if (cursor) q = q.cursor(cursor);
        return q.getMany();
      }),
  };
}
