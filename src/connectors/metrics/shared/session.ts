// Per-call context shared by every connector: the injected fetch, secrets (for scrubbing), the access
// token (refreshed ~5 min early, and once more when the source says it expired), and retry defaults.
import { AuthExpiredError } from '../errors';
import { defaultSleep, scrubSecrets, send, type HttpFetch, type HttpRequestInit } from '../http';
import type { AccessToken, AccountCallRequest, ConnectionAccount, Credentials, MetricSource } from '../types';
import { withRetry, type RetryOptions } from './retry';

/** Refresh this long before the access token's expiry. */
export const REFRESH_EARLY_MS = 5 * 60_000;

export type TokenRefresher = (s: SourceSession) => Promise<AccessToken>;

export interface SessionInit extends AccountCallRequest {
  source: MetricSource;
  refresh?: TokenRefresher;
}

export class SourceSession {
  readonly source: MetricSource;
  readonly account: ConnectionAccount;
  readonly credentials: Credentials;
  readonly http: HttpFetch;
  readonly signal?: AbortSignal;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now: () => number;
  private readonly refresher?: TokenRefresher;
  private readonly onTokenRefreshed?: (t: AccessToken) => void | Promise<void>;
  private token?: string;
  private expiresAt?: number;
  private refreshedThisCall = false;

  constructor(init: SessionInit) {
    this.source = init.source;
    this.account = init.account;
    this.credentials = init.credentials;
    this.http = init.http;
    this.signal = init.signal;
    this.sleep = init.sleep ?? defaultSleep;
    this.now = init.now ?? Date.now;
    this.refresher = init.refresh;
    this.onTokenRefreshed = init.onTokenRefreshed;
    this.token = init.credentials.accessToken;
    this.expiresAt = init.credentials.accessTokenExpiresAt;
  }

  get connectionId(): string {
    return this.account.connectionId;
  }

  /** Every secret this call knows, for scrubbing messages. */
  secrets(): string[] {
    const c = this.credentials;
    return [c.accessToken, c.refreshToken, c.clientSecret, c.apiKey, c.developerToken, this.token].filter((s): s is string => typeof s === 'string');
  }

  scrub(text: string): string {
    return scrubSecrets(text, this.secrets());
  }

  fetch(url: string, init: HttpRequestInit = {}): Promise<Response> {
    return send(this.source, this.http, url, init, this.secrets());
  }

  authError(reason: AuthExpiredError['reason'], detail: string): AuthExpiredError {
    return new AuthExpiredError(this.source, this.connectionId, reason, this.scrub(detail));
  }

  /** A usable access token: the given one, or a refreshed one when missing or about to expire. */
  async accessToken(): Promise<string> {
    const fresh = this.token && (this.expiresAt === undefined || this.expiresAt - REFRESH_EARLY_MS > this.now());
    if (fresh && this.token) return this.token;
    if (this.refresher && this.credentials.refreshToken) return this.refreshNow();
    if (this.token) return this.token; // no way to refresh: try it; the source will say if it is dead
    throw this.authError('missing', 'no access token or refresh token is stored');
  }

  async refreshNow(): Promise<string> {
    if (!this.refresher) throw this.authError('expired', 'the access token expired and this source has no refresh flow');
    const t = await this.refresher(this);
    this.token = t.accessToken;
    this.expiresAt = t.expiresAt;
    this.refreshedThisCall = true;
    await this.onTokenRefreshed?.(t);
    return t.accessToken;
  }

  /** Runs `fn` with a token; on an `expired` verdict refreshes once and runs it once more. */
  async withAuth<T>(fn: (token: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await fn(token);
    } catch (e) {
      const canRefresh = this.refresher !== undefined && this.credentials.refreshToken !== undefined && !this.refreshedThisCall;
      if (e instanceof AuthExpiredError && e.reason === 'expired' && canRefresh) {
        return fn(await this.refreshNow());
      }
      throw e;
    }
  }

  /** withRetry with this call's sleep and signal; 4 attempts honouring server hints by default. */
  retry<T>(fn: (attempt: number) => Promise<T>, opts: Partial<RetryOptions> = {}): Promise<T> {
    return withRetry(fn, { maxAttempts: 4, respectRetryAfter: true, sleep: this.sleep, signal: this.signal, ...opts });
  }

  /** Authenticated call with retries: the common shape of one page request. */
  call<T>(fn: (token: string) => Promise<T>, opts: Partial<RetryOptions> = {}): Promise<T> {
    return this.retry(() => this.withAuth(fn), opts);
  }
}
