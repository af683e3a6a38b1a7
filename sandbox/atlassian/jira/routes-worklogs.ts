// Worklogs: per issue (add, list, get, update, delete) and the site-wide feeds
// (/worklog/updated, /worklog/deleted, /worklog/list).
import type { ApiRequest, Router } from '../router';
import { adfProblem, ADF_INVALID_MESSAGE } from './adf';
import { fieldErrors, JiraError, notFound } from './errors';
import { jiraTime, parseDuration, parseJiraDateTime } from './format';
import { validateEntityProperties } from './issue-input';
import type { JiraIssue, JiraWorklog } from './model';
import { can, type JiraActor } from './permissions';
import { intParam, isObj, jiraRoute, json, listParam, noContent, requireProjectPermission, visibleIssue, type JiraEnv } from './route-kit';

type Actor = Exclude<JiraActor, { kind: 'anonymous' }>;

export const FEED_PAGE = 1000;
export const WORKLOG_LIST_MAX = 1000;
/** The feeds leave out changes from the minute before the request. */
export const FEED_SETTLE_MS = 60_000;

interface WorklogInput {
  started?: { text: string; ms: number };
  timeSpentSeconds?: number;
  comment?: unknown;
  visibility?: unknown;
  properties: Array<{ key: string; value: unknown }>;
}

function parseWorklogBody(body: unknown, mode: 'create' | 'update'): WorklogInput {
  if (!isObj(body)) throw fieldErrors({}, ['The worklog must be an object.']);
  const errors: Record<string, string> = {};
  const out: WorklogInput = { properties: [] };
  if (body.started !== undefined) {
    const ms = typeof body.started === 'string' ? parseJiraDateTime(body.started) : null;
    if (ms === null) errors.started = 'Invalid start time: use the format yyyy-MM-ddTHH:mm:ss.SSSZ, e.g. 2021-01-17T12:34:00.000+0000.';
    else out.started = { text: jiraTime(ms), ms };
  } else if (mode === 'create') errors.started = 'You must specify when the work was started.';
  const hasSpent = body.timeSpent !== undefined;
  const hasSeconds = body.timeSpentSeconds !== undefined;
  if (hasSpent && hasSeconds) errors.timeLogged = 'Specify either timeSpent or timeSpentSeconds, not both.';
  else if (hasSeconds) {
    const s = body.timeSpentSeconds;
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 60) errors.timeLogged = 'Time spent must be at least one minute (60 seconds).';
    else out.timeSpentSeconds = s;
  } else if (hasSpent) {
    const s = typeof body.timeSpent === 'string' ? parseDuration(body.timeSpent) : null;
    if (s === null || s < 60) errors.timeLogged = 'Invalid time duration entered.';
    else out.timeSpentSeconds = s;
  } else if (mode === 'create') errors.timeLogged = 'You must indicate the time spent working.';
  if (body.comment !== undefined && body.comment !== null) {
    if (adfProblem(body.comment) !== null) errors.comment = ADF_INVALID_MESSAGE;
    else out.comment = body.comment;
  }
  if (body.visibility !== undefined) out.visibility = body.visibility;
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  out.properties = validateEntityProperties(body.properties);
  return out;
}

/** The adjustEstimate rules shared by add, update and delete. `delta` is the change in time spent. */
function adjustRemaining(req: ApiRequest, issue: JiraIssue, delta: number, mode: 'add' | 'update' | 'delete'): void {
  const how = req.query.get('adjustEstimate') ?? 'auto';
  if (how === 'leave') return;
  if (how === 'new') {
    const v = req.query.get('newEstimate');
    const s = v === null ? null : parseDuration(v);
    if (s === null) throw fieldErrors({}, ["The 'newEstimate' parameter is required and must be a valid duration when adjustEstimate=new."]);
    issue.remainingEstimateSeconds = s;
    return;
  }
  if (how === 'manual') {
    const param = mode === 'delete' ? 'increaseBy' : 'reduceBy';
    const v = req.query.get(param);
    const s = v === null ? null : parseDuration(v);
    if (s === null) throw fieldErrors({}, [`The '${param}' parameter is required and must be a valid duration when adjustEstimate=manual.`]);
    const base = issue.remainingEstimateSeconds ?? 0;
    issue.remainingEstimateSeconds = Math.max(0, mode === 'delete' ? base + s : base - s);
    return;
  }
  // auto: the remaining estimate absorbs the change (never below zero); no estimate, nothing to do.
  if (issue.remainingEstimateSeconds !== null) issue.remainingEstimateSeconds = Math.max(0, issue.remainingEstimateSeconds - delta);
}

