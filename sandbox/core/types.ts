// Shared contracts between the sandbox's parts (runtime, KVS, queue, Atlassian site, fake APIs, UI host).
// Everything here is sandbox-only: nothing under src/ may import it.

/** Who a product request is made as, decided by the emulated Forge proxy from the fetch target. */
export type Principal =
  | { kind: 'app' }
  | { kind: 'user'; accountId: string }
  | { kind: 'anonymous' };

/** Header the emulated proxy uses to tell the Atlassian site who is calling: `app`, `user:<accountId>`, `none`. */
export const PRINCIPAL_HEADER = 'x-sandbox-principal';

export function principalToHeader(p: Principal): string {
  if (p.kind === 'app') return 'app';
  if (p.kind === 'user') return `user:${p.accountId}`;
  return 'none';
}

export function principalFromHeader(value: string | undefined | null): Principal {
  if (value === 'app') return { kind: 'app' };
  if (value && value.startsWith('user:') && value.length > 5) return { kind: 'user', accountId: value.slice(5) };
  return { kind: 'anonymous' };
}

/** The accountId of the app's own user on the emulated site (what `asApp()` acts as). */
export const APP_ACCOUNT_ID = '557058:retainer-app';

/** A small response shape used between in-process emulators (KVS, queue) and the fetch shim. */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialisable body; undefined means an empty body. */
  body?: unknown;
}
