// JSON shapes the emulated Jira returns (users, projects, issue types, statuses, worklogs, comments),
// following the spec's schemas (User, UserDetails, Project, IssueTypeDetails, StatusDetails, Worklog, Comment).
import type { SiteUser } from '../site-context';
import { jiraTime, formatDuration } from './format';
import {
  PRIORITIES,
  STATUSES,
  STATUS_CATEGORIES,
  type IssueType,
  type JiraComment,
  type JiraProject,
  type JiraWorklog,
  type Priority,
  type Status,
} from './model';
import type { JiraState } from './state';

export type JsonObject = Record<string, unknown>;

export class Renderer {
  constructor(private readonly state: JiraState) {}

  get base(): string {
    return this.state.ctx.baseUrl;
  }

  private user(accountId: string): SiteUser | undefined {
    return this.state.ctx.directory.get(accountId);
  }

  avatarUrls(kind: 'user' | 'project', id: string): Record<string, string> {
    const path = kind === 'user' ? 'secure/useravatar' : 'secure/projectavatar';
    const owner = kind === 'user' ? `ownerId=${encodeURIComponent(id)}` : `pid=${encodeURIComponent(id)}`;
    return {
      '48x48': `${this.base}/${path}?size=large&${owner}`,
      '24x24': `${this.base}/${path}?size=small&${owner}`,
      '16x16': `${this.base}/${path}?size=xsmall&${owner}`,
      '32x32': `${this.base}/${path}?size=medium&${owner}`,
    };
  }

  userSelf(accountId: string): string {
    return `${this.base}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`;
  }

  /** The `User` schema (myself, user, user/search, user/bulk). */
  userBean(accountId: string, opts: { locale?: boolean; groups?: boolean; applicationRoles?: boolean } = {}): JsonObject {
    const u = this.user(accountId);
    const out: JsonObject = {
      self: this.userSelf(accountId),
      accountId,
      accountType: u?.accountType ?? 'unknown',
    };
    if (u?.emailAddress) out.emailAddress = u.emailAddress;
    out.avatarUrls = this.avatarUrls('user', accountId);
    out.displayName = u?.displayName ?? 'Former user';
    out.active = u?.active ?? false;
    out.timeZone = u?.timeZone ?? 'UTC';
    if (opts.locale) out.locale = u?.locale ?? 'en_US';
    if (opts.groups) {
      const items = (u?.groups ?? []).map((g) => this.groupName(g));
      out.groups = { size: items.length, items };
    }
    if (opts.applicationRoles) out.applicationRoles = { size: 0, items: [] };
    out.expand = [opts.groups ? undefined : 'groups', opts.applicationRoles ? undefined : 'applicationRoles'].filter(Boolean).join(',');
    return out;
  }

  /** The `UserDetails` schema (issue fields, worklog and comment authors). */
  userDetails(accountId: string | null): JsonObject | null {
    if (accountId === null) return null;
    const u = this.user(accountId);
    const out: JsonObject = { self: this.userSelf(accountId), accountId };
    if (u?.emailAddress) out.emailAddress = u.emailAddress;
    out.avatarUrls = this.avatarUrls('user', accountId);
    out.displayName = u?.displayName ?? 'Former user';
    out.active = u?.active ?? false;
    out.timeZone = u?.timeZone ?? 'UTC';
    out.accountType = u?.accountType ?? 'unknown';
    return out;
  }

  groupName(name: string): JsonObject {
    return { name, groupId: groupId(name), self: `${this.base}/rest/api/3/group?groupId=${groupId(name)}` };
  }

  projectSelf(p: JiraProject): string {
    return `${this.base}/rest/api/3/project/${p.id}`;
  }

  /** Compact project (search results, issue `project` field). */
  projectCompact(p: JiraProject, withProperties?: Record<string, unknown>): JsonObject {
    const out: JsonObject = {
      self: this.projectSelf(p),
      id: p.id,
      key: p.key,
      name: p.name,
      avatarUrls: this.avatarUrls('project', p.id),
      projectTypeKey: p.projectTypeKey,
      simplified: p.style === 'next-gen',
      style: p.style,
      isPrivate: false,
    };
    if (withProperties) out.properties = withProperties;
    return out;
  }

