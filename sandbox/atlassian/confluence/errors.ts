// Confluence error handling: state operations throw ConfluenceError; routes turn it into the body shape
// of the API generation they serve (v2 `errors[]`, v1 `statusCode/data/message`), see atlassian-rest.md §0.2.
import type { ApiResponse } from '../router';

export type ErrorCode =
  | 'INVALID_REQUEST_PARAMETER'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'REQUEST_ENTITY_TOO_LARGE';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'REQUEST_ENTITY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

export class ConfluenceError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: ErrorCode = CODE_BY_STATUS[status] ?? 'BAD_REQUEST',
  ) {
    super(message);
    this.name = 'ConfluenceError';
  }
}

export const badRequest = (msg: string, code: ErrorCode = 'INVALID_REQUEST_PARAMETER'): ConfluenceError => new ConfluenceError(400, msg, code);
export const notFound = (msg = 'Not found'): ConfluenceError => new ConfluenceError(404, msg);
export const conflict = (msg: string): ConfluenceError => new ConfluenceError(409, msg);
export const unauthorized = (): ConfluenceError => new ConfluenceError(401, 'Unauthorized; scope does not match');
export const forbidden = (msg: string): ConfluenceError => new ConfluenceError(403, msg);

export interface V2ErrorBody {
  errors: Array<{ status: number; code: string; title: string; detail: string | null }>;
}

export interface V1ErrorBody {
  statusCode: number;
  data: { authorized: boolean; valid: boolean; errors: Array<{ message: { translation: string; args: unknown[] } }>; successful: boolean };
  message: string;
}

export function v2Error(status: number, title: string, code: string = CODE_BY_STATUS[status] ?? 'BAD_REQUEST', detail: string | null = null): ApiResponse {
  const body: V2ErrorBody = { errors: [{ status, code, title, detail }] };
  return { status, headers: { 'content-type': 'application/json' }, body };
}

export function v1Error(status: number, message: string): ApiResponse {
  const body: V1ErrorBody = {
    statusCode: status,
    data: {
      authorized: status !== 401 && status !== 403,
      valid: status !== 400,
      errors: status === 400 ? [{ message: { translation: message, args: [] } }] : [],
      successful: false,
    },
    message,
  };
  return { status, headers: { 'content-type': 'application/json' }, body };
}

/** Wraps a handler so thrown ConfluenceErrors become v2 or v1 error responses; other errors become 500. */
export function withErrors<A extends unknown[]>(api: 'v1' | 'v2', fn: (...args: A) => ApiResponse | Promise<ApiResponse>): (...args: A) => Promise<ApiResponse> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      if (e instanceof ConfluenceError) return api === 'v2' ? v2Error(e.status, e.message, e.code) : v1Error(e.status, e.message);
      const msg = e instanceof Error ? e.message : String(e);
      return api === 'v2' ? v2Error(500, `Internal sandbox error: ${msg}`, 'INTERNAL_SERVER_ERROR') : v1Error(500, `Internal sandbox error: ${msg}`);
    }
  };
}
