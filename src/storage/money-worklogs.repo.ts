// Jira worklogs the profitability figures are made of (entity `worklog`, key = Jira worklog id), and
// the cache of which service an issue belongs to (plain KVS keys, expiring, so a moved issue is
// looked up again after a while).
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { MONEY_ENTITY, type Versioned, type Write, queryRecords, readRecords } from './money-store';

export interface WorklogRecord {
  id: string;
  issueId: string;
  serviceId: string;
  accountId: string;
  /** YYYY-MM of `started` in the agency's time zone. */
  month: string;
  started: string;
  seconds: number;
  updated: string;
  /** A tombstone: deleted in Jira (kept so a replayed feed cannot bring the time back). */
  deleted?: boolean;
}

export const WorklogRecordSchema: z.ZodType<WorklogRecord> = z.object({
  id: z.string(),
  issueId: z.string(),
  serviceId: z.string(),
  accountId: z.string(),
  month: z.string(),
  started: z.string(),
  seconds: z.number().int().nonnegative(),
  updated: z.string(),
  deleted: z.boolean().optional(),
});

export function worklogWrite(w: WorklogRecord, expect: Write['expect']): Write {
  return { entity: MONEY_ENTITY.worklog, key: w.id, data: w, attrs: { serviceId: w.serviceId, month: w.month }, expect };
}

export async function readWorklogs(ids: readonly string[]): Promise<Map<string, Versioned<WorklogRecord>>> {
  return readRecords(MONEY_ENTITY.worklog, ids, WorklogRecordSchema);
}

export async function worklogsOf(serviceId: string, month: string): Promise<WorklogRecord[]> {
  return (await queryRecords(MONEY_ENTITY.worklog, 'by-service-month', { partition: [serviceId], equals: month }, WorklogRecordSchema)).map((r) => r.value).filter((w) => !w.deleted);
}

const IssueServiceSchema = z.object({ serviceId: z.string().nullable() });
const issueKey = (issueId: string): string => `issue-service:${issueId}`;
const ISSUE_CACHE_DAYS = 7;

/** Cached issue id → service id (null: the issue is in no service's project). Unknown issues are absent. */
export async function cachedIssueServices(issueIds: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const unique = [...new Set(issueIds)];
  for (let i = 0; i < unique.length; i += 25) {
    const res = await kvs.batchGet<unknown>(unique.slice(i, i + 25).map((id) => ({ key: issueKey(id) })));
    for (const item of res.successfulKeys) {
      const v = IssueServiceSchema.safeParse(item.value);
      if (v.success) out.set(item.key.slice('issue-service:'.length), v.data.serviceId);
    }
  }
  return out;
}

export async function cacheIssueServices(entries: ReadonlyMap<string, string | null>): Promise<void> {
  const items = [...entries].map(([issueId, serviceId]) => ({ key: issueKey(issueId), value: { serviceId }, options: { ttl: { value: ISSUE_CACHE_DAYS, unit: 'DAYS' as const } } }));
  for (let i = 0; i < items.length; i += 25) await kvs.batchSet(items.slice(i, i + 25));
}
