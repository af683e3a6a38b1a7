// Contract: Confluence attachments — v1 multipart upload rules, versions, v2 reads, byte download.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createConfluenceHarness, HARNESS_USERS, multipartBody, setupSpaceWithReportsPage, type ConfluenceHarness, type MultipartField } from '../../sandbox/atlassian/confluence/harness';

interface V1Content {
  id: string;
  type: string;
  title: string;
  version: { number: number; minorEdit: boolean; message: string };
  extensions: { mediaType: string; fileSize: number; comment: string; fileId: string };
  _links: { download: string };
}
interface V1Array {
  results: V1Content[];
  size: number;
  _links: { next?: string };
}
interface V2Attachment {
  id: string;
  title: string;
  pageId: string;
  mediaType: string;
  fileSize: number;
  fileId: string;
  downloadLink: string;
  comment: string;
  version: { number: number };
}

// A small but real-looking PDF with bytes that trip naive text handling (NUL, 0xFF, CRLF, dashes).
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.from([0, 1, 2, 255, 13, 10, 45, 45]), Buffer.from('\n1 0 obj <<>> endobj\n%%EOF\n')]);

function upload(h: ConfluenceHarness, method: 'POST' | 'PUT', pageId: string, fields: MultipartField[], opts: { token?: string | null; as?: string; query?: string } = {}) {
  const { body, contentType } = multipartBody(fields);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (opts.token !== null) headers['x-atlassian-token'] = opts.token ?? 'no-check';
  return h.call(method, `/wiki/rest/api/content/${pageId}/child/attachment${opts.query ?? ''}`, { rawBody: body, headers, as: opts.as });
}

const pdfFields = (name = 'report-2026-03.pdf', comment?: string, data: Buffer = PDF): MultipartField[] => [
  { name: 'file', filename: name, contentType: 'application/pdf', data },
  { name: 'minorEdit', data: 'true' },
  ...(comment ? [{ name: 'comment', contentType: 'text/plain; charset=utf-8', data: comment }] : []),
];

async function setupReportWithPdf(h: ConfluenceHarness): Promise<{ pageId: string; attachment: V1Content }> {
  const { reportsPageId: pageId } = await setupSpaceWithReportsPage(h);
  const res = await upload(h, 'POST', pageId, pdfFields('report-2026-03.pdf', 'Звіт за березень'));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const attachment = (res.body as V1Array).results[0];
  assert.ok(attachment);
  return { pageId, attachment };
}

