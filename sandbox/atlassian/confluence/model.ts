// The emulated Confluence's records. Plain data, owned by ConfluenceState; routes serialise them
// into v2 or v1 response shapes.

export type BodyRepresentation = 'storage' | 'atlas_doc_format';

export interface StoredBody {
  representation: BodyRepresentation;
  value: string;
}

export interface VersionMeta {
  number: number;
  message: string;
  minorEdit: boolean;
  authorId: string;
  createdAt: string;
}

/** One saved state of a page: the current one, a published version, or (for drafts) the draft. */
export interface PageRevision extends VersionMeta {
  title: string;
  body: StoredBody;
}

export interface PrincipalSet {
  /** Account ids. */
  users: string[];
  /** Group names. */
  groups: string[];
}

export type RestrictionOperation = 'read' | 'update';

export type Restrictions = Record<RestrictionOperation, PrincipalSet>;

export interface SpaceRecord {
  id: string;
  key: string;
  name: string;
  type: 'global' | 'personal';
  status: 'current' | 'archived';
  authorId: string;
  createdAt: string;
  homepageId: string;
  description: string;
  /** Private spaces are visible to their creator (and the app) only. */
  private: boolean;
}

export type PageStatus = 'current' | 'draft' | 'trashed' | 'archived';

export interface PageRecord {
  id: string;
  spaceId: string;
  status: PageStatus;
  parentId?: string;
  position: number;
  authorId: string;
  ownerId: string;
  createdAt: string;
  subtype: 'live' | null;
  /** What a plain GET returns: the latest published version, or the draft of a never-published page. */
  current: PageRevision;
  /** Published versions, oldest first (empty for a never-published draft). The app's audit trail. */
  history: PageRevision[];
  restrictions: Restrictions;
}

export interface PropertyRecord {
  id: string;
  pageId: string;
  key: string;
  value: unknown;
  version: VersionMeta;
}

export interface AttachmentVersion extends VersionMeta {
  bytes: Buffer;
  mediaType: string;
  comment: string;
  /** The media-platform file id ADF media nodes use; differs from the attachment id and changes per version. */
  fileId: string;
}

export interface AttachmentRecord {
  id: string;
  pageId: string;
  /** The filename. */
  title: string;
  status: 'current' | 'trashed';
  createdAt: string;
  /** Oldest first. */
  versions: AttachmentVersion[];
}

export function emptyRestrictions(): Restrictions {
  return { read: { users: [], groups: [] }, update: { users: [], groups: [] } };
}
