// The Jira Cloud REST v3 client the app uses. Every call goes through AtlassianHttp (retries,
// typed errors, zod-validated bodies); paging comes from ../atlassian/paging. Path parameters are
// always placed with @forge/api's `route`, so they are escaped exactly as in production.
import { route } from '@forge/api';
import { ValidationError } from '../../shared/errors';
import { AtlassianHttp, type AtlassianHttpOptions, type CallOptions } from '../atlassian/http';
import { InvalidResponseError, NotFoundOrForbiddenError, translateHttpError } from '../atlassian/errors';
import { eachItem, jiraOffsetPages, jiraSearchTokenPages, jiraWorklogSinceFeed } from '../atlassian/paging';
import type { AdfDoc } from './adf';
import {
  JIRA_BULK_CREATE_LIMIT,
  JIRA_CREATEMETA_PAGE_SIZE,
  JIRA_PROPERTY_KEY_MAX,
  JIRA_PROPERTY_MAX_CHARS,
  JIRA_SEARCH_MAX_PROPERTIES,
  JIRA_SEARCH_PAGE_SIZE,
  JIRA_USER_BULK_CHUNK,
  JIRA_WORKLOG_LIST_LIMIT,
  type StatusCategoryKey,
} from './constants';
import { NoTransitionError, ProjectKeyTakenError } from './errors';
import { toJiraDateTime } from './format';
import { readIssueFields } from './issue-fields';
import {
  bulkPermissionsSchema,
  changedWorklogsSchema,
  commentSchema,
  createMetaIssueTypesSchema,
  createdIssueSchema,
  createdIssuesSchema,
  entityPropertySchema,
  issueSchema,
  myPermissionsSchema,
  projectIdentifiersSchema,
  projectSchema,
  searchPageSchema,
  transitionsSchema,
  userPageSchema,
  userSchema,
  worklogListSchema,
  worklogSchema,
} from './schemas';
import type {
  BulkCreateResult,
  ChangedWorklog,
  CreateProjectInput,
  CreatedIssue,
  IssueEdit,
  IssueInput,
  JiraIssue,
  JiraIssueType,
  JiraProject,
  JiraUser,
  JiraWorklog,
  NotifyInput,
  PermissionScope,
  ProjectIssueTypeIds,
  SearchOptions,
  TransitionResult,
  WorklogFeedPage,
  WorklogInput,
} from './types';

export interface JiraClient {
  getMyself(): Promise<JiraUser>;
  getUser(accountId: string): Promise<JiraUser | null>;
  getUsers(accountIds: readonly string[]): Promise<JiraUser[]>;
  groupMembers(groupName: string): Promise<JiraUser[]>;
  createProject(input: CreateProjectInput): Promise<{ id: string; key: string }>;
  getProject(keyOrId: string): Promise<JiraProject | null>;
  getIssueTypes(projectKeyOrId: string): Promise<JiraIssueType[]>;
  findIssueTypeIds(projectKeyOrId: string): Promise<ProjectIssueTypeIds>;
  createIssue(input: IssueInput): Promise<CreatedIssue>;
  bulkCreateIssues(inputs: readonly IssueInput[]): Promise<BulkCreateResult>;
  getIssue(keyOrId: string, opts?: { fields?: string[]; properties?: string[] }): Promise<JiraIssue | null>;
  editIssue(keyOrId: string, edit: IssueEdit, opts?: { notifyUsers?: boolean }): Promise<void>;
  transitionIssue(keyOrId: string, toCategory: StatusCategoryKey): Promise<TransitionResult>;
  searchJql(jql: string, opts?: SearchOptions): AsyncGenerator<JiraIssue, void, undefined>;
  setIssueProperty(keyOrId: string, propertyKey: string, value: unknown): Promise<void>;
  getIssueProperty(keyOrId: string, propertyKey: string): Promise<unknown>;
  setProjectProperty(keyOrId: string, propertyKey: string, value: unknown): Promise<void>;
  getProjectProperty(keyOrId: string, propertyKey: string): Promise<unknown>;
  addWorklog(issueKeyOrId: string, input: WorklogInput): Promise<JiraWorklog>;
  worklogUpdatedPages(sinceMs: number): AsyncGenerator<WorklogFeedPage, void, undefined>;
  worklogDeletedPages(sinceMs: number): AsyncGenerator<WorklogFeedPage, void, undefined>;
  worklogsUpdatedSince(sinceMs: number): AsyncGenerator<ChangedWorklog, void, undefined>;
  worklogsByIds(ids: readonly string[]): Promise<JiraWorklog[]>;
  addComment(issueKeyOrId: string, body: AdfDoc): Promise<{ id: string }>;
  notify(issueKeyOrId: string, input: NotifyInput): Promise<void>;
  getMyPermissions(permissions: readonly string[], scope?: PermissionScope): Promise<Record<string, boolean>>;
  hasPermissions(permissions: readonly string[], scope?: PermissionScope): Promise<boolean>;
  checkProjectPermissions(input: { permissions: string[]; projectIds: number[]; accountId?: string }): Promise<Record<string, number[]>>;
}

