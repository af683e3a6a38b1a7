// Stored record schemas: a record is valid when its fields pass the same input schema the UI's
// forms use, plus the metadata only the app writes (ids, timestamps, links to Jira/Confluence).
import { z } from 'zod';
import type { Client, Service, TemplateTask } from '../domain/model';
import { ClientIdSchema, ClientInputSchema, ServiceIdSchema, ServiceInputSchema, TemplateIdSchema, TemplateInputSchema } from '../domain/schemas';
import type { SetupState } from '../shared/api';

const Timestamps = { createdAt: z.string().min(1), updatedAt: z.string().min(1) };

const ClientMeta = z.object({
  id: ClientIdSchema,
  ...Timestamps,
  guestAccountIds: z.array(z.string()),
  confluenceSpaceId: z.string().optional(),
  reportsPageId: z.string().optional(),
});

export const ClientRecordSchema = z.custom<Client>(
  (v) => ClientMeta.safeParse(v).success && ClientInputSchema.safeParse(v).success,
  'not a valid client record',
);

export const SetupStateSchema: z.ZodType<SetupState> = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not-started') }),
  z.object({ state: z.literal('running'), step: z.string() }),
  z.object({ state: z.literal('done'), projectKey: z.string(), spaceKey: z.string(), reportsPageId: z.string() }),
  z.object({ state: z.literal('failed'), message: z.string() }),
]);

/** Issue type ids of the service's project, looked up once at setup so bulk creates need no lookups. */
export interface ProjectIssueTypes {
  epic: string;
  task: string;
}

export type ServiceRecord = Service & { setup: SetupState; jiraIssueTypes?: ProjectIssueTypes };

const ServiceMeta = z.object({
  id: ServiceIdSchema,
  ...Timestamps,
  jiraProjectId: z.string().optional(),
  setup: SetupStateSchema,
  jiraIssueTypes: z.object({ epic: z.string(), task: z.string() }).optional(),
});

export const ServiceRecordSchema = z.custom<ServiceRecord>(
  (v) => ServiceMeta.safeParse(v).success && ServiceInputSchema.safeParse(v).success,
  'not a valid service record',
);

export const TemplateRecordSchema = z.custom<TemplateTask>(
  (v) => z.object({ id: TemplateIdSchema }).safeParse(v).success && TemplateInputSchema.safeParse(v).success,
  'not a valid template record',
);
