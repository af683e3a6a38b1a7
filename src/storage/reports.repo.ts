// Client reports: one KVS record per report (`report:{reportId}`) with its status and a checkpoint per
// external step, plus the report's model (`report-model:{reportId}`) so publishing re-renders exactly
// what the manager reviewed. Report ids are deterministic (service + period), so re-runs find them.
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { ReportModel } from '../documents';
import { getTyped } from '../platform/kv';

export const REPORT_KINDS = ['weekly', 'monthly', 'custom'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_STATUSES = ['drafting', 'draft', 'publishing', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const FeedbackEntry = z.object({
  id: z.string(),
  accountId: z.string(),
  rating: z.number().int().min(1).max(5),
  comment: z.string(),
  at: z.string(),
  /** Set once the manager and the head were told (at most once per entry). */
  notified: z.boolean().default(false),
});

export const ReportRecordSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  clientId: z.string(),
  kind: z.enum(REPORT_KINDS),
  /** Inclusive first and last day, YYYY-MM-DD. */
  from: z.string(),
  to: z.string(),
  status: z.enum(REPORT_STATUSES),
  title: z.string(),
  pageId: z.string().optional(),
  restricted: z.boolean().default(false),
  reviewIssueKey: z.string().optional(),
  /** Written before the review task is created: a retry looks it up by label instead of creating another. */
  reviewPending: z.boolean().default(false),
  manager: z.object({ analysis: z.string(), proposals: z.string() }),
  publish: z
    .object({
      requestedBy: z.string().optional(),
      pageVersion: z.number().int().optional(),
      pdfUploaded: z.boolean().default(false),
      unrestricted: z.boolean().default(false),
      notifyStarted: z.boolean().default(false),
      notifiedAt: z.string().optional(),
      clientNotifiedAt: z.string().optional(),
      reviewDone: z.boolean().default(false),
    })
    .default({ pdfUploaded: false, unrestricted: false, notifyStarted: false, reviewDone: false }),
  feedback: z.array(FeedbackEntry).default([]),
  escalationKey: z.string().optional(),
  escalationPending: z.boolean().default(false),
  publishedAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type ReportRecord = z.infer<typeof ReportRecordSchema>;
export type FeedbackRecord = z.infer<typeof FeedbackEntry>;

const recordKey = (id: string): string => `report:${id}`;
const modelKey = (id: string): string => `report-model:${id}`;

const ModelSchema = z.custom<ReportModel>((v) => typeof v === 'object' && v !== null && 'reportId' in v && 'client' in v, 'not a report model');

export async function getReport(id: string): Promise<ReportRecord | undefined> {
  return getTyped(recordKey(id), ReportRecordSchema);
}

export async function putReport(r: ReportRecord): Promise<ReportRecord> {
  const valid = ReportRecordSchema.parse({ ...r, updatedAt: new Date().toISOString() });
  await kvs.set(recordKey(r.id), valid);
  return valid;
}

export async function getReportModel(id: string): Promise<ReportModel | undefined> {
  return getTyped(modelKey(id), ModelSchema);
}

export async function putReportModel(model: ReportModel): Promise<void> {
  await kvs.set(modelKey(model.reportId), model);
}

/** Every report of a service (ids start with the service id), newest period first. */
export async function reportsOfService(serviceId: string): Promise<ReportRecord[]> {
  const out: ReportRecord[] = [];
  let cursor: string | undefined;
  do {
    let q = kvs.query().where('key', WhereConditions.beginsWith(recordKey(`rp-${serviceId}-`))).limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    for (const r of page.results) {
      const parsed = ReportRecordSchema.safeParse(r.value);
      if (parsed.success) out.push(parsed.data);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out.sort((a, b) => b.from.localeCompare(a.from) || a.kind.localeCompare(b.kind));
}
