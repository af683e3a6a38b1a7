// Messages between the runtime (main thread) and its invocation workers.

export interface WorkerInit {
  bundlePath: string;
  siteBaseUrl: string;
  /** Backend egress allowlist from the manifest (addresses, may contain wildcards). */
  egressAllow: string[];
  /** host → base URL that serves it in the sandbox (fake APIs or a replay server). */
  egressRoutes: Record<string, string>;
  appId: string;
  environmentId: string;
  installationId: string;
  cloudId: string;
  appVersion: string;
  /**
   * Waits of 0.2–8 s inside an invocation (Retry-After, back-off) pass this many times faster;
   * the invocation's clock jumps over the skipped time and its billed duration includes it. 1 = real time.
   */
  timeWarp?: number;
}

export interface FetchTarget {
  type: string;
  provider?: string;
  remote?: string;
  accountId?: string;
  contextAri?: string;
}

export interface InvokeMessage {
  type: 'invoke';
  invocationId: string;
  exportName: string;
  args: unknown[];
  functionKey: string;
  moduleKey: string;
  moduleType: string;
  principalAccountId: string | null;
  timeoutMs: number;
  clockOffsetMs: number;
}

export interface PlatformFetchReply {
  type: 'platform-fetch-result';
  requestId: number;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type MainToWorker = InvokeMessage | PlatformFetchReply;

export interface InvocationCounters {
  kvs: Record<string, number>;
  product: Record<string, number>;
  /** Product calls by "remote METHOD /path/{id}" (ids and keys folded), for cost breakdowns. */
  productEndpoints: Record<string, number>;
  egress: Record<string, number>;
  queuePushes: number;
  logLines: number;
  droppedLogLines: number;
}

export interface DoneMessage {
  type: 'done';
  invocationId: string;
  ok: boolean;
  /** JSON text of the return value (undefined → absent). */
  valueJson?: string;
  error?: { name: string; message: string; stack?: string };
  wallMs: number;
  cpuMs: number;
  peakHeapMB: number;
  counters: InvocationCounters;
}

export interface PlatformFetchMessage {
  type: 'platform-fetch';
  invocationId: string;
  requestId: number;
  target: FetchTarget;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LogMessage {
  type: 'log';
  invocationId: string | null;
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  text: string;
}

export type WorkerToMain = DoneMessage | PlatformFetchMessage | LogMessage | { type: 'ready' } | { type: 'fatal'; message: string };
