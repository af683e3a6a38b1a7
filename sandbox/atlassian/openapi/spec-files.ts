// Locates and loads the pinned official OpenAPI documents (../shared/specs). Each file is parsed at
// most once per process: the Jira one alone is 2.4 MB.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SpecProduct = 'jira' | 'confluence-v2' | 'confluence-v1';

export const SPEC_FILES: Record<SpecProduct, string> = {
  jira: 'jira-platform.swagger-v3.v3.json',
  'confluence-v2': 'confluence.openapi-v2.v3.json',
  'confluence-v1': 'confluence.swagger.v3.json',
};

/** The subset of an OpenAPI 3.0 document this validator reads. */
export interface OpenApiDocument {
  openapi: string;
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** RETAINER_SPECS_DIR wins; otherwise the shared folder next to the repository. */
export function resolveSpecsDir(): string {
  const fromEnv = process.env.RETAINER_SPECS_DIR;
  return fromEnv && fromEnv.length > 0 ? resolve(fromEnv) : resolve(REPO_ROOT, '../shared/specs');
}

const cache = new Map<string, OpenApiDocument>();

export function loadSpecDocument(product: SpecProduct): OpenApiDocument {
  const file = join(resolveSpecsDir(), SPEC_FILES[product]);
  const hit = cache.get(file);
  if (hit) return hit;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`OpenAPI spec for ${product} not found at ${file} (set RETAINER_SPECS_DIR): ${(e as Error).message}`);
  }
  const doc = JSON.parse(text) as OpenApiDocument;
  if (typeof doc.paths !== 'object' || doc.paths === null) throw new Error(`${file} is not an OpenAPI document`);
  cache.set(file, doc);
  return doc;
}

/** The path prefix the document's `servers` block puts in front of every path (e.g. /wiki/api/v2). */
export function serverBasePath(doc: OpenApiDocument): string {
  const url = doc.servers?.[0]?.url ?? '';
  // Strip the scheme and host, whatever placeholder the spec uses for them.
  const m = /^(?:[a-z]+:)?\/\/[^/]*(\/.*)?$/i.exec(url);
  const base = m ? (m[1] ?? '') : url.startsWith('/') ? url : '';
  return base.replace(/\/+$/, '');
}
