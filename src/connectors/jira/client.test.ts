import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimitedError, ValidationError } from '../../shared/errors';
import { InvalidResponseError, NotFoundOrForbiddenError } from '../atlassian/errors';
import { collect } from '../atlassian/paging';
import { fakeTransport, instantRetry, type FakeRoute } from '../atlassian/testing/fake-transport';
import { doc, paragraph } from './adf';
import { createJiraClient, pickIssueTypeIds } from './client';
import { NoTransitionError, ProjectKeyTakenError } from './errors';
import { readIssueFields } from './issue-fields';
import { generateIssue, generateIssueTypes, generateProject, generateUser, generateWorklog, jiraError } from './testing/factories';
import type { IssueInput } from './types';

function setup(routes: FakeRoute[]) {
  const transport = fakeTransport(routes);
  const metered: string[] = [];
  const jira = createJiraClient({ transport, retry: instantRetry(), onCall: (m, p, s) => metered.push(`${m} ${p.split('?')[0]} ${s}`) });
  return { jira, transport, metered };
}

const task = (i: number): IssueInput => ({ project: { key: 'AG' }, issueTypeId: '10001', summary: `Task ${i}`, labels: [`rt-${i}`] });

describe('JiraClient projects', () => {
  test('should return null when the project is missing', async () => {
    const { jira } = setup([{ match: 'GET /rest/api/3/project/NOPE', respond: jiraError(404, ["No project could be found with key 'NOPE'."]) }]);
    assert.equal(await jira.getProject('NOPE'), null);
  });

  test('should map the lead and ids when the project exists', async () => {
    const { jira } = setup([{ match: 'GET /rest/api/3/project/AG', respond: { json: generateProject({ id: '10010', key: 'AG', name: 'Acme', lead: { accountId: 'lead-1' } }) } }]);
    assert.deepEqual(await jira.getProject('AG'), { id: '10010', key: 'AG', name: 'Acme', projectTypeKey: 'business', simplified: false, leadAccountId: 'lead-1' });
  });

  test('should turn a numeric project id into a string when creating', async () => {
    const { jira, transport } = setup([{ match: 'POST /rest/api/3/project', respond: { status: 201, json: { id: 10010, key: 'AG', self: 'x' } } }]);
    assert.deepEqual(await jira.createProject({ key: 'AG', name: 'Acme SEO', leadAccountId: 'lead-1', projectTypeKey: 'business', description: 'd' }), { id: '10010', key: 'AG' });
    assert.deepEqual(transport.calls[0]?.json, { key: 'AG', name: 'Acme SEO', leadAccountId: 'lead-1', projectTypeKey: 'business', description: 'd' });
  });

  test('should throw ProjectKeyTakenError when Jira says the key is in use', async () => {
    const { jira } = setup([{ match: 'POST /rest/api/3/project', respond: jiraError(400, [], { projectKey: "Project 'Acme' uses this project key." }) }]);
    await assert.rejects(jira.createProject({ key: 'AG', name: 'X', leadAccountId: 'l', projectTypeKey: 'business' }), (e: unknown) => e instanceof ProjectKeyTakenError && e.key === 'AG');
  });

  test('should look the key up when the wording is not conclusive', async () => {
    const { jira } = setup([
      { match: 'POST /rest/api/3/project', respond: jiraError(400, [], { projectKey: 'Ключ проекту недійсний' }) },
      { match: 'GET /rest/api/3/project/AG', respond: { json: generateProject({ key: 'AG' }) } },
    ]);
    await assert.rejects(jira.createProject({ key: 'AG', name: 'X', leadAccountId: 'l', projectTypeKey: 'business' }), ProjectKeyTakenError);
  });

  test('should keep ValidationError when the key is invalid and unused', async () => {
    const { jira } = setup([
      { match: 'POST /rest/api/3/project', respond: jiraError(400, [], { projectKey: 'Project keys must start with an uppercase letter' }) },
      { match: 'GET /rest/api/3/project/ag1', respond: jiraError(404) },
    ]);
    await assert.rejects(jira.createProject({ key: 'ag1', name: 'X', leadAccountId: 'l', projectTypeKey: 'business' }), (e: unknown) => e instanceof ValidationError && e.fields?.['projectKey'] !== undefined);
  });

  test('should find Epic and Task ids by hierarchy level', async () => {
    const { jira } = setup([{ match: 'GET /rest/api/3/issue/createmeta/AG/issuetypes', respond: { json: { issueTypes: generateIssueTypes(), startAt: 0, maxResults: 200, total: 3 } } }]);
    assert.deepEqual(await jira.findIssueTypeIds('AG'), { epic: '10000', task: '10001', subtask: '10002' });
  });

  test('should find localized types by level when names differ', () => {
    const ids = pickIssueTypeIds([
      { id: '1', name: 'Ошибка', subtask: false, hierarchyLevel: 0 },
      { id: '2', name: 'Задача', subtask: false, hierarchyLevel: 0 },
      { id: '3', name: 'Эпик', subtask: false, hierarchyLevel: 1 },
    ]);
    assert.deepEqual(ids, { epic: '3', task: '2' });
  });
});

