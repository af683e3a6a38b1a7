// v2 pages: create, read, list, update (with the version rule), delete, versions, children.
import type { ApiRequest, Router } from '../router';
import { bodyFor, READ_FORMATS, readWriteBody, type ReadFormat } from './body';
import { badRequest, notFound, withErrors } from './errors';
import type { PageRecord, PageRevision, PageStatus } from './model';
import { bool, decodeCursor, idKey, listResponse, multi, numericId, oneOf, pageOf, parseLimit, type SortKey } from './paging';
import { bodyContext, jsonObject, noContent, ok, optionalList, optString, viewerOf, type RouteDeps } from './route-kit';
import type { CreatePageInput } from './state';
import { childView, pageBulkView, pageVersionView, pageView, propertyView, v2Version, withBase } from './views-v2';

const PAGE_SORTS = ['id', '-id', 'created-date', '-created-date', 'modified-date', '-modified-date', 'title', '-title'] as const;
const LIST_STATUSES = ['current', 'archived', 'deleted', 'trashed'] as const;
const GET_STATUSES = ['current', 'archived', 'trashed', 'deleted', 'historical', 'draft'] as const;
const CHILD_SORTS = ['child-position', '-child-position', 'id', '-id', 'title', '-title', 'created-date', '-created-date', 'modified-date', '-modified-date'] as const;

function pageSortKey(sort: string): (p: PageRecord) => SortKey {
  const field = sort.replace(/^-/, '');
  switch (field) {
    case 'created-date':
      return (p) => [p.createdAt, idKey(p.id)];
    case 'modified-date':
      return (p) => [p.current.createdAt, idKey(p.id)];
    case 'title':
      return (p) => [p.current.title, idKey(p.id)];
    case 'child-position':
      return (p) => [p.position, idKey(p.id)];
    default:
      return (p) => [idKey(p.id)];
  }
}

function listStatuses(req: ApiRequest): PageStatus[] {
  const raw = multi(req.query, 'status');
  for (const s of raw) if (!(LIST_STATUSES as readonly string[]).includes(s)) throw badRequest(`Invalid status: ${s}`);
  const wanted = raw.length > 0 ? raw : ['current', 'archived'];
  return wanted.filter((s): s is PageStatus => s === 'current' || s === 'archived' || s === 'trashed');
}

