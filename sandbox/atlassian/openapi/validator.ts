// Request/response validation against the pinned official OpenAPI files, with ajv.
// One validator per product per process; each operation's validators are compiled on first use and
// cached, so steady-state validation is a couple of compiled-function calls per request.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { applyErrata } from './errata';
import { OperationIndex, type IndexedPath } from './operation-index';
import { collectFormats, convertSchema, type SchemaMode } from './schema-convert';
import { loadSpecDocument, resolveSpecsDir, serverBasePath, type OpenApiDocument, type SpecProduct } from './spec-files';

export interface OperationRef {
  operationId: string;
  /** Full path template including the server base path, e.g. /wiki/api/v2/pages/{id}. */
  pathTemplate: string;
  deprecated: boolean;
  method: string;
  /** Decoded path parameters of the concrete request. */
  pathParams: Record<string, string>;
}

export interface RequestParts {
  query?: URLSearchParams;
  /** Header names in any case. */
  headers?: Record<string, string | undefined>;
  /** The parsed JSON body (or the raw Buffer for non-JSON media types); undefined when empty. */
  body?: unknown;
  contentType?: string;
}

export interface SpecValidator {
  readonly product: SpecProduct;
  /** The server base path every template starts with ('' for Jira and Confluence v1). */
  readonly basePath: string;
  findOperation(method: string, path: string): OperationRef | null;
  /** Methods the spec defines for the path (empty when the path is unknown). */
  allowedMethods(path: string): string[];
  validateRequest(op: OperationRef, req: RequestParts): string[];
  validateResponse(op: OperationRef, status: number, contentType: string | undefined, body: unknown): string[];
}

interface ParamDef {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schema: unknown;
}

interface CompiledParams {
  defs: ParamDef[];
  /** Base type per parameter, to coerce strings before validation. */
  kinds: Map<string, { type: string; itemType?: string }>;
  validate: Partial<Record<'query' | 'path' | 'header', ValidateFunction>>;
}

interface CompiledOperation {
  raw: Record<string, unknown>;
  params?: CompiledParams;
  body?: { required: boolean; media: Array<{ type: string; validate: ValidateFunction | null }> } | null;
  responses: Map<string, Array<{ type: string; validate: ValidateFunction | null; trivial: boolean }> | null>;
}

const MAX_MESSAGES = 10;

class OpenApiValidator implements SpecValidator {
  readonly basePath: string;
  private readonly index: OperationIndex;
  private readonly ajv: Ajv;
  private readonly registered = new Map<string, string>();
  private readonly ops = new Map<string, CompiledOperation>();