  projectFull(p: JiraProject, properties: Record<string, unknown>): JsonObject {
    return {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      self: this.projectSelf(p),
      id: p.id,
      key: p.key,
      description: p.description,
      lead: this.userBean(p.leadAccountId),
      components: [],
      issueTypes: this.state.issueTypesFor(p).map((t) => this.issueType(t)),
      ...(p.url ? { url: p.url } : {}),
      assigneeType: p.assigneeType,
      versions: [],
      name: p.name,
      roles: {},
      avatarUrls: this.avatarUrls('project', p.id),
      projectTypeKey: p.projectTypeKey,
      simplified: p.style === 'next-gen',
      style: p.style,
      isPrivate: false,
      properties,
      uuid: p.uuid,
    };
  }

  issueType(t: IssueType): JsonObject {
    const out: JsonObject = {
      self: `${this.base}/rest/api/3/issuetype/${t.id}`,
      id: t.id,
      description: t.description,
      iconUrl: `${this.base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${t.avatarId}?size=medium`,
      name: t.name,
      subtask: t.subtask,
      avatarId: t.avatarId,
      hierarchyLevel: t.hierarchyLevel,
    };
    if (t.entityId) out.entityId = t.entityId;
    if (t.projectId) {
      const p = this.state.projects.get(t.projectId);
      out.scope = { type: 'PROJECT', project: p ? { id: p.id, key: p.key, name: p.name } : { id: t.projectId } };
    }
    return out;
  }

  status(s: Status): JsonObject {
    const c = STATUS_CATEGORIES.find((x) => x.id === s.categoryId) ?? STATUS_CATEGORIES[0];
    return {
      self: `${this.base}/rest/api/3/status/${s.id}`,
      description: '',
      iconUrl: `${this.base}/images/icons/statuses/generic.png`,
      name: s.name,
      id: s.id,
      statusCategory: {
        self: `${this.base}/rest/api/3/statuscategory/${c?.id ?? 2}`,
        id: c?.id ?? 2,
        key: c?.key ?? 'new',
        colorName: c?.colorName ?? 'blue-gray',
        name: c?.name ?? 'To Do',
      },
    };
  }

  statusById(id: string): JsonObject {
    return this.status(STATUSES.find((s) => s.id === id) ?? (STATUSES[0] as Status));
  }

  priority(p: Priority): JsonObject {
    return { self: `${this.base}/rest/api/3/priority/${p.id}`, iconUrl: `${this.base}/images/icons/priorities/${p.name.toLowerCase()}.svg`, name: p.name, id: p.id };
  }

  priorityById(id: string): JsonObject {
    return this.priority(PRIORITIES.find((p) => p.id === id) ?? (PRIORITIES[2] as Priority));
  }

  worklog(w: JiraWorklog, opts: { properties?: boolean } = {}): JsonObject {
    const out: JsonObject = {
      self: `${this.base}/rest/api/3/issue/${w.issueId}/worklog/${w.id}`,
      author: this.userDetails(w.authorId),
      updateAuthor: this.userDetails(w.updateAuthorId),
    };
    if (w.comment !== undefined) out.comment = w.comment;
    out.created = jiraTime(w.created);
    out.updated = jiraTime(w.updated);
    if (w.visibility !== undefined) out.visibility = w.visibility;
    out.started = w.started;
    out.timeSpent = formatDuration(w.timeSpentSeconds);
    out.timeSpentSeconds = w.timeSpentSeconds;
    out.id = w.id;
    out.issueId = w.issueId;
    if (opts.properties) out.properties = [...w.properties.entries()].map(([key, p]) => ({ key, value: p.value }));
    return out;
  }

  comment(c: JiraComment): JsonObject {
    const out: JsonObject = {
      self: `${this.base}/rest/api/3/issue/${c.issueId}/comment/${c.id}`,
      id: c.id,
      author: this.userDetails(c.authorId),
      body: c.body,
      updateAuthor: this.userDetails(c.updateAuthorId),
      created: jiraTime(c.created),
      updated: jiraTime(c.updated),
      jsdPublic: true,
    };
    if (c.visibility !== undefined) out.visibility = c.visibility;
    if (c.properties.length > 0) out.properties = c.properties;
    return out;
  }
}

/** A stable, UUID-shaped id per group name (Jira groups have both a name and an id). */
export function groupId(name: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < name.length; i++) {
    h1 = Math.imul(h1 ^ name.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 + name.charCodeAt(i), 2246822519) >>> 0;
  }
  const hex = (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).repeat(2);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
