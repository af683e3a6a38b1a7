// Attachments: v1 upload (POST create-only, PUT create-or-new-version, POST …/data), v1 list and
// download redirect, v2 reads and delete, and the byte download the page viewer and tests use.
import type { ApiRequest, ApiResponse, Router } from '../router';
import { badRequest, ConfluenceError, forbidden, notFound, withErrors } from './errors';
import type { AttachmentRecord } from './model';
import { multipartBoundary, MultipartError, parseMultipart, partText, type MultipartPart } from './multipart';
import { bool, decodeCursor, idKey, listResponse, multi, numericId, oneOf, pageOf, parseLimit, type SortKey } from './paging';
import { ok, optionalList, viewerOf, type RouteDeps } from './route-kit';
import type { UploadFile } from './state';
import { v1Attachment, v1ContentArray } from './views-v1';
import { attachmentView, downloadPath, v2Version, withBase } from './views-v2';

const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml',
  webp: 'image/webp', csv: 'text/csv', txt: 'text/plain', json: 'application/json', html: 'text/html', xml: 'application/xml',
  zip: 'application/zip', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

export function guessMediaType(filename: string, declared: string | undefined): string {
  const clean = declared?.split(';')[0]?.trim().toLowerCase();
  if (clean && clean !== 'application/octet-stream') return clean;
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  return (ext && MEDIA_TYPES[ext]) || 'application/octet-stream';
}

/** The XSRF guard on multipart endpoints: `X-Atlassian-Token: no-check` (or `nocheck`), else 403. */
function requireXsrfHeader(req: ApiRequest): void {
  const token = (req.headers['x-atlassian-token'] ?? '').trim().toLowerCase();
  if (token !== 'no-check' && token !== 'nocheck') throw forbidden('XSRF check failed');
}

function readParts(req: ApiRequest): MultipartPart[] {
  let boundary: string | undefined;
  try {
    boundary = multipartBoundary(req.headers['content-type']);
    if (!boundary) throw new ConfluenceError(415, 'Unsupported Media Type: use multipart/form-data');
    return parseMultipart(req.rawBody, boundary);
  } catch (e) {
    if (e instanceof MultipartError) throw badRequest(`Malformed multipart request: ${e.message}`);
    throw e;
  }
}

/** `file` parts with their `comment`s (one per file, in order, if any) and the `minorEdit` flag. */
function readUpload(parts: MultipartPart[]): { files: UploadFile[]; minorEdit: boolean } {
  const fileParts = parts.filter((p) => p.name === 'file');
  if (fileParts.length === 0) throw badRequest('The request has no file part');
  const comments = parts.filter((p) => p.name === 'comment').map(partText);
  if (comments.length > 0 && comments.length !== fileParts.length) {
    throw badRequest('If comments are given, every file needs one, in the same order');
  }
  const minorPart = parts.find((p) => p.name === 'minorEdit');
  const minorEdit = minorPart ? partText(minorPart).trim().replace(/^"|"$/g, '') === 'true' : false;
  const files = fileParts.map((p, i) => {
    const filename = p.filename ?? '';
    if (!filename) throw badRequest('Every file part needs a filename');
    return { filename, mediaType: guessMediaType(filename, p.contentType), bytes: p.data, comment: comments[i] ?? '' };
  });
  return { files, minorEdit };
}

const ATTACHMENT_SORTS = ['created-date', '-created-date', 'modified-date', '-modified-date'] as const;

function attachmentSortKey(sort: string): (a: AttachmentRecord) => SortKey {
  if (sort.replace(/^-/, '') === 'modified-date') return (a) => [a.versions[a.versions.length - 1]?.createdAt ?? a.createdAt, idKey(a.id.replace(/^att/, ''))];
  return (a) => [a.createdAt, idKey(a.id.replace(/^att/, ''))];
}

