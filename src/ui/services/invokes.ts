// The only way the UI talks to the backend: typed calls to the resolver API (src/shared/api.ts)
// over `invoke` from @forge/bridge. The envelope is unwrapped here; failures become UiError.
import { invoke } from '@forge/bridge';
import type { ApiKey, ApiPayload, ApiResult } from '../../shared/api';
import type { AppErrorBody, AppErrorCode } from '../../shared/result';

/** BRIDGE: the call never reached the resolver (host refused, timeout, network). */
export type UiErrorCode = AppErrorCode | 'BRIDGE';

export class UiError extends Error {
  readonly code: UiErrorCode;
  readonly fields: Record<string, string>;
  readonly details: Record<string, string | number | boolean | null>;
  readonly key: ApiKey;

  constructor(key: ApiKey, code: UiErrorCode, message: string, fields: Record<string, string> = {}, details: UiError['details'] = {}) {
    super(message);
    this.name = 'UiError';
    this.key = key;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fields).length > 0;
  }
}

type Envelope = { ok: true; data: unknown } | { ok: false; error: AppErrorBody };

function isEnvelope(v: unknown): v is Envelope {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (o.ok === true) return 'data' in o;
  if (o.ok === false) return typeof o.error === 'object' && o.error !== null && typeof (o.error as Record<string, unknown>).message === 'string';
  return false;
}

/** Calls resolver `key` with `payload`; resolves with its data or rejects with a UiError. */
export async function call<K extends ApiKey>(key: K, payload: ApiPayload<K>): Promise<ApiResult<K>> {
  let raw: unknown;
  try {
    raw = await invoke(key, payload as unknown as Record<string, unknown>);
  } catch (e) {
    throw new UiError(key, 'BRIDGE', e instanceof Error ? e.message : String(e));
  }
  if (!isEnvelope(raw)) throw new UiError(key, 'INTERNAL', `Unexpected answer from ${key}`);
  if (raw.ok) return raw.data as ApiResult<K>;
  const err = raw.error;
  return Promise.reject(new UiError(key, err.code, err.message, err.fields ?? {}, err.details ?? {}));
}

export function asUiError(e: unknown, key: ApiKey): UiError {
  return e instanceof UiError ? e : new UiError(key, 'INTERNAL', e instanceof Error ? e.message : String(e));
}
