// The emulated Confluence site's content and the rules for changing it. Every operation takes the
// caller (a Viewer) and enforces visibility, so routes cannot forget a permission check. Operations
// throw ConfluenceError; routes translate that into the v1 or v2 error shape.
import { createHash } from 'node:crypto';
import type { SiteContext } from '../site-context';
import { canCreateSpace, canSeeSpace, canWriteIn, inPrincipalSet, type Viewer } from './access';
import { badRequest, conflict, forbidden, notFound, unauthorized } from './errors';
import {
  emptyRestrictions,
  type AttachmentRecord,
  type AttachmentVersion,
  type PageRecord,
  type PageRevision,
  type PageStatus,
  type PrincipalSet,
  type PropertyRecord,
  type RestrictionOperation,
  type Restrictions,
  type SpaceRecord,
  type StoredBody,
} from './model';

export interface ConfluenceOptions {
  /** Largest accepted attachment, in bytes (Confluence Cloud's default is 100 MB). */
  maxAttachmentBytes?: number;
  /** Largest content property value, as serialised JSON characters. */
  maxPropertyValueChars?: number;
}

export const DUPLICATE_TITLE_MESSAGE = 'A page with this title already exists: A page already exists with the same TITLE in this space';

const SPACE_KEY_RE = /^[A-Za-z0-9]{1,255}$/;

/** The page fields a create call may set. */
export interface CreatePageInput {
  spaceId: string;
  status: 'current' | 'draft';
  title: string;
  parentId?: string;
  rootLevel?: boolean;
  private?: boolean;
  body: StoredBody;
  subtype?: 'live' | null;
}

export interface UpdatePageInput {
  status: 'current' | 'draft';
  title: string;
  body: StoredBody;
  versionNumber: number;
  versionMessage?: string;
  parentId?: string;
  spaceId?: string;
  ownerId?: string;
}

export interface UploadFile {
  filename: string;
  mediaType: string;
  bytes: Buffer;
  comment: string;
}

/** Deterministic UUID-shaped id (ADF media file ids, group ids) so snapshots and reruns agree. */
export function stableUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function groupIdOf(name: string): string {
  return stableUuid(`group:${name}`);
}

export class ConfluenceState {
  readonly spaces = new Map<string, SpaceRecord>();
  readonly pages = new Map<string, PageRecord>();
  readonly properties = new Map<string, PropertyRecord>();
  readonly attachments = new Map<string, AttachmentRecord>();
  readonly maxAttachmentBytes: number;
  readonly maxPropertyValueChars: number;

  constructor(private readonly ctx: SiteContext, opts: ConfluenceOptions = {}) {
    this.maxAttachmentBytes = opts.maxAttachmentBytes ?? 100 * 1024 * 1024;
    this.maxPropertyValueChars = opts.maxPropertyValueChars ?? 32_768;
  }

  private now(): string {
    return this.ctx.now().toISOString();
  }

  private newId(): string {
    return String(this.ctx.nextId());
  }

  // ------------------------------------------------------------------ spaces

  spaceByKey(key: string): SpaceRecord | undefined {
    const k = key.toUpperCase();
    for (const s of this.spaces.values()) if (s.key.toUpperCase() === k) return s;
    return undefined;
  }

