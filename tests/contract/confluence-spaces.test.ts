// Contract: Confluence spaces (v2 list/get/create, v1 create) and who sees which space.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createConfluenceHarness, HARNESS_USERS, setupSpaceWithReportsPage, type ConfluenceHarness } from '../../sandbox/atlassian/confluence/harness';

interface SpaceBody {
  id: string;
  key: string;
  name: string;
  homepageId: string;
  description?: { plain?: { value: string } };
}
interface ListBody<T> {
  results: T[];
  _links: { next?: string; base: string };
}

function assertSpecClean(h: ConfluenceHarness): void {
  assert.deepEqual(h.violations, []);
}

describe('Confluence spaces', () => {
  test('should return 201 with a homepage when the app creates a space through v2', async () => {
    const h = createConfluenceHarness();
    const res = await h.call('POST', '/wiki/api/v2/spaces', { body: { key: 'ACME', name: 'Acme Client', description: { value: 'Retainer client', representation: 'plain' } } });
    assert.equal(res.status, 201);
    const s = res.body as SpaceBody;
    assert.equal(s.key, 'ACME');
    assert.match(s.homepageId, /^[0-9]+$/);
    const home = await h.call('GET', `/wiki/api/v2/pages/${s.homepageId}`);
    assert.equal(home.status, 200);
    assert.equal((home.body as { title: string }).title, 'Acme Client Home');
    const got = await h.call('GET', `/wiki/api/v2/spaces/${s.id}?description-format=plain`);
    assert.equal((got.body as SpaceBody).description?.plain?.value, 'Retainer client');
    assertSpecClean(h);
  });

  test('should return 200 with a v1 Space when a space is created through v1', async () => {
    const h = createConfluenceHarness();
    const res = await h.call('POST', '/wiki/rest/api/space', { body: { key: 'BETA', name: 'Beta', description: { plain: { value: 'Beta client', representation: 'plain' } } } });
    assert.equal(res.status, 200);
    const s = res.body as { id: number; key: string; homepage: { id: string } };
    assert.equal(typeof s.id, 'number');
    assert.equal(s.key, 'BETA');
    assert.ok(s.homepage.id);
    assertSpecClean(h);
  });

  test('should reject with 400 when the space key is taken, in either API and any letter case', async () => {
    const h = createConfluenceHarness();
    await setupSpaceWithReportsPage(h, { key: 'ACME' });
    const v1 = await h.call('POST', '/wiki/rest/api/space', { body: { key: 'acme', name: 'Again' } });
    assert.equal(v1.status, 400);
    const body = v1.body as { statusCode: number; message: string; data: { successful: boolean } };
    assert.equal(body.statusCode, 400);
    assert.equal(body.data.successful, false);
    assert.match(body.message, /already exists with key acme/);
    const v2 = await h.call('POST', '/wiki/api/v2/spaces', { body: { key: 'ACME', name: 'Again' } });
    assert.equal(v2.status, 400);
    assert.equal((v2.body as { errors: Array<{ status: number }> }).errors[0]?.status, 400);
    assertSpecClean(h);
  });

  test('should reject with 400 when the key has characters other than letters and digits', async () => {
    const h = createConfluenceHarness();
    for (const key of ['AC-ME', 'A B', 'КЛЮЧ', '']) {
      const res = await h.call('POST', '/wiki/rest/api/space', { body: { key, name: 'X' } });
      assert.equal(res.status, 400, key);
    }
  });

  test('should deny space creation when the caller is a guest or anonymous', async () => {
    const h = createConfluenceHarness();
    const guest = await h.call('POST', '/wiki/api/v2/spaces', { as: HARNESS_USERS.clientGuest.accountId, body: { key: 'GG', name: 'Guest space' } });
    assert.equal(guest.status, 404);
    const v1 = await h.call('POST', '/wiki/rest/api/space', { as: HARNESS_USERS.clientGuest.accountId, body: { key: 'GG', name: 'Guest space' } });
    assert.equal(v1.status, 403);
    const anon = await h.call('POST', '/wiki/api/v2/spaces', { as: 'anonymous', body: { key: 'GG', name: 'x' } });
    assert.equal(anon.status, 401);
    assert.equal(h.routes.state.spaces.size, 0);
  });

  test('should resolve keys to ids when listing spaces with keys=', async () => {
    const h = createConfluenceHarness();
    const acme = await setupSpaceWithReportsPage(h, { key: 'ACME' });
    await setupSpaceWithReportsPage(h, { key: 'BETA' });
    const res = await h.call('GET', '/wiki/api/v2/spaces?keys=ACME');
    const body = res.body as ListBody<SpaceBody>;
    assert.deepEqual(body.results.map((s) => [s.id, s.key]), [[acme.spaceId, 'ACME']]);
    assertSpecClean(h);
  });

  test('should page with a Link header and _links.next when there are more spaces than the limit', async () => {
    const h = createConfluenceHarness();
    for (const key of ['S1', 'S2', 'S3', 'S4', 'S5']) await h.call('POST', '/wiki/api/v2/spaces', { body: { key, name: key } });
    const seen: string[] = [];
    let url: string | undefined = '/wiki/api/v2/spaces?limit=2';
    let pages = 0;
    while (url) {
      const res = await h.call('GET', url);
      const body = res.body as ListBody<SpaceBody>;
      seen.push(...body.results.map((s) => s.key));
      if (body._links.next) assert.equal(res.headers['link'], `<${body._links.next}>; rel="next"`);
      else assert.equal(res.headers['link'], undefined);
      url = body._links.next;
      pages++;
    }
    assert.deepEqual(seen, ['S1', 'S2', 'S3', 'S4', 'S5']);
    assert.equal(pages, 3);
    assertSpecClean(h);
  });

  test('should show a guest only their own spaces when a client guest lists spaces', async () => {
    const h = createConfluenceHarness();
    const acme = await setupSpaceWithReportsPage(h, { key: 'ACME' });
    const beta = await setupSpaceWithReportsPage(h, { key: 'BETA' });
    const list = await h.call('GET', '/wiki/api/v2/spaces', { as: HARNESS_USERS.clientGuest.accountId });
    assert.deepEqual((list.body as ListBody<SpaceBody>).results.map((s) => s.key), ['ACME']);
    assert.equal((await h.call('GET', `/wiki/api/v2/spaces/${acme.spaceId}`, { as: HARNESS_USERS.clientGuest.accountId })).status, 200);
    assert.equal((await h.call('GET', `/wiki/api/v2/spaces/${beta.spaceId}`, { as: HARNESS_USERS.clientGuest.accountId })).status, 404);
    const staff = await h.call('GET', '/wiki/api/v2/spaces', { as: HARNESS_USERS.manager.accountId });
    assert.deepEqual((staff.body as ListBody<SpaceBody>).results.map((s) => s.key), ['ACME', 'BETA']);
    assertSpecClean(h);
  });

  test('should show nothing when the caller is anonymous or has no Confluence access', async () => {
    const h = createConfluenceHarness();
    const { spaceId } = await setupSpaceWithReportsPage(h);
    for (const as of ['anonymous', HARNESS_USERS.jiraOnly.accountId]) {
      const list = await h.call('GET', '/wiki/api/v2/spaces', { as });
      assert.deepEqual((list.body as ListBody<SpaceBody>).results, [], as);
      assert.equal((await h.call('GET', `/wiki/api/v2/spaces/${spaceId}`, { as })).status, 404, as);
    }
  });

  test('should hide a private space from other members when it was created with v1 _private', async () => {
    const h = createConfluenceHarness();
    const res = await h.call('POST', '/wiki/rest/api/space/_private', { as: HARNESS_USERS.manager.accountId, body: { key: 'MINE', name: 'Mine' } });
    assert.equal(res.status, 200);
    const list = async (as: string) => ((await h.call('GET', '/wiki/api/v2/spaces', { as })).body as ListBody<SpaceBody>).results.map((s) => s.key);
    assert.deepEqual(await list(HARNESS_USERS.manager.accountId), ['MINE']);
    assert.deepEqual(await list(HARNESS_USERS.colleague.accountId), []);
    assert.deepEqual(await list('app'), ['MINE']);
  });
});
