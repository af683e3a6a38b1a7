// v1 content restrictions (atlassian-rest.md §3.2): whole-set GET/PUT/POST/DELETE and the
// fine-grained byOperation user/group endpoints. Read restrictions decide page visibility.
import type { ApiRequest, Router } from '../router';
import { badRequest, notFound, withErrors } from './errors';
import type { RestrictionOperation } from './model';
import { emptyOk, isRecord, ok, viewerOf, type RouteDeps } from './route-kit';
import { groupIdOf } from './state';
import { v1Links, v1Restriction, v1RestrictionArray } from './views-v1';

interface RestrictionUpdate {
  operation: RestrictionOperation;
  users: string[];
  groups: string[];
}

function operationOf(raw: string | undefined): RestrictionOperation {
  if (raw === 'read' || raw === 'update') return raw;
  throw notFound(`Invalid operation: ${raw ?? ''}`);
}

/** Body: an array or `{ results: [...] }` of `{ operation, restrictions: { user?, group? } }`. */
function readUpdates(body: unknown): RestrictionUpdate[] {
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body['results']) ? body['results'] : undefined;
  if (!list) throw badRequest('Body must be an array of restrictions (or { results: [...] })');
  return list.map((item: unknown) => {
    if (!isRecord(item)) throw badRequest('Each restriction must be an object');
    const op = item['operation'];
    if (op !== 'read' && op !== 'update') throw badRequest(`Unsupported restriction operation: ${String(op)}`);
    const r = item['restrictions'];
    if (!isRecord(r)) throw badRequest('restrictions is required');
    if (r['user'] === undefined && r['group'] === undefined) throw badRequest('At least one of restrictions.user or restrictions.group is required');
    const rawUsers = r['user'] === undefined ? [] : Array.isArray(r['user']) ? r['user'] : isRecord(r['user']) && Array.isArray(r['user']['results']) ? r['user']['results'] : undefined;
    if (!rawUsers) throw badRequest('restrictions.user must be an array of users');
    const users = rawUsers.map((u: unknown) => {
      if (!isRecord(u) || typeof u['accountId'] !== 'string' || u['accountId'] === '') throw badRequest('Each restricted user needs an accountId');
      return u['accountId'];
    });
    const rawGroups = r['group'] === undefined ? [] : r['group'];
    if (!Array.isArray(rawGroups)) throw badRequest('restrictions.group must be an array');
    const groups = rawGroups.map((g: unknown) => {
      if (!isRecord(g) || typeof g['name'] !== 'string' || g['name'] === '') throw badRequest('Each restricted group needs a name');
      return g['name'];
    });
    return { operation: op, users, groups };
  });
}

/** Group names are known from the directory; group ids are stable hashes of the names. */
function groupNameById(deps: RouteDeps, groupId: string): string {
  const names = new Set<string>(deps.ctx.directory.all().flatMap((u) => u.groups));
  for (const p of deps.state.pages.values()) for (const op of ['read', 'update'] as const) for (const g of p.restrictions[op].groups) names.add(g);
  for (const n of names) if (groupIdOf(n) === groupId) return n;
  throw notFound(`No group with id ${groupId}`);
}

