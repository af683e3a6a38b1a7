// Custom entity definitions (manifest `app.storage.entities`) compiled into what the store needs:
// attribute types for validation and the index list (implicit `by-key` first).

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

export interface EntityDef {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  indexes?: Array<string | { name: string; partition?: string[]; range: string[] }>;
}

/** One queryable index. `range === null` means the entity key itself (the `by-key` index). */
export interface CompiledIndex {
  name: string;
  partition: string[];
  partitionTypes: AttributeType[];
  range: string | null;
  rangeType: Exclude<AttributeType, 'any'>;
}

export interface CompiledEntity {
  name: string;
  attributes: Map<string, AttributeType>;
  indexes: CompiledIndex[];
}

export const BY_KEY_INDEX = 'by-key';

// Platform limits on definitions (docs `limits-kvs-ce`, forge-platform.md §2.6).
const MAX_ENTITIES = 20;
const MAX_ATTRIBUTES = 50;
const MAX_CUSTOM_INDEXES = 7;
const MAX_ATTRIBUTE_NAME = 30;

export function compileEntities(defs: readonly EntityDef[]): Map<string, CompiledEntity> {
  if (defs.length > MAX_ENTITIES) throw new Error(`KVS: at most ${MAX_ENTITIES} entities per app, got ${defs.length}`);
  const out = new Map<string, CompiledEntity>();
  for (const def of defs) {
    if (out.has(def.name)) throw new Error(`KVS: entity "${def.name}" is defined twice`);
    out.set(def.name, compileEntity(def));
  }
  return out;
}

function compileEntity(def: EntityDef): CompiledEntity {
  const attributes = new Map<string, AttributeType>();
  const names = Object.keys(def.attributes);
  if (names.length > MAX_ATTRIBUTES) throw new Error(`KVS: entity "${def.name}" has more than ${MAX_ATTRIBUTES} attributes`);
  for (const name of names) {
    if (name.length > MAX_ATTRIBUTE_NAME) throw new Error(`KVS: attribute name "${name}" is longer than ${MAX_ATTRIBUTE_NAME} characters`);
    const attr = def.attributes[name];
    if (!attr) continue;
    attributes.set(name, attr.type);
  }
  const indexes: CompiledIndex[] = [{ name: BY_KEY_INDEX, partition: [], partitionTypes: [], range: null, rangeType: 'string' }];
  const custom = def.indexes ?? [];
  if (custom.length > MAX_CUSTOM_INDEXES) throw new Error(`KVS: entity "${def.name}" has more than ${MAX_CUSTOM_INDEXES} indexes`);
  for (const ix of custom) {
    const spec = typeof ix === 'string' ? { name: ix, partition: [], range: [ix] } : { name: ix.name, partition: ix.partition ?? [], range: ix.range };
    if (indexes.some((i) => i.name === spec.name)) throw new Error(`KVS: entity "${def.name}" has two indexes named "${spec.name}"`);
    if (spec.range.length !== 1) throw new Error(`KVS: index "${spec.name}" of "${def.name}" needs exactly one range attribute`);
    const range = spec.range[0] as string;
    const typeOf = (attr: string): Exclude<AttributeType, 'any'> => {
      const t = attributes.get(attr);
      if (!t) throw new Error(`KVS: index "${spec.name}" of "${def.name}" uses undeclared attribute "${attr}"`);
      if (t === 'any') throw new Error(`KVS: index "${spec.name}" of "${def.name}" uses attribute "${attr}" of type any, which is not indexable`);
      return t;
    };
    indexes.push({ name: spec.name, partition: spec.partition, partitionTypes: spec.partition.map(typeOf), range, rangeType: typeOf(range) });
  }
  return { name: def.name, attributes, indexes };
}
