// Typed errors for Jira and Confluence calls, built from the product's own error bodies
// (atlassian-rest.md §0.2): Jira ErrorCollection, Confluence v2 `errors[]`, Confluence v1
// `statusCode/data/message`. Every error names the service, the call and the ids involved.
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UpstreamError,
  ValidationError,
} from '../../shared/errors';
import { parseRateLimitReason, parseRetryAfter } from './retry';
import type { ProductHeaders } from './transport';

export type ErrorDetails = Record<string, string | number | boolean | null>;

/** What a call was about, so errors can say "Issue AG-12" instead of "404". */
export interface RequestContext {
  service: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Kind of thing addressed, e.g. 'Issue', 'Page', 'Project property'. */
  what?: string;
  /** Its id or key. */
  id?: string;
  details?: ErrorDetails;
}

/** 404: Atlassian answers the same for "missing" and "not visible to you" (Confluence v2 always). */
export class NotFoundOrForbiddenError extends NotFoundError {
  constructor(
    readonly service: string,
    what: string,
    id: string,
    details: ErrorDetails = {},
  ) {
    super(what, id, { ...details, service });
    this.message = `${service}: ${what} ${id} was not found, or the app cannot see it`;
  }
}

/** 409: someone else changed it first (stale page or property version, concurrent issue edit). */
export class VersionConflictError extends ConflictError {
  constructor(
    readonly service: string,
    what: string,
    id: string,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(`${service}: ${what} ${id} changed concurrently: ${message}`, { ...details, service, id });
  }
}

/** 401/403: the app (or user) lacks a scope or a product permission. */
export class AtlassianForbiddenError extends ForbiddenError {
  constructor(
    readonly service: string,
    readonly status: number,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(`${service} refused the call (${status}): ${message}`, { ...details, service, status });
  }
}

/** A 2xx whose body did not match what the spec promises. */
export class InvalidResponseError extends UpstreamError {
  constructor(service: string, status: number, message: string, details: ErrorDetails = {}) {
    super(service, status, `unexpected response body: ${message}`, details);
  }
}

export interface ParsedErrorBody {
  shape: 'jira' | 'confluence-v2' | 'confluence-v1' | 'unknown';
  /** Request-level messages, in the order the product gave them. */
  messages: string[];
  /** Field (or parameter) → message. */
  fields: Record<string, string>;
  /** Machine codes where the product has them (v2 `errors[].code`). */
  codes: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** Reads any of the three Atlassian error shapes; never throws. */
export function parseErrorBody(text: string): ParsedErrorBody {
  let body: unknown;
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!isRecord(body)) {
    const plain = text.trim().startsWith('<') ? '' : text.trim().slice(0, 300);
    return { shape: 'unknown', messages: plain ? [plain] : [], fields: {}, codes: [] };
  }
  // Jira ErrorCollection (bulk create nests it under elementErrors; handled by the Jira client).
  if ('errorMessages' in body || (isRecord(body['errors']) && !('statusCode' in body))) {
    return { shape: 'jira', messages: strings(body['errorMessages']), fields: stringMap(body['errors']), codes: [] };
  }
  // Confluence v2: { errors: [{ status, code, title, detail }] }
  if (Array.isArray(body['errors'])) {
    const messages: string[] = [];
    const codes: string[] = [];
    for (const e of body['errors']) {
      if (!isRecord(e)) continue;
      const title = typeof e['title'] === 'string' ? e['title'] : '';
      const detail = typeof e['detail'] === 'string' ? e['detail'] : '';
      const m = [title, detail].filter((s) => s !== '').join(': ');
      if (m) messages.push(m);
      if (typeof e['code'] === 'string') codes.push(e['code']);
    }
    return { shape: 'confluence-v2', messages, fields: {}, codes };
  }
  // Confluence v1: { statusCode, data: { errors: [{ message: { translation } }] }, message }
  if ('statusCode' in body || 'data' in body) {
    const messages: string[] = [];
    if (typeof body['message'] === 'string' && body['message'] !== '') messages.push(body['message']);
    const data = body['data'];
    if (isRecord(data) && Array.isArray(data['errors'])) {
      for (const e of data['errors']) {
        const m = isRecord(e) ? e['message'] : undefined;
        const t = isRecord(m) ? m['translation'] : typeof m === 'string' ? m : undefined;
        if (typeof t === 'string' && t !== '' && !messages.includes(t)) messages.push(t);
      }
    }
    return { shape: 'confluence-v1', messages, fields: {}, codes: [] };
  }
  if (typeof body['message'] === 'string') return { shape: 'unknown', messages: [body['message']], fields: {}, codes: [] };
  return { shape: 'unknown', messages: [], fields: {}, codes: [] };
}

/** One line describing a parsed body, fields included. */
export function summarizeErrorBody(parsed: ParsedErrorBody, fallback: string): string {
  const parts = [...parsed.messages, ...Object.entries(parsed.fields).map(([k, v]) => `${k}: ${v}`)];
  return parts.length > 0 ? parts.join('; ') : fallback;
}

/** Turns a non-2xx response into the typed error for its failure mode. */
export function translateHttpError(status: number, headers: ProductHeaders, bodyText: string, ctx: RequestContext): AppError {
  const parsed = parseErrorBody(bodyText);
  const subject = ctx.what && ctx.id ? `${ctx.what} ${ctx.id}` : `${ctx.method} ${ctx.path}`;
  const message = summarizeErrorBody(parsed, `HTTP ${status}`);
  const details: ErrorDetails = { ...ctx.details, method: ctx.method, path: ctx.path, status };
  if (ctx.id !== undefined) details['id'] = ctx.id;

  switch (true) {
    case status === 404:
      return new NotFoundOrForbiddenError(ctx.service, ctx.what ?? 'Resource', ctx.id ?? ctx.path, details);
    case status === 409:
      return new VersionConflictError(ctx.service, ctx.what ?? 'Resource', ctx.id ?? ctx.path, message, details);
    case status === 401 || status === 403:
      return new AtlassianForbiddenError(ctx.service, status, `${subject}: ${message}`, details);
    case status === 429: {
      const retryAfterMs = parseRetryAfter(headers) ?? 1_000;
      return new RateLimitedError(ctx.service, retryAfterMs, parseRateLimitReason(headers), details);
    }
    case status === 400 || status === 413 || status === 422:
      return new ValidationError(`${ctx.service} rejected ${subject}: ${message}`, parsed.fields, { ...details, service: ctx.service });
    default:
      return new UpstreamError(ctx.service, status, `${subject}: ${message}`, details);
  }
}
