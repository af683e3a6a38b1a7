// Issues: create, bulk create, read, edit, delete, transitions, comments, notify, issue properties.
import type { ApiRequest, ApiResponse, Router } from '../router';
import { adfProblem, adfText } from './adf';
import { fieldErrors, JiraError, notFound } from './errors';
import { fieldNames, renderFields, selectFields } from './fields';
import { applyTransition, checkProperty, createIssueFrom, editIssueWith, validateEntityProperties } from './issue-input';
import { TRANSITIONS, STATUSES, type JiraComment, type JiraIssue } from './model';
import { can, hasJiraAccess, type JiraActor } from './permissions';
import type { JsonObject } from './render';
import { boolParam, intParam, isObj, jiraRoute, json, listParam, noContent, requireProjectPermission, visibleIssue, type JiraEnv } from './route-kit';

type Actor = Exclude<JiraActor, { kind: 'anonymous' }>;

export const BULK_CREATE_MAX = 50;
const ISSUE_EXPAND = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';

/** An IssueBean with the selected fields and properties (shared by getIssue, search and bulkfetch). */
export function issueBean(env: JiraEnv, issue: JiraIssue, opts: { fields: string[] | undefined; fallback: '*all' | '*navigable' | 'id'; properties?: string[]; expand?: string[] }): JsonObject {
  const sel = selectFields(opts.fields, opts.fallback);
  const props = opts.properties ?? [];
  const out: JsonObject = sel.idOnly && opts.fallback === 'id' ? { id: issue.id } : { expand: ISSUE_EXPAND, id: issue.id, self: `${env.r.base}/rest/api/3/issue/${issue.id}`, key: issue.key };
  if (!sel.idOnly) out.fields = renderFields(issue, sel, { state: env.state, r: env.r });
  if (props.length > 0) {
    const all = props.includes('*all');
    const p: Record<string, unknown> = {};
    for (const [k, v] of issue.properties) if (all || props.includes(k)) p[k] = v.value;
    out.properties = p;
  }
  const expand = new Set(opts.expand ?? []);
  if (expand.has('names') && !sel.idOnly) out.names = fieldNames(sel);
  if (expand.has('transitions')) out.transitions = transitionsFor(env, issue);
  return out;
}

function transitionsFor(env: JiraEnv, issue: JiraIssue): JsonObject[] {
  return TRANSITIONS.filter((t) => t.toStatusId !== issue.statusId).map((t) => ({
    id: t.id,
    name: t.name,
    to: env.r.status(STATUSES.find((s) => s.id === t.toStatusId) ?? (STATUSES[0] as (typeof STATUSES)[number])),
    hasScreen: false,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  }));
}

