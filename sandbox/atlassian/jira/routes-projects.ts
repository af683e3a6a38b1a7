// Projects, issue types, statuses and project properties.
import { createHash } from 'node:crypto';
import type { ApiRequest, Router } from '../router';
import { fieldErrors, JiraError, notFound } from './errors';
import { checkProperty } from './issue-input';
import { jiraTime } from './format';
import { type IssueType, type JiraProject, type ProjectTypeKey, STATUSES, GLOBAL_ISSUE_TYPES } from './model';
import { can, hasJiraAccess, isJiraAdmin, type JiraActor } from './permissions';
import { intParam, isObj, jiraRoute, json, listParam, noContent, requireProjectPermission, visibleProject, type JiraEnv } from './route-kit';
import { withParam } from './routes-users';

const KEY_PATTERN = /^[A-Z][A-Z0-9]{1,9}$/;
const TEMPLATE_PREFIX: Record<ProjectTypeKey, string> = {
  software: 'com.pyxis.greenhopper.jira:',
  business: 'com.atlassian.jira-core-project-templates:',
  service_desk: 'com.atlassian.servicedesk:',
};
const NAME_MAX = 80;

/** Deterministic UUID-shaped value, so runs with the same inputs produce the same state. */
export function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function registerProjectRoutes(router: Router, env: JiraEnv): void {
  const { state, r } = env;

  router.post(
    '/rest/api/3/project',
    jiraRoute(env, (req, actor) => {
      if (!isJiraAdmin(actor)) throw new JiraError(403, ['You must have global administrator rights in order to create projects.']);
      const b = isObj(req.body) ? req.body : {};
      const errors: Record<string, string> = {};
      const key = typeof b.key === 'string' ? b.key : '';
      const name = typeof b.name === 'string' ? b.name.trim() : '';
      if (!key) errors.projectKey = 'You must specify a unique project key, at least 2 characters long, containing only uppercase letters and numbers.';
      else if (key.length > 10) errors.projectKey = 'The project key must not exceed 10 characters in length.';
      else if (!KEY_PATTERN.test(key)) errors.projectKey = 'Project keys must start with an uppercase letter, followed by one or more uppercase alphanumeric characters.';
      else if (state.findProject(key)) errors.projectKey = `Project '${state.findProject(key)?.name ?? key}' uses this project key.`;
      if (!name) errors.projectName = 'You must specify a valid project name.';
      else if (name.length > NAME_MAX) errors.projectName = `The project name must not exceed ${NAME_MAX} characters in length.`;
      else if (state.projectByName(name)) errors.projectName = 'A project with that name already exists.';
      const lead = typeof b.leadAccountId === 'string' ? b.leadAccountId : typeof b.lead === 'string' ? b.lead : undefined;
      if (!lead) errors.projectLead = 'You must specify a valid project lead.';
      else if (!hasJiraAccess(state.ctx.directory.get(lead))) errors.projectLead = 'The project lead you specified does not exist or does not have access to Jira.';
      const template = typeof b.projectTemplateKey === 'string' ? b.projectTemplateKey : undefined;
      let type = typeof b.projectTypeKey === 'string' ? (b.projectTypeKey as ProjectTypeKey) : undefined;
      if (!type && template) type = (Object.keys(TEMPLATE_PREFIX) as ProjectTypeKey[]).find((t) => template.startsWith(TEMPLATE_PREFIX[t]));
      if (!type) errors.projectType = 'You must specify a project type or a project template.';
      else if (type === 'service_desk') errors.projectType = "The project type 'service_desk' is not available on this site.";
      else if (template && !template.startsWith(TEMPLATE_PREFIX[type])) errors.projectTemplateKey = `The project template '${template}' cannot be used with the project type '${type}'.`;
      if (Object.keys(errors).length > 0) throw fieldErrors(errors);
      const id = state.nextId();
      const project: JiraProject = {
        id,
        key,
        name,
        description: typeof b.description === 'string' ? b.description : '',
        leadAccountId: lead as string,
        projectTypeKey: type as ProjectTypeKey,
        templateKey: template,
        style: template?.includes('agility') ? 'next-gen' : 'classic',
        assigneeType: b.assigneeType === 'PROJECT_LEAD' ? 'PROJECT_LEAD' : 'UNASSIGNED',
        url: typeof b.url === 'string' ? b.url : undefined,
        uuid: stableUuid(`project:${key}`),
        createdAt: state.now(),
        properties: new Map(),
        nextIssueNumber: 1,
        browseAccountIds: null,
      };
      state.addProject(project);
      if (project.style === 'next-gen') {
        // Team-managed projects own their issue types (ids differ per project).
        for (const t of GLOBAL_ISSUE_TYPES) {
          const own: IssueType = { ...t, id: state.nextId(), projectId: id };
          own.entityId = stableUuid(`issuetype:${key}:${t.name}`);
          state.issueTypes.push(own);
        }
      }
      return json(201, { self: r.projectSelf(project), id: Number(id), key });
    }),
  );

  router.get(
    '/rest/api/3/project/search',
    jiraRoute(env, (req, actor) => {
      const q = req.query;
      const startAt = intParam(q, 'startAt', 0, { min: 0 });
      const maxResults = intParam(q, 'maxResults', 50, { min: 1, max: 100 });
      const keys = new Set(listParam(q, 'keys').map((k) => k.toUpperCase()));
      const ids = new Set(listParam(q, 'id'));
      const text = (q.get('query') ?? '').toLowerCase();
      const typeKey = q.get('typeKey');
      const action = q.get('action') ?? 'view';
      const needed = action === 'edit' ? 'ADMINISTER_PROJECTS' : action === 'create' ? 'CREATE_ISSUES' : 'BROWSE_PROJECTS';
      const orderBy = q.get('orderBy') ?? 'key';
      const desc = orderBy.startsWith('-');
      const by = orderBy.replace(/^[+-]/, '');
      const list = [...state.projects.values()]
        .filter((p) => can(actor, p, needed))
        .filter((p) => keys.size === 0 || keys.has(p.key))
        .filter((p) => ids.size === 0 || ids.has(p.id))
        .filter((p) => !text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
        .filter((p) => !typeKey || typeKey.split(',').includes(p.projectTypeKey))
        .sort((a, b) => {
          const x = by === 'name' ? a.name.toLowerCase() : by === 'issueCount' ? String(issueCount(a)).padStart(12, '0') : a.key;
          const y = by === 'name' ? b.name.toLowerCase() : by === 'issueCount' ? String(issueCount(b)).padStart(12, '0') : b.key;
          return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
        });
      const page = list.slice(startAt, startAt + maxResults);
      const isLast = startAt + page.length >= list.length;
      const expand = new Set(listParam(q, 'expand'));
      const propKeys = listParam(q, 'properties');
      return json(200, {
        self: `${r.base}/rest/api/3/project/search?${q.toString()}`,
        ...(isLast ? {} : { nextPage: `${r.base}/rest/api/3/project/search?${withParam(q, 'startAt', startAt + maxResults)}` }),
        maxResults,
        startAt,
        total: list.length,
        isLast,
        values: page.map((p) => {
          const out = r.projectCompact(p, propKeys.length > 0 ? pickProps(p, propKeys) : undefined);
          if (expand.has('description')) out.description = p.description;
          if (expand.has('lead')) out.lead = r.userBean(p.leadAccountId);
          if (expand.has('issueTypes')) out.issueTypes = state.issueTypesFor(p).map((t) => r.issueType(t));
          if (expand.has('url') && p.url) out.url = p.url;
          if (expand.has('insight')) out.insight = insight(p);
          if (expand.has('permissions')) out.permissions = { canEdit: can(actor, p, 'ADMINISTER_PROJECTS') };
          return out;
        }),
      });
    }),
  );

  const issueCount = (p: JiraProject): number => [...state.issues.values()].filter((i) => i.projectId === p.id).length;
  const insight = (p: JiraProject): Record<string, unknown> => {
    const issues = [...state.issues.values()].filter((i) => i.projectId === p.id);
    const last = issues.reduce((m, i) => Math.max(m, i.updated), 0);
    return { totalIssueCount: issues.length, ...(last > 0 ? { lastIssueUpdateTime: jiraTime(last) } : {}) };
  };
  const pickProps = (p: JiraProject, keys: string[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const all = keys.includes('*all');
    for (const [k, v] of p.properties) if (all || keys.includes(k)) out[k] = v.value;
    return out;
  };

  router.get(
    '/rest/api/3/project/{projectIdOrKey}',
    jiraRoute(env, (req, actor) => {
      const p = visibleProject(env, actor, req.params.projectIdOrKey as string);
      const out = r.projectFull(p, pickProps(p, listParam(req.query, 'properties')));
      if (listParam(req.query, 'expand').includes('insight')) out.insight = insight(p);
      return json(200, out);
    }),
  );

  router.delete(
    '/rest/api/3/project/{projectIdOrKey}',
    jiraRoute(env, (req, actor) => {
      const p = visibleProject(env, actor, req.params.projectIdOrKey as string);
      if (!isJiraAdmin(actor)) throw new JiraError(403, ['You must have global administrator rights in order to delete projects.']);
      state.removeProject(p);
      return noContent();
    }),
  );

  // ---- issue types and statuses ----

  router.get(
    '/rest/api/3/issuetype',
    jiraRoute(env, (_req, actor) => {
      if (!hasAnyAccess(actor)) return json(200, []);
      const visible = state.issueTypes.filter((t) => {
        if (!t.projectId) return true;
        const p = state.projects.get(t.projectId);
        return p !== undefined && can(actor, p, 'BROWSE_PROJECTS');
      });
      return json(200, visible.map((t) => r.issueType(t)));
    }),
  );

  router.get(
    '/rest/api/3/issuetype/project',
    jiraRoute(env, (req, actor) => {
      const projectId = req.query.get('projectId') ?? '';
      const p = state.projects.get(projectId);
      if (!p || !can(actor, p, 'BROWSE_PROJECTS')) throw notFound(`No project could be found with id '${projectId}'.`);
      const levelRaw = req.query.get('level');
      const types = state.issueTypesFor(p).filter((t) => levelRaw === null || t.hierarchyLevel === Number(levelRaw));
      return json(200, types.map((t) => r.issueType(t)));
    }),
  );

  router.get(
    '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes',
    jiraRoute(env, (req, actor) => {
      const p = visibleProject(env, actor, req.params.projectIdOrKey as string);
      requireProjectPermission(actor, p, 'CREATE_ISSUES', 'You do not have permission to create issues in this project.');
      const startAt = intParam(req.query, 'startAt', 0, { min: 0 });
      const maxResults = intParam(req.query, 'maxResults', 50, { min: 1, max: 200 });
      const types = state.issueTypesFor(p);
      return json(200, {
        maxResults,
        startAt,
        total: types.length,
        issueTypes: types.slice(startAt, startAt + maxResults).map((t) => {
          const { description: _d, ...rest } = r.issueType(t);
          return rest;
        }),
      });
    }),
  );

  router.get(
    '/rest/api/3/status',
    jiraRoute(env, () => json(200, STATUSES.map((s) => r.status(s)))),
  );

  // ---- project properties ----

  const propertyProject = (req: ApiRequest, actor: Exclude<JiraActor, { kind: 'anonymous' }>): JiraProject =>
    visibleProject(env, actor, req.params.projectIdOrKey as string);

  router.get(
    '/rest/api/3/project/{projectIdOrKey}/properties',
    jiraRoute(env, (req, actor) => {
      const p = propertyProject(req, actor);
      return json(200, {
        keys: [...p.properties.keys()].sort().map((key) => ({ key, self: `${r.projectSelf(p)}/properties/${encodeURIComponent(key)}` })),
      });
    }),
  );

  router.get(
    '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
    jiraRoute(env, (req, actor) => {
      const p = propertyProject(req, actor);
      const key = req.params.propertyKey as string;
      const prop = p.properties.get(key);
      if (!prop) throw notFound(`The property with key '${key}' does not exist.`);
      return json(200, { key, value: prop.value });
    }),
  );

  router.put(
    '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
    jiraRoute(env, (req, actor) => {
      const p = propertyProject(req, actor);
      requireProjectPermission(actor, p, 'ADMINISTER_PROJECTS', 'You do not have permission to edit the properties of this project.');
      const key = req.params.propertyKey as string;
      checkProperty(key, req.body);
      const existed = p.properties.has(key);
      p.properties.set(key, { value: req.body });
      return { status: existed ? 200 : 201 };
    }),
  );

  router.delete(
    '/rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
    jiraRoute(env, (req, actor) => {
      const p = propertyProject(req, actor);
      requireProjectPermission(actor, p, 'ADMINISTER_PROJECTS', 'You do not have permission to edit the properties of this project.');
      const key = req.params.propertyKey as string;
      if (!p.properties.delete(key)) throw notFound(`The property with key '${key}' does not exist.`);
      return noContent();
    }),
  );
}

function hasAnyAccess(actor: JiraActor): boolean {
  return actor.kind === 'app' || actor.kind === 'admin' || actor.kind === 'member';
}
