// Issue 8: the global page's resolvers in the sandbox — who sees which rows and money, and figures
// that agree with the money, KPI and report resolvers they are composed from.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Sandbox } from '../../sandbox/platform';
import { callAs } from '../../sandbox/scenarios/runner';
import type { HeadDashboard, ManagerDashboard } from '../../src/shared/api-dashboard';
import type { KpiServiceView } from '../../src/shared/api-kpi';
import type { InvoiceSummary, MoneyPanel } from '../../src/shared/api-money';
import { startAgency } from '../helpers/agency';
import { call } from './money-kit';
import { invokeMacro, reportsAgency, reportsOf } from './reports-helpers';

const PAGE = 'retainer-global-page';
let sb: Sandbox;
let reportId = '';

const dash = (as: string | null, payload: unknown) => call<ManagerDashboard>(sb, as, 'dashboard/manager', payload, PAGE);
const head = (as: string | null, payload: unknown) => call<HeadDashboard>(sb, as, 'dashboard/head', payload, PAGE);

before(async () => {
  sb = await startAgency(reportsAgency(4));
  await sb.runUntil(new Date('2026-11-03T12:00:00Z'));
  const monthly = (await reportsOf(sb, 'sv-t0', 'u-man-a')).find((r) => r.kind === 'monthly' && r.from === '2026-10-01');
  assert.ok(monthly?.reviewIssueKey, 'a monthly October draft exists');
  reportId = monthly.reportId;
  await callAs(sb, 'u-man-a', 'reports/publish', { reportId }, 'retainer-project-page');
  await sb.drain();
  const fb = await invokeMacro(sb, 'feedback', 'report/feedback/submit', { reportId, rating: 2, comment: 'Too few leads' }, 'g-client0', monthly.pageId ?? undefined);
  assert.equal(fb.ok, true, JSON.stringify(fb.error));
  await sb.drain();
});

after(async () => {
  await sb?.close();
});