export type JiraClientOptions = AtlassianHttpOptions;

export function createJiraClient(opts: JiraClientOptions): JiraClient {
  return new RestJiraClient(opts);
}

function checkProperty(propertyKey: string, value: unknown): string {
  if (propertyKey.length === 0 || propertyKey.length > JIRA_PROPERTY_KEY_MAX) throw new ValidationError(`Jira property key must be 1–${JIRA_PROPERTY_KEY_MAX} characters`, { propertyKey: 'length' });
  const json = JSON.stringify(value);
  if (json === undefined) throw new ValidationError(`Jira property ${propertyKey} needs a JSON value`, { value: 'required' });
  if (json.length > JIRA_PROPERTY_MAX_CHARS) {
    throw new ValidationError(`Jira property ${propertyKey} is ${json.length} characters; the limit is ${JIRA_PROPERTY_MAX_CHARS}`, { value: 'too long' }, { propertyKey, length: json.length });
  }
  return json;
}

function issueFields(input: IssueInput | IssueEdit): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if ('project' in input) f['project'] = input.project;
  if ('issueTypeId' in input) f['issuetype'] = { id: input.issueTypeId };
  if (input.summary !== undefined) f['summary'] = input.summary;
  if (input.description !== undefined) f['description'] = input.description;
  if (input.parentKey !== undefined) f['parent'] = { key: input.parentKey };
  if (input.labels !== undefined) f['labels'] = input.labels;
  if (input.assigneeAccountId !== undefined) f['assignee'] = input.assigneeAccountId === null ? null : { accountId: input.assigneeAccountId };
  if (input.dueDate !== undefined) f['duedate'] = input.dueDate;
  if (input.originalEstimate !== undefined) f['timetracking'] = { originalEstimate: input.originalEstimate };
  return { ...f, ...input.fields };
}

function issueUpdate(input: IssueInput): Record<string, unknown> {
  const body: Record<string, unknown> = { fields: issueFields(input) };
  if (input.properties && input.properties.length > 0) body['properties'] = input.properties;
  return body;
}

const TAKEN = /uses this project key|already (exists|in use|taken|used)|is in use|is taken/i;

export class RestJiraClient implements JiraClient {
  private readonly http: AtlassianHttp;

  constructor(opts: JiraClientOptions) {
    this.http = new AtlassianHttp('jira', opts);
  }

  /**
   * The caller (the app's bot user when asApp).
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
   * @throws AtlassianForbiddenError, RateLimitedError, UpstreamError
   */
  async getMyself(): Promise<JiraUser> {
    return toUser(await this.http.json('GET', route`/rest/api/3/myself`, userSchema, { what: 'Current user', id: 'myself' }));
  }

  /**
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get
   * @returns null when the account does not exist or is not visible.
   */
  async getUser(accountId: string): Promise<JiraUser | null> {
    const u = await this.http.jsonOrNull('GET', route`/rest/api/3/user?accountId=${accountId}`, userSchema, { what: 'User', id: accountId });
    return u ? toUser(u) : null;
  }

