// One emulated Atlassian Cloud site serving Jira (/rest/api/3) and Confluence (/wiki/api/v2,
// /wiki/rest/api) on 127.0.0.1, with one user directory, one clock and one id sequence.
// Every request passes, in order: fault injection → spec lookup and request validation → the
// product route → response validation → the request log. Over HTTP and in-process (handle()) the
// same code runs.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, sleep, type FaultDecision } from '../core/faults';
import { RequestLog, type RequestLogEntry } from '../core/request-log';
import { APP_ACCOUNT_ID, PRINCIPAL_HEADER, principalFromHeader, principalToHeader, type Principal } from '../core/types';
import { createConfluenceRoutes, type ConfluenceRoutes } from './confluence/index';
import { errorBody, type ApiFlavour } from './error-bodies';
import { createJiraRoutes, type JiraModule } from './jira/index';
import type { JiraState } from './jira/state';
import { createSpecValidator, type OperationRef, type SpecValidator } from './openapi/index';
import type { ApiRequest, ApiResponse, Product, Router } from './router';
import type { SiteContext, SiteUser, UserDirectory } from './site-context';

export interface AtlassianSiteOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  faults?: FaultInjector;
  log?: RequestLog;
  now?: () => Date;
  /** Default true: an emulator response that violates the spec becomes a loud 500. */
  strict?: boolean;
  /** Largest request body accepted (default 64 MB). */
  maxBodyBytes?: number;
}

export interface SiteRequest {
  method: string;
  /** Path with an optional query string, e.g. /rest/api/3/search/jql?jql=project%3DAG */
  path: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: Buffer | string;
}

export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface SiteSnapshot {
  users: Array<{ accountId: string; groups: string[]; guestOfSpaceKeys?: string[] }>;
  jira: unknown;
  confluence: unknown;
}

/** The site's user directory (shared by both products). */
export class SiteDirectory implements UserDirectory {
  private readonly users = new Map<string, SiteUser>();

  get(accountId: string): SiteUser | undefined {
    return this.users.get(accountId);
  }

  all(): SiteUser[] {
    return [...this.users.values()];
  }

  upsert(user: SiteUser): void {
    this.users.set(user.accountId, { ...user, groups: [...user.groups] });
  }

  isSiteAdmin(accountId: string): boolean {
    return this.users.get(accountId)?.groups.includes('site-admins') ?? false;
  }
}

export const APP_USER: SiteUser = {
  accountId: APP_ACCOUNT_ID,
  displayName: 'Retainer',
  accountType: 'app',
  active: true,
  groups: ['atlassian-addons-admin'],
};

interface Mount {
  product: Product;
  flavour: ApiFlavour;
  service: 'jira' | 'confluence';
  validator: SpecValidator | null;
  router: Router;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

export class AtlassianSite {
  readonly directory = new SiteDirectory();
  readonly log: RequestLog;
  readonly faults: FaultInjector;
  readonly strict: boolean;
  readonly jiraModule: JiraModule;
  readonly confluenceModule: ConfluenceRoutes;
  baseUrl = 'http://127.0.0.1';
  private readonly now: () => Date;
  private readonly maxBodyBytes: number;
  private readonly ctx: SiteContext;
  private idSeq = 10000;
  private server?: Server;
  private readonly warned = new Set<string>();
  private validators?: { jira: SpecValidator; v2: SpecValidator; v1: SpecValidator };

  private constructor(opts: AtlassianSiteOptions) {
    this.log = opts.log ?? new RequestLog();
    this.faults = opts.faults ?? new FaultInjector();
    this.strict = opts.strict ?? true;
    this.now = opts.now ?? (() => new Date());
    this.maxBodyBytes = opts.maxBodyBytes ?? 64 * 1024 * 1024;
    this.directory.upsert(APP_USER);
    const site = this;
    this.ctx = {
      directory: this.directory,
      now: () => site.now(),
      get baseUrl() {
        return site.baseUrl;
      },
      nextId: () => ++site.idSeq,
    };
    this.jiraModule = createJiraRoutes(this.ctx);
    this.confluenceModule = createConfluenceRoutes(this.ctx);
  }

