// Issue fields: which exist, which are "navigable", how each renders, and how a `fields` request
// parameter (`*all`, `*navigable`, `id`, names, `-name`) selects them.
import { formatDuration, jiraTime } from './format';
import { DONE_RESOLUTION, STATUSES, STATUS_CATEGORIES, type JiraIssue } from './model';
import type { JsonObject, Renderer } from './render';
import type { JiraState } from './state';

export interface RenderEnv {
  state: JiraState;
  r: Renderer;
}

interface FieldDef {
  id: string;
  name: string;
  navigable: boolean;
  render(issue: JiraIssue, env: RenderEnv): unknown;
}

const INLINE_WORKLOGS = 20;

const issueRef = (issue: JiraIssue, env: RenderEnv): JsonObject => ({
  id: issue.id,
  key: issue.key,
  self: `${env.r.base}/rest/api/3/issue/${issue.id}`,
  fields: {
    summary: issue.summary,
    status: env.r.statusById(issue.statusId),
    priority: env.r.priorityById(issue.priorityId),
    issuetype: issueTypeOf(issue, env),
  },
});

const issueTypeOf = (issue: JiraIssue, env: RenderEnv): JsonObject | null => {
  const t = env.state.issueType(issue.issueTypeId);
  return t ? env.r.issueType(t) : null;
};

const timeFieldOrNull = (n: number | null): number | null => (n === null ? null : n);

export const FIELDS: FieldDef[] = [
  { id: 'summary', name: 'Summary', navigable: true, render: (i) => i.summary },
  { id: 'description', name: 'Description', navigable: true, render: (i) => i.description },
  { id: 'issuetype', name: 'Issue Type', navigable: true, render: issueTypeOf },
  {
    id: 'project',
    name: 'Project',
    navigable: true,
    render: (i, env) => {
      const p = env.state.projects.get(i.projectId);
      return p ? env.r.projectCompact(p) : null;
    },
  },
  {
    id: 'parent',
    name: 'Parent',
    navigable: true,
    render: (i, env) => {
      const parent = i.parentId ? env.state.issues.get(i.parentId) : undefined;
      return parent ? issueRef(parent, env) : undefined;
    },
  },
  { id: 'subtasks', name: 'Sub-tasks', navigable: true, render: (i, env) => env.state.childrenOf(i.id).filter((c) => env.state.issueType(c.issueTypeId)?.subtask).map((c) => issueRef(c, env)) },
  { id: 'labels', name: 'Labels', navigable: true, render: (i) => [...i.labels] },
  { id: 'duedate', name: 'Due date', navigable: true, render: (i) => i.duedate },
  { id: 'assignee', name: 'Assignee', navigable: true, render: (i, env) => env.r.userDetails(i.assigneeId) },
  { id: 'reporter', name: 'Reporter', navigable: true, render: (i, env) => env.r.userDetails(i.reporterId) },
  { id: 'creator', name: 'Creator', navigable: true, render: (i, env) => env.r.userDetails(i.creatorId) },
  { id: 'priority', name: 'Priority', navigable: true, render: (i, env) => env.r.priorityById(i.priorityId) },
  { id: 'status', name: 'Status', navigable: true, render: (i, env) => env.r.statusById(i.statusId) },
  {
    id: 'resolution',
    name: 'Resolution',
    navigable: true,
    render: (i, env) => (i.resolution ? { self: `${env.r.base}/rest/api/3/resolution/${DONE_RESOLUTION.id}`, ...DONE_RESOLUTION } : null),
  },
  { id: 'resolutiondate', name: 'Resolved', navigable: true, render: (i) => (i.resolutionDate === null ? null : jiraTime(i.resolutionDate)) },
  { id: 'created', name: 'Created', navigable: true, render: (i) => jiraTime(i.created) },
  { id: 'updated', name: 'Updated', navigable: true, render: (i) => jiraTime(i.updated) },
  { id: 'statuscategorychangedate', name: 'Status Category Changed', navigable: true, render: (i) => jiraTime(i.statusCategoryChangeDate) },
  { id: 'timeoriginalestimate', name: 'Original estimate', navigable: true, render: (i) => timeFieldOrNull(i.originalEstimateSeconds) },
  { id: 'timeestimate', name: 'Remaining Estimate', navigable: true, render: (i) => timeFieldOrNull(i.remainingEstimateSeconds) },
  { id: 'timespent', name: 'Time Spent', navigable: true, render: (i) => (i.timeSpentSeconds > 0 ? i.timeSpentSeconds : null) },
  { id: 'aggregatetimeoriginalestimate', name: 'Σ Original Estimate', navigable: true, render: (i, env) => aggregate(i, env, (x) => x.originalEstimateSeconds) },
  { id: 'aggregatetimeestimate', name: 'Σ Remaining Estimate', navigable: true, render: (i, env) => aggregate(i, env, (x) => x.remainingEstimateSeconds) },
  { id: 'aggregatetimespent', name: 'Σ Time Spent', navigable: true, render: (i, env) => aggregate(i, env, (x) => (x.timeSpentSeconds > 0 ? x.timeSpentSeconds : null)) },
  {
    id: 'timetracking',
    name: 'Time tracking',
    navigable: false,
    render: (i) => {
      const out: JsonObject = {};
      if (i.originalEstimateSeconds !== null) {
        out.originalEstimate = formatDuration(i.originalEstimateSeconds);
        out.originalEstimateSeconds = i.originalEstimateSeconds;
      }
      if (i.remainingEstimateSeconds !== null) {
        out.remainingEstimate = formatDuration(i.remainingEstimateSeconds);
        out.remainingEstimateSeconds = i.remainingEstimateSeconds;
      }
      if (i.timeSpentSeconds > 0) {
        out.timeSpent = formatDuration(i.timeSpentSeconds);
        out.timeSpentSeconds = i.timeSpentSeconds;
      }
      return out;
    },
  },
  {
    id: 'comment',
    name: 'Comment',
    navigable: false,
    render: (i, env) => {
      const comments = env.state.commentsOf(i.id);
      return { comments: comments.map((c) => env.r.comment(c)), self: `${env.r.base}/rest/api/3/issue/${i.id}/comment`, maxResults: comments.length, total: comments.length, startAt: 0 };
    },
  },
  {
    id: 'worklog',
    name: 'Log Work',
    navigable: false,
    render: (i, env) => {
      const all = env.state.worklogsOf(i.id);
      return { startAt: 0, maxResults: INLINE_WORKLOGS, total: all.length, worklogs: all.slice(0, INLINE_WORKLOGS).map((w) => env.r.worklog(w)) };
    },
  },
];

