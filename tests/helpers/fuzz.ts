// Deterministic hostile payloads for the abuse tests: whole-payload junk, and one-field mutations
// of a known-good payload (wrong types, huge or hostile text, unknown ids, another client's ids,
// prototype-pollution keys, missing and extra fields). Seeded: the same seed gives the same cases.
import { createRng, type Rng } from '../../sandbox/core/rng';

/** Markup and script that must stay text wherever it ends up (pages, PDFs, the UI). */
export const MARKUP = {
  script: '<script>alert(1)</script>',
  macro: '<ac:structured-macro ac:name="html"><ac:plain-text-body><![CDATA[<script>alert(2)</script>]]></ac:plain-text-body></ac:structured-macro>',
  cdataEnd: 'x]]><script>alert(3)</script>',
  template: '{{constructor.constructor("alert(4)")()}} ${process.env}',
  entity: '&lt;b&gt;bold&lt;/b&gt; &amp;amp;',
  img: '<img src=x onerror="alert(5)">',
  /** Short enough for a name field (≤ 120 characters). */
  inName: '<script>alert(1)</script><ac:structured-macro ac:name="html"/><b>',
} as const;

export const HUGE_BYTES = 200 * 1024;
/** A payload string that keeps the whole invoke request just under the platform's 500 KB limit. */
export const NEAR_LIMIT_BYTES = 490 * 1024;

export interface FuzzIds {
  /** Well-formed ids that exist nowhere ('sv-nope…'). */
  unknown: readonly string[];
  /** Ids that exist but belong to a client the caller has nothing to do with. */
  foreign: readonly string[];
}

export type FuzzCategory = 'raw' | 'type' | 'text' | 'id' | 'structure' | 'huge';

export interface FuzzCase {
  category: FuzzCategory;
  label: string;
  /** JSON-safe (already round-tripped), so what the resolver receives is exactly this. */
  payload: unknown;
}

/** Text that an app might echo, render, query with or store. */
export const HOSTILE_STRINGS: ReadonlyArray<readonly [string, string]> = [
  ['script', MARKUP.script],
  ['storage-macro', MARKUP.macro],
  ['cdata-end', MARKUP.cdataEnd],
  ['template', MARKUP.template],
  ['entities', MARKUP.entity],
  ['img-onerror', MARKUP.img],
  ['sql', `" OR 1=1 --`],
  ['sql-quote', `' OR '1'='1'; DROP TABLE clients; --`],
  ['jql', 'project = X OR labels is not EMPTY ORDER BY key'],
  ['path-traversal', '../../../../etc/passwd'],
  ['path-encoded', '..%2F..%2F..%2Fsecret'],
  ['rtl-override', 'invoice\u202Efdp.exe'],
  ['control-chars', 'a\u0000b\u0001c\u001b[31md\u007f'],
  ['zero-width', '\u200B\u200D\uFEFF'],
  ['emoji-zalgo', '🙂👍🏽 Z̷̛a̸l̶g̵o'],
  ['cyrillic', 'Тест клієнт «Ромашка»'],
  ['empty', ''],
  ['blank', '   \t\n'],
  ['javascript-url', 'javascript:alert(6)'],
  ['crlf', 'a\r\nSet-Cookie: x=1'],
  ['long-1k', 'L'.repeat(1024)],
];

const deep = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? { a: v } : [v];
  return v;
};

/** Values of the wrong type for whatever the field expects. */
export const WRONG_TYPES: ReadonlyArray<readonly [string, unknown]> = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['zero', 0],
  ['negative', -1],
  ['float', 0.1 + 0.2],
  ['huge-number', 1e308],
  ['max-safe+1', Number.MAX_SAFE_INTEGER + 2],
  ['empty-array', []],
  ['array-of-strings', ['a', 'b']],
  ['array-of-objects', [{ a: 1 }, { b: [2] }]],
  ['empty-object', {}],
  ['nested-object', { id: 'sv-t0', nested: { deeper: { deepest: [1, 'x', null] } } }],
  ['deep-nesting', deep(40)],
  ['number-string', '12345'],
  ['bool-string', 'true'],
];

/** Own keys that try to reach the prototype chain once parsed and merged. */
export function pollutionObject(): Record<string, unknown> {
  return JSON.parse('{"__proto__":{"isAdmin":true,"polluted":"yes"},"constructor":{"prototype":{"isAdmin":true}},"prototype":{"polluted":"yes"}}') as Record<string, unknown>;
}

/** A string of about `bytes` bytes carrying markup, so an echo of it is easy to spot. */
export function hugeString(bytes: number, rng: Rng): string {
  const unit = `${MARKUP.script}${MARKUP.macro}Ωж${rng.int(0, 9)}`;
  const s = unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)) + 1);
  return s.slice(0, bytes - 64);
}

const ID_PREFIX = /^([a-z]{2,3})-/;

type Path = Array<string | number>;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field paths a mutation may replace: top-level fields, plus fields of nested objects and first array items. */
export function fieldPaths(base: unknown, maxDepth = 2): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, path: Path, depth: number): void => {
    if (depth > maxDepth) return;
    if (isPlainObject(v)) {
      for (const [k, child] of Object.entries(v)) {
        out.push([...path, k]);
        walk(child, [...path, k], depth + 1);
      }
    } else if (Array.isArray(v) && v.length > 0) {
      out.push([...path, 0]);
      walk(v[0], [...path, 0], depth + 1);
    }
  };
  walk(base, [], 1);
  return out;
}