  static async start(opts: AtlassianSiteOptions = {}): Promise<AtlassianSite> {
    const site = new AtlassianSite(opts);
    site.loadValidators();
    await site.listen(opts.port ?? 0);
    return site;
  }

  /** Jira state (projects, issues, worklogs…) for tests and summaries. */
  get jira(): JiraState {
    return this.jiraModule.state;
  }

  /** Confluence state (spaces, pages, attachments…). */
  get confluence(): ConfluenceRoutes['state'] {
    return this.confluenceModule.state;
  }

  /** Adds or replaces users (the app user is always present). */
  seed(data: { users: SiteUser[] }): void {
    for (const u of data.users) this.directory.upsert(u);
  }

  /** Deterministic JSON of all state (no ids or clock times) to compare a clean run with a faulty one. */
  snapshot(): SiteSnapshot {
    const users = this.directory
      .all()
      .map((u) => ({ accountId: u.accountId, groups: [...u.groups].sort(), ...(u.guestOfSpaceKeys ? { guestOfSpaceKeys: [...u.guestOfSpaceKeys].sort() } : {}) }))
      .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
    return { users, jira: this.jiraModule.snapshot(), confluence: this.confluenceModule.snapshot() };
  }

  /** Log entries whose response broke the spec (emulator bugs). */
  responseViolations(): RequestLogEntry[] {
    return this.log.entries.filter((e) => e.specViolations?.some((v) => v.startsWith('response')));
  }

  /** Log entries whose request broke the spec (client bugs). */
  requestViolations(): RequestLogEntry[] {
    return this.log.entries.filter((e) => e.specViolations?.some((v) => v.startsWith('request')));
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }

  /** Serves one request in-process, exactly as the HTTP server would. */
  async handle(req: SiteRequest): Promise<SiteResponse> {
    const started = performance.now();
    const url = new URL(req.path, 'http://site.invalid');
    const path = url.pathname;
    const method = req.method.toUpperCase();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    const rawBody = req.body === undefined ? Buffer.alloc(0) : typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
    const principal = principalFromHeader(headers[PRINCIPAL_HEADER]);
    const mount = this.mountFor(path);
    const entry: RequestLogEntry = {
      service: mount?.service ?? 'atlassian',
      method,
      path,
      status: 0,
      principal: principalToHeader(principal),
      durationMs: 0,
      at: this.now().getTime(),
    };
    const finish = (res: SiteResponse): SiteResponse => {
      entry.status = res.status;
      entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
      this.log.add(entry);
      return res;
    };
    if (!mount) return finish(this.respond(404, { 'content-type': JSON_TYPE }, { message: `No Atlassian API at ${path}` }));

    // The operation is named in the log even when a fault answers first.
    const op = mount.validator?.findOperation(method, path) ?? null;
    const match = mount.router.match(method, path);
    const route = match.route ? match : null;
    if (op) entry.operation = op.operationId;
    else if (route) entry.operation = route.route.pattern;

    // 1. Faults, before anything else (a real gateway rejects before the product sees the request).
    const decision = this.faults.decide(method, path);
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.kind !== 'none') {
      entry.fault = decision.kind === 'rate-limit' ? 'rate-limit' : `http-${decision.status}`;
      return finish(this.faultResponse(mount, decision));
    }

