// How the simulated people act: through the app's resolvers (as the UI would call them) and through
// Jira's REST API (as the browser would). A person whose click fails for a platform reason — the
// invocation was killed, Jira answered 429 or 5xx — simply tries again, so a run under faults does
// the same business actions as a clean run. Errors that are the app's answer (validation, permission)
// are returned, never retried.
import { PRINCIPAL_HEADER } from '../core/types';
import type { Sandbox } from '../platform';

export interface Envelope<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string; fields?: Record<string, string> };
}

/** Answers a person would retry: the platform or an upstream failed, not the request itself. */
const TRANSIENT = new Set(['INTERNAL', 'UPSTREAM', 'RATE_LIMITED']);
const ATTEMPTS = 8;

/** Calls a resolver as a person; retries platform failures, returns the app's envelope. */
export async function actAs<T>(sb: Sandbox, accountId: string | null, key: string, payload: unknown, moduleKey = 'retainer-admin-page', extension?: Record<string, unknown>): Promise<Envelope<T>> {
  let last = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const r = await sb.invokeResolver(moduleKey, key, payload, { accountId, ...(extension ? { extension } : {}) });
    if (r.record.outcome !== 'ok') {
      last = `invocation ${r.record.outcome}: ${r.record.error ?? ''}`;
      continue;
    }
    const env = r.value as Envelope<T>;
    if (!env.ok && env.error && TRANSIENT.has(env.error.code)) {
      last = `${env.error.code}: ${env.error.message}`;
      continue;
    }
    return env;
  }
  return { ok: false, error: { code: 'GAVE_UP', message: `${key} as ${accountId ?? 'anonymous'}: gave up after ${ATTEMPTS} attempts (${last})` } };
}

/** Like actAs, but an error answer throws (setup steps that must succeed). */
export async function mustActAs<T>(sb: Sandbox, accountId: string, key: string, payload: unknown, moduleKey = 'retainer-admin-page'): Promise<T> {
  const env = await actAs<T>(sb, accountId, key, payload, moduleKey);
  if (!env.ok) throw new Error(`${key} as ${accountId}: ${env.error?.message ?? 'failed'} ${JSON.stringify(env.error?.fields ?? {})}`);
  return env.data as T;
}

/** Jira/Confluence REST as a person; 429 and 5xx are retried at once (people don't wait for Retry-After). */
export async function restAs(sb: Sandbox, accountId: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  let res: Response | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    res = await fetch(`${sb.site.baseUrl}${path}`, {
      method,
      headers: { [PRINCIPAL_HEADER]: `user:${accountId}`, 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status !== 429 && res.status < 500) break;
    await res.arrayBuffer();
  }
  const text = res ? await res.text() : '';
  return { status: res?.status ?? 0, json: text ? (JSON.parse(text) as unknown) : undefined };
}
