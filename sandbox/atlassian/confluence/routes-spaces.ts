// Spaces: v2 list/get/create and v1 create (public and private).
import type { ApiRequest, Router } from '../router';
import { canCreateSpace } from './access';
import { badRequest, ConfluenceError, notFound, v1Error, withErrors } from './errors';
import { bool, decodeCursor, idKey, listResponse, multi, numericId, oneOf, pageOf, parseLimit, type SortKey } from './paging';
import { isRecord, jsonObject, ok, viewerOf, type RouteDeps } from './route-kit';
import type { SpaceRecord } from './model';
import { v1Space } from './views-v1';
import { spaceView, withBase } from './views-v2';

const SPACE_SORTS = ['id', '-id', 'key', '-key', 'name', '-name'] as const;

function spaceSortKey(sort: string): (s: SpaceRecord) => SortKey {
  const field = sort.replace(/^-/, '');
  if (field === 'key') return (s) => [s.key, idKey(s.id)];
  if (field === 'name') return (s) => [s.name, idKey(s.id)];
  return (s) => [idKey(s.id)];
}

export function registerSpaceRoutes(router: Router, deps: RouteDeps): void {
  const { ctx, state } = deps;

  router.get('/wiki/api/v2/spaces', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const q = req.query;
    const ids = multi(q, 'ids');
    const keys = multi(q, 'keys').map((k) => k.toUpperCase());
    const type = oneOf(q, 'type', ['global', 'collaboration', 'knowledge_base', 'personal', 'system', 'onboarding', 'xflow_sample_space'] as const);
    const status = oneOf(q, 'status', ['current', 'archived'] as const);
    const labels = multi(q, 'labels');
    const sort = oneOf(q, 'sort', SPACE_SORTS, 'id');
    const descriptionFormat = oneOf(q, 'description-format', ['plain', 'view'] as const);
    const includeIcon = bool(q, 'include-icon', false);
    const limit = parseLimit(q, 25);
    const cursor = decodeCursor(q.get('cursor'));
    const items = state
      .visibleSpaces(v)
      .filter((s) => ids.length === 0 || ids.includes(s.id))
      .filter((s) => keys.length === 0 || keys.includes(s.key.toUpperCase()))
      .filter((s) => type === undefined || s.type === type)
      .filter((s) => status === undefined || s.status === status)
      // The sandbox keeps no space labels, so a label filter matches nothing.
      .filter(() => labels.length === 0);
    const page = pageOf(items, spaceSortKey(sort), sort.startsWith('-'), cursor, limit);
    return listResponse(req, ctx.baseUrl, page.items.map((s) => spaceView(s, { descriptionFormat, includeIcon })), page.nextKey);
  }));

  router.get('/wiki/api/v2/spaces/{id}', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const q = req.query;
    const space = state.getSpace(v, numericId(req.params['id']));
    const view = spaceView(space, { descriptionFormat: oneOf(q, 'description-format', ['plain', 'view'] as const), includeIcon: bool(q, 'include-icon', false) });
    return ok(withBase(view, ctx.baseUrl));
  }));

  router.post('/wiki/api/v2/spaces', withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const b = jsonObject(req);
    const name = b['name'];
    if (typeof name !== 'string') throw badRequest('name is required');
    const key = b['key'];
    const alias = b['alias'];
    if (key !== undefined && typeof key !== 'string') throw badRequest('key must be a string');
    if (alias !== undefined && typeof alias !== 'string') throw badRequest('alias must be a string');
    const d = b['description'];
    const description = isRecord(d) && typeof d['value'] === 'string' ? d['value'] : undefined;
    // The v2 spec documents 404 (not 403) when the caller may not create spaces.
    if (v.kind !== 'anonymous' && !canCreateSpace(v)) throw notFound('You do not have permission to create spaces');
    const space = state.createSpace(v, { key, name, alias, description, private: b['createPrivateSpace'] === true });
    return ok(withBase(spaceView(space), ctx.baseUrl), 201);
  }));

  const v1Create = (isPrivate: boolean) => withErrors('v1', (req: ApiRequest) => {
    const v = viewerOf(deps, req);
    const b = jsonObject(req);
    if (typeof b['key'] !== 'string' || b['key'] === '') throw badRequest('Space key is required');
    if (typeof b['name'] !== 'string' || b['name'] === '') throw badRequest('Space name is required');
    const d = b['description'];
    let description: string | undefined;
    if (isRecord(d) && isRecord(d['plain']) && typeof d['plain']['value'] === 'string') description = d['plain']['value'];
    try {
      const space = state.createSpace(v, { key: b['key'], name: b['name'], description, private: isPrivate });
      return ok(v1Space(ctx.baseUrl, space, state.pages.get(space.homepageId)));
    } catch (e) {
      // v1 reports a duplicate or invalid key with its own message prefix.
      if (e instanceof ConfluenceError && e.status === 400) return v1Error(400, `com.atlassian.confluence.api.service.exceptions.BadRequestException: ${e.message}`);
      throw e;
    }
  });
  router.post('/wiki/rest/api/space', v1Create(false));
  router.post('/wiki/rest/api/space/_private', v1Create(true));
}
