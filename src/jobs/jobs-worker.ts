// The consumer of the jobs queue: finds the job for the message's kind, validates the message with
// that job's schema and runs one bounded unit of work. Permanent failures are recorded and
// acknowledged (a poison event must not be retried for 24 h); rate limits and busy locks become
// InvocationError retry hints.
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { RateLimitedError, RetryLaterError } from '../shared/errors';
import { recordJobFailure } from '../storage/jobs.repo';
import { jobFor } from './all-jobs';

const AsyncEventSchema = z.object({
  body: z.object({ kind: z.string() }).passthrough(),
  eventId: z.string().optional(),
  jobId: z.string().optional(),
  retryContext: z.object({ retryCount: z.number() }).passthrough().optional(),
});

/** After this many failed attempts a job is recorded as failed instead of retried further. */
export const MAX_ATTEMPTS = 6;

export async function jobsWorker(rawEvent: unknown): Promise<InvocationError | undefined> {
  const event = AsyncEventSchema.safeParse(rawEvent);
  if (!event.success) {
    console.error(`jobs-worker: dropping an event that is not a job message: ${event.error.message.slice(0, 300)}`);
    return undefined;
  }
  const { body } = event.data;
  const job = jobFor(body.kind);
  const parsed = job?.schema.safeParse(body);
  if (!job || !parsed?.success) {
    console.error(`jobs-worker: dropping malformed ${body.kind} message ${event.data.eventId ?? '?'}: ${parsed?.error?.message.slice(0, 300) ?? 'unknown kind'}`);
    return undefined;
  }
  try {
    await job.run(parsed.data);
    return undefined;
  } catch (e) {
    if (e instanceof RateLimitedError) {
      return new InvocationError({
        retryAfter: Math.max(1, Math.ceil(e.retryAfterMs / 1000)),
        retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
        retryData: { kind: body.kind },
      });
    }
    if (e instanceof RetryLaterError) {
      return new InvocationError({ retryAfter: e.retryAfterSeconds, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: { kind: body.kind } });
    }
    const attempt = (event.data.retryContext?.retryCount ?? 0) + 1;
    console.error(`jobs-worker: ${body.kind} failed on attempt ${attempt}: ${(e as Error).message}`);
    if (attempt >= MAX_ATTEMPTS) {
      await recordJobFailure(body, (e as Error).message);
      return undefined;
    }
    throw e;
  }
}
