// Contract tests of JQL search in the emulated Jira: /search/jql token paging, bounded-query rule,
// field selection, the JQL subset, and the removed /search endpoint.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adf, createIssue, createProject, PEOPLE, setupSite, type TestSite, type Who } from '../../sandbox/atlassian/test-kit';

interface SearchPage {
  issues: Array<{ id: string; key?: string; fields?: Record<string, unknown>; properties?: Record<string, unknown> }>;
  isLast: boolean;
  nextPageToken?: string;
  names?: Record<string, string>;
}

interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

let t: TestSite;
const keys: string[] = [];
let epicKey = '';

const search = (body: Record<string, unknown>, as: Who = 'app') => t.call<SearchPage & ErrorCollection>('POST', '/rest/api/3/search/jql', { body, as });

before(async () => {
  t = await setupSite();
  await createProject(t, 'SEO');
  await createProject(t, 'ADS');
  epicKey = (await createIssue(t, { project: { key: 'SEO' }, issuetype: { name: 'Epic' }, summary: 'November 2026', labels: ['retainer', 'month-2026-11'] })).key;
  for (let i = 1; i <= 12; i++) {
    t.clock.advance(60_000);
    const k = await createIssue(t, {
      project: { key: i % 3 === 0 ? 'ADS' : 'SEO' },
      issuetype: { name: 'Task' },
      summary: `Task ${i}${i === 5 ? ' keyword research' : ''}`,
      labels: i % 2 === 0 ? ['retainer', 'even'] : ['retainer'],
      duedate: `2026-11-${String(10 + i).padStart(2, '0')}`,
      ...(i % 3 === 0 ? {} : { parent: { key: epicKey } }),
      ...(i <= 4 ? { assignee: { accountId: PEOPLE.specialist.accountId } } : {}),
      ...(i === 7 ? { description: adf('Contains the secret word banana') } : {}),
    });
    keys.push(k.key);
  }
  await t.call('PUT', `/rest/api/3/issue/${keys[0]}/properties/retainer`, { body: { serviceId: 'svc-1', month: '2026-11', hours: 5 } });
  await t.call('PUT', `/rest/api/3/issue/${keys[1]}/properties/retainer`, { body: { serviceId: 'svc-2', month: '2026-11', hours: 12 } });
  await t.call('POST', `/rest/api/3/issue/${keys[0]}/transitions`, { body: { transition: { id: '31' } } });
});

after(async () => {
  await t.close();
  assert.deepEqual(t.responseViolations().map((e) => `${e.method} ${e.path}: ${e.specViolations?.join('; ')}`), []);
});

describe('search/jql paging and shape', () => {
  test('token paging over every match with no total; ids only by default', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await search({ jql: 'project = SEO ORDER BY key ASC', maxResults: 3, ...(token ? { nextPageToken: token } : {}) });
      assert.equal(r.status, 200);
      assert.ok(!('total' in r.json));
      for (const i of r.json.issues) {
        assert.deepEqual(Object.keys(i), ['id'], 'the default is id only');
        seen.push(i.id);
      }
      if (r.json.isLast) assert.equal(r.json.nextPageToken, undefined);
      token = r.json.nextPageToken;
      pages++;
    } while (token);
    const seoCount = 1 + keys.filter((_, i) => (i + 1) % 3 !== 0).length;
    assert.equal(seen.length, seoCount);
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(pages, Math.ceil(seoCount / 3));
  });

  test('GET variant with comma-separated fields and properties', async () => {
    const r = await t.call<SearchPage>('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(`key = ${keys[0]}`)}&fields=summary,status&properties=retainer`);
    assert.equal(r.status, 200);
    const i = r.json.issues[0];
    assert.equal(i?.key, keys[0]);
    assert.deepEqual(Object.keys(i?.fields ?? {}).sort(), ['status', 'summary']);
    assert.deepEqual(i?.properties, { retainer: { serviceId: 'svc-1', month: '2026-11', hours: 5 } });
  });

  test('maxResults is capped (100 with fields, 5000 ids only) and a bad token is rejected', async () => {
    const r = await search({ jql: 'labels = retainer', maxResults: 100_000, fields: ['summary'] });
    assert.equal(r.status, 200);
    assert.equal(r.json.issues.length, 13);
    const bad = await search({ jql: 'labels = retainer', nextPageToken: 'garbage' });
    assert.equal(bad.status, 400);
    const first = await search({ jql: 'labels = retainer', maxResults: 2 });
    const other = await search({ jql: 'labels = even', nextPageToken: first.json.nextPageToken });
    assert.equal(other.status, 400, 'a token belongs to its query');
  });

  test('unbounded JQL → 400, empty JQL → 400', async () => {
    for (const jql of ['order by key desc', '', 'ORDER BY created']) {
      const r = await search({ jql });
      assert.equal(r.status, 400, jql);
      assert.match(r.json.errorMessages[0] ?? '', /Unbounded JQL/);
    }
  });

  test('the removed /search answers 410 with the CHANGE-2046 message (GET and POST)', async () => {
    const get = await t.call<ErrorCollection>('GET', '/rest/api/3/search?jql=project%3DSEO');
    assert.equal(get.status, 410);
    assert.match(get.json.errorMessages[0] ?? '', /CHANGE-2046/);
    const post = await t.call<ErrorCollection>('POST', '/rest/api/3/search', { body: { jql: 'project = SEO' } });
    assert.equal(post.status, 410);
  });

  test('approximate count and bulkfetch', async () => {
    const c = await t.call<{ count: number }>('POST', '/rest/api/3/search/approximate-count', { body: { jql: 'project = ADS' } });
    assert.deepEqual(c.json, { count: 4 });
    const b = await t.call<{ issues: Array<{ key: string }>; issueErrors: Array<{ id: string }> }>('POST', '/rest/api/3/issue/bulkfetch', { body: { issueIdsOrKeys: [keys[0], 'SEO-999'], fields: ['summary'] } });
    assert.deepEqual(b.json.issues.map((i) => i.key), [keys[0]]);
    assert.deepEqual(b.json.issueErrors.map((e) => e.id), ['SEO-999']);
  });
});

