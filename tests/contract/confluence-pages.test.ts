// Contract: Confluence v2 pages — create, duplicate titles, bodies, the version rule, drafts,
// history, trash, listing with cursor paging, children.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createConfluenceHarness, createPage, HARNESS_USERS, setupSpaceWithReportsPage, type ConfluenceHarness } from '../../sandbox/atlassian/confluence/harness';

interface PageBody {
  id: string;
  status: string;
  title: string;
  spaceId: string;
  parentId?: string;
  version?: { number: number; message: string; authorId: string };
  body?: Record<string, { representation: string; value: string }>;
}
interface ListBody<T> {
  results: T[];
  _links: { next?: string; base: string };
}
interface V2Errors {
  errors: Array<{ status: number; code: string; title: string; detail: string | null }>;
}

const storage = (value: string) => ({ representation: 'storage', value });

function update(h: ConfluenceHarness, id: string, fields: { title: string; number: number; value?: string; status?: string; message?: string; parentId?: string }, as?: string) {
  return h.call('PUT', `/wiki/api/v2/pages/${id}`, {
    as,
    body: {
      id,
      status: fields.status ?? 'current',
      title: fields.title,
      body: storage(fields.value ?? `<p>${fields.title} v${fields.number}</p>`),
      version: { number: fields.number, ...(fields.message ? { message: fields.message } : {}) },
      ...(fields.parentId ? { parentId: fields.parentId } : {}),
    },
  });
}

