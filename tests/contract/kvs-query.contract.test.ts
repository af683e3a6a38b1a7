// Contract: plain-key queries and custom entity queries through the real `@forge/kvs` client.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Filter, FilterConditions, ForgeKvsAPIError, MetadataField, Sort, WhereConditions, kvs, type AndFilter, type OrFilter } from '@forge/kvs';
import type { EntityWhereClauses } from '@forge/kvs/out/interfaces/entity-query';
import { startKvsHarness, type KvsHarness } from '../helpers/kvs-harness';

interface Ledger {
  clientId: string;
  period: string;
  kind: string;
  amountMinor: number;
  rate?: number;
  settled?: boolean;
  tags?: unknown;
  note?: string;
}

let h: KvsHarness;
let seededAt = 0;
const ledger = () => kvs.entity<Ledger>('ledger-entry');

async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ForgeKvsAPIError, String(e));
    assert.equal(e.code, code, e.message);
    return true;
  });
}

const period = (i: number) => `2026-${String((i % 12) + 1).padStart(2, '0')}`;

before(async () => {
  h = await startKvsHarness();
  seededAt = h.now();
  // Plain keys: 25 under "q:inv:", some noise around the prefix.
  for (let i = 0; i < 25; i++) await kvs.set(`q:inv:${String(i).padStart(3, '0')}`, { i });
  await kvs.set('q:inu', 'before');
  await kvs.set('q:inw', 'after');
  await kvs.set('q:inv', 'the prefix itself');
  // 240 ledger rows: clients c1..c3 × 80, periods cycling through 2026-01..12.
  const batch: Array<{ key: string; value: Ledger; entityName: string }> = [];
  for (let i = 0; i < 240; i++) {
    const client = `c${(i % 3) + 1}`;
    const value: Ledger = { clientId: client, period: period(Math.floor(i / 3)), kind: i % 4 === 0 ? 'payment' : 'spend', amountMinor: (i * 37) % 1000 - 300, tags: i % 5 === 0 ? ['vip', 'ads'] : ['ads'] };
    if (i % 7 === 0) value.note = `manual adjustment ${i}`;
    batch.push({ key: `le-${String(i).padStart(4, '0')}`, value, entityName: 'ledger-entry' });
    if (batch.length === 25) {
      const r = await kvs.batchSet(batch.splice(0));
      assert.equal(r.failedKeys.length, 0, JSON.stringify(r.failedKeys));
    }
  }
  if (batch.length) await kvs.batchSet(batch);
});
after(async () => {
  await h.close();
});

describe('plain key query', () => {
  test('should page through keys with beginsWith and a cursor when there are more than one page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith('q:inv:')).limit(10);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany<{ i: number }>();
      sizes.push(page.results.length);
      seen.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(sizes, [10, 10, 5]);
    assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => `q:inv:${String(i).padStart(3, '0')}`));
  });

  test('should return 10 results by default when no limit is given', async () => {
    const page = await kvs.query().where('key', WhereConditions.beginsWith('q:')).getMany();
    assert.equal(page.results.length, 10);
    assert.equal(page.results[0]?.key, 'q:inu');
    assert.ok(page.nextCursor);
    assert.equal(h.requests.at(-1)?.body && JSON.stringify(h.requests.at(-1)?.body), JSON.stringify({ where: [{ property: 'key', condition: 'BEGINS_WITH', values: ['q:'] }] }));
  });

  test('should fail with LIST_QUERY_LIMIT_EXCEEDED when the limit is above 100', async () => {
    await rejectsWith(kvs.query().limit(101).getMany(), 'LIST_QUERY_LIMIT_EXCEEDED');
    const page = await kvs.query().limit(100).getMany();
    assert.ok(page.results.length <= 100);
  });

  test('should return the first match when getOne is used', async () => {
    const one = await kvs.query().where('key', WhereConditions.beginsWith('q:inv:01')).getOne<{ i: number }>();
    assert.deepEqual(one, { key: 'q:inv:010', value: { i: 10 } });
    assert.equal(await kvs.query().where('key', WhereConditions.beginsWith('zzz-none')).getOne(), undefined);
  });

  test('should include expireTime when the metadata field is requested and skip expired keys', async () => {
    await kvs.set('q-ttl:a', 1, { ttl: { value: 1, unit: 'HOURS' } });
    await kvs.set('q-ttl:b', 2);
    const page = await kvs.query({ metadataFields: [MetadataField.EXPIRE_TIME] }).where('key', WhereConditions.beginsWith('q-ttl:')).getMany();
    assert.deepEqual(page.results, [{ key: 'q-ttl:a', value: 1, expireTime: new Date(h.now() + 3_600_000).toISOString().replace('.000Z', 'Z') }, { key: 'q-ttl:b', value: 2 }]);
    h.advance(3_600_000);
    const later = await kvs.query().where('key', WhereConditions.beginsWith('q-ttl:')).getMany();
    assert.deepEqual(later.results.map((r) => r.key), ['q-ttl:b']);
  });

  test('should not return entity rows when querying plain keys', async () => {
    const page = await kvs.query().where('key', WhereConditions.beginsWith('le-')).getMany();
    assert.deepEqual(page.results, []);
  });

  test('should reject a cursor from another query when it is passed to the plain query', async () => {
    const entityPage = await ledger().query().index('by-key').limit(1).getMany();
    assert.ok(entityPage.nextCursor);
    await rejectsWith(kvs.query().cursor(entityPage.nextCursor).getMany(), 'INVALID_CURSOR');
  });
});