export function registerIssueRoutes(router: Router, env: JiraEnv): void {
  const { state, r } = env;
  const created = (issue: JiraIssue, transition?: unknown): JsonObject => ({
    id: issue.id,
    key: issue.key,
    self: `${r.base}/rest/api/3/issue/${issue.id}`,
    ...(transition ? { transition } : {}),
  });

  router.post(
    '/rest/api/3/issue',
    jiraRoute(env, (req, actor) => {
      const res = createIssueFrom(env, actor, req.body);
      return json(201, created(res.issue, res.transition));
    }),
  );

  router.post(
    '/rest/api/3/issue/bulk',
    jiraRoute(env, (req, actor) => {
      const list = isObj(req.body) && Array.isArray(req.body.issueUpdates) ? req.body.issueUpdates : [];
      // The spec documents the 400 body of this operation as CreatedIssues, so request-level
      // rejections use that shape too (the exact real message for 51+ is unverified).
      const reject = (message: string, element: number): ApiResponse =>
        json(400, { issues: [], errors: [{ status: 400, elementErrors: { errorMessages: [message], errors: {} }, failedElementNumber: element }] });
      if (list.length === 0) return reject('Nothing to create: issueUpdates is empty.', 0);
      if (list.length > BULK_CREATE_MAX) return reject(`Bulk create is limited to ${BULK_CREATE_MAX} issues per request; ${list.length} were given.`, BULK_CREATE_MAX);
      const issues: JsonObject[] = [];
      const errors: JsonObject[] = [];
      list.forEach((item, index) => {
        try {
          const res = createIssueFrom(env, actor, item);
          issues.push(created(res.issue, res.transition));
        } catch (e) {
          if (!(e instanceof JiraError)) throw e;
          errors.push({ status: e.status, elementErrors: { errorMessages: e.errorMessages, errors: e.errors }, failedElementNumber: index });
        }
      });
      // Partial success is 201; when every element failed it is 400 with the same body shape.
      return json(issues.length > 0 ? 201 : 400, { issues, errors });
    }),
  );

  router.get(
    '/rest/api/3/issue/{issueIdOrKey}',
    jiraRoute(env, (req, actor) => {
      const { issue } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      return json(
        200,
        issueBean(env, issue, { fields: req.query.getAll('fields'), fallback: '*all', properties: listParam(req.query, 'properties'), expand: listParam(req.query, 'expand') }),
      );
    }),
  );

  router.put(
    '/rest/api/3/issue/{issueIdOrKey}',
    jiraRoute(env, (req, actor) => {
      const { issue, project } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      requireProjectPermission(actor, project, 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
      if (!boolParam(req.query, 'notifyUsers', true) && !can(actor, project, 'ADMINISTER_PROJECTS')) {
        throw new JiraError(403, ['To discard the user notification either admin or project admin permissions are required.']);
      }
      if ((boolParam(req.query, 'overrideScreenSecurity', false) || boolParam(req.query, 'overrideEditableFlag', false)) && actor.kind !== 'app') {
        throw new JiraError(403, ['Only Connect and Forge apps can override screen security or the editable flag.']);
      }
      editIssueWith(env, actor, issue, project, req.body);
      if (boolParam(req.query, 'returnIssue', false)) {
        return json(200, issueBean(env, issue, { fields: undefined, fallback: '*all', expand: listParam(req.query, 'expand') }));
      }
      return noContent();
    }),
  );

  router.delete(
    '/rest/api/3/issue/{issueIdOrKey}',
    jiraRoute(env, (req, actor) => {
      const { issue, project } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      requireProjectPermission(actor, project, 'DELETE_ISSUES', 'You do not have permission to delete issues in this project.');
      const subtasks = state.childrenOf(issue.id).filter((c) => state.issueType(c.issueTypeId)?.subtask);
      if (subtasks.length > 0 && req.query.get('deleteSubtasks') !== 'true') {
        throw fieldErrors({}, [`The issue '${issue.key}' has subtasks. Set the deleteSubtasks parameter to true to delete the issue and its subtasks.`]);
      }
      for (const s of subtasks) state.removeIssue(s);
      state.removeIssue(issue);
      return noContent();
    }),
  );

  // ---- transitions ----

  router.get(
    '/rest/api/3/issue/{issueIdOrKey}/transitions',
    jiraRoute(env, (req, actor) => {
      const { issue, project } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      const only = req.query.get('transitionId');
      const list = can(actor, project, 'TRANSITION_ISSUES') ? transitionsFor(env, issue).filter((t) => !only || t.id === only) : [];
      return json(200, { expand: 'transitions', transitions: list });
    }),
  );

  router.post(
    '/rest/api/3/issue/{issueIdOrKey}/transitions',
    jiraRoute(env, (req, actor) => {
      const { issue, project } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      requireProjectPermission(actor, project, 'TRANSITION_ISSUES', 'You do not have permission to transition this issue.');
      const b = isObj(req.body) ? req.body : {};
      const t = isObj(b.transition) ? b.transition : undefined;
      if (!t || t.id === undefined) throw fieldErrors({}, ["Missing 'transition' identifier"]);
      const id = String(t.id);
      if (!transitionsFor(env, issue).some((x) => x.id === id)) throw fieldErrors({}, [`Transition id '${id}' is not valid for this issue.`]);
      if (b.fields !== undefined || b.update !== undefined) editIssueWith(env, actor, issue, project, { fields: b.fields, update: b.update });
      validateEntityProperties(b.properties).forEach((p) => issue.properties.set(p.key, { value: p.value }));
      applyTransition(env, issue, id);
      return noContent();
    }),
  );

  // ---- comments ----

  const commentBody = (raw: unknown): unknown => {
    if (raw === undefined || raw === null) throw fieldErrors({ comment: 'Comment body can not be empty!' });
    if (adfProblem(raw) !== null) throw fieldErrors({ comment: 'Comment body is not valid!' });
    return raw;
  };
  const renderComment = (c: JiraComment, req: ApiRequest): JsonObject => {
    const out = r.comment(c);
    if (listParam(req.query, 'expand').includes('renderedBody')) out.renderedBody = `<p>${escapeHtml(adfText(c.body))}</p>`;
    return out;
  };
  const findComment = (issue: JiraIssue, id: string): JiraComment => {
    const c = state.commentsOf(issue.id).find((x) => x.id === id);
    if (!c) throw notFound(`Can not find a comment for the id: ${id}.`);
    return c;
  };

  router.post(
    '/rest/api/3/issue/{issueIdOrKey}/comment',
    jiraRoute(env, (req, actor) => {
      const { issue, project } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      requireProjectPermission(actor, project, 'ADD_COMMENTS', 'You do not have the permission to comment on this issue.');
      const b = isObj(req.body) ? req.body : {};
      const body = commentBody(b.body);
      const properties = validateEntityProperties(b.properties);
      const now = state.now();
      const c: JiraComment = { id: state.nextId(), issueId: issue.id, authorId: actor.accountId, updateAuthorId: actor.accountId, body, created: now, updated: now, properties };
      if (b.visibility !== undefined) c.visibility = b.visibility;
      state.addComment(c);
      issue.updated = now;
      return json(201, renderComment(c, req));
    }),
  );

  router.get(
    '/rest/api/3/issue/{issueIdOrKey}/comment',
    jiraRoute(env, (req, actor) => {
      const { issue } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      const startAt = intParam(req.query, 'startAt', 0, { min: 0 });
      const maxResults = intParam(req.query, 'maxResults', 100, { min: 0, max: 5000 });
      const order = req.query.get('orderBy') ?? 'created';
      const all = [...state.commentsOf(issue.id)].sort((a, b) => (a.created - b.created || Number(a.id) - Number(b.id)) * (order === '-created' ? -1 : 1));
      return json(200, { startAt, maxResults, total: all.length, comments: all.slice(startAt, startAt + maxResults).map((c) => renderComment(c, req)) });
    }),
  );

  router.get(
    '/rest/api/3/issue/{issueIdOrKey}/comment/{id}',
    jiraRoute(env, (req, actor) => {
      const { issue } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      return json(200, renderComment(findComment(issue, req.params.id as string), req));
    }),
  );

  router.put(
    '/rest/api/3/issue/{issueIdOrKey}/comment/{id}',
    jiraRoute(env, (req, actor) => {
      const { issue, project } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      const c = findComment(issue, req.params.id as string);
      const own = c.authorId === actor.accountId;
      if (!can(actor, project, own ? 'EDIT_OWN_COMMENTS' : 'EDIT_ALL_COMMENTS')) throw new JiraError(403, ['You do not have permission to edit this comment.']);
      const b = isObj(req.body) ? req.body : {};
      c.body = commentBody(b.body);
      if (b.visibility !== undefined) c.visibility = b.visibility;
      c.updateAuthorId = actor.accountId;
      c.updated = state.now();
      return json(200, renderComment(c, req));
    }),
  );

  router.delete(
    '/rest/api/3/issue/{issueIdOrKey}/comment/{id}',
    jiraRoute(env, (req, actor) => {
      const { issue, project } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      const c = findComment(issue, req.params.id as string);
      const own = c.authorId === actor.accountId;
      if (!can(actor, project, own ? 'DELETE_OWN_COMMENTS' : 'DELETE_ALL_COMMENTS')) throw new JiraError(403, ['You do not have permission to delete this comment.']);
      state.comments.set(issue.id, state.commentsOf(issue.id).filter((x) => x.id !== c.id));
      return noContent();
    }),
  );

  // ---- notify ----

  router.post(
    '/rest/api/3/issue/{issueIdOrKey}/notify',
    jiraRoute(env, (req, actor) => {
      const { issue } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      if (!state.outgoingMailEnabled) throw new JiraError(403, ['Outgoing mail is disabled on this site.']);
      const b = isObj(req.body) ? req.body : {};
      const to = isObj(b.to) ? b.to : {};
      const dir = state.ctx.directory;
      const recipients = new Set<string>();
      if (to.reporter === true) {
        if (!issue.reporterId) throw fieldErrors({}, ['The issue has no reporter to notify.']);
        recipients.add(issue.reporterId);
      }
      if (to.assignee === true) {
        if (!issue.assigneeId) throw fieldErrors({}, ['The issue is not assigned, so the assignee cannot be notified.']);
        recipients.add(issue.assigneeId);
      }
      for (const u of Array.isArray(to.users) ? to.users : []) {
        const id = isObj(u) && typeof u.accountId === 'string' ? u.accountId : undefined;
        if (!id || !dir.get(id)) throw fieldErrors({}, [`The user '${String(id)}' does not exist.`]);
        recipients.add(id);
      }
      const groups = new Set<string>();
      for (const g of Array.isArray(to.groups) ? to.groups : []) if (isObj(g) && typeof g.name === 'string') groups.add(g.name);
      const groupIds = new Set(Array.isArray(to.groupIds) ? to.groupIds.filter((x): x is string => typeof x === 'string') : []);
      for (const u of dir.all()) if (u.active && u.groups.some((g) => groups.has(g) || groupIds.has(r.groupName(g).groupId as string))) recipients.add(u.accountId);
      // Restrictions: only people who can browse the issue (and are in the groups, when given).
      const restrict = isObj(b.restrict) ? b.restrict : {};
      const restrictGroups = new Set(Array.isArray(restrict.groups) ? restrict.groups.filter(isObj).map((g) => String(g.name)) : []);
      const final = [...recipients].filter((id) => {
        if (id === actor.accountId) return false;
        const u = dir.get(id);
        if (!u || !u.active || !hasJiraAccess(u)) return false;
        if (restrictGroups.size > 0 && !u.groups.some((g) => restrictGroups.has(g))) return false;
        return true;
      });
      if (final.length === 0) throw fieldErrors({}, ['No recipients were defined for notification.']);
      state.notifications.push({
        issueId: issue.id,
        subject: typeof b.subject === 'string' ? b.subject : `${issue.key}: ${issue.summary}`,
        textBody: typeof b.textBody === 'string' ? b.textBody : undefined,
        htmlBody: typeof b.htmlBody === 'string' ? b.htmlBody : undefined,
        recipients: final.sort(),
        senderId: actor.accountId,
        at: state.now(),
      });
      return noContent();
    }),
  );

  // ---- issue properties ----

  const editable = (req: ApiRequest, actor: Actor): JiraIssue => {
    const { issue, project } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
    requireProjectPermission(actor, project, 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
    return issue;
  };

  router.get(
    '/rest/api/3/issue/{issueIdOrKey}/properties',
    jiraRoute(env, (req, actor) => {
      const { issue } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      return json(200, {
        keys: [...issue.properties.keys()].sort().map((key) => ({ key, self: `${r.base}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}` })),
      });
    }),
  );

  router.get(
    '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    jiraRoute(env, (req, actor) => {
      const { issue } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      const key = req.params.propertyKey as string;
      const p = issue.properties.get(key);
      if (!p) throw notFound(`The property with key '${key}' does not exist.`);
      return json(200, { key, value: p.value });
    }),
  );

  router.put(
    '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    jiraRoute(env, (req, actor) => {
      const issue = editable(req, actor);
      const key = req.params.propertyKey as string;
      checkProperty(key, req.body);
      const existed = issue.properties.has(key);
      issue.properties.set(key, { value: req.body });
      return { status: existed ? 200 : 201 };
    }),
  );

  router.delete(
    '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    jiraRoute(env, (req, actor) => {
      const issue = editable(req, actor);
      const key = req.params.propertyKey as string;
      if (!issue.properties.delete(key)) throw notFound(`The property with key '${key}' does not exist.`);
      return noContent();
    }),
  );
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
