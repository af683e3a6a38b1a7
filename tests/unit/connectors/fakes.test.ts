import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_PROFILES, FaultInjector } from '../../../sandbox/core/faults';
import { RequestLog } from '../../../sandbox/core/request-log';
import { FAKE_API_HOSTS, startFakeApis } from '../../../sandbox/fakes';
import { METRICS_CONNECTORS, METRICS_EGRESS_HOSTS, type FetchDailyRequest, type MetricSource } from '../../../src/connectors/metrics';
import { account, fetchAll, routedFetch } from './helpers';

const API_SOURCES: Array<{ source: MetricSource; id: string; extra?: Partial<FetchDailyRequest> }> = [
  { source: 'google-ads', id: '1234567890' },
  { source: 'yandex-direct', id: 'teplo-dom' },
  { source: 'yandex-metrica', id: '44147844' },
  { source: 'ga4', id: '312345678' },
  { source: 'search-console', id: 'sc-domain:example.com' },
  { source: 'meta', id: 'act_123' },
  { source: 'topvisor', id: '1733522' },
];

const creds = { accessToken: 'tok', refreshToken: 'rt', clientId: 'c', clientSecret: 's', apiKey: 'k', userId: '1' };

describe('fake APIs', () => {
  test('every connector host is served, each under its own base URL', async () => {
    for (const h of METRICS_EGRESS_HOSTS) assert.ok(FAKE_API_HOSTS.includes(h), h);
    const fakes = await startFakeApis();
    try {
      for (const h of FAKE_API_HOSTS) assert.equal(fakes.routes[h], `${fakes.baseUrl}/${h}`);
      const res = await fetch(`${fakes.baseUrl}/unknown.example.com/x`);
      assert.equal(res.status, 404);
    } finally {
      await fakes.close();
    }
  });

  test('deterministic per seed: same request → same numbers; another seed → other numbers', async () => {
    const run = async (seed: number): Promise<string> => {
      const fakes = await startFakeApis({ seed });
      try {
        const r = routedFetch(fakes.routes);
        const out = await fetchAll(METRICS_CONNECTORS['google-ads'], { account: account('google-ads', '1234567890'), from: '2026-11-01', to: '2026-11-07', credentials: creds, http: r.http });
        return JSON.stringify(out.rows);
      } finally {
        await fakes.close();
      }
    };
    const a = await run(3);
    assert.equal(a, await run(3));
    assert.notEqual(a, await run(4));
  });

  test('every request is logged with service = source name; calls are counted per source', async () => {
    const log = new RequestLog();
    const fakes = await startFakeApis({ log });
    try {
      const r = routedFetch(fakes.routes);
      for (const s of API_SOURCES) {
        await fetchAll(METRICS_CONNECTORS[s.source], { account: account(s.source, s.id, { settings: { regionIndexes: [2] } }), from: '2026-11-01', to: '2026-11-03', credentials: creds, http: r.http });
      }
      const services = new Set(log.entries.map((e) => e.service));
      for (const s of API_SOURCES) assert.ok(services.has(s.source), s.source);
      for (const s of API_SOURCES) assert.ok(fakes.control.calls(s.source) >= 1, s.source);
      assert.ok(log.entries.every((e) => e.status === 200 && !e.path.includes('?')));
      assert.ok(log.entries.every((e) => !JSON.stringify(e).includes('tok')), 'no tokens in the log');
    } finally {
      await fakes.close();
    }
  });

  test('under the storm fault profile every connector still converges (source-shaped 429/5xx, retried)', async () => {
    const faults = new FaultInjector(FAULT_PROFILES.storm, 'storm-test');
    const fakes = await startFakeApis({ faults });
    try {
      const r = routedFetch(fakes.routes);
      for (const s of API_SOURCES) {
        const clean = await (async () => {
          faults.setProfile(FAULT_PROFILES.clean);
          return fetchAll(METRICS_CONNECTORS[s.source], { account: account(s.source, s.id, { settings: { regionIndexes: [2] } }), from: '2026-11-01', to: '2026-11-05', credentials: creds, http: r.http });
        })();
        for (const seed of [1, 2, 3]) {
          faults.setProfile(FAULT_PROFILES.storm, `storm-${s.source}-${seed}`);
          const stormy = await fetchAll(METRICS_CONNECTORS[s.source], { account: account(s.source, s.id, { settings: { regionIndexes: [2] } }), from: '2026-11-01', to: '2026-11-05', credentials: creds, http: r.http, pollBudgetMs: 600_000 });
          assert.deepEqual(stormy.rows, clean.rows, s.source);
        }
      }
      assert.ok(faults.counts.rateLimited + faults.counts.unavailable >= 4 && faults.counts.unavailable >= 1, JSON.stringify(faults.counts));
    } finally {
      await fakes.close();
    }
  });
});