export function registerAttachmentRoutes(router: Router, deps: RouteDeps): void {
  const { ctx, state } = deps;
  const v1Base = '/wiki/rest/api/content/{id}/child/attachment';

  const upload = (mode: 'create' | 'upsert') => withErrors('v1', (req: ApiRequest): ApiResponse => {
    requireXsrfHeader(req);
    const v = viewerOf(deps, req);
    const pageId = req.params['id'] ?? '';
    const status = oneOf(req.query, 'status', ['current', 'draft'] as const, 'current');
    const { files, minorEdit } = readUpload(readParts(req));
    const records = state.upload(v, pageId, files, { mode, minorEdit, draft: status === 'draft' });
    const page = state.pages.get(pageId);
    if (!page) throw notFound();
    const results = records.map((a) => v1Attachment(ctx.directory, ctx.baseUrl, a, page));
    return ok(v1ContentArray(results, 0, results.length, ctx.baseUrl, `/wiki/rest/api/content/${pageId}/child/attachment`));
  });
  router.post(v1Base, upload('create'));
  router.put(v1Base, upload('upsert'));

  router.get(v1Base, withErrors('v1', (req) => {
    const v = viewerOf(deps, req);
    const q = req.query;
    const pageId = req.params['id'] ?? '';
    const startRaw = q.get('start') ?? '0';
    if (!/^[0-9]+$/.test(startRaw)) throw badRequest(`Invalid start: ${startRaw}`);
    const start = Number(startRaw);
    const limit = parseLimit(q, 25, 200);
    const filename = q.get('filename');
    const mediaType = q.get('mediaType');
    const page = state.getPage(v, pageId, ['current', 'archived', 'draft']);
    const all = state
      .pageAttachments(v, page.id)
      .filter((a) => a.status === 'current')
      .filter((a) => filename === null || a.title === filename)
      .filter((a) => mediaType === null || a.versions[a.versions.length - 1]?.mediaType === mediaType)
      .sort((a, b) => Number(a.id.slice(3)) - Number(b.id.slice(3)));
    const slice = all.slice(start, start + limit);
    const more = start + limit < all.length;
    const nextQ = new URLSearchParams(q);
    nextQ.set('start', String(start + limit));
    nextQ.set('limit', String(limit));
    const next = more ? `/rest/api/content/${page.id}/child/attachment?${nextQ.toString()}` : undefined;
    const results = slice.map((a) => v1Attachment(ctx.directory, ctx.baseUrl, a, page));
    return ok(v1ContentArray(results, start, limit, ctx.baseUrl, `/wiki/rest/api/content/${page.id}/child/attachment`, next));
  }));

  router.post(`${v1Base}/{attachmentId}/data`, withErrors('v1', (req) => {
    requireXsrfHeader(req);
    const v = viewerOf(deps, req);
    const pageId = req.params['id'] ?? '';
    const { files, minorEdit } = readUpload(readParts(req));
    if (files.length !== 1) throw badRequest('Exactly one file is required');
    const a = state.replaceAttachmentData(v, pageId, req.params['attachmentId'] ?? '', files[0] as UploadFile, minorEdit);
    const page = state.pages.get(pageId);
    if (!page) throw notFound();
    return ok(v1Attachment(ctx.directory, ctx.baseUrl, a, page));
  }));

  router.get(`${v1Base}/{attachmentId}/download`, withErrors('v1', (req) => {
    const v = viewerOf(deps, req);
    const a = state.getAttachment(v, req.params['attachmentId'] ?? '');
    if (a.pageId !== req.params['id']) throw notFound('Attachment not found on this content');
    const versionRaw = req.query.get('version');
    const ver = versionRaw ? a.versions.find((x) => String(x.number) === versionRaw) : a.versions[a.versions.length - 1];
    if (!ver) throw badRequest(`Invalid version: ${versionRaw ?? ''}`);
    return { status: 302, headers: { location: `${ctx.baseUrl}/wiki${downloadPath(a, ver)}` } };
  }));

  router.get('/wiki/api/v2/pages/{id}/attachments', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const q = req.query;
    const pageId = numericId(req.params['id']);
    const statuses = multi(q, 'status');
    for (const s of statuses) if (!['current', 'archived', 'trashed'].includes(s)) throw badRequest(`Invalid status: ${s}`);
    const wanted = statuses.length > 0 ? statuses : ['current', 'archived'];
    const filename = q.get('filename');
    const mediaType = q.get('mediaType');
    const sort = oneOf(q, 'sort', ATTACHMENT_SORTS, 'created-date');
    const limit = parseLimit(q, 50);
    const items = state
      .pageAttachments(v, pageId)
      .filter((a) => wanted.includes(a.status))
      .filter((a) => filename === null || a.title === filename)
      .filter((a) => mediaType === null || a.versions[a.versions.length - 1]?.mediaType === mediaType);
    const page = pageOf(items, attachmentSortKey(sort), sort.startsWith('-'), decodeCursor(q.get('cursor')), limit);
    return listResponse(req, ctx.baseUrl, page.items.map((a) => attachmentView(a)), page.nextKey);
  }));

  router.get('/wiki/api/v2/attachments/{id}', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const q = req.query;
    const a = state.getAttachment(v, req.params['id'] ?? '');
    if (a.status === 'trashed') throw notFound(`Attachment ${a.id} not found`);
    const versionRaw = q.get('version');
    const ver = versionRaw ? a.versions.find((x) => String(x.number) === versionRaw) : undefined;
    if (versionRaw && !ver) throw notFound(`Version ${versionRaw} of attachment ${a.id} not found`);
    const view = attachmentView(a, ver ?? a.versions[a.versions.length - 1]);
    if (!bool(q, 'include-version', true)) delete view['version'];
    const self = `${ctx.baseUrl}/wiki/api/v2/attachments/${a.id}`;
    if (bool(q, 'include-versions', false)) view['versions'] = optionalList([...a.versions].reverse().map((x) => v2Version(x)), `${self}/versions`);
    if (bool(q, 'include-labels', false)) view['labels'] = optionalList([], `${self}/labels`);
    if (bool(q, 'include-properties', false)) view['properties'] = optionalList([], `${self}/properties`);
    if (bool(q, 'include-operations', false)) view['operations'] = optionalList([{ operation: 'read', targetType: 'attachment' }], `${self}/operations`);
    return ok(withBase(view, ctx.baseUrl));
  }));

  router.delete('/wiki/api/v2/attachments/{id}', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    state.deleteAttachment(v, req.params['id'] ?? '', bool(req.query, 'purge', false));
    return { status: 204 };
  }));

  // Not an API route: the file bytes behind `downloadLink`, for the page viewer and tests.
  router.get('/wiki/download/attachments/{pageId}/{filename}', withErrors('v1', (req) => {
    const v = viewerOf(deps, req);
    const pageId = req.params['pageId'] ?? '';
    const filename = req.params['filename'] ?? '';
    const page = state.getPage(v, pageId, ['current', 'archived', 'draft']);
    const a = state.attachmentByName(page.id, filename);
    if (!a) throw notFound(`No attachment ${filename} on page ${pageId}`);
    const versionRaw = req.query.get('version');
    const ver = versionRaw ? a.versions.find((x) => String(x.number) === versionRaw) : a.versions[a.versions.length - 1];
    if (!ver) throw notFound(`Version ${versionRaw ?? ''} of ${filename} not found`);
    // Header values must be ASCII: the plain filename gets a fallback, filename* carries the real one.
    const safeName = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return {
      status: 200,
      headers: {
        'content-type': ver.mediaType,
        'content-length': String(ver.bytes.length),
        'content-disposition': `inline; filename="${safeName}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, max-age=0',
      },
      body: Buffer.from(ver.bytes),
    };
  }), { undocumented: true });
}

