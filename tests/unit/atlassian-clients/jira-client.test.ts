// The Jira client against the emulated site: every request must pass the site's check against the
// pinned Jira OpenAPI spec, and the client must read every answer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlassianSite } from '../../../sandbox/atlassian/site';
import type { SiteUser } from '../../../sandbox/atlassian/site-context';
import { collect } from '../../../src/connectors/atlassian/paging';
import { instantRetry } from '../../../src/connectors/atlassian/testing/fake-transport';
import { doc, paragraph, taskList } from '../../../src/connectors/jira/adf';
import { createJiraClient, type JiraClient } from '../../../src/connectors/jira/client';
import { ProjectKeyTakenError } from '../../../src/connectors/jira/errors';
import { readIssueFields } from '../../../src/connectors/jira/issue-fields';
import { siteTransport } from './site-transport';

const MANAGER: SiteUser = { accountId: '5b10a2844c20165700ede21g', displayName: 'Olena Manager', accountType: 'atlassian', active: true, groups: ['jira-software-users', 'agency-staff'] };

describe('JiraClient against the emulated site', () => {
  let site: AtlassianSite;
  let jira: JiraClient;
  let clock = Date.parse('2026-03-02T09:00:00Z');

  before(async () => {
    site = await AtlassianSite.start({ now: () => new Date(clock) });
    site.seed({ users: [MANAGER] });
    jira = createJiraClient({ transport: siteTransport(site), retry: instantRetry() });
  });
  after(async () => {
    await site.close();
  });

  test('should act as the app user', async () => {
    const me = await jira.getMyself();
    assert.equal(me.accountType, 'app');
    const users = await jira.getUsers([MANAGER.accountId, 'nobody-here']);
    assert.deepEqual(users.map((u) => u.accountId), [MANAGER.accountId]);
    assert.equal(await jira.getUser('nobody-here'), null);
  });

  test('should create a project, find its issue types and refuse the key twice', async () => {
    assert.equal(await jira.getProject('ACMESEO'), null);
    const p = await jira.createProject({ key: 'ACMESEO', name: 'Acme — SEO', leadAccountId: MANAGER.accountId, projectTypeKey: 'business', description: 'Retainer service' });
    assert.equal(p.key, 'ACMESEO');
    assert.equal((await jira.getProject('ACMESEO'))?.id, p.id);
    const ids = await jira.findIssueTypeIds('ACMESEO');
    assert.ok(ids.epic && ids.task, JSON.stringify(ids));
    await assert.rejects(jira.createProject({ key: 'ACMESEO', name: 'Other', leadAccountId: MANAGER.accountId, projectTypeKey: 'business' }), ProjectKeyTakenError);
  });

  test('should create an epic, then tasks in bulk, and find them by label with properties', async () => {
    const { epic, task } = await jira.findIssueTypeIds('ACMESEO');
    assert.ok(epic && task);
    const e = await jira.createIssue({ project: { key: 'ACMESEO' }, issueTypeId: epic, summary: 'March 2026', labels: ['rt-epic-1'] });
    const inputs = [0, 1, 2].map((i) => ({
      project: { key: 'ACMESEO' },
      issueTypeId: i === 1 ? '999999' : task,
      summary: `Task <${i}> & "quotes"`,
      parentKey: e.key,
      labels: ['rt-month-1', `rt-item-${i}`],
      description: doc(paragraph('Checklist:'), taskList(['audit', 'report'], (n) => `rt-${i}-${n}`)),
      originalEstimate: '2h 30m',
      properties: [{ key: 'retainer.item', value: { index: i } }],
    }));
    const res = await jira.bulkCreateIssues(inputs);
    assert.deepEqual(res.created.map((c) => c.index), [0, 2]);
    assert.deepEqual(res.failed.map((f) => f.index), [1]);
    const found = await collect(jira.searchJql('project = ACMESEO AND labels = rt-month-1 ORDER BY key', { fields: ['summary', 'parent', 'labels', 'status', 'timetracking'], properties: ['retainer.item'] }));
    assert.deepEqual(found.map((i) => i.key).sort(), res.created.map((c) => c.key).sort());
    const first = found.find((i) => i.key === res.created[0]?.key);
    assert.ok(first);
    const view = readIssueFields(first);
    assert.equal(view.parentKey, e.key);
    assert.equal(view.summary, 'Task <0> & "quotes"');
    assert.deepEqual(first.properties['retainer.item'], { index: 0 });
  });

  test('should page search results by token when there are more than a page', async () => {
    const { task } = await jira.findIssueTypeIds('ACMESEO');
    assert.ok(task);
    const many = Array.from({ length: 30 }, (_, i) => ({ project: { key: 'ACMESEO' }, issueTypeId: task, summary: `Bulk ${i}`, labels: ['rt-many'] }));
    const res = await jira.bulkCreateIssues(many);
    assert.equal(res.created.length, 30);
    const all = await collect(jira.searchJql('project = ACMESEO AND labels = rt-many', { fields: ['summary'], pageSize: 7 }));
    assert.equal(all.length, 30);
    assert.equal(new Set(all.map((i) => i.key)).size, 30);
  });

  test('should store properties and transition issues idempotently', async () => {
    await jira.setProjectProperty('ACMESEO', 'retainer.service', { serviceId: 's-1' });
    assert.deepEqual(await jira.getProjectProperty('ACMESEO', 'retainer.service'), { serviceId: 's-1' });
    assert.equal(await jira.getProjectProperty('ACMESEO', 'missing'), null);
    const [issue] = await collect(jira.searchJql('project = ACMESEO AND labels = rt-item-0'), 1);
    assert.ok(issue);
    await jira.setIssueProperty(issue.key, 'retainer.done', true);
    assert.equal(await jira.getIssueProperty(issue.key, 'retainer.done'), true);
    const moved = await jira.transitionIssue(issue.key, 'done');
    assert.equal(moved.changed, true);
    assert.deepEqual(await jira.transitionIssue(issue.key, 'done'), { changed: false });
    await jira.editIssue(issue.key, { summary: 'Renamed', labels: ['rt-item-0', 'edited'] });
    assert.equal(readIssueFields((await jira.getIssue(issue.key, { fields: ['summary'] })) ?? { fields: {} }).summary, 'Renamed');
  });

  test('should add worklogs and read them back through the updated-since feed', async () => {
    const [issue] = await collect(jira.searchJql('project = ACMESEO AND labels = rt-item-2'), 1);
    assert.ok(issue);
    const since = clock;
    const w = await jira.addWorklog(issue.key, { started: new Date('2026-03-02T08:00:00Z'), timeSpentSeconds: 5400, comment: doc(paragraph('Keyword research')) });
    assert.equal(w.timeSpentSeconds, 5400);
    clock += 5 * 60_000; // the feed leaves out the last minute
    const pages = await collect(jira.worklogUpdatedPages(since - 1));
    const changed = pages.flatMap((p) => p.values);
    assert.ok(changed.some((c) => c.worklogId === w.id), JSON.stringify(changed));
    assert.ok((pages.at(-1)?.until ?? 0) >= since);
    const full = await jira.worklogsByIds(changed.map((c) => c.worklogId));
    assert.equal(full.find((x) => x.id === w.id)?.issueId, issue.id);
    await jira.addComment(issue.key, doc(paragraph('Report published')));
  });

  test('should check permissions and notify', async () => {
    const granted = await jira.getMyPermissions(['BROWSE_PROJECTS', 'CREATE_ISSUES'], { projectKey: 'ACMESEO' });
    assert.equal(granted['BROWSE_PROJECTS'], true);
    const [issue] = await collect(jira.searchJql('project = ACMESEO AND labels = rt-item-2'), 1);
    assert.ok(issue);
    await jira.notify(issue.key, { subject: 'Report ready', textBody: 'See Confluence', to: { users: [MANAGER.accountId] } });
  });

  test('should ride out an injected 429 with Retry-After', async () => {
    site.faults.force((m, p) => m === 'GET' && p === '/rest/api/3/myself', { kind: 'rate-limit', delayMs: 0, retryAfterSeconds: 2 }, 2);
    const me = await jira.getMyself();
    assert.equal(me.accountType, 'app');
  });

  test('should have sent only requests the Jira spec accepts', () => {
    const bad = site.requestViolations().map((e) => `${e.method} ${e.path}: ${e.specViolations?.join('; ')}`);
    assert.deepEqual(bad, []);
    assert.deepEqual(site.responseViolations().map((e) => `${e.method} ${e.path}`), []);
  });
});