  /**
   * Many users in few calls (chunks of 50 ids, offset-paged). Unknown ids are simply absent.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-bulk-get
   */
  async getUsers(accountIds: readonly string[]): Promise<JiraUser[]> {
    const unique = [...new Set(accountIds)];
    const out: JiraUser[] = [];
    for (let i = 0; i < unique.length; i += JIRA_USER_BULK_CHUNK) {
      const chunk = unique.slice(i, i + JIRA_USER_BULK_CHUNK);
      const pages = jiraOffsetPages(
        async (startAt, maxResults) => {
          const q = new URLSearchParams({ startAt: String(startAt), maxResults: String(maxResults) });
          for (const id of chunk) q.append('accountId', id);
          const page = await this.http.json('GET', route`/rest/api/3/user/bulk?${q}`, userPageSchema, { what: 'Users', id: `${chunk.length} ids` });
          return { ...page, items: page.values };
        },
        { pageSize: chunk.length },
      );
      for await (const u of eachItem(pages)) out.push(toUser(u));
    }
    return out;
  }

  /**
   * Active members of a group (e.g. the product-access group 'jira-software-users'), for people pickers.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-member-get
   * @throws NotFoundOrForbiddenError when the group does not exist, RateLimitedError, UpstreamError
   */
  async groupMembers(groupName: string): Promise<JiraUser[]> {
    const pages = jiraOffsetPages(
      async (startAt, maxResults) => {
        const q = new URLSearchParams({ groupname: groupName, startAt: String(startAt), maxResults: String(maxResults) });
        const page = await this.http.json('GET', route`/rest/api/3/group/member?${q}`, userPageSchema, { what: 'Group', id: groupName });
        return { ...page, items: page.values };
      },
      { pageSize: JIRA_USER_BULK_CHUNK },
    );
    const out: JiraUser[] = [];
    for await (const u of eachItem(pages)) out.push(toUser(u));
    return out;
  }

  /**
   * Creates a project. A taken key becomes ProjectKeyTakenError (Jira says 400 + errors.projectKey;
   * when the wording is not conclusive we look the key up).
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-post
   * @throws ProjectKeyTakenError, ValidationError, AtlassianForbiddenError, RateLimitedError, UpstreamError
   */
  async createProject(input: CreateProjectInput): Promise<{ id: string; key: string }> {
    const body: Record<string, unknown> = { key: input.key, name: input.name, leadAccountId: input.leadAccountId, projectTypeKey: input.projectTypeKey };
    if (input.description !== undefined) body['description'] = input.description;
    if (input.projectTemplateKey !== undefined) body['projectTemplateKey'] = input.projectTemplateKey;
    if (input.assigneeType !== undefined) body['assigneeType'] = input.assigneeType;
    try {
      return await this.http.json('POST', route`/rest/api/3/project`, projectIdentifiersSchema, { json: body, what: 'Project', id: input.key });
    } catch (e) {
      const keyMessage = e instanceof ValidationError ? (e.fields?.['projectKey'] ?? e.fields?.['key']) : undefined;
      if (keyMessage === undefined) throw e;
      if (TAKEN.test(keyMessage) || (await this.getProject(input.key)) !== null) throw new ProjectKeyTakenError(input.key, keyMessage);
      throw e;
    }
  }

  /**
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-get
   * @returns null on 404 (missing, or the caller cannot browse it).
   */
  async getProject(keyOrId: string): Promise<JiraProject | null> {
    const p = await this.http.jsonOrNull('GET', route`/rest/api/3/project/${keyOrId}`, projectSchema, { what: 'Project', id: keyOrId });
    if (!p) return null;
    const out: JiraProject = { id: p.id, key: p.key, name: p.name };
    if (p.projectTypeKey !== undefined) out.projectTypeKey = p.projectTypeKey;
    if (p.simplified !== undefined) out.simplified = p.simplified;
    if (p.lead?.accountId !== undefined) out.leadAccountId = p.lead.accountId;
    return out;
  }

