// Contract tests of identity and permissions in the emulated Jira: who sees what (404/403 like Jira),
// guests and anonymous callers, permission checks, and the user endpoints.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createIssue, createProject, PEOPLE, setupSite, type TestSite } from '../../sandbox/atlassian/test-kit';

interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

let t: TestSite;
let projectId = 0;
let issue = { id: '', key: '' };
let secretIssue = { id: '', key: '' };

before(async () => {
  t = await setupSite();
  projectId = (await createProject(t, 'OPEN')).id;
  await createProject(t, 'SECRET', { lead: PEOPLE.admin.accountId });
  t.site.jira.setProjectAccess('SECRET', [PEOPLE.manager.accountId]);
  issue = await createIssue(t, { project: { key: 'OPEN' }, issuetype: { name: 'Task' }, summary: 'Visible' });
  secretIssue = await createIssue(t, { project: { key: 'SECRET' }, issuetype: { name: 'Task' }, summary: 'Hidden' });
});

after(async () => {
  await t.close();
  assert.deepEqual(t.responseViolations().map((e) => `${e.method} ${e.path}: ${e.specViolations?.join('; ')}`), []);
});

describe('who sees what', () => {
  test('anonymous callers get 401 on Jira', async () => {
    for (const path of ['/rest/api/3/myself', `/rest/api/3/issue/${issue.key}`, '/rest/api/3/project/search']) {
      const r = await t.call<ErrorCollection>('GET', path, { as: 'anonymous' });
      assert.equal(r.status, 401, path);
      assert.ok(Array.isArray(r.json.errorMessages));
    }
  });

  test('a Confluence guest sees nothing in Jira', async () => {
    assert.equal((await t.call('GET', `/rest/api/3/issue/${issue.key}`, { as: 'guest' })).status, 404);
    assert.equal((await t.call('GET', '/rest/api/3/project/OPEN', { as: 'guest' })).status, 404);
    const projects = await t.call<{ values: unknown[]; total: number }>('GET', '/rest/api/3/project/search', { as: 'guest' });
    assert.equal(projects.status, 200);
    assert.deepEqual(projects.json.values, []);
    const types = await t.call<unknown[]>('GET', '/rest/api/3/issuetype', { as: 'guest' });
    assert.deepEqual(types.json, []);
    const create = await t.call<ErrorCollection>('POST', '/rest/api/3/issue', { as: 'guest', body: { fields: { project: { key: 'OPEN' }, issuetype: { name: 'Task' }, summary: 'x' } } });
    assert.equal(create.status, 400);
    assert.equal(create.json.errors.project, 'Specify a valid project ID or key');
    const me = await t.call<{ accountId: string }>('GET', '/rest/api/3/myself', { as: 'guest' });
    assert.equal(me.status, 200, 'the guest still has an account');
    assert.equal(me.json.accountId, PEOPLE.guest.accountId);
    const users = await t.call<unknown[]>('GET', '/rest/api/3/user/search?query=ivan', { as: 'guest' });
    assert.deepEqual(users.json, []);
  });

  test('a restricted project is invisible to other members: 404, not 403', async () => {
    const r = await t.call<ErrorCollection>('GET', `/rest/api/3/issue/${secretIssue.key}`, { as: 'specialist' });
    assert.equal(r.status, 404);
    assert.match(r.json.errorMessages[0] ?? '', /does not exist or you do not have permission/);
    assert.equal((await t.call('GET', `/rest/api/3/issue/${secretIssue.key}`, { as: 'manager' })).status, 200);
    assert.equal((await t.call('GET', `/rest/api/3/issue/${secretIssue.key}`, { as: 'admin' })).status, 200);
    assert.equal((await t.call('GET', '/rest/api/3/project/SECRET', { as: 'specialist' })).status, 404);
  });

  test('a visible issue without the permission → 403 (delete) ', async () => {
    const r = await t.call<ErrorCollection>('DELETE', `/rest/api/3/issue/${issue.key}`, { as: 'specialist' });
    assert.equal(r.status, 403);
    assert.match(r.json.errorMessages[0] ?? '', /permission to delete/);
  });

  test('responses carry X-AAccountId of the caller', async () => {
    const r = await t.call('GET', '/rest/api/3/myself', { as: 'manager' });
    assert.equal(r.headers.get('x-aaccountid'), PEOPLE.manager.accountId);
  });
});

