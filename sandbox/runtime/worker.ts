// One Forge "container": a worker thread that loads the app bundle once and runs one invocation
// at a time with production's globals. The real @forge/* packages inside the bundle talk to the
// platform only through global.__forge_runtime__ and global.__forge_fetch__, which we define here.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { format } from 'node:util';
import { EgressFilteringService } from '@forge/egress';
import { principalToHeader, PRINCIPAL_HEADER, type Principal } from '../core/types';
import type {
  DoneMessage,
  FetchTarget,
  InvocationCounters,
  InvokeMessage,
  MainToWorker,
  PlatformFetchReply,
  WorkerInit,
  WorkerToMain,
} from './protocol';

if (!parentPort) throw new Error('sandbox worker must run in a worker thread');
const port = parentPort;
const init = workerData as WorkerInit;
const post = (m: WorkerToMain): void => port.postMessage(m);

interface InvocationState {
  msg: InvokeMessage;
  deadline: number;
  counters: InvocationCounters;
  peakHeap: number;
  startedAt: number;
  /** Wait time skipped by the time warp (billed, and added to the invocation's clock). */
  warpedMs: number;
}
const als = new AsyncLocalStorage<InvocationState>();
const current = (): InvocationState | undefined => als.getStore();

// --- Clock: virtual time = real time + the offset the runtime sends with each invocation. ---
const RealDate = Date;
let clockOffsetMs = 0;
class SandboxDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + clockOffsetMs);
    else super(...(args as [string | number | Date]));
  }
  static override now(): number {
    return RealDate.now() + clockOffsetMs;
  }
}
globalThis.Date = SandboxDate as DateConstructor;

// --- Logs: captured per invocation, 100 lines per runtime minute as in production. ---
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => {
    const st = current();
    if (st) {
      const minutes = Math.max(1, Math.ceil((performance.now() - st.startedAt) / 60_000));
      if (st.counters.logLines >= 100 * minutes) {
        st.counters.droppedLogLines++;
        return;
      }
      st.counters.logLines++;
    }
    post({ type: 'log', invocationId: st?.msg.invocationId ?? null, level, text: format(...args).slice(0, 10_000) });
  };
}

// --- Egress: the manifest's allowlist, then routing to the sandbox's fake servers. ---
const realFetch = globalThis.fetch;
const egress = new EgressFilteringService(init.egressAllow);
export class EgressBlockedError extends Error {
  constructor(url: string) {
    super(`REQUEST_EGRESS_ALLOWLIST_ERR: ${url} is not in permissions.external.fetch.backend of manifest.yml`);
    this.name = 'EgressBlockedError';
  }
}
globalThis.fetch = (async (input: string | URL | Request, initArg?: RequestInit): Promise<Response> => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (!egress.isValidUrl(url.href)) throw new EgressBlockedError(url.origin);
  if (url.protocol !== 'https:') throw new Error(`Forge egress only allows HTTPS: ${url.origin}`);
  const st = current();
  if (st) {
    const minutes = Math.max(1, Math.ceil((performance.now() - st.startedAt) / 60_000));
    const total = Object.values(st.counters.egress).reduce((a, b) => a + b, 0);
    if (total >= 100 * minutes) throw new Error('Egress limit: more than 100 outbound requests per runtime minute');
    st.counters.egress[url.host] = (st.counters.egress[url.host] ?? 0) + 1;
  }
  const base = init.egressRoutes[url.host];
  if (!base) throw new Error(`sandbox: no server is configured for ${url.host} (add it to the egress routes)`);
  const target = `${base.replace(/\/$/, '')}${url.pathname}${url.search}`;
  return realFetch(target, input instanceof Request ? new Request(target, input) : initArg);
}) as typeof fetch;

// --- Platform fetch: KVS, queue and other platform calls go to the main thread; products over HTTP. ---
let nextRequestId = 1;
const pending = new Map<number, (r: PlatformFetchReply) => void>();

function bodyToString(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  throw new Error('sandbox: platform request bodies must be strings');
}

