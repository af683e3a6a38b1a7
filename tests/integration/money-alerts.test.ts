// Issue 5: money alerts are raised once per condition (one Jira issue however often the planner runs),
// low balance / runway open a top-up issue naming the top-up invoice, and everything clears when the
// condition ends. An overdue invoice is shown to the client on their space's "Invoices" page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../sandbox/platform';
import { smallAgency, startAgency } from '../helpers/agency';
import { entityData, jiraSearch, ok, pageStorage, requestId } from './money-kit';

interface AlertView {
  key: string;
  type: string;
  state: string;
  issueKey: string | null;
  invoiceId: string | null;
}

const statusOf = (i: { fields: Record<string, unknown> }): string => ((i.fields['status'] as { statusCategory?: { key?: string } }).statusCategory?.key ?? '');

describe('money: alerts', () => {
  let sb: Sandbox;
  before(async () => {
    // sv-t2 is a prepaid Google Ads service managed by u-man-a; sv-t0 (SEO) belongs to cl-t0.
    sb = await startAgency(smallAgency({ services: 3 }));
    await ok(sb, 'u-man-a', 'money/service-settings/save', { serviceId: 'sv-t2', settings: { lowBalanceThreshold: '5000' } });
    for (const day of ['2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27', '2026-10-28']) {
      await ok(sb, 'u-man-a', 'money/spend/record', { serviceId: 'sv-t2', day, amount: '1000.00' });
    }
    // The source reported zero yesterday: ads stopped.
    await ok(sb, 'u-man-a', 'money/spend/record', { serviceId: 'sv-t2', day: '2026-10-29', amount: '0.00' });
    await ok(sb, 'u-man-a', 'money/payments/register', { serviceId: 'sv-t2', requestId: requestId('w'), amount: '8000.00', date: '2026-10-22', account: 'wallet' });
  });
  after(async () => {
    await sb.close();
  });

  test('should raise low balance, short runway and ads stopped once each, with a top-up invoice', async () => {
    sb.clock.set('2026-10-30T08:00:00Z');
    await sb.fireScheduled('daily-planner');
    await sb.fireScheduled('daily-planner');
    const alerts = await ok<AlertView[]>(sb, 'u-man-a', 'money/alerts', { serviceId: 'sv-t2' });
    assert.deepEqual(alerts.map((a) => [a.type, a.state]).sort(), [['ads-stopped', 'active'], ['low-balance', 'active'], ['runway-below', 'active']]);
    const issues = await jiraSearch(sb, 'labels = retainer-money');
    assert.equal(issues.length, 3, 'one issue per alert, however often the planner ran');
    const topUp = alerts.find((a) => a.type === 'low-balance')?.invoiceId;
    assert.ok(topUp);
    assert.equal(alerts.find((a) => a.type === 'runway-below')?.invoiceId, topUp, 'both alerts name the same top-up invoice');
    const inv = await ok<{ number: string; purpose: string; gross: string; page: { state: string } }>(sb, 'u-man-a', 'money/invoices/get', { invoiceId: topUp });
    assert.equal(inv.purpose, 'top-up');
    // A month at the recent pace: 6000 / 7 days ≈ 857.14 a day × 30, rounded up to whole units.
    assert.equal(inv.gross, '25715.00');
    const lowIssue = issues.find((i) => (i.fields['labels'] as string[]).includes('retainer-money-low-balance'));
    assert.match(String(lowIssue?.fields['summary']), /Top up/);
    assert.equal((lowIssue?.fields['assignee'] as { accountId: string }).accountId, 'u-man-a');
  });

  test('should clear the alerts and close their issues when the top-up arrives and ads run again', async () => {
    const alerts = await ok<AlertView[]>(sb, 'u-man-a', 'money/alerts', { serviceId: 'sv-t2' });
    const topUp = alerts.find((a) => a.type === 'low-balance')?.invoiceId as string;
    await ok(sb, 'u-man-a', 'money/payments/register', { serviceId: 'sv-t2', requestId: requestId('t'), amount: '25715.00', date: '2026-10-30', invoiceId: topUp });
    await ok(sb, 'u-man-a', 'money/spend/record', { serviceId: 'sv-t2', day: '2026-10-30', amount: '900.00' });
    const panel = await ok<{ walletBalance: string }>(sb, 'u-man-a', 'money/panel', { serviceId: 'sv-t2' });
    assert.equal(panel.walletBalance, '26815.00');
    sb.clock.set('2026-10-31T08:00:00Z');
    await sb.fireScheduled('daily-planner');
    assert.deepEqual(await ok(sb, 'u-man-a', 'money/alerts', { serviceId: 'sv-t2' }), []);
    const issues = await jiraSearch(sb, 'labels = retainer-money');
    assert.equal(issues.length, 3);
    assert.deepEqual(issues.map(statusOf), ['done', 'done', 'done']);
    const stored = [...entityData<{ state: string; occurrence: number }>(sb, 'money-doc').entries()].filter(([k]) => k.startsWith('alert:'));
    assert.ok(stored.every(([, v]) => v.state === 'cleared' && v.occurrence === 1));
  });

  test('should raise an overdue invoice once, show it to the client in their space, and clear it when paid', async () => {
    sb.clock.set('2026-10-31T09:00:00Z');
    const inv = await ok<{ id: string; number: string }>(sb, 'u-man-a', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: requestId('due'), purpose: 'other', dueDate: '2026-11-01', lines: [{ description: 'Audit', quantity: '1', unitPrice: '500.00' }] });
    await sb.drain();
    sb.clock.set('2026-11-02T08:00:00Z');
    await sb.fireScheduled('daily-planner');
    await sb.fireScheduled('daily-planner');
    const got = await ok<{ status: string; page: { pageId: string } }>(sb, 'u-man-a', 'money/invoices/get', { invoiceId: inv.id });
    assert.equal(got.status, 'overdue');
    const alerts = await ok<AlertView[]>(sb, 'u-man-a', 'money/alerts', { serviceId: 'sv-t0' });
    const overdue = alerts.filter((a) => a.type === 'invoice-overdue');
    assert.equal(overdue.length, 1);
    const issues = await jiraSearch(sb, 'labels = retainer-money-invoice-overdue');
    assert.equal(issues.length, 1);
    assert.match(String(issues[0]?.fields['summary']), new RegExp(inv.number));
    // The client sees it: the invoice page says Overdue, and the Invoices page lists it under the notice.
    const page = await pageStorage(sb, got.page.pageId);
    assert.match(page.body, /Overdue/);
    const index = await pageStorage(sb, page.parentId as string);
    assert.match(index.body, /Awaiting payment after the due date/);
    assert.ok(index.body.includes(inv.number));
    // Paid (the amount due is 600.00 with VAT) → the next run clears the alert and closes the issue.
    await ok(sb, 'u-man-a', 'money/payments/register', { serviceId: 'sv-t0', requestId: requestId('p'), amount: '600.00', date: '2026-11-02', invoiceId: inv.id });
    sb.clock.set('2026-11-03T08:00:00Z');
    await sb.fireScheduled('daily-planner');
    assert.equal((await ok<AlertView[]>(sb, 'u-man-a', 'money/alerts', { serviceId: 'sv-t0' })).filter((a) => a.type === 'invoice-overdue').length, 0);
    assert.equal(statusOf((await jiraSearch(sb, 'labels = retainer-money-invoice-overdue'))[0] as { fields: Record<string, unknown> }), 'done');
    const after = await pageStorage(sb, page.parentId as string);
    assert.doesNotMatch(after.body, /Awaiting payment after the due date/);
    assert.equal(sb.meter().specViolations, 0);
  });
});
