// Issue 6: KPI rollups follow data changes by themselves — a metrics write or a ledger booking queues
// one coalesced recompute of that service-month (never one per change), run after a short window.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Sandbox } from '../../sandbox/platform';
import { callAs } from '../../sandbox/scenarios/runner';
import { smallAgency, startAgency } from '../helpers/agency';
import { rollupsIn } from './kpi-helpers';
import { call, requestId } from './money-kit';

const scenario = smallAgency({ services: 3, start: '2026-11-10T08:00:00Z', end: '2026-11-10T09:00:00Z' });
const SVC = 'sv-t1';

const csv = (perDay: number): string =>
  ['date,dimension_kind,dimension_id,impressions,clicks,cost,currency,conversions', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => `2026-11-0${d},account,acc,1000,50,100.00,UAH,${perDay}`)].join('\n');

const kpiJobs = (sb: Sandbox, from: number): number => sb.runtime.logs.slice(from).filter((l) => l.text.startsWith(`kpi recompute ${SVC} 2026-11 `)).length;

describe('kpi incremental recompute', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startAgency(scenario);
    await callAs(sb, 'u-admin', 'kpi/recompute', { month: '2026-11' });
    await sb.drain();
  });
  after(async () => {
    await sb?.close();
  });

  test('should recompute one service-month once after several metrics writes within the window', async () => {
    const before = rollupsIn(sb);
    const from = sb.runtime.logs.length;
    for (const n of [1, 2, 3]) await callAs(sb, 'u-man-b', 'metrics/csv/upload', { serviceId: SVC, fileName: `day-${n}.csv`, content: csv(n) }, 'retainer-project-page');
    await sb.drain();
    const after = rollupsIn(sb);
    const changed = [...after.keys()].filter((k) => JSON.stringify(after.get(k)) !== JSON.stringify(before.get(k)));
    assert.deepEqual(changed, [`${SVC}:2026-11`], 'only the uploaded service-month changed');
    assert.equal(after.get(`${SVC}:2026-11`)?.aggregates.bySource.csv?.conversions, 27, 'the last upload (3 a day × 9 days) is what the rollup holds');
    assert.equal(kpiJobs(sb, from), 1, 'three writes, one recompute');
  });

  test('should recompute after a ledger booking without anybody asking', async () => {
    const from = sb.runtime.logs.length;
    sb.clock.set('2026-11-10T09:30:00Z');
    await callAs(sb, 'u-man-b', 'money/payments/register', { serviceId: SVC, requestId: requestId('kpi'), amount: '500.00', date: '2026-11-10', account: 'fees' }, 'retainer-project-page');
    await sb.drain();
    assert.equal(kpiJobs(sb, from), 1);
  });

  test('should let an admin switch a built-in KPI off and on again, and nobody else', async () => {
    const off = await callAs<{ disabled: string[] }>(sb, 'u-admin', 'kpi/definitions/enable', { id: 'ctr', enabled: false });
    assert.deepEqual(off.disabled, ['ctr']);
    await callAs(sb, 'u-admin', 'kpi/recompute', { month: '2026-11', serviceId: SVC });
    await sb.drain();
    assert.equal(rollupsIn(sb).get(`${SVC}:2026-11`)?.kpis.some((k) => k.id === 'ctr'), false, 'the rollup leaves a disabled KPI out');
    const on = await callAs<{ disabled: string[] }>(sb, 'u-admin', 'kpi/definitions/enable', { id: 'ctr', enabled: true });
    assert.deepEqual(on.disabled, []);
    assert.equal((await call(sb, 'u-man-b', 'kpi/definitions/enable', { id: 'ctr', enabled: false })).error?.code, 'FORBIDDEN');
    assert.equal((await call(sb, 'u-admin', 'kpi/definitions/enable', { id: 'no-such-kpi', enabled: false })).error?.code, 'VALIDATION');
  });
});