describe('Confluence attachments: upload', () => {
  test('should return a v1 ContentArray with the attachment when a PDF is uploaded', async () => {
    const h = createConfluenceHarness();
    const { attachment } = await setupReportWithPdf(h);
    assert.match(attachment.id, /^att[0-9]+$/);
    assert.equal(attachment.type, 'attachment');
    assert.equal(attachment.title, 'report-2026-03.pdf');
    assert.equal(attachment.extensions.mediaType, 'application/pdf');
    assert.equal(attachment.extensions.fileSize, PDF.length);
    assert.equal(attachment.extensions.comment, 'Звіт за березень');
    assert.equal(attachment.version.number, 1);
    assert.equal(attachment.version.minorEdit, true);
    assert.deepEqual(h.violations, []);
  });

  test('should answer 403 and store nothing when the X-Atlassian-Token header is missing', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId } = await setupSpaceWithReportsPage(h);
    const res = await upload(h, 'POST', reportsPageId, pdfFields(), { token: null });
    assert.equal(res.status, 403);
    assert.equal((res.body as { message: string }).message, 'XSRF check failed');
    assert.equal(h.routes.state.attachments.size, 0);
    assert.equal((await upload(h, 'PUT', reportsPageId, pdfFields(), { token: 'nocheck' })).status, 200, 'the nocheck spelling works too');
  });

  test('should answer 400 when POST repeats a filename that is already attached', async () => {
    const h = createConfluenceHarness();
    const { pageId } = await setupReportWithPdf(h);
    const res = await upload(h, 'POST', pageId, pdfFields('report-2026-03.pdf'));
    assert.equal(res.status, 400);
    assert.match((res.body as { message: string }).message, /same file name/);
    assert.equal(h.routes.state.attachments.size, 1);
    assert.deepEqual(h.violations, []);
  });

  test('should add a new version when PUT uploads a filename that exists', async () => {
    const h = createConfluenceHarness();
    const { pageId, attachment } = await setupReportWithPdf(h);
    const v2bytes = Buffer.concat([PDF, Buffer.from('% regenerated\n')]);
    const res = await upload(h, 'PUT', pageId, pdfFields('report-2026-03.pdf', 'regenerated', v2bytes));
    assert.equal(res.status, 200);
    const again = (res.body as V1Array).results[0];
    assert.equal(again?.id, attachment.id);
    assert.equal(again?.version.number, 2);
    assert.notEqual(again?.extensions.fileId, attachment.extensions.fileId, 'each version has its own media file id');
    const dl = await h.call('GET', `/wiki/download/attachments/${pageId}/report-2026-03.pdf`);
    assert.ok(Buffer.isBuffer(dl.body) && dl.body.equals(v2bytes));
    const old = await h.call('GET', `/wiki/download/attachments/${pageId}/report-2026-03.pdf?version=1`);
    assert.ok(Buffer.isBuffer(old.body) && old.body.equals(PDF));
    assert.deepEqual(h.violations, []);
  });

  test('should create the attachment when PUT uploads a new filename', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId } = await setupSpaceWithReportsPage(h);
    const res = await upload(h, 'PUT', reportsPageId, pdfFields('fresh.pdf'));
    assert.equal(res.status, 200);
    assert.equal((res.body as V1Array).results[0]?.version.number, 1);
  });

  test('should store several files with their comments in order when one request carries them', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId } = await setupSpaceWithReportsPage(h);
    const res = await upload(h, 'POST', reportsPageId, [
      { name: 'file', filename: 'chart.png', contentType: 'image/png', data: Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]) },
      { name: 'file', filename: 'data.csv', data: 'month,clicks\n2026-03,120\n' },
      { name: 'comment', data: 'chart' },
      { name: 'comment', data: 'raw data' },
      { name: 'minorEdit', data: 'false' },
    ]);
    assert.equal(res.status, 200);
    const results = (res.body as V1Array).results;
    assert.deepEqual(results.map((r) => [r.title, r.extensions.mediaType, r.extensions.comment]), [
      ['chart.png', 'image/png', 'chart'],
      ['data.csv', 'text/csv', 'raw data'],
    ]);
    const mismatched = await upload(h, 'POST', reportsPageId, [
      { name: 'file', filename: 'a.txt', data: 'a' },
      { name: 'file', filename: 'b.txt', data: 'b' },
      { name: 'comment', data: 'only one' },
      { name: 'minorEdit', data: 'false' },
    ]);
    assert.equal(mismatched.status, 400);
    assert.equal(h.routes.state.attachments.size, 2);
  });

  test('should answer 403 when a guest uploads and 404 when the page does not exist', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId } = await setupSpaceWithReportsPage(h);
    assert.equal((await upload(h, 'POST', reportsPageId, pdfFields(), { as: HARNESS_USERS.clientGuest.accountId })).status, 403);
    assert.equal((await upload(h, 'POST', '999999', pdfFields())).status, 404);
    assert.equal((await upload(h, 'POST', reportsPageId, pdfFields(), { as: HARNESS_USERS.otherGuest.accountId })).status, 404);
    assert.equal(h.routes.state.attachments.size, 0);
  });

  test('should need status=draft when attaching to a draft page', async () => {
    const h = createConfluenceHarness();
    const { spaceId } = await setupSpaceWithReportsPage(h);
    const draft = await h.call('POST', '/wiki/api/v2/pages', { body: { spaceId, status: 'draft', title: 'Draft report', body: { representation: 'storage', value: '<p/>' } } });
    const id = (draft.body as { id: string }).id;
    assert.equal((await upload(h, 'POST', id, pdfFields())).status, 404);
    assert.equal((await upload(h, 'POST', id, pdfFields(), { query: '?status=draft' })).status, 200);
  });

  test('should answer 415 when the upload is not multipart/form-data', async () => {
    const h = createConfluenceHarness();
    const { reportsPageId } = await setupSpaceWithReportsPage(h);
    const res = await h.call('POST', `/wiki/rest/api/content/${reportsPageId}/child/attachment`, { body: { file: 'x' }, headers: { 'x-atlassian-token': 'no-check' } });
    assert.equal(res.status, 415);
  });

  test('should replace the bytes as a new version when POST …/{attachmentId}/data is used', async () => {
    const h = createConfluenceHarness();
    const { pageId, attachment } = await setupReportWithPdf(h);
    const { body, contentType } = multipartBody([{ name: 'file', filename: 'whatever.pdf', data: Buffer.from('%PDF-new') }, { name: 'minorEdit', data: 'false' }]);
    const res = await h.call('POST', `/wiki/rest/api/content/${pageId}/child/attachment/${attachment.id}/data`, { rawBody: body, headers: { 'content-type': contentType, 'x-atlassian-token': 'no-check' } });
    assert.equal(res.status, 200);
    assert.equal((res.body as V1Content).version.number, 2);
    assert.equal((res.body as V1Content).title, 'report-2026-03.pdf');
    assert.deepEqual(h.violations, []);
  });
});

