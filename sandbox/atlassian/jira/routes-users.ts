// Users and groups: /myself, /user, /user/bulk, /user/search, /user/groups, /group/member.
import type { Router } from '../router';
import type { SiteUser } from '../site-context';
import { badRequest, notFound } from './errors';
import { hasJiraAccess } from './permissions';
import { intParam, jiraRoute, json, listParam, type JiraEnv } from './route-kit';

const USER_NOT_FOUND = 'Specified user does not exist or you do not have required permissions';

export function registerUserRoutes(router: Router, env: JiraEnv): void {
  const { state, r } = env;
  const dir = state.ctx.directory;
  const expands = (q: URLSearchParams): Set<string> => new Set(listParam(q, 'expand'));

  router.get(
    '/rest/api/3/myself',
    jiraRoute(env, (req, actor) => {
      const ex = expands(req.query);
      return json(200, r.userBean(actor.accountId, { locale: true, groups: ex.has('groups'), applicationRoles: ex.has('applicationRoles') }));
    }),
  );

  // Only Jira users (and the app) may look others up; others see no one but themselves.
  const canBrowseUsers = (kind: string): boolean => kind === 'app' || kind === 'admin' || kind === 'member';

  router.get(
    '/rest/api/3/user',
    jiraRoute(env, (req, actor) => {
      const accountId = req.query.get('accountId');
      if (!accountId) throw badRequest('The accountId query parameter needs to be provided.');
      const u = dir.get(accountId);
      if (!u || (!canBrowseUsers(actor.kind) && accountId !== actor.accountId)) throw notFound(USER_NOT_FOUND);
      const ex = expands(req.query);
      return json(200, r.userBean(accountId, { groups: ex.has('groups'), applicationRoles: ex.has('applicationRoles') }));
    }),
  );

  router.get(
    '/rest/api/3/user/bulk',
    jiraRoute(env, (req, actor) => {
      const ids = listParam(req.query, 'accountId');
      if (ids.length === 0) throw badRequest('The accountId query parameter needs to be provided.');
      const startAt = intParam(req.query, 'startAt', 0, { min: 0 });
      const maxResults = intParam(req.query, 'maxResults', 10, { min: 1, max: 200 });
      const found = ids.filter((id) => dir.get(id) && (canBrowseUsers(actor.kind) || id === actor.accountId));
      const page = found.slice(startAt, startAt + maxResults);
      const isLast = startAt + page.length >= found.length;
      const self = `${r.base}/rest/api/3/user/bulk?${req.query.toString()}`;
      return json(200, {
        self,
        ...(isLast ? {} : { nextPage: `${r.base}/rest/api/3/user/bulk?${withParam(req.query, 'startAt', startAt + maxResults)}` }),
        maxResults,
        startAt,
        total: found.length,
        isLast,
        values: page.map((id) => r.userBean(id)),
      });
    }),
  );

  router.get(
    '/rest/api/3/user/search',
    jiraRoute(env, (req, actor) => {
      const query = (req.query.get('query') ?? '').toLowerCase();
      const accountId = req.query.get('accountId');
      if (!query && !accountId) throw badRequest('One of the query parameters query or accountId is required.');
      if (!canBrowseUsers(actor.kind)) return json(200, []);
      const startAt = intParam(req.query, 'startAt', 0, { min: 0 });
      const maxResults = intParam(req.query, 'maxResults', 50, { min: 1, max: 1000 });
      const matches = dir
        .all()
        .filter((u) => u.accountType !== 'app' && (accountId ? u.accountId === accountId : matchesQuery(u, query)))
        .sort((a, b) => (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0));
      return json(
        200,
        matches.slice(startAt, startAt + maxResults).map((u) => r.userBean(u.accountId)),
      );
    }),
  );

  router.get(
    '/rest/api/3/user/groups',
    jiraRoute(env, (req, actor) => {
      const accountId = req.query.get('accountId');
      if (!accountId) throw badRequest('The accountId query parameter needs to be provided.');
      const u = dir.get(accountId);
      if (!u || (!canBrowseUsers(actor.kind) && accountId !== actor.accountId)) throw notFound(USER_NOT_FOUND);
      return json(200, [...u.groups].sort().map((g) => r.groupName(g)));
    }),
  );

  router.get(
    '/rest/api/3/group/member',
    jiraRoute(env, (req, actor) => {
      const name = req.query.get('groupname');
      const id = req.query.get('groupId');
      if (!name && !id) throw badRequest('You must specify a group name or id.');
      if (!canBrowseUsers(actor.kind)) throw notFound('Group not found.');
      const includeInactive = req.query.get('includeInactiveUsers') === 'true';
      const users = dir.all().filter((u) => u.groups.some((g) => g === name || r.groupName(g).groupId === id));
      // Groups exist through their members in this emulator.
      if (users.length === 0) throw notFound('Group not found.');
      const members = users.filter((u) => includeInactive || u.active).sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
      const startAt = intParam(req.query, 'startAt', 0, { min: 0 });
      const maxResults = intParam(req.query, 'maxResults', 50, { min: 1, max: 50 });
      const page = members.slice(startAt, startAt + maxResults);
      const isLast = startAt + page.length >= members.length;
      return json(200, {
        self: `${r.base}/rest/api/3/group/member?${req.query.toString()}`,
        ...(isLast ? {} : { nextPage: `${r.base}/rest/api/3/group/member?${withParam(req.query, 'startAt', startAt + maxResults)}` }),
        maxResults,
        startAt,
        total: members.length,
        isLast,
        values: page.map((u) => r.userDetails(u.accountId)),
      });
    }),
  );
}

function matchesQuery(u: SiteUser, q: string): boolean {
  if (!u.active && !hasJiraAccess(u) && u.accountType === 'customer') return false;
  const words = [u.displayName, ...u.displayName.split(/\s+/), u.emailAddress ?? ''].map((w) => w.toLowerCase());
  return words.some((w) => w.startsWith(q));
}

export function withParam(q: URLSearchParams, name: string, value: number | string): string {
  const c = new URLSearchParams(q);
  c.set(name, String(value));
  return c.toString();
}
