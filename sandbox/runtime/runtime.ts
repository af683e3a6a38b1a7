// The Forge function runtime on one machine: a pool of warm worker "containers", production
// timeouts (a timed-out worker is killed, like a Lambda), size limits, and a meter per invocation.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { VirtualClock } from '../core/clock';
import { createRng, type Rng } from '../core/rng';
import type { EmulatorResponse } from '../core/types';
import { timeoutFor, type LoadedManifest, type ModuleKind } from './manifest';
import type { DoneMessage, FetchTarget, InvocationCounters, InvokeMessage, WorkerInit, WorkerToMain } from './protocol';

/** Platform services the workers reach through __forge_fetch__ (everything except Jira/Confluence). */
export interface PlatformBackend {
  kvs(path: string, body: unknown): Promise<EmulatorResponse>;
  stargate(path: string, method: string, body: unknown, caller: { functionKey: string; invocationId: string }): Promise<EmulatorResponse>;
}

export type InvocationOutcome = 'ok' | 'error' | 'timeout' | 'killed' | 'rejected';

export interface InvocationRecord {
  invocationId: string;
  functionKey: string;
  moduleKey: string;
  kind: ModuleKind;
  startedAt: string; // virtual time, ISO
  timeoutMs: number;
  memoryMB: number;
  outcome: InvocationOutcome;
  error?: string;
  wallMs: number;
  cpuMs: number;
  peakMemoryMB: number;
  counters: InvocationCounters;
  requestBytes: number;
  responseBytes: number;
}

export interface InvocationResult {
  record: InvocationRecord;
  /** The handler's return value (parsed from JSON), when outcome is 'ok'. */
  value?: unknown;
}

export interface InvokeRequest {
  functionKey: string;
  kind: ModuleKind;
  moduleKey: string;
  args: unknown[];
  principalAccountId?: string | null;
  /** Limit on the JSON size of the arguments (500 KB for UI invoke requests). */
  maxRequestBytes?: number;
}

export interface RuntimeOptions {
  manifest: LoadedManifest;
  bundlePath: string;
  siteBaseUrl: string;
  egressRoutes: Record<string, string>;
  backend: PlatformBackend;
  clock: VirtualClock;
  poolSize?: number;
  cloudId?: string;
  installationId?: string;
  /** Scale for timeouts (tests of the timeout itself use a small factor). */
  timeoutScale?: number;
  /** See WorkerInit.timeWarp. */
  timeWarp?: number;
}

export class InvocationLimitError extends Error {
  constructor(message: string, readonly limit: string) {
    super(message);
    this.name = 'InvocationLimitError';
  }
}

const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
  /** Killed or crashed: replaced as soon as it is released. */
  dead: boolean;
  current?: {
    msg: InvokeMessage;
    resolve: (d: DoneMessage | { killed: 'timeout' | 'killed' | 'crash'; message: string }) => void;
  };
}

export class ForgeRuntime {
  readonly records: InvocationRecord[] = [];
  readonly logs: Array<{ invocationId: string | null; functionKey: string | null; level: string; text: string; at: number }> = [];
  private slots: Slot[] = [];
  private waiting: Array<(s: Slot) => void> = [];
  private init: WorkerInit;
  private closed = false;
  private killPlan: Array<{ match: (functionKey: string) => boolean; afterMs: number; remaining: number }> = [];
  private killRate = 0;
  private killRng: Rng = createRng(13);
  private invocationFunction = new Map<string, string>();
  private recordListeners: Array<(r: InvocationRecord) => void> = [];

