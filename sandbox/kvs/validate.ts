// Request validation with production's limits (docs `limits-kvs-ce`, forge-platform.md §2.6).
import { KvsError, badRequest } from './errors';
import type { CompiledEntity, CompiledIndex } from './schema';

export const MAX_KEY_LENGTH = 500;
export const MAX_VALUE_BYTES = 240 * 1024;
/** Nesting allowed in a value: objects/arrays count one level each (the error text says 32). */
export const MAX_VALUE_DEPTH = 31;
export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 10;
export const MAX_BATCH = 25;
export const MAX_TRANSACTION_OPS = 25;
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
const MAX_RANGE_BYTES = 900;
const MAX_PARTITION_BYTES = 1700;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const FLOAT_MIN_ABS = 1e-130;
const FLOAT_MAX_ABS = 9.9999999999999999999999999999999999999e125;

const KEY_RE = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

export type MetadataField = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';
const METADATA_FIELDS: readonly string[] = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];
const TTL_UNITS: Record<string, number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

export interface SetOptions {
  ttlMs?: number;
  failIfExists: boolean;
  returnValue?: 'PREVIOUS' | 'LATEST';
  returnMetadataFields: MetadataField[];
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function requireObject(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw badRequest();
  return body;
}

export function validateKey(key: unknown): string {
  if (key === undefined || key === null || key === '') throw new KvsError('EMPTY_KEY', 'Key cannot be empty');
  if (typeof key !== 'string') throw badRequest('Key must be a string');
  if (key.length > MAX_KEY_LENGTH) throw new KvsError('KEY_TOO_LONG', `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters`);
  if (!KEY_RE.test(key)) throw new KvsError('INVALID_KEY', 'The provided key does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/');
  return key;
}

/**
 * Checks a value's type, serialised size and depth; returns its JSON text (reused for the
 * journal) so it is serialised only once.
 */
export function validateValue(value: unknown): string {
  if (value === undefined || value === null) throw badRequest('A value is required (null is not a storable value)');
  const t = typeof value;
  if (t !== 'string' && t !== 'number' && t !== 'boolean' && t !== 'object') throw badRequest('Unsupported value type');
  if (t === 'number' && !Number.isFinite(value)) throw badRequest('Numbers must be finite');
  const json = JSON.stringify(value);
  // A UTF-8 byte is at most 3 per UTF-16 unit, so short texts can skip the byte count.
  if (json.length * 3 > MAX_VALUE_BYTES && Buffer.byteLength(json, 'utf8') > MAX_VALUE_BYTES)
    throw new KvsError('MAX_SIZE', `The provided value has exceeded the maximum size limit of ${MAX_VALUE_BYTES} bytes`);
  if (t === 'object' && depthOf(value, 0) > MAX_VALUE_DEPTH)
    throw new KvsError('MAX_DEPTH', 'The provided value has exceeded the maximum object depth (32) limit');
  return json;
}

/** Depth where `{}`/`[]` is 1; stops early once past the limit. */
function depthOf(v: unknown, level: number): number {
  if (typeof v !== 'object' || v === null) return level;
  const here = level + 1;
  if (here > MAX_VALUE_DEPTH) return here;
  let max = here;
  const children = Array.isArray(v) ? v : Object.values(v);
  for (const c of children) {
    if (typeof c === 'object' && c !== null) {
      const d = depthOf(c, here);
      if (d > max) max = d;
      if (max > MAX_VALUE_DEPTH) return max;
    }
  }
  return max;
}

/** Entity values: a plain object whose attributes are declared and of the declared type. */
export function validateEntityValue(entity: CompiledEntity, value: unknown): void {
  if (!isObject(value)) throw new KvsError('INVALID_ENTITY_VALUE', `A value of entity "${entity.name}" must be an object`);
  for (const [name, v] of Object.entries(value)) {
    const type = entity.attributes.get(name);
    if (!type) throw new KvsError('INVALID_ENTITY_VALUE', `Attribute "${name}" is not defined for entity "${entity.name}"`);
    if (v === undefined) continue;
    if (!matchesType(type, v))
      throw new KvsError('INVALID_ENTITY_VALUE', `Attribute "${name}" of entity "${entity.name}" must be of type ${type}${type === 'integer' ? ' (32-bit signed)' : ''}, got ${JSON.stringify(v)}`);
  }
  for (const ix of entity.indexes) {
    if (ix.range !== null) {
      const r = value[ix.range];
      if (typeof r === 'string' && Buffer.byteLength(r, 'utf8') > MAX_RANGE_BYTES)
        throw new KvsError('INVALID_ENTITY_VALUE', `Range attribute "${ix.range}" exceeds ${MAX_RANGE_BYTES} bytes`);
    }
    let partitionBytes = 0;
    for (const p of ix.partition) {
      const pv = value[p];
      if (typeof pv === 'string') partitionBytes += Buffer.byteLength(pv, 'utf8');
    }
    if (partitionBytes > MAX_PARTITION_BYTES) throw new KvsError('INVALID_ENTITY_VALUE', `Partition attributes of index "${ix.name}" exceed ${MAX_PARTITION_BYTES} bytes`);
  }
}

export function matchesType(type: string, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string' && v.trim().length > 0;
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX;
    case 'float':
      return typeof v === 'number' && Number.isFinite(v) && (v === 0 || (Math.abs(v) >= FLOAT_MIN_ABS && Math.abs(v) <= FLOAT_MAX_ABS));
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return v !== null && v !== undefined;
  }
}

