// The one queue the app's background work runs on. Messages are typed; pushes are split to
// production's limits (50 events and 200 KB per push).
import { Queue } from '@forge/events';
import type { QueueMessage } from '../jobs/registry';

export const JOBS_QUEUE = 'retainer-jobs';
const MAX_EVENTS = 50;
const MAX_BYTES = 190 * 1024;

const queue = new Queue({ key: JOBS_QUEUE });

export async function pushJobs(messages: QueueMessage[], opts: { delayInSeconds?: number } = {}): Promise<string[]> {
  const jobIds: string[] = [];
  let batch: Array<{ body: Record<string, unknown>; delayInSeconds?: number }> = [];
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const { jobId } = await queue.push(batch);
    jobIds.push(jobId);
    batch = [];
    bytes = 0;
  };
  for (const m of messages) {
    const ev = { body: m as Record<string, unknown>, ...(opts.delayInSeconds ? { delayInSeconds: opts.delayInSeconds } : {}) };
    const size = Buffer.byteLength(JSON.stringify(ev));
    if (batch.length >= MAX_EVENTS || bytes + size > MAX_BYTES) await flush();
    batch.push(ev);
    bytes += size;
  }
  await flush();
  return jobIds;
}
