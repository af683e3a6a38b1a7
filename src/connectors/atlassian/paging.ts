// Every Atlassian paging model, written once (atlassian-rest.md §0.3). Each generator takes a
// callback that fetches one page, so the clients own the request and the validation and the loop
// lives here. All of them yield whole pages (consumers can checkpoint between pages) and stop on
// a repeated cursor or an empty page rather than spinning.
import { assumeTrustedRoute } from '@forge/api';
import { UpstreamError } from '../../shared/errors';
import type { ProductHeaders, ProductPath } from './transport';

export const DEFAULT_MAX_PAGES = 10_000;

export interface PagingOptions {
  /** Hard stop against a server that never says "last page". */
  maxPages?: number;
}

function tooManyPages(service: string, what: string, max: number): UpstreamError {
  return new UpstreamError(service, 200, `${what} paging did not end after ${max} pages`, { maxPages: max });
}

// ---- Jira offset paging: startAt / maxResults / total / isLast --------------------------------

export interface JiraOffsetPage<T> {
  items: T[];
  startAt?: number;
  maxResults?: number;
  total?: number;
  isLast?: boolean;
}

/**
 * `fetchPage(startAt, pageSize)` gets one page. The server may cap maxResults silently, so the next
 * offset is `startAt + items.length`, and a short page only ends paging when nothing else can.
 */
export async function* jiraOffsetPages<T>(
  fetchPage: (startAt: number, pageSize: number) => Promise<JiraOffsetPage<T>>,
  opts: PagingOptions & { pageSize?: number; startAt?: number } = {},
): AsyncGenerator<T[], void, undefined> {
  const pageSize = opts.pageSize ?? 50;
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  let startAt = opts.startAt ?? 0;
  for (let n = 0; n < maxPages; n++) {
    const page = await fetchPage(startAt, pageSize);
    if (page.items.length > 0) yield page.items;
    const next = (page.startAt ?? startAt) + page.items.length;
    if (page.items.length === 0 || page.isLast === true) return;
    if (page.total !== undefined && next >= page.total) return;
    if (page.isLast === undefined && page.total === undefined && page.items.length < (page.maxResults ?? pageSize)) return;
    startAt = next;
  }
  throw tooManyPages('Jira', 'offset', maxPages);
}

// ---- Jira search/jql token paging: nextPageToken / isLast -------------------------------------

export interface JiraTokenPage<T> {
  items: T[];
  nextPageToken?: string | undefined;
  isLast?: boolean | undefined;
}

export async function* jiraSearchTokenPages<T>(
  fetchPage: (nextPageToken: string | undefined) => Promise<JiraTokenPage<T>>,
  opts: PagingOptions = {},
): AsyncGenerator<T[], void, undefined> {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const seen = new Set<string>();
  let token: string | undefined;
  for (let n = 0; n < maxPages; n++) {
    const page = await fetchPage(token);
    if (page.items.length > 0) yield page.items;
    if (page.isLast === true || !page.nextPageToken) return;
    if (seen.has(page.nextPageToken)) throw new UpstreamError('Jira', 200, 'search/jql returned the same nextPageToken twice');
    seen.add(page.nextPageToken);
    token = page.nextPageToken;
  }
  throw tooManyPages('Jira', 'search/jql', maxPages);
}

// ---- Jira "since" feeds: worklog/updated, worklog/deleted ---------------------------------------

export interface JiraSinceFeedPage<T> {
  values: T[];
  since: number;
  until: number;
  lastPage: boolean;
}

/**
 * Walks a since-feed from `sinceMs`. Store the last page's `until` as the next run's `since`.
 * The next page is requested with `since = until` rather than by following `nextPage`: that URL is
 * absolute and will move to the api.atlassian.com gateway form (atlassian-rest.md §0.5).
 */
export async function* jiraWorklogSinceFeed<T>(
  fetchPage: (sinceMs: number) => Promise<JiraSinceFeedPage<T>>,
  sinceMs: number,
  opts: PagingOptions = {},
): AsyncGenerator<JiraSinceFeedPage<T>, void, undefined> {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  let since = sinceMs;
  for (let n = 0; n < maxPages; n++) {
    const page = await fetchPage(since);
    yield page;
    if (page.lastPage) return;
    if (page.until <= since) throw new UpstreamError('Jira', 200, `worklog feed did not advance past since=${since}`, { since });
    since = page.until;
  }
  throw tooManyPages('Jira', 'worklog feed', maxPages);
}

