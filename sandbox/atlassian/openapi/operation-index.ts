// Finds the spec operation for a concrete request path. Templates are tried most specific first:
// at the first segment where two templates differ, a literal beats a parameter, so
// /rest/api/3/issue/bulk wins over /rest/api/3/issue/{issueIdOrKey}.

export interface IndexedPath {
  template: string; // as written in the spec, without the server base path
  fullTemplate: string; // with the base path, e.g. /wiki/api/v2/pages/{id}
  methods: Map<string, unknown>; // upper-case method → raw operation object
  pathItem: Record<string, unknown>;
}

interface CompiledTemplate {
  entry: IndexedPath;
  segments: Array<{ literal: string } | { regex: RegExp; names: string[] }>;
  rank: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export class OperationIndex {
  private bySegmentCount = new Map<number, CompiledTemplate[]>();

  constructor(paths: Record<string, Record<string, unknown>>, basePath: string) {
    for (const [template, item] of Object.entries(paths)) {
      const methods = new Map<string, unknown>();
      for (const m of HTTP_METHODS) if (item[m] !== undefined) methods.set(m.toUpperCase(), item[m]);
      const fullTemplate = `${basePath}${template}`;
      const parts = splitPath(fullTemplate);
      const segments = parts.map((p) => {
        if (!p.includes('{')) return { literal: p };
        const names: string[] = [];
        const src = p
          .split(/(\{[^}]+\})/)
          .map((x) => {
            const m = /^\{([^}]+)\}$/.exec(x);
            if (m) {
              names.push(m[1] as string);
              return '([^/]+)';
            }
            return x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          })
          .join('');
        return { regex: new RegExp(`^${src}$`), names };
      });
      const rank = segments.map((s) => ('literal' in s ? 'L' : 'P')).join('');
      const list = this.bySegmentCount.get(parts.length) ?? [];
      list.push({ entry: { template, fullTemplate, methods, pathItem: item }, segments, rank });
      this.bySegmentCount.set(parts.length, list);
    }
    for (const list of this.bySegmentCount.values()) list.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  }

  /** The most specific path entry matching `path` (no query string), with decoded path parameters. */
  match(path: string): { entry: IndexedPath; params: Record<string, string> } | null {
    const parts = splitPath(path);
    const candidates = this.bySegmentCount.get(parts.length);
    if (!candidates) return null;
    for (const c of candidates) {
      const params = matchSegments(c, parts);
      if (params) return { entry: c.entry, params };
    }
    return null;
  }

  /** Like match, but only among templates that define `method`; falls back to any template. */
  matchMethod(method: string, path: string): { entry: IndexedPath; params: Record<string, string> } | null {
    const parts = splitPath(path);
    const candidates = this.bySegmentCount.get(parts.length) ?? [];
    const upper = method.toUpperCase();
    for (const c of candidates) {
      if (!c.entry.methods.has(upper)) continue;
      const params = matchSegments(c, parts);
      if (params) return { entry: c.entry, params };
    }
    return null;
  }

  get size(): number {
    let n = 0;
    for (const l of this.bySegmentCount.values()) n += l.length;
    return n;
  }
}

function matchSegments(c: CompiledTemplate, parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = c.segments[i];
    const part = parts[i] as string;
    if (!seg) return null;
    if ('literal' in seg) {
      if (seg.literal !== part) return null;
    } else {
      const m = seg.regex.exec(part);
      if (!m || part.length === 0) return null;
      seg.names.forEach((n, j) => {
        params[n] = safeDecode(m[j + 1] as string);
      });
    }
  }
  return params;
}

function splitPath(p: string): string[] {
  const trimmed = p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
  return trimmed.split('/').slice(1);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