describe('Confluence pages: create', () => {
  test('should return 200 with the page under the space homepage when no parentId is given', async () => {
    const h = createConfluenceHarness();
    const { spaceId, homepageId, reportsPageId } = await setupSpaceWithReportsPage(h);
    const res = await h.call('GET', `/wiki/api/v2/pages/${reportsPageId}`);
    const page = res.body as PageBody;
    assert.equal(page.parentId, homepageId);
    assert.equal(page.spaceId, spaceId);
    assert.equal(page.status, 'current');
    assert.equal(page.version?.number, 1);
    assert.equal(page.body, undefined, 'no body without body-format');
    assert.deepEqual(h.violations, []);
  });

  test('should reject with 400 when a page with the same title exists in the space, ignoring case', async () => {
    const h = createConfluenceHarness();
    const { spaceId } = await setupSpaceWithReportsPage(h);
    const res = await h.call('POST', '/wiki/api/v2/pages', { body: { spaceId, title: 'REPORTS', body: storage('<p>x</p>') } });
    assert.equal(res.status, 400);
    const err = (res.body as V2Errors).errors[0];
    assert.equal(err?.status, 400);
    assert.match(err?.title ?? '', /already exists with the same TITLE/);
    assert.equal([...h.routes.state.pages.values()].filter((p) => p.current.title.toLowerCase() === 'reports').length, 1);
  });

  test('should allow the same title when the other page is in another space', async () => {
    const h = createConfluenceHarness();
    await setupSpaceWithReportsPage(h, { key: 'ACME' });
    const beta = await setupSpaceWithReportsPage(h, { key: 'BETA' });
    assert.ok(beta.reportsPageId);
  });

  test('should return 404 when the space does not exist or the caller cannot write in it', async () => {
    const h = createConfluenceHarness();
    const { spaceId } = await setupSpaceWithReportsPage(h);
    const missing = await h.call('POST', '/wiki/api/v2/pages', { body: { spaceId: '999999', title: 'X', body: storage('<p/>') } });
    assert.equal(missing.status, 404);
    const guest = await h.call('POST', '/wiki/api/v2/pages', { as: HARNESS_USERS.clientGuest.accountId, body: { spaceId, title: 'X', body: storage('<p/>') } });
    assert.equal(guest.status, 404);
    assert.deepEqual(h.violations, []);
  });

  test('should reject with 400 when the storage body is not well-formed XHTML', async () => {
    const h = createConfluenceHarness();
    const { spaceId } = await setupSpaceWithReportsPage(h);
    const res = await h.call('POST', '/wiki/api/v2/pages', { body: { spaceId, title: 'Broken', body: storage('<p><strong>bold</p>') } });
    assert.equal(res.status, 400);
    assert.match((res.body as V2Errors).errors[0]?.title ?? '', /Error parsing xhtml/);
  });

  test('should accept the nested body shape and ADF when the client writes atlas_doc_format', async () => {
    const h = createConfluenceHarness();
    const { spaceId } = await setupSpaceWithReportsPage(h);
    const adf = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'From ADF', marks: [{ type: 'strong' }] }] }] };
    const res = await h.call('POST', '/wiki/api/v2/pages', { body: { spaceId, title: 'ADF page', body: { atlas_doc_format: { representation: 'atlas_doc_format', value: JSON.stringify(adf) } } } });
    assert.equal(res.status, 200);
    const id = (res.body as PageBody).id;
    const asAdf = await h.call('GET', `/wiki/api/v2/pages/${id}?body-format=atlas_doc_format`);
    assert.deepEqual(JSON.parse((asAdf.body as PageBody).body?.['atlas_doc_format']?.value ?? ''), adf);
    const asStorage = await h.call('GET', `/wiki/api/v2/pages/${id}?body-format=storage`);
    assert.equal((asStorage.body as PageBody).body?.['storage']?.value, '<p><strong>From ADF</strong></p>');
    const bad = await h.call('POST', '/wiki/api/v2/pages', { body: { spaceId, title: 'Bad ADF', body: { representation: 'atlas_doc_format', value: '{"type":"paragraph"}' } } });
    assert.equal(bad.status, 400);
    assert.deepEqual(h.violations, []);
  });

  test('should return a rendered view body when body-format=view', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId } = await setupSpaceWithReportsPage(h);
    const res = await h.call('GET', `/wiki/api/v2/pages/${reportsPageId}?body-format=view`);
    assert.equal((res.body as PageBody).body?.['view']?.value, '<p>Monthly reports</p>');
    assert.deepEqual(h.violations, []);
  });

  test('should place the page at the root when root-level=true and reject a parentId with it', async () => {
    const h = createConfluenceHarness();
    const { spaceId, reportsPageId } = await setupSpaceWithReportsPage(h);
    const root = await h.call('POST', '/wiki/api/v2/pages?root-level=true', { body: { spaceId, title: 'Root page', body: storage('<p/>') } });
    assert.equal(root.status, 200);
    assert.equal((root.body as PageBody).parentId, undefined);
    const both = await h.call('POST', '/wiki/api/v2/pages?root-level=true', { body: { spaceId, title: 'Both', parentId: reportsPageId, body: storage('<p/>') } });
    assert.equal(both.status, 400);
  });
});

