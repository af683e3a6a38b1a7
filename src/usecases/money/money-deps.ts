// The money ports wired to the app's Jira and Confluence clients (as the app).
import { NotFoundOrForbiddenError } from '../../connectors/atlassian/errors';
import type { ConfluenceClient } from '../../connectors/confluence/client';
import type { JiraClient } from '../../connectors/jira/client';
import { readIssueFields } from '../../connectors/jira/issue-fields';
import { appDeps } from '../deps';
import type { MoneyConfluence, MoneyDeps, MoneyJira } from './ports';

const jqlString = (s: string): string => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

export function moneyJira(jira: JiraClient): MoneyJira {
  return {
    async createIssue(input) {
      const r = await jira.createIssue({
        project: { key: input.projectKey },
        issueTypeId: input.issueTypeId,
        summary: input.summary.slice(0, 255),
        description: input.description,
        labels: input.labels,
        ...(input.assigneeAccountId ? { assigneeAccountId: input.assigneeAccountId } : {}),
        ...(input.dueDate ? { dueDate: input.dueDate } : {}),
      });
      return { key: r.key };
    },
    async findByLabel(label) {
      for await (const issue of jira.searchJql(`labels = ${jqlString(label)}`, { fields: ['labels'], pageSize: 1 })) return issue.key;
      return null;
    },
    async addComment(issueKey, body) {
      await jira.addComment(issueKey, body);
    },
    async resolve(issueKey) {
      await jira.transitionIssue(issueKey, 'done');
    },
    worklogPages: (since) => jira.worklogUpdatedPages(since),
    deletedWorklogPages: (since) => jira.worklogDeletedPages(since),
    worklogsByIds: (ids) => jira.worklogsByIds(ids),
    async issueProjects(issueIds) {
      const out = new Map<string, string>();
      const ids = [...new Set(issueIds)].filter((id) => /^\d+$/.test(id));
      for (let i = 0; i < ids.length; i += 100) {
        const chunk = ids.slice(i, i + 100);
        for await (const issue of jira.searchJql(`id in (${chunk.join(', ')})`, { fields: ['project'], pageSize: 100 })) {
          const project = (issue.fields['project'] as { key?: unknown } | undefined)?.key;
          if (typeof project === 'string') out.set(issue.id, project);
        }
      }
      return out;
    },
    async doneIssueCount(projectKey, from, to) {
      let n = 0;
      const jql = `project = ${jqlString(projectKey)} AND statusCategory = Done AND resolved >= "${from}" AND resolved <= "${to} 23:59"`;
      for await (const issue of jira.searchJql(jql, { fields: ['status'], pageSize: 100 })) {
        if (readIssueFields(issue).statusCategory === 'done') n++;
      }
      return n;
    },
  };
}

export function moneyConfluence(confluence: ConfluenceClient): MoneyConfluence {
  return {
    async findPage(spaceId, title) {
      const p = await confluence.getPageByTitle(spaceId, title);
      return p ? { id: p.id } : null;
    },
    async createPage(input) {
      const p = await confluence.createPage({ ...input, status: 'current' });
      return { id: p.id };
    },
    async updatePage(pageId, input) {
      try {
        await confluence.updatePage(pageId, { title: input.title, storage: input.storage, versionMessage: 'Retainer' });
        return true;
      } catch (e) {
        if (e instanceof NotFoundOrForbiddenError) return false;
        throw e;
      }
    },
    async upload(pageId, file) {
      const a = await confluence.uploadAttachment(pageId, { ...file, minorEdit: true });
      return { id: a.id };
    },
  };
}

let cached: MoneyDeps | undefined;

export function moneyDeps(): MoneyDeps {
  cached ??= { jira: moneyJira(appDeps().jira), confluence: moneyConfluence(appDeps().confluence) };
  return cached;
}
