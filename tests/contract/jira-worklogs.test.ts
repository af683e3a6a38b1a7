// Contract tests of worklogs in the emulated Jira: per-issue add/list/edit/delete with estimate
// adjustment, and the site-wide "since" feeds used for incremental sync.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adf, createIssue, createProject, PEOPLE, setupSite, type TestSite } from '../../sandbox/atlassian/test-kit';

interface Worklog {
  id: string;
  issueId: string;
  author: { accountId: string };
  started: string;
  timeSpent: string;
  timeSpentSeconds: number;
  created: string;
}

interface Feed {
  values: Array<{ worklogId: number; updatedTime: number; properties: unknown[] }>;
  since: number;
  until: number;
  lastPage: boolean;
  nextPage?: string;
  self: string;
}

let t: TestSite;
let issueKey = '';

before(async () => {
  t = await setupSite({ start: '2026-11-02T09:00:00.000Z' });
  await createProject(t, 'WL');
  issueKey = (await createIssue(t, { project: { key: 'WL' }, issuetype: { name: 'Task' }, summary: 'Log here', timetracking: { originalEstimate: '4h' }, assignee: { accountId: PEOPLE.specialist.accountId } })).key;
});

after(async () => {
  await t.close();
  assert.deepEqual(t.responseViolations().map((e) => `${e.method} ${e.path}: ${e.specViolations?.join('; ')}`), []);
});

const feed = (kind: 'updated' | 'deleted', since: number): Promise<{ status: number; json: Feed }> => t.call<Feed>('GET', `/rest/api/3/worklog/${kind}?since=${since}`);

describe('per issue', () => {
  test('add: author is the caller, started normalised, remaining estimate reduced (auto)', async () => {
    const r = await t.call<Worklog>('POST', `/rest/api/3/issue/${issueKey}/worklog`, {
      as: 'specialist',
      body: { timeSpentSeconds: 5400, started: '2026-11-02T09:00:00.000+0000', comment: adf('Keyword research') },
    });
    assert.equal(r.status, 201);
    assert.equal(r.json.author.accountId, PEOPLE.specialist.accountId);
    assert.equal(r.json.started, '2026-11-02T09:00:00.000+0000');
    assert.equal(r.json.timeSpent, '1h 30m');
    const issue = await t.call<{ fields: { timetracking: { remainingEstimateSeconds: number; timeSpentSeconds: number; timeSpent: string } } }>('GET', `/rest/api/3/issue/${issueKey}?fields=timetracking`);
    assert.equal(issue.json.fields.timetracking.remainingEstimateSeconds, 4 * 3600 - 5400);
    assert.equal(issue.json.fields.timetracking.timeSpentSeconds, 5400);
  });

  test('timeSpent strings, started with a colon offset, adjustEstimate=leave/new', async () => {
    const r = await t.call<Worklog>('POST', `/rest/api/3/issue/${issueKey}/worklog?adjustEstimate=leave`, { body: { timeSpent: '1d 2h', started: '2026-11-03T10:00:00.000+02:00' } });
    assert.equal(r.status, 201);
    assert.equal(r.json.timeSpentSeconds, 10 * 3600);
    assert.equal(r.json.started, '2026-11-03T08:00:00.000+0000');
    const n = await t.call('POST', `/rest/api/3/issue/${issueKey}/worklog?adjustEstimate=new&newEstimate=2h`, { body: { timeSpentSeconds: 600, started: '2026-11-03T12:00:00.000+0000' } });
    assert.equal(n.status, 201);
    const issue = await t.call<{ fields: { timeestimate: number } }>('GET', `/rest/api/3/issue/${issueKey}?fields=timeestimate`);
    assert.equal(issue.json.fields.timeestimate, 7200);
  });

  test('invalid bodies: both time fields, no time, bad started, plain-text comment', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ timeSpent: '1h', timeSpentSeconds: 3600, started: '2026-11-02T09:00:00.000+0000' }, 'timeLogged'],
      [{ started: '2026-11-02T09:00:00.000+0000' }, 'timeLogged'],
      [{ timeSpentSeconds: 3600, started: '02.11.2026' }, 'started'],
      [{ timeSpentSeconds: 3600 }, 'started'],
      [{ timeSpentSeconds: 3600, started: '2026-11-02T09:00:00.000+0000', comment: 'text' }, 'comment'],
    ];
    for (const [body, field] of cases) {
      const r = await t.call<{ errors: Record<string, string>; errorMessages: string[] }>('POST', `/rest/api/3/issue/${issueKey}/worklog`, { body });
      assert.equal(r.status, 400, JSON.stringify(body));
      // Field rules answer in errors[field]; a value the spec's format rejects (date-time) fails request validation.
      assert.ok(r.json.errors[field] ?? r.json.errorMessages.find((m) => m.includes(field)), `${field} for ${JSON.stringify(body)}`);
    }
    const asString = await t.call('POST', `/rest/api/3/issue/${issueKey}/worklog`, { body: { timeSpentSeconds: 'an hour', started: '2026-11-02T09:00:00.000+0000' } });
    assert.equal(asString.status, 400, 'timeSpentSeconds must be an integer per the spec');
  });

  test('list pages by offset and filters by started; edit and delete respect ownership', async () => {
    const all = await t.call<{ total: number; worklogs: Worklog[]; startAt: number; maxResults: number }>('GET', `/rest/api/3/issue/${issueKey}/worklog`);
    assert.equal(all.json.total, 3);
    assert.equal(all.json.maxResults, 5000);
    const page = await t.call<{ worklogs: Worklog[] }>('GET', `/rest/api/3/issue/${issueKey}/worklog?startAt=1&maxResults=1`);
    assert.equal(page.json.worklogs.length, 1);
    const after3rd = await t.call<{ total: number }>('GET', `/rest/api/3/issue/${issueKey}/worklog?startedAfter=${Date.parse('2026-11-03T00:00:00Z')}`);
    assert.equal(after3rd.json.total, 2);
    const mine = all.json.worklogs.find((w) => w.author.accountId === PEOPLE.specialist.accountId) as Worklog;
    const appOwned = all.json.worklogs.find((w) => w.author.accountId !== PEOPLE.specialist.accountId) as Worklog;
    assert.equal((await t.call('PUT', `/rest/api/3/issue/${issueKey}/worklog/${appOwned.id}`, { as: 'specialist', body: { timeSpentSeconds: 60 } })).status, 403);
    assert.equal((await t.call('PUT', `/rest/api/3/issue/${issueKey}/worklog/${appOwned.id}`, { as: 'manager', body: { timeSpentSeconds: 660 } })).status, 200, 'the project lead edits all worklogs');
    const edit = await t.call<Worklog>('PUT', `/rest/api/3/issue/${issueKey}/worklog/${mine.id}`, { as: 'specialist', body: { timeSpentSeconds: 7200 } });
    assert.equal(edit.status, 200);
    assert.equal(edit.json.timeSpentSeconds, 7200);
    assert.equal((await t.call('DELETE', `/rest/api/3/issue/${issueKey}/worklog/${appOwned.id}`, { as: 'specialist' })).status, 403);
    assert.equal((await t.call('GET', `/rest/api/3/issue/${issueKey}/worklog/${mine.id}`)).status, 200);
  });
});