describe('JiraClient issues', () => {
  test('should refuse more than 50 issues before calling Jira', async () => {
    const { jira, transport } = setup([]);
    await assert.rejects(jira.bulkCreateIssues(Array.from({ length: 51 }, (_, i) => task(i))), ValidationError);
    assert.equal(transport.calls.length, 0);
  });

  test('should map partial bulk success back to input positions', async () => {
    const { jira, transport } = setup([
      {
        match: 'POST /rest/api/3/issue/bulk',
        respond: {
          status: 201,
          json: {
            issues: [{ id: '1', key: 'AG-1', self: 'x' }, { id: '3', key: 'AG-3', self: 'x' }],
            errors: [{ status: 400, failedElementNumber: 1, elementErrors: { errorMessages: [], errors: { issuetype: 'Specify a valid issue type' } } }],
          },
        },
      },
    ]);
    const res = await jira.bulkCreateIssues([task(0), task(1), task(2)]);
    assert.deepEqual(res.created, [{ id: '1', key: 'AG-1', index: 0 }, { id: '3', key: 'AG-3', index: 2 }]);
    assert.deepEqual(res.failed, [{ index: 1, messages: ['issuetype: Specify a valid issue type'] }]);
    const sent = transport.calls[0]?.json as { issueUpdates: Array<{ fields: Record<string, unknown> }> };
    assert.deepEqual(sent.issueUpdates[0]?.fields, { project: { key: 'AG' }, issuetype: { id: '10001' }, summary: 'Task 0', labels: ['rt-0'] });
  });

  test('should report every element when all of a bulk create fails with 400', async () => {
    const errors = [0, 1].map((i) => ({ status: 400, failedElementNumber: i, elementErrors: { errorMessages: ['nope'], errors: {} } }));
    const { jira } = setup([{ match: 'POST /rest/api/3/issue/bulk', respond: { status: 400, json: { issues: [], errors } } }]);
    const res = await jira.bulkCreateIssues([task(0), task(1)]);
    assert.deepEqual(res, { created: [], failed: [{ index: 0, messages: ['nope'] }, { index: 1, messages: ['nope'] }] });
  });

  test('should throw ValidationError when bulk create is rejected as a whole', async () => {
    const { jira } = setup([{ match: 'POST /rest/api/3/issue/bulk', respond: jiraError(400, ['Too many issues']) }]);
    await assert.rejects(jira.bulkCreateIssues([task(0)]), ValidationError);
  });

  test('should send parent, assignee, estimate and ADF description when creating one issue', async () => {
    const { jira, transport } = setup([{ match: 'POST /rest/api/3/issue', respond: { status: 201, json: { id: '5', key: 'AG-5', self: 'x' } } }]);
    const description = doc(paragraph('Hello *not bold*'));
    await jira.createIssue({ ...task(5), parentKey: 'AG-1', assigneeAccountId: null, originalEstimate: '2h 30m', description, properties: [{ key: 'retainer.item', value: { id: 'x' } }] });
    const sent = transport.calls[0]?.json as { fields: Record<string, unknown>; properties: unknown };
    assert.deepEqual(sent.fields['parent'], { key: 'AG-1' });
    assert.equal(sent.fields['assignee'], null);
    assert.deepEqual(sent.fields['timetracking'], { originalEstimate: '2h 30m' });
    assert.deepEqual(sent.fields['description'], description);
    assert.deepEqual(sent.properties, [{ key: 'retainer.item', value: { id: 'x' } }]);
  });

  test('should return null when the issue is not visible, and reject path tricks', async () => {
    const { jira } = setup([{ match: 'GET /rest/api/3/issue/AG-404', respond: jiraError(404, ['Issue does not exist or you do not have permission to see it.']) }]);
    assert.equal(await jira.getIssue('AG-404'), null);
    await assert.rejects(jira.getIssue('../../myself'), /path manipulation/);
  });

  test('should page search/jql by token and send fields and properties', async () => {
    const { jira, transport } = setup([
      { match: 'POST /rest/api/3/search/jql', times: 1, respond: { json: { issues: [generateIssue({ key: 'AG-1' }), generateIssue({ key: 'AG-2' })], nextPageToken: 'tok', isLast: false } } },
      { match: 'POST /rest/api/3/search/jql', respond: { json: { issues: [generateIssue({ key: 'AG-3', properties: { 'retainer.item': { id: 'i3' } } })], isLast: true } } },
    ]);
    const issues = await collect(jira.searchJql('project = AG AND labels = rt-1', { fields: ['summary', 'labels'], properties: ['retainer.item'] }));
    assert.deepEqual(issues.map((i) => i.key), ['AG-1', 'AG-2', 'AG-3']);
    assert.deepEqual(issues[2]?.properties, { 'retainer.item': { id: 'i3' } });
    assert.deepEqual(transport.calls.map((c) => (c.json as { nextPageToken?: string }).nextPageToken), [undefined, 'tok']);
    assert.deepEqual((transport.calls[0]?.json as { fields: string[] }).fields, ['summary', 'labels']);
  });

  test('should retry search after a 429 because it is a read-only POST', async () => {
    const { jira, metered } = setup([
      { match: 'POST /rest/api/3/search/jql', times: 1, respond: { status: 429, headers: { 'Retry-After': '1' } } },
      { match: 'POST /rest/api/3/search/jql', respond: { json: { issues: [], isLast: true } } },
    ]);
    assert.deepEqual(await collect(jira.searchJql('project = AG')), []);
    assert.deepEqual(metered, ['POST /rest/api/3/search/jql 429', 'POST /rest/api/3/search/jql 200']);
  });

  test('should throw InvalidResponseError when a body does not match the schema', async () => {
    const { jira } = setup([{ match: 'POST /rest/api/3/search/jql', respond: { json: { issues: [{ key: 'AG-1' }], isLast: true } } }]);
    await assert.rejects(collect(jira.searchJql('project = AG')), InvalidResponseError);
  });

  test('should read typed fields from a raw issue', () => {
    const issue = generateIssue({ fields: { labels: ['a'], parent: { key: 'AG-1' }, status: { name: 'Done', statusCategory: { key: 'done' } }, timetracking: { originalEstimateSeconds: 7200 } } });
    const view = readIssueFields({ fields: issue.fields });
    assert.equal(view.statusCategory, 'done');
    assert.equal(view.parentKey, 'AG-1');
    assert.equal(view.originalEstimateSeconds, 7200);
    assert.deepEqual(view.labels, ['a']);
  });
});

