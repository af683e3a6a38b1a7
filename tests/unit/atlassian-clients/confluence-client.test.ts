// The Confluence client against the emulated site: v2 and v1 requests must pass the site's spec
// checks, storage built by storage.ts must round-trip, and re-runs must not duplicate anything.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AtlassianSite } from '../../../sandbox/atlassian/site';
import type { SiteUser } from '../../../sandbox/atlassian/site-context';
import { APP_ACCOUNT_ID } from '../../../sandbox/core/types';
import { collect } from '../../../src/connectors/atlassian/paging';
import { instantRetry } from '../../../src/connectors/atlassian/testing/fake-transport';
import { createConfluenceClient, type ConfluenceClient } from '../../../src/connectors/confluence/client';
import { SpaceKeyTakenError } from '../../../src/connectors/confluence/errors';
import { attachmentImage, codeBlock, forgeMacro, heading, infoPanel, paragraph, statusLozenge, table, toStorage } from '../../../src/connectors/confluence/storage';
import { siteTransport } from './site-transport';

const GUEST: SiteUser = { accountId: '712020:client-guest-acme', displayName: 'Acme Client', accountType: 'atlassian', active: true, groups: [], guestOfSpaceKeys: ['ACME'] };

describe('ConfluenceClient against the emulated site', () => {
  let site: AtlassianSite;
  let wiki: ConfluenceClient;
  let spaceId = '';
  let homepageId = '';
  let reportId = '';

  before(async () => {
    site = await AtlassianSite.start({ now: () => new Date('2026-03-02T09:00:00Z') });
    site.seed({ users: [GUEST] });
    wiki = createConfluenceClient({ transport: siteTransport(site), retry: instantRetry() });
  });
  after(async () => {
    await site.close();
  });

  test('should create a space once and find it by key', async () => {
    assert.equal(await wiki.getSpaceByKey('ACME'), null);
    const s = await wiki.createSpace({ key: 'ACME', name: 'Acme Ltd', description: 'Client reports' });
    assert.ok(s.homepageId);
    const found = await wiki.getSpaceByKey('ACME');
    assert.equal(found?.id, s.id);
    assert.equal(found?.homepageId, s.homepageId);
    spaceId = s.id;
    homepageId = s.homepageId ?? '';
    await assert.rejects(wiki.createSpace({ key: 'ACME', name: 'Again' }), SpaceKeyTakenError);
  });

  test('should create a report page whose storage round-trips, hostile text included', async () => {
    const storage = toStorage(
      heading(1, 'March <2026> & "more"'),
      paragraph('Status: ', statusLozenge('Green', 'ON TRACK')),
      infoPanel('info', 'Budget ]]> spent <script>alert(1)</script>'),
      table({ header: ['Channel', 'Clicks'], rows: [['Google Ads', '1 204'], ['Yandex Direct', '987']] }),
      codeBlock('a ]]> b'),
      attachmentImage('chart.png', { width: 600, alt: 'Clicks' }),
      forgeMacro({
        appId: 'ari:cloud:ecosystem::app/0b5c1b48-2a7e-4f5b-9d6a-1f2e3d4c5b6a',
        environmentId: '7e1c9a40-2b3d-4c5e-8f9a-0b1c2d3e4f5a',
        macroKey: 'client-feedback',
        title: 'Feedback',
        localId: 'b1f2c3d4-0000-4000-8000-000000000001',
        guestParams: { reportId: 'r-1' },
      }),
    );
    const page = await wiki.createPage({ spaceId, parentId: homepageId, title: 'March 2026', storage });
    reportId = page.id;
    assert.equal(page.parentId, homepageId);
    const back = await wiki.getPage(page.id, 'storage');
    assert.equal(back?.body?.format, 'storage');
    assert.match(back?.body?.value ?? '', /&lt;script&gt;/);
    assert.match(back?.body?.value ?? '', /client-feedback/);
    assert.equal((await wiki.getPageByTitle(spaceId, 'March 2026'))?.id, page.id);
    assert.equal(await wiki.getPageByTitle(spaceId, 'April 2026'), null);
  });

  test('should bump the version on each update and keep the body on a rename', async () => {
    const v2 = await wiki.updatePage(reportId, { storage: toStorage(paragraph('v2')), versionMessage: 'refresh' });
    assert.equal(v2.version, 2);
    const v3 = await wiki.updatePage(reportId, { title: 'March 2026 (final)' });
    assert.equal(v3.version, 3);
    assert.equal((await wiki.getPage(reportId, 'storage'))?.body?.value, '<p>v2</p>');
  });

  test('should list direct children across cursor pages', async () => {
    for (let i = 0; i < 3; i++) await wiki.createPage({ spaceId, parentId: reportId, title: `Appendix ${i}`, storage: toStorage(paragraph(`A${i}`)) });
    const small = createConfluenceClient({ transport: siteTransport(site), retry: instantRetry(), pageSize: 2 });
    const before = site.log.entries.length;
    const kids = await collect(small.listChildren(reportId));
    assert.equal(site.log.entries.slice(before).filter((e) => e.path.endsWith('/direct-children')).length, 2);
    assert.deepEqual(kids.map((k) => k.title).sort(), ['Appendix 0', 'Appendix 1', 'Appendix 2']);
  });

  test('should upsert page properties by key', async () => {
    const p1 = await wiki.setPageProperty(reportId, 'retainer.report', { month: '2026-03', state: 'draft' });
    const p2 = await wiki.setPageProperty(reportId, 'retainer.report', { month: '2026-03', state: 'published' });
    assert.equal(p2.id, p1.id);
    assert.equal(p2.version, p1.version + 1);
    assert.deepEqual((await wiki.getPageProperty(reportId, 'retainer.report'))?.value, { month: '2026-03', state: 'published' });
  });

  test('should add a new attachment version instead of a duplicate when re-uploading', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);
    const a1 = await wiki.uploadAttachment(reportId, { filename: 'report-2026-03.pdf', bytes, contentType: 'application/pdf', comment: 'Звіт за березень' });
    const a2 = await wiki.uploadAttachment(reportId, { filename: 'report-2026-03.pdf', bytes, contentType: 'application/pdf', comment: 'Звіт за березень' });
    assert.equal(a2.id, a1.id);
    assert.equal(a2.version, a1.version + 1);
    const list = await collect(wiki.getAttachments(reportId));
    assert.equal(list.filter((a) => a.title === 'report-2026-03.pdf').length, 1);
    assert.equal(list[0]?.fileSize, bytes.length);
  });

  test('should set, read and clear a read restriction', async () => {
    await wiki.setReadRestriction(reportId, { users: [APP_ACCOUNT_ID, GUEST.accountId], groups: ['agency-staff'] });
    const r = await wiki.getReadRestriction(reportId);
    assert.deepEqual([...r.users].sort(), [APP_ACCOUNT_ID, GUEST.accountId].sort());
    assert.deepEqual(r.groups, ['agency-staff']);
    await wiki.clearReadRestriction(reportId);
    assert.deepEqual(await wiki.getReadRestriction(reportId), { users: [], groups: [] });
  });

  test('should ride out an injected 503 with Retry-After', async () => {
    site.faults.force((m, p) => m === 'GET' && p.startsWith('/wiki/api/v2/spaces'), { kind: 'unavailable', delayMs: 0, status: 503, retryAfterSeconds: 1 }, 1);
    assert.equal((await wiki.getSpaceByKey('ACME'))?.id, spaceId);
  });

  test('should have sent only requests the Confluence specs accept', () => {
    const bad = site.requestViolations().map((e) => `${e.method} ${e.path}: ${e.specViolations?.join('; ')}`);
    assert.deepEqual(bad, []);
    assert.deepEqual(site.responseViolations().map((e) => `${e.method} ${e.path}`), []);
  });
});
