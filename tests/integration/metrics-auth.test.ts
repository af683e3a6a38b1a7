// Issue 4: expired access stops a connection (one reconnect issue, no retries), renewing resumes it,
// one failing source never blocks another client's, and secrets never leave the secret store.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PRINCIPAL_HEADER } from '../../sandbox/core/types';
import type { Sandbox } from '../../sandbox/platform';
import { demoConnection } from '../../sandbox/scenarios/connections';
import type { ConnectionTestResult, ConnectionView } from '../../src/shared/api-metrics';
import { smallAgency, startAgency } from '../helpers/agency';
import { apiCalls, connect, connections, monthRows, syncStatus } from './metrics-helpers';

const scenario = smallAgency({ services: 3 });

interface Issue {
  key: string;
  summary: string;
  status: string;
  assignee: string | null;
  project: string;
}

async function reconnectIssues(sb: Sandbox): Promise<Issue[]> {
  const res = await fetch(`${sb.site.baseUrl}/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { [PRINCIPAL_HEADER]: 'app', 'content-type': 'application/json' },
    body: JSON.stringify({ jql: 'labels = retainer-reconnect ORDER BY key ASC', fields: ['summary', 'status', 'assignee', 'project'], maxResults: 50 }),
  });
  const body = (await res.json()) as { issues?: Array<{ key: string; fields: { summary: string; status: { statusCategory: { key: string } }; assignee?: { accountId: string } | null; project: { key: string } } }> };
  return (body.issues ?? []).map((i) => ({ key: i.key, summary: i.fields.summary, status: i.fields.status.statusCategory.key, assignee: i.fields.assignee?.accountId ?? null, project: i.fields.project.key }));
}

/** Calls a resolver and keeps the raw response text, to look for leaked secrets later. */
async function call<T>(sb: Sandbox, seen: string[], accountId: string, key: string, payload: unknown, moduleKey = 'retainer-admin-page'): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }> {
  const r = await sb.invokeResolver(moduleKey, key, payload, { accountId });
  seen.push(JSON.stringify(r.value ?? null));
  return r.value as { ok: boolean; data?: T; error?: { code: string; message: string } };
}

describe('metrics access and isolation', () => {
  test('should mark expired access, open one reconnect issue, stop retrying, and resume and close it once renewed', async () => {
    const sb = await startAgency(scenario);
    const responses: string[] = [];
    try {
      const [direct] = await connect(sb, 'sv-t1', ['yandex-direct']);
      const [ads] = await connect(sb, 'sv-t2', ['google-ads', 'ga4']);
      await sb.drain();
      assert.ok(direct && ads);

      // The Direct token expires (Yandex answers error 53; there is no refresh token to try).
      sb.fakes.control.expireToken(direct.spec.credentials.accessToken as string);
      sb.clock.advanceTo(Date.parse('2026-10-31T06:00:00Z'));
      await sb.fireScheduled('daily-planner');
      let view = (await connections(sb, 'sv-t1'))[0] as ConnectionView;
      assert.equal(view.status, 'auth-expired');
      assert.match(view.statusReason ?? '', /expired/i);
      let issues = await reconnectIssues(sb);
      assert.equal(issues.length, 1);
      assert.equal(issues[0]?.summary, 'Reconnect Yandex Direct for Test Client 1');
      assert.equal(issues[0]?.status, 'new');
      assert.equal(issues[0]?.assignee, 'u-man-b');
      assert.equal(view.alertIssueKey, issues[0]?.key);
      const note = sb.site.jira.notifications.find((n) => n.subject.startsWith('Reconnect Yandex Direct'));
      assert.deepEqual([...(note?.recipients ?? [])].sort(), ['u-admin', 'u-man-b']);

      // No more retries: later planner runs leave the expired connection alone; the other client syncs on.
      const directCalls = apiCalls(sb)['yandex-direct'] ?? 0;
      const adsCalls = apiCalls(sb)['google-ads'] ?? 0;
      sb.clock.advanceTo(Date.parse('2026-11-01T06:00:00Z'));
      await sb.fireScheduled('daily-planner');
      await sb.fireScheduled('daily-planner');
      assert.equal(apiCalls(sb)['yandex-direct'] ?? 0, directCalls);
      assert.ok((apiCalls(sb)['google-ads'] ?? 0) > adsCalls);
      assert.equal((await reconnectIssues(sb)).length, 1, 'one issue per expiry');
      const runNow = await call<{ queued: number }>(sb, responses, 'u-man-b', 'sync/runNow', { serviceId: 'sv-t1' }, 'retainer-project-page');
      assert.equal(runNow.data?.queued, 0);

      // Managers see the status of their services but not credentials, and cannot change them.
      const asManager = await call<ConnectionView[]>(sb, responses, 'u-man-b', 'connections/list', { serviceId: 'sv-t1' }, 'retainer-project-page');
      assert.equal(asManager.data?.[0]?.status, 'auth-expired');
      assert.equal(asManager.data?.[0]?.credentialFields, null);
      const denied = await call(sb, responses, 'u-man-b', 'connections/save', { id: direct.id, serviceId: 'sv-t1', source: 'yandex-direct', account: { accountId: direct.spec.accountId }, credentials: { accessToken: 'y0_sneaky' } });
      assert.equal(denied.error?.code, 'FORBIDDEN');
      const other = await call(sb, responses, 'g-client0', 'sync/status', { serviceId: 'sv-t1' }, 'retainer-project-page');
      assert.equal(other.error?.code, 'FORBIDDEN');
      // Incomplete credentials or a made-up time zone are refused with field errors, and nothing is written.
      const before = (await connections(sb)).length;
      const incomplete = (await call(sb, responses, 'u-admin', 'connections/save', { serviceId: 'sv-t2', source: 'search-console', account: { accountId: 'sc-domain:x.example' }, credentials: { clientId: 'only-this' } })) as { error?: { code: string; fields?: Record<string, string> } };
      assert.equal(incomplete.error?.code, 'VALIDATION');
      assert.ok(incomplete.error?.fields?.['credentials.refreshToken'] && incomplete.error.fields['credentials.clientSecret']);
      const badZone = (await call(sb, responses, 'u-admin', 'connections/save', { serviceId: 'sv-t2', source: 'ga4', account: { accountId: '123', timeZone: 'Mars/Olympus' }, credentials: { refreshToken: 'r', clientId: 'c', clientSecret: 's' } })) as { error?: { code: string; fields?: Record<string, string> } };
      assert.ok(badZone.error?.fields?.['account.timeZone']);
      assert.equal((await connections(sb)).length, before);

      // The admin renews the token: sync resumes (the missed days included) and the issue closes.
      const saved = await call<ConnectionView>(sb, responses, 'u-admin', 'connections/save', { id: direct.id, serviceId: 'sv-t1', source: 'yandex-direct', account: { accountId: direct.spec.accountId }, credentials: { accessToken: 'y0_renewed-direct-token' } });
      assert.equal(saved.data?.status, 'active');
      assert.deepEqual(saved.data?.credentialFields, ['accessToken']);
      await sb.drain();
      view = (await connections(sb, 'sv-t1'))[0] as ConnectionView;
      assert.equal(view.status, 'active');
      assert.equal(view.lastRun?.outcome, 'ok');
      assert.equal(view.syncedThrough, '2026-11-01');
      assert.ok((await monthRows(sb, 'sv-t1', '2026-10')).some((r) => r.date === '2026-10-31'), 'the missed day was pulled');
      issues = await reconnectIssues(sb);
      assert.equal(issues.length, 1);
      assert.equal(issues[0]?.status, 'done');
      assert.equal(view.alertIssueKey, null);
      const tested = await call<ConnectionTestResult>(sb, responses, 'u-admin', 'connections/test', { id: ads.id });
      assert.equal(tested.data?.ok, true);
      assert.ok(tested.data?.account?.currency);

      // Secrets: never in a resolver response, a log line, or a plain KVS value.
      responses.push(JSON.stringify(await connections(sb)));
      responses.push(JSON.stringify(await syncStatus(sb, 'sv-t2')));
      const secrets = [
        ...Object.values(direct.spec.credentials),
        ...Object.values(ads.spec.credentials),
        'y0_renewed-direct-token',
        'y0_sneaky',
      ];
      const plain = JSON.stringify({ keys: sb.kvs.snapshot().keys, entities: sb.kvs.snapshot().entities });
      const logs = sb.runtime.logs.map((l) => l.text).join('\n');
      // Access tokens the fake OAuth server issued (and the app cached as secrets).
      const issuedToken = /ya29\.fake-[0-9a-z]+/;
      for (const s of secrets) {
        for (const [where, text] of [['resolver responses', responses.join('\n')], ['logs', logs], ['plain KVS', plain]] as const) {
          assert.ok(!text.includes(s), `secret ${s.slice(0, 6)}… found in ${where}`);
        }
      }
      assert.ok(!issuedToken.test(plain) && !issuedToken.test(logs) && !issuedToken.test(responses.join('\n')), 'no issued access token outside the secret store');
      assert.ok(sb.kvs.snapshot().secrets.some((k) => k.startsWith('metrics-token:')), 'refreshed access tokens are cached as secrets');
    } finally {
      await sb.close();
    }
  });

  test('should keep syncing other clients while one source fails and another lost its access', async () => {
    const sb = await startAgency(scenario);
    try {
      // Direct answers server errors for a while (the connector retries 4 times in the call, then the
      // queue retries the unit); the Search Console grant of a third client is revoked outright.
      sb.apiFaults.force((_m, p) => p.includes('api.direct.yandex.com'), { kind: 'unavailable', delayMs: 0, status: 500 }, 4);
      const gsc = demoConnection('sv-t0', 'search-console', 'UAH');
      sb.fakes.control.revokeToken(gsc.credentials.refreshToken as string);
      await connect(sb, 'sv-t1', ['yandex-direct']);
      await connect(sb, 'sv-t2', ['google-ads']);
      await connect(sb, 'sv-t0', ['search-console']);
      await sb.drain();
      const [direct, ads, search] = [(await syncStatus(sb, 'sv-t1')).sources[0], (await syncStatus(sb, 'sv-t2')).sources[0], (await syncStatus(sb, 'sv-t0')).sources[0]];
      assert.ok(ads?.lastSuccess && direct?.lastSuccess && direct.lastError);
      assert.ok(ads.lastSuccess.at < direct.lastSuccess.at, 'Google Ads finished while Direct was still failing');
      assert.match(direct.lastError.message ?? '', /500|server/i);
      assert.equal(direct.connections[0]?.status, 'active', 'a transient failure is retried, not flagged');
      assert.equal(search?.connections[0]?.status, 'revoked');
      assert.equal(search?.lastError?.outcome, 'auth-expired');
      assert.ok((await monthRows(sb, 'sv-t2', '2026-10')).length > 0);
      assert.ok((await monthRows(sb, 'sv-t1', '2026-10')).length > 0);
      assert.deepEqual(await monthRows(sb, 'sv-t0', '2026-10'), []);
      assert.equal((await reconnectIssues(sb)).length, 1);
    } finally {
      await sb.close();
    }
  });
});
