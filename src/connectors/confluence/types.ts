// Shapes the Confluence client hands to the app: small, validated, ids as strings.
import type { BodyFormat, PageStatus } from './constants';

export interface ConfluenceSpace {
  id: string;
  key: string;
  name: string;
  type?: string;
  status?: string;
  homepageId?: string;
}

export interface CreateSpaceInput {
  key: string;
  name: string;
  description?: string;
}

export interface ConfluencePage {
  id: string;
  title: string;
  status: string;
  spaceId: string;
  parentId?: string;
  version: number;
  /** Present when asked for with bodyFormat. */
  body?: { format: BodyFormat; value: string };
  /** Relative to the site's /wiki base. */
  webuiLink?: string;
}

export interface CreatePageInput {
  spaceId: string;
  /** Omit to create under the space homepage. */
  parentId?: string;
  title: string;
  /** Storage-format XHTML (see storage.ts). */
  storage: string;
  status?: PageStatus;
}

export interface UpdatePageInput {
  title?: string;
  storage?: string;
  status?: PageStatus;
  versionMessage?: string;
  /** Moves the page under another parent in the same space (restrictions inherited from the new ancestors apply). */
  parentId?: string;
}

export interface ConfluenceChild {
  id: string;
  title: string;
  type: string;
  status: string;
  spaceId?: string;
  childPosition?: number;
}

export interface PageProperty {
  id: string;
  key: string;
  value: unknown;
  version: number;
}

export interface ConfluenceAttachment {
  id: string;
  title: string;
  mediaType?: string;
  fileSize?: number;
  /** The id ADF media nodes use; not the attachment id. */
  fileId?: string;
  version: number;
  comment?: string;
  downloadLink?: string;
  pageId?: string;
}

export interface UploadAttachmentInput {
  filename: string;
  bytes: Uint8Array;
  contentType: string;
  comment?: string;
  /** Default true: re-uploads should not notify watchers. */
  minorEdit?: boolean;
}

export interface ReadRestriction {
  /** Account ids. Include the app's own account, or asApp calls lose the page. */
  users: string[];
  groups: string[];
}
