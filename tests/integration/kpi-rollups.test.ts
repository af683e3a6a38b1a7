// Issue 6: KPI rollups kept current by jobs; targets carried over; pacing verdicts; access per persona.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callAs } from '../../sandbox/scenarios/runner';
import type { Sandbox } from '../../sandbox/platform';
import type { KpiFulfilmentView, KpiServiceView, KpiTargetsView } from '../../src/shared/api-kpi';
import { smallAgency, startAgency } from '../helpers/agency';
import { directRows, pushAndDrain, rollupsIn, storeRows } from './kpi-helpers';

// Nov 10 in Kyiv: the pacing day (yesterday) is Nov 9 — 9 of 30 days elapsed.
const scenario = smallAgency({ services: 5, start: '2026-11-10T08:00:00Z', end: '2026-11-10T09:00:00Z' });
const DIRECT = 'sv-t1'; // yandex-direct, managed by u-man-b

describe('kpi rollups', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startAgency(scenario);
  });
  after(async () => {
    await sb?.close();
  });

  test('should carry the head\'s targets over to the next month and refuse them from a manager', async () => {
    await callAs(sb, 'u-head', 'kpi/targets/set', { serviceId: DIRECT, month: '2026-10', values: { 'target-actions': '100', ctr: '0,04' } });
    const nov = await callAs<KpiTargetsView>(sb, 'u-man-b', 'kpi/targets/get', { serviceId: DIRECT, month: '2026-11' });
    assert.equal(nov.targets.origin, 'carried-over');
    assert.equal(nov.targets.setInMonth, '2026-10');
    assert.equal(nov.targets.values['target-actions'], 100);
    assert.equal(nov.targets.values.ctr, 0.04);
    assert.equal(nov.targets.values['hours-used'], 1, 'defaults fill the gaps');
    const r = await sb.invokeResolver('retainer-admin-page', 'kpi/targets/set', { serviceId: DIRECT, month: '2026-11', values: { 'target-actions': 1 } }, { accountId: 'u-man-b' });
    assert.equal((r.value as { error: { code: string } }).error.code, 'FORBIDDEN');
    const bad = await sb.invokeResolver('retainer-admin-page', 'kpi/targets/set', { serviceId: DIRECT, month: '2026-11', values: { 'organic-growth-mom': 0.1, ctr: -3 } }, { accountId: 'u-head' });
    const fields = (bad.value as { error: { fields: Record<string, string> } }).error.fields;
    assert.ok(fields['values.organic-growth-mom'] && fields['values.ctr'], JSON.stringify(fields));
  });

  test('should judge pacing against the elapsed days and recompute only the service whose metrics changed', async () => {
    // 5 conversions a day for Nov 1–9 = 45 against 100 × 9/30 = 30 expected → on track.
    await storeRows(sb, DIRECT, 'yandex-direct', '2026-11', directRows('2026-11', 1, 9, 5));
    await callAs(sb, 'u-admin', 'kpi/recompute', { month: '2026-11' });
    await sb.drain();
    const first = rollupsIn(sb);
    assert.equal([...first.keys()].filter((k) => k.endsWith(':2026-11')).length, 5, 'a rollup per service');
    const view = await callAs<KpiServiceView>(sb, 'u-man-b', 'kpi/service', { serviceId: DIRECT, month: '2026-11' }, 'retainer-project-page');
    assert.equal(view.state, 'ready');
    const ta = view.kpis.find((k) => k.id === 'target-actions');
    assert.ok(ta);
    assert.equal(ta.value, 45);
    assert.equal(ta.target, 100);
    assert.equal(ta.elapsedDays, 9);
    assert.equal(ta.expectedByNow, 30);
    assert.equal(ta.verdict, 'on-track');
    assert.equal(view.kpis.find((k) => k.id === 'ctr')?.value, 0.05);
    assert.match(ta.note.en, /45|30/);

    // A new day of metrics for one service: Nov 1–9 rewritten with 2 a day (18 vs 30 → off track).
    await storeRows(sb, DIRECT, 'yandex-direct', '2026-11', directRows('2026-11', 1, 9, 2));
    const before = rollupsIn(sb);
    const records = sb.runtime.records.length;
    const logs = sb.runtime.logs.length;
    await pushAndDrain(sb, [{ kind: 'kpi-recompute', serviceId: DIRECT, month: '2026-11', reason: 'metrics 2026-11-09' }]);
    const afterRollups = rollupsIn(sb);
    const changed = [...afterRollups.keys()].filter((k) => JSON.stringify(afterRollups.get(k)) !== JSON.stringify(before.get(k)));
    assert.deepEqual(changed, [`${DIRECT}:2026-11`]);
    // One recompute (the panel refresh it queues afterwards is another job).
    const runs = sb.runtime.records.slice(records);
    assert.ok(runs.every((r) => r.outcome === 'ok'));
    assert.equal(sb.runtime.logs.slice(logs).filter((l) => l.text.startsWith('kpi recompute ')).length, 1, 'one recompute');
    const again = afterRollups.get(`${DIRECT}:2026-11`)?.kpis.find((k) => k.id === 'target-actions');
    assert.equal(again?.value, 18);
    assert.equal(again?.verdict, 'off-track');
    // Idempotent: the same message again writes the same rollup.
    await pushAndDrain(sb, [{ kind: 'kpi-recompute', serviceId: DIRECT, month: '2026-11', reason: 'duplicate' }]);
    assert.deepEqual(rollupsIn(sb).get(`${DIRECT}:2026-11`), afterRollups.get(`${DIRECT}:2026-11`));
  });

  test('should pick up rows nobody queued a recompute for when the daily planner runs', async () => {
    await storeRows(sb, DIRECT, 'yandex-direct', '2026-11', directRows('2026-11', 1, 9, 3));
    await sb.fireScheduled('daily-planner');
    const r = rollupsIn(sb).get(`${DIRECT}:2026-11`);
    assert.equal(r?.kpis.find((k) => k.id === 'target-actions')?.value, 27);
    assert.equal(r?.kpis.find((k) => k.id === 'target-actions')?.verdict, 'at-risk', '27 / 30 = 0.9');
  });

  test('should add an admin\'s custom KPI to the rollups of its service type and refuse a bad one', async () => {
    const definition = {
      id: 'clicks-per-day',
      label: { en: 'Clicks a day' },
      appliesTo: ['yandex-direct'],
      metric: { op: 'metric', field: 'clicks', sources: ['yandex-direct'], agg: 'per-day' },
      direction: 'higher-is-better',
      unit: 'count',
      pacing: 'average',
      defaultTarget: 40,
    };
    const denied = await sb.invokeResolver('retainer-admin-page', 'kpi/definitions/save', { definition }, { accountId: 'u-head' });
    assert.equal((denied.value as { error: { code: string } }).error.code, 'FORBIDDEN');
    const bad = await sb.invokeResolver('retainer-admin-page', 'kpi/definitions/save', { definition: { ...definition, id: 'ctr' } }, { accountId: 'u-admin' });
    assert.ok((bad.value as { error: { fields: Record<string, string> } }).error.fields.id);
    await callAs(sb, 'u-admin', 'kpi/definitions/save', { definition });
    await sb.drain();
    const k = rollupsIn(sb).get(`${DIRECT}:2026-11`)?.kpis.find((x) => x.id === 'clicks-per-day');
    assert.equal(k?.value, 50);
    assert.equal(k?.verdict, 'on-track');
    assert.equal(rollupsIn(sb).get('sv-t0:2026-11')?.kpis.some((x) => x.id === 'clicks-per-day'), false, 'other types are untouched');
  });

  test('should hide money KPIs from a specialist and show a manager only their own fulfilment', async () => {
    const service = (sb.kvs.snapshot().entities.service?.[DIRECT] as { data: { team: Record<string, string[]> } }).data;
    const specialist = Object.values(service.team).flat().find((id) => id.startsWith('u-') && !id.startsWith('u-man'));
    assert.ok(specialist, 'the service has a specialist');
    const asSpecialist = await callAs<KpiServiceView>(sb, specialist, 'kpi/service', { serviceId: DIRECT, month: '2026-11' }, 'retainer-project-page');
    assert.equal(asSpecialist.moneyHidden, true);
    assert.equal(asSpecialist.kpis.some((k) => k.id === 'margin'), false);
    assert.equal('revenue' in asSpecialist.facts || 'margin' in asSpecialist.facts, false);
    const asHead = await callAs<KpiServiceView>(sb, 'u-head', 'kpi/service', { serviceId: DIRECT, month: '2026-11' }, 'retainer-project-page');
    assert.equal(asHead.kpis.some((k) => k.id === 'margin'), true);

    await callAs(sb, 'u-head', 'kpi/plan/set', {
      month: '2026-11',
      currency: 'UAH',
      plans: [
        { managerAccountId: 'u-man-a', targets: { seo: '20000', 'google-ads': '10000' } },
        { managerAccountId: 'u-man-b', targets: { 'yandex-direct': '15000' } },
      ],
      formula: { kind: 'share-above-threshold', thresholdPercent: '80', sharePercent: '10', kpiFactor: { min: '0.5', max: '1.5' } },
    });
    const own = await callAs<KpiFulfilmentView>(sb, 'u-man-a', 'kpi/fulfilment', { month: '2026-11' });
    assert.equal(own.scope, 'own');
    assert.deepEqual(own.rows.map((r) => r.fulfilment.managerAccountId), ['u-man-a']);
    assert.equal(own.rows[0]?.fulfilment.total.target, '30000.00');
    assert.ok(own.rows[0]?.bonus, 'a bonus estimate');
    const all = await callAs<KpiFulfilmentView>(sb, 'u-head', 'kpi/fulfilment', { month: '2026-11' });
    assert.deepEqual(all.rows.map((r) => r.fulfilment.managerAccountId), ['u-man-a', 'u-man-b']);
    const other = await sb.invokeResolver('retainer-project-page', 'kpi/service', { serviceId: DIRECT, month: '2026-11' }, { accountId: 'u-man-a' });
    assert.equal((other.value as { error: { code: string } }).error.code, 'FORBIDDEN', 'a manager of other services sees nothing of this one');
    const planAsManager = await sb.invokeResolver('retainer-admin-page', 'kpi/plan/set', { month: '2026-11', plans: [] }, { accountId: 'u-man-a' });
    assert.equal((planAsManager.value as { error: { code: string } }).error.code, 'FORBIDDEN');
  });

  test('should show next month\'s hours per role and person against what they have', async () => {
    const cap = await callAs<{ month: string; people: Array<{ accountId: string; availableHours: number; plannedHours: number }>; roles: Array<{ role: string; plannedHours: number }> }>(sb, 'u-head', 'kpi/capacity', {});
    assert.equal(cap.month, '2026-12');
    assert.ok(cap.roles.some((r) => r.plannedHours > 0), 'templates plan hours');
    assert.ok(cap.people.some((p) => p.availableHours > 0));
    // The head books one person off for December: their available hours drop by a working day each.
    const someone = cap.people.find((p) => p.availableHours > 0);
    assert.ok(someone);
    await callAs(sb, 'u-head', 'kpi/capacity/settings/set', { defaultHoursPerDay: 8, people: [{ accountId: someone.accountId, daysOff: ['2026-12-01', '2026-12-02', '2026-12-05'] }], publicHolidays: ['2026-12-25'] });
    const cap2 = await callAs<typeof cap>(sb, 'u-head', 'kpi/capacity', { month: '2026-12' });
    assert.equal(cap2.people.find((p) => p.accountId === someone.accountId)?.availableHours, someone.availableHours - 3 * 8, 'Dec 5 is a Saturday; Dec 25 a holiday for all');
    const denied = await sb.invokeResolver('retainer-admin-page', 'kpi/capacity', {}, { accountId: 'u-seo' });
    assert.equal((denied.value as { error: { code: string } }).error.code, 'FORBIDDEN');
  });
});
