// Confluence response factories for tests: realistic defaults, override what the test is about.
import type { FakeReply } from '../../atlassian/testing/fake-transport';

let seq = 0;
const next = (): number => ++seq;

/** A v2 PageSingle/PageBulk. Pass `storage` to include a storage body. */
export function generatePage(overrides: Partial<{ id: string; title: string; status: string; spaceId: string; parentId: string; version: number; storage: string }> = {}): Record<string, unknown> {
  const n = next();
  const id = overrides.id ?? String(300_000 + n);
  const page: Record<string, unknown> = {
    id,
    status: overrides.status ?? 'current',
    title: overrides.title ?? `Page ${n}`,
    spaceId: overrides.spaceId ?? '98306',
    parentType: 'page',
    authorId: '5b10a2844c20165700ede21g',
    createdAt: '2026-03-01T09:00:00.000Z',
    version: { number: overrides.version ?? 1, message: '', minorEdit: false, authorId: '5b10a2844c20165700ede21g', createdAt: '2026-03-01T09:00:00.000Z' },
    _links: { webui: `/spaces/ACME/pages/${id}`, editui: `/pages/resumedraft.action?draftId=${id}`, tinyui: '/x/abc' },
  };
  if (overrides.parentId !== undefined) page['parentId'] = overrides.parentId;
  if (overrides.storage !== undefined) page['body'] = { storage: { representation: 'storage', value: overrides.storage } };
  return page;
}

export function generateSpace(overrides: Partial<{ id: string; key: string; name: string; homepageId: string }> = {}): Record<string, unknown> {
  const n = next();
  return { id: String(98_000 + n), key: `SP${n}`, name: `Space ${n}`, type: 'global', status: 'current', homepageId: String(99_000 + n), ...overrides };
}

export function generateProperty(overrides: Partial<{ id: string; key: string; value: unknown; version: number }> = {}): Record<string, unknown> {
  const n = next();
  return { id: overrides.id ?? String(500_000 + n), key: overrides.key ?? `prop-${n}`, value: overrides.value ?? { n }, version: { number: overrides.version ?? 1, message: '', minorEdit: false, authorId: 'x', createdAt: '2026-03-01T09:00:00.000Z' } };
}

export function generateAttachment(overrides: Partial<{ id: string; title: string; pageId: string; mediaType: string; fileSize: number; version: number }> = {}): Record<string, unknown> {
  const n = next();
  return {
    id: overrides.id ?? `att${700_000 + n}`,
    status: 'current',
    title: overrides.title ?? `file-${n}.pdf`,
    pageId: overrides.pageId ?? '300001',
    mediaType: overrides.mediaType ?? 'application/pdf',
    fileSize: overrides.fileSize ?? 1024,
    fileId: `f${n}`,
    downloadLink: `/download/attachments/1/file-${n}.pdf`,
    version: { number: overrides.version ?? 1, message: '', minorEdit: true, authorId: 'x', createdAt: '2026-03-01T09:00:00.000Z' },
  };
}

/** A v2 list body; `next` adds `_links.next` (and the caller may add a Link header). */
export function v2List(results: unknown[], next?: string): Record<string, unknown> {
  return next ? { results, _links: { next, base: 'https://example.atlassian.net/wiki' } } : { results, _links: { base: 'https://example.atlassian.net/wiki' } };
}

/** A Confluence v2 error reply. */
export function confluenceV2Error(status: number, title: string, code = 'ERROR'): FakeReply {
  return { status, json: { errors: [{ status, code, title, detail: null }] } };
}

/** A Confluence v1 error reply. */
export function confluenceV1Error(status: number, message: string): FakeReply {
  return { status, json: { statusCode: status, data: { authorized: true, valid: status !== 400, errors: [{ message: { translation: message, args: [] } }], successful: false }, message } };
}