function headersToRecord(h: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(h ?? {}).forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

/** A request path with its ids, keys and names folded to {id}: /rest/api/3/issue/AB-12/worklog → /rest/api/3/issue/{id}/worklog. */
function endpointPath(path: string): string {
  return (path.split('?')[0] ?? '')
    .split('/')
    .map((seg) => (!/^(\d|v\d+)$/.test(seg) && /\d/.test(seg) || /^[A-Z][A-Z0-9_]+$/.test(seg) || seg.includes('%') || seg.includes(':') ? '{id}' : seg))
    .join('/');
}

async function forgeFetch(target: FetchTarget, path: string, reqInit: RequestInit = {}): Promise<Response> {
  const st = current();
  const method = (reqInit.method ?? 'GET').toUpperCase();
  if (target.type === 'fpp' && (target.remote === 'jira' || target.remote === 'confluence')) {
    if (st) {
      st.counters.product[target.remote] = (st.counters.product[target.remote] ?? 0) + 1;
      const endpoint = `${target.remote} ${method} ${endpointPath(path)}`;
      st.counters.productEndpoints[endpoint] = (st.counters.productEndpoints[endpoint] ?? 0) + 1;
    }
    const principal = productPrincipal(target, st);
    const headers = new Headers(reqInit.headers ?? {});
    headers.set(PRINCIPAL_HEADER, principalToHeader(principal));
    return realFetch(`${init.siteBaseUrl}${path}`, { ...reqInit, method, headers });
  }
  if (target.type === 'kvs') {
    if (st) st.counters.kvs[path] = (st.counters.kvs[path] ?? 0) + 1;
  } else if (target.type === 'fpp' && target.remote === 'stargate' && path.startsWith('/webhook/queue/publish/')) {
    if (st) st.counters.queuePushes++;
  }
  const requestId = nextRequestId++;
  const reply = await new Promise<PlatformFetchReply>((resolve) => {
    pending.set(requestId, resolve);
    post({
      type: 'platform-fetch',
      invocationId: st?.msg.invocationId ?? 'none',
      requestId,
      target,
      path,
      method,
      headers: headersToRecord(reqInit.headers),
      body: bodyToString(reqInit.body),
    });
  });
  const noBody = reply.status === 204 || reply.status === 304;
  return new Response(noBody ? null : reply.body, { status: reply.status, headers: reply.headers });
}

function productPrincipal(target: FetchTarget, st: InvocationState | undefined): Principal {
  if (target.provider === 'app') return { kind: 'app' };
  const accountId = target.accountId ?? st?.msg.principalAccountId ?? undefined;
  if (target.provider === 'user') return accountId ? { kind: 'user', accountId } : { kind: 'anonymous' };
  // Bare requestJira (provider 'none') acts as the invoking user when there is one.
  return accountId ? { kind: 'user', accountId } : { kind: 'app' };
}

function makeRuntime(st: InvocationState): Record<string, unknown> {
  const noop = { stop: () => undefined, incr: () => undefined, incrBy: () => undefined, decr: () => undefined, decrBy: () => undefined, set: () => undefined };
  return {
    proxy: { token: 'sandbox-proxy-token', url: 'http://sandbox.invalid' },
    contextAri: `ari:cloud:jira::site/${init.cloudId}`,
    container: { region: 'sandbox', runtime: 'nodejs22.x', handler: st.msg.exportName },
    appContext: {
      appId: init.appId,
      appVersion: init.appVersion,
      environmentId: init.environmentId,
      environmentType: 'DEVELOPMENT',
      invocationId: st.msg.invocationId,
      installationId: init.installationId,
      functionKey: st.msg.functionKey,
      moduleType: st.msg.moduleType,
      moduleKey: st.msg.moduleKey,
    },
    aaid: st.msg.principalAccountId ?? undefined,
    lambdaContext: {
      awsRequestId: st.msg.invocationId,
      getRemainingTimeInMillis: () => Math.max(0, st.deadline - performance.now()),
    },
    tracing: { traceId: st.msg.invocationId, spanId: '0' },
    realtime: {},
    metrics: { timing: () => ({ measure: () => noop }), counter: () => noop, gauge: () => noop },
    featureFlags: () => false,
  };
}

Object.defineProperty(globalThis, '__forge_runtime__', {
  configurable: true,
  get: () => {
    const st = current();
    return st ? makeRuntime(st) : undefined;
  },
});
Object.defineProperty(globalThis, '__forge_fetch__', { configurable: true, value: forgeFetch });

// --- Load the app once, like a warm container. ---
// --- Time warp (scale runs): retry waits inside an invocation pass faster, the clock jumps over them. ---
const warp = init.timeWarp ?? 1;
if (warp > 1) {
  const realSetTimeout = globalThis.setTimeout;
  const warped = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]): ReturnType<typeof setTimeout> => {
    const st = current();
    const d = Number(ms ?? 0);
    // Only waits the length of a Retry-After or back-off step; request timeouts stay real.
    if (!st || !(d >= 200 && d <= 8_000)) return realSetTimeout(fn, ms, ...args);
    const skipped = d - d / warp;
    st.warpedMs += skipped;
    clockOffsetMs += skipped;
    return realSetTimeout(fn, d / warp, ...args);
  };
  globalThis.setTimeout = Object.assign(warped, { __promisify__: realSetTimeout.__promisify__ }) as unknown as typeof setTimeout;
}