describe('JQL subset', () => {
  const keysOf = async (jql: string, as: Who = 'app'): Promise<string[]> => {
    const r = await search({ jql, fields: ['summary'], maxResults: 100 }, as);
    assert.equal(r.status, 200, `${jql}: ${JSON.stringify(r.json)}`);
    return r.json.issues.map((i) => i.key as string);
  };

  test('equality, IN, NOT IN, AND/OR/NOT and parentheses', async () => {
    assert.equal((await keysOf('project = ADS')).length, 4);
    assert.equal((await keysOf('project in (SEO, ADS) AND labels = even')).length, 6);
    assert.equal((await keysOf('project = SEO AND NOT labels = even')).length, 5);
    assert.equal((await keysOf('(project = ADS OR labels = even) AND issuetype = Task')).length, 8);
    assert.equal((await keysOf('project = SEO AND labels not in (even)')).length, 5);
    assert.deepEqual(await keysOf(`parent = ${epicKey} AND key in (${keys[0]}, ${keys[1]}) ORDER BY key ASC`), [keys[0], keys[1]]);
  });

  test('status, statusCategory, resolution, and != never matching empty fields', async () => {
    assert.deepEqual(await keysOf('project = SEO AND statusCategory = Done'), [keys[0]]);
    assert.equal((await keysOf('project = SEO AND statusCategory != Done')).length, 8);
    assert.deepEqual(await keysOf('project = SEO AND status = "Done"'), [keys[0]]);
    assert.deepEqual(await keysOf('project = SEO AND resolution is not EMPTY'), [keys[0]]);
    assert.equal((await keysOf('project = SEO AND resolution = Unresolved')).length, 8);
    assert.equal((await keysOf('project = SEO AND assignee != currentUser()', 'specialist')).length, 0, 'unassigned issues do not match !=');
    assert.equal((await keysOf('project = SEO AND assignee is EMPTY')).length, 6);
  });

  test('assignee = currentUser() and the agency query the scenario runner uses', async () => {
    const mine = await keysOf('assignee = currentUser() ORDER BY duedate ASC', 'specialist');
    assert.deepEqual(mine, keys.slice(0, 4));
    const runner = await keysOf(`assignee = "${PEOPLE.specialist.accountId}" AND labels = retainer AND statusCategory != Done ORDER BY duedate ASC`, 'specialist');
    assert.deepEqual(runner, keys.slice(1, 4));
  });

  test('dates: absolute, relative and functions; ORDER BY DESC', async () => {
    assert.deepEqual(await keysOf('project = SEO AND duedate <= "2026-11-12" ORDER BY duedate DESC'), [keys[1], keys[0]]);
    assert.equal((await keysOf('project = SEO AND duedate >= startOfMonth() AND duedate <= endOfMonth()')).length, 8);
    assert.equal((await keysOf('created >= -1d AND project = SEO')).length, 9);
    assert.equal((await keysOf('created < -1d AND project = SEO')).length, 0);
    const bad = await search({ jql: 'duedate > "not a date"' });
    assert.equal(bad.status, 400);
  });

  test('text search with ~ on summary, description and text', async () => {
    assert.deepEqual(await keysOf('summary ~ "keyword" AND project = SEO'), [keys[4]]);
    assert.deepEqual(await keysOf('description ~ banana'), [keys[6]]);
    assert.deepEqual(await keysOf('text ~ "BANANA"'), [keys[6]]);
  });

  test('issue.property[key].path comparisons', async () => {
    assert.deepEqual(await keysOf('issue.property[retainer].serviceId = "svc-2"'), [keys[1]]);
    assert.deepEqual(await keysOf('issue.property[retainer].hours > 10'), [keys[1]]);
    assert.deepEqual((await keysOf('issue.property[retainer].month = "2026-11" ORDER BY key ASC')), [keys[0], keys[1]]);
  });

  test('errors: unknown field, unknown project, syntax, deprecated Epic Link', async () => {
    const unknownField = await search({ jql: 'foo = bar' });
    assert.equal(unknownField.status, 400);
    assert.match(unknownField.json.errorMessages[0] ?? '', /Field 'foo' does not exist/);
    const unknownProject = await search({ jql: 'project = NOPE' });
    assert.match(unknownProject.json.errorMessages[0] ?? '', /The value 'NOPE' does not exist for the field 'project'/);
    const syntax = await search({ jql: 'project = SEO AND' });
    assert.equal(syntax.status, 400);
    const epicLink = await search({ jql: '"Epic Link" = SEO-1' });
    assert.equal(epicLink.status, 400);
  });

  test('a guest sees nothing: their project clause fails like for a missing project', async () => {
    const r = await search({ jql: 'project = SEO' }, 'guest');
    assert.equal(r.status, 400);
    const all = await search({ jql: 'labels = retainer' }, 'guest');
    assert.equal(all.status, 200);
    assert.deepEqual(all.json.issues, []);
  });
});