    // 2. The spec: is the request one the real API would accept?
    const violations: string[] = [];
    const flavour = mount.flavour;
    if (!op && !(route && route.route.undocumented)) {
      const allowed = mount.validator?.allowedMethods(path) ?? [];
      violations.push(`request: ${method} ${path} is not an operation in the ${mount.validator?.product ?? mount.service} spec`);
      entry.specViolations = violations;
      if (allowed.length > 0) {
        return finish(this.respond(405, { 'content-type': JSON_TYPE, allow: allowed.join(', ') }, errorBody(flavour, 405, [`Method ${method} is not allowed for ${path}.`])));
      }
      return finish(this.respond(404, { 'content-type': JSON_TYPE }, errorBody(flavour, 404, [`No API at ${method} ${path}.`])));
    }
    const contentType = headers['content-type'];
    let body: unknown;
    if (rawBody.length > 0 && isJson(contentType)) {
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch (e) {
        violations.push(`request: body is not valid JSON (${(e as Error).message})`);
        entry.specViolations = violations;
        return finish(this.respond(400, { 'content-type': JSON_TYPE }, errorBody(flavour, 400, [`Unexpected character in the request body: ${(e as Error).message}`])));
      }
    }
    if (rawBody.length > this.maxBodyBytes) {
      return finish(this.respond(413, { 'content-type': JSON_TYPE }, errorBody(flavour, 413, ['Request entity too large.'])));
    }
    if (op && mount.validator) {
      const problems = mount.validator.validateRequest(op, {
        query: url.searchParams,
        headers,
        body: body !== undefined ? body : rawBody.length > 0 ? rawBody : undefined,
        contentType,
      });
      if (problems.length > 0) {
        violations.push(...problems.map((p) => `request: ${p}`));
        entry.specViolations = violations;
        // A body in a media type the operation does not take is 415, like the real gateway.
        const status = problems.every((p) => p.startsWith('request content type')) ? 415 : 400;
        return finish(this.respond(status, { 'content-type': JSON_TYPE }, errorBody(flavour, status, problems)));
      }
    }
    if (!route || !match.route) {
      const what = op?.operationId ?? `${method} ${path}`;
      this.warnOnce(`${mount.service}: ${what} is in the spec but not emulated`);
      return finish(this.respond(501, { 'content-type': JSON_TYPE }, errorBody(flavour, 501, [`The sandbox does not emulate ${what}.`])));
    }

    if (op?.deprecated && !match.route.undocumented) this.warnOnce(`${mount.service}: ${op.operationId} is deprecated in the spec (${method} ${op.pathTemplate})`);

    // 3. The product.
    const apiReq: ApiRequest = { product: mount.product, method, path, query: url.searchParams, headers, rawBody, body, principal, params: match.params };
    let apiRes: ApiResponse;
    try {
      apiRes = await match.route.handler(apiReq);
    } catch (e) {
      const msg = (e as Error).stack ?? String(e);
      process.stderr.write(`[sandbox] ${mount.service} ${method} ${path} crashed: ${msg}\n`);
      return finish(this.respond(500, { 'content-type': JSON_TYPE }, errorBody(flavour, 500, [`Internal server error: ${(e as Error).message}`])));
    }
    const outHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(apiRes.headers ?? {})) outHeaders[k.toLowerCase()] = v;
    let payload: Buffer;
    let jsonValue: unknown;
    if (apiRes.body === undefined) payload = Buffer.alloc(0);
    else if (Buffer.isBuffer(apiRes.body)) {
      payload = apiRes.body;
      outHeaders['content-type'] ??= 'application/octet-stream';
    } else {
      const text = JSON.stringify(apiRes.body);
      payload = Buffer.from(text, 'utf8');
      jsonValue = JSON.parse(text) as unknown;
      outHeaders['content-type'] ??= JSON_TYPE;
    }
    if (mount.service === 'jira' && principal.kind !== 'anonymous') outHeaders['x-aaccountid'] = accountIdOf(principal);

