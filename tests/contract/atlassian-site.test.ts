// Contract tests of the site itself: fault injection, spec checks of requests (per-product error
// shapes) and responses (strict mode), unknown paths, in-process parity, determinism of snapshots.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_PROFILES, FaultInjector } from '../../sandbox/core/faults';
import { createSpecValidator } from '../../sandbox/atlassian/openapi/index';
import { adf, createProject, PEOPLE, setupSite, type TestSite } from '../../sandbox/atlassian/test-kit';

let t: TestSite;
const faults = new FaultInjector();

before(async () => {
  t = await setupSite({ faults });
  await createProject(t, 'SITE');
});

after(async () => {
  await t.close();
  assert.deepEqual(t.responseViolations().map((e) => `${e.method} ${e.path}: ${e.specViolations?.join('; ')}`), []);
});

describe('faults', () => {
  test('a forced 429 carries Retry-After, X-RateLimit-Reset, RateLimit-Reason and an ErrorCollection; the retry succeeds', async () => {
    faults.force((m, p) => m === 'GET' && p === '/rest/api/3/myself', { kind: 'rate-limit', delayMs: 0, retryAfterSeconds: 2 });
    const limited = await t.call<{ errorMessages: string[]; errors: object }>('GET', '/rest/api/3/myself');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.match(limited.headers.get('x-ratelimit-reset') ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    assert.equal(limited.headers.get('ratelimit-reason'), 'jira-burst-based');
    assert.ok(Array.isArray(limited.json.errorMessages));
    assert.equal((await t.call('GET', '/rest/api/3/myself')).status, 200);
    const entry = t.site.log.entries.find((e) => e.fault === 'rate-limit');
    assert.equal(entry?.status, 429);
    assert.equal(entry?.service, 'jira');
    assert.equal(entry?.operation, 'getCurrentUser');
  });

  test('503 with Retry-After in each product shape; 500 without', async () => {
    faults.force((_m, p) => p.startsWith('/wiki/api/v2/'), { kind: 'unavailable', delayMs: 0, status: 503, retryAfterSeconds: 3 });
    const v2 = await t.call<{ errors: Array<{ status: number; code: string; title: string; detail: null }> }>('GET', '/wiki/api/v2/spaces');
    assert.equal(v2.status, 503);
    assert.equal(v2.headers.get('retry-after'), '3');
    assert.equal(v2.json.errors[0]?.code, 'SERVICE_UNAVAILABLE');
    faults.force((_m, p) => p.startsWith('/wiki/rest/api/'), { kind: 'unavailable', delayMs: 0, status: 500 });
    const v1 = await t.call<{ statusCode: number; data: { successful: boolean }; message: string }>('POST', '/wiki/rest/api/space', { body: { key: 'X', name: 'X' } });
    assert.equal(v1.status, 500);
    assert.equal(v1.headers.get('retry-after'), null);
    assert.equal(v1.json.statusCode, 500);
    assert.equal(v1.json.data.successful, false);
    faults.force((_m, p) => p.startsWith('/wiki/'), { kind: 'rate-limit', delayMs: 0, retryAfterSeconds: 1 });
    const c429 = await t.call('GET', '/wiki/api/v2/spaces');
    assert.equal(c429.status, 429);
    assert.ok(c429.headers.get('ratelimit-reason'));
  });

  test('a fault profile: a retrying client sees 429s with Retry-After, then always gets through', async () => {
    faults.setProfile(FAULT_PROFILES.storm, 'site-test');
    try {
      let limited = 0;
      let failed = 0;
      for (let i = 0; i < 30; i++) {
        for (let attempt = 0; ; attempt++) {
          const r = await t.call('GET', '/rest/api/3/project/SITE');
          if (r.status === 200) break;
          if (r.status === 429) {
            limited++;
            assert.ok(Number(r.headers.get('retry-after')) >= 1);
            assert.equal(r.headers.get('ratelimit-reason'), 'jira-burst-based');
          } else {
            failed++;
            assert.ok(r.status === 503 || r.status === 500);
          }
          assert.ok(attempt < 3, 'neverTwiceInARow lets the retry through');
        }
      }
      assert.ok(limited > 0, 'the storm profile rate-limits some calls');
      assert.ok(failed > 0, 'and fails some with 5xx');
    } finally {
      faults.setProfile(FAULT_PROFILES.clean);
    }
  });

  test('latency is injected before the answer', async () => {
    faults.force((_m, p) => p === '/rest/api/3/myself', { kind: 'none', delayMs: 120 });
    const t0 = performance.now();
    assert.equal((await t.call('GET', '/rest/api/3/myself')).status, 200);
    assert.ok(performance.now() - t0 >= 110);
  });
});

describe('spec checks', () => {
  test('spec-invalid requests are rejected in each product’s error shape and logged', async () => {
    const before = t.site.requestViolations().length;
    const jira = await t.call<{ errorMessages: string[]; errors: object }>('POST', '/rest/api/3/worklog/list', { body: { ids: ['one'] } });
    assert.equal(jira.status, 400);
    assert.match(jira.json.errorMessages.join(' '), /ids/);
    const v2 = await t.call<{ errors: Array<{ status: number; code: string; title: string; detail: null }> }>('GET', '/wiki/api/v2/pages/not-a-number');
    assert.equal(v2.status, 400);
    assert.equal(v2.json.errors[0]?.status, 400);
    assert.equal(v2.json.errors[0]?.code, 'INVALID_REQUEST_PARAMETER');
    const v1 = await t.call<{ statusCode: number; data: { valid: boolean; errors: Array<{ message: { translation: string } }> }; message: string }>('POST', '/wiki/rest/api/space', {
      body: { name: 'No key' },
    });
    assert.equal(v1.status, 400);
    assert.equal(v1.json.statusCode, 400);
    assert.equal(v1.json.data.valid, false);
    assert.match(v1.json.message, /key/);
    const missingParam = await t.call('GET', '/rest/api/3/issuetype/project');
    assert.equal(missingParam.status, 400, 'a required query parameter is missing');
    const wrongType = await t.call('POST', '/rest/api/3/issue', { rawBody: 'summary=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(wrongType.status, 415);
    const logged = t.site.requestViolations().slice(before);
    assert.equal(logged.length, 5);
    assert.ok(logged.every((e) => e.specViolations?.every((v) => v.startsWith('request'))));
  });

  test('unknown paths → 404, wrong method → 405 with Allow, documented but not emulated → 501', async () => {
    const unknown = await t.call<{ errorMessages: string[] }>('GET', '/rest/api/3/no/such/thing');
    assert.equal(unknown.status, 404);
    assert.ok(unknown.json.errorMessages.length > 0);
    const method = await t.call('PATCH', '/rest/api/3/issue/SITE-1');
    assert.equal(method.status, 405);
    assert.match(method.headers.get('allow') ?? '', /GET/);
    const notEmulated = await t.call('GET', '/rest/api/3/dashboard');
    assert.equal(notEmulated.status, 501);
    const outside = await t.call('GET', '/nothing-here');
    assert.equal(outside.status, 404);
  });

  test('strict mode turns an emulator response that breaks the spec into a loud 500; non-strict logs it', async () => {
    const bad = (): { status: number; body: unknown } => ({ status: 200, body: { baseUrl: 42, unexpected: true } });
    t.site.jiraModule.router.get('/rest/api/3/serverInfo', bad);
    const r = await t.call<{ errorMessages: string[] }>('GET', '/rest/api/3/serverInfo');
    assert.equal(r.status, 500);
    assert.match(r.json.errorMessages[0] ?? '', /\[sandbox strict\].*getServerInfo/);
    const entry = t.site.responseViolations().at(-1);
    assert.equal(entry?.operation, 'getServerInfo');
    // Remove it from the log so the file-level "no response violations" check stays meaningful.
    t.site.log.entries.splice(t.site.log.entries.indexOf(entry as (typeof t.site.log.entries)[number]), 1);

    const lax = await setupSite({ strict: false });
    try {
      lax.site.jiraModule.router.get('/rest/api/3/serverInfo', bad);
      const passed = await lax.call('GET', '/rest/api/3/serverInfo');
      assert.equal(passed.status, 200);
      assert.equal(lax.responseViolations().length, 1);
    } finally {
      await lax.close();
    }
  });

  test('handle() in-process gives what HTTP gives', async () => {
    const viaHttp = await t.call('GET', '/rest/api/3/project/SITE', { as: 'manager' });
    const inProc = await t.site.handle({ method: 'GET', path: '/rest/api/3/project/SITE', headers: { 'x-sandbox-principal': `user:${PEOPLE.manager.accountId}` } });
    assert.equal(inProc.status, viaHttp.status);
    assert.deepEqual(JSON.parse(inProc.body.toString('utf8')), viaHttp.json);
    assert.equal(inProc.headers['x-aaccountid'], PEOPLE.manager.accountId);
  });

  test('every request is logged with service, operationId and principal', async () => {
    const e = t.site.log.entries.find((x) => x.operation === 'createProject');
    assert.equal(e?.service, 'jira');
    assert.equal(e?.principal, 'app');
    assert.equal(e?.status, 201);
  });

  test('validation of a compiled operation costs well under 1 ms', () => {
    const v = createSpecValidator('jira');
    const op = v.findOperation('GET', '/rest/api/3/issue/SITE-1');
    assert.ok(op);
    const body = { id: '10001', key: 'SITE-1', self: 'http://127.0.0.1:1/rest/api/3/issue/10001', fields: { summary: 'x', labels: ['a'] } };
    v.validateResponse(op, 200, 'application/json', body);
    v.validateRequest(op, { query: new URLSearchParams('fields=summary,labels&properties=a') });
    const n = 2000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      v.findOperation('GET', '/rest/api/3/issue/SITE-1');
      v.validateRequest(op, { query: new URLSearchParams('fields=summary,labels&properties=a') });
      v.validateResponse(op, 200, 'application/json', body);
    }
    const perCall = (performance.now() - t0) / n;
    assert.ok(perCall < 0.5, `${perCall.toFixed(3)} ms per request`);
  });
});

describe('snapshots', () => {
  /** A small agency month: project, epic + tasks in bulk, properties, worklogs, a transition, a space and a page. */
  async function scenario(s: TestSite): Promise<void> {
    const send = async (method: string, path: string, body?: unknown, as: 'app' | 'specialist' = 'app'): Promise<{ status: number; json: unknown }> => {
      // A client that honours Retry-After (without sleeping: the test clock does not need it).
      for (let attempt = 0; attempt < 10; attempt++) {
        const r = await s.call(method, path, { body, as });
        if (r.status !== 429 && r.status !== 503 && r.status !== 500) return r;
      }
      throw new Error(`${method} ${path}: gave up`);
    };
    await send('POST', '/rest/api/3/project', { key: 'SNAP', name: 'Snapshot Client', leadAccountId: PEOPLE.manager.accountId, projectTypeKey: 'software' });
    await send('PUT', '/rest/api/3/project/SNAP/properties/retainer.service', { serviceId: 'svc-1', fee: '150000' });
    const epic = (await send('POST', '/rest/api/3/issue', { fields: { project: { key: 'SNAP' }, issuetype: { name: 'Epic' }, summary: 'November 2026' } })).json as { key: string };
    const bulk = (await send('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: ['Audit', 'Report', 'Ads check'].map((summary, i) => ({
        fields: { project: { key: 'SNAP' }, issuetype: { name: 'Task' }, summary, parent: { key: epic.key }, labels: ['retainer'], assignee: { accountId: PEOPLE.specialist.accountId }, timetracking: { originalEstimate: `${i + 1}h` } },
        properties: [{ key: 'app.sourceRef', value: `tpl-${i}` }],
      })),
    })).json as { issues: Array<{ key: string }> };
    for (const [i, issue] of bulk.issues.entries()) {
      await send('POST', `/rest/api/3/issue/${issue.key}/worklog`, { timeSpentSeconds: 1800 * (i + 1), started: '2026-11-03T10:00:00.000+0000', comment: adf('work') }, 'specialist');
    }
    await send('POST', `/rest/api/3/issue/${bulk.issues[0]?.key}/transitions`, { transition: { id: '31' } });
    await send('POST', `/rest/api/3/issue/${bulk.issues[1]?.key}/comment`, { body: adf('Client approved') });
    const space = (await send('POST', '/wiki/api/v2/spaces', { name: 'Snapshot Client', key: 'SNAP' })).json as { id?: string };
    if (space.id) {
      await send('POST', '/wiki/api/v2/pages', { spaceId: space.id, status: 'current', title: 'November report', body: { representation: 'storage', value: '<p>Hours: 3</p>' } });
    }
  }

  test('a clean run and a run under a fault storm end in the same state', async () => {
    const clean = await setupSite();
    const stormy = await setupSite({ faults: new FaultInjector(FAULT_PROFILES.storm, 'snapshot') });
    try {
      await scenario(clean);
      await scenario(stormy);
      assert.ok(stormy.site.faults.counts.rateLimited + stormy.site.faults.counts.unavailable > 0, 'the storm injected faults');
      const a = clean.site.snapshot();
      const b = stormy.site.snapshot();
      assert.deepEqual(b, a);
      const jira = a.jira as { issues: Array<{ key: string; worklogs: unknown[] }> };
      assert.equal(jira.issues.length, 4);
      assert.equal(JSON.stringify(a), JSON.stringify(clean.site.snapshot()), 'snapshots are stable across calls');
      assert.deepEqual(clean.responseViolations(), []);
      assert.deepEqual(stormy.responseViolations(), []);
    } finally {
      await clean.close();
      await stormy.close();
    }
  });
});