describe('site-wide feeds', () => {
  test('updated: oldest first, excludes the last minute, until/since chaining, list by ids', async () => {
    t.clock.advance(120_000);
    const since = t.clock.now();
    const issue2 = (await createIssue(t, { project: { key: 'WL' }, issuetype: { name: 'Task' }, summary: 'Feed' })).key;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      const w = await t.call<Worklog>('POST', `/rest/api/3/issue/${issue2}/worklog`, { body: { timeSpentSeconds: 900, started: '2026-11-04T09:00:00.000+0000' } });
      ids.push(w.json.id);
    }
    const fresh = await feed('updated', since);
    assert.equal(fresh.status, 200);
    assert.deepEqual(fresh.json.values, [], 'changes from the last minute are left out');
    assert.equal(fresh.json.lastPage, true);
    t.clock.advance(61_000);
    const settled = await feed('updated', since);
    assert.deepEqual(settled.json.values.map((v) => String(v.worklogId)), ids);
    assert.equal(settled.json.since, since);
    assert.equal(settled.json.until, settled.json.values.at(-1)?.updatedTime);
    assert.equal(settled.json.lastPage, true);
    assert.ok(!('nextPage' in settled.json));
    const next = await feed('updated', settled.json.until);
    assert.deepEqual(next.json.values, [], 'until is exclusive for the next poll');
    const list = await t.call<Worklog[]>('POST', '/rest/api/3/worklog/list', { body: { ids: ids.map(Number) } });
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.map((w) => w.id), ids);
  });

  test('updated feed pages at 1000 with nextPage', async () => {
    const issue3 = (await createIssue(t, { project: { key: 'WL' }, issuetype: { name: 'Task' }, summary: 'Bulk feed' })).key;
    const since = t.clock.now();
    // Seed 1005 worklogs directly in state (through HTTP it would be 1005 round trips).
    const issue = t.site.jira.findIssue(issue3);
    assert.ok(issue);
    for (let i = 0; i < 1005; i++) {
      t.clock.advance(10);
      const now = t.clock.now();
      t.site.jira.addWorklog({ id: t.site.jira.nextId(), issueId: issue.id, authorId: PEOPLE.manager.accountId, updateAuthorId: PEOPLE.manager.accountId, started: '2026-11-05T09:00:00.000+0000', startedMs: Date.parse('2026-11-05T09:00:00Z'), timeSpentSeconds: 60, created: now, updated: now, properties: new Map() });
    }
    t.clock.advance(120_000);
    const p1 = await feed('updated', since);
    assert.equal(p1.json.values.length, 1000);
    assert.equal(p1.json.lastPage, false);
    assert.ok(p1.json.nextPage?.endsWith(`since=${p1.json.until}`));
    const p2 = await t.call<Feed>('GET', new URL(p1.json.nextPage as string).pathname + new URL(p1.json.nextPage as string).search);
    assert.equal(p2.json.values.length, 5);
    assert.equal(p2.json.lastPage, true);
    const tooMany = await t.call('POST', '/rest/api/3/worklog/list', { body: { ids: Array.from({ length: 1001 }, (_, i) => i + 1) } });
    assert.equal(tooMany.status, 400);
    const empty = await t.call('POST', '/rest/api/3/worklog/list', { body: { ids: [] } });
    assert.equal(empty.status, 400);
  });

  test('deleted: a deleted worklog shows up once settled', async () => {
    const since = t.clock.now();
    const w = await t.call<Worklog>('POST', `/rest/api/3/issue/${issueKey}/worklog`, { body: { timeSpentSeconds: 600, started: '2026-11-06T09:00:00.000+0000' } });
    t.clock.advance(5000);
    assert.equal((await t.call('DELETE', `/rest/api/3/issue/${issueKey}/worklog/${w.json.id}`)).status, 204);
    assert.deepEqual((await feed('deleted', since)).json.values, []);
    t.clock.advance(60_001);
    const d = await feed('deleted', since);
    assert.deepEqual(d.json.values.map((v) => String(v.worklogId)), [w.json.id]);
  });

  test('a user without Jira access sees no worklogs', async () => {
    const r = await t.call<Feed>('GET', '/rest/api/3/worklog/updated?since=0', { as: 'writer' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.values, []);
  });
});
