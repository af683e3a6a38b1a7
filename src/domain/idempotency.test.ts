import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { markerLabel, stableHash } from './idempotency';

describe('idempotency markers', () => {
  test('should be stable when the same key is hashed twice', () => {
    assert.equal(stableHash('sv-a:2026-11:tt-x:1'), stableHash('sv-a:2026-11:tt-x:1'));
  });
  test('should differ when keys differ by one character', () => {
    assert.notEqual(stableHash('sv-a:2026-11:tt-x:1'), stableHash('sv-a:2026-11:tt-x:2'));
  });
  test('should produce a label without spaces of fixed length when given any text', () => {
    const l = markerLabel('Кавова Хата · SEO');
    assert.match(l, /^rt-[0-9a-z]{13}$/);
  });
  test('should have no collisions when hashing 20,000 distinct item keys', () => {
    const seen = new Set<string>();
    for (let s = 0; s < 400; s++) for (let i = 0; i < 50; i++) seen.add(stableHash(`sv-${s}:2026-11:tt-${i}:1`));
    assert.equal(seen.size, 20_000);
  });
});
