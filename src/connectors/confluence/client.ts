// The Confluence Cloud client: REST v2 for spaces, pages, children, properties and attachment
// reads; v1 for space creation, attachment upload and restrictions (v2 has none of those as
// stable APIs). Every call goes through AtlassianHttp (retries, typed errors, zod bodies), paging
// comes from ../atlassian/paging, and paths are built with @forge/api's `route`.
import { route } from '@forge/api';
import { ValidationError } from '../../shared/errors';
import { VersionConflictError } from '../atlassian/errors';
import { AtlassianHttp, type AtlassianHttpOptions } from '../atlassian/http';
import { confluenceCursorPages, eachItem } from '../atlassian/paging';
import type { ProductPath } from '../atlassian/transport';
import { CONFLUENCE_MAX_LIMIT, CONFLUENCE_PAGE_SIZE, NO_CHECK_HEADERS, type BodyFormat } from './constants';
import { SpaceKeyTakenError } from './errors';
import {
  attachmentListSchema,
  childListSchema,
  pageListSchema,
  pageSchema,
  propertyListSchema,
  propertySchema,
  spaceListSchema,
  v1ContentArraySchema,
  v1RestrictionArraySchema,
  v1SpaceSchema,
} from './schemas';
import type {
  ConfluenceAttachment,
  ConfluenceChild,
  ConfluencePage,
  ConfluenceSpace,
  CreatePageInput,
  CreateSpaceInput,
  PageProperty,
  ReadRestriction,
  UpdatePageInput,
  UploadAttachmentInput,
} from './types';
import type { z } from 'zod';

export interface ConfluenceClient {
  getSpaceByKey(key: string): Promise<ConfluenceSpace | null>;
  createSpace(input: CreateSpaceInput): Promise<ConfluenceSpace>;
  getPageByTitle(spaceId: string, title: string): Promise<ConfluencePage | null>;
  createPage(input: CreatePageInput): Promise<ConfluencePage>;
  getPage(id: string, bodyFormat?: BodyFormat): Promise<ConfluencePage | null>;
  updatePage(id: string, input: UpdatePageInput): Promise<ConfluencePage>;
  listChildren(pageId: string): AsyncGenerator<ConfluenceChild, void, undefined>;
  getPageProperty(pageId: string, key: string): Promise<PageProperty | null>;
  createPageProperty(pageId: string, key: string, value: unknown): Promise<PageProperty>;
  updatePageProperty(pageId: string, current: Pick<PageProperty, 'id' | 'key' | 'version'>, value: unknown): Promise<PageProperty>;
  setPageProperty(pageId: string, key: string, value: unknown): Promise<PageProperty>;
  uploadAttachment(pageId: string, input: UploadAttachmentInput): Promise<ConfluenceAttachment>;
  getAttachments(pageId: string, opts?: { filename?: string }): AsyncGenerator<ConfluenceAttachment, void, undefined>;
  getReadRestriction(pageId: string): Promise<ReadRestriction>;
  setReadRestriction(pageId: string, restriction: ReadRestriction): Promise<void>;
  clearReadRestriction(pageId: string): Promise<void>;
}

export interface ConfluenceClientOptions extends AtlassianHttpOptions {
  /** Items per v2 list page (default 100, at most 250). */
  pageSize?: number;
}

export function createConfluenceClient(opts: ConfluenceClientOptions): ConfluenceClient {
  return new RestConfluenceClient(opts);
}

type PageBody = z.infer<typeof pageSchema>;
type RestrictionArray = z.infer<typeof v1RestrictionArraySchema>;
type Operation = 'read' | 'update';

const TAKEN = /already exists|already in use|is taken|already been used/i;

export class RestConfluenceClient implements ConfluenceClient {
  private readonly http: AtlassianHttp;
  private readonly pageSize: number;

  constructor(opts: ConfluenceClientOptions) {
    this.http = new AtlassianHttp('confluence', opts);
    this.pageSize = Math.min(CONFLUENCE_MAX_LIMIT, Math.max(1, Math.floor(opts.pageSize ?? CONFLUENCE_PAGE_SIZE)));
  }

