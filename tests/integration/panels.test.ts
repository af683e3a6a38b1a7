// The issue panel snapshot end to end in the sandbox: computed by the planner, refreshed after a payment
// and a KPI change, read in at most two KVS reads and no Jira call, cut per persona, prepared on first
// load, and unchanged by a duplicate refresh delivery.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Sandbox } from '../../sandbox/platform';
import type { InvocationRecord } from '../../sandbox/runtime/runtime';
import { callAs } from '../../sandbox/scenarios/runner';
import type { IssuePanelResult } from '../../src/shared/api';
import { smallAgency, startAgency } from '../helpers/agency';
import { pushAndDrain } from './kpi-helpers';
import { ok, requestId } from './money-kit';

const scenario = smallAgency({ services: 3 });
let sb: Sandbox;
let projectKey = '';

interface Load {
  result: IssuePanelResult;
  reads: number;
  writes: number;
  jira: number;
  record: InvocationRecord;
}

const isRead = (path: string): boolean => /get|query/.test(path);

async function load(accountId: string | null, key = projectKey, moduleKey = 'retainer-issue-panel'): Promise<Load> {
  const r = await sb.invokeResolver(moduleKey, 'panel/issue', {}, { accountId, extension: { project: { key }, issue: { key: `${key}-1` } } });
  assert.equal(r.record.outcome, 'ok', r.record.error);
  const env = r.value as { ok: boolean; data?: IssuePanelResult; error?: { code: string } };
  const kvs = Object.entries(r.record.counters.kvs);
  return {
    result: env.ok ? (env.data as IssuePanelResult) : (assert.fail(`panel/issue failed: ${env.error?.code}`) as never),
    reads: kvs.filter(([p]) => isRead(p)).reduce((x, [, n]) => x + n, 0),
    writes: kvs.filter(([p]) => !isRead(p)).reduce((x, [, n]) => x + n, 0),
    jira: Object.values(r.record.counters.product).reduce((x, n) => x + n, 0),
    record: r.record,
  };
}

function ready(r: IssuePanelResult): Extract<IssuePanelResult, { state: 'ready' }> {
  assert.ok(r && r.state === 'ready', `expected a ready panel, got ${JSON.stringify(r)}`);
  return r;
}

const storedKeys = (prefix: string): string[] => Object.keys(sb.kvs.snapshot().keys).filter((k) => k.startsWith(prefix));
const stored = (key: string): Record<string, unknown> | undefined => sb.kvs.snapshot().keys[key] as Record<string, unknown> | undefined;

