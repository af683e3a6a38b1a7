// Typed connector errors. Every error names the source and, where relevant, the connection, and is
// built from scrubbed text only: tokens never reach a message (see http.ts `scrubSecrets`).
import { AppError, RateLimitedError, UpstreamError } from '../../shared/errors';
import type { MetricSource } from './types';

/** The token was revoked, expired for good, or never valid: the connection needs re-consent. */
export class AuthExpiredError extends AppError {
  readonly retryable = false;
  constructor(
    readonly source: MetricSource,
    readonly connectionId: string,
    /** `expired`: the access token aged out and refreshing did not help; `revoked`: the grant is gone. */
    readonly reason: 'expired' | 'revoked' | 'invalid' | 'missing',
    detail: string,
  ) {
    super('FORBIDDEN', `${source} access for connection ${connectionId} is ${reason}: ${detail}. Reconnect the account.`, {
      source,
      connectionId,
      reason,
    });
  }
}

/**
 * The source asked us to slow down (`short-term`: seconds to minutes) or the allowance for the
 * day/hour is spent (`long-term`: do not retry inside this invocation). Subclass of the shared
 * RateLimitedError so jobs handle Jira and ad-API throttling the same way.
 */
export class QuotaError extends RateLimitedError {
  readonly retryable: boolean;
  constructor(
    readonly source: MetricSource,
    retryAfterMs: number,
    readonly scope: 'short-term' | 'long-term',
    /** The source's own code, e.g. `RESOURCE_TEMPORARILY_EXHAUSTED`, `152`, `17/2446079`. */
    readonly errorCode: string,
  ) {
    super(source, retryAfterMs, errorCode, { scope, errorCode });
    this.retryable = scope === 'short-term';
  }
}

/** Yandex Direct offline report (201/202) or a Meta async run is still being prepared. */
export class ReportNotReadyError extends AppError {
  readonly retryable = true;
  constructor(
    readonly source: MetricSource,
    readonly retryAfterMs: number,
    /** Stable handle to resume with: the report name (Direct) or the report run id (Meta). */
    readonly handle: string,
  ) {
    super('CONFLICT', `${source} report ${handle} is not ready yet; retry in ${Math.ceil(retryAfterMs / 1000)} s`, {
      source,
      handle,
      retryAfterMs,
    });
  }
}

/** Any other failure the source reported, with its status and own error code. */
export class SourceError extends UpstreamError {
  constructor(
    readonly source: MetricSource,
    status: number,
    /** The source's code: `queryError.BAD_FIELD_NAME`, `8000`, `invalid_parameter`, `100/1504018`… */
    readonly errorCode: string,
    message: string,
    /** Transient (5xx, "temporarily unavailable" codes): safe to retry with backoff. */
    readonly retryable: boolean,
    /** The source's request id, worth logging for support tickets. */
    readonly requestId?: string,
  ) {
    super(source, status, `${errorCode}: ${message}`, { errorCode, retryable, ...(requestId ? { requestId } : {}) });
  }
}

export interface ParseIssue {
  /** 1-based physical line in the input (CSV/TSV); 0 when the problem is not tied to a line. */
  line: number;
  field?: string;
  message: string;
}

/** A body we could not read (non-JSON where JSON was promised, a TSV line with the wrong width, a bad CSV line). */
export class ParseError extends AppError {
  readonly retryable = false;
  readonly line: number;
  constructor(
    readonly source: MetricSource,
    readonly issues: readonly ParseIssue[],
  ) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    const where = first && first.line > 0 ? `line ${first.line}: ` : '';
    super(source === 'csv' ? 'VALIDATION' : 'UPSTREAM', `${source}: ${where}${first?.message ?? 'unreadable response'}${more}`, {
      source,
      line: first?.line ?? 0,
      issues: issues.length,
    });
    this.line = first?.line ?? 0;
  }
}

export type ConnectorError = AuthExpiredError | QuotaError | ReportNotReadyError | SourceError | ParseError;

export function isConnectorError(e: unknown): e is ConnectorError {
  return (
    e instanceof AuthExpiredError ||
    e instanceof QuotaError ||
    e instanceof ReportNotReadyError ||
    e instanceof SourceError ||
    e instanceof ParseError
  );
}