const require = createRequire(import.meta.url);
let app: Record<string, unknown>;
try {
  app = require(init.bundlePath) as Record<string, unknown>;
} catch (e) {
  post({ type: 'fatal', message: `Could not load the app bundle ${init.bundlePath}: ${(e as Error).stack ?? String(e)}` });
  throw e;
}

function sampleHeap(st: InvocationState): void {
  const h = getHeapStatistics();
  const used = h.used_heap_size + h.malloced_memory + h.external_memory;
  if (used > st.peakHeap) st.peakHeap = used;
}

async function runInvocation(msg: InvokeMessage): Promise<void> {
  clockOffsetMs = msg.clockOffsetMs;
  const st: InvocationState = {
    msg,
    deadline: performance.now() + msg.timeoutMs,
    counters: { kvs: {}, product: {}, productEndpoints: {}, egress: {}, queuePushes: 0, logLines: 0, droppedLogLines: 0 },
    peakHeap: 0,
    startedAt: performance.now(),
    warpedMs: 0,
  };
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  sampleHeap(st);
  const sampler = setInterval(() => sampleHeap(st), 5);
  let done: DoneMessage;
  try {
    const fn = app[msg.exportName];
    if (typeof fn !== 'function') throw new Error(`The app bundle has no exported handler '${msg.exportName}'`);
    const value: unknown = await als.run(st, () => (fn as (...a: unknown[]) => unknown)(...msg.args));
    sampleHeap(st);
    const valueJson = value === undefined ? undefined : JSON.stringify(value);
    done = finish(st, t0, elu0, { ok: true, valueJson });
  } catch (e) {
    sampleHeap(st);
    const err = e instanceof Error ? e : new Error(String(e));
    done = finish(st, t0, elu0, { ok: false, error: { name: err.name, message: err.message, stack: err.stack } });
  } finally {
    clearInterval(sampler);
  }
  post(done);
}

function finish(
  st: InvocationState,
  t0: number,
  elu0: ReturnType<typeof performance.eventLoopUtilization>,
  r: Pick<DoneMessage, 'ok' | 'valueJson' | 'error'>,
): DoneMessage {
  const elu = performance.eventLoopUtilization(elu0);
  return {
    type: 'done',
    invocationId: st.msg.invocationId,
    ...r,
    wallMs: performance.now() - t0 + st.warpedMs,
    cpuMs: elu.active,
    peakHeapMB: st.peakHeap / (1024 * 1024),
    counters: st.counters,
  };
}

port.on('message', (m: MainToWorker) => {
  if (m.type === 'platform-fetch-result') {
    const resolve = pending.get(m.requestId);
    pending.delete(m.requestId);
    resolve?.(m);
  } else if (m.type === 'invoke') {
    void runInvocation(m);
  }
});
post({ type: 'ready' });
