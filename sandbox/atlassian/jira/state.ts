// The emulated Jira's in-memory state. Route modules change it; tests read it through site.jira.
import { createHash } from 'node:crypto';
import type { SiteContext } from '../site-context';
import {
  GLOBAL_ISSUE_TYPES,
  type DeletedWorklog,
  type IssueType,
  type JiraComment,
  type JiraIssue,
  type JiraProject,
  type JiraWorklog,
  type SentNotification,
} from './model';

export class JiraState {
  readonly projects = new Map<string, JiraProject>();
  readonly issueTypes: IssueType[] = GLOBAL_ISSUE_TYPES.map((t) => ({ ...t }));
  readonly issues = new Map<string, JiraIssue>();
  readonly worklogs = new Map<string, JiraWorklog>();
  readonly deletedWorklogs: DeletedWorklog[] = [];
  readonly comments = new Map<string, JiraComment[]>();
  readonly notifications: SentNotification[] = [];
  /** Tests switch this off to see notify answer 403 like a site with outgoing mail disabled. */
  outgoingMailEnabled = true;
  private readonly keyIndex = new Map<string, string>();
  private readonly projectKeyIndex = new Map<string, string>();
  private readonly children = new Map<string, Set<string>>();
  private readonly worklogsByIssue = new Map<string, string[]>();

  constructor(readonly ctx: SiteContext) {}

  nextId(): string {
    return String(this.ctx.nextId());
  }

  now(): number {
    return this.ctx.now().getTime();
  }

  // ---- projects ----

  addProject(p: JiraProject): void {
    this.projects.set(p.id, p);
    this.projectKeyIndex.set(p.key.toUpperCase(), p.id);
  }

  /** Deletes a project with its issues (and their worklogs) and its own issue types. */
  removeProject(p: JiraProject): void {
    for (const i of [...this.issues.values()]) if (i.projectId === p.id) this.removeIssue(i);
    this.projects.delete(p.id);
    this.projectKeyIndex.delete(p.key.toUpperCase());
    const kept = this.issueTypes.filter((t) => t.projectId !== p.id);
    this.issueTypes.splice(0, this.issueTypes.length, ...kept);
  }

  findProject(idOrKey: string): JiraProject | undefined {
    if (/^\d+$/.test(idOrKey)) return this.projects.get(idOrKey);
    const id = this.projectKeyIndex.get(idOrKey.toUpperCase());
    return id === undefined ? undefined : this.projects.get(id);
  }

  projectByName(name: string): JiraProject | undefined {
    const n = name.toLowerCase();
    for (const p of this.projects.values()) if (p.name.toLowerCase() === n) return p;
    return undefined;
  }

  /** Restrict browsing of a project to these users (admins, the lead and the app keep access); null lifts it. */
  setProjectAccess(projectIdOrKey: string, accountIds: string[] | null): void {
    const p = this.findProject(projectIdOrKey);
    if (!p) throw new Error(`No Jira project ${projectIdOrKey}`);
    p.browseAccountIds = accountIds === null ? null : new Set(accountIds);
  }

  issueTypesFor(project: JiraProject): IssueType[] {
    return project.style === 'next-gen' ? this.issueTypes.filter((t) => t.projectId === project.id) : this.issueTypes.filter((t) => t.projectId === undefined);
  }

  issueType(id: string): IssueType | undefined {
    return this.issueTypes.find((t) => t.id === id);
  }

  // ---- issues ----

  addIssue(issue: JiraIssue): void {
    this.issues.set(issue.id, issue);
    this.keyIndex.set(issue.key, issue.id);
    if (issue.parentId) this.linkChild(issue.parentId, issue.id);
  }

  findIssue(idOrKey: string): JiraIssue | undefined {
    if (/^\d+$/.test(idOrKey)) return this.issues.get(idOrKey);
    const id = this.keyIndex.get(idOrKey.toUpperCase());
    return id === undefined ? undefined : this.issues.get(id);
  }

  issueCount(): number {
    return this.issues.size;
  }

  setParent(issue: JiraIssue, parentId: string | null): void {
    if (issue.parentId) this.children.get(issue.parentId)?.delete(issue.id);
    issue.parentId = parentId;
    if (parentId) this.linkChild(parentId, issue.id);
  }