describe('issue panel snapshots', () => {
  before(async () => {
    sb = await startAgency(scenario);
    await sb.runUntil(new Date('2026-11-02T12:00:00Z'));
    const s = await callAs<{ service: { jiraProjectKey: string } }>(sb, 'u-admin', 'services/get', { serviceId: 'sv-t0' });
    projectKey = s.service.jiraProjectKey;
  });
  after(async () => {
    await sb?.close();
  });

  test('should have a snapshot for every set-up service after the planners ran', () => {
    const keys = storedKeys('panel:snapshot:');
    assert.equal(keys.length, 3);
    assert.ok(keys.includes(`panel:snapshot:${projectKey}`));
  });

  test('should load with at most 2 KVS reads, no writes and no Jira call', async () => {
    for (const who of ['u-man-a', 'u-seo', 'u-head', 'u-admin', 'u-man-b']) {
      const l = await load(who);
      assert.ok(l.reads <= 2, `${who}: ${l.reads} reads`);
      assert.equal(l.writes, 0, who);
      assert.equal(l.jira, 0, who);
    }
  });

  test('should show money to the manager, head and admin, hide it from the specialist, and show nothing to others', async () => {
    const manager = ready((await load('u-man-a')).result);
    assert.equal(manager.clientName, 'Test Client 0');
    assert.equal(manager.serviceId, 'sv-t0');
    assert.ok(manager.money, 'manager sees money');
    assert.equal(manager.money.monthlyFee, '10000.00');
    assert.equal(manager.projectPageUrl, `/jira/projects/${projectKey}/apps/retainer-project-page`);
    assert.ok(ready((await load('u-head')).result).money);
    assert.ok(ready((await load('u-admin')).result).money);
    const specialist = ready((await load('u-seo')).result);
    assert.equal(specialist.money, null);
    assert.equal(specialist.alerts.some((a) => a.source === 'money' && a.type !== 'ads-stopped'), false);
    assert.ok(!JSON.stringify(specialist).includes('10000.00'));
    // Manager B runs other services; the client guest and an unknown person have no Jira access to it.
    assert.equal((await load('u-man-b')).result, null);
    assert.equal((await load('g-client0')).result, null);
    assert.equal((await load('u-nobody')).result, null);
    // Anonymous callers are refused by the resolver layer.
    const anon = await sb.invokeResolver('retainer-issue-panel', 'panel/issue', {}, { accountId: null, extension: { project: { key: projectKey } } });
    assert.equal((anon.value as { ok: boolean; error: { code: string } }).error.code, 'FORBIDDEN');
  });

  test('should hide money from the manager once the agency limits it to heads', async () => {
    const agency = await callAs<Record<string, unknown>>(sb, 'u-admin', 'agency/get', {});
    await callAs(sb, 'u-admin', 'agency/save', { ...agency, moneyVisibility: 'head-admin' });
    try {
      assert.equal(ready((await load('u-man-a')).result).money, null);
      assert.ok(ready((await load('u-head')).result).money);
    } finally {
      await callAs(sb, 'u-admin', 'agency/save', { ...agency, moneyVisibility: 'manager-head-admin' });
    }
  });

  test('should refresh the snapshot after a payment (coalesced per minute)', async () => {
    const before = ready((await load('u-man-a')).result);
    assert.ok(before.money?.prepaid, 'sv-t0 is prepaid');
    const wallet = Number(before.money.walletBalance);
    const queuedBefore = storedKeys('panel:queued:sv-t0:').length;
    for (const amount of ['1000.00', '234.50', '0.50']) {
      await ok(sb, 'u-man-a', 'money/payments/register', { serviceId: 'sv-t0', requestId: requestId('panel'), amount, date: '2026-11-02', account: 'wallet' });
    }
    // Three payments within the minute: one refresh queued.
    assert.equal(storedKeys('panel:queued:sv-t0:').length - queuedBefore, 1);
    // The snapshot is not recomputed on the spot…
    assert.equal(ready((await load('u-man-a')).result).money?.walletBalance, before.money.walletBalance);
    await sb.drain();
    const after = ready((await load('u-man-a')).result);
    assert.equal(Number(after.money?.walletBalance), wallet + 1235);
    assert.ok(after.computedAt > before.computedAt);
  });

  test('should refresh the snapshot after a KPI target change', async () => {
    const before = ready((await load('u-admin')).result);
    const kpi = before.kpis.find((k) => k.unit === 'count' || k.unit === 'position') ?? before.kpis[0];
    assert.ok(kpi, `sv-t0 has KPIs: ${JSON.stringify(before.kpis.map((k) => k.id))}`);
    const target = kpi.unit === 'position' ? 3 : 4321;
    await callAs(sb, 'u-head', 'kpi/targets/set', { serviceId: 'sv-t0', month: before.month, values: { [kpi.id]: target } });
    await sb.drain();
    const after = ready((await load('u-admin')).result);
    assert.equal(after.kpis.find((k) => k.id === kpi.id)?.target, target);
  });

  test('should answer "preparing" for a missing snapshot, queue it once, and be ready after the job', async () => {
    await sb.kvs.handle('/api/v1/delete', { key: `panel:snapshot:${projectKey}` });
    const first = await load('u-seo');
    assert.deepEqual(first.result, { state: 'preparing' });
    assert.ok(first.reads <= 2, `${first.reads} reads`);
    assert.equal(first.jira, 0);
    const again = await load('u-man-a');
    assert.deepEqual(again.result, { state: 'preparing' });
    assert.equal(storedKeys(`panel:first:${projectKey}:`).length, 1, 'one first-load refresh per minute');
    await sb.drain();
    assert.equal(ready((await load('u-seo')).result).money, null);
  });

  test('should remember a project that is not a service and answer null', async () => {
    assert.deepEqual((await load('u-admin', 'NOTSVC')).result, { state: 'preparing' });
    await sb.drain();
    const l = await load('u-admin', 'NOTSVC');
    assert.equal(l.result, null);
    assert.ok(l.reads <= 2);
    assert.equal(stored('panel:snapshot:NOTSVC')?.kind, 'none');
    // A key the browser made up is refused without any KVS work.
    const bad = await load('u-admin', 'bad key; x');
    assert.equal(bad.result, null);
    assert.equal(bad.reads + bad.writes, 0);
  });

  test('should write the same snapshot again on a duplicate refresh delivery', async () => {
    const key = `panel:snapshot:${projectKey}`;
    const msg = { kind: 'panel-refresh', serviceIds: ['sv-t0'], reason: 'test' };
    await pushAndDrain(sb, [msg]);
    const once = { ...stored(key), computedAt: '' };
    await pushAndDrain(sb, [msg, msg]);
    const twice = { ...stored(key), computedAt: '' };
    assert.deepEqual(twice, once);
    assert.equal(storedKeys('panel:snapshot:').length, 4, 'three services and the remembered non-service');
  });

  test('should stop showing the panel to a specialist taken off the team once the service is saved', async () => {
    assert.ok(ready((await load('u-seo')).result));
    const { service } = await callAs<{ service: Record<string, unknown> & { team: Record<string, string[]> } }>(sb, 'u-admin', 'services/get', { serviceId: 'sv-t0' });
    const team = Object.fromEntries(Object.entries(service.team).map(([role, ids]) => [role, ids.filter((id) => id !== 'u-seo')]));
    const { jiraProjectKey: _k, createdAt: _c, updatedAt: _u, ...input } = service;
    await callAs(sb, 'u-admin', 'services/save', { ...input, team });
    await sb.drain();
    assert.equal((await load('u-seo')).result, null);
    assert.ok(ready((await load('u-man-a')).result));
  });
});
