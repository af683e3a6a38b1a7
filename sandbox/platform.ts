// The sandbox: one Forge platform on this machine. Wires the clock, KVS, queue, scheduler, the
// function runtime, the emulated Atlassian site, the fake outside APIs and the UI host, and offers
// the handful of operations tests, benchmarks and the demo drive it with.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { VirtualClock } from './core/clock';
import { readBody } from './core/http';
import { FAULT_PROFILES, FaultInjector, type FaultProfileName } from './core/faults';
import { RequestLog } from './core/request-log';
import { APP_ACCOUNT_ID, type EmulatorResponse } from './core/types';
import { KvsEmulator } from './kvs';
import { AtlassianSite } from './atlassian/site';
import { startFakeApis } from './fakes';
import { EventQueue, type DeliveryOutcome } from './queue/queue';
import { Scheduler } from './queue/scheduler';
import { loadManifest, type LoadedManifest } from './runtime/manifest';
import { ForgeRuntime, type InvocationRecord, type InvocationResult } from './runtime/runtime';

export interface SandboxOptions {
  appRoot?: string;
  /** Persist KVS here (git-ignored); undefined keeps everything in memory. */
  dataDir?: string;
  /** Virtual time to start at. */
  start?: Date | string;
  faults?: FaultProfileName;
  seed?: number;
  poolSize?: number;
  /** host → base URL, to point a connection at another server (e.g. a replay of recorded payloads). */
  egressOverrides?: Record<string, string>;
  /** Share of invocations timed against a smaller timeout (tests of the timeout itself). */
  timeoutScale?: number;
  /** Long waits inside invocations pass this many times faster (billed in full); 1 = real time. */
  timeWarp?: number;
}

export interface WebTriggerRequest {
  method: string;
  path?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: string;
}

export interface WebTriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

const CLOUD_ID = 'c0ffee00-0000-4000-8000-00000000sbx1'.replace(/[^0-9a-f-]/g, '0');

export class Sandbox {
  readonly clock: VirtualClock;
  readonly log = new RequestLog();
  readonly siteFaults: FaultInjector;
  readonly apiFaults: FaultInjector;
  private webTriggerIds = new Map<string, string>();
  private platformServer?: Server;
  platformUrl = '';

  private constructor(
    readonly appRoot: string,
    readonly manifest: LoadedManifest,
    readonly kvs: KvsEmulator,
    readonly site: AtlassianSite,
    readonly fakes: Awaited<ReturnType<typeof startFakeApis>>,
    readonly runtime: ForgeRuntime,
    readonly queue: EventQueue,
    readonly scheduler: Scheduler,
    clock: VirtualClock,
    siteFaults: FaultInjector,
    apiFaults: FaultInjector,
  ) {
    this.clock = clock;
    this.siteFaults = siteFaults;
    this.apiFaults = apiFaults;
  }