describe('JiraClient transitions', () => {
  test('should do nothing when the issue is already in the category', async () => {
    const { jira, transport } = setup([{ match: 'GET /rest/api/3/issue/AG-1', respond: { json: generateIssue({ key: 'AG-1', fields: { status: { name: 'Done', statusCategory: { key: 'done' } } } }) } }]);
    assert.deepEqual(await jira.transitionIssue('AG-1', 'done'), { changed: false });
    assert.equal(transport.calls.length, 1);
  });

  test('should pick the transition whose target is in the category', async () => {
    const { jira, transport } = setup([
      { match: 'GET /rest/api/3/issue/AG-1', respond: { json: generateIssue({ key: 'AG-1' }) } },
      {
        match: 'GET /rest/api/3/issue/AG-1/transitions',
        respond: { json: { transitions: [{ id: '21', name: 'Start', to: { statusCategory: { key: 'indeterminate' } } }, { id: '31', name: 'Done', to: { statusCategory: { key: 'done' } } }] } },
      },
      { match: 'POST /rest/api/3/issue/AG-1/transitions', respond: { status: 204 } },
    ]);
    assert.deepEqual(await jira.transitionIssue('AG-1', 'done'), { changed: true, transitionId: '31' });
    assert.deepEqual(transport.calls[2]?.json, { transition: { id: '31' } });
  });

  test('should throw NoTransitionError when the workflow has no way there', async () => {
    const { jira } = setup([
      { match: 'GET /rest/api/3/issue/AG-1', respond: { json: generateIssue({ key: 'AG-1' }) } },
      { match: 'GET /rest/api/3/issue/AG-1/transitions', respond: { json: { transitions: [] } } },
    ]);
    await assert.rejects(jira.transitionIssue('AG-1', 'done'), NoTransitionError);
  });

  test('should throw NotFoundOrForbiddenError when the issue is not visible', async () => {
    const { jira } = setup([{ match: 'GET /rest/api/3/issue/AG-9', respond: jiraError(404) }]);
    await assert.rejects(jira.transitionIssue('AG-9', 'done'), NotFoundOrForbiddenError);
  });
});