  /**
   * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-space/#api-spaces-get
   * @returns null when no visible space has the key.
   */
  async getSpaceByKey(key: string): Promise<ConfluenceSpace | null> {
    const res = await this.http.json('GET', route`/wiki/api/v2/spaces?keys=${key}`, spaceListSchema, { what: 'Space', id: key });
    const s = res.results.find((x) => x.key === key) ?? res.results.find((x) => x.key.toUpperCase() === key.toUpperCase());
    if (!s) return null;
    return space(s.id, s.key, s.name, s.homepageId ?? undefined, s.type, s.status);
  }

  /**
   * Creates a global space through the stable v1 API (v2 space creation is an RBAC beta).
   * @see https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-space/#api-wiki-rest-api-space-post
   * @throws SpaceKeyTakenError, ValidationError, AtlassianForbiddenError (no Create Space permission), RateLimitedError, UpstreamError
   */
  async createSpace(input: CreateSpaceInput): Promise<ConfluenceSpace> {
    const body: Record<string, unknown> = { key: input.key, name: input.name };
    if (input.description) body['description'] = { plain: { value: input.description, representation: 'plain' } };
    try {
      const s = await this.http.json('POST', route`/wiki/rest/api/space`, v1SpaceSchema, { json: body, what: 'Space', id: input.key });
      return space(s.id, s.key, s.name, s.homepage?.id, s.type, s.status);
    } catch (e) {
      const rejected = e instanceof ValidationError || e instanceof VersionConflictError;
      if (!rejected) throw e;
      if (TAKEN.test(e.message) || (await this.getSpaceByKey(input.key)) !== null) throw new SpaceKeyTakenError(input.key, e.message);
      throw e;
    }
  }

  /**
   * Exact-title look-up in a space (the filter is case-sensitive; uniqueness is not: normalise titles).
   * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-get
   */
  async getPageByTitle(spaceId: string, title: string): Promise<ConfluencePage | null> {
    const res = await this.http.json('GET', route`/wiki/api/v2/pages?space-id=${spaceId}&title=${title}&limit=${25}`, pageListSchema, { what: 'Page', id: `"${title}" in space ${spaceId}` });
    const p = res.results.find((x) => x.title === title);
    return p ? toPage(p) : null;
  }

  /**
   * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-post
   * @throws ValidationError (incl. a duplicate title), NotFoundOrForbiddenError (space missing or no permission), RateLimitedError, UpstreamError
   */
  async createPage(input: CreatePageInput): Promise<ConfluencePage> {
    const body: Record<string, unknown> = { spaceId: input.spaceId, status: input.status ?? 'current', title: input.title, body: { representation: 'storage', value: input.storage } };
    if (input.parentId !== undefined) body['parentId'] = input.parentId;
    const p = await this.http.json('POST', route`/wiki/api/v2/pages`, pageSchema, { json: body, what: 'Page', id: `"${input.title}" in space ${input.spaceId}` });
    return toPage(p);
  }

  /**
   * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-id-get
   * @returns null on 404 (missing or not visible); the body only when bodyFormat is given.
   */
  async getPage(id: string, bodyFormat?: BodyFormat): Promise<ConfluencePage | null> {
    const path = bodyFormat ? route`/wiki/api/v2/pages/${id}?body-format=${bodyFormat}` : route`/wiki/api/v2/pages/${id}`;
    const p = await this.http.jsonOrNull('GET', path, pageSchema, { what: 'Page', id });
    return p ? toPage(p) : null;
  }

