// The one place Atlassian calls are retried (atlassian-rest.md §0.4). 429 and 503 are retried for
// any method (the request was not processed); 500/502/504 and network failures only for idempotent
// calls. Waits honour Retry-After; otherwise exponential back-off with jitter. Attempts and total
// time are bounded: when the next wait would overrun the budget we throw RateLimitedError so a job
// can re-queue itself (InvocationError retry hint) instead of running into its own timeout.
import { RateLimitedError, UpstreamError } from '../../shared/errors';
import type { CallHook, ProductHeaders, ProductPath, ProductRequestInit, ProductResponse, ProductTransport } from './transport';

export interface RetryPolicy {
  /** Total attempts, the first one included. */
  maxAttempts: number;
  /** Wall time (ms) we may spend on one call including waits; a wait that would overrun it is not taken. */
  budgetMs: number;
  /** First back-off step when the server gives no Retry-After. */
  baseDelayMs: number;
  /** Cap on computed back-off (a server's Retry-After is never shortened). */
  maxDelayMs: number;
  rng: () => number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  budgetMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  rng: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** UI resolvers have 25 s in total: retry briefly, then let the user see "try again". */
export const RESOLVER_RETRY: Partial<RetryPolicy> = { maxAttempts: 3, budgetMs: 8_000, maxDelayMs: 4_000 };
/** Queue consumers (up to 900 s): wait longer, but leave room to checkpoint and re-queue. */
export const JOB_RETRY: Partial<RetryPolicy> = { maxAttempts: 6, budgetMs: 120_000, maxDelayMs: 30_000 };

/** Hourly quotas do not clear in seconds; with no Retry-After, assume at least this long. */
export const QUOTA_FALLBACK_MS = 60_000;

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides };
}

/**
 * Milliseconds the server asked us to wait: `Retry-After` (seconds or an HTTP date), else
 * `X-RateLimit-Reset` (ISO-8601, e.g. `2026-03-01T10:05Z`). Undefined when neither is usable.
 */
export function parseRetryAfter(headers: ProductHeaders, nowMs: number = Date.now()): number | undefined {
  const raw = headers.get('retry-after')?.trim();
  if (raw) {
    if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
    const at = Date.parse(raw);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset) {
    const at = Date.parse(reset);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  return undefined;
}

/** Which limiter fired (`jira-burst-based`, `jira-per-issue-on-write`, `jira-quota-tenant-based`…). */
export function parseRateLimitReason(headers: ProductHeaders): string | undefined {
  const raw = headers.get('ratelimit-reason')?.trim();
  return raw ? raw : undefined;
}

/**
 * Wait before retry number `attempt` (0 = first retry). With a server hint: the hint plus a little
 * jitter (never earlier: retrying early fails again). Without: equal-jitter exponential back-off.
 */
export function computeRetryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  rng: () => number,
  opts: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'> = DEFAULT_RETRY_POLICY,
): number {
  const r = Math.min(Math.max(rng(), 0), 1);
  if (retryAfterMs !== undefined) {
    const spread = Math.min(1_000, Math.max(100, retryAfterMs * 0.2));
    return Math.ceil(retryAfterMs + r * spread);
  }
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  if (status === 429 || status === 503) return true;
  return idempotent && (status === 500 || status === 502 || status === 504);
}

const NETWORK_CODE = /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|UND_ERR_)/;

/** Failures where no response came back at all (undici: TypeError('fetch failed') with a coded cause). */
function isNetworkError(e: unknown): e is Error {
  if (!(e instanceof Error) || e.name === 'AbortError') return false;
  if (e.name === 'FetchError' || (e.name === 'TypeError' && e.message === 'fetch failed')) return true;
  const codeOf = (x: unknown): unknown => (typeof x === 'object' && x !== null ? (x as { code?: unknown }).code : undefined);
  return [codeOf(e), codeOf(e.cause)].some((c) => typeof c === 'string' && NETWORK_CODE.test(c));
}

export interface SendContext {
  /** Named in errors and metering. */
  service?: string;
  onCall?: CallHook;
  /** Overrides the method-based rule, e.g. read-only POSTs such as search/jql or worklog/list. */
  idempotent?: boolean;
}

/** Path without its query string: what goes into error details (JQL and cursors stay out of logs). */
export function pathOnly(path: ProductPath): string {
  const q = path.value.indexOf('?');
  return q === -1 ? path.value : path.value.slice(0, q);
}

async function discardBody(res: ProductResponse): Promise<void> {
  try {
    await res.arrayBuffer();
  } catch {
    // nothing to free
  }
}

/**
 * Sends one request, retrying as described at the top of this file. Returns the final response
 * (which may still be an error status for the caller to translate). Throws RateLimitedError when
 * a 429 (or a 503 with Retry-After) outlasts the attempts or the budget.
 */
export async function sendWithRetry(
  transport: ProductTransport,
  path: ProductPath,
  init: ProductRequestInit,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ctx: SendContext = {},
): Promise<ProductResponse> {
  const method = (init.method ?? 'GET').toUpperCase();
  const service = ctx.service ?? 'Atlassian';
  const idempotent = ctx.idempotent ?? isIdempotentMethod(method);
  const started = policy.now();
  const details = { method, path: pathOnly(path) };

  for (let attempt = 1; ; attempt++) {
    let res: ProductResponse;
    try {
      res = await transport.request(path, init);
    } catch (e) {
      ctx.onCall?.(method, path.value, 0);
      if (!idempotent || !isNetworkError(e)) throw e;
      const delay = computeRetryDelay(attempt - 1, undefined, policy.rng, policy);
      if (attempt >= policy.maxAttempts || policy.now() - started + delay > policy.budgetMs) {
        throw new UpstreamError(service, 0, `${method} ${details.path} failed without a response: ${e.message}`, { ...details, attempts: attempt });
      }
      await policy.sleep(delay);
      continue;
    }
    ctx.onCall?.(method, path.value, res.status);
    if (!isRetryableStatus(res.status, idempotent)) return res;

    const reason = parseRateLimitReason(res.headers);
    let retryAfterMs = parseRetryAfter(res.headers, policy.now());
    if (retryAfterMs === undefined && reason?.includes('quota')) retryAfterMs = QUOTA_FALLBACK_MS;
    const delay = computeRetryDelay(attempt - 1, retryAfterMs, policy.rng, policy);
    const exhausted = attempt >= policy.maxAttempts || policy.now() - started + delay > policy.budgetMs;
    if (exhausted) {
      if (res.status === 429 || retryAfterMs !== undefined) {
        await discardBody(res);
        throw new RateLimitedError(service, retryAfterMs ?? delay, reason, { ...details, status: res.status, attempts: attempt });
      }
      return res;
    }
    await discardBody(res);
    await policy.sleep(delay);
  }
}
