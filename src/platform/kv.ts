// Typed access to Forge KVS: every value read back is validated, so a stored shape that drifted
// is a clear error instead of a silent wrong read.
import { kvs } from '@forge/kvs';
import type { z } from 'zod';
import { AppError } from '../shared/errors';

export class StoredDataError extends AppError {
  constructor(key: string, problem: string) {
    super('INTERNAL', `Stored value at ${key} is not valid: ${problem}`, { key });
  }
}

export async function getTyped<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S> | undefined> {
  const raw: unknown = await kvs.get(key);
  if (raw === undefined) return undefined;
  const r = schema.safeParse(raw);
  if (!r.success) throw new StoredDataError(key, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

export async function getEntityTyped<S extends z.ZodType>(entity: string, key: string, schema: S): Promise<z.infer<S> | undefined> {
  const raw: unknown = await kvs.entity<Record<string, unknown>>(entity).get(key);
  if (raw === undefined) return undefined;
  const r = schema.safeParse(raw);
  if (!r.success) throw new StoredDataError(`${entity}/${key}`, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

/** Takes a once-only lock: true if this caller got it. The lock expires so a crashed holder can't block forever. */
export async function tryLock(key: string, ttlSeconds: number): Promise<boolean> {
  try {
    await kvs.set(key, { at: new Date().toISOString() }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } });
    return true;
  } catch (e) {
    // Production answers a conflict with an error whose code we don't depend on; anything else is real.
    if (await kvs.get(key)) return false;
    throw e;
  }
}

export async function unlock(key: string): Promise<void> {
  await kvs.delete(key);
}
