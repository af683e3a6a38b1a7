// Property test: after random writes and deletes, paging an index with any range condition,
// sort and page size yields exactly what a naive filter-and-sort over all rows yields.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KvsEmulator } from './index';

interface Row {
  team: string;
  score: number;
}

type Op = { kind: 'set'; key: string; row: Row } | { kind: 'del'; key: string };

const keyArb = fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}`));
const rowArb = fc.record({ team: fc.constantFrom('red', 'blue'), score: fc.integer({ min: -5, max: 5 }) });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), key: keyArb, row: rowArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('del' as const), key: keyArb }) },
);
const rangeArb = fc.oneof(
  fc.constant(undefined),
  fc.record({ condition: fc.constantFrom('EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO'), values: fc.tuple(fc.integer({ min: -6, max: 6 })) }),
  fc.record({ condition: fc.constant('BETWEEN'), values: fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 })) }),
);

function inRange(score: number, range: { condition: string; values: number[] } | undefined): boolean {
  if (!range) return true;
  const [a = 0, b = 0] = range.values;
  switch (range.condition) {
    case 'EQUAL_TO':
      return score === a;
    case 'GREATER_THAN':
      return score > a;
    case 'GREATER_THAN_EQUAL_TO':
      return score >= a;
    case 'LESS_THAN':
      return score < a;
    case 'LESS_THAN_EQUAL_TO':
      return score <= a;
    default:
      return score >= a && score <= b;
  }
}

describe('kvs index model', () => {
  test('should page an index exactly like a naive sort when rows change randomly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 60 }), fc.constantFrom('red', 'blue'), rangeArb, fc.constantFrom('ASC', 'DESC'), fc.integer({ min: 1, max: 7 }), async (ops, team, range, sort, limit) => {
        const kvs = await KvsEmulator.open({
          entities: [{ name: 'score', attributes: { team: { type: 'string' }, score: { type: 'integer' } }, indexes: [{ name: 'by-team', partition: ['team'], range: ['score'] }] }],
        });
        const model = new Map<string, Row>();
        for (const op of ops) {
          if (op.kind === 'set') {
            await kvs.handle('/api/v1/entity/set', { entityName: 'score', key: op.key, value: op.row });
            model.set(op.key, op.row);
          } else {
            await kvs.handle('/api/v1/entity/delete', { entityName: 'score', key: op.key });
            model.delete(op.key);
          }
        }
        const expected = [...model]
          .filter(([, r]) => r.team === team && inRange(r.score, range))
          .sort(([ka, a], [kb, b]) => (a.score - b.score || (ka < kb ? -1 : 1)) * (sort === 'ASC' ? 1 : -1))
          .map(([k]) => k);
        const got: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 100; pages++) {
          const res = await kvs.handle('/api/v1/entity/query', { entityName: 'score', indexName: 'by-team', partition: [team], range, sort, limit, cursor });
          assert.equal(res.status, 200, JSON.stringify(res.body));
          const body = res.body as { data: Array<{ key: string }>; cursor?: string };
          assert.ok(body.data.length <= limit);
          got.push(...body.data.map((d) => d.key));
          cursor = body.cursor;
          if (!cursor) break;
        }
        assert.deepEqual(got, expected);
        await kvs.close();
      }),
      { numRuns: 150, seed: 20260115 },
    );
  });
});
