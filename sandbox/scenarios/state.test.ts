// The end-state comparison counts what it claims to: changed values, duplicates and lost items.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compareStates, stateFromJson, stateToJson, type AgencyState } from './state';

const state = (rows: Array<[string, string[]]>): AgencyState => new Map(rows.map(([id, values]) => [id, { category: 'issue' as const, values }]));

describe('compareStates', () => {
  test('should find nothing between equal states, whatever the order of values', () => {
    const a = state([['issue | A', ['1', '2']], ['issue | B', ['x']]]);
    const b = state([['issue | B', ['x']], ['issue | A', ['2', '1']]]);
    const c = compareStates(a, b);
    assert.equal(c.stateDiffItems, 0);
    assert.equal(c.items, 3);
  });

  test('should count a changed value, a duplicate, a lost item and an extra one', () => {
    const ref = state([['issue | changed', ['a']], ['issue | twice', ['t']], ['issue | gone', ['g']], ['issue | fewer', ['f', 'f']]]);
    const run = state([['issue | changed', ['b']], ['issue | twice', ['t', 't']], ['issue | fewer', ['f']], ['issue | new', ['n']]]);
    const c = compareStates(ref, run);
    assert.equal(c.duplicates, 1);
    assert.equal(c.lost, 2);
    assert.equal(c.stateDiffItems, 5);
    assert.equal(c.samples.changed.length, 1);
    assert.equal(c.samples.extra.length, 1);
  });

  test('should leave out what the caller expects a fault to add, and survive a JSON round trip', () => {
    const ref = state([['issue | A', ['1']]]);
    const run = state([['issue | A', ['1']], ['issue | Reconnect X', ['r']]]);
    assert.equal(compareStates(ref, run, (id) => id.includes('Reconnect')).stateDiffItems, 0);
    assert.equal(compareStates(ref, stateFromJson(JSON.parse(JSON.stringify(stateToJson(run))) as ReturnType<typeof stateToJson>)).stateDiffItems, 1);
  });
});