// ---- Confluence v2 cursor paging: Link header / _links.next ------------------------------------

/** The `rel="next"` target of a Link header, or undefined. */
export function parseLinkHeader(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*(.*)$/.exec(part);
    if (!m) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(m[2] ?? '');
    const values = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (values.includes('next')) return m[1];
  }
  return undefined;
}

/**
 * Makes a product-given next link callable. It must be a site-relative Confluence path; the
 * `/wiki` prefix is added when a link is relative to the `/wiki` base. Anything else is refused,
 * so a hostile body can't send us elsewhere.
 */
export function trustedNextRoute(link: string): ProductPath {
  let path = link.trim();
  if (/^https?:\/\//i.test(path)) {
    throw new UpstreamError('Confluence', 200, 'next link is absolute; expected a site-relative path', { link: path.slice(0, 200) });
  }
  if (path.startsWith('/api/v2/') || path.startsWith('/rest/api/')) path = `/wiki${path}`;
  if (!/^\/wiki\/(api\/v2|rest\/api)\//.test(path) || /(^|\/)\.\.?(\/|$|\?)/.test(path.split('?')[0] ?? '')) {
    throw new UpstreamError('Confluence', 200, 'next link is not a Confluence API path', { link: path.slice(0, 200) });
  }
  return assumeTrustedRoute(path);
}

export interface ConfluenceCursorPage<T> {
  items: T[];
  headers: ProductHeaders;
  /** `_links.next` from the body, if present. */
  next?: string | undefined;
}

/** Starts at `firstPath`, then follows the next link (header first, body second) exactly as given. */
export async function* confluenceCursorPages<T>(
  firstPath: ProductPath,
  fetchPage: (path: ProductPath) => Promise<ConfluenceCursorPage<T>>,
  opts: PagingOptions = {},
): AsyncGenerator<T[], void, undefined> {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const seen = new Set<string>([firstPath.value]);
  let path = firstPath;
  for (let n = 0; n < maxPages; n++) {
    const page = await fetchPage(path);
    if (page.items.length > 0) yield page.items;
    const link = parseLinkHeader(page.headers.get('link')) ?? page.next;
    if (!link || page.items.length === 0) return;
    const next = trustedNextRoute(link);
    if (seen.has(next.value)) throw new UpstreamError('Confluence', 200, 'cursor paging returned the same next link twice');
    seen.add(next.value);
    path = next;
  }
  throw tooManyPages('Confluence', 'cursor', maxPages);
}

// ---- Confluence v1 offset paging: start / limit / size / _links.next ---------------------------

export interface ConfluenceV1Page<T> {
  items: T[];
  start?: number;
  size?: number;
  /** `_links.next`: present only when there is more. */
  next?: string | undefined;
}

export async function* confluenceV1OffsetPages<T>(
  fetchPage: (start: number, limit: number) => Promise<ConfluenceV1Page<T>>,
  opts: PagingOptions & { limit?: number } = {},
): AsyncGenerator<T[], void, undefined> {
  const limit = opts.limit ?? 25;
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  let start = 0;
  for (let n = 0; n < maxPages; n++) {
    const page = await fetchPage(start, limit);
    if (page.items.length > 0) yield page.items;
    if (!page.next || page.items.length === 0) return;
    start = (page.start ?? start) + (page.size ?? page.items.length);
  }
  throw tooManyPages('Confluence', 'v1 offset', maxPages);
}

// ---- helpers for call sites -------------------------------------------------------------------

/** Flattens pages into items. */
export async function* eachItem<T>(pages: AsyncIterable<T[]>): AsyncGenerator<T, void, undefined> {
  for await (const page of pages) yield* page;
}

/** Collects at most `limit` items (tests and small lists). */
export async function collect<T>(items: AsyncIterable<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const out: T[] = [];
  if (limit <= 0) return out;
  for await (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}
