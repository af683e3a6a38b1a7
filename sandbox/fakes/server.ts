// One loopback HTTP server for every fake outside API. Each host is served under `/<host>/…`, so the
// egress shim's `routes[host] = ${baseUrl}/${host}` lands here; faults and forced quota errors are
// answered in each source's own error shape.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FaultDecision, FaultInjector } from '../core/faults';
import { sleep } from '../core/faults';
import type { RequestLog } from '../core/request-log';
import type { FakeState } from './state';

export interface FakeRequest {
  method: string;
  host: string;
  /** Path after the host, with a leading slash, without the query. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string, or chunks streamed with backpressure (large TSV reports). */
  body?: string | Iterable<string>;
  /** Route name for the request log. */
  operation?: string;
}

export interface FakeContext {
  state: FakeState;
  seed: number;
}

export type InjectedFault = Exclude<FaultDecision, { kind: 'none' }>;

export interface FakeService {
  /** Request-log service name (the connector's source name, or `google-oauth` / `yandex-oauth`). */
  service: string;
  hosts: readonly string[];
  handle(req: FakeRequest, ctx: FakeContext): FakeResponse | Promise<FakeResponse>;
  /** The source's answer to an injected 429/5xx. */
  fault(f: InjectedFault, req: FakeRequest): FakeResponse;
  /** The source's quota error, forced from the control. */
  quota?(scope: 'short-term' | 'long-term', req: FakeRequest): FakeResponse;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}, operation?: string): FakeResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body), ...(operation ? { operation } : {}) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function writeBody(res: ServerResponse, body: FakeResponse['body']): Promise<void> {
  if (body === undefined) {
    res.end();
    return;
  }
  if (typeof body === 'string') {
    res.end(body);
    return;
  }
  for (const chunk of body) {
    if (!res.write(chunk)) await new Promise<void>((r) => res.once('drain', () => r()));
  }
  res.end();
}

export interface FakeServerOptions {
  port?: number;
  services: FakeService[];
  ctx: FakeContext;
  faults?: FaultInjector;
  log?: RequestLog;
}

export async function startFakeServer(opts: FakeServerOptions): Promise<{ server: Server; baseUrl: string }> {
  const byHost = new Map<string, FakeService>();
  for (const s of opts.services) for (const h of s.hosts) byHost.set(h, s);

  const server = createServer((req, res) => {
    const started = performance.now();
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake.local');
      const slash = url.pathname.indexOf('/', 1);
      const host = slash === -1 ? url.pathname.slice(1) : url.pathname.slice(1, slash);
      const path = slash === -1 ? '/' : url.pathname.slice(slash);
      const service = byHost.get(host);
      const body = await readBody(req);
      if (!service) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end(`fake APIs: unknown host ${host}`);
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
      const fr: FakeRequest = { method: (req.method ?? 'GET').toUpperCase(), host, path, query: url.searchParams, headers, body };
      opts.ctx.state.countCall(service.service);

      const decision = opts.faults?.decide(fr.method, `/${host}${path}`) ?? { kind: 'none' as const, delayMs: 0 };
      if (decision.delayMs > 0) await sleep(decision.delayMs);
      let out: FakeResponse;
      let fault: string | undefined;
      const forced = service.quota ? opts.ctx.state.takeForcedQuota(service.service) : null;
      if (decision.kind !== 'none') {
        out = service.fault(decision, fr);
        fault = decision.kind;
      } else if (forced && service.quota) {
        out = service.quota(forced, fr);
        fault = `quota-${forced}`;
      } else {
        try {
          out = await service.handle(fr, opts.ctx);
        } catch (e) {
          out = { status: 500, headers: { 'content-type': 'text/plain' }, body: `fake ${service.service} crashed: ${e instanceof Error ? e.message : String(e)}` };
        }
      }
      res.writeHead(out.status, out.headers ?? {});
      await writeBody(res, out.body);
      opts.log?.add({
        service: service.service,
        method: fr.method,
        path: `/${host}${path}`,
        operation: out.operation ?? path,
        status: out.status,
        principal: 'app',
        durationMs: Math.round(performance.now() - started),
        ...(fault ? { fault } : {}),
        at: opts.ctx.state.nowMs(),
      });
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  const baseUrl = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
  return { server, baseUrl };
}

/** `Authorization: <scheme> <token>` → token (scheme compared case-insensitively). */
export function bearer(req: FakeRequest, scheme = 'bearer'): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const sp = h.indexOf(' ');
  if (sp === -1 || h.slice(0, sp).toLowerCase() !== scheme.toLowerCase()) return null;
  return h.slice(sp + 1).trim() || null;
}

export function parseJsonBody(req: FakeRequest): unknown {
  try {
    return req.body ? (JSON.parse(req.body) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
