// Contract: Confluence v2 content properties on pages (addressed by id, versioned).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createConfluenceHarness, HARNESS_USERS, setupSpaceWithReportsPage, type ConfluenceHarness } from '../../sandbox/atlassian/confluence/harness';

interface PropertyBody {
  id: string;
  key: string;
  value: unknown;
  version: { number: number };
}
interface ListBody<T> {
  results: T[];
  _links: { next?: string };
}

async function setupPageWithProperty(h: ConfluenceHarness): Promise<{ pageId: string; property: PropertyBody }> {
  const { reportsPageId: pageId } = await setupSpaceWithReportsPage(h);
  const res = await h.call('POST', `/wiki/api/v2/pages/${pageId}/properties`, { body: { key: 'retainer.report', value: { serviceId: 's-1', month: '2026-03', amounts: ['100.00'] } } });
  assert.equal(res.status, 200);
  return { pageId, property: res.body as PropertyBody };
}

describe('Confluence content properties', () => {
  test('should return 200 with version 1 when a property is created', async () => {
    const h = createConfluenceHarness();
    const { property } = await setupPageWithProperty(h);
    assert.equal(property.key, 'retainer.report');
    assert.equal(property.version.number, 1);
    assert.deepEqual(property.value, { serviceId: 's-1', month: '2026-03', amounts: ['100.00'] });
    assert.deepEqual(h.violations, []);
  });

  test('should find the property id by exact key when listing with key=', async () => {
    const h = createConfluenceHarness();
    const { pageId, property } = await setupPageWithProperty(h);
    await h.call('POST', `/wiki/api/v2/pages/${pageId}/properties`, { body: { key: 'retainer.other', value: 1 } });
    const res = await h.call('GET', `/wiki/api/v2/pages/${pageId}/properties?key=retainer.report`);
    assert.deepEqual((res.body as ListBody<PropertyBody>).results.map((p) => p.id), [property.id]);
    const byId = await h.call('GET', `/wiki/api/v2/pages/${pageId}/properties/${property.id}`);
    assert.equal((byId.body as PropertyBody).key, 'retainer.report');
    assert.deepEqual(h.violations, []);
  });

  test('should reject with 400 when a property with the same key already exists', async () => {
    const h = createConfluenceHarness();
    const { pageId } = await setupPageWithProperty(h);
    const res = await h.call('POST', `/wiki/api/v2/pages/${pageId}/properties`, { body: { key: 'retainer.report', value: {} } });
    assert.equal(res.status, 400);
    assert.equal([...h.routes.state.properties.values()].length, 1);
  });

  test('should update with version = current + 1 and answer 409 otherwise', async () => {
    const h = createConfluenceHarness();
    const { pageId, property } = await setupPageWithProperty(h);
    const url = `/wiki/api/v2/pages/${pageId}/properties/${property.id}`;
    const ok = await h.call('PUT', url, { body: { key: 'retainer.report', value: { month: '2026-04' }, version: { number: 2, message: 'next month' } } });
    assert.equal(ok.status, 200);
    assert.equal((ok.body as PropertyBody).version.number, 2);
    const stale = await h.call('PUT', url, { body: { key: 'retainer.report', value: { month: 'lost' }, version: { number: 2 } } });
    assert.equal(stale.status, 409);
    const now = await h.call('GET', url);
    assert.deepEqual((now.body as PropertyBody).value, { month: '2026-04' });
    assert.deepEqual(h.violations, []);
  });

  test('should delete with 204 and then answer 404 when the property is gone', async () => {
    const h = createConfluenceHarness();
    const { pageId, property } = await setupPageWithProperty(h);
    const url = `/wiki/api/v2/pages/${pageId}/properties/${property.id}`;
    assert.equal((await h.call('DELETE', url)).status, 204);
    assert.equal((await h.call('GET', url)).status, 404);
    assert.deepEqual(h.violations, []);
  });

  test('should reject with 400 when the key is empty or the value is too large', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId: pageId } = await setupSpaceWithReportsPage(h);
    assert.equal((await h.call('POST', `/wiki/api/v2/pages/${pageId}/properties`, { body: { key: '', value: 1 } })).status, 400);
    assert.equal((await h.call('POST', `/wiki/api/v2/pages/${pageId}/properties`, { body: { key: 'big', value: 'x'.repeat(40_000) } })).status, 400);
  });

  test('should let a guest read but not write properties on a page they can see', async () => {
    const h = createConfluenceHarness();
    const { pageId, property } = await setupPageWithProperty(h);
    const guest = HARNESS_USERS.clientGuest.accountId;
    assert.equal((await h.call('GET', `/wiki/api/v2/pages/${pageId}/properties/${property.id}`, { as: guest })).status, 200);
    assert.equal((await h.call('POST', `/wiki/api/v2/pages/${pageId}/properties`, { as: guest, body: { key: 'x', value: 1 } })).status, 404);
    assert.equal((await h.call('GET', `/wiki/api/v2/pages/${pageId}/properties`, { as: HARNESS_USERS.otherGuest.accountId })).status, 404);
  });

  test('should include properties when the page is read with include-properties=true', async () => {
    const h = createConfluenceHarness();
    const { pageId, property } = await setupPageWithProperty(h);
    const res = await h.call('GET', `/wiki/api/v2/pages/${pageId}?include-properties=true`);
    const props = (res.body as { properties: { results: PropertyBody[]; meta: { hasMore: boolean } } }).properties;
    assert.deepEqual(props.results.map((p) => p.id), [property.id]);
    assert.equal(props.meta.hasMore, false);
    assert.deepEqual(h.violations, []);
  });
});
