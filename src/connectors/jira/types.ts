// Shapes the Jira client hands to the app: small, validated, ids as strings.
import type { AdfDoc } from './adf';
import type { StatusCategoryKey } from './constants';

export interface JiraUser {
  accountId: string;
  accountType: string;
  displayName: string;
  /** Often null: hidden by the user's privacy settings. */
  emailAddress: string | null;
  active: boolean;
  timeZone?: string;
  locale?: string;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey?: string;
  /** true for team-managed projects. */
  simplified?: boolean;
  leadAccountId?: string;
}

export interface CreateProjectInput {
  key: string;
  name: string;
  leadAccountId: string;
  projectTypeKey: 'business' | 'software';
  description?: string;
  /** Must match the type; defaults to Jira's choice for the type when omitted. */
  projectTemplateKey?: string;
  assigneeType?: 'PROJECT_LEAD' | 'UNASSIGNED';
}

export interface JiraIssueType {
  id: string;
  name: string;
  subtask: boolean;
  /** 1 = epic level, 0 = standard, -1 = sub-task (when Jira reports it). */
  hierarchyLevel?: number;
}

export interface ProjectIssueTypeIds {
  epic?: string;
  task?: string;
  subtask?: string;
}

export interface IssueInput {
  project: { key: string } | { id: string };
  issueTypeId: string;
  summary: string;
  description?: AdfDoc;
  /** Epic or parent issue key (the `parent` field covers both project styles). */
  parentKey?: string;
  labels?: string[];
  /** null leaves the issue unassigned. */
  assigneeAccountId?: string | null;
  /** YYYY-MM-DD */
  dueDate?: string;
  /** Jira duration with explicit units, e.g. '2h 30m' (bare numbers are read in the site's unit). */
  originalEstimate?: string;
  /** Set at create time, saving a call per issue. */
  properties?: Array<{ key: string; value: unknown }>;
  /** Other fields by id, passed through as given (custom fields). */
  fields?: Record<string, unknown>;
}

export interface IssueEdit {
  summary?: string;
  description?: AdfDoc;
  parentKey?: string;
  labels?: string[];
  assigneeAccountId?: string | null;
  dueDate?: string | null;
  originalEstimate?: string;
  fields?: Record<string, unknown>;
}

export interface CreatedIssue {
  id: string;
  key: string;
}

export interface BulkCreateResult {
  /** `index` is the position in the input array. */
  created: Array<{ id: string; key: string; index: number }>;
  failed: Array<{ index: number; messages: string[] }>;
}

export interface JiraIssue {
  id: string;
  key: string;
  /** Raw fields as Jira returned them; read with readIssueFields() for typed access. */
  fields: Record<string, unknown>;
  /** Issue properties requested with `properties`. */
  properties: Record<string, unknown>;
}

/** The fields the app reads most, typed. Missing or odd values are left undefined. */
export interface IssueFieldsView {
  summary?: string;
  statusName?: string;
  statusCategory?: StatusCategoryKey;
  issueTypeName?: string;
  labels?: string[];
  parentKey?: string;
  assigneeAccountId?: string;
  dueDate?: string;
  originalEstimateSeconds?: number;
  timeSpentSeconds?: number;
  created?: string;
  updated?: string;
}

export interface SearchOptions {
  /** Fields to return, e.g. ['summary','status','labels']; default ['summary'] (Jira alone would return bare ids). */
  fields?: string[];
  /** At most 5 issue property keys. */
  properties?: string[];
  pageSize?: number;
  /** Issue ids to force read-after-write consistency for (at most 50). */
  reconcileIssues?: number[];
}

export interface TransitionResult {
  changed: boolean;
  transitionId?: string;
}

export interface WorklogInput {
  started: Date | string;
  timeSpentSeconds: number;
  comment?: AdfDoc;
  adjustEstimate?: 'auto' | 'leave';
  notifyUsers?: boolean;
  properties?: Array<{ key: string; value: unknown }>;
}

export interface JiraWorklog {
  id: string;
  issueId: string;
  authorAccountId?: string;
  /** Jira date-time, e.g. 2026-03-02T09:00:00.000+0000 */
  started: string;
  timeSpentSeconds: number;
  created?: string;
  updated?: string;
  /** ADF, if any. */
  comment?: unknown;
  properties: Record<string, unknown>;
}

export interface ChangedWorklog {
  worklogId: string;
  updatedTime: number;
}

export interface WorklogFeedPage {
  values: ChangedWorklog[];
  since: number;
  /** Store as the next `since`. */
  until: number;
  lastPage: boolean;
}

export interface NotifyInput {
  subject: string;
  textBody: string;
  htmlBody?: string;
  to: {
    users?: string[];
    assignee?: boolean;
    reporter?: boolean;
    watchers?: boolean;
    groupIds?: string[];
  };
  /** Only recipients who can browse the issue get it. */
  restrictToBrowsers?: boolean;
}

export interface PermissionScope {
  projectKey?: string;
  projectId?: string;
  issueKey?: string;
  issueId?: string;
}
