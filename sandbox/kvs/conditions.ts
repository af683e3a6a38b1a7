// Range conditions (index `where`), post-filters (`filters`) and transaction `conditions`,
// in the wire shapes `@forge/kvs` sends: `{condition, values}` and `{and|or: [{property, condition, values}]}`.
import { KvsError, badRequest } from './errors';
import type { CompiledEntity, CompiledIndex } from './schema';
import type { Scalar, SortedIndex } from './sorted-index';
import { isObject, matchesIndexType } from './validate';

export type RangeConditionName = 'BEGINS_WITH' | 'BETWEEN' | 'EQUAL_TO' | 'GREATER_THAN' | 'GREATER_THAN_EQUAL_TO' | 'LESS_THAN' | 'LESS_THAN_EQUAL_TO';
export type FilterConditionName = RangeConditionName | 'CONTAINS' | 'NOT_CONTAINS' | 'NOT_EQUAL_TO' | 'EXISTS' | 'NOT_EXISTS';

export interface RangeCondition {
  condition: RangeConditionName;
  values: Scalar[];
}

export interface FilterCondition {
  property: string;
  condition: FilterConditionName;
  values: unknown[];
}

export interface FilterGroup {
  op: 'and' | 'or';
  items: FilterCondition[];
}

const RANGE_CONDITIONS: readonly string[] = ['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO'];
const FILTER_CONDITIONS: readonly string[] = [...RANGE_CONDITIONS, 'CONTAINS', 'NOT_CONTAINS', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS'];
const MAX_CONDITIONS = 100;

function valueCount(condition: string): number {
  return condition === 'BETWEEN' ? 2 : 1;
}

function checkValueCount(condition: string, values: unknown): unknown[] {
  if (!Array.isArray(values)) throw badRequest(`values of ${condition} must be an array`);
  const need = valueCount(condition);
  if (values.length < need) throw new KvsError('INSUFFICIENT_FILTER_VALUES', `The condition ${condition} needs ${need === 2 ? 'at least two values' : 'a value'}`);
  return values;
}

/** Validates a range condition against the index's range attribute type. */
export function parseRange(raw: unknown, index: CompiledIndex): RangeCondition | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw) || typeof raw.condition !== 'string' || !RANGE_CONDITIONS.includes(raw.condition)) throw badRequest('Unsupported range condition');
  const condition = raw.condition as RangeConditionName;
  const values = checkValueCount(condition, raw.values).slice(0, valueCount(condition));
  for (const v of values) {
    if (!matchesIndexType(index.rangeType, v))
      throw badRequest(`Range values of index "${index.name}" must be of type ${index.rangeType}, got ${JSON.stringify(v)}`);
  }
  if (condition === 'BEGINS_WITH' && index.rangeType !== 'string') throw badRequest(`BEGINS_WITH needs a string range attribute; "${index.name}" ranges over ${index.rangeType}`);
  return { condition, values: values as Scalar[] };
}

/** `{and: [...]}` or `{or: [...]}` (not both, not empty); properties must be declared attributes. */
export function parseFilterGroup(raw: unknown, entity: CompiledEntity): FilterGroup | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) throw badRequest('filters must be an object');
  const hasAnd = raw.and !== undefined;
  const hasOr = raw.or !== undefined;
  if (hasAnd && hasOr) throw new KvsError('INVALID_FILTER_OPERATORS_COMBINATION', 'Filter operators "and" and "or" cannot be present at the same level');
  const op = hasAnd ? 'and' : 'or';
  const list = raw[op];
  if (list === undefined || (Array.isArray(list) && list.length === 0)) throw new KvsError('EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty');
  if (!Array.isArray(list)) throw badRequest(`filters.${op} must be an array`);
  if (list.length > MAX_CONDITIONS) throw badRequest(`At most ${MAX_CONDITIONS} filter conditions are allowed`);
  const items = list.map((item): FilterCondition => {
    if (!isObject(item) || typeof item.property !== 'string' || typeof item.condition !== 'string' || !FILTER_CONDITIONS.includes(item.condition))
      throw badRequest('Unsupported filter condition');
    if (!entity.attributes.has(item.property)) throw badRequest(`Filter property "${item.property}" is not an attribute of entity "${entity.name}"`);
    const values = checkValueCount(item.condition, item.values);
    return { property: item.property, condition: item.condition as FilterConditionName, values };
  });
  return { op, items };
}