  /**
   * Reads the current version and writes version + 1; on 409 (someone saved in between) reads
   * again and retries once. Unchanged fields keep their current values.
   * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-id-put
   * @throws VersionConflictError (second 409), NotFoundOrForbiddenError, ValidationError, RateLimitedError, UpstreamError
   */
  async updatePage(id: string, input: UpdatePageInput): Promise<ConfluencePage> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.http.json('GET', input.storage === undefined ? route`/wiki/api/v2/pages/${id}?body-format=storage` : route`/wiki/api/v2/pages/${id}`, pageSchema, { what: 'Page', id });
      const storage = input.storage ?? current.body?.storage?.value ?? '';
      const version: Record<string, unknown> = { number: current.version.number + 1 };
      if (input.versionMessage) version['message'] = input.versionMessage;
      const body = { id, status: input.status ?? (current.status === 'draft' ? 'draft' : 'current'), title: input.title ?? current.title, body: { representation: 'storage', value: storage }, version, ...(input.parentId ? { parentId: input.parentId } : {}) };
      try {
        return toPage(await this.http.json('PUT', route`/wiki/api/v2/pages/${id}`, pageSchema, { json: body, what: 'Page', id, details: { version: current.version.number + 1 } }));
      } catch (e) {
        // v2 answers 409 on a stale version (observed; not in the spec's response list).
        if (e instanceof VersionConflictError && attempt === 1) continue;
        throw e;
      }
    }
  }

  /**
   * Direct children (pages, folders, …), cursor-paged.
   * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-children/#api-pages-id-direct-children-get
   */
  async *listChildren(pageId: string): AsyncGenerator<ConfluenceChild, void, undefined> {
    const pages = this.cursor(route`/wiki/api/v2/pages/${pageId}/direct-children?limit=${this.pageSize}`, childListSchema, 'Page', pageId);
    for await (const c of eachItem(pages)) {
      const child: ConfluenceChild = { id: c.id, title: c.title, type: c.type, status: c.status };
      if (c.spaceId !== undefined) child.spaceId = c.spaceId;
      if (c.childPosition !== undefined) child.childPosition = c.childPosition;
      yield child;
    }
  }

  /**
   * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-content-properties/#api-pages-page-id-properties-get
   * @returns null when the page has no property with this key.
   */
  async getPageProperty(pageId: string, key: string): Promise<PageProperty | null> {
    const res = await this.http.json('GET', route`/wiki/api/v2/pages/${pageId}/properties?key=${key}`, propertyListSchema, { what: 'Page', id: pageId, details: { propertyKey: key } });
    const p = res.results.find((x) => x.key === key);
    return p ? { id: p.id, key: p.key, value: p.value, version: p.version.number } : null;
  }

  /**
   * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-content-properties/#api-pages-page-id-properties-post
   * @throws ValidationError (e.g. the key exists), NotFoundOrForbiddenError, RateLimitedError, UpstreamError
   */
  async createPageProperty(pageId: string, key: string, value: unknown): Promise<PageProperty> {
    const p = await this.http.json('POST', route`/wiki/api/v2/pages/${pageId}/properties`, propertySchema, { json: { key, value }, what: 'Page', id: pageId, details: { propertyKey: key } });
    return { id: p.id, key: p.key, value: p.value, version: p.version.number };
  }

  /**
   * Writes version + 1 of a property you have read.
   * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-content-properties/#api-pages-page-id-properties-property-id-put
   * @throws VersionConflictError (stale version), NotFoundOrForbiddenError, ValidationError, RateLimitedError, UpstreamError
   */
  async updatePageProperty(pageId: string, current: Pick<PageProperty, 'id' | 'key' | 'version'>, value: unknown): Promise<PageProperty> {
    const p = await this.http.json('PUT', route`/wiki/api/v2/pages/${pageId}/properties/${current.id}`, propertySchema, {
      json: { key: current.key, value, version: { number: current.version + 1 } },
      what: 'Page property',
      id: `${pageId}/${current.key}`,
    });
    return { id: p.id, key: p.key, value: p.value, version: p.version.number };
  }

  /** Create-or-update by key, retrying once when another writer got there first. */
  async setPageProperty(pageId: string, key: string, value: unknown): Promise<PageProperty> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.getPageProperty(pageId, key);
      try {
        return current ? await this.updatePageProperty(pageId, current, value) : await this.createPageProperty(pageId, key, value);
      } catch (e) {
        const raced = e instanceof VersionConflictError || (current === null && e instanceof ValidationError);
        if (raced && attempt === 1) continue;
        throw e;
      }
    }
  }

  /**
   * Creates the attachment, or a new version when the filename exists (PUT, so re-runs never
   * duplicate). Multipart with the XSRF header the API requires.
   * @see https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content---attachments/#api-wiki-rest-api-content-id-child-attachment-put
   * @throws NotFoundOrForbiddenError (page missing or file too large), AtlassianForbiddenError, RateLimitedError, UpstreamError
   */
  async uploadAttachment(pageId: string, input: UploadAttachmentInput): Promise<ConfluenceAttachment> {
    if (input.filename.trim() === '') throw new ValidationError('Attachment filename is required', { filename: 'required' });
    const form = new FormData();
    form.append('file', new Blob([input.bytes.slice()], { type: input.contentType }), input.filename);
    form.append('minorEdit', String(input.minorEdit ?? true));
    if (input.comment !== undefined) form.append('comment', input.comment);
    const res = await this.http.json('PUT', route`/wiki/rest/api/content/${pageId}/child/attachment?status=current`, v1ContentArraySchema, {
      body: form,
      headers: { ...NO_CHECK_HEADERS },
      what: 'Page',
      id: pageId,
      details: { filename: input.filename },
    });
    const a = res.results.find((x) => x.title === input.filename) ?? res.results[0];
    if (!a) throw new ValidationError(`Confluence accepted ${input.filename} on page ${pageId} but returned no attachment`, {}, { pageId });
    const out: ConfluenceAttachment = { id: a.id, title: a.title, version: a.version.number, pageId };
    const ext = a.extensions;
    if (ext?.mediaType !== undefined) out.mediaType = ext.mediaType;
    if (ext?.fileSize !== undefined) out.fileSize = ext.fileSize;
    if (ext?.fileId !== undefined) out.fileId = ext.fileId;
    if (ext?.comment !== undefined) out.comment = ext.comment;
    if (a._links?.download !== undefined) out.downloadLink = a._links.download;
    return out;
  }

  /**
   * @see https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-attachment/#api-pages-id-attachments-get
   */
  async *getAttachments(pageId: string, opts: { filename?: string } = {}): AsyncGenerator<ConfluenceAttachment, void, undefined> {
    const first = opts.filename !== undefined ? route`/wiki/api/v2/pages/${pageId}/attachments?filename=${opts.filename}&limit=${this.pageSize}` : route`/wiki/api/v2/pages/${pageId}/attachments?limit=${this.pageSize}`;
    for await (const a of eachItem(this.cursor(first, attachmentListSchema, 'Page', pageId))) {
      const out: ConfluenceAttachment = { id: a.id, title: a.title, version: a.version.number };
      if (a.mediaType !== undefined) out.mediaType = a.mediaType;
      if (a.fileSize !== undefined) out.fileSize = a.fileSize;
      if (a.fileId !== undefined) out.fileId = a.fileId;
      if (a.comment !== undefined) out.comment = a.comment;
      if (a.downloadLink !== undefined) out.downloadLink = a.downloadLink;
      if (a.pageId !== undefined) out.pageId = a.pageId;
      yield out;
    }
  }

  /**
   * Who may read the page (empty lists: no read restriction).
   * @see https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content-restrictions/#api-wiki-rest-api-content-id-restriction-get
   */
  async getReadRestriction(pageId: string): Promise<ReadRestriction> {
    return restrictionOf(await this.restrictions(pageId), 'read');
  }

  /**
   * Replaces the read restriction, keeping any edit restriction as it was. Include the app's own
   * account id in `users` (Jira's getMyself when asApp), or later asApp calls lose the page.
   * @see https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content-restrictions/#api-wiki-rest-api-content-id-restriction-put
   * @throws ValidationError (nobody named), NotFoundOrForbiddenError, RateLimitedError, UpstreamError
   */
  async setReadRestriction(pageId: string, restriction: ReadRestriction): Promise<void> {
    const read = { users: [...new Set(restriction.users)], groups: [...new Set(restriction.groups)] };
    if (read.users.length === 0 && read.groups.length === 0) throw new ValidationError('A read restriction needs at least one user or group', { users: 'required' }, { pageId });
    const update = restrictionOf(await this.restrictions(pageId), 'update');
    await this.putRestrictions(pageId, [restrictionUpdate('read', read), ...(hasAny(update) ? [restrictionUpdate('update', update)] : [])]);
  }

  /**
   * Removes the read restriction only; an edit restriction stays.
   * @see https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content-restrictions/#api-wiki-rest-api-content-id-restriction-delete
   */
  async clearReadRestriction(pageId: string): Promise<void> {
    const current = await this.restrictions(pageId);
    if (!hasAny(restrictionOf(current, 'read'))) return;
    const update = restrictionOf(current, 'update');
    if (hasAny(update)) await this.putRestrictions(pageId, [restrictionUpdate('update', update)]);
    else await this.http.json('DELETE', route`/wiki/rest/api/content/${pageId}/restriction`, v1RestrictionArraySchema, { what: 'Page', id: pageId });
  }

  private async restrictions(pageId: string): Promise<RestrictionArray> {
    return this.http.json('GET', route`/wiki/rest/api/content/${pageId}/restriction`, v1RestrictionArraySchema, { what: 'Page', id: pageId });
  }

  private async putRestrictions(pageId: string, updates: unknown[]): Promise<void> {
    await this.http.json('PUT', route`/wiki/rest/api/content/${pageId}/restriction`, v1RestrictionArraySchema, { json: updates, what: 'Page', id: pageId });
  }

  private cursor<T>(first: ProductPath, schema: z.ZodType<{ results: T[]; _links?: { next?: string | undefined } | undefined }>, what: string, id: string): AsyncGenerator<T[], void, undefined> {
    return confluenceCursorPages(first, async (path) => {
      const res = await this.http.send('GET', path, { what, id });
      const body = this.http.check(schema, res, 'GET', path, { what, id });
      return { items: body.results, headers: res.headers, next: body._links?.next };
    });
  }
}