describe('Confluence pages: update and versions', () => {
  test('should keep every version as history when a page is updated with version = current + 1', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId: id } = await setupSpaceWithReportsPage(h);
    assert.equal((await update(h, id, { title: 'Reports', number: 2, message: 'March numbers' })).status, 200);
    const third = await update(h, id, { title: 'Reports', number: 3, message: 'Manager comment' }, HARNESS_USERS.manager.accountId);
    assert.equal(third.status, 200);
    assert.equal((third.body as PageBody).version?.authorId, HARNESS_USERS.manager.accountId);
    const versions = await h.call('GET', `/wiki/api/v2/pages/${id}/versions?body-format=storage`);
    const list = (versions.body as ListBody<{ number: number; message: string; page: { body?: Record<string, { value: string }> } }>).results;
    assert.deepEqual(list.map((v) => [v.number, v.message]), [[3, 'Manager comment'], [2, 'March numbers'], [1, '']]);
    assert.equal(list[2]?.page.body?.['storage']?.value, '<p>Monthly reports</p>');
    const old = await h.call('GET', `/wiki/api/v2/pages/${id}?version=2&body-format=storage`);
    assert.equal((old.body as PageBody).status, 'historical');
    assert.equal((old.body as PageBody).body?.['storage']?.value, '<p>Reports v2</p>');
    assert.deepEqual(h.violations, []);
  });

  test('should answer 409 and change nothing when the version number is stale or skipped', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId: id } = await setupSpaceWithReportsPage(h);
    await update(h, id, { title: 'Reports', number: 2 });
    for (const n of [2, 1, 4]) {
      const res = await update(h, id, { title: 'Reports', number: n, value: '<p>lost</p>' });
      assert.equal(res.status, 409, `version ${n}`);
      const err = (res.body as V2Errors).errors[0];
      assert.equal(err?.code, 'CONFLICT');
      assert.match(err?.title ?? '', /Current version is: 2/);
    }
    assert.equal(h.routes.state.pages.get(id)?.history.length, 2);
    assert.deepEqual(h.violations, []);
  });

  test('should reject with 400 when an update renames the page to a title used in the space', async () => {
    const h = createConfluenceHarness();
    const { spaceId, reportsPageId } = await setupSpaceWithReportsPage(h);
    const other = await createPage(h, { spaceId, title: 'Plan' });
    const res = await update(h, other, { title: 'reports', number: 2 });
    assert.equal(res.status, 400);
    assert.ok(reportsPageId);
  });

  test('should hide a draft from everyone but its author until it is published', async () => {
    const h = createConfluenceHarness();
    const { spaceId, reportsPageId } = await setupSpaceWithReportsPage(h);
    const draft = await h.call('POST', '/wiki/api/v2/pages', { body: { spaceId, status: 'draft', title: 'March report', parentId: reportsPageId, body: storage('<p>draft</p>') } });
    assert.equal(draft.status, 200);
    const id = (draft.body as PageBody).id;
    assert.equal((draft.body as PageBody).status, 'draft');
    assert.equal((await h.call('GET', `/wiki/api/v2/pages/${id}`, { as: HARNESS_USERS.manager.accountId })).status, 404);
    assert.equal((await h.call('GET', `/wiki/api/v2/pages/${id}`, { as: HARNESS_USERS.clientGuest.accountId })).status, 404);
    const listed = await h.call('GET', `/wiki/api/v2/pages?space-id=${spaceId}&title=March%20report`);
    assert.deepEqual((listed.body as ListBody<PageBody>).results, [], 'drafts are not listed');
    // Editing a draft keeps version 1.
    assert.equal((await update(h, id, { title: 'March report', number: 1, status: 'draft', value: '<p>draft 2</p>' })).status, 200);
    const published = await update(h, id, { title: 'March report', number: 2, value: '<p>final</p>' });
    assert.equal(published.status, 200);
    assert.equal((published.body as PageBody).status, 'current');
    assert.equal((published.body as PageBody).version?.number, 1);
    assert.equal((await h.call('GET', `/wiki/api/v2/pages/${id}`, { as: HARNESS_USERS.clientGuest.accountId })).status, 200);
    assert.deepEqual(h.violations, []);
  });

  test('should allow two drafts with one title but reject publishing the second when the title is taken', async () => {
    const h = createConfluenceHarness();
    const { spaceId } = await setupSpaceWithReportsPage(h);
    const a = await createPage(h, { spaceId, title: 'Plan', status: 'draft' });
    const b = await createPage(h, { spaceId, title: 'Plan', status: 'draft' });
    assert.equal((await update(h, a, { title: 'Plan', number: 2 })).status, 200);
    assert.equal((await update(h, b, { title: 'Plan', number: 2 })).status, 400);
  });

  test('should rename and bump the version when PUT /pages/{id}/title is used', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId: id } = await setupSpaceWithReportsPage(h);
    const res = await h.call('PUT', `/wiki/api/v2/pages/${id}/title`, { body: { status: 'current', title: 'Client reports' } });
    assert.equal(res.status, 200);
    assert.equal((res.body as PageBody).title, 'Client reports');
    assert.equal((res.body as PageBody).version?.number, 2);
    assert.deepEqual(h.violations, []);
  });

  test('should move a page when the update names another parent in the same space', async () => {
    const h = createConfluenceHarness();
    const { spaceId, reportsPageId } = await setupSpaceWithReportsPage(h);
    const archive = await createPage(h, { spaceId, title: 'Archive' });
    const res = await update(h, reportsPageId, { title: 'Reports', number: 2, parentId: archive });
    assert.equal((res.body as PageBody).parentId, archive);
    const loop = await update(h, archive, { title: 'Archive', number: 2, parentId: reportsPageId });
    assert.equal(loop.status, 400, 'a page cannot move under its own descendant');
  });
});