describe('JiraClient properties', () => {
  test('should return null when a project property is absent', async () => {
    const { jira } = setup([{ match: 'GET /rest/api/3/project/AG/properties/retainer.service', respond: jiraError(404, ['The property was not found']) }]);
    assert.equal(await jira.getProjectProperty('AG', 'retainer.service'), null);
  });

  test('should PUT the JSON value as the body', async () => {
    const { jira, transport } = setup([{ match: 'PUT /rest/api/3/issue/AG-1/properties/retainer.item', respond: { status: 201 } }]);
    await jira.setIssueProperty('AG-1', 'retainer.item', { id: 'x', n: 1 });
    assert.deepEqual(transport.calls[0]?.json, { id: 'x', n: 1 });
    assert.equal(transport.calls[0]?.headers['content-type'], 'application/json');
  });

  test('should refuse values over 32,768 characters before calling', async () => {
    const { jira, transport } = setup([]);
    await assert.rejects(jira.setProjectProperty('AG', 'k', { blob: 'x'.repeat(40_000) }), ValidationError);
    assert.equal(transport.calls.length, 0);
  });
});

describe('JiraClient worklogs', () => {
  test('should walk the updated feed with since = until and yield items', async () => {
    const { jira, transport } = setup([
      { match: 'GET /rest/api/3/worklog/updated', times: 1, respond: { json: { values: [{ worklogId: 1, updatedTime: 1000 }], since: 0, until: 1500, lastPage: false, nextPage: 'https://api.atlassian.com/ex/jira/x/rest/api/3/worklog/updated?since=1500' } } },
      { match: 'GET /rest/api/3/worklog/updated', respond: { json: { values: [{ worklogId: 2, updatedTime: 2000 }], since: 1500, until: 2500, lastPage: true } } },
    ]);
    assert.deepEqual(await collect(jira.worklogsUpdatedSince(0)), [{ worklogId: '1', updatedTime: 1000 }, { worklogId: '2', updatedTime: 2000 }]);
    assert.deepEqual(transport.calls.map((c) => c.query.get('since')), ['0', '1500']);
  });

  test('should fetch worklogs by numeric ids and refuse more than 1000', async () => {
    const { jira, transport } = setup([{ match: 'POST /rest/api/3/worklog/list', respond: { json: [generateWorklog({ id: '7', issueId: '100' })] } }]);
    const list = await jira.worklogsByIds(['7']);
    assert.equal(list[0]?.id, '7');
    assert.equal(list[0]?.timeSpentSeconds, 3600);
    assert.deepEqual(transport.calls[0]?.json, { ids: [7] });
    await assert.rejects(jira.worklogsByIds(Array.from({ length: 1001 }, (_, i) => String(i))), ValidationError);
  });

  test('should send started in Jira format when adding a worklog', async () => {
    const { jira, transport } = setup([{ match: 'POST /rest/api/3/issue/AG-1/worklog', respond: { status: 201, json: generateWorklog({ id: '9' }) } }]);
    await jira.addWorklog('AG-1', { started: new Date('2026-03-02T09:00:00Z'), timeSpentSeconds: 1800 });
    assert.equal((transport.calls[0]?.json as { started: string }).started, '2026-03-02T09:00:00.000+0000');
    assert.equal(transport.calls[0]?.query.get('adjustEstimate'), 'auto');
  });
});