  /**
   * Issue types a project can create.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-createmeta-projectidorkey-issuetypes-get
   * @throws NotFoundOrForbiddenError, RateLimitedError, UpstreamError
   */
  async getIssueTypes(projectKeyOrId: string): Promise<JiraIssueType[]> {
    const pages = jiraOffsetPages(
      async (startAt, maxResults) => {
        const page = await this.http.json('GET', route`/rest/api/3/issue/createmeta/${projectKeyOrId}/issuetypes?startAt=${startAt}&maxResults=${maxResults}`, createMetaIssueTypesSchema, { what: 'Project', id: projectKeyOrId });
        return { ...page, items: page.issueTypes ?? page.createMetaIssueType ?? [] };
      },
      { pageSize: JIRA_CREATEMETA_PAGE_SIZE },
    );
    const out: JiraIssueType[] = [];
    for await (const t of eachItem(pages)) out.push(t.hierarchyLevel === undefined ? { id: t.id, name: t.name, subtask: t.subtask } : { id: t.id, name: t.name, subtask: t.subtask, hierarchyLevel: t.hierarchyLevel });
    return out;
  }

  /** Epic / Task / Sub-task ids of a project, by hierarchy level first and name second. */
  async findIssueTypeIds(projectKeyOrId: string): Promise<ProjectIssueTypeIds> {
    return pickIssueTypeIds(await this.getIssueTypes(projectKeyOrId));
  }

  /**
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post
   * @throws ValidationError (field map), AtlassianForbiddenError, RateLimitedError, UpstreamError
   */
  async createIssue(input: IssueInput): Promise<CreatedIssue> {
    return this.http.json('POST', route`/rest/api/3/issue`, createdIssueSchema, { json: issueUpdate(input), what: 'Issue', id: input.summary.slice(0, 60) });
  }

  /**
   * Up to 50 issues in one call; partial success is normal. Successes are mapped back to input
   * positions by skipping the failed indices in order (Jira returns created issues in input order).
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulk-post
   * @throws ValidationError (more than 50 inputs, or a request-level 400), RateLimitedError, UpstreamError, InvalidResponseError
   */
  async bulkCreateIssues(inputs: readonly IssueInput[]): Promise<BulkCreateResult> {
    if (inputs.length > JIRA_BULK_CREATE_LIMIT) {
      throw new ValidationError(`Jira bulk create takes at most ${JIRA_BULK_CREATE_LIMIT} issues; got ${inputs.length}`, { issueUpdates: 'too many' }, { count: inputs.length });
    }
    if (inputs.length === 0) return { created: [], failed: [] };
    const path = route`/rest/api/3/issue/bulk`;
    const opts: CallOptions = { json: { issueUpdates: inputs.map(issueUpdate) }, what: 'Issue batch', id: `${inputs.length} issues`, accept: [400] };
    const res = await this.http.send('POST', path, opts);
    if (res.status === 400 && !isCreatedIssuesBody(res.body)) throw translateHttpError(400, res.headers, res.text, this.http.context('POST', path, opts));
    const body = this.http.check(createdIssuesSchema, res, 'POST', path, opts);
    const failed = body.errors
      .filter((e) => e.failedElementNumber < inputs.length)
      .map((e) => ({ index: e.failedElementNumber, messages: [...e.elementErrors.errorMessages, ...Object.entries(e.elementErrors.errors).map(([k, v]) => `${k}: ${v}`)] }));
    const failedSet = new Set(failed.map((f) => f.index));
    const okIndices = inputs.map((_, i) => i).filter((i) => !failedSet.has(i));
    if (okIndices.length !== body.issues.length) {
      throw new InvalidResponseError('Jira', res.status, `bulk create returned ${body.issues.length} issues and ${failed.length} errors for ${inputs.length} inputs`, { count: inputs.length });
    }
    return { created: body.issues.map((issue, i) => ({ id: issue.id, key: issue.key, index: okIndices[i] as number })), failed };
  }

