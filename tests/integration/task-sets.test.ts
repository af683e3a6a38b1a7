// Issue 3: monthly task sets appear by themselves, exactly once, under every fault the platform has.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callAs } from '../../sandbox/scenarios/runner';
import { duplicatesIn, jiraState, smallAgency, startAgency } from '../helpers/agency';

const scenario = smallAgency({ services: 10 });
const NOV = new Date('2026-11-02T12:00:00Z');

describe('monthly task sets', () => {
  test('should create one epic and its tasks per active service when the planner runs', async () => {
    const sb = await startAgency(scenario);
    try {
      await sb.runUntil(NOV);
      const lines = await jiraState(sb);
      const epics = lines.filter((l) => l.split(' | ')[1] === 'Epic');
      // Every service has an October and a November set (October from setup, November from the planner).
      const novEpics = epics.filter((l) => l.includes('retainer-month-2026-11'));
      assert.equal(novEpics.length, 10);
      assert.deepEqual(duplicatesIn(lines), []);
      assert.equal(sb.meter().specViolations, 0);
      const view = await callAs<{ state: string; items: unknown[]; plannedHours: number }>(sb, 'u-man-a', 'tasksets/get', { serviceId: 'sv-t0', month: '2026-11' }, 'retainer-project-page');
      assert.equal(view.state, 'created');
      assert.ok(view.items.length > 0);
    } finally {
      await sb.close();
    }
  });

  test('should end in the same Jira state under the flaky profile as in a clean run', async () => {
    const clean = await startAgency(scenario, { seed: 5 });
    let cleanLines: string[];
    try {
      await clean.runUntil(NOV);
      cleanLines = await jiraState(clean);
    } finally {
      await clean.close();
    }
    const flaky = await startAgency(scenario, { seed: 5, faults: 'flaky' });
    try {
      // On top of the profile's random faults: kill the November batch twice, part-way through.
      flaky.runtime.killMidway((fn) => fn === 'jobs-worker', 400, 2);
      await flaky.runUntil(NOV);
      // A fault run may leave work for later retries; let the queue finish it.
      await flaky.drain();
      flaky.setFaults('clean');
      await flaky.fireScheduled('daily-planner');
      const flakyLines = await jiraState(flaky);
      assert.deepEqual(duplicatesIn(flakyLines), []);
      assert.deepEqual(flakyLines, cleanLines);
      const f = flaky.siteFaults.counts;
      assert.ok(f.rateLimited + f.unavailable > 0, `Jira/Confluence faults were injected (${JSON.stringify(f)})`);
      assert.ok(flaky.runtime.records.some((r) => r.outcome === 'killed'), 'an invocation was killed mid-way');
    } finally {
      await flaky.close();
    }
  });

  test('should give nothing to paused or ended services and refuse bad service input with field errors', async () => {
    const sb = await startAgency(smallAgency({ services: 2 }));
    try {
      const bad = await sb.invokeResolver('retainer-admin-page', 'services/save', { clientId: 'cl-t0', type: 'tiktok', name: '', managerAccountId: 'u-nobody', headAccountId: 'u-head', team: {}, startDate: '2026-02-30', status: 'active', billing: { monthlyFee: '-5', commissionPercent: '10', vatRatePercent: '20', prepaidAdBudget: false }, monthlyHourAllowance: 9999, reportSchedule: { weekly: { enabled: true, weekday: 1 }, monthly: { enabled: true, dayOfMonth: 3 }, autoSend: false } }, { accountId: 'u-admin' });
      const env = bad.value as { ok: boolean; error: { code: string; fields: Record<string, string> } };
      assert.equal(env.ok, false);
      assert.equal(env.error.code, 'VALIDATION');
      for (const f of ['type', 'name', 'startDate', 'billing.monthlyFee', 'monthlyHourAllowance']) assert.ok(env.error.fields[f], `field error for ${f}`);
      const missingManager = await sb.invokeResolver('retainer-admin-page', 'services/save', { clientId: 'cl-t0', type: 'seo', name: 'X', managerAccountId: 'u-nobody', headAccountId: 'u-head', team: {}, startDate: '2026-02-01', status: 'active', billing: { monthlyFee: '5', commissionPercent: '10', vatRatePercent: '20', prepaidAdBudget: false }, monthlyHourAllowance: 10, reportSchedule: { weekly: { enabled: true, weekday: 1 }, monthly: { enabled: true, dayOfMonth: 3 }, autoSend: false } }, { accountId: 'u-admin' });
      assert.equal((missingManager.value as { error: { fields: Record<string, string> } }).error.fields.managerAccountId !== undefined, true);
      const neverFires = await sb.invokeResolver('retainer-admin-page', 'templates/save', { serviceType: 'seo', title: { en: 'Never' }, description: { en: '' }, estimateHours: 2, role: 'seo-specialist', rule: { kind: 'listed-months', months: [] }, dueDayOffset: 5, checklist: [], labels: [], active: true }, { accountId: 'u-admin' });
      assert.ok((neverFires.value as { error: { fields: Record<string, string> } }).error.fields['rule.months'] ?? (neverFires.value as { error: { fields: Record<string, string> } }).error.fields.rule);
      const taken = await callAs<{ jiraProjectKey?: string }>(sb, 'u-admin', 'services/get', { serviceId: 'sv-t0' }).then((r) => (r as unknown as { service: { jiraProjectKey: string } }).service.jiraProjectKey);
      const before = JSON.stringify(sb.kvs.snapshot().entities);
      const clash = await sb.invokeResolver('retainer-admin-page', 'services/save', { clientId: 'cl-t1', type: 'seo', name: 'Clash', managerAccountId: 'u-man-a', headAccountId: 'u-head', team: {}, startDate: '2026-02-01', status: 'active', jiraProjectKey: taken, billing: { monthlyFee: '5', commissionPercent: '10', vatRatePercent: '20', prepaidAdBudget: false }, monthlyHourAllowance: 10, reportSchedule: { weekly: { enabled: true, weekday: 1 }, monthly: { enabled: true, dayOfMonth: 3 }, autoSend: false } }, { accountId: 'u-admin' });
      assert.equal((clash.value as { error: { fields: Record<string, string> } }).error.fields.jiraProjectKey, 'Already used by another service');
      assert.equal(JSON.stringify(sb.kvs.snapshot().entities), before, 'bad input writes nothing');
      const notAdmin = await sb.invokeResolver('retainer-admin-page', 'clients/save', { name: 'Sneaky', legal: { legalName: '' }, language: 'en', currency: 'USD', contacts: [] }, { accountId: 'u-seo' });
      assert.equal((notAdmin.value as { error: { code: string } }).error.code, 'FORBIDDEN');
    } finally {
      await sb.close();
    }
  });
});
