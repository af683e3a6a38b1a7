// Contract: v1 content restrictions and page visibility for guests, members, anonymous and the app.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { APP_ACCOUNT_ID } from '../../sandbox/core/types';
import { createConfluenceHarness, createPage, HARNESS_USERS, setupSpaceWithReportsPage, type ConfluenceHarness } from '../../sandbox/atlassian/confluence/harness';

const guest = HARNESS_USERS.clientGuest.accountId;
const manager = HARNESS_USERS.manager.accountId;
const colleague = HARNESS_USERS.colleague.accountId;

interface RestrictionArray {
  results: Array<{ operation: string; restrictions: { user: { results: Array<{ accountId: string }> }; group: { results: Array<{ name: string; id: string }> } } }>;
  size: number;
}
interface ListBody<T> {
  results: T[];
}

/** A report page under Reports, readable only by agency staff (and the app) until it is released. */
async function setupStaffOnlyReport(h: ConfluenceHarness): Promise<{ spaceId: string; reportsPageId: string; reportId: string }> {
  const { spaceId, reportsPageId } = await setupSpaceWithReportsPage(h);
  const reportId = await createPage(h, { spaceId, title: 'Report 2026-03', parentId: reportsPageId });
  const res = await h.call('PUT', `/wiki/rest/api/content/${reportId}/restriction`, {
    body: [
      { operation: 'read', restrictions: { user: [{ type: 'known', accountId: APP_ACCOUNT_ID }], group: [{ type: 'group', name: 'agency-staff' }] } },
      { operation: 'update', restrictions: { user: [{ type: 'known', accountId: APP_ACCOUNT_ID }] } },
    ],
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { spaceId, reportsPageId, reportId };
}

const canRead = async (h: ConfluenceHarness, id: string, as: string) => (await h.call('GET', `/wiki/api/v2/pages/${id}`, { as })).status === 200;

describe('Confluence restrictions', () => {
  test('should return both operations with users and groups when restrictions are read back', async () => {
    const h = createConfluenceHarness();
    const { reportId } = await setupStaffOnlyReport(h);
    const res = await h.call('GET', `/wiki/rest/api/content/${reportId}/restriction?expand=restrictions.user,restrictions.group`);
    const body = res.body as RestrictionArray;
    assert.equal(body.size, 2);
    const read = body.results.find((r) => r.operation === 'read');
    assert.deepEqual(read?.restrictions.user.results.map((u) => u.accountId), [APP_ACCOUNT_ID]);
    assert.deepEqual(read?.restrictions.group.results.map((g) => g.name), ['agency-staff']);
    assert.deepEqual(h.violations, []);
  });

  test('should hide a read-restricted report from the client guest until the restriction is lifted', async () => {
    const h = createConfluenceHarness();
    const { spaceId, reportId } = await setupStaffOnlyReport(h);
    assert.equal(await canRead(h, reportId, guest), false);
    assert.equal(await canRead(h, reportId, manager), true, 'staff group member');
    assert.equal(await canRead(h, reportId, 'app'), true);
    const listed = await h.call('GET', `/wiki/api/v2/pages?space-id=${spaceId}`, { as: guest });
    assert.ok(!(listed.body as ListBody<{ id: string }>).results.some((p) => p.id === reportId));
    assert.equal((await h.call('DELETE', `/wiki/rest/api/content/${reportId}/restriction`)).status, 200);
    assert.equal(await canRead(h, reportId, guest), true);
    assert.deepEqual(h.violations, []);
  });

  test('should hide child pages and their attachments when an ancestor is read-restricted', async () => {
    const h = createConfluenceHarness();
    const { spaceId, reportId } = await setupStaffOnlyReport(h);
    const child = await createPage(h, { spaceId, title: 'Appendix', parentId: reportId });
    assert.equal(await canRead(h, child, guest), false);
    assert.equal((await h.call('GET', `/wiki/api/v2/pages/${child}/properties`, { as: guest })).status, 404);
    assert.equal(await canRead(h, child, colleague), true);
  });

  test('should let only named editors update when an update restriction is set', async () => {
    const h = createConfluenceHarness();
    const { reportId } = await setupStaffOnlyReport(h);
    const put = (as: string) =>
      h.call('PUT', `/wiki/api/v2/pages/${reportId}`, { as, body: { id: reportId, status: 'current', title: 'Report 2026-03', body: { representation: 'storage', value: '<p>edit</p>' }, version: { number: 2 } } });
    assert.equal((await put(manager)).status, 404, 'can read but is not in the update restriction');
    assert.equal((await put('app')).status, 200);
  });

  test('should add and remove a single user when the byOperation user endpoints are used', async () => {
    const h = createConfluenceHarness();
    const { reportId } = await setupStaffOnlyReport(h);
    const url = `/wiki/rest/api/content/${reportId}/restriction/byOperation/read/user?accountId=${guest}`;
    assert.equal((await h.call('GET', url)).status, 404);
    assert.equal((await h.call('PUT', url)).status, 200);
    assert.equal((await h.call('GET', url)).status, 200);
    assert.equal(await canRead(h, reportId, guest), true);
    assert.equal((await h.call('DELETE', url)).status, 200);
    assert.equal(await canRead(h, reportId, guest), false);
    assert.deepEqual(h.violations, []);
  });

  test('should add and remove a group by name and by id when the byOperation group endpoints are used', async () => {
    const h = createConfluenceHarness();
    const { reportId } = await setupStaffOnlyReport(h);
    const byName = `/wiki/rest/api/content/${reportId}/restriction/byOperation/update/group/agency-staff`;
    assert.equal((await h.call('PUT', byName)).status, 200);
    const one = await h.call('GET', `/wiki/rest/api/content/${reportId}/restriction/byOperation/update`);
    const groups = (one.body as RestrictionArray['results'][number]).restrictions.group.results;
    assert.deepEqual(groups.map((g) => g.name), ['agency-staff']);
    const byId = `/wiki/rest/api/content/${reportId}/restriction/byOperation/update/byGroupId/${groups[0]?.id}`;
    assert.equal((await h.call('GET', byId)).status, 200);
    assert.equal((await h.call('DELETE', byId)).status, 200);
    assert.equal((await h.call('GET', byName)).status, 404);
    const all = await h.call('GET', `/wiki/rest/api/content/${reportId}/restriction/byOperation`);
    assert.ok((all.body as Record<string, unknown>)['read']);
    assert.deepEqual(h.violations, []);
  });

  test('should merge when POST adds restrictions and replace when PUT sets them', async () => {
    const h = createConfluenceHarness();
    const { reportId } = await setupStaffOnlyReport(h);
    await h.call('POST', `/wiki/rest/api/content/${reportId}/restriction`, { body: { results: [{ operation: 'read', restrictions: { user: { results: [{ type: 'known', accountId: guest }] } } }] } });
    assert.equal(await canRead(h, reportId, guest), true);
    assert.equal(await canRead(h, reportId, manager), true, 'the group is still there');
    await h.call('PUT', `/wiki/rest/api/content/${reportId}/restriction`, { body: [{ operation: 'read', restrictions: { user: [{ type: 'known', accountId: guest }] } }] });
    assert.equal(await canRead(h, reportId, manager), false, 'PUT replaced the group');
    assert.deepEqual(h.violations, []);
  });

  test('should reject with 400 when a restriction names an unknown user or operation', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId } = await setupSpaceWithReportsPage(h);
    const unknownUser = await h.call('PUT', `/wiki/rest/api/content/${reportsPageId}/restriction`, { body: [{ operation: 'read', restrictions: { user: [{ type: 'known', accountId: 'nobody' }] } }] });
    assert.equal(unknownUser.status, 400);
    const empty = await h.call('PUT', `/wiki/rest/api/content/${reportsPageId}/restriction`, { body: [{ operation: 'read', restrictions: {} }] });
    assert.equal(empty.status, 400);
    assert.deepEqual(h.routes.state.pages.get(reportsPageId)?.restrictions.read, { users: [], groups: [] });
  });

  test('should not let a guest change restrictions on a page they can read', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId } = await setupSpaceWithReportsPage(h);
    const put = await h.call('PUT', `/wiki/rest/api/content/${reportsPageId}/restriction`, { as: guest, body: [{ operation: 'read', restrictions: { user: [{ type: 'known', accountId: guest }] } }] });
    assert.equal(put.status, 404);
    const del = await h.call('DELETE', `/wiki/rest/api/content/${reportsPageId}/restriction`, { as: guest });
    assert.equal(del.status, 403);
    const v1 = del.body as { statusCode: number; data: { authorized: boolean } };
    assert.equal(v1.statusCode, 403);
    assert.equal(v1.data.authorized, false);
  });

  test('should make a page visible to its creator only when created with private=true', async () => {
    const h = createConfluenceHarness();
    const { spaceId } = await setupSpaceWithReportsPage(h);
    const res = await h.call('POST', '/wiki/api/v2/pages?private=true', { as: manager, body: { spaceId, title: 'My notes', body: { representation: 'storage', value: '<p/>' } } });
    const id = (res.body as { id: string }).id;
    assert.equal(await canRead(h, id, manager), true);
    assert.equal(await canRead(h, id, colleague), false);
    assert.equal(await canRead(h, id, 'app'), true);
  });

  test('should show nothing to anonymous callers and refuse their writes with 401', async () => {
    const h = createConfluenceHarness();
    const { spaceId, reportsPageId } = await setupSpaceWithReportsPage(h);
    assert.equal(await canRead(h, reportsPageId, 'anonymous'), false);
    const list = await h.call('GET', '/wiki/api/v2/pages', { as: 'anonymous' });
    assert.deepEqual((list.body as ListBody<unknown>).results, []);
    const create = await h.call('POST', '/wiki/api/v2/pages', { as: 'anonymous', body: { spaceId, title: 'x', body: { representation: 'storage', value: '<p/>' } } });
    assert.equal(create.status, 401);
  });

  test('should return the same snapshot when two runs make the same changes in a different id order', async () => {
    const run = async (extraFirst: boolean) => {
      const h = createConfluenceHarness();
      if (extraFirst) h.ctx.nextId();
      await setupStaffOnlyReport(h);
      return h.routes.snapshot();
    };
    assert.deepEqual(await run(false), await run(true));
  });
});
