// KVS-safe keys ([a-zA-Z0-9:._-#]) built from arbitrary parts: each part is escaped (any other
// character, ':' included, becomes #HH per UTF-8 byte), so different parts give different keys;
// keys over 200 characters keep a prefix plus a hash of the whole.
import { stableHash } from '../idempotency';

const KEY_SAFE = /^[a-zA-Z0-9:._\-#]+$/;
const MAX_KEY = 200;

export function encodeKeyPart(part: string): string {
  let out = '';
  for (const ch of part) {
    if (/[a-zA-Z0-9._-]/.test(ch)) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += `#${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function joinKey(...parts: string[]): string {
  const key = parts.map(encodeKeyPart).join(':');
  return key.length <= MAX_KEY ? key : `${key.slice(0, MAX_KEY - 16)}#h${stableHash(key)}`;
}

export const isKeySafe = (key: string): boolean => KEY_SAFE.test(key) && key.length <= 500;
