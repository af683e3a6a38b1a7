// Metrics connections and sync status (issue 4). Registered in resolvers/index.ts.
// Credentials are accepted (write-only) by connections/save and never returned by any key.
import { z } from 'zod';
import { METRIC_SOURCES } from '../connectors/metrics/types';
import { MonthSchema, ServiceIdSchema } from '../domain/schemas';
import type { ApiKey } from '../shared/api';
import { CredentialsInputSchema } from '../storage/connections-secrets';
import { ConnectionSettingsSchema } from '../storage/connections.repo';
import { MetricsSettingsSchema } from '../storage/metrics-sync.repo';
import { loadAccess, requireServiceAccess } from '../usecases/access';
import {
  deleteConnection,
  getSettings,
  listConnections,
  runNow,
  saveConnection,
  saveSettings,
  serviceMonthMetrics,
  syncStatus,
  testConnection,
} from '../usecases/metrics/connections';
import { CSV_UPLOAD_MAX_CHARS, csvUploadHistory, uploadCsv } from '../usecases/metrics/csv-upload';
import { metricsDeps } from '../usecases/metrics/deps';
import { defineResolver, type ResolverDef } from './define';

const Source = z.enum(METRIC_SOURCES, { error: () => `Source must be one of ${METRIC_SOURCES.join(', ')}` });
const ConnectionId = z.string().regex(/^cn-[A-Za-z0-9_-]{1,80}$/, 'Connection is not valid');

const ConnectionSavePayload = z
  .object({
    id: ConnectionId.optional(),
    serviceId: ServiceIdSchema,
    source: Source,
    label: z.string().trim().max(100).optional(),
    account: z
      .object({
        accountId: z.string().trim().min(1, 'Account id is required').max(300),
        timeZone: z.string().trim().min(1).max(64).optional(),
        currency: z.string().regex(/^[A-Z]{3}$/, 'Currency is a 3-letter ISO code').optional(),
        settings: ConnectionSettingsSchema.optional(),
      })
      .strict(),
    credentials: CredentialsInputSchema.optional(),
    backfillMonths: z.number().int().min(1, 'At least 1 month').max(37, 'At most 37 months').optional(),
  })
  .strict();

const CsvUploadPayload = z
  .object({
    serviceId: ServiceIdSchema,
    fileName: z.string().trim().min(1, 'File name is required').max(200),
    content: z.string().max(CSV_UPLOAD_MAX_CHARS, `The file is larger than ${CSV_UPLOAD_MAX_CHARS / 1024 / 1024} MB`),
    accountId: z.string().trim().max(300).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'Currency is a 3-letter ISO code').optional(),
    preview: z.boolean().optional(),
  })
  .strict();

export const metricsResolvers = [
  defineResolver({
    key: 'metrics/csv/upload',
    payload: CsvUploadPayload,
    run: async (p, call) => uploadCsv(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'metrics/csv/history',
    payload: z.object({ serviceId: ServiceIdSchema }).strict(),
    run: async (p, call) => {
      const a = await loadAccess(call.accountId);
      requireServiceAccess(a, p.serviceId, 'see');
      return csvUploadHistory(p.serviceId);
    },
  }),
  defineResolver({
    key: 'connections/list',
    payload: z.object({ serviceId: ServiceIdSchema.optional() }).strict(),
    run: async (p, call) => listConnections(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'connections/save',
    payload: ConnectionSavePayload,
    run: async (p, call) => saveConnection(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'connections/delete',
    payload: z.object({ id: ConnectionId }).strict(),
    run: async (p, call) => deleteConnection(await loadAccess(call.accountId), p.id),
  }),
  defineResolver({
    key: 'connections/test',
    payload: z.object({ id: ConnectionId }).strict(),
    run: async (p, call) => testConnection(await loadAccess(call.accountId), p.id, metricsDeps()),
  }),
  defineResolver({
    key: 'sync/status',
    payload: z.object({ serviceId: ServiceIdSchema }).strict(),
    run: async (p, call) => syncStatus(await loadAccess(call.accountId), p.serviceId),
  }),
  defineResolver({
    key: 'sync/runNow',
    payload: z.object({ serviceId: ServiceIdSchema, source: Source.optional() }).strict(),
    run: async (p, call) => runNow(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'metrics/settings/get',
    payload: z.object({}).strict(),
    run: async (_p, call) => getSettings(await loadAccess(call.accountId)),
  }),
  defineResolver({
    key: 'metrics/settings/save',
    payload: MetricsSettingsSchema.strict(),
    run: async (p, call) => saveSettings(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'metrics/month',
    payload: z.object({ serviceId: ServiceIdSchema, month: MonthSchema, rows: z.boolean().optional(), source: Source.optional() }).strict(),
    run: async (p, call) => serviceMonthMetrics(await loadAccess(call.accountId), p),
  }),
] as unknown as Array<ResolverDef<ApiKey>>;
