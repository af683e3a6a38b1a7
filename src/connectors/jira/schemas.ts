// zod schemas for every Jira response body the client reads. Data entering the app is checked
// here first; only the fields we use are declared (others are dropped), ids are normalised to strings.
import { z } from 'zod';

const idString = z.union([z.string(), z.number().int()]).transform((v) => String(v));
const anyRecord = z.record(z.string(), z.unknown());

export const userSchema = z.object({
  accountId: z.string().min(1),
  accountType: z.string().default('atlassian'),
  displayName: z.string().default(''),
  emailAddress: z.string().nullish(),
  active: z.boolean().default(true),
  timeZone: z.string().optional(),
  locale: z.string().optional(),
});

export const userPageSchema = z.object({
  values: z.array(userSchema),
  startAt: z.number().int().optional(),
  maxResults: z.number().int().optional(),
  total: z.number().int().optional(),
  isLast: z.boolean().optional(),
});

export const projectSchema = z.object({
  id: idString,
  key: z.string().min(1),
  name: z.string(),
  projectTypeKey: z.string().optional(),
  simplified: z.boolean().optional(),
  lead: z.object({ accountId: z.string() }).optional(),
});

/** ProjectIdentifiers: `id` is a number here, unlike elsewhere. */
export const projectIdentifiersSchema = z.object({ id: idString, key: z.string().min(1) });

export const issueTypeSchema = z.object({
  id: idString,
  name: z.string(),
  subtask: z.boolean().default(false),
  hierarchyLevel: z.number().int().optional(),
});

/** createmeta/{project}/issuetypes: the list is `issueTypes` (older responses: `createMetaIssueType`). */
export const createMetaIssueTypesSchema = z.object({
  issueTypes: z.array(issueTypeSchema).optional(),
  createMetaIssueType: z.array(issueTypeSchema).optional(),
  startAt: z.number().int().optional(),
  maxResults: z.number().int().optional(),
  total: z.number().int().optional(),
  isLast: z.boolean().optional(),
});

export const createdIssueSchema = z.object({ id: idString, key: z.string().min(1) });

const errorCollectionSchema = z.object({
  errorMessages: z.array(z.string()).default([]),
  errors: z.record(z.string(), z.string()).default({}),
});

/** POST /issue/bulk answers this shape on 201 (partial) and on 400 (all failed). */
export const createdIssuesSchema = z.object({
  issues: z.array(createdIssueSchema).default([]),
  errors: z
    .array(
      z.object({
        status: z.number().int().optional(),
        failedElementNumber: z.number().int().nonnegative(),
        elementErrors: errorCollectionSchema.default({ errorMessages: [], errors: {} }),
      }),
    )
    .default([]),
});

export const issueSchema = z.object({
  id: idString,
  key: z.string().min(1),
  fields: anyRecord.default({}),
  properties: anyRecord.default({}),
});

export const searchPageSchema = z.object({
  issues: z.array(issueSchema).default([]),
  nextPageToken: z.string().optional(),
  isLast: z.boolean().optional(),
});

export const transitionsSchema = z.object({
  transitions: z.array(
    z.object({
      id: idString,
      name: z.string().default(''),
      isAvailable: z.boolean().optional(),
      to: z
        .object({
          id: idString.optional(),
          name: z.string().optional(),
          statusCategory: z.object({ key: z.string() }).optional(),
        })
        .optional(),
    }),
  ),
});

export const entityPropertySchema = z.object({ key: z.string(), value: z.unknown() });

export const worklogSchema = z.object({
  id: idString,
  issueId: idString,
  author: z.object({ accountId: z.string() }).optional(),
  started: z.string(),
  timeSpentSeconds: z.number().int().nonnegative(),
  created: z.string().optional(),
  updated: z.string().optional(),
  comment: z.unknown().optional(),
  properties: z.array(z.object({ key: z.string(), value: z.unknown() })).default([]),
});

export const worklogListSchema = z.array(worklogSchema);

export const changedWorklogsSchema = z.object({
  values: z.array(z.object({ worklogId: idString, updatedTime: z.number().int() })).default([]),
  since: z.number().int().optional(),
  until: z.number().int(),
  lastPage: z.boolean(),
});

export const commentSchema = z.object({ id: idString });

export const myPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean().default(false) })),
});

export const bulkPermissionsSchema = z.object({
  globalPermissions: z.array(z.string()).default([]),
  projectPermissions: z
    .array(
      z.object({
        permission: z.string(),
        projects: z.array(z.number().int()).default([]),
        issues: z.array(z.number().int()).default([]),
      }),
    )
    .default([]),
});

/** Typed view of the commonly read issue fields (see readIssueFields). */
export const issueFieldsViewSchema = z.object({
  summary: z.string().optional().catch(undefined),
  status: z
    .object({ name: z.string().optional(), statusCategory: z.object({ key: z.string() }).optional() })
    .optional()
    .catch(undefined),
  issuetype: z.object({ name: z.string().optional() }).optional().catch(undefined),
  labels: z.array(z.string()).optional().catch(undefined),
  parent: z.object({ key: z.string() }).optional().catch(undefined),
  assignee: z.object({ accountId: z.string() }).nullish().catch(undefined),
  duedate: z.string().nullish().catch(undefined),
  timetracking: z
    .object({ originalEstimateSeconds: z.number().optional(), timeSpentSeconds: z.number().optional() })
    .optional()
    .catch(undefined),
  timespent: z.number().nullish().catch(undefined),
  created: z.string().optional().catch(undefined),
  updated: z.string().optional().catch(undefined),
});
