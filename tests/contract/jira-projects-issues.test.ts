// Contract tests of the emulated Jira: projects, issue types, issues (create, bulk, read, edit,
// delete), transitions, comments, notify and properties — over real HTTP, every response spec-checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adf, createIssue, createProject, PEOPLE, setupSite, type TestSite } from '../../sandbox/atlassian/test-kit';

interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

let t: TestSite;

before(async () => {
  t = await setupSite();
  await createProject(t, 'AG', { name: 'Agency Ops' });
});

after(async () => {
  await t.close();
  assert.deepEqual(
    t.responseViolations().map((e) => `${e.method} ${e.path}: ${e.specViolations?.join('; ')}`),
    [],
    'every emulator response must be valid against the official spec',
  );
});

describe('projects', () => {
  test('create returns a numeric id, key and self; GET by key and id agree', async () => {
    const created = await createProject(t, 'ACME1', { name: 'Acme SEO' });
    assert.equal(typeof created.id, 'number');
    const byKey = await t.call<{ id: string; key: string; name: string; lead: { accountId: string }; issueTypes: Array<{ name: string }> }>('GET', '/rest/api/3/project/ACME1');
    assert.equal(byKey.status, 200);
    assert.equal(byKey.json.id, String(created.id));
    assert.equal(byKey.json.lead.accountId, PEOPLE.manager.accountId);
    assert.deepEqual(byKey.json.issueTypes.map((x) => x.name).sort(), ['Epic', 'Subtask', 'Task']);
    const byId = await t.call<{ key: string }>('GET', `/rest/api/3/project/${created.id}`);
    assert.equal(byId.json.key, 'ACME1');
  });

  test('duplicate key → 400 errors.projectKey; duplicate name → errors.projectName', async () => {
    const dup = await t.call<ErrorCollection>('POST', '/rest/api/3/project', { body: { key: 'AG', name: 'Other', leadAccountId: PEOPLE.manager.accountId, projectTypeKey: 'software' } });
    assert.equal(dup.status, 400);
    assert.match(dup.json.errors.projectKey ?? '', /uses this project key/);
    assert.deepEqual(dup.json.errorMessages, []);
    const dupName = await t.call<ErrorCollection>('POST', '/rest/api/3/project', { body: { key: 'AGX', name: 'agency ops', leadAccountId: PEOPLE.manager.accountId, projectTypeKey: 'software' } });
    assert.equal(dupName.status, 400);
    assert.ok(dupName.json.errors.projectName);
  });

  test('key rules, lead required, type or template required', async () => {
    for (const key of ['ag', '1AB', 'A', 'ABCDEFGHIJK', 'AB-C']) {
      const r = await t.call<ErrorCollection>('POST', '/rest/api/3/project', { body: { key, name: `N ${key}`, leadAccountId: PEOPLE.manager.accountId, projectTypeKey: 'software' } });
      assert.equal(r.status, 400, key);
      assert.ok(r.json.errors.projectKey, key);
    }
    const noLead = await t.call<ErrorCollection>('POST', '/rest/api/3/project', { body: { key: 'NOLEAD', name: 'No lead', projectTypeKey: 'business' } });
    assert.equal(noLead.status, 400);
    assert.ok(noLead.json.errors.projectLead);
    const guestLead = await t.call<ErrorCollection>('POST', '/rest/api/3/project', { body: { key: 'GLEAD', name: 'Guest lead', leadAccountId: PEOPLE.guest.accountId, projectTypeKey: 'business' } });
    assert.ok(guestLead.json.errors.projectLead);
    const noType = await t.call<ErrorCollection>('POST', '/rest/api/3/project', { body: { key: 'NOTYPE', name: 'No type', leadAccountId: PEOPLE.manager.accountId } });
    assert.ok(noType.json.errors.projectType);
  });

  test('template must match the type; the spec enum is enforced on the request', async () => {
    const mismatch = await t.call<ErrorCollection>('POST', '/rest/api/3/project', {
      body: { key: 'MIS', name: 'Mismatch', leadAccountId: PEOPLE.manager.accountId, projectTypeKey: 'business', projectTemplateKey: 'com.pyxis.greenhopper.jira:gh-simplified-kanban-classic' },
    });
    assert.equal(mismatch.status, 400);
    assert.ok(mismatch.json.errors.projectTemplateKey);
    const bogus = await t.call<ErrorCollection>('POST', '/rest/api/3/project', {
      body: { key: 'BOG', name: 'Bogus', leadAccountId: PEOPLE.manager.accountId, projectTemplateKey: 'com.example:nope' },
    });
    assert.equal(bogus.status, 400, 'a template outside the spec enum is rejected by request validation');
    // The business task-tracking template is cut off in the published enum; the emulator knows the full key.
    const ok = await t.call('POST', '/rest/api/3/project', {
      body: { key: 'BIZ', name: 'Business', leadAccountId: PEOPLE.manager.accountId, projectTemplateKey: 'com.atlassian.jira-core-project-templates:jira-core-simplified-task-tracking' },
    });
    assert.equal(ok.status, 201);
  });

  test('only Jira admins (and the app) create projects', async () => {
    const r = await t.call<ErrorCollection>('POST', '/rest/api/3/project', { as: 'manager', body: { key: 'MGR', name: 'Mgr', leadAccountId: PEOPLE.manager.accountId, projectTypeKey: 'software' } });
    assert.equal(r.status, 403);
    const admin = await t.call('POST', '/rest/api/3/project', { as: 'admin', body: { key: 'ADM', name: 'Adm', leadAccountId: PEOPLE.manager.accountId, projectTypeKey: 'software' } });
    assert.equal(admin.status, 201);
  });

  test('project search pages by offset and filters by keys/query', async () => {
    const page1 = await t.call<{ values: Array<{ key: string }>; isLast: boolean; total: number; nextPage?: string; maxResults: number }>('GET', '/rest/api/3/project/search?maxResults=2&orderBy=key');
    assert.equal(page1.status, 200);
    assert.equal(page1.json.values.length, 2);
    assert.equal(page1.json.isLast, false);
    assert.ok(page1.json.nextPage?.includes('startAt=2'));
    const keys = await t.call<{ values: Array<{ key: string }> }>('GET', '/rest/api/3/project/search?keys=AG&keys=BIZ');
    assert.deepEqual(keys.json.values.map((p) => p.key), ['AG', 'BIZ']);
    const q = await t.call<{ values: Array<{ key: string }> }>('GET', '/rest/api/3/project/search?query=agency');
    assert.deepEqual(q.json.values.map((p) => p.key), ['AG']);
    const tooMany = await t.call('GET', '/rest/api/3/project/search?maxResults=500');
    assert.equal(tooMany.status, 400, 'the spec caps maxResults at 100');
  });

  test('team-managed (agility) projects get their own issue type ids', async () => {
    const p = await createProject(t, 'TEAM', { template: 'com.pyxis.greenhopper.jira:gh-simplified-agility-kanban' });
    const types = await t.call<Array<{ id: string; name: string; scope?: { type: string } }>>('GET', `/rest/api/3/issuetype/project?projectId=${p.id}`);
    assert.equal(types.status, 200);
    assert.deepEqual(types.json.map((x) => x.name).sort(), ['Epic', 'Subtask', 'Task']);
    assert.ok(types.json.every((x) => x.scope?.type === 'PROJECT'));
    const classic = await t.call<Array<{ id: string; name: string }>>('GET', `/rest/api/3/issuetype/project?projectId=${(await t.call<{ id: string }>('GET', '/rest/api/3/project/AG')).json.id}`);
    assert.notDeepEqual(types.json.map((x) => x.id).sort(), classic.json.map((x) => x.id).sort());
    const meta = await t.call<{ issueTypes: Array<{ name: string }>; total: number }>('GET', '/rest/api/3/issue/createmeta/TEAM/issuetypes');
    assert.equal(meta.status, 200);
    assert.equal(meta.json.total, 3);
  });

  test('project properties: 201 then 200, read, list, delete, limits', async () => {
    const first = await t.call('PUT', '/rest/api/3/project/AG/properties/retainer.config', { body: { v: 1 } });
    assert.equal(first.status, 201);
    const second = await t.call('PUT', '/rest/api/3/project/AG/properties/retainer.config', { body: { v: 2 } });
    assert.equal(second.status, 200);
    const got = await t.call<{ key: string; value: unknown }>('GET', '/rest/api/3/project/AG/properties/retainer.config');
    assert.deepEqual(got.json, { key: 'retainer.config', value: { v: 2 } });
    const keys = await t.call<{ keys: Array<{ key: string }> }>('GET', '/rest/api/3/project/AG/properties');
    assert.deepEqual(keys.json.keys.map((k) => k.key), ['retainer.config']);
    const tooBig = await t.call('PUT', '/rest/api/3/project/AG/properties/big', { body: 'x'.repeat(32_767) });
    assert.equal(tooBig.status, 400);
    const member = await t.call('PUT', '/rest/api/3/project/AG/properties/x', { as: 'specialist', body: 1 });
    assert.equal(member.status, 403);
    const lead = await t.call('PUT', '/rest/api/3/project/AG/properties/x', { as: 'manager', body: 1 });
    assert.equal(lead.status, 201, 'the project lead administers the project');
    assert.equal((await t.call('DELETE', '/rest/api/3/project/AG/properties/x')).status, 204);
    assert.equal((await t.call('GET', '/rest/api/3/project/AG/properties/x')).status, 404);
  });
});

