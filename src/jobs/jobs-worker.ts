// The consumer of the jobs queue: validates the message and runs one bounded unit of work.
// Permanent failures are recorded and acknowledged (a poison event must not be retried for 24 h);
// rate limits become InvocationError retry hints.
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { RateLimitedError, RetryLaterError } from '../shared/errors';
import { JobMessageSchema, type JobMessage } from './messages';
import { runJob } from '../usecases/run-job';
import { recordJobFailure } from '../storage/jobs.repo';

const AsyncEventSchema = z.object({
  body: z.unknown(),
  eventId: z.string().optional(),
  jobId: z.string().optional(),
  retryContext: z.object({ retryCount: z.number() }).passthrough().optional(),
});

export async function jobsWorker(rawEvent: unknown): Promise<InvocationError | undefined> {
  const event = AsyncEventSchema.parse(rawEvent);
  const parsed = JobMessageSchema.safeParse(event.body);
  if (!parsed.success) {
    console.error(`jobs-worker: dropping malformed message ${event.eventId ?? '?'}: ${parsed.error.message}`);
    return undefined;
  }
  const message: JobMessage = parsed.data;
  try {
    await runJob(message);
    return undefined;
  } catch (e) {
    if (e instanceof RateLimitedError) {
      return new InvocationError({
        retryAfter: Math.max(1, Math.ceil(e.retryAfterMs / 1000)),
        retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
        retryData: { kind: message.kind },
      });
    }
    if (e instanceof RetryLaterError) {
      return new InvocationError({ retryAfter: e.retryAfterSeconds, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { kind: message.kind } });
    }
    const attempt = (event.retryContext?.retryCount ?? 0) + 1;
    console.error(`jobs-worker: ${message.kind} failed on attempt ${attempt}: ${(e as Error).message}`);
    if (attempt >= 6) {
      await recordJobFailure(message, (e as Error).message);
      return undefined;
    }
    throw e;
  }
}