  static async start(opts: SandboxOptions = {}): Promise<Sandbox> {
    const appRoot = resolve(opts.appRoot ?? process.cwd());
    const bundlePath = join(appRoot, 'dist/index.cjs');
    if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run "npm run build" first`);
    const manifest = loadManifest(appRoot);
    const clock = new VirtualClock(opts.start);
    const log = new RequestLog();
    const seed = opts.seed ?? 1;
    const siteFaults = new FaultInjector(FAULT_PROFILES.clean, `site-${seed}`);
    const apiFaults = new FaultInjector(FAULT_PROFILES.clean, `apis-${seed}`);
    const kvs = await KvsEmulator.open({ entities: manifest.entities, dataDir: opts.dataDir, now: () => clock.now() });
    const site = await AtlassianSite.start({ faults: siteFaults, log, now: () => clock.date() });
    const fakes = await startFakeApis({ seed, faults: apiFaults, log, now: () => clock.now() });
    const egressRoutes = { ...fakes.routes, ...(opts.egressOverrides ?? {}) };

    // The runtime's platform backend needs the queue and the sandbox; bind late.
    let sandbox: Sandbox | undefined;
    const runtime = new ForgeRuntime({
      manifest,
      bundlePath,
      siteBaseUrl: site.baseUrl,
      egressRoutes,
      clock,
      poolSize: opts.poolSize ?? 4,
      cloudId: CLOUD_ID,
      timeoutScale: opts.timeoutScale,
      timeWarp: opts.timeWarp,
      backend: {
        kvs: (path, body) => kvs.handle(path, body),
        stargate: async (path, method, body) => {
          if (!sandbox) return { status: 503, body: { message: 'sandbox starting' } };
          return sandbox.stargate(path, method, body);
        },
      },
    });
    const consumers = manifest.consumers.map((c) => ({ queue: c.queue, function: c.function, timeoutSeconds: manifest.functions.get(c.function)?.timeoutSeconds ?? 55 }));
    const queue = new EventQueue({
      consumers,
      clock,
      maxParallel: opts.poolSize ?? 4,
      deliver: async (fn, queueName, event) => {
        const consumer = manifest.consumers.find((c) => c.queue === queueName);
        const r = await runtime.invoke({ functionKey: fn, kind: 'consumer', moduleKey: consumer?.key ?? queueName, args: [event, { installContext: `ari:cloud:jira::site/${CLOUD_ID}` }] });
        return toDelivery(r);
      },
    });
    const scheduler = new Scheduler({
      triggers: manifest.scheduledTriggers,
      clock,
      fire: async (t) => {
        await runtime.invoke({
          functionKey: t.function,
          kind: 'scheduledTrigger',
          moduleKey: t.key,
          args: [{ context: { cloudId: CLOUD_ID, moduleKey: t.key }, contextToken: 'sandbox-context-token' }, { principal: undefined, installContext: `ari:cloud:jira::site/${CLOUD_ID}` }],
        });
      },
      settle: (until) => queue.drain({ until, fastForward: true }),
    });
    sandbox = new Sandbox(appRoot, manifest, kvs, site, fakes, runtime, queue, scheduler, clock, siteFaults, apiFaults);
    // Everyone writes to one request log.
    site.log.onEntry((e) => sandbox?.log.add(e));
    if (fakes.log !== site.log) fakes.log?.onEntry?.((e) => sandbox?.log.add(e));
    await sandbox.startPlatformServer();
    await runtime.warm();
    if (opts.faults) sandbox.setFaults(opts.faults, seed);
    return sandbox;
  }

  /** Applies a named fault profile everywhere: Atlassian, outside APIs, queue, scheduler, runtime. */
  setFaults(name: FaultProfileName, seed: number | string = 1): void {
    const p = FAULT_PROFILES[name];
    this.siteFaults.setProfile(p, `site-${seed}`);
    this.apiFaults.setProfile(p, `apis-${seed}`);
    const flaky = name === 'flaky' || name === 'flaky100' || name === 'storm';
    this.queue.setFaults({ duplicateDeliveryRate: flaky ? 0.05 : 0, seed: `queue-${seed}` });
    this.scheduler.setDuplicateFireRate(flaky ? 0.25 : 0, `sched-${seed}`);
    this.runtime.setKillRate(flaky ? 0.03 : 0, `kill-${seed}`);
  }

  /** Calls a UI resolver as the platform does for `invoke` from Custom UI. */
  async invokeResolver(
    moduleKey: string,
    functionKey: string,
    payload: unknown,
    opts: { accountId: string | null; extension?: Record<string, unknown>; locale?: string },
  ): Promise<InvocationResult> {
    const mod = this.manifest.uiModules.get(moduleKey);
    if (!mod?.resolverFunction) throw new Error(`manifest.yml has no UI module '${moduleKey}' with a resolver`);
    const context = {
      extension: { type: mod.type, ...(opts.extension ?? {}) },
      localId: `${moduleKey}-local`,
      cloudId: CLOUD_ID,
      moduleKey,
      siteUrl: this.site.baseUrl,
      environmentId: 'sandbox-env',
      environmentType: 'DEVELOPMENT',
      locale: opts.locale ?? 'en-US',
      timezone: 'Europe/Kyiv',
      accountType: opts.accountId ? 'licensed' : 'anonymous',
    };
    return this.runtime.invoke({
      functionKey: mod.resolverFunction,
      kind: 'resolver',
      moduleKey,
      principalAccountId: opts.accountId,
      maxRequestBytes: 500 * 1024,
      args: [
        { call: { functionKey, payload }, context },
        { principal: opts.accountId ? { accountId: opts.accountId } : undefined, installContext: `ari:cloud:jira::site/${CLOUD_ID}`, license: { isActive: true } },
      ],
    });
  }

  /** Fires a scheduled trigger now (as the platform would), then lets the queue settle. */
  async fireScheduled(triggerKey: string, opts: { drain?: boolean } = {}): Promise<InvocationResult> {
    const t = this.manifest.scheduledTriggers.find((x) => x.key === triggerKey);
    if (!t) throw new Error(`manifest.yml has no scheduledTrigger '${triggerKey}'`);
    const r = await this.runtime.invoke({
      functionKey: t.function,
      kind: 'scheduledTrigger',
      moduleKey: t.key,
      args: [{ context: { cloudId: CLOUD_ID, moduleKey: t.key }, contextToken: 'sandbox-context-token' }, { principal: undefined, installContext: `ari:cloud:jira::site/${CLOUD_ID}` }],
    });
    if (opts.drain !== false) await this.drain();
    return r;
  }

  /** Runs the lifecycle trigger for an event such as avi:forge:installed:app. */
  async fireLifecycle(eventType: string): Promise<InvocationResult[]> {
    const out: InvocationResult[] = [];
    for (const t of this.manifest.triggers.filter((x) => x.events.includes(eventType))) {
      out.push(
        await this.runtime.invoke({
          functionKey: t.function,
          kind: 'trigger',
          moduleKey: t.key,
          args: [{ eventType, context: { cloudId: CLOUD_ID } }, { installContext: `ari:cloud:jira::site/${CLOUD_ID}` }],
        }),
      );
    }
    return out;
  }

  /** Delivers queued events until the queue is empty, jumping the virtual clock over delays. */
  async drain(opts: { until?: Date | number } = {}): Promise<void> {
    await this.queue.drain({ until: opts.until === undefined ? undefined : new Date(opts.until).getTime(), fastForward: true });
  }

  /** Runs every scheduled trigger due until `target` (virtual), draining the queue between fires. */
  async runUntil(target: Date | string): Promise<void> {
    await this.scheduler.runUntil(new Date(target));
  }

  async callWebTrigger(triggerKey: string, req: WebTriggerRequest): Promise<WebTriggerResponse> {
    const wt = this.manifest.webtriggers.find((w) => w.key === triggerKey);
    if (!wt) return { statusCode: 404, headers: {}, body: 'No such web trigger' };
    const headers: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = [v];
    const queryParameters: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(req.query ?? {})) queryParameters[k] = [v];
    const r = await this.runtime.invoke({
      functionKey: wt.function,
      kind: 'webtrigger',
      moduleKey: wt.key,
      args: [{ method: req.method.toUpperCase(), path: req.path ?? '/', headers, queryParameters, body: req.body ?? '' }, { installContext: `ari:cloud:jira::site/${CLOUD_ID}` }],
    });
    if (r.record.outcome === 'timeout') return { statusCode: 424, headers: {}, body: 'Failed Dependency: the web trigger timed out' };
    if (r.record.outcome !== 'ok') return { statusCode: 500, headers: {}, body: 'Internal Server Error' };
    const v = r.value as { statusCode?: unknown; headers?: unknown; body?: unknown } | undefined;
    if (!v || typeof v.statusCode !== 'number') return { statusCode: 500, headers: {}, body: 'Web trigger returned an invalid response' };
    return { statusCode: v.statusCode, headers: (v.headers as Record<string, string[]>) ?? {}, body: typeof v.body === 'string' ? v.body : '' };
  }

  /** Everything the platform metered, as JSON. */
  meter(filter: (r: InvocationRecord) => boolean = () => true): MeterSummary {
    return summarize(this.runtime.records.filter(filter), this.log, this.kvs, this.queue);
  }

  /** Real-time mode for the served demo: scheduled triggers and queue deliveries follow the clock. */
  startLive(): void {
    this.scheduler.startWallClock();
    this.queue.startLive();
  }

  async close(): Promise<void> {
    this.scheduler.stop();
    this.queue.stopLive();
    await this.runtime.close();
    await Promise.allSettled([this.site.close(), this.fakes.close(), this.kvs.close()]);
    await new Promise<void>((r) => (this.platformServer ? this.platformServer.close(() => r()) : r()));
  }

  /** Platform calls through the stargate remote: queue, web trigger URLs, app events. */
  private async stargate(path: string, method: string, body: unknown): Promise<EmulatorResponse> {
    if (path.startsWith('/webhook/queue/')) return this.queue.handle(path, body);
    if (path === '/graphql' && method === 'POST') return this.graphql(body);
    if (path === '/forge/events/v1/app-events') return { status: 200, body: {} };
    return { status: 404, body: { message: `sandbox: stargate path ${path} is not emulated` } };
  }

  private graphql(body: unknown): EmulatorResponse {
    const b = (body ?? {}) as { query?: string; variables?: { input?: { triggerKey?: string }; id?: string } };
    if (b.query?.includes('createWebTriggerUrl')) {
      const key = b.variables?.input?.triggerKey;
      if (!key || !this.manifest.webtriggers.some((w) => w.key === key)) {
        return { status: 200, body: { errors: [{ message: `No web trigger '${String(key)}' in manifest.yml` }], data: { createWebTriggerUrl: null } } };
      }
      const id = createHash('sha256').update(`${this.manifest.appId}:${key}`).digest('hex').slice(0, 32);
      this.webTriggerIds.set(id, key);
      return { status: 200, body: { data: { createWebTriggerUrl: { url: `${this.platformUrl}/x1/${id}` } } } };
    }
    if (b.query?.includes('deleteWebTriggerUrl')) {
      if (b.variables?.id) this.webTriggerIds.delete(b.variables.id);
      return { status: 200, body: { data: { deleteWebTriggerUrl: { success: true } } } };
    }
    return { status: 200, body: { errors: [{ message: 'sandbox: this GraphQL operation is not emulated' }] } };
  }

  private async startPlatformServer(): Promise<void> {
    const server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (url.pathname === '/__sandbox/meter') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(this.meter(), null, 2));
          return;
        }
        const m = /^\/x1\/([0-9a-f]+)(\/.*)?$/.exec(url.pathname);
        const key = m ? this.webTriggerIds.get(m[1] as string) : undefined;
        if (!key) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('Not found');
          return;
        }
        const body = await readBody(req, 1024 * 1024);
        if (body === null) {
          res.writeHead(413, { 'content-type': 'text/plain' });
          res.end('Payload too large');
          return;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
        const r = await this.callWebTrigger(key, { method: req.method ?? 'GET', path: m?.[2] ?? '/', headers, query: Object.fromEntries(url.searchParams), body });
        const outHeaders: Record<string, string> = {};
        for (const [k, v] of Object.entries(r.headers)) outHeaders[k] = v.join(', ');
        res.writeHead(r.statusCode, outHeaders);
        res.end(r.body);
      })().catch((e: unknown) => {
        res.writeHead(500);
        res.end(String(e));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address();
    this.platformUrl = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
    this.platformServer = server;
  }
}


function toDelivery(r: InvocationResult): DeliveryOutcome {
  if (r.record.outcome !== 'ok') return { kind: 'error', message: r.record.error ?? r.record.outcome };
  const v = r.value as { _retry?: unknown; retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown } } | undefined;
  if (v && v._retry === true) {
    return { kind: 'retry', retryAfterSeconds: v.retryOptions?.retryAfter ?? 1, retryReason: v.retryOptions?.retryReason ?? 'FUNCTION_RETRY_REQUEST', retryData: v.retryOptions?.retryData };
  }
  return { kind: 'ok' };
}

export interface MeterSummary {
  invocations: number;
  byFunction: Record<string, { count: number; errors: number; timeouts: number; killed: number; p50Ms: number; p95Ms: number; maxMs: number; maxShareOfTimeout: number; peakMemoryMB: number }>;
  gbSeconds: number;
  kvsOps: number;
  productCalls: Record<string, number>;
  productEndpoints: Record<string, number>;
  egressCalls: Record<string, number>;
  requests: Record<string, number>;
  specViolations: number;
  queue: EventQueue['counts'];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function summarize(records: InvocationRecord[], log: RequestLog, _kvs: KvsEmulator, queue: EventQueue): MeterSummary {
  const byFunction: MeterSummary['byFunction'] = {};
  const groups = new Map<string, InvocationRecord[]>();
  let gbSeconds = 0;
  let kvsOps = 0;
  const productCalls: Record<string, number> = {};
  const productEndpoints: Record<string, number> = {};
  const egressCalls: Record<string, number> = {};
  for (const r of records) {
    const g = groups.get(r.functionKey) ?? [];
    g.push(r);
    groups.set(r.functionKey, g);
    // Forge bills duration × configured memory.
    gbSeconds += (r.wallMs / 1000) * (r.memoryMB / 1024);
    for (const n of Object.values(r.counters.kvs)) kvsOps += n;
    for (const [k, n] of Object.entries(r.counters.product)) productCalls[k] = (productCalls[k] ?? 0) + n;
    for (const [k, n] of Object.entries(r.counters.productEndpoints ?? {})) productEndpoints[k] = (productEndpoints[k] ?? 0) + n;
    for (const [k, n] of Object.entries(r.counters.egress)) egressCalls[k] = (egressCalls[k] ?? 0) + n;
  }
  for (const [fn, rs] of groups) {
    const times = rs.map((r) => r.wallMs).sort((a, b) => a - b);
    byFunction[fn] = {
      count: rs.length,
      errors: rs.filter((r) => r.outcome === 'error').length,
      timeouts: rs.filter((r) => r.outcome === 'timeout').length,
      killed: rs.filter((r) => r.outcome === 'killed').length,
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      maxMs: round(times[times.length - 1] ?? 0),
      maxShareOfTimeout: round(maxOf(rs, (r) => r.wallMs / r.timeoutMs), 3),
      peakMemoryMB: round(maxOf(rs, (r) => r.peakMemoryMB)),
    };
  }
  return {
    invocations: records.length,
    byFunction,
    gbSeconds: round(gbSeconds, 3),
    kvsOps,
    productCalls,
    productEndpoints,
    egressCalls,
    requests: log.countBy(),
    specViolations: log.violations().length,
    queue: { ...queue.counts },
  };
}

/** Largest value (0 for none) without spreading: a quarter at scale meters hundreds of thousands of invocations. */
function maxOf<T>(list: readonly T[], f: (x: T) => number): number {
  let m = 0;
  for (const x of list) m = Math.max(m, f(x));
  return m;
}

const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

export { APP_ACCOUNT_ID, randomUUID };
