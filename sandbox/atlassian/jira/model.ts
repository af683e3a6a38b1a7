// The emulated Jira's records and fixed configuration (workflow, priorities, permissions).
// Timestamps are epoch milliseconds of the site clock; ids are numeric strings from SiteContext.nextId().

export type ProjectTypeKey = 'software' | 'business' | 'service_desk';
export type ProjectStyle = 'classic' | 'next-gen';

export interface PropertyRecord {
  value: unknown;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  description: string;
  leadAccountId: string;
  projectTypeKey: ProjectTypeKey;
  templateKey?: string;
  /** Team-managed (next-gen) projects get their own, project-scoped issue types. */
  style: ProjectStyle;
  assigneeType: 'PROJECT_LEAD' | 'UNASSIGNED';
  url?: string;
  uuid: string;
  createdAt: number;
  properties: Map<string, PropertyRecord>;
  /** Next number in KEY-n. */
  nextIssueNumber: number;
  /** When set, only these users (plus admins and the app) may browse the project. */
  browseAccountIds: Set<string> | null;
}

export interface IssueType {
  id: string;
  name: string;
  description: string;
  hierarchyLevel: number; // 1 epic, 0 standard, -1 sub-task
  subtask: boolean;
  avatarId: number;
  /** Set for team-managed projects' own types. */
  projectId?: string;
  entityId?: string;
}

export interface Status {
  id: string;
  name: string;
  categoryId: number;
}

export interface StatusCategory {
  id: number;
  key: 'new' | 'indeterminate' | 'done';
  name: string;
  colorName: string;
}

export const STATUS_CATEGORIES: StatusCategory[] = [
  { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  { id: 3, key: 'done', name: 'Done', colorName: 'green' },
];

export const STATUSES: Status[] = [
  { id: '10000', name: 'To Do', categoryId: 2 },
  { id: '3', name: 'In Progress', categoryId: 4 },
  { id: '10001', name: 'Done', categoryId: 3 },
];

/** Global transitions of the simplified workflow: any status to any other. */
export const TRANSITIONS: Array<{ id: string; name: string; toStatusId: string }> = [
  { id: '11', name: 'To Do', toStatusId: '10000' },
  { id: '21', name: 'In Progress', toStatusId: '3' },
  { id: '31', name: 'Done', toStatusId: '10001' },
];

export const INITIAL_STATUS_ID = '10000';
export const DONE_RESOLUTION = { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' };

export interface Priority {
  id: string;
  name: string;
  color: string;
}

export const PRIORITIES: Priority[] = [
  { id: '1', name: 'Highest', color: '#d04437' },
  { id: '2', name: 'High', color: '#f15C75' },
  { id: '3', name: 'Medium', color: '#f79232' },
  { id: '4', name: 'Low', color: '#707070' },
  { id: '5', name: 'Lowest', color: '#999999' },
];
export const DEFAULT_PRIORITY_ID = '3';

/** Company-managed projects share these issue types. */
export const GLOBAL_ISSUE_TYPES: IssueType[] = [
  { id: '10000', name: 'Epic', description: 'A big user story that needs to be broken down.', hierarchyLevel: 1, subtask: false, avatarId: 10307 },
  { id: '10001', name: 'Task', description: 'A small, distinct piece of work.', hierarchyLevel: 0, subtask: false, avatarId: 10318 },
  { id: '10002', name: 'Subtask', description: 'A small piece of work that is part of a larger task.', hierarchyLevel: -1, subtask: true, avatarId: 10316 },
];

export interface JiraIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  description: unknown | null;
  parentId: string | null;
  labels: string[];
  duedate: string | null;
  assigneeId: string | null;
  reporterId: string | null;
  creatorId: string;
  priorityId: string;
  statusId: string;
  resolution: boolean;
  resolutionDate: number | null;
  created: number;
  updated: number;
  statusCategoryChangeDate: number;
  originalEstimateSeconds: number | null;
  remainingEstimateSeconds: number | null;
  timeSpentSeconds: number;
  properties: Map<string, PropertyRecord>;
}

export interface JiraWorklog {
  id: string;
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  comment?: unknown;
  /** As Jira returns it: 2026-11-02T09:00:00.000+0000. */
  started: string;
  startedMs: number;
  timeSpentSeconds: number;
  created: number;
  updated: number;
  visibility?: unknown;
  properties: Map<string, PropertyRecord>;
}

export interface JiraComment {
  id: string;
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  body: unknown;
  created: number;
  updated: number;
  visibility?: unknown;
  properties: Array<{ key: string; value: unknown }>;
}

export interface SentNotification {
  issueId: string;
  subject: string;
  textBody?: string;
  htmlBody?: string;
  recipients: string[];
  senderId: string;
  at: number;
}

export interface DeletedWorklog {
  worklogId: string;
  issueId: string;
  deletedAt: number;
}

export const PROPERTY_VALUE_MAX = 32_768;
export const PROPERTY_KEY_MAX = 255;