describe('Confluence pages: delete, trash and purge', () => {
  test('should trash, restore and purge when the page is deleted, updated back and deleted with purge', async () => {
    const h = createConfluenceHarness();
    const { spaceId } = await setupSpaceWithReportsPage(h);
    const id = await createPage(h, { spaceId, title: 'Old plan' });
    assert.equal((await h.call('DELETE', `/wiki/api/v2/pages/${id}`)).status, 204);
    assert.equal((await h.call('GET', `/wiki/api/v2/pages/${id}`)).status, 404);
    const trashed = await h.call('GET', `/wiki/api/v2/pages/${id}?status=trashed`);
    assert.equal((trashed.body as PageBody).status, 'trashed');
    // A trashed page frees its title.
    const again = await createPage(h, { spaceId, title: 'Old plan' });
    assert.equal((await h.call('DELETE', `/wiki/api/v2/pages/${again}`)).status, 204);
    assert.equal((await update(h, id, { title: 'Old plan', number: 2 })).status, 200, 'restore');
    assert.equal((await h.call('GET', `/wiki/api/v2/pages/${id}`)).status, 200);
    assert.equal((await h.call('DELETE', `/wiki/api/v2/pages/${again}?purge=true`)).status, 204);
    assert.equal(h.routes.state.pages.has(again), false);
    assert.deepEqual(h.violations, []);
  });

  test('should need draft=true when deleting a draft', async () => {
    const h = createConfluenceHarness();
    const { spaceId } = await setupSpaceWithReportsPage(h);
    const id = await createPage(h, { spaceId, title: 'Draft', status: 'draft' });
    assert.equal((await h.call('DELETE', `/wiki/api/v2/pages/${id}`)).status, 404);
    assert.equal((await h.call('DELETE', `/wiki/api/v2/pages/${id}?draft=true`)).status, 204);
    assert.equal(h.routes.state.pages.has(id), false);
  });

  test('should return 404 when a guest tries to delete a page they can read', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId } = await setupSpaceWithReportsPage(h);
    assert.equal((await h.call('DELETE', `/wiki/api/v2/pages/${reportsPageId}`, { as: HARNESS_USERS.clientGuest.accountId })).status, 404);
    assert.equal(h.routes.state.pages.get(reportsPageId)?.status, 'current');
  });
});

