import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../../shared/errors';
import { NotFoundOrForbiddenError, VersionConflictError } from '../atlassian/errors';
import { collect } from '../atlassian/paging';
import { fakeTransport, instantRetry, type FakeRoute } from '../atlassian/testing/fake-transport';
import { createConfluenceClient } from './client';
import { SpaceKeyTakenError } from './errors';
import { confluenceV1Error, confluenceV2Error, generateAttachment, generatePage, generateProperty, generateSpace, v2List } from './testing/factories';

function setup(routes: FakeRoute[]) {
  const transport = fakeTransport(routes);
  return { confluence: createConfluenceClient({ transport, retry: instantRetry() }), transport };
}

describe('ConfluenceClient spaces', () => {
  test('should find a space by key', async () => {
    const { confluence, transport } = setup([{ match: 'GET /wiki/api/v2/spaces', respond: { json: v2List([generateSpace({ id: '7', key: 'ACME', name: 'Acme', homepageId: '70' })]) } }]);
    assert.deepEqual(await confluence.getSpaceByKey('ACME'), { id: '7', key: 'ACME', name: 'Acme', homepageId: '70', type: 'global', status: 'current' });
    assert.equal(transport.calls[0]?.query.get('keys'), 'ACME');
  });

  test('should return null when no space has the key', async () => {
    const { confluence } = setup([{ match: 'GET /wiki/api/v2/spaces', respond: { json: v2List([]) } }]);
    assert.equal(await confluence.getSpaceByKey('NONE'), null);
  });

  test('should create a space through v1 and map the homepage', async () => {
    const { confluence, transport } = setup([{ match: 'POST /wiki/rest/api/space', respond: { json: { id: 98307, key: 'ACME', name: 'Acme', type: 'global', homepage: { id: '98400' } } } }]);
    assert.deepEqual(await confluence.createSpace({ key: 'ACME', name: 'Acme', description: 'Client space' }), { id: '98307', key: 'ACME', name: 'Acme', homepageId: '98400', type: 'global' });
    assert.deepEqual(transport.calls[0]?.json, { key: 'ACME', name: 'Acme', description: { plain: { value: 'Client space', representation: 'plain' } } });
  });

  test('should throw SpaceKeyTakenError when the key exists', async () => {
    const { confluence } = setup([
      { match: 'POST /wiki/rest/api/space', respond: confluenceV1Error(400, 'Space key is invalid or in use') },
      { match: 'GET /wiki/api/v2/spaces', respond: { json: v2List([generateSpace({ key: 'ACME' })]) } },
    ]);
    await assert.rejects(confluence.createSpace({ key: 'ACME', name: 'Acme' }), (e: unknown) => e instanceof SpaceKeyTakenError && e.key === 'ACME');
  });
});

