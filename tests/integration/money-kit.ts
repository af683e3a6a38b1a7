// Helpers for the money integration tests: calling resolvers as a persona, reading what the app
// stored straight from the KVS emulator, and looking at Confluence as the app.
import { PRINCIPAL_HEADER } from '../../sandbox/core/types';
import type { Sandbox } from '../../sandbox/platform';

export interface Envelope<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> };
}

export async function call<T>(sb: Sandbox, accountId: string | null, key: string, payload: unknown, moduleKey = 'retainer-project-page'): Promise<Envelope<T>> {
  const r = await sb.invokeResolver(moduleKey, key, payload, { accountId });
  if (r.record.outcome !== 'ok') throw new Error(`${key}: invocation ${r.record.outcome}: ${r.record.error ?? ''}`);
  return r.value as Envelope<T>;
}

export async function ok<T>(sb: Sandbox, accountId: string, key: string, payload: unknown): Promise<T> {
  const env = await call<T>(sb, accountId, key, payload);
  if (!env.ok) throw new Error(`${key} as ${accountId}: ${env.error?.code} ${env.error?.message} ${JSON.stringify(env.error?.fields ?? {})}`);
  return env.data as T;
}

/** The `data` of every record of a custom entity, by key. */
export function entityData<T = Record<string, unknown>>(sb: Sandbox, entity: string): Map<string, T> {
  const rows = sb.kvs.snapshot().entities[entity] ?? {};
  return new Map(Object.entries(rows).map(([k, v]) => [k, (v as { data: T }).data]));
}

export async function confluence<T>(sb: Sandbox, path: string): Promise<{ status: number; json: T }> {
  const res = await fetch(`${sb.site.baseUrl}${path}`, { headers: { [PRINCIPAL_HEADER]: 'app', accept: 'application/json' } });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

export async function download(sb: Sandbox, pageId: string, filename: string, as = 'app'): Promise<{ status: number; bytes: Buffer }> {
  const res = await fetch(`${sb.site.baseUrl}/wiki/download/attachments/${pageId}/${encodeURIComponent(filename)}`, { headers: { [PRINCIPAL_HEADER]: as } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

export async function pageStorage(sb: Sandbox, pageId: string): Promise<{ title: string; version: number; body: string; parentId?: string }> {
  const r = await confluence<{ title: string; version: { number: number }; body: { storage: { value: string } }; parentId?: string }>(sb, `/wiki/api/v2/pages/${pageId}?body-format=storage`);
  if (r.status !== 200) throw new Error(`page ${pageId}: ${r.status}`);
  return { title: r.json.title, version: r.json.version.number, body: r.json.body.storage.value, ...(r.json.parentId ? { parentId: r.json.parentId } : {}) };
}

export async function jiraSearch(sb: Sandbox, jql: string): Promise<Array<{ key: string; fields: Record<string, unknown> }>> {
  const res = await fetch(`${sb.site.baseUrl}/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { [PRINCIPAL_HEADER]: 'app', 'content-type': 'application/json' },
    body: JSON.stringify({ jql, fields: ['summary', 'status', 'labels', 'assignee', 'comment'], maxResults: 100 }),
  });
  if (res.status !== 200) throw new Error(`search ${jql}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { issues: Array<{ key: string; fields: Record<string, unknown> }> }).issues;
}

let seq = 0;
/** A fresh requestId (the UI makes one per form submission). */
export function requestId(tag = 'req'): string {
  seq++;
  return `${tag}-${process.pid}-${seq}-${Math.random().toString(36).slice(2, 10)}`;
}