  constructor(private readonly opts: RuntimeOptions) {
    this.init = {
      bundlePath: opts.bundlePath,
      siteBaseUrl: opts.siteBaseUrl,
      egressAllow: opts.manifest.egress,
      egressRoutes: opts.egressRoutes,
      timeWarp: opts.timeWarp,
      appId: opts.manifest.appId.replace(/^ari:cloud:ecosystem::app\//, ''),
      environmentId: 'sandbox-env',
      installationId: opts.installationId ?? 'sandbox-installation',
      cloudId: opts.cloudId ?? 'sandbox-cloud',
      appVersion: '1.0.0',
    };
    const size = opts.poolSize ?? 4;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  get manifest(): LoadedManifest {
    return this.opts.manifest;
  }

  /** Waits until every worker has loaded the bundle (so the first invocation isn't a cold start). */
  async warm(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  onRecord(listener: (r: InvocationRecord) => void): () => void {
    this.recordListeners.push(listener);
    return () => {
      this.recordListeners = this.recordListeners.filter((l) => l !== listener);
    };
  }

  /** Fault injection: kill the next `times` invocations of matching functions `afterMs` after they start. */
  killMidway(match: (functionKey: string) => boolean, afterMs: number, times = 1): void {
    this.killPlan.push({ match, afterMs, remaining: times });
  }

  /** Fault injection: kill this share of background invocations (consumers, scheduled triggers) at a random point. */
  setKillRate(rate: number, seed: number | string = 13): void {
    this.killRate = rate;
    this.killRng = createRng(seed);
  }

  async invoke(req: InvokeRequest): Promise<InvocationResult> {
    if (this.closed) throw new Error('runtime is closed');
    const fn = this.opts.manifest.functions.get(req.functionKey);
    if (!fn) throw new Error(`manifest.yml has no function '${req.functionKey}'`);
    const [file, exportName] = fn.handler.split('.') as [string, string];
    if (file !== 'index') throw new Error(`handler ${fn.handler}: every handler must come from src/index.ts`);
    const timeoutMs = Math.round(timeoutFor(req.kind, fn) * (this.opts.timeoutScale ?? 1));
    const invocationId = randomUUID();
    const argsJson = JSON.stringify(req.args);
    const requestBytes = Buffer.byteLength(argsJson);
    const base: Omit<InvocationRecord, 'outcome' | 'wallMs' | 'cpuMs' | 'peakMemoryMB' | 'counters' | 'responseBytes'> = {
      invocationId,
      functionKey: req.functionKey,
      moduleKey: req.moduleKey,
      kind: req.kind,
      startedAt: this.opts.clock.date().toISOString(),
      timeoutMs,
      memoryMB: fn.memoryMB,
      requestBytes,
    };
    const emptyCounters = (): InvocationCounters => ({ kvs: {}, product: {}, productEndpoints: {}, egress: {}, queuePushes: 0, logLines: 0, droppedLogLines: 0 });
    if (req.maxRequestBytes !== undefined && requestBytes > req.maxRequestBytes) {
      return this.record({ ...base, outcome: 'rejected', error: `Invocation payload is ${requestBytes} bytes; the limit is ${req.maxRequestBytes}`, wallMs: 0, cpuMs: 0, peakMemoryMB: 0, counters: emptyCounters(), responseBytes: 0 });
    }
    const msg: InvokeMessage = {
      type: 'invoke',
      invocationId,
      exportName,
      args: JSON.parse(argsJson) as unknown[],
      functionKey: req.functionKey,
      moduleKey: req.moduleKey,
      moduleType: req.kind,
      principalAccountId: req.principalAccountId ?? null,
      timeoutMs,
      clockOffsetMs: this.opts.clock.offset,
    };
    const slot = await this.acquire();
    this.invocationFunction.set(invocationId, req.functionKey);
    const started = performance.now();
    const outcome = await new Promise<DoneMessage | { killed: 'timeout' | 'killed' | 'crash'; message: string }>((resolve) => {
      slot.current = { msg, resolve };
      const timer = setTimeout(() => this.kill(slot, 'timeout', `Function timed out after ${timeoutMs} ms`), timeoutMs);
      const kill = this.killPlan.find((k) => k.remaining > 0 && k.match(req.functionKey));
      let killAfter: number | undefined;
      if (kill) {
        kill.remaining--;
        killAfter = kill.afterMs;
      } else if (this.killRate > 0 && (req.kind === 'consumer' || req.kind === 'scheduledTrigger') && this.killRng.chance(this.killRate)) {
        killAfter = this.killRng.int(5, 250);
      }
      const killTimer =
        killAfter === undefined ? undefined : setTimeout(() => this.kill(slot, 'killed', 'Invocation killed by the sandbox fault profile'), killAfter);
      const origResolve = slot.current.resolve;
      slot.current.resolve = (d) => {
        clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        origResolve(d);
      };
      slot.worker.postMessage(msg);
    });
    this.invocationFunction.delete(invocationId);
    this.release(slot);
    if ('killed' in outcome) {
      return this.record({
        ...base,
        outcome: outcome.killed === 'timeout' ? 'timeout' : 'killed',
        error: outcome.message,
        wallMs: performance.now() - started,
        cpuMs: 0,
        peakMemoryMB: 0,
        counters: emptyCounters(),
        responseBytes: 0,
      });
    }
    const responseBytes = outcome.valueJson ? Buffer.byteLength(outcome.valueJson) : 0;
    const common = { wallMs: outcome.wallMs, cpuMs: outcome.cpuMs, peakMemoryMB: outcome.peakHeapMB, counters: outcome.counters, responseBytes };
    if (!outcome.ok) {
      return this.record({ ...base, ...common, outcome: 'error', error: `${outcome.error?.name}: ${outcome.error?.message}` });
    }
    if (responseBytes > MAX_RESPONSE_BYTES) {
      return this.record({ ...base, ...common, outcome: 'error', error: `Response is ${responseBytes} bytes; the limit is ${MAX_RESPONSE_BYTES}` });
    }
    const value = outcome.valueJson === undefined ? undefined : (JSON.parse(outcome.valueJson) as unknown);
    return { ...this.record({ ...base, ...common, outcome: 'ok' }), value };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private record(r: InvocationRecord): InvocationResult {
    this.records.push(r);
    if (this.records.length > 2_000_000) this.records.splice(0, 100_000);
    for (const l of this.recordListeners) l(r);
    return { record: r };
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      workerData: this.init,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.manifest.memoryMB },
      stdout: false,
      stderr: false,
    });
    let markReady: () => void = () => undefined;
    let markFailed: (e: Error) => void = () => undefined;
    const ready = new Promise<void>((res, rej) => {
      markReady = res;
      markFailed = rej;
    });
    ready.catch(() => undefined);
    const slot: Slot = { worker, ready, busy: false, dead: false };
    worker.on('message', (m: WorkerToMain) => {
      switch (m.type) {
        case 'ready':
          markReady();
          break;
        case 'fatal':
          markFailed(new Error(m.message));
          break;
        case 'done':
          slot.current?.resolve(m);
          break;
        case 'log':
          this.logs.push({ invocationId: m.invocationId, functionKey: m.invocationId ? this.invocationFunction.get(m.invocationId) ?? null : null, level: m.level, text: m.text, at: this.opts.clock.now() });
          if (this.logs.length > 100_000) this.logs.splice(0, 10_000);
          if (process.env.SANDBOX_ECHO_LOGS) process.stderr.write(`[app ${m.level}] ${m.text}\n`);
          break;
        case 'platform-fetch':
          void this.platformFetch(slot, m.requestId, m.target, m.path, m.method, m.body, m.invocationId);
          break;
      }
    });
    worker.on('error', (e) => {
      markFailed(e);
      slot.dead = true;
      const cur = slot.current;
      slot.current = undefined;
      cur?.resolve({ killed: 'crash', message: `Worker crashed: ${e.message}` });
    });
    worker.on('exit', () => {
      slot.dead = true;
      const cur = slot.current;
      slot.current = undefined;
      cur?.resolve({ killed: 'crash', message: 'Worker exited (out of memory or crash)' });
      if (!this.closed && !slot.busy) this.replace(slot);
    });
    return slot;
  }

  private async platformFetch(slot: Slot, requestId: number, target: FetchTarget, path: string, method: string, body: string | undefined, invocationId: string): Promise<void> {
    let res: EmulatorResponse;
    try {
      const parsed: unknown = body ? JSON.parse(body) : undefined;
      if (target.type === 'kvs') res = await this.opts.backend.kvs(path, parsed);
      else if (target.type === 'fpp' && target.remote === 'stargate')
        res = await this.opts.backend.stargate(path, method, parsed, { functionKey: this.invocationFunction.get(invocationId) ?? '?', invocationId });
      else if (target.type === 'sql') res = { status: 400, body: { code: 'APP_NOT_ENABLED', message: 'Forge SQL is not enabled for this app' } };
      else res = { status: 501, body: { message: `sandbox: platform target ${JSON.stringify(target)} is not emulated` } };
    } catch (e) {
      res = { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: (e as Error).message } };
    }
    slot.worker.postMessage({
      type: 'platform-fetch-result',
      requestId,
      status: res.status,
      headers: { 'content-type': 'application/json', ...(res.headers ?? {}) },
      body: res.body === undefined ? '' : JSON.stringify(res.body),
    });
  }

