// Test helpers: the fake APIs on loopback and a fetch that rewrites https://<host>/… to the fake's
// route for that host, exactly like the sandbox's egress shim.
import { startFakeApis, type FakeApis } from '../../../sandbox/fakes';
import type { HttpFetch } from '../../../src/connectors/metrics/http';
import type { ConnectionAccount, DailyRow, FetchDailyRequest, MetricsConnector } from '../../../src/connectors/metrics/types';

export interface Routed {
  http: HttpFetch;
  /** Every URL the connector asked for (public form, https://host/…). */
  urls: string[];
  /** Headers of every request, lower-cased keys. */
  headers: Array<Record<string, string>>;
}

export function routedFetch(routes: Record<string, string>): Routed {
  const urls: string[] = [];
  const headers: Array<Record<string, string>> = [];
  const http: HttpFetch = async (url, init) => {
    const u = new URL(url);
    if (u.protocol !== 'https:') throw new Error(`egress only allows https: ${u.origin}`);
    const base = routes[u.host];
    if (!base) throw new Error(`no route for ${u.host}`);
    urls.push(url);
    const h: Record<string, string> = {};
    for (const [k, v] of Object.entries(init?.headers ?? {})) h[k.toLowerCase()] = v;
    headers.push(h);
    return fetch(`${base}${u.pathname}${u.search}`, init);
  };
  return { http, urls, headers };
}

export async function withFakes<T>(fn: (f: FakeApis) => Promise<T>, seed = 7): Promise<T> {
  const fakes = await startFakeApis({ seed });
  try {
    return await fn(fakes);
  } finally {
    await fakes.close();
  }
}

export async function collect(it: AsyncIterable<DailyRow[]>): Promise<{ rows: DailyRow[]; batches: number }> {
  const rows: DailyRow[] = [];
  let batches = 0;
  for await (const b of it) {
    batches++;
    rows.push(...b);
  }
  return { rows, batches };
}

export const noSleep = async (): Promise<void> => {};

export function account(source: ConnectionAccount['source'], accountId: string, extra: Partial<ConnectionAccount> = {}): ConnectionAccount {
  return { connectionId: `conn-${source}-${accountId}`, source, accountId, ...extra };
}

export function fetchAll(c: MetricsConnector, req: FetchDailyRequest): Promise<{ rows: DailyRow[]; batches: number }> {
  return collect(c.fetchDaily({ sleep: noSleep, ...req }));
}

/** Throws unless `fn` rejects; returns the error. */
export async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