  /** Creates a space with its homepage. Errors: 401 anonymous, 403 no permission, 400 bad or duplicate key. */
  createSpace(v: Viewer, input: { key?: string; name: string; description?: string; private?: boolean; alias?: string }): SpaceRecord {
    if (v.kind === 'anonymous') throw unauthorized();
    if (!canCreateSpace(v)) throw forbidden('You do not have permission to create spaces');
    const name = input.name.trim();
    if (!name) throw badRequest('Space name is required');
    if (name.length > 200) throw badRequest('Space name must be at most 200 characters');
    const key = input.key ?? deriveKey(input.alias ?? name);
    if (!SPACE_KEY_RE.test(key)) throw badRequest(`Space key "${key}" is invalid: use letters and digits only`);
    if (this.spaceByKey(key)) throw badRequest(`A space already exists with key ${key}`);
    const at = this.now();
    const space: SpaceRecord = {
      id: this.newId(),
      key,
      name,
      type: 'global',
      status: 'current',
      authorId: actor(v),
      createdAt: at,
      homepageId: '',
      description: input.description ?? '',
      private: input.private ?? false,
    };
    this.spaces.set(space.id, space);
    const home = this.insertPage(v.accountId, {
      spaceId: space.id,
      status: 'current',
      title: `${name} Home`,
      body: { representation: 'storage', value: `<p>Welcome to ${escapeText(name)}.</p>` },
      rootLevel: true,
    });
    space.homepageId = home.id;
    return space;
  }

  visibleSpaces(v: Viewer): SpaceRecord[] {
    return [...this.spaces.values()].filter((s) => canSeeSpace(v, s));
  }

  /** 404 unless the viewer may see it. */
  getSpace(v: Viewer, id: string): SpaceRecord {
    const s = this.spaces.get(id);
    if (!s || !canSeeSpace(v, s)) throw notFound(`Space ${id} not found`);
    return s;
  }

  // ------------------------------------------------------------------ page visibility

  private spaceOf(p: PageRecord): SpaceRecord {
    const s = this.spaces.get(p.spaceId);
    if (!s) throw new Error(`page ${p.id} has no space`);
    return s;
  }

