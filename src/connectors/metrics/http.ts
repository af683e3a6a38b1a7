// The injected fetch and the few body/secret helpers every connector shares. Connectors never import
// @forge/api: the job passes Forge's fetch in (locally, the platform's egress shim routes it to fake servers).
import { ParseError, SourceError } from './errors';
import type { MetricSource } from './types';

export interface HttpRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** WHATWG-compatible fetch: `@forge/api`'s `fetch` in production, a routed global fetch in tests. */
export type HttpFetch = (url: string, init?: HttpRequestInit) => Promise<Response>;

/** Replaces every known secret, and any `access_token=` query value, with `***`. */
export function scrubSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text.replace(/(access_token|refresh_token|client_secret|token)=([^&\s"']+)/gi, '$1=***');
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('***');
  }
  return out;
}

/** URL without its query string: safe to put in messages (Meta `paging.next` carries tokens). */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Calls `http`, turning network failures into retryable SourceErrors without leaking the URL's query. */
export async function send(source: MetricSource, http: HttpFetch, url: string, init: HttpRequestInit, secrets: ReadonlyArray<string | undefined>): Promise<Response> {
  try {
    return await http(url, init);
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    const msg = scrubSecrets(e instanceof Error ? e.message : String(e), secrets);
    throw new SourceError(source, 0, 'NETWORK', `${init.method ?? 'GET'} ${safeUrl(url)} failed: ${msg}`, true);
  }
}

/** Reads a JSON body. An HTML page (a sunset API version answers with one) becomes a SourceError. */
export async function readJson(source: MetricSource, res: Response): Promise<unknown> {
  const text = await res.text();
  return parseJsonText(source, res.status, text);
}

export function parseJsonText(source: MetricSource, status: number, text: string): unknown {
  const head = text.trimStart().slice(0, 1);
  if (head === '<') {
    throw new SourceError(source, status, 'NON_JSON_RESPONSE', 'an HTML page came back instead of JSON (is the API version sunset?)', status >= 500);
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ParseError(source, [{ line: 0, message: `response ${status} is not valid JSON` }]);
  }
}

/** The body as a stream of byte chunks, whether the Response exposes a WHATWG or a Node stream. */
export async function* bodyChunks(res: Response): AsyncGenerator<Uint8Array> {
  const body = res.body as unknown;
  if (body === null || body === undefined) {
    const text = await res.text();
    if (text) yield new TextEncoder().encode(text);
    return;
  }
  if (typeof (body as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          finished = true;
          return;
        }
        if (value && value.byteLength > 0) yield value;
      }
    } finally {
      // The consumer stopped early (or parsing failed): release the connection.
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }
  if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    }
  }
}

/** Cancels an unread body so the connection is released. */
export async function discardBody(res: Response): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // already consumed or closed
  }
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError');
}

/** `application/x-www-form-urlencoded` body. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