describe('ConfluenceClient pages', () => {
  test('should look a page up by exact title in a space', async () => {
    const { confluence, transport } = setup([{ match: 'GET /wiki/api/v2/pages', respond: { json: v2List([generatePage({ id: '11', title: 'Reports' })]) } }]);
    const page = await confluence.getPageByTitle('98306', 'Reports');
    assert.equal(page?.id, '11');
    assert.equal(transport.calls[0]?.query.get('space-id'), '98306');
    assert.equal(transport.calls[0]?.query.get('title'), 'Reports');
  });

  test('should escape titles in the query string exactly as route does', async () => {
    const { confluence, transport } = setup([{ match: 'GET /wiki/api/v2/pages', respond: { json: v2List([]) } }]);
    assert.equal(await confluence.getPageByTitle('1', 'Q&A #1 / März?'), null);
    assert.match(transport.calls[0]?.path ?? '', /title=Q%26A%20%231%20%2F%20M%C3%A4rz%3F/);
  });

  test('should create a page with a storage body under the given parent', async () => {
    const { confluence, transport } = setup([{ match: 'POST /wiki/api/v2/pages', respond: { json: generatePage({ id: '12', title: 'March 2026', parentId: '11' }) } }]);
    const page = await confluence.createPage({ spaceId: '98306', parentId: '11', title: 'March 2026', storage: '<p>Hi</p>' });
    assert.equal(page.parentId, '11');
    assert.deepEqual(transport.calls[0]?.json, { spaceId: '98306', status: 'current', title: 'March 2026', body: { representation: 'storage', value: '<p>Hi</p>' }, parentId: '11' });
  });

  test('should return null when a page is missing and include the body when asked', async () => {
    const { confluence, transport } = setup([
      { match: 'GET /wiki/api/v2/pages/404', respond: confluenceV2Error(404, 'Not found', 'NOT_FOUND') },
      { match: 'GET /wiki/api/v2/pages/12', respond: { json: generatePage({ id: '12', storage: '<p>x</p>' }) } },
    ]);
    assert.equal(await confluence.getPage('404'), null);
    const page = await confluence.getPage('12', 'storage');
    assert.deepEqual(page?.body, { format: 'storage', value: '<p>x</p>' });
    assert.equal(transport.calls[1]?.query.get('body-format'), 'storage');
  });

  test('should PUT version + 1 and keep the title when updating the body', async () => {
    const { confluence, transport } = setup([
      { match: 'GET /wiki/api/v2/pages/12', respond: { json: generatePage({ id: '12', title: 'March', version: 4 }) } },
      { match: 'PUT /wiki/api/v2/pages/12', respond: (req) => ({ json: generatePage({ id: '12', title: 'March', version: (req.json as { version: { number: number } }).version.number }) }) },
    ]);
    const page = await confluence.updatePage('12', { storage: '<p>new</p>', versionMessage: 'Report refresh' });
    assert.equal(page.version, 5);
    assert.deepEqual(transport.calls[1]?.json, { id: '12', status: 'current', title: 'March', body: { representation: 'storage', value: '<p>new</p>' }, version: { number: 5, message: 'Report refresh' } });
  });

  test('should re-read and retry once when the update meets a 409', async () => {
    let version = 4;
    const { confluence, transport } = setup([
      { match: 'GET /wiki/api/v2/pages/12', respond: () => ({ json: generatePage({ id: '12', version: version++ }) }) },
      { match: 'PUT /wiki/api/v2/pages/12', times: 1, respond: confluenceV2Error(409, 'Version must be 6', 'CONFLICT') },
      { match: 'PUT /wiki/api/v2/pages/12', respond: { json: generatePage({ id: '12', version: 6 }) } },
    ]);
    assert.equal((await confluence.updatePage('12', { storage: '<p/>' })).version, 6);
    assert.deepEqual(transport.calls.map((c) => `${c.method} ${(c.json as { version?: { number: number } } | undefined)?.version?.number ?? ''}`), ['GET ', 'PUT 5', 'GET ', 'PUT 6']);
  });

  test('should throw VersionConflictError on a second 409', async () => {
    const { confluence } = setup([
      { match: 'GET /wiki/api/v2/pages/12', respond: { json: generatePage({ id: '12', version: 4 }) } },
      { match: 'PUT /wiki/api/v2/pages/12', respond: confluenceV2Error(409, 'Version conflict', 'CONFLICT') },
    ]);
    await assert.rejects(confluence.updatePage('12', { storage: '<p/>' }), VersionConflictError);
  });

  test('should keep the current body when only the title changes', async () => {
    const { confluence, transport } = setup([
      { match: 'GET /wiki/api/v2/pages/12', respond: { json: generatePage({ id: '12', version: 1, storage: '<p>keep</p>' }) } },
      { match: 'PUT /wiki/api/v2/pages/12', respond: { json: generatePage({ id: '12', version: 2 }) } },
    ]);
    await confluence.updatePage('12', { title: 'Renamed' });
    assert.equal(transport.calls[0]?.query.get('body-format'), 'storage');
    assert.deepEqual((transport.calls[1]?.json as { body: unknown; title: string }).body, { representation: 'storage', value: '<p>keep</p>' });
  });

  test('should follow cursor links when listing children', async () => {
    const next = '/wiki/api/v2/pages/11/direct-children?limit=100&cursor=abc';
    const { confluence, transport } = setup([
      { match: 'GET /wiki/api/v2/pages/11/direct-children', times: 1, respond: { headers: { Link: `<${next}>; rel="next"` }, json: v2List([{ id: '1', title: 'A', type: 'page', status: 'current' }], next) } },
      { match: 'GET /wiki/api/v2/pages/11/direct-children', respond: { json: v2List([{ id: '2', title: 'B', type: 'folder', status: 'current', childPosition: 3 }]) } },
    ]);
    const kids = await collect(confluence.listChildren('11'));
    assert.deepEqual(kids.map((k) => [k.id, k.type]), [['1', 'page'], ['2', 'folder']]);
    assert.equal(transport.calls[1]?.path, next);
  });
});

describe('ConfluenceClient properties', () => {
  test('should create a property when the key is new', async () => {
    const { confluence, transport } = setup([
      { match: 'GET /wiki/api/v2/pages/12/properties', respond: { json: v2List([]) } },
      { match: 'POST /wiki/api/v2/pages/12/properties', respond: { json: generateProperty({ id: '5', key: 'retainer.report', value: { month: '2026-03' } }) } },
    ]);
    assert.deepEqual(await confluence.setPageProperty('12', 'retainer.report', { month: '2026-03' }), { id: '5', key: 'retainer.report', value: { month: '2026-03' }, version: 1 });
    assert.deepEqual(transport.calls[1]?.json, { key: 'retainer.report', value: { month: '2026-03' } });
  });

  test('should update with version + 1 when the key exists', async () => {
    const { confluence, transport } = setup([
      { match: 'GET /wiki/api/v2/pages/12/properties', respond: { json: v2List([generateProperty({ id: '5', key: 'k', version: 3 })]) } },
      { match: 'PUT /wiki/api/v2/pages/12/properties/5', respond: { json: generateProperty({ id: '5', key: 'k', value: 2, version: 4 }) } },
    ]);
    assert.equal((await confluence.setPageProperty('12', 'k', 2)).version, 4);
    assert.deepEqual(transport.calls[1]?.json, { key: 'k', value: 2, version: { number: 4 } });
  });

  test('should return null when the page has no such property', async () => {
    const { confluence } = setup([{ match: 'GET /wiki/api/v2/pages/12/properties', respond: { json: v2List([generateProperty({ key: 'other' })]) } }]);
    assert.equal(await confluence.getPageProperty('12', 'k'), null);
  });
});