describe('permission checks', () => {
  test('mypermissions: required parameter, unknown key, project context', async () => {
    assert.equal((await t.call('GET', '/rest/api/3/mypermissions')).status, 400);
    const unknown = await t.call<ErrorCollection>('GET', '/rest/api/3/mypermissions?permissions=FLY');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.errors.FLY, 'Unrecognized permission');
    const r = await t.call<{ permissions: Record<string, { havePermission: boolean; type: string; id: string }> }>(
      'GET',
      '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,DELETE_ISSUES,ADMINISTER&projectKey=OPEN',
      { as: 'specialist' },
    );
    assert.equal(r.status, 200);
    assert.equal(r.json.permissions.BROWSE_PROJECTS?.havePermission, true);
    assert.equal(r.json.permissions.DELETE_ISSUES?.havePermission, false);
    assert.equal(r.json.permissions.ADMINISTER?.type, 'GLOBAL');
    assert.equal((await t.call('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=SECRET', { as: 'specialist' })).status, 404);
  });

  test('permissions/check returns only granted subsets; checking others needs admin', async () => {
    const body = {
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [{ permissions: ['EDIT_ISSUES', 'DELETE_ISSUES'], projects: [projectId, 999999], issues: [Number(issue.id), Number(secretIssue.id)] }],
    };
    const mine = await t.call<{ globalPermissions: string[]; projectPermissions: Array<{ permission: string; projects: number[]; issues: number[] }> }>('POST', '/rest/api/3/permissions/check', { as: 'specialist', body });
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.json.globalPermissions, []);
    assert.deepEqual(mine.json.projectPermissions, [{ permission: 'EDIT_ISSUES', projects: [projectId], issues: [Number(issue.id)] }]);
    const other = await t.call('POST', '/rest/api/3/permissions/check', { as: 'specialist', body: { ...body, accountId: PEOPLE.manager.accountId } });
    assert.equal(other.status, 403);
    const asApp = await t.call<{ projectPermissions: Array<{ permission: string; issues: number[] }> }>('POST', '/rest/api/3/permissions/check', { body: { ...body, accountId: PEOPLE.manager.accountId } });
    assert.equal(asApp.status, 200);
    assert.deepEqual(asApp.json.projectPermissions.find((p) => p.permission === 'EDIT_ISSUES')?.issues.sort(), [Number(issue.id), Number(secretIssue.id)].sort());
    const bad = await t.call<ErrorCollection>('POST', '/rest/api/3/permissions/check', { body: { globalPermissions: ['PERMISSION_123'] } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json, { errorMessages: [], errors: { PERMISSION_123: 'Unrecognized permission' } });
  });
});

describe('users', () => {
  test('myself as the app is the app user', async () => {
    const r = await t.call<{ accountType: string; accountId: string }>('GET', '/rest/api/3/myself');
    assert.equal(r.json.accountType, 'app');
  });

  test('user, bulk, search, groups and group members', async () => {
    const u = await t.call<{ displayName: string; groups?: { items: Array<{ name: string }> } }>('GET', `/rest/api/3/user?accountId=${encodeURIComponent(PEOPLE.manager.accountId)}&expand=groups`);
    assert.equal(u.json.displayName, 'Ivan Manager');
    assert.ok(u.json.groups?.items.some((g) => g.name === 'jira-software-users'));
    assert.equal((await t.call('GET', '/rest/api/3/user?accountId=nobody')).status, 404);
    const bulk = await t.call<{ values: Array<{ accountId: string }>; total: number }>('GET', `/rest/api/3/user/bulk?accountId=${PEOPLE.manager.accountId}&accountId=${PEOPLE.specialist.accountId}&accountId=ghost`);
    assert.equal(bulk.json.total, 2);
    assert.equal((await t.call('GET', '/rest/api/3/user/bulk')).status, 400, 'accountId is required by the spec');
    const search = await t.call<Array<{ accountId: string }>>('GET', '/rest/api/3/user/search?query=mar');
    assert.deepEqual(search.json.map((x) => x.accountId), [PEOPLE.specialist.accountId]);
    const groups = await t.call<Array<{ name: string }>>('GET', `/rest/api/3/user/groups?accountId=${PEOPLE.admin.accountId}`);
    assert.ok(groups.json.some((g) => g.name === 'site-admins'));
    const members = await t.call<{ values: Array<{ accountId: string }>; total: number }>('GET', '/rest/api/3/group/member?groupname=site-admins');
    assert.deepEqual(members.json.values.map((v) => v.accountId), [PEOPLE.admin.accountId]);
  });

  test('assignee must be a Jira user who may be assigned', async () => {
    const r = await t.call<ErrorCollection>('PUT', `/rest/api/3/issue/${issue.key}`, { body: { fields: { assignee: { accountId: PEOPLE.writer.accountId } } } });
    assert.equal(r.status, 400);
    assert.ok(r.json.errors.assignee);
    assert.equal((await t.call('PUT', `/rest/api/3/issue/${issue.key}`, { body: { fields: { assignee: { accountId: PEOPLE.specialist.accountId } } } })).status, 204);
    const restricted = await t.call<ErrorCollection>('PUT', `/rest/api/3/issue/${secretIssue.key}`, { body: { fields: { assignee: { accountId: PEOPLE.specialist.accountId } } } });
    assert.equal(restricted.status, 400, 'someone who cannot browse the project cannot be its assignee');
  });
});