describe('entity query', () => {
  test('should page a partition by range with sort, limit and cursor when many rows match', async () => {
    const keys: string[] = [];
    const periods: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      let q = ledger().query().index('by-client-period', { partition: ['c2'] }).where(WhereConditions.between('2026-03', '2026-08')).sort(Sort.DESC).limit(7);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany();
      pages++;
      for (const r of page.results) {
        assert.equal(r.value.clientId, 'c2');
        keys.push(r.key);
        periods.push(r.value.period);
      }
      cursor = page.nextCursor;
    } while (cursor);
    // c2 rows are i = 1, 4, 7, …; period(floor(i/3)) in 03..08 → 6 months × 2 years of cycling / 3 clients.
    const expected: Array<{ key: string; period: string }> = [];
    for (let i = 1; i < 240; i += 3) {
      const p = period(Math.floor(i / 3));
      if (p >= '2026-03' && p <= '2026-08') expected.push({ key: `le-${String(i).padStart(4, '0')}`, period: p });
    }
    expected.sort((a, b) => (a.period === b.period ? (a.key < b.key ? 1 : -1) : a.period < b.period ? 1 : -1));
    assert.deepEqual(keys, expected.map((e) => e.key));
    assert.ok(periods.every((p, i) => i === 0 || (periods[i - 1] as string) >= p));
    assert.equal(pages, Math.ceil(expected.length / 7));
    const body = h.requests.at(-1)?.body as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['entityName', 'indexName', 'partition', 'range', 'sort', 'limit', 'cursor']);
  });

  test('should order ascending by range value then key when sort is ASC or omitted', async () => {
    const page = await ledger().query().index('amountMinor').where(WhereConditions.lessThan(-290)).limit(100).getMany();
    const amounts = page.results.map((r) => r.value.amountMinor);
    assert.ok(amounts.length > 0);
    assert.ok(amounts.every((a) => a < -290));
    for (let i = 1; i < page.results.length; i++) {
      const prev = page.results[i - 1];
      const cur = page.results[i];
      assert.ok(prev && cur);
      assert.ok(prev.value.amountMinor < cur.value.amountMinor || (prev.value.amountMinor === cur.value.amountMinor && prev.key < cur.key));
    }
  });

  test('should apply each range condition to the index range attribute when querying', async () => {
    const count = async (where: EntityWhereClauses) => {
      let total = 0;
      let cursor: string | undefined;
      do {
        let q = ledger().query().index('by-client-period', { partition: ['c1'] }).where(where).limit(100);
        if (cursor) q = q.cursor(cursor);
        const page = await q.getMany();
        total += page.results.length;
        cursor = page.nextCursor;
      } while (cursor);
      return total;
    };
    // c1 has 80 rows, periods cycle 01..12 with i/3: each period appears 6 or 7 times.
    const perPeriod = new Map<string, number>();
    for (let i = 0; i < 240; i += 3) perPeriod.set(period(Math.floor(i / 3)), (perPeriod.get(period(Math.floor(i / 3))) ?? 0) + 1);
    const sum = (pred: (p: string) => boolean) => [...perPeriod].filter(([p]) => pred(p)).reduce((a, [, n]) => a + n, 0);
    assert.equal(await count(WhereConditions.equalTo('2026-05')), sum((p) => p === '2026-05'));
    assert.equal(await count(WhereConditions.greaterThan('2026-10')), sum((p) => p > '2026-10'));
    assert.equal(await count(WhereConditions.greaterThanEqualTo('2026-10')), sum((p) => p >= '2026-10'));
    assert.equal(await count(WhereConditions.lessThan('2026-02')), sum((p) => p < '2026-02'));
    assert.equal(await count(WhereConditions.lessThanEqualTo('2026-02')), sum((p) => p <= '2026-02'));
    assert.equal(await count(WhereConditions.beginsWith('2026-1')), sum((p) => p.startsWith('2026-1')));
    assert.equal(await count(WhereConditions.between('2026-04', '2026-06')), sum((p) => p >= '2026-04' && p <= '2026-06'));
  });

  test('should filter after taking the page so a page can be empty yet carry a cursor', async () => {
    // The first 5 rows by key are le-0000..le-0004; none of them has a note containing "zzz".
    const first = await ledger().query().index('by-key').filters(new Filter<Ledger>().and('note', FilterConditions.contains('zzz'))).limit(5).getMany();
    assert.deepEqual(first.results, []);
    assert.ok(first.nextCursor, 'an empty filtered page still has a cursor');
    // Walking all pages with a filter finds exactly the matching rows.
    const found: string[] = [];
    let cursor: string | undefined;
    let emptyPages = 0;
    do {
      let q = ledger().query().index('by-key').filters(new Filter<Ledger>().and('note', FilterConditions.exists()).and('kind', FilterConditions.equalTo('payment'))).limit(20);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany();
      if (page.results.length === 0) emptyPages++;
      found.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = Array.from({ length: 240 }, (_, i) => i).filter((i) => i % 7 === 0 && i % 4 === 0).map((i) => `le-${String(i).padStart(4, '0')}`);
    assert.deepEqual(found, expected);
    assert.ok(emptyPages > 0);
  });

  test('should combine filters with or when the Filter uses or()', async () => {
    const page = await ledger()
      .query()
      .index('by-client-period', { partition: ['c3'] })
      .where(WhereConditions.equalTo('2026-01'))
      .filters(new Filter<Ledger>().or('tags', FilterConditions.contains('vip')).or('amountMinor', FilterConditions.greaterThan(500)))
      .limit(100)
      .getMany();
    assert.ok(page.results.length > 0);
    for (const r of page.results) assert.ok((Array.isArray(r.value.tags) && r.value.tags.includes('vip')) || r.value.amountMinor > 500);
    assert.deepEqual((h.requests.at(-1)?.body as { filters: unknown }).filters, {
      or: [
        { property: 'tags', condition: 'CONTAINS', values: ['vip'] },
        { property: 'amountMinor', condition: 'GREATER_THAN', values: [500] },
      ],
    });
  });

  test('should evaluate every filter condition when used as a post-filter', async () => {
    const keysWhere = async (f: AndFilter<Ledger> | OrFilter<Ledger>) =>
      (await ledger().query().index('by-client-period', { partition: ['c1'] }).where(WhereConditions.equalTo('2026-01')).filters(f).limit(100).getMany()).results.map((r) => r.value);
    const all = (await ledger().query().index('by-client-period', { partition: ['c1'] }).where(WhereConditions.equalTo('2026-01')).limit(100).getMany()).results.map((r) => r.value);
    const check = async (f: AndFilter<Ledger> | OrFilter<Ledger>, pred: (v: Ledger) => boolean) => assert.deepEqual(await keysWhere(f), all.filter(pred));
    await check(new Filter<Ledger>().and('kind', FilterConditions.notEqualTo('payment')), (v) => v.kind !== 'payment');
    await check(new Filter<Ledger>().and('note', FilterConditions.notExists()), (v) => v.note === undefined);
    await check(new Filter<Ledger>().and('note', FilterConditions.beginsWith('manual')), (v) => v.note?.startsWith('manual') === true);
    await check(new Filter<Ledger>().and('tags', FilterConditions.notContains('vip')), (v) => !(v.tags as string[]).includes('vip'));
    await check(new Filter<Ledger>().and('amountMinor', FilterConditions.between(-100, 100)), (v) => v.amountMinor >= -100 && v.amountMinor <= 100);
    await check(new Filter<Ledger>().and('amountMinor', FilterConditions.greaterThanEqualTo(0)).and('amountMinor', FilterConditions.lessThanEqualTo(400)), (v) => v.amountMinor >= 0 && v.amountMinor <= 400);
    await check(new Filter<Ledger>().and('amountMinor', FilterConditions.lessThan(0)), (v) => v.amountMinor < 0);
  });

  test('should return metadata when the entity query asks for it', async () => {
    const page = await ledger().query({ metadataFields: [MetadataField.CREATED_AT] }).index('by-key').where(WhereConditions.equalTo('le-0000')).getMany();
    assert.deepEqual(page.results, [{ key: 'le-0000', value: page.results[0]?.value, createdAt: Math.floor(seededAt / 1000) }]);
  });

  test('should reject queries that break the index contract', async () => {
    await rejectsWith(ledger().query().index('by-client-period').getMany(), 'BAD_REQUEST'); // partition required
    await rejectsWith(ledger().query().index('by-client-period', { partition: ['c1', 'extra'] }).getMany(), 'BAD_REQUEST');
    await rejectsWith(ledger().query().index('by-client-period', { partition: [7] }).getMany(), 'BAD_REQUEST');
    await rejectsWith(ledger().query().index('by-key', { partition: ['c1'] }).getMany(), 'BAD_REQUEST');
    await rejectsWith(ledger().query().index('no-such-index').getMany(), 'INVALID_ENTITY_INDEX');
    await rejectsWith(ledger().query().index('amountMinor').where(WhereConditions.beginsWith('1')).getMany(), 'BAD_REQUEST');
    await rejectsWith(ledger().query().index('amountMinor').where(WhereConditions.equalTo('12')).getMany(), 'BAD_REQUEST');
    await rejectsWith(ledger().query().index('by-key').limit(101).getMany(), 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    await rejectsWith(ledger().query().index('by-key').limit(0).getMany(), 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    await rejectsWith(ledger().query().index('by-key').filters(new Filter<Ledger>().and('nope' as keyof Ledger, FilterConditions.exists())).getMany(), 'BAD_REQUEST');
    await rejectsWith(kvs.entity('no-such-entity').query().index('by-key').getMany(), 'INVALID_ENTITY_TYPE');
    await rejectsWith(ledger().query().index('by-key').cursor('not-a-cursor').getMany(), 'INVALID_CURSOR');
  });

  test('should reject malformed filter groups with the documented codes', async () => {
    const base = { entityName: 'ledger-entry', indexName: 'by-key' };
    const code = async (extra: Record<string, unknown>) => ((await h.emulator.handle('/api/v1/entity/query', { ...base, ...extra })).body as { code: string }).code;
    assert.equal(await code({ filters: { and: [] } }), 'EMPTY_FILTER_OPERATOR');
    assert.equal(await code({ filters: { and: [{ property: 'kind', condition: 'EXISTS', values: [true] }], or: [{ property: 'kind', condition: 'EXISTS', values: [true] }] } }), 'INVALID_FILTER_OPERATORS_COMBINATION');
    assert.equal(await code({ filters: { and: [{ property: 'amountMinor', condition: 'BETWEEN', values: [1] }] } }), 'INSUFFICIENT_FILTER_VALUES');
    assert.equal(await code({ range: { condition: 'BETWEEN', values: ['a'] } }), 'INSUFFICIENT_FILTER_VALUES');
    const many = Array.from({ length: 101 }, () => ({ property: 'kind', condition: 'EXISTS', values: [true] }));
    assert.equal(await code({ filters: { and: many } }), 'BAD_REQUEST');
    assert.equal(await code({ filters: { and: many.slice(0, 100) } }), undefined); // 100 conditions are fine
  });

  test('should reject plain queries on anything but a key prefix', async () => {
    const res = await h.emulator.handle('/api/v1/query', { where: [{ property: 'key', condition: 'EQUAL_TO', values: ['q:inu'] }] });
    assert.equal(res.status, 400);
    const value = await h.emulator.handle('/api/v1/query', { where: [{ property: 'value', condition: 'BEGINS_WITH', values: ['x'] }] });
    assert.equal(value.status, 400);
  });
});