describe('Confluence pages: listing', () => {
  test('should follow cursors through every page when listing with a small limit', async () => {
    const h = createConfluenceHarness();
    const { spaceId, reportsPageId } = await setupSpaceWithReportsPage(h);
    const ids: string[] = [];
    for (let i = 1; i <= 6; i++) ids.push(await createPage(h, { spaceId, title: `Report ${i}`, parentId: reportsPageId }));
    const seen: string[] = [];
    let url: string | undefined = `/wiki/api/v2/pages?space-id=${spaceId}&limit=4&sort=id`;
    while (url) {
      const res = await h.call('GET', url);
      const body = res.body as ListBody<PageBody>;
      seen.push(...body.results.map((p) => p.id));
      if (body._links.next) {
        assert.equal(res.headers['link'], `<${body._links.next}>; rel="next"`);
        assert.match(body._links.next, /^\/wiki\/api\/v2\/pages\?.*cursor=/);
      }
      url = body._links.next;
    }
    assert.equal(seen.length, 8, 'homepage + Reports + 6 reports');
    assert.deepEqual(seen.slice(2), ids);
    assert.deepEqual(h.violations, []);
  });

  test('should not repeat or skip items when a page is created between two cursor reads', async () => {
    const h = createConfluenceHarness();
    const { spaceId } = await setupSpaceWithReportsPage(h);
    const first = await h.call('GET', `/wiki/api/v2/pages?space-id=${spaceId}&limit=1`);
    const next = (first.body as ListBody<PageBody>)._links.next as string;
    const added = await createPage(h, { spaceId, title: 'Late page' });
    const rest = await h.call('GET', next);
    const ids = [...(first.body as ListBody<PageBody>).results, ...(rest.body as ListBody<PageBody>).results].map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.includes(added) || (rest.body as ListBody<PageBody>)._links.next);
  });

  test('should default to 25 and cap at 250 when limit is missing or too large', async () => {
    const h = createConfluenceHarness();
    const { spaceId } = await setupSpaceWithReportsPage(h);
    for (let i = 0; i < 28; i++) await createPage(h, { spaceId, title: `P${i}` });
    const def = await h.call('GET', `/wiki/api/v2/pages?space-id=${spaceId}`);
    assert.equal((def.body as ListBody<PageBody>).results.length, 25);
    const res = await h.call('GET', `/wiki/api/v2/pages?space-id=${spaceId}&limit=1000`);
    assert.equal((res.body as ListBody<PageBody>).results.length, 30);
    assert.equal(h.routes.state.pages.size, 30);
    const zero = await h.call('GET', `/wiki/api/v2/pages?limit=0`);
    assert.equal(zero.status, 400);
  });

  test('should match titles exactly and case-sensitively when filtering by title', async () => {
    const h = createConfluenceHarness();
    const { spaceId, reportsPageId } = await setupSpaceWithReportsPage(h);
    const exact = await h.call('GET', `/wiki/api/v2/pages?space-id=${spaceId}&title=Reports`);
    assert.deepEqual((exact.body as ListBody<PageBody>).results.map((p) => p.id), [reportsPageId]);
    const lower = await h.call('GET', `/wiki/api/v2/pages?space-id=${spaceId}&title=reports`);
    assert.deepEqual((lower.body as ListBody<PageBody>).results, []);
  });

  test('should list only pages the caller can see when a guest lists all pages', async () => {
    const h = createConfluenceHarness();
    await setupSpaceWithReportsPage(h, { key: 'ACME' });
    await setupSpaceWithReportsPage(h, { key: 'BETA' });
    const res = await h.call('GET', '/wiki/api/v2/pages', { as: HARNESS_USERS.clientGuest.accountId });
    const spaces = new Set((res.body as ListBody<PageBody>).results.map((p) => h.routes.state.spaces.get(p.spaceId)?.key));
    assert.deepEqual([...spaces], ['ACME']);
  });

  test('should list space pages at root depth and children in position order', async () => {
    const h = createConfluenceHarness();
    const { spaceId, homepageId, reportsPageId } = await setupSpaceWithReportsPage(h);
    const a = await createPage(h, { spaceId, title: 'A', parentId: reportsPageId });
    const b = await createPage(h, { spaceId, title: 'B', parentId: reportsPageId });
    const root = await h.call('GET', `/wiki/api/v2/spaces/${spaceId}/pages?depth=root`);
    assert.deepEqual((root.body as ListBody<PageBody>).results.map((p) => p.id), [homepageId]);
    const direct = await h.call('GET', `/wiki/api/v2/pages/${reportsPageId}/direct-children`);
    const items = (direct.body as ListBody<{ id: string; type: string; childPosition: number }>).results;
    assert.deepEqual(items.map((c) => [c.id, c.type, c.childPosition]), [[a, 'page', 0], [b, 'page', 1]]);
    const legacy = await h.call('GET', `/wiki/api/v2/pages/${reportsPageId}/children?sort=-title`);
    assert.deepEqual((legacy.body as ListBody<{ id: string }>).results.map((c) => c.id), [b, a]);
    assert.deepEqual(h.violations, []);
  });
});