  /**
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
   * @returns null on 404 (missing or not visible).
   */
  async getIssue(keyOrId: string, opts: { fields?: string[]; properties?: string[] } = {}): Promise<JiraIssue | null> {
    const q = new URLSearchParams();
    if (opts.fields) q.set('fields', opts.fields.join(','));
    if (opts.properties) q.set('properties', opts.properties.join(','));
    const path = q.size > 0 ? route`/rest/api/3/issue/${keyOrId}?${q}` : route`/rest/api/3/issue/${keyOrId}`;
    return this.http.jsonOrNull('GET', path, issueSchema, { what: 'Issue', id: keyOrId });
  }

  /**
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
   * @throws NotFoundOrForbiddenError, ValidationError, VersionConflictError, RateLimitedError, UpstreamError
   */
  async editIssue(keyOrId: string, edit: IssueEdit, opts: { notifyUsers?: boolean } = {}): Promise<void> {
    const path = opts.notifyUsers === undefined ? route`/rest/api/3/issue/${keyOrId}` : route`/rest/api/3/issue/${keyOrId}?notifyUsers=${String(opts.notifyUsers)}`;
    await this.http.empty('PUT', path, { json: { fields: issueFields(edit) }, what: 'Issue', id: keyOrId });
  }

  /**
   * Moves an issue into a status of the given category; a no-op when it is already there.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post
   * @throws NoTransitionError, NotFoundOrForbiddenError, ValidationError, RateLimitedError, UpstreamError
   */
  async transitionIssue(keyOrId: string, toCategory: StatusCategoryKey): Promise<TransitionResult> {
    const issue = await this.getIssue(keyOrId, { fields: ['status'] });
    if (!issue) throw new NotFoundOrForbiddenError('Jira', 'Issue', keyOrId);
    if (readIssueFields(issue).statusCategory === toCategory) return { changed: false };
    const { transitions } = await this.http.json('GET', route`/rest/api/3/issue/${keyOrId}/transitions`, transitionsSchema, { what: 'Issue', id: keyOrId });
    const t = transitions.find((x) => x.to?.statusCategory?.key === toCategory && x.isAvailable !== false);
    if (!t) throw new NoTransitionError(keyOrId, toCategory);
    await this.http.empty('POST', route`/rest/api/3/issue/${keyOrId}/transitions`, { json: { transition: { id: t.id } }, what: 'Issue', id: keyOrId });
    return { changed: true, transitionId: t.id };
  }

  /**
   * Issues matching a bounded JQL query, token-paged. Search is eventually consistent: pass
   * `reconcileIssues` for issues you just wrote.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
   * @throws ValidationError (bad or unbounded JQL), RateLimitedError, UpstreamError
   */
  async *searchJql(jql: string, opts: SearchOptions = {}): AsyncGenerator<JiraIssue, void, undefined> {
    if (opts.properties && opts.properties.length > JIRA_SEARCH_MAX_PROPERTIES) {
      throw new ValidationError(`Jira search returns at most ${JIRA_SEARCH_MAX_PROPERTIES} properties`, { properties: 'too many' });
    }
    // With no `fields` search/jql returns bare ids (no key), so ask for at least the summary.
    const base: Record<string, unknown> = { jql, maxResults: opts.pageSize ?? JIRA_SEARCH_PAGE_SIZE, fields: opts.fields && opts.fields.length > 0 ? opts.fields : ['summary'] };
    if (opts.properties) base['properties'] = opts.properties;
    if (opts.reconcileIssues) base['reconcileIssues'] = opts.reconcileIssues;
    const pages = jiraSearchTokenPages(async (nextPageToken) => {
      const json = nextPageToken ? { ...base, nextPageToken } : base;
      const page = await this.http.json('POST', route`/rest/api/3/search/jql`, searchPageSchema, { json, idempotent: true, what: 'Search', id: jql.slice(0, 80) });
      return { items: page.issues, nextPageToken: page.nextPageToken, isLast: page.isLast };
    });
    yield* eachItem(pages);
  }