  /** Read restrictions of a page and all its ancestors must admit the viewer (the app sees everything). */
  private readAllowed(v: Viewer, p: PageRecord): boolean {
    if (v.kind === 'app') return true;
    const seen = new Set<string>();
    let cur: PageRecord | undefined = p;
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      if (!inPrincipalSet(v, cur.restrictions.read)) return false;
      cur = cur.parentId ? this.pages.get(cur.parentId) : undefined;
    }
    return true;
  }

  /** Can the viewer see this page at all (ignoring which statuses the request asked for)? */
  canView(v: Viewer, p: PageRecord): boolean {
    if (!canSeeSpace(v, this.spaceOf(p))) return false;
    // An unpublished draft belongs to its author.
    if (p.status === 'draft' && v.kind !== 'app' && (v.kind === 'anonymous' || v.accountId !== p.authorId)) return false;
    return this.readAllowed(v, p);
  }

  canEdit(v: Viewer, p: PageRecord): boolean {
    if (!this.canView(v, p) || !canWriteIn(v, this.spaceOf(p))) return false;
    return v.kind === 'app' || inPrincipalSet(v, p.restrictions.update);
  }

  /** A page the viewer may see, in one of `statuses` (default: anything but trashed). 404 otherwise. */
  getPage(v: Viewer, id: string, statuses?: readonly PageStatus[]): PageRecord {
    const p = this.pages.get(id);
    const allowed = statuses ?? ['current', 'archived', 'draft'];
    if (!p || !allowed.includes(p.status) || !this.canView(v, p)) throw notFound(`Page ${id} not found`);
    return p;
  }

  /** A page the viewer may change. Not-found and forbidden are both 404, like v2. */
  editablePage(v: Viewer, id: string, statuses?: readonly PageStatus[]): PageRecord {
    if (v.kind === 'anonymous') throw unauthorized();
    const p = this.getPage(v, id, statuses);
    if (!this.canEdit(v, p)) throw notFound(`Page ${id} not found`);
    return p;
  }

  visiblePages(v: Viewer): PageRecord[] {
    return [...this.pages.values()].filter((p) => this.canView(v, p));
  }

  /** Current (and archived) children the viewer may see, by position. */
  childrenOf(v: Viewer, id: string): PageRecord[] {
    return [...this.pages.values()]
      .filter((p) => p.parentId === id && (p.status === 'current' || p.status === 'archived') && this.canView(v, p))
      .sort((a, b) => a.position - b.position || Number(a.id) - Number(b.id));
  }

  // ------------------------------------------------------------------ page writes

  private titleTaken(spaceId: string, title: string, exceptId?: string): boolean {
    const t = title.toLowerCase();
    for (const p of this.pages.values()) {
      if (p.spaceId === spaceId && p.id !== exceptId && (p.status === 'current' || p.status === 'archived') && p.current.title.toLowerCase() === t) return true;
    }
    return false;
  }

  private nextPosition(spaceId: string, parentId: string | undefined): number {
    let max = -1;
    for (const p of this.pages.values()) if (p.spaceId === spaceId && p.parentId === parentId) max = Math.max(max, p.position);
    return max + 1;
  }

  private insertPage(authorId: string, input: CreatePageInput): PageRecord {
    const at = this.now();
    const revision: PageRevision = {
      number: 1,
      message: '',
      minorEdit: false,
      authorId,
      createdAt: at,
      title: input.title,
      body: input.body,
    };
    const page: PageRecord = {
      id: this.newId(),
      spaceId: input.spaceId,
      status: input.status,
      parentId: input.parentId,
      position: this.nextPosition(input.spaceId, input.parentId),
      authorId,
      ownerId: authorId,
      createdAt: at,
      subtype: input.subtype ?? null,
      current: revision,
      history: input.status === 'current' ? [revision] : [],
      restrictions: emptyRestrictions(),
    };
    if (input.private) {
      page.restrictions.read.users.push(authorId);
      page.restrictions.update.users.push(authorId);
    }
    this.pages.set(page.id, page);
    return page;
  }

  /** POST /pages. 404 when the space is missing or not writable; 400 on a duplicate title or bad parent. */
  createPage(v: Viewer, input: CreatePageInput): PageRecord {
    if (v.kind === 'anonymous') throw unauthorized();
    const space = this.spaces.get(input.spaceId);
    if (!space || !canWriteIn(v, space)) throw notFound(`Space ${input.spaceId} not found or you cannot create pages in it`);
    const title = input.title.trim();
    if (input.status === 'current' && !title) throw badRequest('Title is required when creating a published page');
    if (title.length > 255) throw badRequest('Title must be at most 255 characters');
    let parentId = input.parentId;
    if (parentId !== undefined) {
      if (input.rootLevel) throw badRequest('parentId must be omitted when root-level is true');
      const parent = this.pages.get(parentId);
      if (!parent || parent.status === 'trashed' || !this.canView(v, parent)) throw notFound(`Parent page ${parentId} not found`);
      if (parent.spaceId !== space.id) throw badRequest('The parent page is in a different space');
    } else if (!input.rootLevel && space.homepageId) {
      parentId = space.homepageId;
    }
    if (input.status === 'current' && this.titleTaken(space.id, title)) throw badRequest(DUPLICATE_TITLE_MESSAGE, 'BAD_REQUEST');
    return this.insertPage(v.accountId, { ...input, title, parentId });
  }

  /** PUT /pages/{id}: version must be current + 1 (409 otherwise); draft → current publishes. */
  updatePage(v: Viewer, id: string, input: UpdatePageInput): PageRecord {
    const p = this.editablePage(v, id, ['current', 'archived', 'draft', 'trashed']);
    const space = this.spaceOf(p);
    if (input.spaceId !== undefined && input.spaceId !== p.spaceId) throw badRequest('Moving a page to another space is not supported');
    const title = input.title.trim();
    if (title.length > 255) throw badRequest('Title must be at most 255 characters');

    if (p.status === 'trashed') {
      // Restoring from the trash changes the status only.
      if (input.status !== 'current') throw badRequest('A trashed page can only be restored to current');
      if (this.titleTaken(space.id, p.current.title, p.id)) throw badRequest(DUPLICATE_TITLE_MESSAGE, 'BAD_REQUEST');
      p.status = 'current';
      return p;
    }

    if (input.status === 'draft') {
      if (p.status !== 'draft') throw badRequest('The sandbox does not model a separate draft of a published page');
      if (input.versionNumber !== 1) throw conflict(`Version must be 1 when updating a draft. Current version is: ${p.current.number}`);
      p.current = { ...p.current, title, body: input.body, createdAt: this.now(), authorId: actor(v) };
      this.applyMove(v, p, input.parentId);
      if (input.ownerId) p.ownerId = input.ownerId;
      return p;
    }

    if (!title) throw badRequest('Title is required for a published page');
    if (this.titleTaken(space.id, title, p.id)) throw badRequest(DUPLICATE_TITLE_MESSAGE, 'BAD_REQUEST');

    if (p.status === 'draft') {
      // First publish. The draft is version 1; accept 1 (publish as is) or 2 (the usual GET → bump → PUT).
      if (input.versionNumber !== 1 && input.versionNumber !== 2) {
        throw conflict(`Version must be incremented on update. Current version is: ${p.current.number}`);
      }
      this.applyMove(v, p, input.parentId);
      const rev: PageRevision = { number: 1, message: input.versionMessage ?? '', minorEdit: false, authorId: actor(v), createdAt: this.now(), title, body: input.body };
      p.current = rev;
      p.history = [rev];
      p.status = 'current';
      if (input.ownerId) p.ownerId = input.ownerId;
      return p;
    }

    if (input.versionNumber !== p.current.number + 1) {
      throw conflict(`Version must be incremented on update. Current version is: ${p.current.number}`);
    }
    this.applyMove(v, p, input.parentId);
    const rev: PageRevision = {
      number: input.versionNumber,
      message: input.versionMessage ?? '',
      minorEdit: false,
      authorId: actor(v),
      createdAt: this.now(),
      title,
      body: input.body,
    };
    p.current = rev;
    p.history.push(rev);
    if (input.ownerId) p.ownerId = input.ownerId;
    return p;
  }

  private applyMove(v: Viewer, p: PageRecord, parentId: string | undefined): void {
    if (parentId === undefined || parentId === p.parentId) return;
    const parent = this.pages.get(parentId);
    if (!parent || parent.status === 'trashed' || !this.canView(v, parent)) throw notFound(`Parent page ${parentId} not found`);
    if (parent.spaceId !== p.spaceId) throw badRequest('Moving a page to another space is not supported');
    for (let cur: PageRecord | undefined = parent; cur; cur = cur.parentId ? this.pages.get(cur.parentId) : undefined) {
      if (cur.id === p.id) throw badRequest('A page cannot be moved under itself or its descendants');
    }
    p.parentId = parentId;
    p.position = this.nextPosition(p.spaceId, parentId);
  }

  /** DELETE /pages/{id}: current → trash; `purge` removes a trashed page; drafts need `draft=true` and go at once. */
  deletePage(v: Viewer, id: string, opts: { purge: boolean; draft: boolean }): void {
    const p = this.editablePage(v, id, ['current', 'archived', 'draft', 'trashed']);
    if (p.status === 'draft') {
      if (!opts.draft) throw notFound(`Page ${id} not found (use draft=true to discard a draft)`);
      this.removePage(p);
      return;
    }
    if (opts.draft) throw notFound(`Draft ${id} not found`);
    if (p.status === 'trashed') {
      if (!opts.purge) throw notFound(`Page ${id} not found`);
      this.removePage(p);
      return;
    }
    if (opts.purge) throw badRequest('Only a trashed page can be purged; delete it first');
    // Children move up to the trashed page's parent, as when a single page is deleted in Confluence.
    for (const c of this.pages.values()) if (c.parentId === p.id) c.parentId = p.parentId;
    p.status = 'trashed';
  }

  private removePage(p: PageRecord): void {
    this.pages.delete(p.id);
    for (const c of this.pages.values()) if (c.parentId === p.id) c.parentId = p.parentId;
    for (const [k, prop] of this.properties) if (prop.pageId === p.id) this.properties.delete(k);
    for (const [k, a] of this.attachments) if (a.pageId === p.id) this.attachments.delete(k);
    const space = this.spaces.get(p.spaceId);
    if (space && space.homepageId === p.id) space.homepageId = '';
  }

  // ------------------------------------------------------------------ content properties

  pageProperties(v: Viewer, pageId: string): PropertyRecord[] {
    this.getPage(v, pageId);
    return [...this.properties.values()].filter((p) => p.pageId === pageId);
  }

  getProperty(v: Viewer, pageId: string, propertyId: string): PropertyRecord {
    this.getPage(v, pageId);
    const prop = this.properties.get(propertyId);
    if (!prop || prop.pageId !== pageId) throw notFound(`Property ${propertyId} not found`);
    return prop;
  }

  private checkProperty(key: unknown, value: unknown): string {
    if (typeof key !== 'string' || key.trim() === '') throw badRequest('Property key is required');
    if (key.length > 255) throw badRequest('Property key must be at most 255 characters');
    if (value === undefined) throw badRequest('Property value is required');
    if (JSON.stringify(value).length > this.maxPropertyValueChars) throw badRequest(`Property value is too long (max ${this.maxPropertyValueChars} characters)`);
    return key;
  }

  createProperty(v: Viewer, pageId: string, key: unknown, value: unknown): PropertyRecord {
    this.editablePage(v, pageId);
    const k = this.checkProperty(key, value);
    for (const p of this.properties.values()) {
      if (p.pageId === pageId && p.key === k) throw badRequest(`A content property with key '${k}' already exists on this page`);
    }
    const prop: PropertyRecord = {
      id: this.newId(),
      pageId,
      key: k,
      value: structuredClone(value),
      version: { number: 1, message: '', minorEdit: false, authorId: actor(v), createdAt: this.now() },
    };
    this.properties.set(prop.id, prop);
    return prop;
  }

  updateProperty(v: Viewer, pageId: string, propertyId: string, input: { key: unknown; value: unknown; versionNumber: unknown; message?: string }): PropertyRecord {
    this.editablePage(v, pageId);
    const prop = this.properties.get(propertyId);
    if (!prop || prop.pageId !== pageId) throw notFound(`Property ${propertyId} not found`);
    const k = this.checkProperty(input.key, input.value);
    if (k !== prop.key) throw badRequest('The property key cannot be changed');
    if (typeof input.versionNumber !== 'number' || !Number.isInteger(input.versionNumber)) throw badRequest('version.number is required');
    if (input.versionNumber !== prop.version.number + 1) {
      throw conflict(`Version must be incremented on update. Current version is: ${prop.version.number}`);
    }
    prop.value = structuredClone(input.value);
    prop.version = { number: input.versionNumber, message: input.message ?? '', minorEdit: false, authorId: actor(v), createdAt: this.now() };
    return prop;
  }

  deleteProperty(v: Viewer, pageId: string, propertyId: string): void {
    this.editablePage(v, pageId);
    const prop = this.properties.get(propertyId);
    if (!prop || prop.pageId !== pageId) throw notFound(`Property ${propertyId} not found`);
    this.properties.delete(propertyId);
  }

  // ------------------------------------------------------------------ attachments

  pageAttachments(v: Viewer, pageId: string, statuses: readonly PageStatus[] = ['current', 'archived', 'draft']): AttachmentRecord[] {
    this.getPage(v, pageId, statuses);
    return [...this.attachments.values()].filter((a) => a.pageId === pageId);
  }

  attachmentByName(pageId: string, filename: string): AttachmentRecord | undefined {
    for (const a of this.attachments.values()) if (a.pageId === pageId && a.title === filename && a.status === 'current') return a;
    return undefined;
  }

  /** An attachment whose page the viewer may see. Accepts "att123" and, as the v2 DELETE spec has it, "123". */
  getAttachment(v: Viewer, rawId: string): AttachmentRecord {
    const id = attachmentKey(rawId);
    const a = this.attachments.get(id);
    const page = a ? this.pages.get(a.pageId) : undefined;
    if (!a || !page || page.status === 'trashed' || !this.canView(v, page)) throw notFound(`Attachment ${id} not found`);
    return a;
  }

  /**
   * v1 upload. `mode: 'create'` (POST) fails with 400 when any filename exists; 'upsert' (PUT) adds a
   * version instead. All-or-nothing: nothing is written when any file is rejected.
   */
  upload(v: Viewer, pageId: string, files: UploadFile[], opts: { mode: 'create' | 'upsert'; minorEdit: boolean; draft: boolean }): AttachmentRecord[] {
    const page = this.pages.get(pageId);
    const statuses: PageStatus[] = opts.draft ? ['draft'] : ['current', 'archived'];
    if (!page || !statuses.includes(page.status) || !this.canView(v, page)) throw notFound(`Content ${pageId} not found`);
    if (!this.canEdit(v, page)) throw forbidden('You do not have permission to add attachments to this content');
    if (files.length === 0) throw badRequest('At least one file is required');
    const seen = new Set<string>();
    for (const f of files) {
      if (!f.filename) throw badRequest('Every file part needs a filename');
      if (seen.has(f.filename)) throw badRequest(`Duplicate filename in one request: ${f.filename}`);
      seen.add(f.filename);
      if (f.bytes.length > this.maxAttachmentBytes) throw notFound(`The attachment ${f.filename} exceeds the maximum attachment size`);
      if (opts.mode === 'create' && this.attachmentByName(pageId, f.filename)) {
        throw badRequest(`Cannot add a new attachment with same file name as an existing attachment: ${f.filename}`);
      }
    }
    return files.map((f) => {
      const existing = this.attachmentByName(pageId, f.filename);
      if (existing) {
        this.addAttachmentVersion(v, existing, f, opts.minorEdit);
        return existing;
      }
      const at = this.now();
      const rec: AttachmentRecord = { id: `att${this.newId()}`, pageId, title: f.filename, status: 'current', createdAt: at, versions: [] };
      this.addAttachmentVersion(v, rec, f, opts.minorEdit);
      this.attachments.set(rec.id, rec);
      return rec;
    });
  }

  /** v1 POST …/child/attachment/{attachmentId}/data: new bytes for an existing attachment. */
  replaceAttachmentData(v: Viewer, pageId: string, attachmentId: string, file: UploadFile, minorEdit: boolean): AttachmentRecord {
    const page = this.pages.get(pageId);
    if (!page || page.status === 'trashed' || !this.canView(v, page)) throw notFound(`Content ${pageId} not found`);
    const a = this.attachments.get(attachmentId);
    if (!a || a.pageId !== pageId || a.status !== 'current') throw notFound(`Attachment ${attachmentId} not found`);
    if (!this.canEdit(v, page)) throw forbidden('You do not have permission to update this attachment');
    if (file.bytes.length > this.maxAttachmentBytes) throw notFound('The attachment exceeds the maximum attachment size');
    this.addAttachmentVersion(v, a, { ...file, filename: a.title }, minorEdit);
    return a;
  }

  private addAttachmentVersion(v: Viewer, a: AttachmentRecord, f: UploadFile, minorEdit: boolean): void {
    const number = a.versions.length + 1;
    const version: AttachmentVersion = {
      number,
      message: f.comment,
      minorEdit,
      authorId: actor(v),
      createdAt: this.now(),
      bytes: Buffer.from(f.bytes),
      mediaType: f.mediaType,
      comment: f.comment,
      fileId: stableUuid(`file:${a.id}:${number}`),
    };
    a.versions.push(version);
  }

  deleteAttachment(v: Viewer, rawId: string, purge: boolean): void {
    const id = attachmentKey(rawId);
    const a = this.attachments.get(id);
    const page = a ? this.pages.get(a.pageId) : undefined;
    if (!a || !page || !this.canView(v, page) || !this.canEdit(v, page)) throw notFound(`Attachment ${id} not found`);
    if (a.status === 'trashed') {
      if (!purge) throw notFound(`Attachment ${id} not found`);
      this.attachments.delete(id);
      return;
    }
    if (purge) throw badRequest('Only a trashed attachment can be purged; delete it first');
    a.status = 'trashed';
  }

  // ------------------------------------------------------------------ restrictions

  /** Restrictions of a page the viewer can see (v1 GET). */
  restrictionsOf(v: Viewer, pageId: string): { page: PageRecord; restrictions: Restrictions } {
    const p = this.getPage(v, pageId);
    return { page: p, restrictions: p.restrictions };
  }

  /** For restriction writes: the page must be editable. Guests and readers get 404 (v1 documents only 404 here). */
  private restrictablePage(v: Viewer, pageId: string, deniedStatus: 403 | 404): PageRecord {
    if (v.kind === 'anonymous') throw unauthorized();
    const p = this.getPage(v, pageId);
    if (!this.canEdit(v, p)) {
      throw deniedStatus === 403 ? forbidden('You do not have permission to change restrictions on this content') : notFound(`Content ${pageId} not found`);
    }
    return p;
  }

  private checkUser(accountId: string): void {
    if (!this.ctx.directory.get(accountId)) throw badRequest(`No user found with accountId ${accountId}`);
  }

  /** Replaces (`replace`) or merges (`add`) restrictions, then returns them. */
  setRestrictions(v: Viewer, pageId: string, updates: Array<{ operation: RestrictionOperation; users: string[]; groups: string[] }>, mode: 'replace' | 'add'): PageRecord {
    const p = this.restrictablePage(v, pageId, 404);
    for (const u of updates) for (const id of u.users) this.checkUser(id);
    const next: Restrictions = mode === 'replace' ? emptyRestrictions() : structuredClone(p.restrictions);
    for (const u of updates) {
      const set = next[u.operation];
      for (const id of u.users) if (!set.users.includes(id)) set.users.push(id);
      for (const g of u.groups) if (!set.groups.includes(g)) set.groups.push(g);
    }
    p.restrictions = next;
    return p;
  }

  clearRestrictions(v: Viewer, pageId: string): PageRecord {
    const p = this.restrictablePage(v, pageId, 403);
    p.restrictions = emptyRestrictions();
    return p;
  }

  /** Adds or removes one user or group on one operation. */
  changeRestriction(v: Viewer, pageId: string, operation: RestrictionOperation, who: { user: string } | { group: string }, action: 'add' | 'remove'): void {
    const p = this.restrictablePage(v, pageId, 404);
    const set: PrincipalSet = p.restrictions[operation];
    if ('user' in who) {
      if (action === 'add') {
        this.checkUser(who.user);
        if (!set.users.includes(who.user)) set.users.push(who.user);
      } else set.users = set.users.filter((u) => u !== who.user);
    } else if (action === 'add') {
      if (!set.groups.includes(who.group)) set.groups.push(who.group);
    } else set.groups = set.groups.filter((g) => g !== who.group);
  }

}

function attachmentKey(raw: string): string {
  return /^[0-9]+$/.test(raw) ? `att${raw}` : raw;
}

/** Account id recorded as author; anonymous callers never reach a write. */
function actor(v: Viewer): string {
  return v.kind === 'anonymous' ? '' : v.accountId;
}

function deriveKey(from: string): string {
  const k = from.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 10);
  return k || 'SPACE';
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
