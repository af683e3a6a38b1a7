import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { route } from '@forge/api';
import { UpstreamError } from '../../shared/errors';
import {
  collect,
  confluenceCursorPages,
  confluenceV1OffsetPages,
  eachItem,
  jiraOffsetPages,
  jiraSearchTokenPages,
  jiraWorklogSinceFeed,
  parseLinkHeader,
  trustedNextRoute,
} from './paging';
import { fakeHeaders } from './testing/fake-transport';

const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

describe('jiraOffsetPages', () => {
  test('should advance by what the server returned when it caps maxResults', async () => {
    const asked: number[] = [];
    const all = range(0, 23);
    const pages = jiraOffsetPages(async (startAt) => {
      asked.push(startAt);
      const items = all.slice(startAt, startAt + 10); // server caps at 10 though we asked for 50
      return { items, startAt, maxResults: 10, total: all.length };
    });
    assert.deepEqual(await collect(eachItem(pages)), all);
    assert.deepEqual(asked, [0, 10, 20]);
  });
  test('should stop when isLast is true even if total is missing', async () => {
    let n = 0;
    const pages = jiraOffsetPages(async (startAt) => {
      n++;
      return { items: [startAt], isLast: startAt >= 2 };
    }, { pageSize: 1 });
    assert.deepEqual(await collect(eachItem(pages)), [0, 1, 2]);
    assert.equal(n, 3);
  });
  test('should stop on an empty page', async () => {
    const pages = jiraOffsetPages(async () => ({ items: [] as number[], isLast: false }));
    assert.deepEqual(await collect(eachItem(pages)), []);
  });
});

describe('jiraSearchTokenPages', () => {
  test('should pass each nextPageToken until isLast', async () => {
    const tokens: Array<string | undefined> = [];
    const pages = jiraSearchTokenPages(async (token) => {
      tokens.push(token);
      if (!token) return { items: ['a', 'b'], nextPageToken: 't1', isLast: false };
      return { items: ['c'], isLast: true };
    });
    assert.deepEqual(await collect(eachItem(pages)), ['a', 'b', 'c']);
    assert.deepEqual(tokens, [undefined, 't1']);
  });
  test('should throw instead of looping when a token repeats', async () => {
    const pages = jiraSearchTokenPages(async () => ({ items: [1], nextPageToken: 'same', isLast: false }));
    await assert.rejects(collect(eachItem(pages)), UpstreamError);
  });
});

describe('jiraWorklogSinceFeed', () => {
  test('should request the next page with since = until', async () => {
    const asked: number[] = [];
    const feed = jiraWorklogSinceFeed(async (since) => {
      asked.push(since);
      return since === 100 ? { values: [1, 2], since, until: 200, lastPage: false } : { values: [3], since, until: 300, lastPage: true };
    }, 100);
    const pages = await collect(feed);
    assert.deepEqual(asked, [100, 200]);
    assert.equal(pages.at(-1)?.until, 300);
  });
  test('should throw when the feed does not advance', async () => {
    const feed = jiraWorklogSinceFeed(async (since) => ({ values: [], since, until: since, lastPage: false }), 5);
    await assert.rejects(collect(feed), UpstreamError);
  });
});

describe('confluence paging', () => {
  test('should parse the next target from a Link header', () => {
    assert.equal(parseLinkHeader('</wiki/api/v2/pages?cursor=abc&limit=2>; rel="next"'), '/wiki/api/v2/pages?cursor=abc&limit=2');
    assert.equal(parseLinkHeader('</a>; rel="prev", </wiki/api/v2/b?cursor=x>; rel=next'), '/wiki/api/v2/b?cursor=x');
    assert.equal(parseLinkHeader('</a>; rel="prev"'), undefined);
    assert.equal(parseLinkHeader(null), undefined);
  });
  test('should refuse next links that leave the Confluence API', () => {
    assert.throws(() => trustedNextRoute('https://evil.example/wiki/api/v2/pages'), UpstreamError);
    assert.throws(() => trustedNextRoute('/admin/myself'), UpstreamError);
    assert.throws(() => trustedNextRoute('/wiki/api/v2/../../admin'), UpstreamError);
    assert.equal(trustedNextRoute('/api/v2/pages?cursor=x').value, '/wiki/api/v2/pages?cursor=x');
  });
  test('should follow the Link header first, then _links.next, exactly as given', async () => {
    const seen: string[] = [];
    const pages = confluenceCursorPages(route`/wiki/api/v2/pages/${'1'}/direct-children?limit=${2}`, async (path) => {
      seen.push(path.value);
      if (seen.length === 1) return { items: ['a', 'b'], headers: fakeHeaders({ Link: '</wiki/api/v2/pages/1/direct-children?limit=2&cursor=Zm9v%3D>; rel="next"' }) };
      if (seen.length === 2) return { items: ['c'], headers: fakeHeaders(), next: '/wiki/api/v2/pages/1/direct-children?limit=2&cursor=YmFy' };
      return { items: ['d'], headers: fakeHeaders() };
    });
    assert.deepEqual(await collect(eachItem(pages)), ['a', 'b', 'c', 'd']);
    assert.deepEqual(seen.slice(1), ['/wiki/api/v2/pages/1/direct-children?limit=2&cursor=Zm9v%3D', '/wiki/api/v2/pages/1/direct-children?limit=2&cursor=YmFy']);
  });
  test('should page v1 by start + size while _links.next is present', async () => {
    const starts: number[] = [];
    const pages = confluenceV1OffsetPages(async (start, limit) => {
      starts.push(start);
      const items = range(start, Math.min(limit, 5 - start));
      return { items, start, size: items.length, next: start + items.length < 5 ? 'more' : undefined };
    }, { limit: 2 });
    assert.deepEqual(await collect(eachItem(pages)), [0, 1, 2, 3, 4]);
    assert.deepEqual(starts, [0, 2, 4]);
  });
});