describe('global page resolvers', () => {
  test('should show a manager only the services they manage, with money that matches the money panel', async () => {
    const r = await dash('u-man-a', { month: '2026-11' });
    assert.equal(r.ok, true, JSON.stringify(r.error));
    const d = r.data as ManagerDashboard;
    assert.equal(d.scope, 'own');
    assert.equal(d.managerAccountId, 'u-man-a');
    assert.deepEqual(d.rows.map((x) => x.serviceId).sort(), ['sv-t0', 'sv-t2']);
    for (const row of d.rows) {
      assert.ok(row.money, `money is shown to the manager of ${row.serviceId}`);
      const panel = (await callAs<MoneyPanel>(sb, 'u-man-a', 'money/panel', { serviceId: row.serviceId }, 'retainer-project-page'));
      assert.equal(row.money.walletBalance, panel.walletBalance);
      assert.equal(row.money.feesBalance, panel.feesBalance);
      assert.equal(row.money.spend, panel.month.spend);
      assert.equal(row.money.runwayDays, row.money.prepaid ? panel.runwayDays : null);
      const invoices = await callAs<InvoiceSummary[]>(sb, 'u-man-a', 'money/invoices/list', { serviceId: row.serviceId }, 'retainer-project-page');
      const open = invoices.filter((i) => i.status !== 'paid' && i.status !== 'cancelled');
      assert.equal(row.money.openInvoices, open.length);
      assert.equal(row.money.paymentStatus === 'paid' || row.money.paymentStatus === 'none', open.length === 0);
      const kpi = await callAs<KpiServiceView>(sb, 'u-man-a', 'kpi/service', { serviceId: row.serviceId, month: '2026-11' }, 'retainer-project-page');
      if (kpi.summary) assert.deepEqual(row.kpi.counts, kpi.summary.counts);
      const reports = await reportsOf(sb, row.serviceId, 'u-man-a');
      assert.equal(row.reports.due, reports.filter((x) => x.to.startsWith('2026-11')).length);
      assert.equal(row.reports.sent, reports.filter((x) => x.to.startsWith('2026-11') && x.status === 'published').length);
    }
    assert.ok(d.rows.some((x) => x.money && x.money.openInvoices > 0 || x.money?.paymentStatus === 'paid'), 'the simulated days issued invoices');
    const t0 = d.rows.find((x) => x.serviceId === 'sv-t0');
    assert.deepEqual(t0?.feedback, { count: 1, average: 2, lowest: 2 });
  });

  test('should count the month of a report by its period and the published ones as sent', async () => {
    const d = (await dash('u-man-a', { month: '2026-10' })).data as ManagerDashboard;
    const t0 = d.rows.find((x) => x.serviceId === 'sv-t0');
    const reports = await reportsOf(sb, 'sv-t0', 'u-man-a');
    const october = reports.filter((x) => x.to.startsWith('2026-10'));
    assert.ok(october.length >= 1);
    assert.equal(t0?.reports.due, october.length);
    assert.equal(t0?.reports.sent, october.filter((x) => x.status === 'published').length);
    assert.ok((t0?.reports.sent ?? 0) >= 1, 'the October monthly report was published');
    assert.equal(t0?.feedback.count, 0, 'the feedback was given in November');
  });

  test('should give a specialist their services without any money', async () => {
    const d = (await dash('u-seo', { month: '2026-11' })).data as ManagerDashboard;
    assert.ok(d.rows.length > 0);
    assert.ok(d.rows.every((x) => x.money === null));
    assert.equal(d.plan, null);
    assert.equal(d.managerAccountId, null);
  });

  test('should let heads see every service or one manager, and refuse that to managers', async () => {
    const all = (await dash('u-head', { month: '2026-11', all: true })).data as ManagerDashboard;
    assert.deepEqual(all.rows.map((x) => x.serviceId).sort(), ['sv-t0', 'sv-t1', 'sv-t2', 'sv-t3']);
    assert.ok(all.rows.every((x) => x.money !== null));
    const b = (await dash('u-head', { month: '2026-11', managerAccountId: 'u-man-b' })).data as ManagerDashboard;
    assert.deepEqual(b.rows.map((x) => x.serviceId).sort(), ['sv-t1', 'sv-t3']);
    assert.equal(b.scope, 'manager');
    assert.equal((await dash('u-man-a', { month: '2026-11', managerAccountId: 'u-man-b' })).error?.code, 'FORBIDDEN');
    assert.equal((await dash('u-man-a', { month: '2026-11', all: true })).error?.code, 'FORBIDDEN');
  });

  test('should refuse client guests, anonymous callers and bad months', async () => {
    assert.equal((await dash('g-client0', { month: '2026-11' })).error?.code, 'FORBIDDEN');
    assert.equal((await dash(null, { month: '2026-11' })).error?.code, 'FORBIDDEN');
    assert.equal((await head('g-client0', { month: '2026-11' })).error?.code, 'FORBIDDEN');
    assert.equal((await head(null, { month: '2026-11' })).error?.code, 'FORBIDDEN');
    assert.equal((await head('u-man-a', { month: '2026-11' })).error?.code, 'FORBIDDEN');
    assert.equal((await head('u-seo', { month: '2026-11' })).error?.code, 'FORBIDDEN');
    assert.equal((await dash('u-man-a', { month: '2026-13' })).error?.code, 'VALIDATION');
  });

  test('should give the head turnover, KPI totals, next month capacity and the escalation', async () => {
    const r = await head('u-head', { month: '2026-11' });
    assert.equal(r.ok, true, JSON.stringify(r.error));
    const d = r.data as HeadDashboard;
    const fulfilment = await callAs<{ rows: unknown[] }>(sb, 'u-head', 'kpi/fulfilment', { month: '2026-11' }, PAGE);
    assert.deepEqual(d.turnover, fulfilment.rows);
    assert.equal(d.capacity.month, '2026-12');
    assert.equal(d.kpi.total.services, 4);
    assert.deepEqual(d.kpi.byManager.map((m) => [m.managerAccountId, m.services]), [['u-man-a', 2], ['u-man-b', 2]]);
    let sum = 0;
    for (const m of d.kpi.byManager) sum += m.counts['on-track'] + m.counts['at-risk'] + m.counts['off-track'];
    assert.equal(sum, d.kpi.total.counts['on-track'] + d.kpi.total.counts['at-risk'] + d.kpi.total.counts['off-track']);
    const esc = d.escalations.find((e) => e.reportId === reportId);
    assert.ok(esc, 'the low rating is an escalation');
    assert.equal(esc.rating, 2);
    assert.equal(esc.comment, 'Too few leads');
    assert.ok(esc.issueKey, 'with the issue opened for the head');
    assert.equal(d.alerts.total, Object.values(d.alerts.byType).reduce((a, b) => a + (b ?? 0), 0));
    const admin = await head('u-admin', { month: '2026-11' });
    assert.equal(admin.ok, true);
  });
});
