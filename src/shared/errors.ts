// Typed errors. Each carries a code the resolver layer maps to the envelope, and the ids involved.
import type { AppErrorBody, AppErrorCode } from './result';

type Details = Record<string, string | number | boolean | null>;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: Details = {},
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(): AppErrorBody {
    const body: AppErrorBody = { code: this.code, message: this.message };
    if (this.fields && Object.keys(this.fields).length > 0) body.fields = this.fields;
    if (Object.keys(this.details).length > 0) body.details = this.details;
    return body;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields: Record<string, string> = {}, details: Details = {}) {
    super('VALIDATION', message, details, fields);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string, details: Details = {}) {
    super('NOT_FOUND', `${what} ${id} was not found`, { ...details, id });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have access to this', details: Details = {}) {
    super('FORBIDDEN', message, details);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details: Details = {}) {
    super('CONFLICT', message, details);
  }
}

/** An outside service (Jira, Confluence, an ad API) asked us to slow down. */
export class RateLimitedError extends AppError {
  constructor(
    readonly service: string,
    readonly retryAfterMs: number,
    readonly reason?: string,
    details: Details = {},
  ) {
    super('RATE_LIMITED', `${service} rate limit${reason ? ` (${reason})` : ''}; retry after ${Math.ceil(retryAfterMs / 1000)} s`, {
      ...details,
      service,
      retryAfterMs,
    });
  }
}

/** An outside service failed or answered something we could not accept. */
export class UpstreamError extends AppError {
  constructor(
    readonly service: string,
    readonly status: number,
    message: string,
    details: Details = {},
  ) {
    super('UPSTREAM', `${service} answered ${status}: ${message}`, { ...details, service, status });
  }
}

/** Work that can't proceed now but will later (a lock held by another run): the queue retries it. */
export class RetryLaterError extends AppError {
  constructor(message: string, readonly retryAfterSeconds: number, details: Details = {}) {
    super('CONFLICT', message, details);
  }
}