function getAt(v: unknown, path: Path): unknown {
  let cur = v;
  for (const p of path) cur = (cur as Record<string | number, unknown> | undefined)?.[p];
  return cur;
}

function withAt(base: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let cur: Record<string | number, unknown> = copy;
  for (const p of path.slice(0, -1)) cur = cur[p] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) {
    if (Array.isArray(cur)) cur.splice(Number(last), 1);
    else delete cur[last];
  } else cur[last] = value;
  return copy;
}

/** Round-trips through JSON, as the bridge does: what is sent is what the resolver gets. */
export function jsonSafe(v: unknown): unknown {
  const s = JSON.stringify(v);
  return s === undefined ? undefined : (JSON.parse(s) as unknown);
}

/** Whole payloads that are not the expected object at all. */
function rawCases(rng: Rng): FuzzCase[] {
  const list: Array<[string, unknown]> = [
    ['null', null],
    ['string', MARKUP.script],
    ['number', 42],
    ['array', [1, 2, 3]],
    ['empty-object', {}],
    ['pollution', pollutionObject()],
    ['deep', deep(60)],
    ['boolean', true],
    ['huge-string', hugeString(8 * 1024, rng)],
  ];
  return list.map(([label, payload]) => ({ category: 'raw', label: `raw:${label}`, payload: jsonSafe(payload) }));
}

/** Every one-field mutation of `base`, by category. */
function mutationCases(base: unknown, ids: FuzzIds, rng: Rng): Record<Exclude<FuzzCategory, 'raw' | 'huge'>, FuzzCase[]> {
  const out: Record<Exclude<FuzzCategory, 'raw' | 'huge'>, FuzzCase[]> = { type: [], text: [], id: [], structure: [] };
  const paths = fieldPaths(base);
  for (const path of paths) {
    const at = path.join('.');
    const current = getAt(base, path);
    for (const [label, value] of WRONG_TYPES) out.type.push({ category: 'type', label: `${at}=${label}`, payload: jsonSafe(withAt(base, path, value)) });
    for (const [label, value] of HOSTILE_STRINGS) out.text.push({ category: 'text', label: `${at}=${label}`, payload: jsonSafe(withAt(base, path, value)) });
    // Ids: prefer ids of the same kind as the field holds ('sv-…' for a service), else any.
    const prefix = typeof current === 'string' ? ID_PREFIX.exec(current)?.[1] : undefined;
    const sameKind = (xs: readonly string[]) => (prefix ? xs.filter((x) => x.startsWith(`${prefix}-`)) : []);
    const candidates = [...sameKind(ids.foreign), ...sameKind(ids.unknown)];
    for (const id of candidates.length > 0 ? candidates : [rng.pick(ids.unknown), ...(ids.foreign.length ? [rng.pick(ids.foreign)] : [])]) {
      out.id.push({ category: 'id', label: `${at}=${id}`, payload: jsonSafe(withAt(base, path, id)) });
    }
    out.structure.push({ category: 'structure', label: `${at}:missing`, payload: jsonSafe(withAt(base, path, undefined, true)) });
    if (isPlainObject(current)) out.structure.push({ category: 'structure', label: `${at}:polluted`, payload: jsonSafe(withAt(base, path, { ...current, ...pollutionObject() })) });
  }
  if (isPlainObject(base)) {
    out.structure.push({ category: 'structure', label: 'extra-field', payload: jsonSafe({ ...base, isAdmin: true, accountId: 'u-admin' }) });
    out.structure.push({ category: 'structure', label: 'pollution-keys', payload: jsonSafe(Object.assign(pollutionObject(), base)) });
  }
  return out;
}

/**
 * `n` cases for one resolver and persona: junk payloads and mutations of `base`, spread over the
 * categories (round robin, each category sampled without repeats). With `huge`, one case carries a
 * string of `huge` bytes in a field of `base`.
 */
export function fuzzCases(seed: string | number, base: unknown, ids: FuzzIds, n: number, opts: { huge?: number } = {}): FuzzCase[] {
  const rng = createRng(seed);
  const pools: FuzzCase[][] = [rawCases(rng), ...Object.values(mutationCases(base, ids, rng))].filter((p) => p.length > 0);
  const out: FuzzCase[] = [];
  if (opts.huge) {
    const paths = fieldPaths(base);
    const big = hugeString(opts.huge, rng);
    const payload = paths.length > 0 ? withAt(base, rng.pick(paths), big) : { blob: big };
    out.push({ category: 'huge', label: `huge:${opts.huge}`, payload: jsonSafe(payload) });
  }
  let i = rng.int(0, pools.length - 1);
  while (out.length < n && pools.some((p) => p.length > 0)) {
    const pool = pools[i % pools.length] as FuzzCase[];
    i++;
    if (pool.length === 0) continue;
    const [picked] = pool.splice(rng.int(0, pool.length - 1), 1);
    if (picked) out.push(picked);
  }
  return out;
}