  /**
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-put
   * @throws ValidationError (over 32,768 chars), NotFoundOrForbiddenError, RateLimitedError, UpstreamError
   */
  async setIssueProperty(keyOrId: string, propertyKey: string, value: unknown): Promise<void> {
    const body = checkProperty(propertyKey, value);
    await this.http.empty('PUT', route`/rest/api/3/issue/${keyOrId}/properties/${propertyKey}`, { body, headers: { 'Content-Type': 'application/json' }, what: 'Issue', id: keyOrId, details: { propertyKey } });
  }

  /**
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-get
   * @returns the value, or null when the property (or the issue) is absent.
   */
  async getIssueProperty(keyOrId: string, propertyKey: string): Promise<unknown> {
    const p = await this.http.jsonOrNull('GET', route`/rest/api/3/issue/${keyOrId}/properties/${propertyKey}`, entityPropertySchema, { what: 'Issue property', id: `${keyOrId}/${propertyKey}` });
    return p ? p.value : null;
  }

  /**
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-properties/#api-rest-api-3-project-projectidorkey-properties-propertykey-put
   * @throws ValidationError (over 32,768 chars), NotFoundOrForbiddenError, AtlassianForbiddenError, RateLimitedError, UpstreamError
   */
  async setProjectProperty(keyOrId: string, propertyKey: string, value: unknown): Promise<void> {
    const body = checkProperty(propertyKey, value);
    await this.http.empty('PUT', route`/rest/api/3/project/${keyOrId}/properties/${propertyKey}`, { body, headers: { 'Content-Type': 'application/json' }, what: 'Project', id: keyOrId, details: { propertyKey } });
  }

  /**
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-properties/#api-rest-api-3-project-projectidorkey-properties-propertykey-get
   * @returns the value, or null when the property (or the project) is absent.
   */
  async getProjectProperty(keyOrId: string, propertyKey: string): Promise<unknown> {
    const p = await this.http.jsonOrNull('GET', route`/rest/api/3/project/${keyOrId}/properties/${propertyKey}`, entityPropertySchema, { what: 'Project property', id: `${keyOrId}/${propertyKey}` });
    return p ? p.value : null;
  }

  /**
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-issue-issueidorkey-worklog-post
   * @throws ValidationError (e.g. time tracking disabled), NotFoundOrForbiddenError, RateLimitedError, UpstreamError
   */
  async addWorklog(issueKeyOrId: string, input: WorklogInput): Promise<JiraWorklog> {
    if (!Number.isInteger(input.timeSpentSeconds) || input.timeSpentSeconds <= 0) throw new ValidationError('Worklog time must be a positive whole number of seconds', { timeSpentSeconds: 'invalid' });
    const q = new URLSearchParams({ adjustEstimate: input.adjustEstimate ?? 'auto' });
    if (input.notifyUsers !== undefined) q.set('notifyUsers', String(input.notifyUsers));
    const body: Record<string, unknown> = { started: toJiraDateTime(input.started), timeSpentSeconds: input.timeSpentSeconds };
    if (input.comment) body['comment'] = input.comment;
    if (input.properties) body['properties'] = input.properties;
    return toWorklog(await this.http.json('POST', route`/rest/api/3/issue/${issueKeyOrId}/worklog?${q}`, worklogSchema, { json: body, what: 'Issue', id: issueKeyOrId }));
  }

  /**
   * Pages of worklog ids changed since `sinceMs` (oldest first; the last minute is excluded by Jira).
   * Checkpoint each page's `until` as the next `since`.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-worklog-updated-get
   */
  async *worklogUpdatedPages(sinceMs: number): AsyncGenerator<WorklogFeedPage, void, undefined> {
    yield* this.worklogFeed('updated', sinceMs);
  }

  /**
   * Pages of ids of worklogs deleted since `sinceMs`; same paging and checkpointing as the updated feed.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-worklog-deleted-get
   */
  async *worklogDeletedPages(sinceMs: number): AsyncGenerator<WorklogFeedPage, void, undefined> {
    yield* this.worklogFeed('deleted', sinceMs);
  }