describe('JiraClient users, notify, permissions', () => {
  test('should fetch users in one bulk call per chunk', async () => {
    const a = generateUser({ accountId: 'a' });
    const b = generateUser({ accountId: 'b', emailAddress: 'b@example.com' });
    const { jira, transport } = setup([{ match: 'GET /rest/api/3/user/bulk', respond: { json: { values: [a, b], startAt: 0, maxResults: 2, total: 2, isLast: true } } }]);
    const users = await jira.getUsers(['a', 'b', 'a']);
    assert.deepEqual(users.map((u) => [u.accountId, u.emailAddress]), [['a', null], ['b', 'b@example.com']]);
    assert.deepEqual(transport.calls[0]?.query.getAll('accountId'), ['a', 'b']);
  });

  test('should build the notification recipients', async () => {
    const { jira, transport } = setup([{ match: 'POST /rest/api/3/issue/AG-1/notify', respond: { status: 204 } }]);
    await jira.notify('AG-1', { subject: 'Report ready', textBody: 'See page', to: { users: ['u1'], assignee: true }, restrictToBrowsers: true });
    assert.deepEqual(transport.calls[0]?.json, {
      subject: 'Report ready',
      textBody: 'See page',
      to: { users: [{ accountId: 'u1' }], assignee: true },
      restrict: { permissions: [{ key: 'BROWSE' }] },
    });
  });

  test('should report missing permissions as false', async () => {
    const { jira, transport } = setup([
      { match: 'GET /rest/api/3/mypermissions', respond: { json: { permissions: { BROWSE_PROJECTS: { id: '10', key: 'BROWSE_PROJECTS', havePermission: true } } } } },
    ]);
    assert.deepEqual(await jira.getMyPermissions(['BROWSE_PROJECTS', 'EDIT_ISSUES'], { projectKey: 'AG' }), { BROWSE_PROJECTS: true, EDIT_ISSUES: false });
    assert.equal(transport.calls[0]?.query.get('permissions'), 'BROWSE_PROJECTS,EDIT_ISSUES');
    assert.equal(transport.calls[0]?.query.get('projectKey'), 'AG');
  });

  test('should surface RateLimitedError when Jira keeps answering 429', async () => {
    const { jira } = setup([{ match: 'GET /rest/api/3/myself', respond: { status: 429, headers: { 'Retry-After': '600' } } }]);
    await assert.rejects(jira.getMyself(), (e: unknown) => e instanceof RateLimitedError && e.retryAfterMs === 600_000);
  });
});
