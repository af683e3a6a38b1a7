// Jira response factories for tests: realistic defaults, override what the test is about.
import type { FakeReply } from '../../atlassian/testing/fake-transport';

let seq = 0;
const next = (): number => ++seq;

/** A Jira IssueBean as search/jql and GET /issue return it. */
export function generateIssue(overrides: { id?: string; key?: string; fields?: Record<string, unknown>; properties?: Record<string, unknown> } = {}): {
  id: string;
  key: string;
  self: string;
  fields: Record<string, unknown>;
  properties?: Record<string, unknown>;
} {
  const n = next();
  const id = overrides.id ?? String(10_000 + n);
  const key = overrides.key ?? `AG-${n}`;
  const issue: { id: string; key: string; self: string; fields: Record<string, unknown>; properties?: Record<string, unknown> } = {
    id,
    key,
    self: `https://example.atlassian.net/rest/api/3/issue/${id}`,
    fields: {
      summary: `Task ${n}`,
      status: { id: '10000', name: 'To Do', statusCategory: { id: 2, key: 'new', name: 'To Do' } },
      issuetype: { id: '10001', name: 'Task', subtask: false, hierarchyLevel: 0 },
      labels: [],
      created: '2026-03-01T09:00:00.000+0000',
      updated: '2026-03-01T09:00:00.000+0000',
      ...overrides.fields,
    },
  };
  if (overrides.properties) issue.properties = overrides.properties;
  return issue;
}

export function generateUser(overrides: Partial<{ accountId: string; accountType: string; displayName: string; emailAddress: string | null; active: boolean; timeZone: string }> = {}): Record<string, unknown> {
  const n = next();
  return {
    accountId: `5b10a2844c2016570000${String(n).padStart(4, '0')}`,
    accountType: 'atlassian',
    displayName: `User ${n}`,
    emailAddress: null,
    active: true,
    timeZone: 'Europe/Kyiv',
    ...overrides,
  };
}

export function generateProject(overrides: Partial<{ id: string; key: string; name: string; projectTypeKey: string; simplified: boolean; lead: { accountId: string } }> = {}): Record<string, unknown> {
  const n = next();
  return { id: String(10_000 + n), key: `P${n}`, name: `Project ${n}`, projectTypeKey: 'business', simplified: false, ...overrides };
}

export function generateWorklog(overrides: Partial<{ id: string; issueId: string; started: string; timeSpentSeconds: number; author: { accountId: string }; updated: string }> = {}): Record<string, unknown> {
  const n = next();
  return {
    id: String(20_000 + n),
    issueId: String(10_000 + n),
    author: { accountId: '5b10a2844c20165700ede21g' },
    started: '2026-03-02T09:00:00.000+0000',
    timeSpent: '1h',
    timeSpentSeconds: 3600,
    created: '2026-03-02T10:00:00.000+0000',
    updated: '2026-03-02T10:00:00.000+0000',
    ...overrides,
  };
}

/** Issue types of a company-managed business project. */
export function generateIssueTypes(): Array<Record<string, unknown>> {
  return [
    { id: '10000', name: 'Epic', subtask: false, hierarchyLevel: 1 },
    { id: '10001', name: 'Task', subtask: false, hierarchyLevel: 0 },
    { id: '10002', name: 'Sub-task', subtask: true, hierarchyLevel: -1 },
  ];
}

/** A Jira ErrorCollection reply. */
export function jiraError(status: number, errorMessages: string[] = [], errors: Record<string, string> = {}): FakeReply {
  return { status, json: { errorMessages, errors } };
}
