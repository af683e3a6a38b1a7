// zod schemas for every Confluence response body the client reads (v2 and the v1 fallbacks).
// Only the fields we use are declared; ids are normalised to strings.
import { z } from 'zod';

const idString = z.union([z.string(), z.number().int()]).transform((v) => String(v));
const links = z.object({ next: z.string().optional(), webui: z.string().optional(), download: z.string().optional() }).optional();

export const versionSchema = z.object({ number: z.number().int().positive(), message: z.string().optional() });

export const spaceSchema = z.object({
  id: idString,
  key: z.string().min(1),
  name: z.string(),
  type: z.string().optional(),
  status: z.string().optional(),
  homepageId: idString.nullish(),
});

export const spaceListSchema = z.object({ results: z.array(spaceSchema), _links: links });

/** v1 Space (POST /wiki/rest/api/space): numeric id, homepage as an object. */
export const v1SpaceSchema = z.object({
  id: idString,
  key: z.string().min(1),
  name: z.string(),
  type: z.string().optional(),
  status: z.string().optional(),
  homepage: z.object({ id: idString }).nullish(),
});

const bodyValue = z.object({ representation: z.string().optional(), value: z.string() });

export const pageSchema = z.object({
  id: idString,
  status: z.string(),
  title: z.string(),
  spaceId: idString,
  parentId: idString.nullish(),
  version: versionSchema,
  body: z.object({ storage: bodyValue.optional(), atlas_doc_format: bodyValue.optional() }).optional(),
  _links: links,
});

/** Lists (GET /pages) may leave version out when include-version=false; we never ask for that. */
export const pageListSchema = z.object({ results: z.array(pageSchema), _links: links });

export const childSchema = z.object({
  id: idString,
  title: z.string(),
  type: z.string().default('page'),
  status: z.string(),
  spaceId: idString.optional(),
  childPosition: z.number().int().optional(),
});

export const childListSchema = z.object({ results: z.array(childSchema), _links: links });

export const propertySchema = z.object({ id: idString, key: z.string(), value: z.unknown(), version: versionSchema });
export const propertyListSchema = z.object({ results: z.array(propertySchema), _links: links });

export const attachmentSchema = z.object({
  id: idString,
  title: z.string(),
  mediaType: z.string().optional(),
  fileSize: z.number().int().optional(),
  fileId: z.string().optional(),
  comment: z.string().optional(),
  downloadLink: z.string().optional(),
  pageId: idString.optional(),
  version: versionSchema,
});
export const attachmentListSchema = z.object({ results: z.array(attachmentSchema), _links: links });

/** v1 Content of type attachment, as the upload answers it. */
export const v1AttachmentSchema = z.object({
  id: idString,
  type: z.string().optional(),
  title: z.string(),
  version: z.object({ number: z.number().int().positive() }),
  extensions: z
    .object({ mediaType: z.string().optional(), fileSize: z.number().int().optional(), comment: z.string().optional(), fileId: z.string().optional() })
    .optional(),
  container: z.object({ id: idString }).optional(),
  _links: links,
});
export const v1ContentArraySchema = z.object({ results: z.array(v1AttachmentSchema), size: z.number().int().optional() });

const restrictedUsers = z
  .union([z.array(z.object({ accountId: z.string() })), z.object({ results: z.array(z.object({ accountId: z.string() })) })])
  .optional();
const restrictedGroups = z.union([z.array(z.object({ name: z.string() })), z.object({ results: z.array(z.object({ name: z.string() })) })]).optional();

/** v1 ContentRestrictionArray (GET/PUT/DELETE …/restriction); users and groups are expanded by default. */
export const v1RestrictionArraySchema = z.object({
  results: z.array(
    z.object({
      operation: z.string(),
      restrictions: z.object({ user: restrictedUsers, group: restrictedGroups }).optional(),
    }),
  ),
});