  private kill(slot: Slot, kind: 'timeout' | 'killed', message: string): void {
    slot.dead = true;
    const cur = slot.current;
    slot.current = undefined;
    cur?.resolve({ killed: kind, message });
    void slot.worker.terminate();
  }

  private replace(dead: Slot): void {
    const i = this.slots.indexOf(dead);
    if (i < 0) return;
    const fresh = this.spawn();
    fresh.busy = true; // until it has loaded the bundle
    this.slots[i] = fresh;
    void fresh.ready.then(() => this.release(fresh), () => undefined);
  }

  private async acquire(): Promise<Slot> {
    for (const s of this.slots) {
      if (!s.busy) {
        s.busy = true;
        await s.ready;
        return s;
      }
    }
    const s = await new Promise<Slot>((resolve) => this.waiting.push(resolve));
    await s.ready;
    return s;
  }

  private release(slot: Slot): void {
    slot.current = undefined;
    if (!this.slots.includes(slot)) return;
    // A killed worker is replaced; the fresh one is handed out once it has loaded.
    if (slot.dead) {
      if (!this.closed) this.replace(slot);
      return;
    }
    const next = this.waiting.shift();
    if (next) {
      slot.busy = true;
      next(slot);
    } else {
      slot.busy = false;
    }
  }
}
