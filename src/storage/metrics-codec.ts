// Columnar encoding of one month of normalised daily rows of one service × source, so a month is one
// KVS value (or a few parts when it would pass the 240 KiB limit). Pure: no I/O.
//
// A document holds dictionaries (accounts, dimensions, currencies) and one array per field, all of
// the same length; a row is an index across them. `null` stays null, 0 stays 0. Dates are stored as
// the day of the month (the month is in the key).
import { z } from 'zod';
import type { DailyRow, DimensionKind, MetricSource, RowFlags } from '../connectors/metrics/types';

export const METRICS_DOC_VERSION = 1;
/** Target size of one part: well under KVS's 240 KiB per value. */
export const PART_TARGET_BYTES = 180 * 1024;

const DIM_KINDS = ['account', 'campaign', 'channel', 'query', 'page', 'keyword', 'goal'] as const satisfies readonly DimensionKind[];
const KIND_RANK: Record<DimensionKind, number> = { account: 0, campaign: 1, channel: 2, goal: 3, page: 4, query: 5, keyword: 6 };

const Num = z.number().nullable();
const NumCol = z.array(Num);

export const MonthDocSchema = z.object({
  v: z.literal(METRICS_DOC_VERSION),
  month: z.string(),
  /** 0-based part number; part 0 is the base document. */
  part: z.number().int().min(0),
  /** Number of parts (the base document's value is the one that counts). */
  parts: z.number().int().min(1),
  /** Write generation: parts of another generation are a write in progress. */
  gen: z.string(),
  updatedAt: z.string(),
  accounts: z.array(z.string()),
  dims: z.array(z.tuple([z.enum(DIM_KINDS), z.string(), z.string()])),
  currencies: z.array(z.string()),
  acc: z.array(z.number().int()),
  day: z.array(z.number().int().min(1).max(31)),
  dim: z.array(z.number().int()),
  imp: NumCol,
  clk: NumCol,
  cost: z.array(z.string().nullable()),
  cur: NumCol,
  /** 1 = VAT included, 0 = excluded, null = unknown. */
  vat: NumCol,
  conv: NumCol,
  sess: NumCol,
  org: NumCol,
  usr: NumCol,
  pos: NumCol,
  top: NumCol,
  ctr: NumCol,
  /** Present only when some row has goal reaches. */
  goals: z.array(z.record(z.string(), z.number()).nullable()).optional(),
  /** Bits: 1 sampled, 2 partial, 4 dataLoss; present only when some row has flags. */
  flags: NumCol.optional(),
  share: NumCol.optional(),
  /** Yandex Webmaster site facts [pagesInSearch, pagesExcluded, sqi]; present only when some row has them. */
  site: z.array(z.tuple([Num, Num, Num]).nullable()).optional(),
});
export type MonthDoc = z.infer<typeof MonthDocSchema>;

const FLAG_SAMPLED = 1;
const FLAG_PARTIAL = 2;
const FLAG_DATA_LOSS = 4;

/** Stable order: day, account, dimension grain, dimension id. */
export function compareRows(a: DailyRow, b: DailyRow): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.accountId !== b.accountId) return a.accountId < b.accountId ? -1 : 1;
  const k = KIND_RANK[a.dimension.kind] - KIND_RANK[b.dimension.kind];
  if (k !== 0) return k;
  return a.dimension.id < b.dimension.id ? -1 : a.dimension.id > b.dimension.id ? 1 : 0;
}

/** Identity of a row within a month document: a re-pull of the same day replaces it. */
export const rowIdentity = (r: DailyRow): string => `${r.accountId}\u0000${r.date}\u0000${r.dimension.kind}\u0000${r.dimension.id}`;

function flagBits(f: RowFlags | undefined): number {
  if (!f) return 0;
  return (f.sampled ? FLAG_SAMPLED : 0) | (f.partial ? FLAG_PARTIAL : 0) | (f.dataLoss ? FLAG_DATA_LOSS : 0);
}

