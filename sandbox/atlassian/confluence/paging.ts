// Confluence v2 cursor paging (atlassian-rest.md §0.3 model 4) and small query-parsing helpers.
// Cursors are opaque to clients; here they carry the sort key of the last item returned, so items
// created while a client pages through a list never shift or repeat what it already saw.
import type { ApiRequest, ApiResponse } from '../router';
import { badRequest } from './errors';

export type SortKey = Array<string | number>;

export const MAX_LIMIT = 250;

/** `limit`: default per endpoint, capped at 250 like Confluence; zero, negative or non-numeric → 400. */
export function parseLimit(q: URLSearchParams, def: number, max = MAX_LIMIT): number {
  const raw = q.get('limit');
  if (raw === null || raw === '') return def;
  if (!/^[0-9]+$/.test(raw)) throw badRequest(`Invalid value for limit: ${raw}`);
  const n = Number(raw);
  if (n < 1) throw badRequest('limit must be at least 1');
  return Math.min(n, max);
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string | null): SortKey | undefined {
  if (raw === null || raw === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string' || typeof p === 'number')) return parsed;
  } catch {
    // fall through
  }
  throw badRequest('Invalid cursor');
}

export function compareKeys(a: SortKey, b: SortKey): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** Numeric ids compare as numbers so "10" sorts after "9". */
export function idKey(id: string): number | string {
  return /^[0-9]+$/.test(id) ? Number(id) : id;
}

/** Sorts and slices one page. `keyOf` must be unique per item (end it with the id). */
export function pageOf<T>(items: T[], keyOf: (t: T) => SortKey, desc: boolean, cursor: SortKey | undefined, limit: number): { items: T[]; nextKey?: SortKey } {
  const dir = desc ? -1 : 1;
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => dir * compareKeys(a.key, b.key));
  const start = cursor ? keyed.findIndex((k) => dir * compareKeys(k.key, cursor) > 0) : 0;
  if (start < 0) return { items: [] };
  const slice = keyed.slice(start, start + limit);
  const more = start + limit < keyed.length;
  const last = slice[slice.length - 1];
  return more && last ? { items: slice.map((s) => s.item), nextKey: last.key } : { items: slice.map((s) => s.item) };
}

/** The relative URL of the next page: same path and query, with the cursor replaced. */
export function nextUrl(req: ApiRequest, nextKey: SortKey): string {
  const q = new URLSearchParams(req.query);
  q.delete('cursor');
  q.set('cursor', encodeCursor(nextKey));
  return `${req.path}?${q.toString()}`;
}

/** A v2 list response: `{ results, _links: { next?, base } }` plus the `Link: <…>; rel="next"` header. */
export function listResponse(req: ApiRequest, baseUrl: string, results: unknown[], nextKey: SortKey | undefined): ApiResponse {
  const links: Record<string, string> = { base: `${baseUrl}/wiki` };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (nextKey) {
    const next = nextUrl(req, nextKey);
    links['next'] = next;
    headers['link'] = `<${next}>; rel="next"`;
  }
  return { status: 200, headers, body: { results, _links: links } };
}

/** Array query parameters arrive repeated (`status=a&status=b`) or comma-separated; accept both. */
export function multi(q: URLSearchParams, name: string): string[] {
  return q
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function bool(q: URLSearchParams, name: string, def: boolean): boolean {
  const raw = q.get(name);
  if (raw === null || raw === '') return def;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw badRequest(`Invalid boolean value for ${name}: ${raw}`);
}

/** Parses an `{ enum }` query parameter; unknown values → 400. */
export function oneOf<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[], def: T): T;
export function oneOf<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[]): T | undefined;
export function oneOf<T extends string>(q: URLSearchParams, name: string, allowed: readonly T[], def?: T): T | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return def;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw badRequest(`Invalid value for ${name}: ${raw}. Allowed: ${allowed.join(', ')}`);
}

/** Numeric path id (Confluence v2 ids are int64 in the spec). */
export function numericId(raw: string | undefined, what = 'id'): string {
  if (!raw || !/^[0-9]{1,19}$/.test(raw)) throw badRequest(`Invalid ${what}: ${raw ?? ''}`);
  return String(BigInt(raw));
}
