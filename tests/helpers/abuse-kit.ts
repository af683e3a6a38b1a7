// Checks shared by the abuse and secrets-scan tests: what a storage-format page body may contain,
// the text of a PDF, which KVS and Atlassian requests count as writes, and the agency they run on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Parser } from 'htmlparser2';
import type { RequestLogEntry } from '../../sandbox/core/request-log';
import type { Sandbox } from '../../sandbox/platform';

export const PDFTOTEXT = '/usr/bin/pdftotext';
export const hasPdfToText = existsSync(PDFTOTEXT);

/** Text of a PDF as poppler extracts it, whitespace collapsed ('' when poppler is missing). */
export function pdfText(pdf: Uint8Array): string {
  if (!hasPdfToText) return '';
  const r = spawnSync(PDFTOTEXT, ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr.toString()}`);
  return r.stdout.toString('utf8').replace(/\s+/g, ' ');
}

/** Active content a PDF must never carry (scripts, launch actions). */
export function pdfActiveContent(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf).toString('latin1');
  return ['/JavaScript', '/JS ', '/JS(', '/Launch', '/OpenAction', '/AA '].filter((m) => raw.includes(m));
}

export interface StorageFindings {
  /** Elements that only injected markup would produce. */
  injected: string[];
  /** All text content, entities decoded. */
  text: string;
}

/** Macros that would run markup if text ever turned into them. */
const DANGEROUS_MACROS = ['html', 'html-include', 'iframe', 'widget', 'jira-html', 'include'];

/** Parses a storage-format body as XML and reports script-ish elements and injected macros. */
export function inspectStorage(body: string): StorageFindings {
  const injected: string[] = [];
  let text = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const n = name.toLowerCase();
        if (['script', 'img', 'iframe', 'object', 'embed', 'svg', 'style'].includes(n)) injected.push(`<${n}>`);
        for (const [k, v] of Object.entries(attrs)) {
          if (/^on/i.test(k)) injected.push(`${n}[${k}]`);
          if (/^\s*javascript:/i.test(v)) injected.push(`${n}[${k}=javascript:]`);
        }
        if (n === 'ac:structured-macro' && DANGEROUS_MACROS.includes(attrs['ac:name'] ?? '')) injected.push(`macro:${attrs['ac:name'] ?? '?'}`);
      },
      ontext(t) {
        text += t;
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(body);
  parser.end();
  return { injected, text };
}

const READ_KVS = new Set(['/api/v1/get', '/api/v1/secret/get', '/api/v1/entity/get', '/api/v1/batch/get', '/api/v1/query', '/api/v1/entity/query']);

/** KVS paths of an invocation's meter that are not reads. */
export function kvsWrites(counters: Record<string, number>): string[] {
  return Object.entries(counters)
    .filter(([path, n]) => n > 0 && !READ_KVS.has(path))
    .map(([path, n]) => `${path}×${n}`);
}

/** Keys a KVS write request touches (`key` fields at any depth, with the entity name when given). */
export function writtenKeys(body: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, entity: string | undefined): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, entity));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const e = typeof o.entityName === 'string' ? o.entityName : entity;
    if (typeof o.key === 'string') out.push(e ? `${e}/${o.key}` : o.key);
    for (const [k, child] of Object.entries(o)) if (k !== 'value') walk(child, e);
  };
  walk(body, undefined);
  return out;
}

/**
 * Records the keys every KVS write touches while `fn` runs, by path ('/api/v1/set' → keys).
 * Callers run one invocation at a time inside `fn` so the writes are that invocation's.
 */
export async function recordKvsWrites<T>(sb: Sandbox, fn: () => Promise<T>): Promise<{ value: T; writes: Array<{ path: string; keys: string[] }> }> {
  const writes: Array<{ path: string; keys: string[] }> = [];
  const original = sb.kvs.handle.bind(sb.kvs);
  sb.kvs.handle = async (path: string, body: unknown) => {
    if (!READ_KVS.has(path)) writes.push({ path, keys: writtenKeys(body) });
    return original(path, body);
  };
  try {
    return { value: await fn(), writes };
  } finally {
    sb.kvs.handle = original;
  }
}

/** Atlassian requests that change something (reads that use POST, like JQL search, excluded). */
export function isMutatingRequest(e: RequestLogEntry): boolean {
  if (e.service !== 'jira' && e.service !== 'confluence') return false;
  if (e.method === 'GET' || e.method === 'HEAD') return false;
  return !/\/search(\/jql)?$|\/permissions\/check$|\/mypermissions$|\/bulkfetch$|\/user\/bulk$|\/approximate-count$/.test(e.path);
}

/** Every live secret in the KVS emulator, name → value (read the way the app reads them). */
export async function kvsSecrets(sb: Sandbox): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const key of sb.kvs.snapshot().secrets) {
    const r = await sb.kvs.handle('/api/v1/secret/get', { key });
    out.set(key, (r.body as { value?: unknown }).value);
  }
  return out;
}

/** Strings (≥ 8 characters) inside a secret value, however it is nested. */
export function secretStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.length >= 8 ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(secretStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(secretStrings);
  return [];
}
