// v2 content properties on pages: addressed by property id, versioned like pages (atlassian-rest.md §2.5).
import type { Router } from '../router';
import { badRequest, withErrors } from './errors';
import { decodeCursor, idKey, listResponse, numericId, oneOf, pageOf, parseLimit } from './paging';
import { isRecord, jsonObject, noContent, ok, viewerOf, type RouteDeps } from './route-kit';
import { propertyView } from './views-v2';

export function registerPropertyRoutes(router: Router, deps: RouteDeps): void {
  const { ctx, state } = deps;
  const base = '/wiki/api/v2/pages/{page-id}/properties';

  router.get(base, withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const q = req.query;
    const pageId = numericId(req.params['page-id'], 'page-id');
    const key = q.get('key');
    const sort = oneOf(q, 'sort', ['key', '-key'] as const);
    const limit = parseLimit(q, 25);
    const items = state.pageProperties(v, pageId).filter((p) => key === null || p.key === key);
    const keyOf = sort ? (p: { key: string; id: string }) => [p.key, idKey(p.id)] : (p: { id: string }) => [idKey(p.id)];
    const page = pageOf(items, keyOf, sort === '-key', decodeCursor(q.get('cursor')), limit);
    return listResponse(req, ctx.baseUrl, page.items.map(propertyView), page.nextKey);
  }));

  router.post(base, withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const b = jsonObject(req);
    const prop = state.createProperty(v, numericId(req.params['page-id'], 'page-id'), b['key'], b['value']);
    return ok(propertyView(prop));
  }));

  router.get(`${base}/{property-id}`, withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const prop = state.getProperty(v, numericId(req.params['page-id'], 'page-id'), numericId(req.params['property-id'], 'property-id'));
    return ok(propertyView(prop));
  }));

  router.put(`${base}/{property-id}`, withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    const b = jsonObject(req);
    const version = b['version'];
    if (!isRecord(version)) throw badRequest('version is required');
    const message = version['message'];
    if (message !== undefined && typeof message !== 'string') throw badRequest('version.message must be a string');
    const prop = state.updateProperty(v, numericId(req.params['page-id'], 'page-id'), numericId(req.params['property-id'], 'property-id'), {
      key: b['key'],
      value: b['value'],
      versionNumber: version['number'],
      message,
    });
    return ok(propertyView(prop));
  }));

  router.delete(`${base}/{property-id}`, withErrors('v2', (req) => {
    const v = viewerOf(deps, req);
    state.deleteProperty(v, numericId(req.params['page-id'], 'page-id'), numericId(req.params['property-id'], 'property-id'));
    return noContent();
  }));
}