describe('ConfluenceClient attachments', () => {
  test('should PUT multipart with the XSRF header', async () => {
    const { confluence, transport } = setup([
      {
        match: 'PUT /wiki/rest/api/content/12/child/attachment',
        respond: { json: { results: [{ id: 'att9', type: 'attachment', title: 'report.pdf', version: { number: 2 }, extensions: { mediaType: 'application/pdf', fileSize: 3, fileId: 'f9' }, _links: { download: '/download/x' } }], size: 1 } },
      },
    ]);
    const a = await confluence.uploadAttachment('12', { filename: 'report.pdf', bytes: new Uint8Array([1, 2, 3]), contentType: 'application/pdf', comment: 'Звіт' });
    assert.deepEqual(a, { id: 'att9', title: 'report.pdf', version: 2, pageId: '12', mediaType: 'application/pdf', fileSize: 3, fileId: 'f9', downloadLink: '/download/x' });
    const req = transport.calls[0];
    assert.equal(req?.headers['x-atlassian-token'], 'no-check');
    assert.equal(req?.query.get('status'), 'current');
    assert.ok(req?.body instanceof FormData);
    const form = req.body as FormData;
    assert.equal(form.get('minorEdit'), 'true');
    assert.equal(form.get('comment'), 'Звіт');
    const file = form.get('file');
    assert.ok(file instanceof Blob);
    assert.equal((file as File).name, 'report.pdf');
    assert.deepEqual([...new Uint8Array(await file.arrayBuffer())], [1, 2, 3]);
  });

  test('should list attachments filtered by filename', async () => {
    const { confluence, transport } = setup([{ match: 'GET /wiki/api/v2/pages/12/attachments', respond: { json: v2List([generateAttachment({ id: 'att1', title: 'a.png', mediaType: 'image/png' })]) } }]);
    const list = await collect(confluence.getAttachments('12', { filename: 'a.png' }));
    assert.equal(list[0]?.id, 'att1');
    assert.equal(transport.calls[0]?.query.get('filename'), 'a.png');
  });

  test('should name the page when it is missing', async () => {
    const { confluence } = setup([{ match: 'PUT /wiki/rest/api/content/77/child/attachment', respond: confluenceV1Error(404, 'No content with id 77') }]);
    await assert.rejects(confluence.uploadAttachment('77', { filename: 'a.pdf', bytes: new Uint8Array(), contentType: 'application/pdf' }), (e: unknown) => e instanceof NotFoundOrForbiddenError && /Page 77/.test(e.message));
  });
});

describe('ConfluenceClient restrictions', () => {
  const restrictionBody = (read: string[], update: string[]) => ({
    results: [
      { operation: 'read', restrictions: { user: { results: read.map((accountId) => ({ type: 'known', accountId })), size: read.length }, group: { results: [], size: 0 } } },
      { operation: 'update', restrictions: { user: { results: update.map((accountId) => ({ type: 'known', accountId })), size: update.length }, group: { results: [], size: 0 } } },
    ],
  });

  test('should replace the read restriction and keep the edit restriction', async () => {
    const { confluence, transport } = setup([
      { match: 'GET /wiki/rest/api/content/12/restriction', respond: { json: restrictionBody([], ['editor']) } },
      { match: 'PUT /wiki/rest/api/content/12/restriction', respond: { json: restrictionBody(['app', 'guest'], ['editor']) } },
    ]);
    await confluence.setReadRestriction('12', { users: ['app', 'guest', 'app'], groups: [] });
    assert.deepEqual(transport.calls[1]?.json, [
      { operation: 'read', restrictions: { user: [{ type: 'known', accountId: 'app' }, { type: 'known', accountId: 'guest' }] } },
      { operation: 'update', restrictions: { user: [{ type: 'known', accountId: 'editor' }] } },
    ]);
  });

  test('should refuse an empty read restriction', async () => {
    const { confluence } = setup([]);
    await assert.rejects(confluence.setReadRestriction('12', { users: [], groups: [] }), ValidationError);
  });

  test('should DELETE when clearing and no edit restriction exists', async () => {
    const { confluence, transport } = setup([
      { match: 'GET /wiki/rest/api/content/12/restriction', respond: { json: restrictionBody(['guest'], []) } },
      { match: 'DELETE /wiki/rest/api/content/12/restriction', respond: { json: restrictionBody([], []) } },
    ]);
    await confluence.clearReadRestriction('12');
    assert.deepEqual(transport.calls.map((c) => c.method), ['GET', 'DELETE']);
  });

  test('should do nothing when clearing a page that has no read restriction', async () => {
    const { confluence, transport } = setup([{ match: 'GET /wiki/rest/api/content/12/restriction', respond: { json: restrictionBody([], ['editor']) } }]);
    await confluence.clearReadRestriction('12');
    assert.equal(transport.calls.length, 1);
  });
});