export function registerPageRoutes(router: Router, deps: RouteDeps): void {
  const { ctx, state } = deps;
  const spaceKeyOf = (p: PageRecord): string => state.spaces.get(p.spaceId)?.key ?? '';

  const bulk = (p: PageRecord, format: ReadFormat | undefined): Record<string, unknown> =>
    pageBulkView(p, { spaceKey: spaceKeyOf(p), body: format ? bodyFor(p.current.body, format, bodyContext(deps, p)) : undefined });

  /** Shared by GET /pages and GET /spaces/{id}/pages. */
  const listPages = (req: ApiRequest, filter: (p: PageRecord) => boolean) => {
    const v = viewerOf(deps, req);
    const q = req.query;
    const statuses = listStatuses(req);
    const title = q.get('title');
    const format = oneOf(q, 'body-format', ['storage', 'atlas_doc_format'] as const);
    const sort = oneOf(q, 'sort', PAGE_SORTS, 'id');
    const subtype = oneOf(q, 'subtype', ['live', 'page'] as const);
    const limit = parseLimit(q, 25);
    const cursor = decodeCursor(q.get('cursor'));
    // Cheap filters first; the visibility check walks ancestors.
    const items = [...state.pages.values()]
      .filter((p) => statuses.includes(p.status))
      .filter((p) => title === null || p.current.title === title)
      .filter((p) => subtype === undefined || (subtype === 'live' ? p.subtype === 'live' : p.subtype !== 'live'))
      .filter(filter)
      .filter((p) => state.canView(v, p));
    const page = pageOf(items, pageSortKey(sort), sort.startsWith('-'), cursor, limit);
    return listResponse(req, ctx.baseUrl, page.items.map((p) => bulk(p, format)), page.nextKey);
  };

  router.get('/wiki/api/v2/pages', withErrors('v2', (req) => {
    const ids = multi(req.query, 'id');
    const spaceIds = multi(req.query, 'space-id');
    return listPages(req, (p) => (ids.length === 0 || ids.includes(p.id)) && (spaceIds.length === 0 || spaceIds.includes(p.spaceId)));
  }));

  router.get('/wiki/api/v2/spaces/{id}/pages', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const space = state.getSpace(v, numericId(req.params['id']));
    const depth = oneOf(req.query, 'depth', ['all', 'root'] as const, 'all');
    return listPages(req, (p) => p.spaceId === space.id && (depth === 'all' || p.parentId === undefined));
  }));

  router.post('/wiki/api/v2/pages', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const b = jsonObject(req);
    const spaceId = optString(b, 'spaceId');
    if (!spaceId) throw badRequest('spaceId is required');
    const status = b['status'] ?? 'current';
    if (status !== 'current' && status !== 'draft') throw badRequest(`Invalid status: ${String(status)}`);
    const title = b['title'] ?? '';
    if (typeof title !== 'string') throw badRequest('title must be a string');
    const subtype = b['subtype'];
    if (subtype !== undefined && subtype !== 'live') throw badRequest(`Invalid subtype: ${String(subtype)}`);
    const input: CreatePageInput = {
      spaceId,
      status,
      title,
      parentId: optString(b, 'parentId'),
      rootLevel: bool(req.query, 'root-level', false),
      private: bool(req.query, 'private', false),
      body: b['body'] === undefined ? { representation: 'storage', value: '' } : readWriteBody(b['body']),
      subtype: subtype === 'live' ? 'live' : null,
    };
    const page = state.createPage(v, input);
    return ok(withBase(pageView(page, { spaceKey: spaceKeyOf(page) }), ctx.baseUrl));
  }));

  router.get('/wiki/api/v2/pages/{id}', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const q = req.query;
    const id = numericId(req.params['id']);
    const format = oneOf(q, 'body-format', READ_FORMATS);
    const rawStatuses = multi(q, 'status');
    for (const s of rawStatuses) if (!(GET_STATUSES as readonly string[]).includes(s)) throw badRequest(`Invalid status: ${s}`);
    let statuses: PageStatus[] | undefined;
    if (rawStatuses.length > 0) {
      statuses = rawStatuses.filter((s): s is PageStatus => ['current', 'archived', 'trashed', 'draft'].includes(s));
      if (rawStatuses.includes('historical') && !statuses.includes('current')) statuses.push('current');
    }
    if (bool(q, 'get-draft', false)) statuses = [...(statuses ?? ['current', 'archived']), 'draft'];
    const page = state.getPage(v, id, statuses);

    let revision: PageRevision | undefined;
    let statusOverride: string | undefined;
    const versionRaw = q.get('version');
    if (versionRaw !== null && versionRaw !== '') {
      if (!/^[0-9]+$/.test(versionRaw)) throw badRequest(`Invalid version: ${versionRaw}`);
      revision = page.history.find((r) => r.number === Number(versionRaw));
      if (!revision) throw notFound(`Version ${versionRaw} of page ${id} not found`);
      if (revision !== page.current) statusOverride = 'historical';
    }
    const shown = revision ?? page.current;
    const view = pageView(page, {
      spaceKey: spaceKeyOf(page),
      body: format ? bodyFor(shown.body, format, bodyContext(deps, page)) : undefined,
      includeVersion: bool(q, 'include-version', true),
      revision,
      statusOverride,
    });
    const self = `${ctx.baseUrl}/wiki/api/v2/pages/${page.id}`;
    if (bool(q, 'include-versions', false)) {
      view['versions'] = optionalList([...page.history].reverse().map((r) => v2Version(r)), `${self}/versions`);
    }
    if (bool(q, 'include-properties', false)) {
      view['properties'] = optionalList(state.pageProperties(v, page.id).map(propertyView), `${self}/properties`);
    }
    if (bool(q, 'include-labels', false)) view['labels'] = optionalList([], `${self}/labels`);
    if (bool(q, 'include-likes', false)) view['likes'] = optionalList([], `${self}/likes/users`);
    if (bool(q, 'include-operations', false)) {
      const ops = [{ operation: 'read', targetType: 'page' }];
      if (state.canEdit(v, page)) ops.push({ operation: 'update', targetType: 'page' }, { operation: 'delete', targetType: 'page' });
      view['operations'] = optionalList(ops, `${self}/operations`);
    }
    if (bool(q, 'include-favorited-by-current-user-status', false)) view['isFavoritedByCurrentUser'] = false;
    return ok(withBase(view, ctx.baseUrl));
  }));

  router.put('/wiki/api/v2/pages/{id}', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const id = numericId(req.params['id']);
    const b = jsonObject(req);
    const bodyId = optString(b, 'id');
    if (bodyId === undefined) throw badRequest('id is required');
    if (bodyId !== id) throw badRequest('The id in the body does not match the id in the path');
    const status = b['status'];
    if (status !== 'current' && status !== 'draft') throw badRequest('status must be current or draft');
    if (typeof b['title'] !== 'string') throw badRequest('title is required');
    if (b['body'] === undefined) throw badRequest('body is required');
    const version = b['version'];
    if (typeof version !== 'object' || version === null) throw badRequest('version is required');
    const num = (version as Record<string, unknown>)['number'];
    const message = (version as Record<string, unknown>)['message'];
    if (typeof num !== 'number' || !Number.isInteger(num)) throw badRequest('version.number is required');
    if (message !== undefined && typeof message !== 'string') throw badRequest('version.message must be a string');
    const page = state.updatePage(v, id, {
      status,
      title: b['title'],
      body: readWriteBody(b['body']),
      versionNumber: num,
      versionMessage: message,
      parentId: optString(b, 'parentId'),
      spaceId: optString(b, 'spaceId'),
      ownerId: optString(b, 'ownerId'),
    });
    return ok(withBase(pageView(page, { spaceKey: spaceKeyOf(page) }), ctx.baseUrl));
  }));

  router.put('/wiki/api/v2/pages/{id}/title', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const id = numericId(req.params['id']);
    const b = jsonObject(req);
    if (b['status'] !== 'current' && b['status'] !== 'draft') throw badRequest('status must be current or draft');
    if (typeof b['title'] !== 'string') throw badRequest('title is required');
    const page = state.editablePage(v, id);
    const next = page.status === 'draft' ? 1 : page.current.number + 1;
    const updated = state.updatePage(v, id, {
      status: b['status'],
      title: b['title'],
      body: page.current.body,
      versionNumber: next,
    });
    return ok(withBase(pageView(updated, { spaceKey: spaceKeyOf(updated) }), ctx.baseUrl));
  }));

  router.delete('/wiki/api/v2/pages/{id}', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    state.deletePage(v, numericId(req.params['id']), { purge: bool(req.query, 'purge', false), draft: bool(req.query, 'draft', false) });
    return noContent();
  }));

  router.get('/wiki/api/v2/pages/{id}/versions', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const q = req.query;
    const page = state.getPage(v, numericId(req.params['id']));
    const format = oneOf(q, 'body-format', ['storage', 'atlas_doc_format'] as const);
    const sort = oneOf(q, 'sort', ['modified-date', '-modified-date'] as const, '-modified-date');
    const limit = parseLimit(q, 25);
    const result = pageOf(page.history, (r) => [r.number], sort.startsWith('-'), decodeCursor(q.get('cursor')), limit);
    const bc = bodyContext(deps, page);
    const results = result.items.map((r) => pageVersionView(page, r, format ? bodyFor(r.body, format, bc) : undefined));
    return listResponse(req, ctx.baseUrl, results, result.nextKey);
  }));

  const children = (withType: boolean) => withErrors('v2', (req: ApiRequest) => {
    const v = viewerOf(deps, req);
    const q = req.query;
    const page = state.getPage(v, numericId(req.params['id']));
    const sort = oneOf(q, 'sort', CHILD_SORTS, 'child-position');
    const limit = parseLimit(q, 25);
    const result = pageOf(state.childrenOf(v, page.id), pageSortKey(sort), sort.startsWith('-'), decodeCursor(q.get('cursor')), limit);
    return listResponse(req, ctx.baseUrl, result.items.map((c) => childView(c, withType)), result.nextKey);
  });
  router.get('/wiki/api/v2/pages/{id}/children', children(false));
  router.get('/wiki/api/v2/pages/{id}/direct-children', children(true));
}
