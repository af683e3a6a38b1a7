// The sales ports wired to the app's Jira and Confluence clients.
import { ProjectKeyTakenError } from '../../connectors/jira/errors';
import { UpstreamError } from '../../shared/errors';
import { appDeps } from '../deps';
import type { SalesDeps } from './ports';

export { ProjectKeyTakenError };

let cached: SalesDeps | undefined;

export function salesDeps(): SalesDeps {
  if (cached) return cached;
  const { jira, confluence } = appDeps();
  cached = {
    now: () => new Date(),
    jira: {
      getProject: async (key) => {
        const p = await jira.getProject(key);
        return p ? { id: p.id, key: p.key } : null;
      },
      createProject: (input) => jira.createProject({ ...input, projectTypeKey: 'software' }),
      taskTypeId: async (projectId) => {
        const ids = await jira.findIssueTypeIds(projectId);
        if (!ids.task) throw new UpstreamError('Jira', 200, `Project ${projectId} has no Task issue type`, { projectId });
        return ids.task;
      },
      findByLabel: async (label) => {
        for await (const issue of jira.searchJql(`labels = "${label.replace(/["\\]/g, '')}"`, { fields: ['labels'], pageSize: 1 })) return issue.key;
        return null;
      },
      createIssue: async (input) => (await jira.createIssue({ project: { key: input.projectKey }, issueTypeId: input.issueTypeId, summary: input.summary, description: input.description, labels: input.labels })).key,
      setLabels: (key, labels) => jira.editIssue(key, { labels }, { notifyUsers: false }),
      comment: async (key, body) => (await jira.addComment(key, body)).id,
    },
    confluence: {
      getSpaceByKey: async (key) => {
        const s = await confluence.getSpaceByKey(key);
        return s ? { id: s.id, key: s.key } : null;
      },
      createSpace: async (input) => {
        const s = await confluence.createSpace(input);
        return { id: s.id, key: s.key };
      },
      findPageByTitle: async (spaceId, title) => {
        const p = await confluence.getPageByTitle(spaceId, title);
        return p ? { id: p.id } : null;
      },
      createPage: async (input) => ({ id: (await confluence.createPage({ ...input, status: 'current' })).id }),
      updatePage: async (id, input) => {
        await confluence.updatePage(id, { ...input, versionMessage: 'Retainer: data changed' });
      },
      uploadPdf: async (pageId, filename, bytes) => {
        await confluence.uploadAttachment(pageId, { filename, bytes, contentType: 'application/pdf' });
      },
    },
  };
  return cached;
}