export function registerRestrictionRoutes(router: Router, deps: RouteDeps): void {
  const { ctx, state } = deps;
  const base = '/wiki/rest/api/content/{id}/restriction';
  const arrayOf = (req: ApiRequest) => {
    const { page } = state.restrictionsOf(viewerOf(deps, req), req.params['id'] ?? '');
    return ok(v1RestrictionArray(ctx.directory, ctx.baseUrl, page));
  };

  router.get(base, withErrors('v1', arrayOf));

  router.put(base, withErrors('v1', (req) => {
    const page = state.setRestrictions(viewerOf(deps, req), req.params['id'] ?? '', readUpdates(req.body), 'replace');
    return ok(v1RestrictionArray(ctx.directory, ctx.baseUrl, page));
  }));

  router.post(base, withErrors('v1', (req) => {
    const page = state.setRestrictions(viewerOf(deps, req), req.params['id'] ?? '', readUpdates(req.body), 'add');
    return ok(v1RestrictionArray(ctx.directory, ctx.baseUrl, page));
  }));

  router.delete(base, withErrors('v1', (req) => {
    const page = state.clearRestrictions(viewerOf(deps, req), req.params['id'] ?? '');
    return ok(v1RestrictionArray(ctx.directory, ctx.baseUrl, page));
  }));

  router.get(`${base}/byOperation`, withErrors('v1', (req) => {
    const { page, restrictions } = state.restrictionsOf(viewerOf(deps, req), req.params['id'] ?? '');
    return ok({
      read: v1Restriction(ctx.directory, ctx.baseUrl, page, 'read', restrictions),
      update: v1Restriction(ctx.directory, ctx.baseUrl, page, 'update', restrictions),
      _links: v1Links(ctx.baseUrl),
    });
  }));

  router.get(`${base}/byOperation/{operationKey}`, withErrors('v1', (req) => {
    const op = operationOf(req.params['operationKey']);
    const { page, restrictions } = state.restrictionsOf(viewerOf(deps, req), req.params['id'] ?? '');
    return ok(v1Restriction(ctx.directory, ctx.baseUrl, page, op, restrictions));
  }));

  const accountIdOf = (req: ApiRequest): string => {
    const id = req.query.get('accountId');
    if (!id) throw badRequest('accountId is required');
    return id;
  };

  // GET answers 200 (empty) when the user is named in the restriction, 404 otherwise.
  router.get(`${base}/byOperation/{operationKey}/user`, withErrors('v1', (req) => {
    const op = operationOf(req.params['operationKey']);
    const accountId = accountIdOf(req);
    const { restrictions } = state.restrictionsOf(viewerOf(deps, req), req.params['id'] ?? '');
    if (!restrictions[op].users.includes(accountId)) throw notFound('The user is not part of this restriction');
    return emptyOk();
  }));
  router.put(`${base}/byOperation/{operationKey}/user`, withErrors('v1', (req) => {
    state.changeRestriction(viewerOf(deps, req), req.params['id'] ?? '', operationOf(req.params['operationKey']), { user: accountIdOf(req) }, 'add');
    return emptyOk();
  }));
  router.delete(`${base}/byOperation/{operationKey}/user`, withErrors('v1', (req) => {
    state.changeRestriction(viewerOf(deps, req), req.params['id'] ?? '', operationOf(req.params['operationKey']), { user: accountIdOf(req) }, 'remove');
    return emptyOk();
  }));

  const groupRoutes = (suffix: string, nameOf: (req: ApiRequest) => string) => {
    router.get(`${base}/byOperation/{operationKey}/${suffix}`, withErrors('v1', (req) => {
      const op = operationOf(req.params['operationKey']);
      const { restrictions } = state.restrictionsOf(viewerOf(deps, req), req.params['id'] ?? '');
      if (!restrictions[op].groups.includes(nameOf(req))) throw notFound('The group is not part of this restriction');
      return emptyOk();
    }));
    router.put(`${base}/byOperation/{operationKey}/${suffix}`, withErrors('v1', (req) => {
      state.changeRestriction(viewerOf(deps, req), req.params['id'] ?? '', operationOf(req.params['operationKey']), { group: nameOf(req) }, 'add');
      return emptyOk();
    }));
    router.delete(`${base}/byOperation/{operationKey}/${suffix}`, withErrors('v1', (req) => {
      state.changeRestriction(viewerOf(deps, req), req.params['id'] ?? '', operationOf(req.params['operationKey']), { group: nameOf(req) }, 'remove');
      return emptyOk();
    }));
  };
  groupRoutes('group/{groupName}', (req) => req.params['groupName'] ?? '');
  groupRoutes('byGroupId/{groupId}', (req) => groupNameById(deps, req.params['groupId'] ?? ''));
}
