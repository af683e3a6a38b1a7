// An ordered index: entries sorted by (partition, range value, key), kept sorted on every write
// by binary search + splice, so queries are a binary search plus a walk over one page.

export type Scalar = string | number | boolean;

export interface IndexEntry {
  /** Partition values as JSON text ('' when the index has no partition). */
  p: string;
  /** Range value (the key itself for `by-key` and plain KVS keys). */
  r: Scalar;
  k: string;
}

const TYPE_RANK: Record<string, number> = { boolean: 0, number: 1, string: 2 };

export function compareScalar(a: Scalar, b: Scalar): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return (TYPE_RANK[ta] ?? 3) - (TYPE_RANK[tb] ?? 3);
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order of rows inside one partition: range value, then key. */
export function compareRow(r1: Scalar, k1: string, r2: Scalar, k2: string): number {
  return compareScalar(r1, r2) || compareString(k1, k2);
}

export function compareEntry(a: IndexEntry, b: IndexEntry): number {
  return compareString(a.p, b.p) || compareRow(a.r, a.k, b.r, b.k);
}

export class SortedIndex {
  readonly entries: IndexEntry[] = [];

  get size(): number {
    return this.entries.length;
  }

  insert(e: IndexEntry): void {
    const a = this.entries;
    // Fast path: keys written in increasing order append at the end.
    const last = a[a.length - 1];
    if (last === undefined || compareEntry(last, e) < 0) {
      a.push(e);
      return;
    }
    const i = this.search(0, a.length, (x) => compareEntry(x, e) >= 0);
    const at = a[i];
    if (at && compareEntry(at, e) === 0) return;
    a.splice(i, 0, e);
  }

  remove(e: IndexEntry): void {
    const a = this.entries;
    const i = this.search(0, a.length, (x) => compareEntry(x, e) >= 0);
    const at = a[i];
    if (at && compareEntry(at, e) === 0) a.splice(i, 1);
  }

  /** First index in [lo, hi) where `pred` holds; `pred` must be false…false,true…true there. */
  search(lo: number, hi: number, pred: (e: IndexEntry) => boolean): number {
    const a = this.entries;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(a[mid] as IndexEntry)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** [start, end) of one partition. */
  partition(p: string): [number, number] {
    const n = this.entries.length;
    const start = this.search(0, n, (e) => e.p >= p);
    const end = this.search(start, n, (e) => e.p > p);
    return [start, end];
  }
}
