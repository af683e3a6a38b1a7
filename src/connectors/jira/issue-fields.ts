// Typed reading of the issue fields the app uses most, from a raw JiraIssue.
import { STATUS_CATEGORIES, type StatusCategoryKey } from './constants';
import { issueFieldsViewSchema } from './schemas';
import type { IssueFieldsView, JiraIssue } from './types';

const isCategory = (v: string | undefined): v is StatusCategoryKey => (STATUS_CATEGORIES as readonly string[]).includes(v ?? '');

export function readIssueFields(issue: Pick<JiraIssue, 'fields'>): IssueFieldsView {
  const parsed = issueFieldsViewSchema.safeParse(issue.fields);
  if (!parsed.success) return {};
  const f = parsed.data;
  const view: IssueFieldsView = {};
  if (f.summary !== undefined) view.summary = f.summary;
  if (f.status?.name !== undefined) view.statusName = f.status.name;
  const cat = f.status?.statusCategory?.key;
  if (isCategory(cat)) view.statusCategory = cat;
  if (f.issuetype?.name !== undefined) view.issueTypeName = f.issuetype.name;
  if (f.labels !== undefined) view.labels = f.labels;
  if (f.parent?.key !== undefined) view.parentKey = f.parent.key;
  if (f.assignee?.accountId !== undefined) view.assigneeAccountId = f.assignee.accountId;
  if (typeof f.duedate === 'string') view.dueDate = f.duedate;
  if (f.timetracking?.originalEstimateSeconds !== undefined) view.originalEstimateSeconds = f.timetracking.originalEstimateSeconds;
  const spent = f.timetracking?.timeSpentSeconds ?? f.timespent ?? undefined;
  if (typeof spent === 'number') view.timeSpentSeconds = spent;
  if (f.created !== undefined) view.created = f.created;
  if (f.updated !== undefined) view.updated = f.updated;
  return view;
}
