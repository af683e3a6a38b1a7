// Deterministic, Jira-label-safe markers for things the app creates, so a re-run can find what a
// crashed run already made. Pure: FNV-1a 64-bit over the key, base36.
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function stableHash(input: string): string {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(input)) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK;
  }
  return h.toString(36).padStart(13, '0');
}

/** A Jira label that marks exactly one created issue (labels can't contain spaces; ≤ 255 chars). */
export function markerLabel(idempotencyKey: string): string {
  return `rt-${stableHash(idempotencyKey)}`;
}
