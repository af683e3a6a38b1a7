// The one envelope every resolver returns across the bridge. Shared by src/resolvers and src/ui.
export type AppErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'UPSTREAM'
  | 'INTERNAL';

export interface AppErrorBody {
  code: AppErrorCode;
  message: string;
  /** Field path → message, for form errors. */
  fields?: Record<string, string>;
  /** Ids involved (serviceId, invoiceId…), never secrets. */
  details?: Record<string, string | number | boolean | null>;
}

export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };

export const ok = <T>(data: T): ResolverResult<T> => ({ ok: true, data });