/** Encodes rows (all in `month`) as one document part. */
export function encodePart(rows: readonly DailyRow[], month: string, meta: { part: number; parts: number; gen: string; updatedAt: string }): MonthDoc {
  const accounts: string[] = [];
  const accIndex = new Map<string, number>();
  const dims: MonthDoc['dims'] = [];
  const dimIndex = new Map<string, number>();
  const currencies: string[] = [];
  const curIndex = new Map<string, number>();
  const doc: MonthDoc = {
    v: METRICS_DOC_VERSION,
    month,
    ...meta,
    accounts,
    dims,
    currencies,
    acc: [],
    day: [],
    dim: [],
    imp: [],
    clk: [],
    cost: [],
    cur: [],
    vat: [],
    conv: [],
    sess: [],
    org: [],
    usr: [],
    pos: [],
    top: [],
    ctr: [],
  };
  const anyGoals = rows.some((r) => r.goalReaches && Object.keys(r.goalReaches).length > 0);
  const anyFlags = rows.some((r) => flagBits(r.flags) !== 0 || r.flags?.sampleShare !== undefined);
  const goals: NonNullable<MonthDoc['goals']> = [];
  const hasSite = (r: DailyRow): boolean => r.pagesInSearch !== undefined || r.pagesExcluded !== undefined || r.sqi !== undefined;
  const anySite = rows.some(hasSite);
  const site: NonNullable<MonthDoc['site']> = [];
  const flags: number[] = [];
  const share: Array<number | null> = [];
  for (const r of rows) {
    if (r.date.slice(0, 7) !== month) throw new RangeError(`row dated ${r.date} does not belong to ${month}`);
    let a = accIndex.get(r.accountId);
    if (a === undefined) {
      a = accounts.push(r.accountId) - 1;
      accIndex.set(r.accountId, a);
    }
    const dk = `${r.dimension.kind}\u0000${r.dimension.id}\u0000${r.dimension.name}`;
    let d = dimIndex.get(dk);
    if (d === undefined) {
      d = dims.push([r.dimension.kind, r.dimension.id, r.dimension.name]) - 1;
      dimIndex.set(dk, d);
    }
    let c: number | null = null;
    if (r.currency !== null) {
      c = curIndex.get(r.currency) ?? null;
      if (c === null) {
        c = currencies.push(r.currency) - 1;
        curIndex.set(r.currency, c);
      }
    }
    doc.acc.push(a);
    doc.day.push(Number(r.date.slice(8, 10)));
    doc.dim.push(d);
    doc.imp.push(r.impressions);
    doc.clk.push(r.clicks);
    doc.cost.push(r.costMicros);
    doc.cur.push(c);
    doc.vat.push(r.vatIncluded === null ? null : r.vatIncluded ? 1 : 0);
    doc.conv.push(r.conversions);
    doc.sess.push(r.sessions);
    doc.org.push(r.organicSessions);
    doc.usr.push(r.users);
    doc.pos.push(r.avgPosition);
    doc.top.push(r.top10Share);
    doc.ctr.push(r.ctr);
    if (anyGoals) goals.push(r.goalReaches && Object.keys(r.goalReaches).length > 0 ? r.goalReaches : null);
    if (anySite) site.push(hasSite(r) ? [r.pagesInSearch ?? null, r.pagesExcluded ?? null, r.sqi ?? null] : null);
    if (anyFlags) {
      flags.push(flagBits(r.flags));
      share.push(r.flags?.sampleShare ?? null);
    }
  }
  if (anyGoals) doc.goals = goals;
  if (anySite) doc.site = site;
  if (anyFlags) {
    doc.flags = flags;
    doc.share = share;
  }
  return doc;
}

