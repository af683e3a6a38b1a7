// The tiny routing layer the emulated Jira and Confluence are written against.
// site.ts owns the HTTP server, identity, faults, spec validation and the request log;
// product modules (jira/, confluence/) only register routes on a Router.
import type { Principal } from '../core/types';

export type Product = 'jira' | 'confluence';

export interface ApiRequest {
  product: Product;
  method: string; // upper case
  /** Path without the query string, e.g. /rest/api/3/issue/AG-1 */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  rawBody: Buffer;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  body: unknown;
  principal: Principal;
  /** Path parameters from the route pattern, e.g. { issueIdOrKey: 'AG-1' }. */
  params: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON value (serialised by the site), a Buffer (sent as is), or undefined (empty body). */
  body?: unknown;
}

export type RouteHandler = (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;

export interface Route {
  method: string;
  /** OpenAPI-style template, e.g. /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey} */
  pattern: string;
  handler: RouteHandler;
  /** Set for behaviours the official spec does not describe (e.g. 410 on /search); skips response validation. */
  undocumented?: boolean;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
  literalLength: number;
}

export class Router {
  private routes: CompiledRoute[] = [];

  add(method: string, pattern: string, handler: RouteHandler, opts: { undocumented?: boolean } = {}): this {
    const names: string[] = [];
    const regex = new RegExp(
      '^' +
        pattern
          .split(/(\{[^}]+\})/)
          .map((part) => {
            const m = /^\{([^}]+)\}$/.exec(part);
            if (m) {
              names.push(m[1] as string);
              return '([^/]+)';
            }
            return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          })
          .join('') +
        '$',
    );
    const literalLength = pattern.replace(/\{[^}]+\}/g, '').length;
    this.routes.push({ method: method.toUpperCase(), pattern, handler, regex, names, literalLength, undocumented: opts.undocumented });
    // Most specific (longest literal part) first, so /issue/bulk wins over /issue/{id}.
    this.routes.sort((a, b) => b.literalLength - a.literalLength);
    return this;
  }

  get(p: string, h: RouteHandler, o?: { undocumented?: boolean }): this { return this.add('GET', p, h, o); }
  post(p: string, h: RouteHandler, o?: { undocumented?: boolean }): this { return this.add('POST', p, h, o); }
  put(p: string, h: RouteHandler, o?: { undocumented?: boolean }): this { return this.add('PUT', p, h, o); }
  delete(p: string, h: RouteHandler, o?: { undocumented?: boolean }): this { return this.add('DELETE', p, h, o); }

  /** Finds the route for a request; `methodMismatch` tells 405 from 404. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | { route: null; methodMismatch: boolean } {
    let methodMismatch = false;
    for (const r of this.routes) {
      const m = r.regex.exec(path);
      if (!m) continue;
      if (r.method !== method.toUpperCase()) {
        methodMismatch = true;
        continue;
      }
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] as string);
      });
      return { route: r, params };
    }
    return { route: null, methodMismatch };
  }

  list(): Route[] {
    return [...this.routes];
  }
}