  childrenOf(issueId: string): JiraIssue[] {
    const ids = [...(this.children.get(issueId) ?? [])];
    return ids
      .map((id) => this.issues.get(id))
      .filter((i): i is JiraIssue => i !== undefined)
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  removeIssue(issue: JiraIssue): void {
    for (const w of this.worklogsOf(issue.id)) this.removeWorklog(w);
    if (issue.parentId) this.children.get(issue.parentId)?.delete(issue.id);
    for (const child of this.childrenOf(issue.id)) child.parentId = null;
    this.children.delete(issue.id);
    this.comments.delete(issue.id);
    this.issues.delete(issue.id);
    this.keyIndex.delete(issue.key);
  }

  private linkChild(parentId: string, childId: string): void {
    let set = this.children.get(parentId);
    if (!set) {
      set = new Set();
      this.children.set(parentId, set);
    }
    set.add(childId);
  }

  // ---- worklogs and comments ----

  addWorklog(w: JiraWorklog): void {
    this.worklogs.set(w.id, w);
    const list = this.worklogsByIssue.get(w.issueId) ?? [];
    list.push(w.id);
    this.worklogsByIssue.set(w.issueId, list);
  }

  worklogsOf(issueId: string): JiraWorklog[] {
    return (this.worklogsByIssue.get(issueId) ?? []).map((id) => this.worklogs.get(id)).filter((w): w is JiraWorklog => w !== undefined);
  }

  removeWorklog(w: JiraWorklog): void {
    this.worklogs.delete(w.id);
    const list = this.worklogsByIssue.get(w.issueId);
    if (list) this.worklogsByIssue.set(w.issueId, list.filter((id) => id !== w.id));
    this.deletedWorklogs.push({ worklogId: w.id, issueId: w.issueId, deletedAt: this.now() });
  }

  commentsOf(issueId: string): JiraComment[] {
    return this.comments.get(issueId) ?? [];
  }

  addComment(c: JiraComment): void {
    const list = this.comments.get(c.issueId) ?? [];
    list.push(c);
    this.comments.set(c.issueId, list);
  }

  // ---- snapshot ----

  /**
   * A deterministic summary of everything, without ids or clock-dependent timestamps, so a clean
   * run and a run with faults can be compared: projects by key, issues by key, worklogs and
   * comments sorted by content.
   */
  snapshot(): JiraSnapshot {
    const keyOf = (id: string | null): string | null => (id ? (this.issues.get(id)?.key ?? `deleted:${id}`) : null);
    const projects = [...this.projects.values()]
      .sort((a, b) => cmp(a.key, b.key))
      .map((p) => ({
        key: p.key,
        name: p.name,
        projectTypeKey: p.projectTypeKey,
        style: p.style,
        leadAccountId: p.leadAccountId,
        properties: sortedProps(p.properties),
      }));
    const issues = [...this.issues.values()]
      .sort((a, b) => cmpKey(a.key, b.key))
      .map((i) => ({
        key: i.key,
        issueType: this.issueType(i.issueTypeId)?.name ?? i.issueTypeId,
        summary: i.summary,
        descriptionHash: i.description === null ? null : hash(i.description),
        parent: keyOf(i.parentId),
        labels: [...i.labels].sort(),
        duedate: i.duedate,
        assignee: i.assigneeId,
        status: i.statusId,
        resolved: i.resolution,
        priority: i.priorityId,
        originalEstimateSeconds: i.originalEstimateSeconds,
        remainingEstimateSeconds: i.remainingEstimateSeconds,
        timeSpentSeconds: i.timeSpentSeconds,
        properties: sortedProps(i.properties),
        worklogs: this.worklogsOf(i.id)
          .map((w) => ({ author: w.authorId, started: w.started, timeSpentSeconds: w.timeSpentSeconds, commentHash: w.comment === undefined ? null : hash(w.comment) }))
          .sort((a, b) => cmp(JSON.stringify(a), JSON.stringify(b))),
        comments: this.commentsOf(i.id)
          .map((c) => ({ author: c.authorId, bodyHash: hash(c.body) }))
          .sort((a, b) => cmp(JSON.stringify(a), JSON.stringify(b))),
      }));
    const notifications = this.notifications
      .map((n) => ({ issue: keyOf(n.issueId), subject: n.subject, recipients: [...n.recipients].sort() }))
      .sort((a, b) => cmp(JSON.stringify(a), JSON.stringify(b)));
    return { projects, issues, deletedWorklogs: this.deletedWorklogs.length, notifications };
  }
}

export interface JiraSnapshot {
  projects: Array<{ key: string; name: string; projectTypeKey: string; style: string; leadAccountId: string; properties: Record<string, unknown> }>;
  issues: Array<Record<string, unknown>>;
  deletedWorklogs: number;
  notifications: Array<{ issue: string | null; subject: string; recipients: string[] }>;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** KEY-2 before KEY-10. */
export function cmpKey(a: string, b: string): number {
  const [pa, na] = splitKey(a);
  const [pb, nb] = splitKey(b);
  return pa === pb ? na - nb : cmp(pa, pb);
}

export function splitKey(key: string): [string, number] {
  const i = key.lastIndexOf('-');
  return [key.slice(0, i), Number(key.slice(i + 1))];
}

function sortedProps(m: Map<string, { value: unknown }>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of [...m.keys()].sort()) out[k] = m.get(k)?.value;
  return out;
}

/** Stable hash of a JSON value (object keys sorted). */
export function hash(v: unknown): string {
  return createHash('sha256').update(stableJson(v)).digest('hex').slice(0, 16);
}

export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