/** Decodes a part back into rows of `source`. */
export function decodePart(doc: MonthDoc, source: MetricSource): DailyRow[] {
  const out: DailyRow[] = [];
  const n = doc.acc.length;
  const dims = doc.dims.map(([kind, id, name]) => ({ kind, id, name }));
  for (let i = 0; i < n; i++) {
    const dim = dims[doc.dim[i] as number];
    const account = doc.accounts[doc.acc[i] as number];
    if (!dim || account === undefined) throw new RangeError(`metrics document ${doc.month} part ${doc.part} has a dangling index at row ${i}`);
    const cur = doc.cur[i];
    const vat = doc.vat[i];
    const row: DailyRow = {
      source,
      accountId: account,
      date: `${doc.month}-${String(doc.day[i]).padStart(2, '0')}`,
      dimension: dim,
      impressions: doc.imp[i] ?? null,
      clicks: doc.clk[i] ?? null,
      costMicros: doc.cost[i] ?? null,
      currency: cur === null || cur === undefined ? null : (doc.currencies[cur] ?? null),
      vatIncluded: vat === null || vat === undefined ? null : vat === 1,
      conversions: doc.conv[i] ?? null,
      sessions: doc.sess[i] ?? null,
      organicSessions: doc.org[i] ?? null,
      users: doc.usr[i] ?? null,
      avgPosition: doc.pos[i] ?? null,
      top10Share: doc.top[i] ?? null,
      ctr: doc.ctr[i] ?? null,
    };
    const goals = doc.goals?.[i];
    if (goals) row.goalReaches = goals;
    const site = doc.site?.[i];
    if (site) [row.pagesInSearch, row.pagesExcluded, row.sqi] = site;
    const bits = doc.flags?.[i] ?? 0;
    const sampleShare = doc.share?.[i] ?? null;
    if (bits !== 0 || sampleShare !== null) {
      const flags: RowFlags = {};
      if (bits & FLAG_SAMPLED) flags.sampled = true;
      if (bits & FLAG_PARTIAL) flags.partial = true;
      if (bits & FLAG_DATA_LOSS) flags.dataLoss = true;
      if (sampleShare !== null) flags.sampleShare = sampleShare;
      row.flags = flags;
    }
    out.push(row);
  }
  return out;
}

/**
 * Encodes a month's rows (sorted here) into as few parts as keep each under `targetBytes`.
 * Parts are cut on row boundaries; each part has its own dictionaries so it decodes alone.
 */
export function encodeMonth(rows: readonly DailyRow[], month: string, meta: { gen: string; updatedAt: string }, targetBytes = PART_TARGET_BYTES): MonthDoc[] {
  const sorted = [...rows].sort(compareRows);
  const whole = encodePart(sorted, month, { part: 0, parts: 1, ...meta });
  const size = Buffer.byteLength(JSON.stringify(whole));
  if (size <= targetBytes) return [whole];
  // Rows are of similar width, so an even split by count lands near the target; re-split any part
  // that still came out too large.
  let parts = Math.ceil((size * 1.1) / targetBytes);
  for (;;) {
    const per = Math.ceil(sorted.length / parts);
    const chunks: DailyRow[][] = [];
    for (let i = 0; i < sorted.length; i += per) chunks.push(sorted.slice(i, i + per));
    const docs = chunks.map((c, i) => encodePart(c, month, { part: i, parts: chunks.length, ...meta }));
    if (docs.every((d) => Buffer.byteLength(JSON.stringify(d)) <= targetBytes) || per <= 1) return docs;
    parts = Math.ceil(parts * 1.25);
  }
}

/**
 * Replaces the rows of `accountIds` dated within [from, to] by `fresh` (a re-pull of those days),
 * keeping every other row. Returns the merged, sorted rows.
 */
export function replaceDays(existing: readonly DailyRow[], fresh: readonly DailyRow[], accountIds: ReadonlySet<string>, from: string, to: string): DailyRow[] {
  const kept = existing.filter((r) => !accountIds.has(r.accountId) || r.date < from || r.date > to);
  // A source may repeat a row within one pull (paging overlap): the last one wins.
  const byId = new Map<string, DailyRow>();
  for (const r of fresh) byId.set(rowIdentity(r), r);
  return [...kept, ...byId.values()].sort(compareRows);
}

/** Whether two row lists store the same (compared in their canonical encoding, key order aside). */
export function sameRows(a: readonly DailyRow[], b: readonly DailyRow[], month: string): boolean {
  if (a.length !== b.length) return false;
  const meta = { part: 0, parts: 1, gen: '', updatedAt: '' };
  return JSON.stringify(encodePart([...a].sort(compareRows), month, meta)) === JSON.stringify(encodePart([...b].sort(compareRows), month, meta));
}