export function registerWorklogRoutes(router: Router, env: JiraEnv): void {
  const { state, r } = env;
  const withProps = (req: ApiRequest): boolean => listParam(req.query, 'expand').includes('properties');

  const findWorklog = (issue: JiraIssue, id: string): JiraWorklog => {
    const w = state.worklogs.get(id);
    if (!w || w.issueId !== issue.id) throw notFound(`Cannot find worklog with id: '${id}'.`);
    return w;
  };

  router.post(
    '/rest/api/3/issue/{issueIdOrKey}/worklog',
    jiraRoute(env, (req, actor) => {
      const { issue, project } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      requireProjectPermission(actor, project, 'WORK_ON_ISSUES', 'You do not have the permission to log work on this issue.');
      const input = parseWorklogBody(req.body, 'create');
      const now = state.now();
      const w: JiraWorklog = {
        id: state.nextId(),
        issueId: issue.id,
        authorId: actor.accountId,
        updateAuthorId: actor.accountId,
        started: (input.started as { text: string }).text,
        startedMs: (input.started as { ms: number }).ms,
        timeSpentSeconds: input.timeSpentSeconds as number,
        created: now,
        updated: now,
        properties: new Map(input.properties.map((p) => [p.key, { value: p.value }])),
      };
      if (input.comment !== undefined) w.comment = input.comment;
      if (input.visibility !== undefined) w.visibility = input.visibility;
      adjustRemaining(req, issue, w.timeSpentSeconds, 'add');
      state.addWorklog(w);
      issue.timeSpentSeconds += w.timeSpentSeconds;
      issue.updated = now;
      return json(201, r.worklog(w, { properties: withProps(req) }));
    }),
  );

  router.get(
    '/rest/api/3/issue/{issueIdOrKey}/worklog',
    jiraRoute(env, (req, actor) => {
      const { issue } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      const startAt = intParam(req.query, 'startAt', 0, { min: 0 });
      const maxResults = intParam(req.query, 'maxResults', 5000, { min: 0, max: 5000 });
      const after = req.query.get('startedAfter');
      const before = req.query.get('startedBefore');
      const all = state
        .worklogsOf(issue.id)
        .filter((w) => (after === null || w.startedMs >= Number(after)) && (before === null || w.startedMs < Number(before)))
        .sort((a, b) => a.created - b.created || Number(a.id) - Number(b.id));
      const props = withProps(req);
      return json(200, { startAt, maxResults, total: all.length, worklogs: all.slice(startAt, startAt + maxResults).map((w) => r.worklog(w, { properties: props })) });
    }),
  );

  router.get(
    '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}',
    jiraRoute(env, (req, actor) => {
      const { issue } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      return json(200, r.worklog(findWorklog(issue, req.params.id as string), { properties: withProps(req) }));
    }),
  );

  const mayChange = (actor: Actor, w: JiraWorklog, projectPerms: (p: string) => boolean, verb: 'EDIT' | 'DELETE'): void => {
    const own = w.authorId === actor.accountId;
    if (!projectPerms(`${verb}_${own ? 'OWN' : 'ALL'}_WORKLOGS`)) {
      throw new JiraError(403, [`You do not have the permission to ${verb.toLowerCase()} this worklog.`]);
    }
  };

  router.put(
    '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}',
    jiraRoute(env, (req, actor) => {
      const { issue, project } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      const w = findWorklog(issue, req.params.id as string);
      mayChange(actor, w, (p) => can(actor, project, p), 'EDIT');
      const input = parseWorklogBody(req.body, 'update');
      const now = state.now();
      if (input.started) {
        w.started = input.started.text;
        w.startedMs = input.started.ms;
      }
      if (input.timeSpentSeconds !== undefined) {
        const delta = input.timeSpentSeconds - w.timeSpentSeconds;
        adjustRemaining(req, issue, delta, 'update');
        issue.timeSpentSeconds += delta;
        w.timeSpentSeconds = input.timeSpentSeconds;
      }
      if (input.comment !== undefined) w.comment = input.comment;
      if (input.visibility !== undefined) w.visibility = input.visibility;
      for (const p of input.properties) w.properties.set(p.key, { value: p.value });
      w.updateAuthorId = actor.accountId;
      w.updated = now;
      issue.updated = now;
      return json(200, r.worklog(w, { properties: withProps(req) }));
    }),
  );

  router.delete(
    '/rest/api/3/issue/{issueIdOrKey}/worklog/{id}',
    jiraRoute(env, (req, actor) => {
      const { issue, project } = visibleIssue(env, actor, req.params.issueIdOrKey as string);
      const w = findWorklog(issue, req.params.id as string);
      mayChange(actor, w, (p) => can(actor, project, p), 'DELETE');
      adjustRemaining(req, issue, -w.timeSpentSeconds, 'delete');
      issue.timeSpentSeconds = Math.max(0, issue.timeSpentSeconds - w.timeSpentSeconds);
      issue.updated = state.now();
      state.removeWorklog(w);
      return noContent();
    }),
  );

  // ---- site-wide feeds ----

  const visibleWorklog = (actor: Actor, issueId: string): boolean => {
    const issue = state.issues.get(issueId);
    const p = issue ? state.projects.get(issue.projectId) : undefined;
    return p !== undefined && can(actor, p, 'BROWSE_PROJECTS');
  };

  /** One page of a "since" feed: oldest first, ≤ 1000, never splitting items with the same time. */
  const feed = (req: ApiRequest, path: string, items: Array<{ id: string; at: number; props: unknown[] }>): Record<string, unknown> => {
    const since = intParam(req.query, 'since', 0);
    const cutoff = state.now() - FEED_SETTLE_MS;
    const eligible = items.filter((x) => x.at > since && x.at <= cutoff).sort((a, b) => a.at - b.at || Number(a.id) - Number(b.id));
    let page = eligible.slice(0, FEED_PAGE);
    const more = eligible.length > page.length;
    const boundary = page.length > 0 ? (page[page.length - 1] as { at: number }).at : 0;
    if (more && (eligible[page.length] as { at: number }).at === boundary) {
      const trimmed = page.filter((x) => x.at < boundary);
      // A single timestamp holding more than a page is returned whole rather than looping forever.
      if (trimmed.length > 0) page = trimmed;
    }
    const lastPage = eligible.length === page.length;
    const until = page.length > 0 ? (page[page.length - 1] as { at: number }).at : since;
    const extra = listParam(req.query, 'expand').includes('properties');
    return {
      values: page.map((x) => ({ worklogId: Number(x.id), updatedTime: x.at, properties: extra ? x.props : [] })),
      since,
      until,
      self: `${r.base}${path}?since=${since}`,
      ...(lastPage ? {} : { nextPage: `${r.base}${path}?since=${until}` }),
      lastPage,
    };
  };

  router.get(
    '/rest/api/3/worklog/updated',
    jiraRoute(env, (req, actor) => {
      const items = [...state.worklogs.values()]
        .filter((w) => visibleWorklog(actor, w.issueId))
        .map((w) => ({ id: w.id, at: w.updated, props: [...w.properties.entries()].map(([key, p]) => ({ key, value: p.value })) }));
      return json(200, feed(req, '/rest/api/3/worklog/updated', items));
    }),
  );

  router.get(
    '/rest/api/3/worklog/deleted',
    jiraRoute(env, (req, actor) => {
      // Deleted worklogs of deleted issues stay visible to those who administer Jira only.
      const items = state.deletedWorklogs
        .filter((d) => visibleWorklog(actor, d.issueId) || actor.kind === 'app' || actor.kind === 'admin')
        .map((d) => ({ id: d.worklogId, at: d.deletedAt, props: [] }));
      return json(200, feed(req, '/rest/api/3/worklog/deleted', items));
    }),
  );

  router.post(
    '/rest/api/3/worklog/list',
    jiraRoute(env, (req, actor) => {
      const ids = isObj(req.body) && Array.isArray(req.body.ids) ? req.body.ids : [];
      if (ids.length === 0) throw fieldErrors({}, ['Worklog ids must not be empty.']);
      if (ids.length > WORKLOG_LIST_MAX) throw fieldErrors({}, [`A maximum of ${WORKLOG_LIST_MAX} worklog ids can be requested at once.`]);
      const props = withProps(req);
      const out = ids
        .map((id) => state.worklogs.get(String(id)))
        .filter((w): w is JiraWorklog => w !== undefined && visibleWorklog(actor, w.issueId))
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((w) => r.worklog(w, { properties: props }));
      return json(200, out);
    }),
  );
}
