// OpenAPI 3.0 Schema Objects → JSON Schema (draft-07) that ajv compiles.
// What differs from plain JSON Schema and is handled here:
//  - `nullable: true` adds null to `type` (or wraps `$ref`/`allOf` schemas in anyOf with null);
//  - `readOnly` properties are not required in requests, `writeOnly` ones not in responses;
//  - boolean `exclusiveMinimum`/`exclusiveMaximum` become the draft-07 numeric forms;
//  - annotations (`xml`, `example`, `discriminator`, `x-*`, …) are dropped;
//  - `oneOf` is checked as `anyOf`: Atlassian uses it to mean "one of these shapes" while the shapes
//    overlap (e.g. Confluence v2 PageBodyWrite vs PageNestedBodyWrite: both open objects with no
//    required keys), so a literal oneOf would reject every valid page body.
// Everything else (`additionalProperties`, `required`, enums, formats) is kept as written.

export type SchemaMode = 'request' | 'response';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** Keywords whose value is copied verbatim. */
const COPY = new Set([
  'type',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'readOnly',
  'writeOnly',
]);

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ConvertOptions {
  mode: SchemaMode;
  /** Turns a local `#/components/...` ref into the id ajv knows the converted components under. */
  rewriteRef: (ref: string) => string;
}

export function convertSchema(node: unknown, opts: ConvertOptions): Json {
  if (typeof node === 'boolean') return node;
  if (!isObject(node)) return {};
  const out: JsonObject = {};
  if (typeof node.$ref === 'string') {
    // OpenAPI 3.0 ignores siblings of $ref, except that we honour `nullable` for convenience.
    const ref: JsonObject = { $ref: opts.rewriteRef(node.$ref) };
    return node.nullable === true ? { anyOf: [{ type: 'null' }, ref] } : ref;
  }
  for (const [k, v] of Object.entries(node)) {
    if (COPY.has(k)) out[k] = v;
  }
  if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
    out.exclusiveMinimum = node.minimum;
    delete out.minimum;
  }
  if (node.exclusiveMaximum === true && typeof node.maximum === 'number') {
    out.exclusiveMaximum = node.maximum;
    delete out.maximum;
  }
  if (node.items !== undefined) out.items = convertSchema(node.items, opts);
  if (node.not !== undefined) out.not = convertSchema(node.not, opts);
  if (node.additionalProperties !== undefined) {
    out.additionalProperties = typeof node.additionalProperties === 'boolean' ? node.additionalProperties : convertSchema(node.additionalProperties, opts);
  }
  const allOf = Array.isArray(node.allOf) ? node.allOf.map((s) => convertSchema(s, opts)) : [];
  if (Array.isArray(node.anyOf)) out.anyOf = node.anyOf.map((s) => convertSchema(s, opts));
  if (Array.isArray(node.oneOf)) {
    const alternatives = node.oneOf.map((s) => convertSchema(s, opts));
    if (out.anyOf === undefined) out.anyOf = alternatives;
    else allOf.push({ anyOf: alternatives });
  }
  if (allOf.length > 0) out.allOf = allOf;
  const skipRequired = new Set<string>();
  if (isObject(node.properties)) {
    const props: JsonObject = {};
    for (const [name, s] of Object.entries(node.properties)) {
      props[name] = convertSchema(s, opts);
      if (isObject(s) && ((opts.mode === 'request' && s.readOnly === true) || (opts.mode === 'response' && s.writeOnly === true))) {
        skipRequired.add(name);
      }
    }
    out.properties = props;
  }
  if (Array.isArray(node.required)) {
    const req = node.required.filter((r): r is string => typeof r === 'string' && !skipRequired.has(r));
    if (req.length > 0) out.required = req;
  }
  if (node.nullable === true) return makeNullable(out);
  return out;
}

function makeNullable(s: JsonObject): Json {
  if (typeof s.type === 'string') {
    const r: JsonObject = { ...s, type: [s.type, 'null'] };
    if (Array.isArray(s.enum) && !s.enum.includes(null)) r.enum = [...s.enum, null];
    return r;
  }
  if (Array.isArray(s.type)) return { ...s, type: s.type.includes('null') ? s.type : [...s.type, 'null'] };
  return { anyOf: [{ type: 'null' }, s] };
}

/** Converts every schema under components.schemas. */
export function convertComponentSchemas(schemas: Record<string, unknown>, opts: ConvertOptions): JsonObject {
  const out: JsonObject = {};
  for (const [name, s] of Object.entries(schemas)) out[name] = convertSchema(s, opts);
  return out;
}

/** Every `format` value used anywhere under a node (so unknown ones can be registered as no-ops). */
export function collectFormats(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const x of node) collectFormats(x, into);
  } else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'format' && typeof v === 'string') into.add(v);
      else if (typeof v === 'object' && v !== null) collectFormats(v, into);
    }
  }
  return into;
}