describe('Confluence attachments: reads and download', () => {
  test('should list attachments through v1 and v2 when the page has a PDF', async () => {
    const h = createConfluenceHarness();
    const { pageId, attachment } = await setupReportWithPdf(h);
    const v1 = await h.call('GET', `/wiki/rest/api/content/${pageId}/child/attachment?filename=report-2026-03.pdf`);
    assert.deepEqual((v1.body as V1Array).results.map((a) => a.id), [attachment.id]);
    const v2 = await h.call('GET', `/wiki/api/v2/pages/${pageId}/attachments`);
    const list = (v2.body as { results: V2Attachment[] }).results;
    assert.equal(list.length, 1);
    assert.equal(list[0]?.id, attachment.id);
    assert.equal(list[0]?.fileId, attachment.extensions.fileId);
    assert.equal(list[0]?.pageId, pageId);
    assert.equal(list[0]?.fileSize, PDF.length);
    const single = await h.call('GET', `/wiki/api/v2/attachments/${attachment.id}?include-versions=true`);
    assert.equal((single.body as V2Attachment).title, 'report-2026-03.pdf');
    assert.deepEqual(h.violations, []);
  });

  test('should serve the exact bytes with the media type when the download link is fetched', async () => {
    const h = createConfluenceHarness();
    const { pageId, attachment } = await setupReportWithPdf(h);
    const single = await h.call('GET', `/wiki/api/v2/attachments/${attachment.id}`);
    const link = (single.body as V2Attachment).downloadLink;
    const dl = await h.call('GET', `/wiki${link}`);
    assert.equal(dl.status, 200);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.ok(Buffer.isBuffer(dl.body) && dl.body.equals(PDF));
    const redirect = await h.call('GET', `/wiki/rest/api/content/${pageId}/child/attachment/${attachment.id}/download`);
    assert.equal(redirect.status, 302);
    assert.match(redirect.headers['location'] ?? '', new RegExp(`/wiki/download/attachments/${pageId}/report-2026-03.pdf`));
    assert.deepEqual(h.violations, []);
  });

  test('should answer 404 on download when the caller cannot see the page', async () => {
    const h = createConfluenceHarness();
    const { pageId } = await setupReportWithPdf(h);
    assert.equal((await h.call('GET', `/wiki/download/attachments/${pageId}/report-2026-03.pdf`, { as: HARNESS_USERS.otherGuest.accountId })).status, 404);
    assert.equal((await h.call('GET', `/wiki/download/attachments/${pageId}/report-2026-03.pdf`, { as: 'anonymous' })).status, 404);
    assert.equal((await h.call('GET', `/wiki/download/attachments/${pageId}/report-2026-03.pdf`, { as: HARNESS_USERS.clientGuest.accountId })).status, 200);
  });

  test('should trash and then purge when an attachment is deleted twice through v2', async () => {
    const h = createConfluenceHarness();
    const { pageId, attachment } = await setupReportWithPdf(h);
    // The v2 spec types the DELETE path id as an integer: the numeric part of "att…".
    const numericId = attachment.id.replace(/^att/, '');
    assert.equal((await h.call('DELETE', `/wiki/api/v2/attachments/${numericId}`)).status, 204);
    assert.equal((await h.call('GET', `/wiki/api/v2/attachments/${attachment.id}`)).status, 404);
    const trashed = await h.call('GET', `/wiki/api/v2/pages/${pageId}/attachments?status=trashed`);
    assert.equal((trashed.body as { results: V2Attachment[] }).results.length, 1);
    // The filename is free again once the old attachment is in the trash.
    assert.equal((await upload(h, 'POST', pageId, pdfFields('report-2026-03.pdf'))).status, 200);
    assert.equal((await h.call('DELETE', `/wiki/api/v2/attachments/${numericId}?purge=true`)).status, 204);
    assert.equal(h.routes.state.attachments.has(attachment.id), false);
    assert.deepEqual(h.violations, []);
  });
});