function aggregate(issue: JiraIssue, env: RenderEnv, pick: (i: JiraIssue) => number | null): number | null {
  let total: number | null = pick(issue);
  for (const c of env.state.childrenOf(issue.id)) {
    if (!env.state.issueType(c.issueTypeId)?.subtask) continue;
    const v = pick(c);
    if (v !== null) total = (total ?? 0) + v;
  }
  return total;
}

export const FIELD_BY_ID = new Map(FIELDS.map((f) => [f.id, f]));
const NAVIGABLE = FIELDS.filter((f) => f.navigable).map((f) => f.id);
const ALL = FIELDS.map((f) => f.id);

export interface FieldSelection {
  /** Only `id` (and nothing under `fields`): the search/jql default. */
  idOnly: boolean;
  ids: string[];
}

/** Interprets a `fields` parameter (values may be comma lists). `fallback` applies when it is empty. */
export function selectFields(raw: string[] | undefined, fallback: '*all' | '*navigable' | 'id'): FieldSelection {
  const tokens = (raw ?? []).flatMap((v) => v.split(',')).map((t) => t.trim()).filter((t) => t.length > 0);
  if (tokens.length === 0) return fallback === 'id' ? { idOnly: true, ids: [] } : { idOnly: false, ids: fallback === '*all' ? ALL : NAVIGABLE };
  const include = new Set<string>();
  const exclude = new Set<string>();
  let onlyExclusions = true;
  let sawId = false;
  for (const t of tokens) {
    if (t.startsWith('-')) {
      exclude.add(t.slice(1));
      continue;
    }
    onlyExclusions = false;
    if (t === '*all') ALL.forEach((f) => include.add(f));
    else if (t === '*navigable') NAVIGABLE.forEach((f) => include.add(f));
    else if (t === 'id') sawId = true;
    else if (FIELD_BY_ID.has(t)) include.add(t);
    // `key` is not a field (it is always returned with any selection); unknown names are ignored like Jira does.
    else if (t === 'key') sawId = true;
  }
  if (onlyExclusions) NAVIGABLE.forEach((f) => include.add(f));
  for (const e of exclude) include.delete(e);
  if (include.size === 0 && sawId && tokens.every((t) => t === 'id')) return { idOnly: true, ids: [] };
  return { idOnly: false, ids: ALL.filter((f) => include.has(f)) };
}

export function renderFields(issue: JiraIssue, sel: FieldSelection, env: RenderEnv): JsonObject {
  const out: JsonObject = {};
  for (const id of sel.ids) {
    const v = FIELD_BY_ID.get(id)?.render(issue, env);
    if (v !== undefined) out[id] = v;
  }
  return out;
}

export function fieldNames(sel: FieldSelection): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of sel.ids) out[id] = FIELD_BY_ID.get(id)?.name ?? id;
  return out;
}

export const statusCategoryOf = (statusId: string): (typeof STATUS_CATEGORIES)[number] | undefined => {
  const s = STATUSES.find((x) => x.id === statusId);
  return STATUS_CATEGORIES.find((c) => c.id === s?.categoryId);
};