  constructor(
    readonly product: SpecProduct,
    private readonly doc: OpenApiDocument,
  ) {
    this.basePath = serverBasePath(doc);
    this.index = new OperationIndex(doc.paths, this.basePath);
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, allowUnionTypes: true, logger: false, inlineRefs: false });
    addFormats(this.ajv);
    // Formats ajv-formats does not know (e.g. "url", "string") are accepted as annotations.
    const known = new Set(Object.keys(this.ajv.formats));
    for (const f of collectFormats(doc)) if (!known.has(f)) this.ajv.addFormat(f, true);
  }

  findOperation(method: string, path: string): OperationRef | null {
    const upper = method.toUpperCase();
    const hit = this.index.matchMethod(upper, path);
    if (!hit) return null;
    const raw = hit.entry.methods.get(upper) as Record<string, unknown>;
    return {
      operationId: typeof raw.operationId === 'string' ? raw.operationId : `${upper} ${hit.entry.fullTemplate}`,
      pathTemplate: hit.entry.fullTemplate,
      deprecated: raw.deprecated === true,
      method: upper,
      pathParams: hit.params,
    };
  }

  allowedMethods(path: string): string[] {
    const hit = this.index.match(path);
    return hit ? [...hit.entry.methods.keys()] : [];
  }

  validateRequest(op: OperationRef, req: RequestParts): string[] {
    const c = this.compiled(op);
    const out: string[] = [];
    const params = this.paramsOf(op, c);
    if (params.defs.length > 0) {
      const query = req.query ?? new URLSearchParams();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
      for (const where of ['path', 'query', 'header'] as const) {
        const validate = params.validate[where];
        if (!validate) continue;
        const values: Record<string, unknown> = {};
        for (const d of params.defs) {
          if (d.in !== where) continue;
          const raw =
            where === 'query' ? query.getAll(d.name) : where === 'path' ? asList(op.pathParams[d.name]) : asList(headers[d.name.toLowerCase()]);
          if (raw.length === 0) continue;
          values[d.name] = coerce(raw, params.kinds.get(`${where}:${d.name}`));
        }
        if (!validate(values)) out.push(...formatErrors(validate.errors, `${where} parameter`));
      }
    }
    const body = this.bodyOf(c);
    if (body) {
      const empty = req.body === undefined || (Buffer.isBuffer(req.body) && req.body.length === 0);
      if (empty) {
        if (body.required) out.push('request body is required');
      } else {
        const ct = baseType(req.contentType);
        const media = pickMedia(body.media, ct);
        if (!media) out.push(`request content type '${ct || 'none'}' is not accepted (expected ${body.media.map((m) => m.type).join(', ')})`);
        else if (media.validate && isJsonType(ct || media.type) && !Buffer.isBuffer(req.body)) {
          if (!media.validate(req.body)) out.push(...formatErrors(media.validate.errors, 'request body'));
        }
      }
    }
    return out.slice(0, MAX_MESSAGES);
  }

  validateResponse(op: OperationRef, status: number, contentType: string | undefined, body: unknown): string[] {
    const c = this.compiled(op);
    const key = this.responseKey(c, status);
    const where = `response ${status} of ${op.operationId}`;
    const hasBody = body !== undefined && !(Buffer.isBuffer(body) && body.length === 0);
    if (key === null) return status < 400 ? [`${where}: status ${status} is not documented`] : [];
    const media = this.responseMediaOf(c, key);
    if (!media || media.length === 0) {
      return hasBody && status < 300 ? [`${where}: the spec documents no body, but one was sent`] : [];
    }
    const ct = baseType(contentType);
    if (!hasBody) {
      const needsBody = status !== 204 && media.some((m) => !m.trivial);
      return needsBody ? [`${where}: a body is documented, but none was sent`] : [];
    }
    const m = pickMedia(media, ct);
    if (!m) return [`${where}: content type '${ct || 'none'}' is not documented (${media.map((x) => x.type).join(', ')})`];
    if (!m.validate || Buffer.isBuffer(body) || !isJsonType(ct || m.type)) return [];
    return m.validate(body) ? [] : formatErrors(m.validate.errors, where).slice(0, MAX_MESSAGES);
  }

  // ---- compilation (lazy, cached per operation) ----

  private compiled(op: OperationRef): CompiledOperation {
    const key = `${op.method} ${op.pathTemplate}`;
    let c = this.ops.get(key);
    if (!c) {
      const item = this.doc.paths[op.pathTemplate.slice(this.basePath.length)] as Record<string, unknown>;
      const raw = item[op.method.toLowerCase()] as Record<string, unknown>;
      c = { raw, responses: new Map() };
      this.ops.set(key, c);
    }
    return c;
  }

  private paramsOf(op: OperationRef, c: CompiledOperation): CompiledParams {
    if (c.params) return c.params;
    const item = this.doc.paths[op.pathTemplate.slice(this.basePath.length)] as Record<string, unknown>;
    const byKey = new Map<string, ParamDef>();
    for (const p of [...asArray(item.parameters), ...asArray(c.raw.parameters)]) {
      const d = this.deref(p) as Partial<ParamDef> & { schema?: unknown };
      if (typeof d.name !== 'string' || typeof d.in !== 'string') continue;
      byKey.set(`${d.in}:${d.name}`, { name: d.name, in: d.in, required: d.required === true || d.in === 'path', schema: d.schema ?? {} });
    }
    const defs = [...byKey.values()];
    const kinds = new Map<string, { type: string; itemType?: string }>();
    const validate: CompiledParams['validate'] = {};
    for (const where of ['path', 'query', 'header'] as const) {
      const mine = defs.filter((d) => d.in === where);
      if (mine.length === 0) continue;
      const properties: Record<string, unknown> = {};
      for (const d of mine) {
        properties[d.name] = convertSchema(d.schema, { mode: 'request', rewriteRef: (r) => this.rewriteRef(r, 'request') });
        kinds.set(`${where}:${d.name}`, this.kindOf(d.schema));
      }
      const required = mine.filter((d) => d.required).map((d) => d.name);
      validate[where] = this.ajv.compile({ type: 'object', properties, ...(required.length ? { required } : {}) });
    }
    c.params = { defs, kinds, validate };
    return c.params;
  }

  private bodyOf(c: CompiledOperation): CompiledOperation['body'] {
    if (c.body !== undefined) return c.body;
    const rb = c.raw.requestBody === undefined ? undefined : (this.deref(c.raw.requestBody) as { required?: boolean; content?: Record<string, { schema?: unknown }> });
    if (!rb) {
      c.body = null;
      return null;
    }
    const media = Object.entries(rb.content ?? {}).map(([type, m]) => ({
      type,
      validate: m.schema === undefined ? null : this.compileSchema(m.schema, 'request'),
    }));
    c.body = { required: rb.required === true, media };
    return c.body;
  }

  private responseKey(c: CompiledOperation, status: number): string | null {
    const responses = (c.raw.responses ?? {}) as Record<string, unknown>;
    const s = String(status);
    if (responses[s] !== undefined) return s;
    const range = `${s[0]}XX`;
    if (responses[range] !== undefined) return range;
    if (responses[`${s[0]}xx`] !== undefined) return `${s[0]}xx`;
    if (responses.default !== undefined) return 'default';
    return null;
  }

  private responseMediaOf(c: CompiledOperation, key: string): Array<{ type: string; validate: ValidateFunction | null; trivial: boolean }> | null {
    if (c.responses.has(key)) return c.responses.get(key) ?? null;
    const responses = (c.raw.responses ?? {}) as Record<string, unknown>;
    const r = this.deref(responses[key]) as { content?: Record<string, { schema?: unknown }> } | undefined;
    const entries = Object.entries(r?.content ?? {});
    const media =
      entries.length === 0
        ? null
        : entries.map(([type, m]) => ({
            type,
            validate: m.schema === undefined ? null : this.compileSchema(m.schema, 'response'),
            trivial: m.schema === undefined || isTrivialSchema(m.schema),
          }));
    c.responses.set(key, media);
    return media;
  }

  private compileSchema(schema: unknown, mode: SchemaMode): ValidateFunction {
    const converted = convertSchema(schema, { mode, rewriteRef: (r) => this.rewriteRef(r, mode) });
    return this.ajv.compile(typeof converted === 'object' && converted !== null ? converted : {});
  }

  /**
   * Component schemas are converted and registered with ajv one by one, on first reference, so an
   * operation only pays for the schemas it can reach (the Jira file has almost 1,000).
   */
  private rewriteRef(ref: string, mode: SchemaMode): string {
    const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
    if (!m) return ref;
    const name = (m[1] as string).replace(/~1/g, '/').replace(/~0/g, '~');
    const key = `${mode}:${name}`;
    let id = this.registered.get(key);
    if (id) return id;
    id = `https://sandbox.retainer.local/${this.product}/${mode}/${encodeURIComponent(name)}.json`;
    // Register the id before converting, so recursive references terminate.
    this.registered.set(key, id);
    const raw = (this.doc.components?.schemas ?? {})[name];
    const converted = convertSchema(raw ?? {}, { mode, rewriteRef: (r) => this.rewriteRef(r, mode) });
    const schema = typeof converted === 'object' && converted !== null && !Array.isArray(converted) ? converted : {};
    this.ajv.addSchema({ ...schema, $id: id });
    return id;
  }

  private deref(node: unknown): unknown {
    let cur = node;
    for (let i = 0; i < 10 && isObj(cur) && typeof cur.$ref === 'string'; i++) cur = this.pointer(cur.$ref);
    return cur;
  }

  private pointer(ref: string): unknown {
    if (!ref.startsWith('#/')) return undefined;
    let cur: unknown = this.doc;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      cur = isObj(cur) ? cur[key] : undefined;
    }
    return cur;
  }

  private kindOf(schema: unknown): { type: string; itemType?: string } {
    const s = this.deref(schema) as { type?: unknown; items?: unknown; enum?: unknown[] } | undefined;
    const type = typeof s?.type === 'string' ? s.type : 'string';
    if (type !== 'array') return { type };
    const items = this.deref(s?.items) as { type?: unknown } | undefined;
    return { type, itemType: typeof items?.type === 'string' ? items.type : 'string' };
  }
}

