// The resolver layer's one mechanism: validate the payload, identify the caller, run the use case,
// and return the ResolverResult envelope. Errors become { ok: false, error } with a code; unknown
// errors are logged with the key and never leak their internals to the UI.
import { makeResolver } from '@forge/resolver';
import { z } from 'zod';
import type { ApiKey, ApiPayload, ApiResult } from '../shared/api';
import { AppError, ForbiddenError, ValidationError } from '../shared/errors';
import type { ResolverResult } from '../shared/result';

/** What a resolver knows about the call. `extension` is NOT trusted for access decisions. */
export interface CallContext {
  accountId: string | null;
  moduleKey: string;
  extension: Record<string, unknown>;
  locale: string | null;
}

export interface ResolverDef<K extends ApiKey> {
  key: K;
  payload: z.ZodType<ApiPayload<K>>;
  /** Anonymous callers are refused unless this is set. */
  allowAnonymous?: boolean;
  run(payload: ApiPayload<K>, call: CallContext): Promise<ApiResult<K>>;
}

export function defineResolver<K extends ApiKey>(def: ResolverDef<K>): ResolverDef<K> {
  return def;
}

const RawContext = z
  .object({
    accountId: z.string().min(1).optional().nullable(),
    moduleKey: z.string().optional(),
    extension: z.record(z.string(), z.unknown()).optional(),
    locale: z.string().optional().nullable(),
  })
  .passthrough();

function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    if (!out[path]) out[path] = issue.message;
  }
  return out;
}

export async function runResolver<K extends ApiKey>(def: ResolverDef<K>, rawPayload: unknown, rawContext: unknown): Promise<ResolverResult<ApiResult<K>>> {
  try {
    const ctx = RawContext.parse(rawContext ?? {});
    const call: CallContext = {
      accountId: ctx.accountId && ctx.accountId !== 'unidentified' ? ctx.accountId : null,
      moduleKey: ctx.moduleKey ?? '',
      extension: ctx.extension ?? {},
      locale: ctx.locale ?? null,
    };
    if (!call.accountId && !def.allowAnonymous) throw new ForbiddenError('Sign in to use Retainer');
    const parsed = def.payload.safeParse(rawPayload ?? {});
    if (!parsed.success) throw new ValidationError('Some fields are not valid', fieldErrors(parsed.error), { resolver: def.key });
    const data = await def.run(parsed.data, call);
    return { ok: true, data };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e.toBody() };
    console.error(`resolver ${def.key} failed: ${(e as Error).stack ?? String(e)}`);
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again; if it keeps happening, tell your Retainer admin.', details: { resolver: def.key } } };
  }
}

/** Builds the Forge resolver handler from a list of definitions (one key each). */
export function buildResolverHandler(defs: Array<ResolverDef<ApiKey>>): ReturnType<typeof makeResolver> {
  const handlers: Record<string, (req: { payload: unknown; context: unknown }) => Promise<unknown>> = {};
  for (const def of defs) {
    if (handlers[def.key]) throw new Error(`Resolver key ${def.key} is defined twice`);
    handlers[def.key] = async ({ payload, context }) => runResolver(def, payload, context);
  }
  return makeResolver(handlers as never);
}
