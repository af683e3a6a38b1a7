// Runs the real `@forge/kvs` client against the KVS emulator in this process: installs the two
// globals the Forge packages read (`__forge_runtime__`, `__forge_fetch__`, forge-platform.md §4.1)
// and routes `{type:'kvs'}` fetches to `KvsEmulator.handle`, answering with WHATWG Responses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KvsEmulator, type EntityDef } from '../../sandbox/kvs';

export interface RecordedKvsRequest {
  path: string;
  method: string | undefined;
  contentType: string | undefined;
  body: unknown;
  status: number;
  target: unknown;
}

export interface KvsHarness {
  /** The emulator currently behind `__forge_fetch__` (replaced by `restart()`). */
  readonly emulator: KvsEmulator;
  readonly dataDir: string | undefined;
  readonly requests: RecordedKvsRequest[];
  /** Virtual time in ms. */
  now(): number;
  advance(ms: number): void;
  /** Closes the emulator and opens a new one on the same data directory (a sandbox restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface KvsHarnessOptions {
  entities?: EntityDef[];
  /** true = a fresh temporary directory (removed on close); a string = that directory; default in memory. */
  persist?: boolean | string;
  startMs?: number;
  compactAfterLines?: number;
}

/** Entities used across the contract suite (shapes as in manifest.yml `app.storage.entities`). */
export const CONTRACT_ENTITIES: EntityDef[] = [
  {
    name: 'ledger-entry',
    attributes: {
      clientId: { type: 'string' },
      period: { type: 'string' },
      kind: { type: 'string' },
      amountMinor: { type: 'integer' },
      rate: { type: 'float' },
      settled: { type: 'boolean' },
      tags: { type: 'any' },
      note: { type: 'string' },
    },
    indexes: ['clientId', 'amountMinor', { name: 'by-client-period', partition: ['clientId'], range: ['period'] }],
  },
  {
    name: 'lock',
    attributes: { owner: { type: 'string' }, version: { type: 'integer' }, state: { type: 'string' } },
  },
];

type ForgeFetch = (target: unknown, path: string, init?: { method?: string; headers?: Record<string, string>; body?: unknown }) => Promise<Response>;

function installGlobals(runtime: Record<string, unknown>, fetch: ForgeFetch): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g.__forge_runtime__ = runtime;
  g.__forge_fetch__ = fetch;
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

export async function startKvsHarness(opts: KvsHarnessOptions = {}): Promise<KvsHarness> {
  let clock = opts.startMs ?? Date.UTC(2026, 0, 15, 9, 0, 0);
  const ownsDir = opts.persist === true;
  const dataDir = opts.persist === true ? mkdtempSync(join(tmpdir(), 'kvs-contract-')) : typeof opts.persist === 'string' ? opts.persist : undefined;
  const openEmulator = () =>
    KvsEmulator.open({ entities: opts.entities ?? CONTRACT_ENTITIES, dataDir, now: () => clock, compactAfterLines: opts.compactAfterLines });
  let emulator = await openEmulator();
  const requests: RecordedKvsRequest[] = [];

  installGlobals(
    {
      proxy: { token: 'sandbox-proxy-token', url: 'https://proxy.sandbox.invalid' },
      contextAri: 'ari:cloud:jira::site/00000000-0000-4000-8000-000000000000',
      container: { region: 'local', runtime: 'nodejs22.x' },
      appContext: {
        appId: 'ari:cloud:ecosystem::app/11111111-2222-3333-4444-555555555555',
        appVersion: '1.0.0',
        environmentId: 'sandbox-env',
        environmentType: 'DEVELOPMENT',
        invocationId: 'kvs-contract',
        installationId: 'sandbox-installation',
        functionKey: 'kvs-contract',
        moduleType: 'test',
        moduleKey: 'kvs-contract',
      },
      lambdaContext: { awsRequestId: 'kvs-contract', getRemainingTimeInMillis: () => 25_000 },
      tracing: { traceId: 'trace-kvs', spanId: 'span-kvs' },
      realtime: {},
      metrics: {
        timing: () => ({ measure: () => ({ stop: () => undefined }) }),
        counter: () => ({ incr: () => undefined, incrBy: () => undefined, decr: () => undefined, decrBy: () => undefined }),
        gauge: () => ({ set: () => undefined }),
      },
      featureFlags: () => false,
    },
    async (target, path, init) => {
      const t = target as { type?: unknown } | null;
      if (!t || t.type !== 'kvs') throw new Error(`kvs-harness: unexpected fetch target ${JSON.stringify(target)}`);
      const body: unknown = typeof init?.body === 'string' && init.body.length > 0 ? JSON.parse(init.body) : undefined;
      const res = await emulator.handle(path, body);
      requests.push({ path, method: init?.method, contentType: headerValue(init?.headers, 'content-type'), body, status: res.status, target });
      const headers = { 'content-type': 'application/json', 'x-trace-id': 'trace-kvs', ...(res.headers ?? {}) };
      const text = res.body === undefined || res.status === 204 ? null : JSON.stringify(res.body);
      return new Response(text, { status: res.status, headers });
    },
  );

  return {
    get emulator() {
      return emulator;
    },
    dataDir,
    requests,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
    restart: async () => {
      await emulator.close();
      emulator = await openEmulator();
    },
    close: async () => {
      await emulator.close();
      if (ownsDir && dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
