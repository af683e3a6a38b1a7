// An ordered index: entries sorted by (partition, range value, key), kept sorted on every write
// by binary search + splice, so queries are a binary search plus a walk over one page.
// The searches are written as plain loops (no predicate closures): they are the query hot path.

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
    const i = this.entryBound(e);
    const at = a[i];
    if (at && compareEntry(at, e) === 0) return;
    a.splice(i, 0, e);
  }

  remove(e: IndexEntry): void {
    const a = this.entries;
    const i = this.entryBound(e);
    const at = a[i];
    if (at && compareEntry(at, e) === 0) a.splice(i, 1);
  }

  /** First position whose entry is >= e. */
  private entryBound(e: IndexEntry): number {
    const a = this.entries;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntry(a[mid] as IndexEntry, e) >= 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  // Closure-free bounds for the query hot path.

  /** [start, end) of one partition ('' = the whole index when it has no partition). */
  partition(p: string): [number, number] {
    const a = this.entries;
    const n = a.length;
    if (p === '') return [0, n];
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((a[mid] as IndexEntry).p >= p) hi = mid;
      else lo = mid + 1;
    }
    const start = lo;
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((a[mid] as IndexEntry).p > p) hi = mid;
      else lo = mid + 1;
    }
    return [start, lo];
  }

  /** First index in [lo, hi) whose range value is >= v (or > v when `strict`). */
  rangeBound(lo: number, hi: number, v: Scalar, strict: boolean): number {
    const a = this.entries;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareScalar((a[mid] as IndexEntry).r, v);
      if (strict ? c > 0 : c >= 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** First index in [lo, hi) whose range value does not start with `prefix` (matches are contiguous from lo). */
  prefixEnd(lo: number, hi: number, prefix: string): number {
    const a = this.entries;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = (a[mid] as IndexEntry).r;
      if (!(typeof r === 'string' && r.startsWith(prefix))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** First index in [lo, hi) whose (range, key) is > (r, k), or >= when `inclusive`. */
  rowBound(lo: number, hi: number, r: Scalar, k: string, inclusive: boolean): number {
    const a = this.entries;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = a[mid] as IndexEntry;
      const c = compareRow(e.r, e.k, r, k);
      if (inclusive ? c >= 0 : c > 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
