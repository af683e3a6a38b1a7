// The one place use-case ports meet the real connectors (Jira/Confluence clients over Forge's
// requestJira/requestConfluence). Tests of use cases can pass fakes instead.
import { forgeConfluenceTransport, forgeJiraTransport } from '../connectors/atlassian/forge-transport';
import { createConfluenceClient, type ConfluenceClient } from '../connectors/confluence/client';
import { doc, paragraph, taskList, type AdfBlock } from '../connectors/jira/adf';
import { createJiraClient, type JiraClient } from '../connectors/jira/client';
import { readIssueFields } from '../connectors/jira/issue-fields';
import { formatJiraDuration, parsePlanLabels } from '../domain/task-plan';
import { UpstreamError } from '../shared/errors';
import type { DoneTaskSource } from './calibration';
import type { UserDirectory } from './services';
import type { DraftsPagePort } from './reports/drafts-page';
import type { SetupConfluence, SetupJira } from './service-setup';
import type { EpicProgress } from './task-set-view';
import type { IssueDraft, TaskSetJira } from './task-sets';

export interface AppDeps {
  jira: JiraClient;
  confluence: ConfluenceClient;
  users: UserDirectory & { list(): Promise<Array<{ accountId: string; displayName: string }>> };
  taskSetJira: TaskSetJira;
  setupJira: SetupJira;
  setupConfluence: SetupConfluence;
  reportDrafts: DraftsPagePort;
  progress: EpicProgress;
  doneTasks: DoneTaskSource;
}

let cached: AppDeps | undefined;

export function appDeps(): AppDeps {
  cached ??= buildDeps(createJiraClient({ transport: forgeJiraTransport('app') }), createConfluenceClient({ transport: forgeConfluenceTransport('app') }));
  return cached;
}

const jqlString = (s: string): string => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

function describe(d: IssueDraft): ReturnType<typeof doc> {
  const blocks: AdfBlock[] = d.description.split(/\n{2,}/).filter(Boolean).map((p) => paragraph(p));
  if (d.checklist && d.checklist.length > 0) blocks.push(taskList(d.checklist, (i) => `rt-${d.labels.at(-1) ?? 'x'}-${String(i)}`));
  return doc(...(blocks.length > 0 ? blocks : [paragraph(d.summary)]));
}

export function buildDeps(jira: JiraClient, confluence: ConfluenceClient): AppDeps {
  const issuesUnder: EpicProgress['issuesUnder'] = async (epicKey) => {
    const out: Awaited<ReturnType<EpicProgress['issuesUnder']>> = [];
    for await (const issue of jira.searchJql(`parent = ${jqlString(epicKey)}`, { fields: ['status', 'timetracking', 'timespent'], pageSize: 100 })) {
      const f = readIssueFields(issue);
      out.push({ key: issue.key, statusCategory: f.statusCategory ?? 'new', timeSpentSeconds: f.timeSpentSeconds ?? 0 });
    }
    return out;
  };
  return {
    jira,
    confluence,
    users: {
      async names(accountIds) {
        const users = accountIds.length > 0 ? await jira.getUsers(accountIds) : [];
        return new Map(users.filter((u) => u.active).map((u) => [u.accountId, u.displayName]));
      },
      async list() {
        const users = await jira.groupMembers('jira-software-users');
        return users.filter((u) => u.active && u.accountType === 'atlassian').map((u) => ({ accountId: u.accountId, displayName: u.displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName));
      },
    },
    taskSetJira: {
      async bulkCreate(drafts) {
        const res = await jira.bulkCreateIssues(
          drafts.map((d) => ({
            project: { key: d.projectKey },
            issueTypeId: d.issueTypeId,
            summary: d.summary,
            description: describe(d),
            labels: d.labels,
            ...(d.parentKey ? { parentKey: d.parentKey } : {}),
            ...(d.assigneeAccountId ? { assigneeAccountId: d.assigneeAccountId } : {}),
            ...(d.dueDate ? { dueDate: d.dueDate } : {}),
            ...(d.estimateHours ? { originalEstimate: formatJiraDuration(d.estimateHours) } : {}),
          })),
        );
        return { created: res.created.map((c) => ({ index: c.index, key: c.key })), failed: res.failed.map((f) => ({ index: f.index, message: f.messages.join('; ') })) };
      },
      async findByLabels(labels) {
        const out: Array<{ key: string; labels: string[] }> = [];
        for await (const issue of jira.searchJql(`labels in (${labels.map(jqlString).join(', ')})`, { fields: ['labels'], pageSize: 100 })) {
          out.push({ key: issue.key, labels: readIssueFields(issue).labels ?? [] });
        }
        return out;
      },
    },
    setupJira: {
      getProject: (keyOrId) => jira.getProject(keyOrId),
      createProject: (input) => jira.createProject({ ...input, projectTypeKey: 'software' }),
      getProjectProperty: (key, prop) => jira.getProjectProperty(key, prop),
      setProjectProperty: (key, prop, value) => jira.setProjectProperty(key, prop, value),
      async issueTypes(projectId) {
        const ids = await jira.findIssueTypeIds(projectId);
        if (!ids.epic || !ids.task) throw new UpstreamError('Jira', 200, `Project ${projectId} has no Epic or Task issue type`, { projectId });
        return { epic: ids.epic, task: ids.task };
      },
    },
    reportDrafts: {
      getPageByTitle: (spaceId, title) => confluence.getPageByTitle(spaceId, title),
      createPage: (input) => confluence.createPage({ ...input, status: 'current' }),
      setReadRestriction: (pageId, who) => confluence.setReadRestriction(pageId, who),
      myAccountId: async () => (await jira.getMyself()).accountId,
    },
    setupConfluence: {
      getSpaceByKey: (key) => confluence.getSpaceByKey(key),
      createSpace: (input) => confluence.createSpace(input),
      findPageByTitle: (spaceId, title) => confluence.getPageByTitle(spaceId, title),
      createPage: (input) => confluence.createPage({ ...input, status: 'current' }),
    },
    progress: { issuesUnder },
    doneTasks: {
      async *doneTasks(days) {
        for await (const issue of jira.searchJql(`labels = retainer AND statusCategory = Done AND resolved >= -${days}d`, { fields: ['labels', 'timetracking', 'timespent'], pageSize: 100 })) {
          const f = readIssueFields(issue);
          const templateId = parsePlanLabels(f.labels ?? []).templateId;
          if (!templateId || !f.originalEstimateSeconds) continue;
          yield { templateId, estimateHours: f.originalEstimateSeconds / 3600, loggedHours: (f.timeSpentSeconds ?? 0) / 3600, done: true };
        }
      },
    },
  };
}
