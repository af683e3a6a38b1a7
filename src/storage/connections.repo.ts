// Metrics connections: one custom entity record per connection of a service to a source account.
// Holds configuration and status only — credentials live in KVS secrets (connections-secrets.ts).
import { z } from 'zod';
import { METRIC_SOURCES } from '../connectors/metrics/types';
import type { ConnectionAccount, ConnectionSettings, MetricSource } from '../connectors/metrics/types';
import { entityStore } from '../platform/entity-store';

export const CONNECTION_STATUSES = ['active', 'auth-expired', 'revoked', 'error'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const ConnectionSettingsSchema: z.ZodType<ConnectionSettings> = z
  .object({
    loginCustomerId: z.string().regex(/^\d{3}-?\d{3}-?\d{4}$/, 'Manager (MCC) id is 10 digits').optional(),
    includeVat: z.boolean().optional(),
    goalIds: z.array(z.string().regex(/^\d{1,20}$/, 'Goal ids are numbers')).max(18).optional(),
    attribution: z.enum(['last', 'lastsign', 'first', 'automatic']).optional(),
    gscDimension: z.enum(['query', 'page']).optional(),
    gscDataState: z.enum(['final', 'all']).optional(),
    gscType: z.enum(['web', 'image', 'video', 'news', 'discover', 'googleNews']).optional(),
    regionIndexes: z.array(z.number().int().min(0)).max(50).optional(),
    keywordRows: z.boolean().optional(),
    conversionActionTypes: z.array(z.string().min(1).max(100)).max(20).optional(),
    webmasterQueryRows: z.number().int().min(0).max(100).optional(),
  })
  .strict();

export const ConnectionRecordSchema = z.object({
  id: z.string().regex(/^cn-[A-Za-z0-9_-]{1,80}$/),
  serviceId: z.string().min(1),
  source: z.enum(METRIC_SOURCES),
  /** Free label shown next to the source ("Main counter"). */
  label: z.string().max(100).optional(),
  account: z.object({
    accountId: z.string().min(1).max(300),
    timeZone: z.string().optional(),
    currency: z.string().optional(),
    /** What the source said the account is called (from a connection test). */
    name: z.string().optional(),
    settings: ConnectionSettingsSchema.optional(),
  }),
  status: z.enum(CONNECTION_STATUSES),
  /** Why the status is not active (scrubbed connector message). */
  statusReason: z.string().max(1000).optional(),
  statusAt: z.string().optional(),
  /** Bumped whenever credentials are written: a failure seen with older credentials cannot mark newer ones expired. */
  credentialsVersion: z.number().int().min(0),
  /** Names of the credential fields stored (never their values). */
  credentialFields: z.array(z.string()),
  /** Months of history pulled when the connection is made. */
  backfillMonths: z.number().int().min(1).max(37),
  /** Identifies the current backfill; a new one (changed account or window) starts over. */
  backfillRunId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string().optional(),
});
export type ConnectionRecord = z.infer<typeof ConnectionRecordSchema>;

export const connectionsRepo = entityStore('metrics-connection', ConnectionRecordSchema, (c) => ({
  serviceId: c.serviceId,
  source: c.source,
  status: c.status,
}));

export async function connectionsOfService(serviceId: string): Promise<ConnectionRecord[]> {
  return connectionsRepo.byIndex('by-service', { partition: [serviceId] });
}

export async function allConnections(): Promise<ConnectionRecord[]> {
  return connectionsRepo.all();
}

/** The account as the connectors want it (the connection id is named in auth errors). */
export function connectorAccount(c: ConnectionRecord, fallbackTimeZone?: string): ConnectionAccount {
  return {
    connectionId: c.id,
    source: c.source as MetricSource,
    accountId: c.account.accountId,
    ...(c.account.timeZone ?? fallbackTimeZone ? { timeZone: c.account.timeZone ?? fallbackTimeZone } : {}),
    ...(c.account.currency ? { currency: c.account.currency } : {}),
    ...(c.account.settings ? { settings: c.account.settings } : {}),
  };
}