/** The slice [lo, hi) of a partition slice [start, end) that satisfies a range condition. */
export function rangeBounds(index: SortedIndex, start: number, end: number, cond: RangeCondition | undefined): [number, number] {
  if (!cond) return [start, end];
  const v0 = cond.values[0] as Scalar;
  switch (cond.condition) {
    case 'EQUAL_TO': {
      const lo = index.rangeBound(start, end, v0, false);
      return [lo, index.rangeBound(lo, end, v0, true)];
    }
    case 'GREATER_THAN':
      return [index.rangeBound(start, end, v0, true), end];
    case 'GREATER_THAN_EQUAL_TO':
      return [index.rangeBound(start, end, v0, false), end];
    case 'LESS_THAN':
      return [start, index.rangeBound(start, end, v0, false)];
    case 'LESS_THAN_EQUAL_TO':
      return [start, index.rangeBound(start, end, v0, true)];
    case 'BETWEEN': {
      const lo = index.rangeBound(start, end, v0, false);
      return [lo, index.rangeBound(lo, end, cond.values[1] as Scalar, true)];
    }
    case 'BEGINS_WITH': {
      const lo = index.rangeBound(start, end, String(v0), false);
      return [lo, index.prefixEnd(lo, end, String(v0))];
    }
  }
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function ordered(a: unknown, b: unknown): number | undefined {
  if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function contains(haystack: unknown, needle: unknown): boolean | undefined {
  if (typeof haystack === 'string') return typeof needle === 'string' ? haystack.includes(needle) : false;
  if (Array.isArray(haystack)) return haystack.some((x) => jsonEqual(x, needle));
  return undefined;
}

/**
 * One condition against an entity value. A missing attribute satisfies only NOT_EXISTS,
 * NOT_EQUAL_TO and NOT_CONTAINS (unverified against production; DynamoDB-like reading).
 */
export function matchCondition(value: Record<string, unknown> | undefined, c: FilterCondition): boolean {
  const present = value !== undefined && Object.prototype.hasOwnProperty.call(value, c.property) && value[c.property] !== undefined && value[c.property] !== null;
  switch (c.condition) {
    case 'EXISTS':
      return present;
    case 'NOT_EXISTS':
      return !present;
    case 'NOT_EQUAL_TO':
      return !present || !jsonEqual(value?.[c.property], c.values[0]);
    case 'NOT_CONTAINS':
      return !present || contains(value?.[c.property], c.values[0]) !== true;
    default:
      break;
  }
  if (!present) return false;
  const v = value?.[c.property];
  const x = c.values[0];
  switch (c.condition) {
    case 'EQUAL_TO':
      return jsonEqual(v, x);
    case 'CONTAINS':
      return contains(v, x) === true;
    case 'BEGINS_WITH':
      return typeof v === 'string' && typeof x === 'string' && v.startsWith(x);
    case 'GREATER_THAN': {
      const o = ordered(v, x);
      return o !== undefined && o > 0;
    }
    case 'GREATER_THAN_EQUAL_TO': {
      const o = ordered(v, x);
      return o !== undefined && o >= 0;
    }
    case 'LESS_THAN': {
      const o = ordered(v, x);
      return o !== undefined && o < 0;
    }
    case 'LESS_THAN_EQUAL_TO': {
      const o = ordered(v, x);
      return o !== undefined && o <= 0;
    }
    case 'BETWEEN': {
      const lo = ordered(v, x);
      const hi = ordered(v, c.values[1]);
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
    default:
      return false;
  }
}

export function matchGroup(value: unknown, g: FilterGroup): boolean {
  const obj = isObject(value) ? value : undefined;
  return g.op === 'and' ? g.items.every((c) => matchCondition(obj, c)) : g.items.some((c) => matchCondition(obj, c));
}
