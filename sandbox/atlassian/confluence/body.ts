// Page bodies: validating what clients write and producing the representation they ask to read.
import { adfToStorage, parseAdf, storageToAdf, type AdfConversionHooks } from './adf';
import { badRequest, ConfluenceError } from './errors';
import type { StoredBody } from './model';
import { renderStorage } from './render-storage';
import { parseStorage } from './storage-dom';

/** Confluence rejects request bodies over 5 MB (413 in the spec). */
export const MAX_BODY_CHARS = 5 * 1024 * 1024;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads a v2 page body in either shape the spec allows (flat `{representation, value}` or nested
 * `{storage: {...}}`), checks that storage is well-formed XHTML and ADF is a document, and returns it.
 */
export function readWriteBody(raw: unknown): StoredBody {
  if (!isRecord(raw)) throw badRequest('body must be an object');
  let rep: unknown;
  let value: unknown;
  if ('representation' in raw || 'value' in raw) {
    rep = raw['representation'];
    value = raw['value'];
  } else {
    const keys = Object.keys(raw);
    if (keys.length !== 1) throw badRequest('body must have exactly one representation');
    const inner = raw[keys[0] as string];
    if (!isRecord(inner)) throw badRequest('body representation must be an object');
    rep = inner['representation'] ?? keys[0];
    value = inner['value'];
    if (rep !== keys[0]) throw badRequest(`body.${keys[0]}.representation must be "${keys[0]}"`);
  }
  if (typeof value !== 'string') throw badRequest('body value must be a string');
  if (value.length > MAX_BODY_CHARS) throw new ConfluenceError(413, 'Request is too large (over 5 MB)');
  if (rep === 'wiki') throw badRequest('The sandbox does not convert wiki markup; write storage or atlas_doc_format');
  if (rep === 'storage') {
    const problems = parseStorage(value).errors;
    if (problems.length > 0) throw badRequest(`Error parsing xhtml: ${problems[0]}`, 'BAD_REQUEST');
    return { representation: 'storage', value };
  }
  if (rep === 'atlas_doc_format') {
    const parsed = parseAdf(value);
    if ('problem' in parsed) throw badRequest(`Invalid atlas_doc_format: ${parsed.problem}`, 'BAD_REQUEST');
    return { representation: 'atlas_doc_format', value };
  }
  throw badRequest(`Unsupported body representation: ${String(rep)}`);
}

export function storageOf(body: StoredBody, hooks: AdfConversionHooks = {}): string {
  if (body.representation === 'storage') return body.value;
  const parsed = parseAdf(body.value);
  return 'doc' in parsed ? adfToStorage(parsed.doc, hooks) : '';
}

export function adfOf(body: StoredBody, hooks: AdfConversionHooks = {}): string {
  if (body.representation === 'atlas_doc_format') return body.value;
  return JSON.stringify(storageToAdf(body.value, hooks));
}

export type ReadFormat = 'storage' | 'atlas_doc_format' | 'view' | 'export_view' | 'anonymous_export_view' | 'styled_view' | 'editor';

export const READ_FORMATS: readonly ReadFormat[] = ['storage', 'atlas_doc_format', 'view', 'export_view', 'anonymous_export_view', 'styled_view', 'editor'];

export interface BodyReadContext extends AdfConversionHooks {
  pageId: string;
  attachmentUrl(filename: string): string;
}

/** The `body` object of a response for one requested format: `{ [format]: { representation, value } }`. */
export function bodyFor(body: StoredBody, format: ReadFormat, ctx: BodyReadContext): Record<string, { representation: string; value: string }> {
  let value: string;
  switch (format) {
    case 'storage':
    case 'editor':
      value = storageOf(body, ctx);
      break;
    case 'atlas_doc_format':
      value = adfOf(body, ctx);
      break;
    default:
      value = renderStorage(storageOf(body, ctx), ctx).html;
  }
  return { [format]: { representation: format, value } };
}
