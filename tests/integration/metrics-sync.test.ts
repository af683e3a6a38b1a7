// Issue 4: metrics sync through the real handlers, the sandbox queue and the fake APIs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callAs } from '../../sandbox/scenarios/runner';
import type { Sandbox } from '../../sandbox/platform';
import type { ServiceMonthMetrics } from '../../src/shared/api-metrics';
import { smallAgency, startAgency } from '../helpers/agency';
import { apiCalls, connect, connections, duplicates, identity, monthRows, syncStatus } from './metrics-helpers';

// Oct 30 2026: services sv-t0 (seo), sv-t1 (yandex-direct), sv-t2 (google-ads) exist and are set up.
const scenario = smallAgency({ services: 3 });

function kvsReadsOf(sb: Sandbox, fromRecord: number): number {
  const r = sb.runtime.records.slice(fromRecord).find((x) => x.kind === 'resolver');
  return Object.entries(r?.counters.kvs ?? {})
    .filter(([path]) => /get|query/.test(path))
    .reduce((n, [, v]) => n + v, 0);
}

describe('metrics sync', () => {
  test('should sync a service with three sources for a month and read it back in a few storage reads', async () => {
    const sb = await startAgency(scenario);
    try {
      await connect(sb, 'sv-t2', ['google-ads', 'ga4', 'search-console']);
      await sb.drain();
      const rows = await monthRows(sb, 'sv-t2', '2026-10');
      assert.deepEqual(duplicates(rows), []);
      const bySource = (s: string): typeof rows => rows.filter((r) => r.source === s);
      // Ads and analytics: one account total per day 1..30 (quiet days zero-filled), plus the detail rows.
      for (const s of ['google-ads', 'ga4']) {
        const days = new Set(bySource(s).filter((r) => r.dimension.kind === 'account').map((r) => r.date));
        assert.equal(days.size, 30, `${s} has a total for every day up to today`);
      }
      assert.ok(bySource('google-ads').some((r) => r.dimension.kind === 'campaign' && r.costMicros !== null && /^\d+$/.test(r.costMicros)));
      assert.ok(bySource('ga4').some((r) => r.dimension.kind === 'channel' && r.organicSessions !== null));
      // Search Console reports final days only (Pacific time, a few days late), never zero-filled.
      const gscDays = [...new Set(bySource('search-console').map((r) => r.date))].sort();
      assert.ok(gscDays.length >= 20 && gscDays.length < 30, `GSC days: ${gscDays.length}`);
      assert.ok(bySource('search-console').every((r) => r.clicks !== null && r.avgPosition !== null));

      const status = await syncStatus(sb, 'sv-t2', 'u-man-a');
      assert.deepEqual(status.sources.map((s) => s.source), ['ga4', 'google-ads', 'search-console']);
      for (const s of status.sources) {
        assert.equal(s.backfill.state, 'done');
        assert.ok(s.lastSuccessAt && s.rows > 0 && s.monthRows > 0 && s.lastError === null, JSON.stringify(s));
      }

      // A month of the service: the summary and every source's rows in a handful of reads.
      const from = sb.runtime.records.length;
      const month = await callAs<ServiceMonthMetrics>(sb, 'u-man-a', 'metrics/month', { serviceId: 'sv-t2', month: '2026-10', rows: true }, 'retainer-project-page');
      assert.equal(month.rows?.length, rows.length);
      assert.ok(month.bySource['google-ads']?.aggregate.costMicros);
      const metricReads = Object.entries(sb.runtime.records.slice(from).find((x) => x.kind === 'resolver')?.counters.kvs ?? {});
      assert.ok(kvsReadsOf(sb, from) <= 8, `reads for a month: ${JSON.stringify(metricReads)}`);
      assert.equal(sb.meter().specViolations, 0);
    } finally {
      await sb.close();
    }
  });

  test('should replace re-pulled days instead of adding them again', async () => {
    const sb = await startAgency(scenario);
    try {
      const [ads] = await connect(sb, 'sv-t2', ['google-ads']);
      await sb.drain();
      const before = await monthRows(sb, 'sv-t2', '2026-10');
      // The daily planner (twice: a duplicate fire), a manual run, then the next day's run.
      await sb.fireScheduled('daily-planner');
      await sb.fireScheduled('daily-planner');
      await callAs(sb, 'u-man-a', 'sync/runNow', { serviceId: 'sv-t2' }, 'retainer-project-page');
      await sb.drain();
      const again = await monthRows(sb, 'sv-t2', '2026-10');
      assert.deepEqual(duplicates(again), []);
      assert.deepEqual(again.map(identity).sort(), before.map(identity).sort());
      assert.deepEqual(again, before, 'the fakes are deterministic: a re-pull stores the same rows');
      await sb.runUntil(new Date('2026-11-01T12:00:00Z'));
      const oct = await monthRows(sb, 'sv-t2', '2026-10');
      const nov = await monthRows(sb, 'sv-t2', '2026-11');
      assert.deepEqual(duplicates([...oct, ...nov]), []);
      assert.equal(new Set(oct.filter((r) => r.dimension.kind === 'account').map((r) => r.date)).size, 31, 'October complete after the month ended');
      assert.ok(nov.some((r) => r.date === '2026-11-01'));
      // sv-t2 has a prepaid ad budget: its Google Ads spend was also refreshed by the hourly planner.
      assert.ok(sb.runtime.logs.some((l) => / google-ads .* hourly 2026-1[01]-\d\d\.\./.test(l.text)), 'an hourly spend refresh ran');
      const view = (await connections(sb, 'sv-t2')).find((c) => c.id === ads?.id);
      assert.equal(view?.syncedThrough, '2026-11-01');
      assert.equal(view?.lastRun?.outcome, 'ok');
    } finally {
      await sb.close();
    }
  });

  test('should resume a 13-month backfill killed mid-way without pulling finished months again', async () => {
    // Query-level Search Console data: one month per step, so the backfill is a chain of 13 steps.
    const gsc = { backfillMonths: 13, settings: { gscDimension: 'query' } };
    const months = ['2025-10', '2026-01', '2026-05', '2026-10'];
    const clean = await startAgency(scenario);
    const expected = new Map<string, unknown>();
    try {
      await connect(clean, 'sv-t0', ['search-console'], gsc);
      await clean.drain();
      for (const m of months) expected.set(m, await monthRows(clean, 'sv-t0', m));
    } finally {
      await clean.close();
    }
    const sb = await startAgency(scenario);
    try {
      const logFrom = sb.log.entries.length;
      await connect(sb, 'sv-t0', ['search-console'], gsc);
      // Let five months finish, then kill the next step part-way (during its API call).
      for (let i = 0; i < 100 && ((await connections(sb, 'sv-t0'))[0]?.backfill.monthsDone ?? 0) < 5; i++) await sb.queue.drain({ maxDeliveries: 1, fastForward: true });
      assert.equal((await connections(sb, 'sv-t0'))[0]?.backfill.monthsDone, 5);
      sb.apiFaults.setProfile({ ...sb.apiFaults.current, latencyMs: 150 });
      sb.runtime.killMidway((fn) => fn === 'jobs-worker', 100, 1);
      await sb.drain();
      assert.ok(sb.runtime.records.some((r) => r.outcome === 'killed'), 'an invocation was killed');
      const [view] = await connections(sb, 'sv-t0');
      assert.equal(view?.backfill.state, 'done');
      assert.equal(view?.backfill.monthsDone, 13);
      for (const [m, rows] of expected) assert.deepEqual(await monthRows(sb, 'sv-t0', m), rows, `month ${m} as in a clean run`);
      // One query report per month, plus the one the killed step had sent: finished months were not pulled again.
      const reports = sb.log.entries.slice(logFrom).filter((e) => e.service === 'search-console' && e.status === 200);
      assert.equal(reports.length, 14, `query reports: ${reports.length}`);
    } finally {
      await sb.close();
    }
  });

  test('should honour retry hints for 429s and wait for Yandex offline reports through the queue', async () => {
    const sb = await startAgency(scenario);
    try {
      sb.fakes.control.setRetryIn(30);
      // The first Google Ads request gets a 429 asking for 120 s: longer than the connector waits itself.
      sb.apiFaults.force((_m, p) => p.includes('googleads.googleapis.com'), { kind: 'rate-limit', delayMs: 0, retryAfterSeconds: 120 }, 1);
      const t0 = sb.clock.now();
      await connect(sb, 'sv-t2', ['google-ads']);
      await connect(sb, 'sv-t1', ['yandex-direct'], { backfillMonths: 2 });
      await sb.drain();
      const workers = sb.runtime.records.filter((r) => r.functionKey === 'jobs-worker');
      const adsRetry = workers.find((r) => Date.parse(r.startedAt) - t0 >= 120_000);
      assert.ok(adsRetry, 'the Google Ads step was retried no earlier than the 120 s hint');
      const calls = apiCalls(sb);
      assert.ok((calls['yandex-direct'] ?? 0) >= 3, `Direct: 201, 202 then 200 (${JSON.stringify(calls)})`);
      const offline = sb.log.entries.filter((e) => e.service === 'yandex-direct').map((e) => e.status);
      assert.deepEqual(offline.slice(0, 3), [201, 202, 200]);
      const status = await syncStatus(sb, 'sv-t1');
      assert.equal(status.sources[0]?.backfill.state, 'done');
      assert.ok((await monthRows(sb, 'sv-t1', '2026-09')).length > 0);
      assert.ok((await monthRows(sb, 'sv-t2', '2026-10')).length > 0);
      assert.ok(sb.queue.counts.retried >= 3, `queue retries ${sb.queue.counts.retried}`);

      // A spent daily allowance pauses the connection instead of retrying for a day.
      sb.fakes.control.forceQuotaError('yandex-direct', { scope: 'long-term', times: 1 });
      await callAs(sb, 'u-admin', 'sync/runNow', { serviceId: 'sv-t1' });
      await sb.drain();
      const paused = await syncStatus(sb, 'sv-t1');
      assert.ok(paused.sources[0]?.pausedUntil, 'paused after a long-term quota error');
      assert.equal(paused.sources[0]?.lastError?.outcome, 'quota');
      const before = apiCalls(sb)['yandex-direct'] ?? 0;
      await sb.fireScheduled('daily-planner');
      assert.equal(apiCalls(sb)['yandex-direct'] ?? 0, before, 'nothing is planned while paused');
      sb.clock.advanceTo(sb.clock.now() + 2 * 3600_000);
      await sb.fireScheduled('daily-planner');
      const resumed = await syncStatus(sb, 'sv-t1');
      assert.equal(resumed.sources[0]?.pausedUntil, null);
      assert.equal(resumed.sources[0]?.lastSuccess?.mode, 'daily');
    } finally {
      await sb.close();
    }
  });
});