describe('issues', () => {
  test('create an epic and a task under it; keys are sequential; GET renders the fields', async () => {
    const epic = await createIssue(t, { project: { key: 'AG' }, issuetype: { name: 'Epic' }, summary: 'November 2026', labels: ['retainer'] });
    assert.match(epic.key, /^AG-\d+$/);
    const task = await createIssue(t, {
      project: { key: 'AG' },
      issuetype: { name: 'Task' },
      summary: 'Monthly report',
      description: adf('Collect metrics'),
      parent: { key: epic.key },
      labels: ['retainer', 'report'],
      duedate: '2026-11-10',
      assignee: { accountId: PEOPLE.specialist.accountId },
      timetracking: { originalEstimate: '3h 30m' },
      priority: { name: 'High' },
    });
    const n = (k: string): number => Number(k.split('-')[1]);
    assert.equal(n(task.key), n(epic.key) + 1);
    assert.match(task.id, /^\d+$/);
    const got = await t.call<{ key: string; fields: Record<string, unknown> }>('GET', `/rest/api/3/issue/${task.key}`);
    assert.equal(got.status, 200);
    const f = got.json.fields as {
      summary: string;
      parent: { key: string };
      timetracking: { originalEstimate: string; originalEstimateSeconds: number; remainingEstimateSeconds: number };
      status: { statusCategory: { key: string } };
      assignee: { accountId: string };
      priority: { name: string };
      created: string;
      duedate: string;
      reporter: { accountId: string };
    };
    assert.equal(f.summary, 'Monthly report');
    assert.equal(f.parent.key, epic.key);
    assert.equal(f.timetracking.originalEstimate, '3h 30m');
    assert.equal(f.timetracking.originalEstimateSeconds, 12_600);
    assert.equal(f.timetracking.remainingEstimateSeconds, 12_600);
    assert.equal(f.status.statusCategory.key, 'new');
    assert.equal(f.assignee.accountId, PEOPLE.specialist.accountId);
    assert.equal(f.priority.name, 'High');
    assert.equal(f.duedate, '2026-11-10');
    assert.match(f.created, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    assert.equal(f.reporter.accountId, '557058:retainer-app');
  });

  test('GET with fields and properties selects exactly what was asked', async () => {
    const i = await t.call<{ id: string; key: string }>('POST', '/rest/api/3/issue', {
      body: { fields: { project: { key: 'AG' }, issuetype: { name: 'Task' }, summary: 'With props' }, properties: [{ key: 'app.sourceRef', value: { ref: 'tpl-1' } }] },
    });
    const only = await t.call<{ fields: Record<string, unknown>; properties: Record<string, unknown> }>('GET', `/rest/api/3/issue/${i.json.key}?fields=summary,status&properties=app.sourceRef`);
    assert.deepEqual(Object.keys(only.json.fields).sort(), ['status', 'summary']);
    assert.deepEqual(only.json.properties, { 'app.sourceRef': { ref: 'tpl-1' } });
    const minus = await t.call<{ fields: Record<string, unknown> }>('GET', `/rest/api/3/issue/${i.json.key}?fields=-description`);
    assert.ok(!('description' in minus.json.fields));
    assert.ok('summary' in minus.json.fields);
    assert.ok(!('comment' in minus.json.fields), '-x starts from the navigable fields');
  });

  test('create validates fields with field-keyed errors', async () => {
    const bad = await t.call<ErrorCollection>('POST', '/rest/api/3/issue', {
      body: { fields: { project: { key: 'AG' }, issuetype: { name: 'Task' }, summary: 42, description: 'plain text', labels: ['has space'], duedate: '2026-13-01', assignee: { accountId: PEOPLE.guest.accountId }, customfield_10001: 'x' } },
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.json.errors).sort(), ['assignee', 'customfield_10001', 'description', 'duedate', 'labels', 'summary']);
    const noProject = await t.call<ErrorCollection>('POST', '/rest/api/3/issue', { body: { fields: { project: { key: 'NOPE' }, issuetype: { name: 'Task' }, summary: 's' } } });
    assert.equal(noProject.json.errors.project, 'Specify a valid project ID or key');
    const subtaskNoParent = await t.call<ErrorCollection>('POST', '/rest/api/3/issue', { body: { fields: { project: { key: 'AG' }, issuetype: { name: 'Subtask' }, summary: 's' } } });
    assert.ok(subtaskNoParent.json.errors.parent);
    const epicUnderEpic = await createIssue(t, { project: { key: 'AG' }, issuetype: { name: 'Epic' }, summary: 'E' });
    const wrongLevel = await t.call<ErrorCollection>('POST', '/rest/api/3/issue', { body: { fields: { project: { key: 'AG' }, issuetype: { name: 'Epic' }, summary: 's', parent: { key: epicUnderEpic.key } } } });
    assert.ok(wrongLevel.json.errors.parent);
    const notJson = await t.call('POST', '/rest/api/3/issue', { rawBody: '{"fields":', headers: { 'content-type': 'application/json' } });
    assert.equal(notJson.status, 400);
  });

  test('bulk create: 51 inputs → 400; partial failure → 201 with failedElementNumber; all failed → 400 same shape', async () => {
    const good = (s: string): unknown => ({ fields: { project: { key: 'AG' }, issuetype: { name: 'Task' }, summary: s } });
    const before = t.site.jira.issueCount();
    const tooMany = await t.call<{ issues: unknown[]; errors: Array<{ elementErrors: ErrorCollection }> }>('POST', '/rest/api/3/issue/bulk', {
      body: { issueUpdates: Array.from({ length: 51 }, (_, i) => good(`t${i}`)) },
    });
    assert.equal(tooMany.status, 400);
    assert.deepEqual(tooMany.json.issues, []);
    assert.ok(tooMany.json.errors[0]?.elementErrors.errorMessages[0]?.includes('50'));
    assert.equal(t.site.jira.issueCount(), before, 'nothing is created when the batch is too large');
    const partial = await t.call<{ issues: Array<{ key: string }>; errors: Array<{ status: number; failedElementNumber: number; elementErrors: ErrorCollection }> }>(
      'POST',
      '/rest/api/3/issue/bulk',
      { body: { issueUpdates: [good('a'), { fields: { project: { key: 'AG' }, issuetype: { name: 'Task' }, summary: 12345 } }, good('c')] } },
    );
    assert.equal(partial.status, 201);
    assert.equal(partial.json.issues.length, 2);
    assert.equal(partial.json.errors.length, 1);
    const e = partial.json.errors[0];
    assert.equal(e?.failedElementNumber, 1);
    assert.equal(e?.status, 400);
    assert.ok(e?.elementErrors.errors.summary, 'summary as a number is rejected per element');
    assert.equal(t.site.jira.issueCount(), before + 2);
    const allBad = await t.call<{ issues: unknown[]; errors: unknown[] }>('POST', '/rest/api/3/issue/bulk', {
      body: { issueUpdates: [{ fields: { project: { key: 'NOPE' }, issuetype: { name: 'Task' }, summary: 'x' } }, { fields: { project: { key: 'AG' } } }] },
    });
    assert.equal(allBad.status, 400);
    assert.deepEqual(allBad.json.issues, []);
    assert.equal(allBad.json.errors.length, 2);
    const notArray = await t.call<ErrorCollection>('POST', '/rest/api/3/issue/bulk', { body: { issueUpdates: 'x' } });
    assert.equal(notArray.status, 400, 'a body violating the spec schema is rejected');
    assert.ok(notArray.json.errorMessages.some((m) => m.includes('issueUpdates')));
  });

  test('edit: fields, update ops, notifyUsers needs project admin, returnIssue', async () => {
    const i = await createIssue(t, { project: { key: 'AG' }, issuetype: { name: 'Task' }, summary: 'Edit me', labels: ['a'] });
    const r = await t.call('PUT', `/rest/api/3/issue/${i.key}`, { as: 'specialist', body: { fields: { summary: 'Edited', duedate: '2026-11-20' }, update: { labels: [{ add: 'b' }, { remove: 'a' }] } } });
    assert.equal(r.status, 204);
    const got = await t.call<{ fields: { summary: string; labels: string[]; duedate: string } }>('GET', `/rest/api/3/issue/${i.key}?fields=summary,labels,duedate`);
    assert.deepEqual(got.json.fields, { summary: 'Edited', labels: ['b'], duedate: '2026-11-20' });
    const quiet = await t.call('PUT', `/rest/api/3/issue/${i.key}?notifyUsers=false`, { as: 'specialist', body: { fields: { summary: 'Quiet' } } });
    assert.equal(quiet.status, 403);
    const asApp = await t.call<{ fields: { summary: string } }>('PUT', `/rest/api/3/issue/${i.key}?notifyUsers=false&returnIssue=true`, { body: { fields: { summary: 'Quiet' } } });
    assert.equal(asApp.status, 200);
    assert.equal(asApp.json.fields.summary, 'Quiet');
    const both = await t.call<ErrorCollection>('PUT', `/rest/api/3/issue/${i.key}`, { body: { fields: { labels: ['x'] }, update: { labels: [{ add: 'y' }] } } });
    assert.equal(both.status, 400);
    const moveProject = await t.call<ErrorCollection>('PUT', `/rest/api/3/issue/${i.key}`, { body: { fields: { project: { key: 'BIZ' } } } });
    assert.equal(moveProject.status, 400);
  });

  test('re-parenting and subtasks; delete needs permission and deleteSubtasks', async () => {
    const epicA = await createIssue(t, { project: { key: 'AG' }, issuetype: { name: 'Epic' }, summary: 'A' });
    const epicB = await createIssue(t, { project: { key: 'AG' }, issuetype: { name: 'Epic' }, summary: 'B' });
    const task = await createIssue(t, { project: { key: 'AG' }, issuetype: { name: 'Task' }, summary: 'T', parent: { key: epicA.key } });
    const sub = await createIssue(t, { project: { key: 'AG' }, issuetype: { name: 'Subtask' }, summary: 'S', parent: { key: task.key } });
    assert.equal((await t.call('PUT', `/rest/api/3/issue/${task.key}`, { body: { fields: { parent: { key: epicB.key } } } })).status, 204);
    const got = await t.call<{ fields: { parent: { key: string }; subtasks: Array<{ key: string }> } }>('GET', `/rest/api/3/issue/${task.key}?fields=parent,subtasks`);
    assert.equal(got.json.fields.parent.key, epicB.key);
    assert.deepEqual(got.json.fields.subtasks.map((s) => s.key), [sub.key]);
    assert.equal((await t.call('DELETE', `/rest/api/3/issue/${task.key}`, { as: 'specialist' })).status, 403);
    assert.equal((await t.call('DELETE', `/rest/api/3/issue/${task.key}`)).status, 400);
    assert.equal((await t.call('DELETE', `/rest/api/3/issue/${task.key}?deleteSubtasks=true`)).status, 204);
    assert.equal((await t.call('GET', `/rest/api/3/issue/${sub.key}`)).status, 404);
  });

  test('transitions: To Do → In Progress → Done sets resolution and resolutiondate; reopening clears them', async () => {
    const i = await createIssue(t, { project: { key: 'AG' }, issuetype: { name: 'Task' }, summary: 'Flow' });
    const tr = await t.call<{ transitions: Array<{ id: string; name: string; to: { statusCategory: { key: string } } }> }>('GET', `/rest/api/3/issue/${i.key}/transitions`);
    assert.deepEqual(tr.json.transitions.map((x) => x.to.statusCategory.key), ['indeterminate', 'done']);
    const progress = tr.json.transitions.find((x) => x.to.statusCategory.key === 'indeterminate');
    assert.equal((await t.call('POST', `/rest/api/3/issue/${i.key}/transitions`, { body: { transition: { id: progress?.id } } })).status, 204);
    t.clock.advance(3_600_000);
    const done = tr.json.transitions.find((x) => x.to.statusCategory.key === 'done');
    assert.equal((await t.call('POST', `/rest/api/3/issue/${i.key}/transitions`, { as: 'specialist', body: { transition: { id: done?.id } } })).status, 204);
    const got = await t.call<{ fields: { status: { name: string }; resolution: { name: string } | null; resolutiondate: string | null } }>('GET', `/rest/api/3/issue/${i.key}?fields=status,resolution,resolutiondate`);
    assert.equal(got.json.fields.status.name, 'Done');
    assert.equal(got.json.fields.resolution?.name, 'Done');
    assert.equal(got.json.fields.resolutiondate, '2026-11-02T10:00:00.000+0000');
    const bad = await t.call<ErrorCollection>('POST', `/rest/api/3/issue/${i.key}/transitions`, { body: { transition: { id: '999' } } });
    assert.equal(bad.status, 400);
    await t.call('POST', `/rest/api/3/issue/${i.key}/transitions`, { body: { transition: { id: '11' } } });
    const reopened = await t.call<{ fields: { resolution: unknown; resolutiondate: unknown } }>('GET', `/rest/api/3/issue/${i.key}?fields=resolution,resolutiondate`);
    assert.deepEqual(reopened.json.fields, { resolution: null, resolutiondate: null });
  });

  test('comments take ADF, page, and reject plain strings', async () => {
    const i = await createIssue(t, { project: { key: 'AG' }, issuetype: { name: 'Task' }, summary: 'Commented' });
    const c = await t.call<{ id: string; author: { accountId: string }; body: unknown }>('POST', `/rest/api/3/issue/${i.key}/comment`, { as: 'manager', body: { body: adf('Looks good') } });
    assert.equal(c.status, 201);
    assert.equal(c.json.author.accountId, PEOPLE.manager.accountId);
    await t.call('POST', `/rest/api/3/issue/${i.key}/comment`, { body: { body: adf('Second') } });
    const plain = await t.call<ErrorCollection>('POST', `/rest/api/3/issue/${i.key}/comment`, { body: { body: 'plain' } });
    assert.equal(plain.status, 400);
    assert.ok(plain.json.errors.comment);
    const list = await t.call<{ total: number; comments: Array<{ id: string }>; maxResults: number }>('GET', `/rest/api/3/issue/${i.key}/comment?maxResults=1&orderBy=-created`);
    assert.equal(list.json.total, 2);
    assert.equal(list.json.comments.length, 1);
    assert.notEqual(list.json.comments[0]?.id, c.json.id);
    const edited = await t.call('PUT', `/rest/api/3/issue/${i.key}/comment/${c.json.id}`, { as: 'specialist', body: { body: adf('hijack') } });
    assert.equal(edited.status, 403, 'only the author edits their comment');
  });

  test('notify: 204 records the message; no recipients → 400; unassigned assignee → 400', async () => {
    const i = await createIssue(t, { project: { key: 'AG' }, issuetype: { name: 'Task' }, summary: 'Notify', assignee: { accountId: PEOPLE.specialist.accountId } });
    const ok = await t.call('POST', `/rest/api/3/issue/${i.key}/notify`, { body: { subject: 'Report ready', textBody: 'See it', to: { assignee: true, users: [{ accountId: PEOPLE.manager.accountId }] } } });
    assert.equal(ok.status, 204);
    const sent = t.site.jira.notifications.at(-1);
    assert.deepEqual(sent?.recipients, [PEOPLE.manager.accountId, PEOPLE.specialist.accountId].sort());
    const self = await t.call('POST', `/rest/api/3/issue/${i.key}/notify`, { as: 'specialist', body: { to: { assignee: true } } });
    assert.equal(self.status, 400, 'notifying only yourself is rejected');
    const unassigned = await createIssue(t, { project: { key: 'AG' }, issuetype: { name: 'Task' }, summary: 'Nobody' });
    assert.equal((await t.call('POST', `/rest/api/3/issue/${unassigned.key}/notify`, { body: { to: { assignee: true } } })).status, 400);
  });

  test('issue properties: 201 then 200, get, keys, delete, size limit, 404 when absent', async () => {
    const i = await createIssue(t, { project: { key: 'AG' }, issuetype: { name: 'Task' }, summary: 'Props' });
    const path = `/rest/api/3/issue/${i.key}/properties/retainer.plan`;
    assert.equal((await t.call('PUT', path, { body: { month: '2026-11' } })).status, 201);
    assert.equal((await t.call('PUT', path, { body: { month: '2026-12' } })).status, 200);
    assert.deepEqual((await t.call('GET', path)).json, { key: 'retainer.plan', value: { month: '2026-12' } });
    const keys = await t.call<{ keys: Array<{ key: string; self: string }> }>('GET', `/rest/api/3/issue/${i.id}/properties`);
    assert.deepEqual(keys.json.keys.map((k) => k.key), ['retainer.plan']);
    assert.equal((await t.call('PUT', `/rest/api/3/issue/${i.key}/properties/big`, { body: { s: 'x'.repeat(33_000) } })).status, 400);
    assert.equal((await t.call('PUT', `/rest/api/3/issue/${i.key}/properties/${'k'.repeat(256)}`, { body: 1 })).status, 400);
    assert.equal((await t.call('DELETE', path)).status, 204);
    assert.equal((await t.call('GET', path)).status, 404);
  });
});