function space(id: string, key: string, name: string, homepageId: string | undefined, type: string | undefined, status: string | undefined): ConfluenceSpace {
  const out: ConfluenceSpace = { id, key, name };
  if (homepageId !== undefined) out.homepageId = homepageId;
  if (type !== undefined) out.type = type;
  if (status !== undefined) out.status = status;
  return out;
}

function toPage(p: PageBody): ConfluencePage {
  const out: ConfluencePage = { id: p.id, title: p.title, status: p.status, spaceId: p.spaceId, version: p.version.number };
  if (p.parentId) out.parentId = p.parentId;
  if (p.body?.storage) out.body = { format: 'storage', value: p.body.storage.value };
  else if (p.body?.atlas_doc_format) out.body = { format: 'atlas_doc_format', value: p.body.atlas_doc_format.value };
  if (p._links?.webui !== undefined) out.webuiLink = p._links.webui;
  return out;
}

function listOf<T>(v: T[] | { results: T[] } | undefined): T[] {
  if (!v) return [];
  return Array.isArray(v) ? v : v.results;
}

function restrictionOf(arr: RestrictionArray, op: Operation): ReadRestriction {
  const entry = arr.results.find((r) => r.operation === op);
  return { users: listOf(entry?.restrictions?.user).map((u) => u.accountId), groups: listOf(entry?.restrictions?.group).map((g) => g.name) };
}

const hasAny = (r: ReadRestriction): boolean => r.users.length > 0 || r.groups.length > 0;

/** One ContentRestrictionUpdate; empty arrays are omitted, as the API asks. */
function restrictionUpdate(operation: Operation, r: ReadRestriction): Record<string, unknown> {
  const restrictions: Record<string, unknown> = {};
  if (r.users.length > 0) restrictions['user'] = r.users.map((accountId) => ({ type: 'known', accountId }));
  if (r.groups.length > 0) restrictions['group'] = r.groups.map((name) => ({ type: 'group', name }));
  return { operation, restrictions };
}
