// Retry written once: a pure delay rule and a loop that applies it. Connectors never sleep in loops
// of their own; they throw typed errors and let withRetry decide.
import { QuotaError, SourceError } from '../errors';
import { defaultSleep, throwIfAborted } from '../http';

export interface RetryDelayOptions {
  /** First backoff step. Default 1 s. */
  baseMs?: number;
  /** Longest backoff step. Default 60 s. */
  capMs?: number;
  /** A sample in [0, 1) for jitter; 0.5 when omitted (keeps the function pure). */
  jitter?: number;
}

/**
 * Delay before retry number `attempt` (1 = first retry). A server hint wins (plus ≤10 % jitter,
 * at most 1 s); otherwise exponential backoff with "equal jitter": half fixed, half random.
 */
export function computeRetryDelay(attempt: number, retryAfterMs?: number, opts: RetryDelayOptions = {}): number {
  const jitter = Math.min(Math.max(opts.jitter ?? 0.5, 0), 1);
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.round(retryAfterMs + jitter * Math.min(1000, retryAfterMs * 0.1));
  }
  const base = opts.baseMs ?? 1000;
  const cap = opts.capMs ?? 60_000;
  const step = Math.min(cap, base * 2 ** Math.max(0, Math.floor(attempt) - 1));
  return Math.round(step / 2 + (jitter * step) / 2);
}

export interface RetryVerdict {
  retry: boolean;
  retryAfterMs?: number;
}

/** Default rule: short-term quota errors and transient source errors are retried; nothing else. */
export function defaultRetryVerdict(e: unknown): RetryVerdict {
  if (e instanceof QuotaError) return { retry: e.retryable, retryAfterMs: e.retryAfterMs };
  if (e instanceof SourceError) return { retry: e.retryable };
  return { retry: false };
}

export interface RetryOptions {
  maxAttempts: number;
  /** Use the error's retryAfterMs when it has one. */
  respectRetryAfter: boolean;
  /** A single wait longer than this is not slept: the error is rethrown for the queue to reschedule. Default 60 s. */
  maxDelayMs?: number;
  baseMs?: number;
  capMs?: number;
  classify?: (e: unknown) => RetryVerdict;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const sleep = opts.sleep ?? defaultSleep;
  const classify = opts.classify ?? defaultRetryVerdict;
  const maxDelay = opts.maxDelayMs ?? 60_000;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(opts.signal);
    try {
      return await fn(attempt);
    } catch (e) {
      const verdict = classify(e);
      if (!verdict.retry || attempt >= opts.maxAttempts) throw e;
      const hint = opts.respectRetryAfter ? verdict.retryAfterMs : undefined;
      const delayMs = computeRetryDelay(attempt, hint, { baseMs: opts.baseMs, capMs: opts.capMs, jitter: opts.random?.() });
      if (delayMs > maxDelay) throw e;
      opts.onRetry?.({ attempt, delayMs, error: e });
      await sleep(delayMs, opts.signal);
    }
  }
}
