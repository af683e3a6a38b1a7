// Opaque page cursors: the position of the last row scanned, tied to the query's index and
// partition so a cursor from another query is rejected instead of silently misread.
import { KvsError } from './errors';
import type { Scalar } from './sorted-index';

export interface CursorPosition {
  /** `<entity>/<index>` or `kvs` for plain-key queries. */
  scope: string;
  p: string;
  r: Scalar;
  k: string;
}

export function encodeCursor(c: CursorPosition): string {
  return Buffer.from(JSON.stringify([c.scope, c.p, c.r, c.k]), 'utf8').toString('base64url');
}

export function decodeCursor(raw: unknown, scope: string, p: string): CursorPosition {
  if (typeof raw !== 'string' || raw.length === 0) throw new KvsError('INVALID_CURSOR', 'Cursor must be a non-empty string');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new KvsError('INVALID_CURSOR', 'Cursor is not valid');
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw new KvsError('INVALID_CURSOR', 'Cursor is not valid');
  const [s, cp, r, k] = parsed as unknown[];
  if (s !== scope || cp !== p) throw new KvsError('INVALID_CURSOR', 'Cursor belongs to a different query');
  if (typeof k !== 'string' || !(typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean')) throw new KvsError('INVALID_CURSOR', 'Cursor is not valid');
  return { scope: s, p: cp, r, k };
}
