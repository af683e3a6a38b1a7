// Permission checks: GET /mypermissions (one context) and POST /permissions/check (bulk).
import type { Router } from '../router';
import { fieldErrors, JiraError, notFound, ISSUE_NOT_FOUND } from './errors';
import type { JiraProject } from './model';
import { globalPermissions, isJiraAdmin, PERMISSION_BY_KEY, projectPermissions, resolveActor, type JiraActor } from './permissions';
import { isObj, jiraRoute, json, listParam, type JiraEnv } from './route-kit';

const LIMIT = 1000;

export function registerPermissionRoutes(router: Router, env: JiraEnv): void {
  const { state } = env;

  router.get(
    '/rest/api/3/mypermissions',
    jiraRoute(env, (req, actor) => {
      const keys = listParam(req.query, 'permissions');
      if (keys.length === 0) throw fieldErrors({}, ["The 'permissions' query parameter is required."]);
      const unknown = keys.filter((k) => !PERMISSION_BY_KEY.has(k));
      if (unknown.length > 0) throw fieldErrors(Object.fromEntries(unknown.map((k) => [k, 'Unrecognized permission'])));
      const q = req.query;
      let project: JiraProject | undefined;
      const projectRef = q.get('projectKey') ?? q.get('projectId');
      const issueRef = q.get('issueKey') ?? q.get('issueId');
      if (issueRef) {
        const issue = state.findIssue(issueRef);
        project = issue ? state.projects.get(issue.projectId) : undefined;
        if (!issue || !project || !projectPermissions(actor, project).has('BROWSE_PROJECTS')) throw notFound(ISSUE_NOT_FOUND);
      } else if (projectRef) {
        project = state.findProject(projectRef);
        if (!project || !projectPermissions(actor, project).has('BROWSE_PROJECTS')) throw notFound(`No project could be found with key '${projectRef}'.`);
      }
      const global = globalPermissions(actor);
      // Without a context, a project permission counts if held in any project.
      const inAny = (key: string): boolean => [...state.projects.values()].some((p) => projectPermissions(actor, p).has(key));
      const permissions: Record<string, unknown> = {};
      for (const key of keys) {
        const def = PERMISSION_BY_KEY.get(key);
        if (!def) continue;
        const have = def.type === 'GLOBAL' ? global.has(key) : project ? projectPermissions(actor, project).has(key) : inAny(key);
        permissions[key] = { id: def.id, key: def.key, name: def.name, type: def.type, description: def.description, havePermission: have };
      }
      return json(200, { permissions });
    }),
  );

  router.post(
    '/rest/api/3/permissions/check',
    jiraRoute(env, (req, caller) => {
      const b = isObj(req.body) ? req.body : {};
      let actor: JiraActor = caller;
      if (typeof b.accountId === 'string' && b.accountId !== caller.accountId) {
        if (!isJiraAdmin(caller)) throw new JiraError(403, ['Only Jira administrators can check the permissions of other users.']);
        actor = resolveActor(state.ctx.directory, { kind: 'user', accountId: b.accountId });
      }
      const globalKeys = Array.isArray(b.globalPermissions) ? b.globalPermissions.map(String) : [];
      const projectChecks = Array.isArray(b.projectPermissions) ? b.projectPermissions.filter(isObj) : [];
      const errors: Record<string, string> = {};
      for (const k of globalKeys) if (PERMISSION_BY_KEY.get(k)?.type !== 'GLOBAL') errors[k] = 'Unrecognized permission';
      for (const c of projectChecks) for (const k of Array.isArray(c.permissions) ? c.permissions.map(String) : []) if (PERMISSION_BY_KEY.get(k)?.type !== 'PROJECT') errors[k] = 'Unrecognized permission';
      if (Object.keys(errors).length > 0) throw fieldErrors(errors);
      const global = globalPermissions(actor);
      const projectPermissionsOut: Array<{ permission: string; projects: number[]; issues: number[] }> = [];
      for (const c of projectChecks) {
        const projectIds = (Array.isArray(c.projects) ? c.projects : []).map(String);
        const issueIds = (Array.isArray(c.issues) ? c.issues : []).map(String);
        if (projectIds.length > LIMIT || issueIds.length > LIMIT) throw fieldErrors({}, [`At most ${LIMIT} projects and ${LIMIT} issues can be checked at once.`]);
        for (const perm of (c.permissions as unknown[]).map(String)) {
          // Invalid or unknown ids are silently ignored, as Jira does.
          const projects = projectIds.filter((id) => {
            const p = state.projects.get(id);
            return p !== undefined && projectPermissions(actor, p).has(perm);
          });
          const issues = issueIds.filter((id) => {
            const i = state.issues.get(id);
            const p = i ? state.projects.get(i.projectId) : undefined;
            return p !== undefined && projectPermissions(actor, p).has(perm);
          });
          const existing = projectPermissionsOut.find((x) => x.permission === perm);
          const target = existing ?? { permission: perm, projects: [], issues: [] };
          for (const id of projects) if (!target.projects.includes(Number(id))) target.projects.push(Number(id));
          for (const id of issues) if (!target.issues.includes(Number(id))) target.issues.push(Number(id));
          if (!existing && (target.projects.length > 0 || target.issues.length > 0)) projectPermissionsOut.push(target);
        }
      }
      return json(200, { globalPermissions: globalKeys.filter((k) => global.has(k)), projectPermissions: projectPermissionsOut });
    }),
  );
}
