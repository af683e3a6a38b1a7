// What the money use cases need from Jira and Confluence, as small ports (wired to the real clients in
// money-deps.ts; tests of use cases can pass fakes).
import type { AdfDoc } from '../../connectors/jira/adf';
import type { JiraWorklog, WorklogFeedPage } from '../../connectors/jira/types';

export interface MoneyConfluence {
  findPage(spaceId: string, title: string): Promise<{ id: string } | null>;
  createPage(input: { spaceId: string; parentId?: string; title: string; storage: string }): Promise<{ id: string }>;
  /** Replaces the body (and title); false when the page no longer exists. */
  updatePage(pageId: string, input: { title: string; storage: string }): Promise<boolean>;
  upload(pageId: string, file: { filename: string; bytes: Uint8Array; contentType: string; comment?: string }): Promise<{ id: string }>;
}

export interface MoneyJira {
  createIssue(input: { projectKey: string; issueTypeId: string; summary: string; description: AdfDoc; labels: string[]; assigneeAccountId?: string; dueDate?: string }): Promise<{ key: string }>;
  /** The key of an issue carrying the label, if any. */
  findByLabel(label: string): Promise<string | null>;
  addComment(issueKey: string, body: AdfDoc): Promise<void>;
  /** Moves the issue to a Done status (no-op when it already is). */
  resolve(issueKey: string): Promise<void>;
  worklogPages(sinceMs: number): AsyncGenerator<WorklogFeedPage, void, undefined>;
  /** Ids of worklogs deleted since `sinceMs`, in pages. */
  deletedWorklogPages(sinceMs: number): AsyncGenerator<WorklogFeedPage, void, undefined>;
  worklogsByIds(ids: readonly string[]): Promise<JiraWorklog[]>;
  /** issue id → project key, for the ids that exist. */
  issueProjects(issueIds: readonly string[]): Promise<Map<string, string>>;
  /** Issues of a project done in a date range (for acts). */
  doneIssueCount(projectKey: string, from: string, to: string): Promise<number>;
}

export interface MoneyDeps {
  jira: MoneyJira;
  confluence: MoneyConfluence;
}