  private worklogFeed(kind: 'updated' | 'deleted', sinceMs: number): AsyncGenerator<WorklogFeedPage, void, undefined> {
    return jiraWorklogSinceFeed(async (since) => {
      const path = kind === 'updated' ? route`/rest/api/3/worklog/updated?since=${since}` : route`/rest/api/3/worklog/deleted?since=${since}`;
      const p = await this.http.json('GET', path, changedWorklogsSchema, { what: `Worklog ${kind} feed`, id: `since ${since}` });
      return { values: p.values, since: p.since ?? since, until: p.until, lastPage: p.lastPage };
    }, sinceMs);
  }

  /** The same feed, item by item. */
  async *worklogsUpdatedSince(sinceMs: number): AsyncGenerator<ChangedWorklog, void, undefined> {
    for await (const page of this.worklogUpdatedPages(sinceMs)) yield* page.values;
  }

  /**
   * Full worklogs for up to 1000 ids in one call (only those the caller may see come back).
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-worklog-list-post
   * @throws ValidationError (more than 1000 ids), RateLimitedError, UpstreamError
   */
  async worklogsByIds(ids: readonly string[]): Promise<JiraWorklog[]> {
    if (ids.length > JIRA_WORKLOG_LIST_LIMIT) throw new ValidationError(`Jira worklog/list takes at most ${JIRA_WORKLOG_LIST_LIMIT} ids; got ${ids.length}`, { ids: 'too many' });
    if (ids.length === 0) return [];
    const numeric = ids.map((id) => {
      if (!/^\d+$/.test(id)) throw new ValidationError(`Worklog id ${id} is not numeric`, { ids: 'invalid' });
      return Number(id);
    });
    const list = await this.http.json('POST', route`/rest/api/3/worklog/list`, worklogListSchema, { json: { ids: numeric }, idempotent: true, what: 'Worklogs', id: `${ids.length} ids` });
    return list.map(toWorklog);
  }

  /**
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post
   * @throws ValidationError (incl. 413 comment limit), NotFoundOrForbiddenError, RateLimitedError, UpstreamError
   */
  async addComment(issueKeyOrId: string, body: AdfDoc): Promise<{ id: string }> {
    return this.http.json('POST', route`/rest/api/3/issue/${issueKeyOrId}/comment`, commentSchema, { json: { body }, what: 'Issue', id: issueKeyOrId });
  }

  /**
   * Queues an e-mail about an issue (204). Jira answers 400 when the only recipient is the caller
   * or the requested assignee does not exist.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-notify-post
   * @throws ValidationError, AtlassianForbiddenError (mail disabled), NotFoundOrForbiddenError, RateLimitedError, UpstreamError
   */
  async notify(issueKeyOrId: string, input: NotifyInput): Promise<void> {
    const to: Record<string, unknown> = {};
    if (input.to.users && input.to.users.length > 0) to['users'] = input.to.users.map((accountId) => ({ accountId }));
    if (input.to.groupIds && input.to.groupIds.length > 0) to['groupIds'] = input.to.groupIds;
    for (const k of ['assignee', 'reporter', 'watchers'] as const) if (input.to[k] !== undefined) to[k] = input.to[k];
    const body: Record<string, unknown> = { subject: input.subject, textBody: input.textBody, to };
    if (input.htmlBody !== undefined) body['htmlBody'] = input.htmlBody;
    if (input.restrictToBrowsers) body['restrict'] = { permissions: [{ key: 'BROWSE' }] };
    await this.http.empty('POST', route`/rest/api/3/issue/${issueKeyOrId}/notify`, { json: body, what: 'Issue', id: issueKeyOrId });
  }

  /**
   * The caller's permissions in one context (project or issue). Cache per request or job: under the
   * points quota these calls are not cheap.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
   * @throws ValidationError (unknown permission key), NotFoundOrForbiddenError, RateLimitedError, UpstreamError
   */
  async getMyPermissions(permissions: readonly string[], scope: PermissionScope = {}): Promise<Record<string, boolean>> {
    const q = new URLSearchParams({ permissions: permissions.join(',') });
    for (const [k, v] of Object.entries(scope)) if (v !== undefined) q.set(k, v);
    const res = await this.http.json('GET', route`/rest/api/3/mypermissions?${q}`, myPermissionsSchema, { what: 'Permissions', id: scope.issueKey ?? scope.projectKey ?? scope.issueId ?? scope.projectId ?? 'global' });
    const out: Record<string, boolean> = {};
    for (const p of permissions) out[p] = res.permissions[p]?.havePermission ?? false;
    return out;
  }

