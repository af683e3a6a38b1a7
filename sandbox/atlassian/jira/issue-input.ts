// Validates and applies the `fields` / `update` of IssueUpdateDetails (create, bulk create, edit,
// transition), with Jira's field-keyed error messages.
import { APP_ACCOUNT_ID } from '../../core/types';
import { adfProblem, ADF_INVALID_MESSAGE } from './adf';
import { JiraError, fieldErrors } from './errors';
import { isValidDay, parseDuration } from './format';
import {
  DEFAULT_PRIORITY_ID,
  INITIAL_STATUS_ID,
  PRIORITIES,
  PROPERTY_KEY_MAX,
  PROPERTY_VALUE_MAX,
  STATUSES,
  TRANSITIONS,
  type JiraIssue,
  type JiraProject,
  type PropertyRecord,
} from './model';
import { can, isAssignable, type JiraActor } from './permissions';
import { isObj, type JiraEnv } from './route-kit';

type Actor = Exclude<JiraActor, { kind: 'anonymous' }>;

/** Field values after validation; undefined = not given. */
export interface FieldChanges {
  issueTypeId?: string;
  summary?: string;
  description?: unknown | null;
  parentId?: string | null;
  labels?: string[];
  duedate?: string | null;
  assigneeId?: string | null;
  reporterId?: string | null;
  priorityId?: string;
  originalEstimateSeconds?: number | null;
  remainingEstimateSeconds?: number | null;
}