    // 4. Is what we answered what the spec promises?
    if (op && mount.validator && !match.route.undocumented) {
      const problems = mount.validator.validateResponse(op, apiRes.status, outHeaders['content-type'], jsonValue !== undefined ? jsonValue : payload.length > 0 ? payload : undefined);
      if (problems.length > 0) {
        violations.push(...problems.map((p) => (p.startsWith('response') ? p : `response: ${p}`)));
        entry.specViolations = violations;
        if (this.strict) return finish(this.strictFailure(mount, op, apiRes.status, problems));
      }
    }
    if (violations.length > 0) entry.specViolations = violations;
    return finish({ status: apiRes.status, headers: outHeaders, body: payload });
  }

  // ---- internals ----

  private loadValidators(): void {
    this.validators = { jira: createSpecValidator('jira'), v2: createSpecValidator('confluence-v2'), v1: createSpecValidator('confluence-v1') };
  }

  private mountFor(path: string): Mount | null {
    const v = this.validators;
    if (path.startsWith('/rest/api/3/')) {
      return { product: 'jira', flavour: 'jira', service: 'jira', validator: v?.jira ?? null, router: this.jiraModule.router };
    }
    if (path.startsWith('/wiki/api/v2/')) {
      return { product: 'confluence', flavour: 'confluence-v2', service: 'confluence', validator: v?.v2 ?? null, router: this.confluenceModule.router };
    }
    if (path.startsWith('/wiki/rest/api/')) {
      return { product: 'confluence', flavour: 'confluence-v1', service: 'confluence', validator: v?.v1 ?? null, router: this.confluenceModule.router };
    }
    if (path.startsWith('/wiki/')) {
      // Non-API Confluence paths (e.g. attachment downloads): undocumented routes only.
      return { product: 'confluence', flavour: 'confluence-v1', service: 'confluence', validator: null, router: this.confluenceModule.router };
    }
    return null;
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    process.stderr.write(`[sandbox] ${message}\n`);
  }

  private respond(status: number, headers: Record<string, string>, body: unknown): SiteResponse {
    return { status, headers, body: Buffer.from(JSON.stringify(body), 'utf8') };
  }

  private faultResponse(mount: Mount, d: Exclude<FaultDecision, { kind: 'none' }>): SiteResponse {
    const headers: Record<string, string> = { 'content-type': JSON_TYPE };
    if (d.kind === 'rate-limit') {
      headers['retry-after'] = String(d.retryAfterSeconds);
      headers['x-ratelimit-reset'] = resetStamp(this.now().getTime() + d.retryAfterSeconds * 1000);
      headers['x-ratelimit-limit'] = '100';
      headers['x-ratelimit-remaining'] = '0';
      // Jira names its burst limiter so; for Confluence the same pattern is used (assumption).
      headers['ratelimit-reason'] = mount.service === 'jira' ? 'jira-burst-based' : 'confluence-burst-based';
      return this.respond(429, headers, errorBody(mount.flavour, 429, ['Rate limit exceeded.']));
    }
    if (d.retryAfterSeconds !== undefined) headers['retry-after'] = String(d.retryAfterSeconds);
    const msg = d.status === 503 ? 'Service unavailable, please try again later.' : 'Internal server error.';
    return this.respond(d.status, headers, errorBody(mount.flavour, d.status, [msg]));
  }

  private strictFailure(mount: Mount, op: OperationRef, status: number, problems: string[]): SiteResponse {
    const banner = `\n[sandbox STRICT] ${mount.service} ${op.operationId} answered ${status} with a body that violates the official spec:\n  - ${problems.join('\n  - ')}\n`;
    process.stderr.write(banner);
    return this.respond(500, { 'content-type': JSON_TYPE }, errorBody(mount.flavour, 500, [`[sandbox strict] emulator response for ${op.operationId} violates the spec: ${problems.join('; ')}`]));
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((req, res) => {
      void this.serveHttp(req)
        .then((r) => {
          res.writeHead(r.status, { ...r.headers, 'content-length': String(r.body.length) });
          res.end(r.body);
        })
        .catch((e: unknown) => {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(e));
        });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const addr = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${addr.port}`;
    this.server = server;
  }

  private async serveHttp(req: IncomingMessage): Promise<SiteResponse> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      const b = c as Buffer;
      size += b.length;
      if (size > this.maxBodyBytes) {
        return { status: 413, headers: { 'content-type': JSON_TYPE }, body: Buffer.from(JSON.stringify({ message: 'Request entity too large.' })) };
      }
      chunks.push(b);
    }
    return this.handle({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) });
  }
}

function isJson(contentType: string | undefined): boolean {
  const t = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return t === 'application/json' || t.endsWith('+json');
}

function accountIdOf(p: Principal): string {
  return p.kind === 'user' ? p.accountId : APP_ACCOUNT_ID;
}

/** X-RateLimit-Reset: ISO 8601 to the minute, e.g. 2026-11-02T09:01Z (rounded up). */
function resetStamp(ms: number): string {
  const up = Math.ceil(ms / 60_000) * 60_000;
  return `${new Date(up).toISOString().slice(0, 16)}Z`;
}