  /** True when the caller has every one of `permissions` in the scope. */
  async hasPermissions(permissions: readonly string[], scope: PermissionScope = {}): Promise<boolean> {
    const granted = await this.getMyPermissions(permissions, scope);
    return permissions.every((p) => granted[p] === true);
  }

  /**
   * Bulk check: for each permission, the project ids (of those asked) where it is granted.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post
   * @throws ValidationError (unknown key), AtlassianForbiddenError (checking others without admin), RateLimitedError, UpstreamError
   */
  async checkProjectPermissions(input: { permissions: string[]; projectIds: number[]; accountId?: string }): Promise<Record<string, number[]>> {
    const body: Record<string, unknown> = { projectPermissions: [{ permissions: input.permissions, projects: input.projectIds }] };
    if (input.accountId) body['accountId'] = input.accountId;
    const res = await this.http.json('POST', route`/rest/api/3/permissions/check`, bulkPermissionsSchema, { json: body, idempotent: true, what: 'Permissions', id: input.accountId ?? 'caller' });
    const out: Record<string, number[]> = {};
    for (const p of input.permissions) out[p] = [];
    for (const grant of res.projectPermissions) out[grant.permission] = grant.projects;
    return out;
  }
}

function isCreatedIssuesBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Array.isArray((body as { errors?: unknown }).errors);
}

function toUser(u: { accountId: string; accountType: string; displayName: string; emailAddress?: string | null | undefined; active: boolean; timeZone?: string | undefined; locale?: string | undefined }): JiraUser {
  const out: JiraUser = { accountId: u.accountId, accountType: u.accountType, displayName: u.displayName, emailAddress: u.emailAddress ?? null, active: u.active };
  if (u.timeZone !== undefined) out.timeZone = u.timeZone;
  if (u.locale !== undefined) out.locale = u.locale;
  return out;
}

function toWorklog(w: {
  id: string;
  issueId: string;
  author?: { accountId: string } | undefined;
  started: string;
  timeSpentSeconds: number;
  created?: string | undefined;
  updated?: string | undefined;
  comment?: unknown;
  properties: Array<{ key: string; value?: unknown }>;
}): JiraWorklog {
  const out: JiraWorklog = { id: w.id, issueId: w.issueId, started: w.started, timeSpentSeconds: w.timeSpentSeconds, properties: Object.fromEntries(w.properties.map((p) => [p.key, p.value])) };
  if (w.author) out.authorAccountId = w.author.accountId;
  if (w.created !== undefined) out.created = w.created;
  if (w.updated !== undefined) out.updated = w.updated;
  if (w.comment !== undefined) out.comment = w.comment;
  return out;
}

const EPIC_NAMES = new Set(['epic', 'эпик', 'епік']);
const TASK_NAMES = new Set(['task', 'задача']);

/** Picks Epic/Task/Sub-task ids: hierarchy level first (language-independent), names second. */
export function pickIssueTypeIds(types: readonly JiraIssueType[]): ProjectIssueTypeIds {
  const out: ProjectIssueTypeIds = {};
  const name = (t: JiraIssueType): string => t.name.trim().toLowerCase();
  const epic = types.find((t) => t.hierarchyLevel === 1) ?? types.find((t) => EPIC_NAMES.has(name(t)));
  const standard = types.filter((t) => !t.subtask && t.id !== epic?.id && (t.hierarchyLevel === undefined || t.hierarchyLevel === 0));
  const task = standard.find((t) => TASK_NAMES.has(name(t))) ?? standard.find((t) => t.hierarchyLevel === 0);
  const subtask = types.find((t) => t.subtask || t.hierarchyLevel === -1);
  if (epic) out.epic = epic.id;
  if (task) out.task = task.id;
  if (subtask) out.subtask = subtask.id;
  return out;
}
