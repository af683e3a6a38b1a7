// Status of user-visible background jobs (setup, extra tasks), so the UI can show progress.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { JobStatus } from '../shared/api';
import type { QueueMessage } from '../jobs/registry';
import { getEntityTyped } from '../platform/kv';

const ENTITY = 'job';

const StoredJob = z.object({
  jobId: z.string(),
  kind: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  createdAt: z.string(),
  createdBy: z.string().optional(),
  progress: z.object({ done: z.number(), total: z.number() }),
  message: z.string().optional(),
});
type StoredJob = z.infer<typeof StoredJob>;

export async function createJob(jobId: string, kind: string, total: number, createdBy?: string): Promise<JobStatus> {
  const job: StoredJob = { jobId, kind, state: 'queued', createdAt: new Date().toISOString(), createdBy, progress: { done: 0, total } };
  await kvs.entity(ENTITY).set(jobId, { kind, state: job.state, createdAt: job.createdAt, data: job });
  return toStatus(job);
}

async function read(jobId: string): Promise<StoredJob | undefined> {
  const raw = await getEntityTyped(ENTITY, jobId, z.object({ data: StoredJob }));
  return raw?.data;
}

export async function updateJob(jobId: string, patch: Partial<Pick<StoredJob, 'state' | 'progress' | 'message'>>): Promise<void> {
  const cur = await read(jobId);
  if (!cur) return;
  const next = { ...cur, ...patch };
  await kvs.entity(ENTITY).set(jobId, { kind: next.kind, state: next.state, createdAt: next.createdAt, data: next });
}

export async function getJob(jobId: string): Promise<(JobStatus & { createdBy?: string }) | undefined> {
  const j = await read(jobId);
  return j ? { ...toStatus(j), ...(j.createdBy ? { createdBy: j.createdBy } : {}) } : undefined;
}

function toStatus(j: StoredJob): JobStatus {
  return { jobId: j.jobId, state: j.state, progress: j.progress, ...(j.message ? { message: j.message } : {}) };
}

/** A job that failed for good: kept for the admin to see, and its user-visible status marked failed. */
export async function recordJobFailure(message: QueueMessage, error: string): Promise<void> {
  const subject = typeof message.serviceId === 'string' ? message.serviceId : 'none';
  const key = `failed:${message.kind}:${subject}:${Date.now()}`;
  await kvs.set(key, { message, error: error.slice(0, 2000), at: new Date().toISOString() }, { ttl: { value: 30, unit: 'DAYS' } });
  if (typeof message.jobId === 'string') await updateJob(message.jobId, { state: 'failed', message: error.slice(0, 500) });
}