const SETTABLE = new Set(['project', 'issuetype', 'summary', 'description', 'parent', 'labels', 'duedate', 'assignee', 'reporter', 'priority', 'timetracking']);
const cannotSet = (id: string): string => `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** Folds `update` operations (set/add/remove) into plain field values, as Jira does before validating. */
function mergeUpdate(fields: Record<string, unknown>, update: unknown, existing: JiraIssue | undefined, errors: Record<string, string>): Record<string, unknown> {
  const out = { ...fields };
  if (update === undefined || update === null) return out;
  if (!isObj(update)) {
    errors.update = 'The update operations must be an object.';
    return out;
  }
  for (const [field, ops] of Object.entries(update)) {
    if (field in fields) {
      errors[field] = `Field '${field}' cannot be set both in 'fields' and in 'update'.`;
      continue;
    }
    if (!Array.isArray(ops)) {
      errors[field] = `The operations for field '${field}' must be a list.`;
      continue;
    }
    if (field === 'labels') {
      let labels = [...(existing?.labels ?? [])];
      for (const op of ops) {
        if (!isObj(op)) continue;
        if ('set' in op) labels = Array.isArray(op.set) ? (op.set as string[]) : [];
        if ('add' in op) labels.push(op.add as string);
        if ('remove' in op) labels = labels.filter((l) => l !== op.remove);
      }
      out.labels = labels;
      continue;
    }
    const set = ops.find((op) => isObj(op) && 'set' in op) as Record<string, unknown> | undefined;
    if (!set || ops.length !== 1) {
      errors[field] = `Field '${field}' only supports the 'set' operation here.`;
      continue;
    }
    out[field] = set.set;
  }
  return out;
}

/**
 * Validates the given fields. `project` is the issue's project (create: resolved from fields.project
 * by the caller; edit: the issue's). Throws a 400 JiraError with every field problem at once.
 */
export function parseFields(
  env: JiraEnv,
  actor: Actor,
  raw: Record<string, unknown>,
  project: JiraProject,
  mode: 'create' | 'edit',
  existing?: JiraIssue,
  preErrors: Record<string, string> = {},
): FieldChanges {
  const errors: Record<string, string> = { ...preErrors };
  const out: FieldChanges = {};
  const { state } = env;
  for (const key of Object.keys(raw)) {
    if (!SETTABLE.has(key) || (mode === 'edit' && key === 'project')) errors[key] = cannotSet(key);
  }
  // Issue type
  const types = state.issueTypesFor(project);
  let typeHierarchy = existing ? (state.issueType(existing.issueTypeId)?.hierarchyLevel ?? 0) : 0;
  let isSubtask = existing ? (state.issueType(existing.issueTypeId)?.subtask ?? false) : false;
  if ('issuetype' in raw) {
    const it = raw.issuetype;
    const ref = isObj(it) ? it : undefined;
    const t = ref
      ? typeof ref.id === 'string' || typeof ref.id === 'number'
        ? types.find((x) => x.id === String(ref.id))
        : typeof ref.name === 'string'
          ? types.find((x) => x.name.toLowerCase() === (ref.name as string).toLowerCase())
          : undefined
      : undefined;
    if (!ref || (ref.id === undefined && ref.name === undefined)) errors.issuetype = 'Specify an issue type';
    else if (!t) errors.issuetype = 'The issue type selected is invalid.';
    else if (existing && t.hierarchyLevel !== typeHierarchy) errors.issuetype = 'The issue type selected is invalid.';
    else {
      out.issueTypeId = t.id;
      typeHierarchy = t.hierarchyLevel;
      isSubtask = t.subtask;
    }
  } else if (mode === 'create') errors.issuetype = 'Specify an issue type';
  // Summary
  if ('summary' in raw) {
    const s = raw.summary;
    if (typeof s !== 'string') errors.summary = 'Operation value must be a string';
    else if (s.trim().length === 0) errors.summary = 'You must specify a summary of the issue.';
    else if (s.length > 255) errors.summary = 'Summary must be less than 255 characters.';
    else if (/[\r\n]/.test(s)) errors.summary = 'Summary cannot contain newline characters.';
    else out.summary = s;
  } else if (mode === 'create') errors.summary = 'You must specify a summary of the issue.';
  // Description (ADF)
  if ('description' in raw) {
    const d = raw.description;
    if (d === null) out.description = null;
    else if (adfProblem(d) !== null) errors.description = ADF_INVALID_MESSAGE;
    else out.description = d;
  }
  // Parent
  if ('parent' in raw) {
    const p = raw.parent;
    if (p === null || (isObj(p) && Object.keys(p).length === 0)) {
      if (isSubtask) errors.parent = 'Sub-task issues must have a parent.';
      else out.parentId = null;
    } else if (!isObj(p) || (p.key === undefined && p.id === undefined)) {
      errors.parent = 'Specify the parent issue by key or id.';
    } else {
      const ref = String(p.key ?? p.id);
      const parent = state.findIssue(ref);
      const parentProject = parent ? state.projects.get(parent.projectId) : undefined;
      if (!parent || !parentProject || !can(actor, parentProject, 'BROWSE_PROJECTS')) errors.parent = `Could not find issue by id or key '${ref}'.`;
      else {
        const parentLevel = state.issueType(parent.issueTypeId)?.hierarchyLevel ?? 0;
        if (parentLevel !== typeHierarchy + 1) errors.parent = 'Given parent work item does not belong to appropriate hierarchy.';
        else if (isSubtask && parent.projectId !== project.id) errors.parent = 'Sub-tasks must be created in the same project as their parent.';
        else if (existing && parent.id === existing.id) errors.parent = 'An issue cannot be its own parent.';
        else out.parentId = parent.id;
      }
    }
  } else if (mode === 'create' && isSubtask && !errors.issuetype) {
    errors.parent = 'Sub-task issues must have a parent.';
  }
  // Labels
  if ('labels' in raw) {
    const l = raw.labels;
    if (l === null) out.labels = [];
    else if (!Array.isArray(l) || l.some((x) => typeof x !== 'string')) errors.labels = 'Operation value must be an array of strings';
    else {
      const bad = (l as string[]).find((x) => /\s/.test(x) || x.length === 0 || x.length > 255);
      if (bad !== undefined) errors.labels = bad.length > 255 ? 'The label must not exceed 255 characters.' : `The label '${bad}' contains spaces which is invalid.`;
      else out.labels = [...new Set(l as string[])];
    }
  }
  // Due date
  if ('duedate' in raw) {
    const d = raw.duedate;
    if (d === null || d === '') out.duedate = null;
    else if (typeof d !== 'string' || !isValidDay(d)) errors.duedate = `Error parsing date string: ${String(d)}`;
    else out.duedate = d;
  }
  // Assignee / reporter
  if ('assignee' in raw) {
    const a = raw.assignee;
    if (a === null) out.assigneeId = null;
    else if (!isObj(a)) errors.assignee = 'Specify the assignee as an object with an accountId.';
    else {
      const id = typeof a.accountId === 'string' ? a.accountId : typeof a.id === 'string' ? a.id : undefined;
      if (id === '-1') out.assigneeId = project.assigneeType === 'PROJECT_LEAD' ? project.leadAccountId : null;
      else if (id === undefined || id === null) out.assigneeId = null;
      else if (!isAssignable(state.ctx.directory, id, project)) errors.assignee = `User '${id}' cannot be assigned issues.`;
      else out.assigneeId = id;
    }
  }
  if ('reporter' in raw) {
    const rep = raw.reporter;
    const id = isObj(rep) ? (typeof rep.accountId === 'string' ? rep.accountId : typeof rep.id === 'string' ? rep.id : undefined) : undefined;
    if (rep === null) out.reporterId = null;
    else if (!id || (!state.ctx.directory.get(id) && id !== APP_ACCOUNT_ID)) errors.reporter = 'Specify a valid value for reporter.';
    else if (id !== actor.accountId && !can(actor, project, 'MODIFY_REPORTER')) errors.reporter = 'You do not have permission to modify the reporter.';
    else out.reporterId = id;
  }
  // Priority
  if ('priority' in raw) {
    const p = raw.priority;
    const found = isObj(p)
      ? p.id !== undefined
        ? PRIORITIES.find((x) => x.id === String(p.id))
        : typeof p.name === 'string'
          ? PRIORITIES.find((x) => x.name.toLowerCase() === (p.name as string).toLowerCase())
          : undefined
      : undefined;
    if (!found) errors.priority = 'The priority selected is invalid.';
    else out.priorityId = found.id;
  }
  // Time tracking
  if ('timetracking' in raw) {
    const t = raw.timetracking;
    if (t === null) {
      out.originalEstimateSeconds = null;
      out.remainingEstimateSeconds = null;
    } else if (!isObj(t)) errors.timetracking = 'Time tracking must be an object.';
    else {
      const parse = (v: unknown): number | null | 'bad' => (v === undefined ? null : typeof v === 'string' ? (parseDuration(v) ?? 'bad') : 'bad');
      const orig = parse(t.originalEstimate);
      const rem = parse(t.remainingEstimate);
      if (orig === 'bad') errors.timetracking = 'The original estimate specified is not valid.';
      else if (rem === 'bad') errors.timetracking = 'The remaining estimate specified is not valid.';
      else {
        if (t.originalEstimate !== undefined) out.originalEstimateSeconds = orig;
        if (t.remainingEstimate !== undefined) out.remainingEstimateSeconds = rem;
        // Jira seeds the remaining estimate from the original one when only the latter is given.
        else if (orig !== null && (mode === 'create' || existing?.remainingEstimateSeconds === null)) out.remainingEstimateSeconds = orig;
      }
    }
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  return out;
}

export function validateEntityProperties(list: unknown): Array<{ key: string; value: unknown }> {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw fieldErrors({ properties: 'Properties must be a list.' });
  return list.map((p) => {
    if (!isObj(p) || typeof p.key !== 'string' || p.key.length === 0) throw fieldErrors({ properties: 'Every property needs a key.' });
    checkProperty(p.key, p.value);
    return { key: p.key, value: p.value };
  });
}

/** Jira's limits on entity properties (key ≤ 255, JSON value ≤ 32768 characters). */
export function checkProperty(key: string, value: unknown): void {
  if (key.length > PROPERTY_KEY_MAX) throw new JiraError(400, [`The property key cannot be longer than ${PROPERTY_KEY_MAX} characters.`]);
  if (value === undefined) throw new JiraError(400, ['The property value cannot be empty.']);
  if (JSON.stringify(value).length > PROPERTY_VALUE_MAX) throw new JiraError(400, [`The property value cannot be longer than ${PROPERTY_VALUE_MAX} characters.`]);
}

/** Resolves fields.project ({id} or {key}) to a project the actor may create issues in. */
function resolveCreateProject(env: JiraEnv, actor: Actor, fields: Record<string, unknown>): JiraProject {
  const p = fields.project;
  const ref = isObj(p) ? (p.id !== undefined ? String(p.id) : typeof p.key === 'string' ? p.key : undefined) : undefined;
  const project = ref ? env.state.findProject(ref) : undefined;
  if (!project || !can(actor, project, 'BROWSE_PROJECTS')) throw fieldErrors({ project: 'Specify a valid project ID or key' });
  if (!can(actor, project, 'CREATE_ISSUES')) throw fieldErrors({ project: 'You do not have permission to create issues in this project.' });
  return project;
}

export interface CreatedIssueResult {
  issue: JiraIssue;
  transition?: { status: number; errorCollection: { errorMessages: string[]; errors: Record<string, string> } };
}

/** Creates one issue from an IssueUpdateDetails body (used by create and bulk create). */
export function createIssueFrom(env: JiraEnv, actor: Actor, body: unknown): CreatedIssueResult {
  if (!isObj(body)) throw fieldErrors({}, ['The issue details must be an object.']);
  const fieldsIn = body.fields === undefined ? {} : body.fields;
  if (!isObj(fieldsIn)) throw fieldErrors({}, ["'fields' must be an object."]);
  const pre: Record<string, string> = {};
  const merged = mergeUpdate(fieldsIn, body.update, undefined, pre);
  const project = resolveCreateProject(env, actor, merged);
  const changes = parseFields(env, actor, merged, project, 'create', undefined, pre);
  const properties = validateEntityProperties(body.properties);
  const transitionId = isObj(body.transition) && body.transition.id !== undefined ? String(body.transition.id) : undefined;
  if (transitionId !== undefined && !TRANSITIONS.some((t) => t.id === transitionId)) {
    throw fieldErrors({}, [`Transition id '${transitionId}' is not valid for this issue.`]);
  }
  const { state } = env;
  const now = state.now();
  const number = project.nextIssueNumber++;
  const issue: JiraIssue = {
    id: state.nextId(),
    key: `${project.key}-${number}`,
    projectId: project.id,
    issueTypeId: changes.issueTypeId as string,
    summary: changes.summary as string,
    description: changes.description ?? null,
    parentId: null,
    labels: changes.labels ?? [],
    duedate: changes.duedate ?? null,
    assigneeId: changes.assigneeId !== undefined ? changes.assigneeId : project.assigneeType === 'PROJECT_LEAD' ? project.leadAccountId : null,
    reporterId: changes.reporterId !== undefined ? changes.reporterId : actor.accountId,
    creatorId: actor.accountId,
    priorityId: changes.priorityId ?? DEFAULT_PRIORITY_ID,
    statusId: INITIAL_STATUS_ID,
    resolution: false,
    resolutionDate: null,
    created: now,
    updated: now,
    statusCategoryChangeDate: now,
    originalEstimateSeconds: changes.originalEstimateSeconds ?? null,
    remainingEstimateSeconds: changes.remainingEstimateSeconds ?? null,
    timeSpentSeconds: 0,
    properties: new Map<string, PropertyRecord>(),
  };
  state.addIssue(issue);
  if (changes.parentId) state.setParent(issue, changes.parentId);
  for (const p of properties) issue.properties.set(p.key, { value: p.value });
  const result: CreatedIssueResult = { issue };
  if (transitionId !== undefined) {
    applyTransition(env, issue, transitionId);
    result.transition = { status: 200, errorCollection: { errorMessages: [], errors: {} } };
  }
  return result;
}

/** Applies an edit (PUT /issue) body to an issue. */
export function editIssueWith(env: JiraEnv, actor: Actor, issue: JiraIssue, project: JiraProject, body: unknown): void {
  if (!isObj(body)) throw fieldErrors({}, ['The issue details must be an object.']);
  const fieldsIn = body.fields === undefined ? {} : body.fields;
  if (!isObj(fieldsIn)) throw fieldErrors({}, ["'fields' must be an object."]);
  const pre: Record<string, string> = {};
  const merged = mergeUpdate(fieldsIn, body.update, issue, pre);
  const changes = parseFields(env, actor, merged, project, 'edit', issue, pre);
  const properties = validateEntityProperties(body.properties);
  applyChanges(env, issue, changes);
  for (const p of properties) issue.properties.set(p.key, { value: p.value });
}

export function applyChanges(env: JiraEnv, issue: JiraIssue, c: FieldChanges): void {
  let changed = false;
  const set = <K extends keyof JiraIssue>(k: K, v: JiraIssue[K] | undefined): void => {
    if (v === undefined) return;
    if (JSON.stringify(issue[k]) !== JSON.stringify(v)) changed = true;
    issue[k] = v;
  };
  set('issueTypeId', c.issueTypeId);
  set('summary', c.summary);
  set('description', c.description);
  set('labels', c.labels);
  set('duedate', c.duedate);
  set('assigneeId', c.assigneeId);
  set('reporterId', c.reporterId);
  set('priorityId', c.priorityId);
  set('originalEstimateSeconds', c.originalEstimateSeconds);
  set('remainingEstimateSeconds', c.remainingEstimateSeconds);
  if (c.parentId !== undefined && c.parentId !== issue.parentId) {
    env.state.setParent(issue, c.parentId);
    changed = true;
  }
  if (changed) issue.updated = env.state.now();
}

export function applyTransition(env: JiraEnv, issue: JiraIssue, transitionId: string): void {
  const t = TRANSITIONS.find((x) => x.id === transitionId);
  if (!t) throw fieldErrors({}, [`Transition id '${transitionId}' is not valid for this issue.`]);
  const now = env.state.now();
  const from = STATUSES.find((s) => s.id === issue.statusId);
  const to = STATUSES.find((s) => s.id === t.toStatusId);
  if (!to) return;
  if (from?.categoryId !== to.categoryId) issue.statusCategoryChangeDate = now;
  issue.statusId = to.id;
  const done = to.categoryId === 3;
  if (done && !issue.resolution) {
    issue.resolution = true;
    issue.resolutionDate = now;
  } else if (!done) {
    issue.resolution = false;
    issue.resolutionDate = null;
  }
  issue.updated = now;
}