/** A scalar usable as partition/range value for an attribute type. */
export function matchesIndexType(type: CompiledIndex['rangeType'], v: unknown): boolean {
  if (type === 'string') return typeof v === 'string';
  if (type === 'boolean') return typeof v === 'boolean';
  return typeof v === 'number' && Number.isFinite(v);
}

export function validateMetadataFields(fields: unknown): MetadataField[] {
  if (fields === undefined) return [];
  if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string' || !METADATA_FIELDS.includes(f))) throw badRequest();
  return fields as MetadataField[];
}

/** `options` of get/query: `{metadataFields?}`. */
export function validateGetOptions(options: unknown): MetadataField[] {
  if (options === undefined) return [];
  if (!isObject(options)) throw badRequest();
  return validateMetadataFields(options.metadataFields);
}

export function validateTtl(ttl: unknown): number | undefined {
  if (ttl === undefined) return undefined;
  if (!isObject(ttl)) throw badRequest('ttl must be {value, unit}');
  const unitMs = typeof ttl.unit === 'string' ? TTL_UNITS[ttl.unit] : undefined;
  if (unitMs === undefined) throw badRequest('ttl.unit must be one of SECONDS, MINUTES, HOURS, DAYS');
  const value = ttl.value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw badRequest('ttl.value must be a positive integer');
  return value * unitMs;
}

/** `options` of set/secret set/entity set; `extended` = keyPolicy/returnValue allowed (not in batch/transaction). */
export function validateSetOptions(options: unknown, extended: boolean): SetOptions {
  if (options === undefined) return { failIfExists: false, returnMetadataFields: [] };
  if (!isObject(options)) throw badRequest();
  const ttlMs = validateTtl(options.ttl);
  if (!extended) {
    if (options.keyPolicy !== undefined || options.returnValue !== undefined) throw badRequest('keyPolicy/returnValue are not supported here');
    return { ttlMs, failIfExists: false, returnMetadataFields: [] };
  }
  const kp = options.keyPolicy;
  if (kp !== undefined && kp !== 'OVERRIDE' && kp !== 'FAIL_IF_EXISTS') throw badRequest('keyPolicy must be OVERRIDE or FAIL_IF_EXISTS');
  const rv = options.returnValue;
  if (rv !== undefined && rv !== 'PREVIOUS' && rv !== 'LATEST') throw badRequest('returnValue must be PREVIOUS or LATEST');
  return { ttlMs, failIfExists: kp === 'FAIL_IF_EXISTS', returnValue: rv, returnMetadataFields: validateMetadataFields(options.returnMetadataFields) };
}
