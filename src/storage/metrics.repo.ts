// Normalised daily rows, stored so a month of one service is a few reads: one columnar KVS value per
// service × source × month (`metrics:{serviceId}:{source}:{YYYY-MM}`, split into `…:partN` only when
// it would pass ~180 KiB), plus one small summary record per service × month (entity
// `metrics-summary`) with each source's monthly aggregate, updated with optimistic concurrency.
import { Filter, FilterConditions, ForgeKvsAPIError, kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { DailyRow, MetricSource } from '../connectors/metrics/types';
import type { SourceAggregate } from '../domain/kpi/aggregates';
import { StoredDataError } from '../platform/kv';
import { decodePart, encodeMonth, MonthDocSchema, type MonthDoc } from './metrics-codec';

const SUMMARY_ENTITY = 'metrics-summary';

export const monthDocKey = (serviceId: string, source: string, month: string, part = 0): string =>
  part === 0 ? `metrics:${serviceId}:${source}:${month}` : `metrics:${serviceId}:${source}:${month}:part${part}`;

export interface StoredMonth {
  rows: DailyRow[];
  /** Parts the month occupies now (0 when nothing is stored). */
  parts: number;
}

function parseDoc(key: string, raw: unknown): MonthDoc {
  const r = MonthDocSchema.safeParse(raw);
  if (!r.success) throw new StoredDataError(key, r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

async function batchGetRaw(keys: readonly string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (let i = 0; i < keys.length; i += 25) {
    const res = await kvs.batchGet<unknown>(keys.slice(i, i + 25).map((key) => ({ key })));
    for (const item of res.successfulKeys) out.set(item.key, item.value);
  }
  return out;
}

/** Reads the remaining parts of base documents; null when a part is missing or of another write. */
async function withParts(serviceId: string, bases: ReadonlyArray<{ source: MetricSource; doc: MonthDoc }>): Promise<Map<MetricSource, DailyRow[]> | null> {
  const keys: string[] = [];
  for (const { source, doc } of bases) for (let p = 1; p < doc.parts; p++) keys.push(monthDocKey(serviceId, source, doc.month, p));
  const parts = keys.length > 0 ? await batchGetRaw(keys) : new Map<string, unknown>();
  const out = new Map<MetricSource, DailyRow[]>();
  for (const { source, doc } of bases) {
    const rows = decodePart(doc, source);
    for (let p = 1; p < doc.parts; p++) {
      const key = monthDocKey(serviceId, source, doc.month, p);
      const raw = parts.get(key);
      if (raw === undefined) return null;
      const part = parseDoc(key, raw);
      if (part.gen !== doc.gen) return null;
      rows.push(...decodePart(part, source));
    }
    out.set(source, rows);
  }
  return out;
}

/**
 * Rows of several sources of one service for one month: one batched read of the base documents
 * (plus one for any extra parts). A write caught half-way is read again.
 */
export async function readServiceMonth(serviceId: string, month: string, sources: readonly MetricSource[]): Promise<Map<MetricSource, DailyRow[]>> {
  for (let attempt = 0; ; attempt++) {
    const raw = await batchGetRaw(sources.map((s) => monthDocKey(serviceId, s, month)));
    const bases = sources.flatMap((source) => {
      const key = monthDocKey(serviceId, source, month);
      const value = raw.get(key);
      return value === undefined ? [] : [{ source, doc: parseDoc(key, value) }];
    });
    const rows = await withParts(serviceId, bases);
    if (rows) {
      for (const s of sources) if (!rows.has(s)) rows.set(s, []);
      return rows;
    }
    if (attempt >= 3) throw new StoredDataError(monthDocKey(serviceId, sources.join('+'), month), 'parts keep changing while being read');
  }
}

/**
 * One source's month (rows and how many parts it occupies). `prefetched` is the base document when
 * the caller already read it in a batch (`{ raw: undefined }` = it was absent).
 */
export async function readSourceMonth(serviceId: string, source: MetricSource, month: string, prefetched?: { raw: unknown }): Promise<StoredMonth> {
  for (let attempt = 0; ; attempt++) {
    const key = monthDocKey(serviceId, source, month);
    const raw: unknown = attempt === 0 && prefetched ? prefetched.raw : await kvs.get(key);
    if (raw === undefined) return { rows: [], parts: 0 };
    const doc = parseDoc(key, raw);
    const rows = await withParts(serviceId, [{ source, doc }]);
    if (rows) return { rows: rows.get(source) ?? [], parts: doc.parts };
    if (attempt >= 3) throw new StoredDataError(key, 'parts keep changing while being read');
  }
}

/**
 * Writes a source's month: extra parts first, the base document last (it names the generation the
 * parts must carry), then drops parts a larger earlier version left behind.
 */
export async function writeSourceMonth(serviceId: string, source: MetricSource, month: string, rows: readonly DailyRow[], previousParts: number, now: string): Promise<{ parts: number; bytes: number }> {
  if (rows.length === 0 && previousParts === 0) return { parts: 0, bytes: 0 };
  const gen = `${now}-${Math.random().toString(36).slice(2, 8)}`;
  const docs = encodeMonth(rows, month, { gen, updatedAt: now });
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(JSON.stringify(d)), 0);
  const extra = docs.slice(1);
  // One value per request: a batch of 25 near-limit values would be a ~5 MB request.
  for (const d of extra) await kvs.set(monthDocKey(serviceId, source, month, d.part), d);
  await kvs.set(monthDocKey(serviceId, source, month), docs[0]);
  for (let p = docs.length; p < previousParts; p++) await kvs.delete(monthDocKey(serviceId, source, month, p));
  return { parts: docs.length, bytes };
}

// ---- the monthly summary per service ----

export interface SourceMonthSummary {
  aggregate: SourceAggregate;
  /** Rows stored for the month (every grain). */
  storedRows: number;
  /** Last day with any row. */
  lastDate: string | null;
  updatedAt: string;
}

export interface ServiceMonthSummary {
  serviceId: string;
  month: string;
  bySource: Partial<Record<MetricSource, SourceMonthSummary>>;
  updatedAt: string;
}

const SourceMonthSummarySchema = z.object({
  aggregate: z.custom<SourceAggregate>((v) => typeof v === 'object' && v !== null && 'dayMasks' in v, 'not a source aggregate'),
  storedRows: z.number().int(),
  lastDate: z.string().nullable(),
  updatedAt: z.string(),
});
const ServiceMonthSummarySchema = z.object({
  serviceId: z.string(),
  month: z.string(),
  bySource: z.record(z.string(), SourceMonthSummarySchema),
  updatedAt: z.string(),
});

interface StoredSummary {
  serviceId: string;
  month: string;
  version: number;
  data: unknown;
}

const summaryKey = (serviceId: string, month: string): string => `${serviceId}:${month}`;

function parseSummary(key: string, raw: StoredSummary | undefined): ServiceMonthSummary | undefined {
  if (raw === undefined) return undefined;
  const r = ServiceMonthSummarySchema.safeParse(raw.data);
  if (!r.success) throw new StoredDataError(`${SUMMARY_ENTITY}/${key}`, r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data as ServiceMonthSummary;
}

export async function getServiceMonthSummary(serviceId: string, month: string): Promise<ServiceMonthSummary | undefined> {
  const key = summaryKey(serviceId, month);
  return parseSummary(key, await kvs.entity<StoredSummary>(SUMMARY_ENTITY).get(key));
}

/** Summaries of a service's months in [fromMonth, toMonth], oldest first, in one index query per 100 months. */
export async function serviceMonthSummaries(serviceId: string, fromMonth: string, toMonth: string): Promise<ServiceMonthSummary[]> {
  const out: ServiceMonthSummary[] = [];
  let cursor: string | undefined;
  do {
    let q = kvs.entity<StoredSummary>(SUMMARY_ENTITY).query().index('by-service', { partition: [serviceId] }).where(WhereConditions.between(fromMonth, toMonth)).limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    for (const r of page.results) {
      const s = parseSummary(r.key, r.value);
      if (s) out.push(s);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out.sort((a, b) => (a.month < b.month ? -1 : 1));
}

const isConflict = (e: unknown): boolean => e instanceof ForgeKvsAPIError && (e.responseDetails.status === 409 || /CONDITION/i.test(e.code));

/**
 * Sets (or clears, with null) one source's entry of a service's month summary. Other sources of the
 * same service write the same record concurrently, so the write is conditional on the version read.
 */
export async function updateServiceMonthSummary(serviceId: string, month: string, source: MetricSource, entry: SourceMonthSummary | null, now: string): Promise<void> {
  const key = summaryKey(serviceId, month);
  const entity = kvs.entity<StoredSummary>(SUMMARY_ENTITY);
  for (let attempt = 0; ; attempt++) {
    const raw = await entity.get(key);
    const current = parseSummary(key, raw) ?? { serviceId, month, bySource: {}, updatedAt: now };
    const bySource = { ...current.bySource };
    if (entry) bySource[source] = entry;
    else delete bySource[source];
    const next: ServiceMonthSummary = { serviceId, month, bySource, updatedAt: now };
    const version = raw?.version ?? 0;
    const conditions = raw ? new Filter<StoredSummary>().and('version', FilterConditions.equalTo(version)) : new Filter<StoredSummary>().and('version', FilterConditions.notExists());
    try {
      await kvs.transact().set<StoredSummary>(key, { serviceId, month, version: version + 1, data: next }, { entityName: SUMMARY_ENTITY, conditions }).execute();
      return;
    } catch (e) {
      if (!isConflict(e) || attempt >= 8) throw e;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80 * (attempt + 1)));
    }
  }
}
