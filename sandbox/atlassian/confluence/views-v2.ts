// v2 response shapes (SpaceBulk/Single, PageBulk/Single, PageVersion, ContentProperty, AttachmentBulk/Single),
// checked against confluence.openapi-v2.v3.json. Optional fields are omitted rather than sent as null
// unless the spec marks them nullable.
import type { AttachmentRecord, AttachmentVersion, PageRecord, PageRevision, PropertyRecord, SpaceRecord, VersionMeta } from './model';

export interface V2Version {
  number: number;
  message: string;
  minorEdit: boolean;
  authorId: string;
  createdAt: string;
}

export function v2Version(v: VersionMeta): V2Version {
  return { number: v.number, message: v.message, minorEdit: v.minorEdit, authorId: v.authorId, createdAt: v.createdAt };
}

function slug(title: string): string {
  return title.trim().split(/\s+/).map(encodeURIComponent).join('+');
}

export function spaceView(s: SpaceRecord, opts: { descriptionFormat?: 'plain' | 'view'; includeIcon?: boolean } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id,
    key: s.key,
    name: s.name,
    type: s.type,
    status: s.status,
    authorId: s.authorId,
    createdAt: s.createdAt,
    homepageId: s.homepageId,
    currentActiveAlias: s.key,
    _links: { webui: `/spaces/${encodeURIComponent(s.key)}` },
  };
  if (opts.descriptionFormat === 'plain') out['description'] = { plain: { representation: 'plain', value: s.description } };
  if (opts.descriptionFormat === 'view') {
    const html = s.description.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    out['description'] = { view: { representation: 'view', value: html ? `<p>${html}</p>` : '' } };
  }
  if (opts.includeIcon) out['icon'] = { path: '/images/logo/default-space-logo.svg', apiDownloadLink: '/download/attachments/default-space-logo.svg' };
  return out;
}

export interface PageViewOptions {
  spaceKey: string;
  body?: Record<string, { representation: string; value: string }>;
  includeVersion?: boolean;
  /** Shown instead of the page's current revision (GET ?version=N). */
  revision?: PageRevision;
  statusOverride?: string;
}

/** PageBulk (lists) and the core of PageSingle. */
export function pageView(p: PageRecord, opts: PageViewOptions): Record<string, unknown> {
  const rev = opts.revision ?? p.current;
  const out: Record<string, unknown> = {
    id: p.id,
    status: opts.statusOverride ?? p.status,
    title: rev.title,
    spaceId: p.spaceId,
  };
  if (p.parentId) {
    out['parentId'] = p.parentId;
    out['parentType'] = 'page';
  }
  out['position'] = p.position;
  out['authorId'] = p.authorId;
  out['ownerId'] = p.ownerId;
  out['lastOwnerId'] = null;
  out['createdAt'] = p.createdAt;
  if (opts.includeVersion !== false) out['version'] = v2Version(rev);
  if (opts.body) out['body'] = opts.body;
  const key = encodeURIComponent(opts.spaceKey);
  out['_links'] = {
    webui: `/spaces/${key}/pages/${p.id}/${slug(rev.title)}`,
    editui: `/pages/resumedraft.action?draftId=${p.id}`,
    tinyui: `/x/${Buffer.from(p.id).toString('base64url')}`,
  };
  return out;
}

/** Adds `_links.base` (single-entity responses). */
export function withBase(view: Record<string, unknown>, baseUrl: string): Record<string, unknown> {
  const links = (view['_links'] ?? {}) as Record<string, unknown>;
  return { ...view, _links: { ...links, base: `${baseUrl}/wiki` } };
}

export function pageBulkView(p: PageRecord, opts: PageViewOptions): Record<string, unknown> {
  return { ...pageView(p, opts), subtype: p.subtype };
}

export function pageVersionView(p: PageRecord, rev: PageRevision, body?: Record<string, { representation: string; value: string }>): Record<string, unknown> {
  const page: Record<string, unknown> = { id: p.id, title: rev.title };
  if (body) page['body'] = body;
  return { ...v2Version(rev), page };
}

export function childView(p: PageRecord, withType: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { id: p.id, status: p.status === 'archived' ? 'archived' : 'current', title: p.current.title };
  if (withType) out['type'] = 'page';
  out['spaceId'] = p.spaceId;
  out['childPosition'] = p.position;
  return out;
}

export function propertyView(p: PropertyRecord): Record<string, unknown> {
  return { id: p.id, key: p.key, value: p.value, version: v2Version(p.version) };
}

export function downloadPath(a: AttachmentRecord, ver: AttachmentVersion): string {
  const ms = Date.parse(ver.createdAt);
  return `/download/attachments/${a.pageId}/${encodeURIComponent(a.title)}?version=${ver.number}&modificationDate=${ms}&cacheVersion=1&api=v2`;
}

export function mediaTypeDescription(mediaType: string): string {
  const known: Record<string, string> = {
    'application/pdf': 'PDF Document',
    'image/png': 'PNG Image',
    'image/jpeg': 'JPEG Image',
    'image/gif': 'GIF Image',
    'image/svg+xml': 'SVG Image',
    'text/csv': 'CSV File',
    'text/plain': 'Text File',
    'application/json': 'JSON File',
  };
  return known[mediaType] ?? 'File';
}

export function attachmentView(a: AttachmentRecord, ver: AttachmentVersion = a.versions[a.versions.length - 1] as AttachmentVersion): Record<string, unknown> {
  const download = downloadPath(a, ver);
  const webui = `/pages/viewpageattachments.action?pageId=${a.pageId}&preview=${encodeURIComponent(`/${a.pageId}/${a.id}/${a.title}`)}`;
  return {
    id: a.id,
    status: a.status,
    title: a.title,
    createdAt: a.createdAt,
    pageId: a.pageId,
    mediaType: ver.mediaType,
    mediaTypeDescription: mediaTypeDescription(ver.mediaType),
    comment: ver.comment,
    fileId: ver.fileId,
    fileSize: ver.bytes.length,
    webuiLink: webui,
    downloadLink: download,
    version: v2Version(ver),
    _links: { webui, download },
  };
}
