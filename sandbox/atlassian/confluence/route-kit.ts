// What every Confluence route module shares: the site context, the state, who is calling, and
// small helpers for bodies and responses.
import type { ApiRequest, ApiResponse } from '../router';
import type { SiteContext } from '../site-context';
import { resolveViewer, type Viewer } from './access';
import type { BodyReadContext } from './body';
import { badRequest } from './errors';
import type { AttachmentRecord, PageRecord } from './model';
import type { ConfluenceState } from './state';

export interface RouteDeps {
  ctx: SiteContext;
  state: ConfluenceState;
}

export function viewerOf(deps: RouteDeps, req: ApiRequest): Viewer {
  return resolveViewer(deps.ctx.directory, req.principal);
}

/** URL the page viewer (and `view` bodies) use for an attachment of a page. */
export function attachmentDownloadUrl(baseUrl: string, pageId: string, filename: string): string {
  return `${baseUrl}/wiki/download/attachments/${pageId}/${encodeURIComponent(filename)}`;
}

/** Hooks for converting and rendering one page's body (attachment URLs, ADF media ids ↔ filenames). */
export function bodyContext(deps: RouteDeps, page: PageRecord): BodyReadContext {
  // Looked up only when a conversion needs it (most reads return the stored representation as is).
  let cached: AttachmentRecord[] | undefined;
  const atts = (): AttachmentRecord[] =>
    (cached ??= [...deps.state.attachments.values()].filter((a) => a.pageId === page.id && a.status === 'current'));
  return {
    pageId: page.id,
    attachmentUrl: (filename) => attachmentDownloadUrl(deps.ctx.baseUrl, page.id, filename),
    filenameForFileId: (fileId) => atts().find((a) => a.versions.some((v) => v.fileId === fileId))?.title,
    fileIdForFilename: (filename) => {
      const a = atts().find((x) => x.title === filename);
      return a ? a.versions[a.versions.length - 1]?.fileId : undefined;
    },
  };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The parsed JSON body as an object, or 400. */
export function jsonObject(req: ApiRequest): Record<string, unknown> {
  if (!isRecord(req.body)) throw badRequest('Request body must be a JSON object');
  return req.body;
}

/** Optional string-ish field (ids may arrive as numbers from sloppy clients; the validator flags that). */
export function optString(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw badRequest(`${key} must be a string`);
}

export function ok(body: unknown, status = 200, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}

export function noContent(): ApiResponse {
  return { status: 204 };
}

/** Empty 200 (v1 restriction user/group operations answer with no body). */
export function emptyOk(): ApiResponse {
  return { status: 200 };
}

/** An "optional field" list as v2 includes it in single-entity responses (at most 50 items). */
export function optionalList(items: unknown[], selfPath: string, max = 50): Record<string, unknown> {
  const results = items.slice(0, max);
  const meta: Record<string, unknown> = { hasMore: items.length > max };
  if (items.length > max) meta['cursor'] = Buffer.from(JSON.stringify([max])).toString('base64url');
  return { results, meta, _links: { self: selfPath } };
}
