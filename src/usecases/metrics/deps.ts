// Ports of the metrics use cases and their production adapters: Forge's egress `fetch` for the
// connectors and the Jira client for reconnect alerts. Tests of the use cases can pass fakes.
import { fetch } from '@forge/api';
import { forgeJiraTransport } from '../../connectors/atlassian/forge-transport';
import { doc, paragraph } from '../../connectors/jira/adf';
import { createJiraClient, type JiraClient } from '../../connectors/jira/client';
import type { HttpFetch } from '../../connectors/metrics/types';

/** What the reconnect alerts need from Jira. */
export interface AlertJira {
  /** An issue already carrying the marker label (a crashed run's), or null. */
  findByLabel(label: string): Promise<string | null>;
  createIssue(input: { projectKey: string; issueTypeId: string; summary: string; paragraphs: string[]; labels: string[]; assigneeAccountId: string | null }): Promise<string>;
  /** Comments and moves the issue to Done (a no-op when it is done already). */
  close(issueKey: string, comment: string): Promise<void>;
  /** Sends Jira's notification e-mail about the issue to these people (best effort). */
  notify(issueKey: string, accountIds: string[], subject: string, text: string): Promise<void>;
}

export interface MetricsDeps {
  http: HttpFetch;
  jira: AlertJira;
  now: () => Date;
}

let cached: MetricsDeps | undefined;

export function metricsDeps(): MetricsDeps {
  cached ??= { http: forgeHttp, jira: jiraAlerts(createJiraClient({ transport: forgeJiraTransport('app') })), now: () => new Date() };
  return cached;
}

// On the nodejs22.x runtime @forge/api's fetch is the platform's WHATWG fetch behind the egress
// allowlist; its declared Response type is an older copy of the same interface.
const forgeHttp: HttpFetch = (url, init) => fetch(url, init) as unknown as Promise<Response>;

const jqlString = (s: string): string => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

export function jiraAlerts(jira: JiraClient): AlertJira {
  return {
    async findByLabel(label) {
      for await (const issue of jira.searchJql(`labels = ${jqlString(label)}`, { fields: ['summary'], pageSize: 10 })) return issue.key;
      return null;
    },
    async createIssue(input) {
      const created = await jira.createIssue({
        project: { key: input.projectKey },
        issueTypeId: input.issueTypeId,
        summary: input.summary,
        description: doc(...input.paragraphs.map((p) => paragraph(p))),
        labels: input.labels,
        ...(input.assigneeAccountId ? { assigneeAccountId: input.assigneeAccountId } : {}),
      });
      return created.key;
    },
    async close(issueKey, comment) {
      await jira.addComment(issueKey, doc(paragraph(comment)));
      await jira.transitionIssue(issueKey, 'done');
    },
    async notify(issueKey, accountIds, subject, text) {
      if (accountIds.length === 0) return;
      await jira.notify(issueKey, { subject, textBody: text, to: { users: accountIds } });
    },
  };
}
