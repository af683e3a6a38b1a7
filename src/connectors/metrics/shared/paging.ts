// Paging written once. Offset paging (Metrica 1-based, GA4/GSC 0-based) and cursor paging (Meta
// `paging.next`, Topvisor `nextOffset`), both with a page cap so a looping API cannot spin forever.
export interface OffsetPage<T> {
  items: T[];
  /** Total rows the source says exist (GA4 `rowCount`, Metrica `total_rows`); undefined = unknown. */
  total?: number;
  /** Raw rows the page held when some were not turned into items (default items.length). */
  consumed?: number;
}

export interface OffsetPagingOptions<T> {
  /** First offset: 0 for GA4/GSC, 1 for Metrica. */
  start: number;
  limit: number;
  fetch: (offset: number, limit: number) => Promise<OffsetPage<T>>;
  maxPages?: number;
}

/** Yields each page's items. Stops on a short page, or once `total` rows were read. */
export async function* offsetPaging<T>(opts: OffsetPagingOptions<T>): AsyncGenerator<T[]> {
  const maxPages = opts.maxPages ?? 10_000;
  let offset = opts.start;
  for (let page = 0; page < maxPages; page++) {
    const { items, total, consumed } = await opts.fetch(offset, opts.limit);
    if (items.length > 0) yield items;
    const got = consumed ?? items.length;
    const read = offset - opts.start + got;
    if (got < opts.limit) return;
    if (total !== undefined && read >= total) return;
    offset += opts.limit;
  }
  throw new Error(`paging stopped after ${maxPages} pages`);
}

export interface CursorPagingOptions<P, C> {
  fetch: (cursor: C | undefined) => Promise<P>;
  /** The next cursor, or undefined at the end (the only reliable end signal for Meta). */
  next: (page: P) => C | undefined;
  maxPages?: number;
}

/** Yields every page (even empty ones: a Meta page can be empty and still have `next`). */
export async function* cursorPaging<P, C>(opts: CursorPagingOptions<P, C>): AsyncGenerator<P> {
  const maxPages = opts.maxPages ?? 10_000;
  let cursor: C | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < maxPages; page++) {
    const p = await opts.fetch(cursor);
    yield p;
    cursor = opts.next(p);
    if (cursor === undefined) return;
    const key = JSON.stringify(cursor);
    if (seen.has(key)) throw new Error('paging returned the same cursor twice');
    seen.add(key);
  }
  throw new Error(`paging stopped after ${maxPages} pages`);
}
