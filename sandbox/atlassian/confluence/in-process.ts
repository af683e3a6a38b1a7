// Calls Confluence routes without HTTP: for scenario seeding and fast contract tests. Bodies take
// the same JSON round trip a real client sees, so tests never hold references into the state.
import type { Principal } from '../../core/types';
import type { ApiRequest, ApiResponse, Router } from '../router';

export interface InProcessRequest {
  method: string;
  /** Path with an optional query string, e.g. /wiki/api/v2/pages?space-id=1 */
  url: string;
  principal?: Principal;
  /** JSON body (serialised like a client would), unless rawBody is given. */
  body?: unknown;
  rawBody?: Buffer;
  headers?: Record<string, string>;
}

export interface InProcessResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, a Buffer for binary responses, or undefined. */
  body: unknown;
  /** The matched route pattern (for spec checks), if any. */
  pattern?: string;
}

export async function callRoute(router: Router, init: InProcessRequest): Promise<InProcessResponse> {
  const u = new URL(init.url, 'http://sandbox.local');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
  let rawBody = init.rawBody ?? Buffer.alloc(0);
  let body: unknown;
  if (!init.rawBody && init.body !== undefined) {
    rawBody = Buffer.from(JSON.stringify(init.body), 'utf8');
    headers['content-type'] ??= 'application/json';
  }
  if (rawBody.length > 0 && (headers['content-type'] ?? '').includes('json')) {
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      body = undefined;
    }
  }
  const match = router.match(init.method, u.pathname);
  if (!match.route) {
    return { status: match.methodMismatch ? 405 : 404, headers: {}, body: { errors: [{ status: 404, code: 'NOT_FOUND', title: 'No route', detail: null }] } };
  }
  const req: ApiRequest = {
    product: 'confluence',
    method: init.method.toUpperCase(),
    path: u.pathname,
    query: u.searchParams,
    headers,
    rawBody,
    body,
    principal: init.principal ?? { kind: 'app' },
    params: match.params,
  };
  const res: ApiResponse = await match.route.handler(req);
  const outHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {})) outHeaders[k.toLowerCase()] = v;
  const outBody = res.body === undefined || Buffer.isBuffer(res.body) ? res.body : JSON.parse(JSON.stringify(res.body));
  return { status: res.status, headers: outHeaders, body: outBody, pattern: match.route.pattern };
}
