// Contract over HTTP: the emulated Confluence behind AtlassianSite (identity header, spec validation,
// request log), driven with Node's fetch and FormData the way the app's HTTP stack sends requests.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AtlassianSite } from '../../sandbox/atlassian/site';
import { HARNESS_USERS } from '../../sandbox/atlassian/confluence/harness';
import { renderStorage } from '../../sandbox/atlassian/confluence/render-storage';
import { PRINCIPAL_HEADER } from '../../sandbox/core/types';

let site: AtlassianSite;

before(async () => {
  site = await AtlassianSite.start();
  site.seed({ users: Object.values(HARNESS_USERS).filter((u) => u.accountId !== HARNESS_USERS.app.accountId) });
});

after(async () => {
  await site.close();
});

type As = 'app' | 'none' | `user:${string}`;

async function call(method: string, path: string, opts: { as?: As; json?: unknown; body?: FormData; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { [PRINCIPAL_HEADER]: opts.as ?? 'app', accept: 'application/json', ...opts.headers };
  let body: string | FormData | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.body) body = opts.body;
  return fetch(`${site.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

function assertNoViolations(): void {
  const bad = site.log.entries.filter((e) => e.service === 'confluence' && (e.specViolations?.length ?? 0) > 0);
  assert.deepEqual(bad.map((e) => `${e.method} ${e.path}: ${e.specViolations?.join('; ')}`), []);
}

let counter = 0;
/** A fresh client space with a Reports page, over HTTP. */
async function setupSpaceWithReportsPage(): Promise<{ key: string; spaceId: string; reportsPageId: string }> {
  const key = `HTTP${++counter}`;
  const space = await json<{ id: string }>(await call('POST', '/wiki/api/v2/spaces', { json: { key, name: `Client ${key}` } }));
  const page = await call('POST', '/wiki/api/v2/pages', { json: { spaceId: space.id, title: 'Reports', body: { representation: 'storage', value: '<p>Reports</p>' } } });
  assert.equal(page.status, 200);
  return { key, spaceId: space.id, reportsPageId: (await json<{ id: string }>(page)).id };
}

describe('Confluence over HTTP', () => {
  test('should create, update and read a page with spec-valid traffic when the app publishes a report', async () => {
    const { spaceId, reportsPageId } = await setupSpaceWithReportsPage();
    const created = await call('POST', '/wiki/api/v2/pages', {
      json: { spaceId, parentId: reportsPageId, title: 'Report 2026-03', body: { representation: 'storage', value: '<h1>March</h1><p>Clicks: 120</p>' } },
    });
    assert.equal(created.status, 200);
    const page = await json<{ id: string; version: { number: number } }>(created);
    const put = await call('PUT', `/wiki/api/v2/pages/${page.id}`, {
      json: { id: page.id, status: 'current', title: 'Report 2026-03', body: { representation: 'storage', value: '<h1>March</h1><p>Clicks: 125</p>' }, version: { number: 2, message: 'Metrics refreshed' } },
    });
    assert.equal(put.status, 200);
    const stale = await call('PUT', `/wiki/api/v2/pages/${page.id}`, {
      json: { id: page.id, status: 'current', title: 'Report 2026-03', body: { representation: 'storage', value: '<p>x</p>' }, version: { number: 2 } },
    });
    assert.equal(stale.status, 409);
    const read = await json<{ body: { storage: { value: string } } }>(await call('GET', `/wiki/api/v2/pages/${page.id}?body-format=storage`));
    assert.equal(read.body.storage.value, '<h1>March</h1><p>Clicks: 125</p>');
    assertNoViolations();
  });

  test('should follow the Link header through all pages when listing pages of a space', async () => {
    const { spaceId, reportsPageId } = await setupSpaceWithReportsPage();
    for (let i = 0; i < 5; i++) {
      await call('POST', '/wiki/api/v2/pages', { json: { spaceId, parentId: reportsPageId, title: `R${i}`, body: { representation: 'storage', value: '<p/>' } } });
    }
    let next: string | null = `/wiki/api/v2/spaces/${spaceId}/pages?limit=3`;
    const titles: string[] = [];
    while (next) {
      const res = await call('GET', next);
      const body = await json<{ results: Array<{ title: string }>; _links: { next?: string } }>(res);
      titles.push(...body.results.map((r) => r.title));
      const link = res.headers.get('link');
      next = link ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null) : null;
      assert.equal(next ?? undefined, body._links.next);
    }
    assert.equal(titles.length, 7);
    assertNoViolations();
  });

  test('should accept a FormData upload and serve the same bytes back when the app attaches a PDF', async () => {
    const { reportsPageId } = await setupSpaceWithReportsPage();
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0d, 0x0a, 0x00, 0xff, 0x2d, 0x2d, 0x0a]);
    const form = new FormData();
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'Звіт "березень".pdf');
    form.append('minorEdit', 'true');
    form.append('comment', 'Monthly report');
    const noToken = await call('POST', `/wiki/rest/api/content/${reportsPageId}/child/attachment`, { body: form });
    assert.equal(noToken.status, 403);
    const res = await call('POST', `/wiki/rest/api/content/${reportsPageId}/child/attachment`, { body: form, headers: { 'x-atlassian-token': 'no-check' } });
    assert.equal(res.status, 200);
    const att = (await json<{ results: Array<{ id: string; title: string; _links: { download: string } }> }>(res)).results[0];
    assert.equal(att?.title, 'Звіт "березень".pdf');
    const dup = await call('POST', `/wiki/rest/api/content/${reportsPageId}/child/attachment`, { body: form, headers: { 'x-atlassian-token': 'no-check' } });
    assert.equal(dup.status, 400);
    const dl = await call('GET', `/wiki${att?._links.download ?? ''}`);
    assert.equal(dl.status, 200);
    assert.equal(dl.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(new Uint8Array(await dl.arrayBuffer()), pdf);
    const redirect = await call('GET', `/wiki/rest/api/content/${reportsPageId}/child/attachment/${att?.id}/download`);
    assert.equal(redirect.status, 302);
    assertNoViolations();
  });

  test('should apply the identity header when a guest and a member read a restricted report', async () => {
    const { spaceId, reportsPageId } = await setupSpaceWithReportsPage();
    const guestOfThisSpace = { ...HARNESS_USERS.clientGuest, accountId: `712020:guest-${spaceId}`, guestOfSpaceKeys: [`HTTP${counter}`] };
    site.seed({ users: [guestOfThisSpace] });
    const page = await json<{ id: string }>(await call('POST', '/wiki/api/v2/pages', { json: { spaceId, parentId: reportsPageId, title: 'Draft report', body: { representation: 'storage', value: '<p/>' } } }));
    const restrict = await call('PUT', `/wiki/rest/api/content/${page.id}/restriction`, { json: [{ operation: 'read', restrictions: { group: [{ type: 'group', name: 'agency-staff' }] } }] });
    assert.equal(restrict.status, 200);
    assert.equal((await call('GET', `/wiki/api/v2/pages/${page.id}`, { as: `user:${guestOfThisSpace.accountId}` })).status, 404);
    assert.equal((await call('GET', `/wiki/api/v2/pages/${page.id}`, { as: `user:${HARNESS_USERS.manager.accountId}` })).status, 200);
    assert.equal((await call('GET', `/wiki/api/v2/pages/${page.id}`, { as: 'none' })).status, 404);
    const err = await json<{ errors: Array<{ status: number; code: string }> }>(await call('GET', `/wiki/api/v2/pages/${page.id}`, { as: `user:${guestOfThisSpace.accountId}` }));
    assert.equal(err.errors[0]?.status, 404);
    await call('DELETE', `/wiki/rest/api/content/${page.id}/restriction`);
    assert.equal((await call('GET', `/wiki/api/v2/pages/${page.id}`, { as: `user:${guestOfThisSpace.accountId}` })).status, 200);
    assertNoViolations();
  });

  test('should round-trip a Forge macro written in ADF into a placeholder when the viewer renders storage', async () => {
    const { spaceId } = await setupSpaceWithReportsPage();
    const key = '0f1e2d3c-aaaa-4bbb-8ccc-111122223333/9a8b7c6d-dddd-4eee-8fff-444455556666/static/retainer-feedback';
    const adf = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Your feedback:' }] },
        {
          type: 'extension',
          attrs: {
            extensionType: 'com.atlassian.ecosystem',
            extensionKey: key,
            text: 'Feedback',
            layout: 'default',
            localId: 'c0ffee00-0000-4000-8000-000000000001',
            parameters: { localId: 'c0ffee00-0000-4000-8000-000000000001', extensionId: `ari:cloud:ecosystem::extension/${key}`, extensionTitle: 'Feedback', render: 'native', guestParams: { reportId: 'rep-1' } },
          },
        },
      ],
    };
    const created = await call('POST', '/wiki/api/v2/pages', { json: { spaceId, title: 'Feedback page', body: { representation: 'atlas_doc_format', value: JSON.stringify(adf) } } });
    assert.equal(created.status, 200);
    const id = (await json<{ id: string }>(created)).id;
    const storage = await json<{ body: { storage: { value: string } } }>(await call('GET', `/wiki/api/v2/pages/${id}?body-format=storage`));
    const rendered = renderStorage(storage.body.storage.value, { pageId: id, attachmentUrl: (f) => f });
    assert.equal(rendered.macros.length, 1);
    assert.equal(rendered.macros[0]?.extensionKey, key);
    assert.deepEqual(rendered.macros[0]?.parameters['guestParams'], { reportId: 'rep-1' });
    assert.match(rendered.html, /<p>Your feedback:<\/p><div class="cf-forge-macro" data-forge-macro="/);
    assertNoViolations();
  });

  test('should include Confluence content in the site snapshot when pages exist', async () => {
    const { key } = await setupSpaceWithReportsPage();
    const snap = site.snapshot().confluence as { spaces: Array<{ key: string }>; pages: Array<{ space: string; path: string }> };
    assert.ok(snap.spaces.some((s) => s.key === key));
    assert.ok(snap.pages.some((p) => p.space === key && p.path === `Client ${key} Home / Reports`));
  });
});
