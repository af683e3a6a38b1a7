// A scripted ProductTransport for unit tests: routes are tried in order, each answering a fixed
// reply or a function of the request; unmatched requests fail loudly. Every request is recorded.
import type { ProductBody, ProductHeaders, ProductPath, ProductRequestInit, ProductResponse, ProductTransport } from '../transport';

export interface FakeRequest {
  method: string;
  /** Full path with query, exactly as the client built it. */
  path: string;
  pathname: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body?: ProductBody;
  /** The body parsed as JSON when it is a JSON string. */
  json?: unknown;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  bytes?: Uint8Array;
}

export interface FakeRoute {
  /** 'GET /rest/api/3/myself' (exact method and path, query ignored), a RegExp over 'METHOD path?query', or a predicate. */
  match: string | RegExp | ((req: FakeRequest) => boolean);
  respond: FakeReply | ((req: FakeRequest, call: number) => FakeReply | Promise<FakeReply>);
  /** How many requests this route may answer; unlimited when omitted. */
  times?: number;
}

export interface FakeTransport extends ProductTransport {
  readonly calls: FakeRequest[];
  /** Routes with a `times` budget not used up yet. */
  unused(): FakeRoute[];
}

export function fakeHeaders(headers: Record<string, string> = {}): ProductHeaders {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name) => lower.get(name.toLowerCase()) ?? null };
}

/** A Response-like object for a reply. */
export function fakeResponse(reply: FakeReply): ProductResponse {
  const headers: Record<string, string> = { ...reply.headers };
  let bytes: Uint8Array;
  if (reply.bytes) bytes = reply.bytes;
  else if (reply.json !== undefined) {
    bytes = new TextEncoder().encode(JSON.stringify(reply.json));
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  } else bytes = new TextEncoder().encode(reply.text ?? '');
  const text = (): string => new TextDecoder().decode(bytes);
  return {
    status: reply.status ?? 200,
    headers: fakeHeaders(headers),
    text: async () => text(),
    json: async () => JSON.parse(text()) as unknown,
    arrayBuffer: async () => bytes.slice().buffer,
  };
}

function matches(route: FakeRoute, req: FakeRequest): boolean {
  if (typeof route.match === 'function') return route.match(req);
  if (route.match instanceof RegExp) return route.match.test(`${req.method} ${req.path}`);
  const space = route.match.indexOf(' ');
  return route.match.slice(0, space).toUpperCase() === req.method && route.match.slice(space + 1) === req.pathname;
}

export function fakeTransport(routes: FakeRoute[]): FakeTransport {
  const calls: FakeRequest[] = [];
  const used = new Map<FakeRoute, number>();
  return {
    calls,
    unused: () => routes.filter((r) => r.times !== undefined && (used.get(r) ?? 0) < r.times),
    async request(path: ProductPath, init: ProductRequestInit = {}): Promise<ProductResponse> {
      const u = new URL(path.value, 'http://fake.local');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
      const req: FakeRequest = { method: (init.method ?? 'GET').toUpperCase(), path: path.value, pathname: u.pathname, query: u.searchParams, headers };
      if (init.body !== undefined) {
        req.body = init.body;
        if (typeof init.body === 'string') {
          try {
            req.json = JSON.parse(init.body);
          } catch {
            // not JSON
          }
        }
      }
      calls.push(req);
      const route = routes.find((r) => (r.times === undefined || (used.get(r) ?? 0) < r.times) && matches(r, req));
      if (!route) throw new Error(`fakeTransport: no route for ${req.method} ${req.path}`);
      const n = (used.get(route) ?? 0) + 1;
      used.set(route, n);
      const reply = typeof route.respond === 'function' ? await route.respond(req, n) : route.respond;
      return fakeResponse(reply);
    },
  };
}

/** A RetryPolicy fragment for tests: no real sleeping, a virtual clock that advances on sleep. */
export function instantRetry(): { sleep: (ms: number) => Promise<void>; now: () => number; rng: () => number; slept: number[] } {
  let clock = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => clock,
    rng: () => 0.5,
    sleep: async (ms: number) => {
      slept.push(ms);
      clock += ms;
    },
  };
}