// ---- helpers ----

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asList = (v: string | undefined): string[] => (v === undefined ? [] : [v]);

function isTrivialSchema(schema: unknown): boolean {
  return isObj(schema) && Object.keys(schema).every((k) => k === 'description' || k === 'example');
}

function baseType(ct: string | undefined): string {
  return (ct ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function isJsonType(t: string): boolean {
  return t === 'application/json' || t.endsWith('+json') || t === '*/*' || t === '';
}

function pickMedia<T extends { type: string }>(media: T[], ct: string): T | undefined {
  if (!ct) return media.find((m) => isJsonType(baseType(m.type))) ?? media[0];
  return (
    media.find((m) => baseType(m.type) === ct) ??
    media.find((m) => {
      const t = baseType(m.type);
      return t === '*/*' || (t.endsWith('/*') && ct.startsWith(t.slice(0, -1)));
    }) ??
    // Jira serves application/json;charset=UTF-8 where the spec says application/json, and vice versa.
    (isJsonType(ct) ? media.find((m) => baseType(m.type) === 'application/json') : undefined)
  );
}

/** Query/path/header values are strings; turn them into what the schema describes before validating. */
function coerce(raw: string[], kind: { type: string; itemType?: string } | undefined): unknown {
  const t = kind?.type ?? 'string';
  if (t === 'array') {
    const items = raw.flatMap((v) => v.split(',')).filter((v) => v.length > 0);
    return items.map((v) => coerceOne(v, kind?.itemType ?? 'string'));
  }
  return coerceOne(raw[raw.length - 1] as string, t);
}

function coerceOne(v: string, type: string): unknown {
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
  if (type === 'boolean') return v === 'true' ? true : v === 'false' ? false : v;
  return v;
}

function formatErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
  const out: string[] = [];
  for (const e of errors ?? []) {
    let path = e.instancePath;
    if (where.endsWith('parameter')) {
      // /maxResults → 'maxResults'
      const [, name, ...rest] = path.split('/');
      path = name ? `'${name}'${rest.length ? `/${rest.join('/')}` : ''}` : '';
    }
    const at = path ? `${where} ${path}` : where;
    if (e.keyword === 'additionalProperties') out.push(`${at}: unknown property '${String((e.params as { additionalProperty?: unknown }).additionalProperty)}'`);
    else if (e.keyword === 'required' && where.endsWith('parameter')) out.push(`${where} '${String((e.params as { missingProperty?: unknown }).missingProperty)}' is required`);
    else if (e.keyword === 'enum') {
      const allowed = ((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).slice(0, 8).map((v) => JSON.stringify(v));
      out.push(`${at}: must be one of ${allowed.join(', ')}`);
    } else out.push(`${at}: ${e.message ?? e.keyword}`);
    if (out.length >= MAX_MESSAGES) break;
  }
  return [...new Set(out)];
}

const validators = new Map<string, SpecValidator>();

/** The validator for one product's spec; built once per process (the file is parsed once). */
export function createSpecValidator(product: SpecProduct): SpecValidator {
  const key = `${product}:${resolveSpecsDir()}`;
  const hit = validators.get(key);
  if (hit) return hit;
  const doc = loadSpecDocument(product);
  applyErrata(product, doc);
  const v = new OpenApiValidator(product, doc);
  validators.set(key, v);
  return v;
}

export type { IndexedPath };
