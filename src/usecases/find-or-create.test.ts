import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findOrCreate } from './find-or-create';

describe('findOrCreate', () => {
  test('should return what exists without creating', async () => {
    let created = 0;
    assert.deepEqual(await findOrCreate(async () => ({ id: 'a' }), async () => ({ id: `new${++created}` })), { id: 'a' });
    assert.equal(created, 0);
  });

  test('should adopt what a sibling made when the create is refused, and rethrow when nothing is there', async () => {
    let made: { id: string } | null = null;
    const r = await findOrCreate(async () => made, async () => {
      made = { id: 'sibling' };
      throw new Error('A page with this title already exists');
    });
    assert.deepEqual(r, { id: 'sibling' });
    await assert.rejects(findOrCreate(async () => null, async () => Promise.reject(new Error('refused'))), /refused/);
  });
});
