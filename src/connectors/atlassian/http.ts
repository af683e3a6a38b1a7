// The request pipeline every Atlassian client method goes through: retry (retry.ts) → typed errors
// for non-2xx (errors.ts) → zod validation of the body. Clients never touch a raw response.
import type { z } from 'zod';
import { retryPolicy, sendWithRetry, pathOnly, type RetryPolicy } from './retry';
import { InvalidResponseError, translateHttpError, type ErrorDetails, type RequestContext } from './errors';
import type { AtlassianService, CallHook, ProductBody, ProductHeaders, ProductPath, ProductTransport } from './transport';

export interface AtlassianHttpOptions {
  transport: ProductTransport;
  retry?: Partial<RetryPolicy>;
  onCall?: CallHook;
}

export interface CallOptions {
  /** JSON body (serialised here, with the JSON content type). */
  json?: unknown;
  /** Any other body (multipart FormData, bytes); set the headers yourself. */
  body?: ProductBody;
  headers?: Record<string, string>;
  /** Read-only POSTs (search, bulk reads) may be retried like GETs. */
  idempotent?: boolean;
  /** For error messages: 'Issue', 'Page'… and its id/key. */
  what?: string;
  id?: string;
  details?: ErrorDetails;
  /** Statuses besides 2xx to hand back instead of throwing (e.g. 400 for bulk create). */
  accept?: readonly number[];
}

/** A response whose body has been read. */
export interface ReadResponse {
  status: number;
  headers: ProductHeaders;
  text: string;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  body: unknown;
}

const SERVICE_NAMES: Record<AtlassianService, string> = { jira: 'Jira', confluence: 'Confluence' };

export class AtlassianHttp {
  readonly serviceName: string;
  private readonly policy: RetryPolicy;

  constructor(
    readonly service: AtlassianService,
    private readonly opts: AtlassianHttpOptions,
  ) {
    this.serviceName = SERVICE_NAMES[service];
    this.policy = retryPolicy(opts.retry);
  }

  /** Sends with retries; 2xx (and `accept`ed statuses) come back read, anything else throws typed. */
  async send(method: string, path: ProductPath, o: CallOptions = {}): Promise<ReadResponse> {
    const headers: Record<string, string> = { Accept: 'application/json', ...o.headers };
    let body: ProductBody | undefined = o.body;
    if (o.json !== undefined) {
      body = JSON.stringify(o.json);
      headers['Content-Type'] = 'application/json';
    }
    const res = await sendWithRetry(
      this.opts.transport,
      path,
      body === undefined ? { method, headers } : { method, headers, body },
      this.policy,
      { service: this.serviceName, onCall: this.opts.onCall, idempotent: o.idempotent },
    );
    const text = await res.text();
    const ok = (res.status >= 200 && res.status < 300) || (o.accept?.includes(res.status) ?? false);
    if (!ok) throw translateHttpError(res.status, res.headers, text, this.context(method, path, o));
    let parsed: unknown;
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  }

  /** Sends and validates the JSON body against `schema`. */
  async json<T>(method: string, path: ProductPath, schema: z.ZodType<T>, o: CallOptions = {}): Promise<T> {
    const res = await this.send(method, path, o);
    return this.check(schema, res, method, path, o);
  }

  /** Like json(), but a 404 ("missing or not visible") is null: for look-ups before creating. */
  async jsonOrNull<T>(method: string, path: ProductPath, schema: z.ZodType<T>, o: CallOptions = {}): Promise<T | null> {
    const res = await this.send(method, path, { ...o, accept: [...(o.accept ?? []), 404] });
    if (res.status === 404) return null;
    return this.check(schema, res, method, path, o);
  }

  /** For calls whose body we do not need (204s, property PUTs). Returns the status. */
  async empty(method: string, path: ProductPath, o: CallOptions = {}): Promise<number> {
    return (await this.send(method, path, o)).status;
  }

  /** Validates an already-read response (for calls that accept several statuses). */
  check<T>(schema: z.ZodType<T>, res: ReadResponse, method: string, path: ProductPath, o: CallOptions = {}): T {
    const result = schema.safeParse(res.body);
    if (result.success) return result.data;
    const issues = result.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    const ctx = this.context(method, path, o);
    throw new InvalidResponseError(this.serviceName, res.status, `${ctx.method} ${ctx.path}: ${issues}`, { method: ctx.method, path: ctx.path });
  }

  context(method: string, path: ProductPath, o: Pick<CallOptions, 'what' | 'id' | 'details'> = {}): RequestContext {
    const ctx: RequestContext = { service: this.serviceName, method: method.toUpperCase(), path: pathOnly(path) };
    if (o.what !== undefined) ctx.what = o.what;
    if (o.id !== undefined) ctx.id = o.id;
    if (o.details !== undefined) ctx.details = o.details;
    return ctx;
  }
}
