// Issue 8 (admin): notification rules decide which money conditions raise alerts — switching one off
// raises nothing for it and clears what was open — and only admins change them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Sandbox } from '../../sandbox/platform';
import { DEFAULT_NOTIFICATION_RULES, type NotificationRules } from '../../src/domain/notification-rules';
import { smallAgency, startAgency } from '../helpers/agency';
import { call, ok, requestId } from './money-kit';

const types = async (sb: Sandbox): Promise<string[]> => (await ok<Array<{ type: string; state: string }>>(sb, 'u-man-a', 'money/alerts', { serviceId: 'sv-t2' })).filter((a) => a.state === 'active').map((a) => a.type).sort();

describe('notification rules', () => {
  let sb: Sandbox;
  before(async () => {
    // sv-t2: a prepaid Google Ads service of u-man-a, short of money with ads stopped yesterday.
    sb = await startAgency(smallAgency({ services: 3 }));
    await ok(sb, 'u-man-a', 'money/service-settings/save', { serviceId: 'sv-t2', settings: { lowBalanceThreshold: '5000' } });
    for (const day of ['2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27', '2026-10-28']) await ok(sb, 'u-man-a', 'money/spend/record', { serviceId: 'sv-t2', day, amount: '1000.00' });
    await ok(sb, 'u-man-a', 'money/spend/record', { serviceId: 'sv-t2', day: '2026-10-29', amount: '0.00' });
    await ok(sb, 'u-man-a', 'money/payments/register', { serviceId: 'sv-t2', requestId: requestId('w'), amount: '8000.00', date: '2026-10-22', account: 'wallet' });
  });
  after(async () => {
    await sb.close();
  });

  test('should let only admins change the rules, and heads read them', async () => {
    assert.deepEqual(await ok(sb, 'u-head', 'notifications/get', {}), DEFAULT_NOTIFICATION_RULES);
    assert.equal((await call(sb, 'u-man-a', 'notifications/get', {})).error?.code, 'FORBIDDEN');
    assert.equal((await call(sb, 'u-head', 'notifications/save', DEFAULT_NOTIFICATION_RULES)).error?.code, 'FORBIDDEN');
    assert.equal((await call(sb, 'u-admin', 'notifications/save', { ...DEFAULT_NOTIFICATION_RULES, escalationAtOrBelow: 9 })).error?.code, 'VALIDATION');
  });

  test('should raise nothing for a switched-off condition and clear an open one when it is switched off', async () => {
    const rules: NotificationRules = { ...DEFAULT_NOTIFICATION_RULES, moneyAlerts: { ...DEFAULT_NOTIFICATION_RULES.moneyAlerts, 'ads-stopped': false } };
    await ok(sb, 'u-admin', 'notifications/save', rules);
    sb.clock.set('2026-10-30T08:00:00Z');
    await sb.fireScheduled('daily-planner');
    assert.deepEqual(await types(sb), ['low-balance', 'runway-below'], 'ads stopped is switched off');

    await ok(sb, 'u-admin', 'notifications/save', { ...rules, moneyAlerts: { ...rules.moneyAlerts, 'runway-below': false } });
    sb.clock.set('2026-10-30T12:00:00Z');
    await sb.fireScheduled('daily-planner');
    assert.deepEqual(await types(sb), ['low-balance'], 'the open runway alert cleared once its rule was switched off');
  });
});
