// Issue 5: profitability from Jira worklogs synced incrementally (changed worklogs replace their old
// figures), cost rates by person and role, other costs; and the monthly accounting export.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PRINCIPAL_HEADER } from '../../sandbox/core/types';
import type { Sandbox } from '../../sandbox/platform';
import { smallAgency, startAgency } from '../helpers/agency';
import { call, jiraSearch, ok, requestId } from './money-kit';

interface Profit {
  revenue: string;
  fees: string;
  labourCost: string;
  otherCosts: string;
  margin: string;
  marginPercent: string | null;
  hoursUsed: string;
  allowanceHours: string | null;
  complete: boolean;
  people: Array<{ accountId: string; hours: string; rate: string | null; rateSource: string | null; cost: string }>;
  unrated: Array<{ accountId: string; hours: string }>;
}

async function jira(sb: Sandbox, as: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sb.site.baseUrl}${path}`, { method, headers: { [PRINCIPAL_HEADER]: `user:${as}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function logWork(sb: Sandbox, as: string, issueKey: string, seconds: number, started = '2026-11-02T10:00:00.000+0000'): Promise<string> {
  const r = await jira(sb, as, 'POST', `/rest/api/3/issue/${issueKey}/worklog`, { timeSpentSeconds: seconds, started });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return String(r.json['id']);
}

describe('money: profitability and export', () => {
  let sb: Sandbox;
  let t0Issue: string;
  let t1Issue: string;
  before(async () => {
    sb = await startAgency(smallAgency({ services: 2 }));
    const current = await ok<{ settings: Record<string, unknown> }>(sb, 'u-admin', 'money/settings/get', {});
    await ok(sb, 'u-admin', 'money/settings/save', { ...current.settings, costRates: { byAccount: { 'u-man-a': '500' }, byRole: { 'seo-specialist': '300' } } });
    sb.clock.set('2026-11-02T07:00:00Z');
    await sb.fireScheduled('daily-planner');
    const projects = await ok<{ service: { jiraProjectKey: string } }>(sb, 'u-head', 'services/get', { serviceId: 'sv-t0' });
    const other = await ok<{ service: { jiraProjectKey: string } }>(sb, 'u-head', 'services/get', { serviceId: 'sv-t1' });
    t0Issue = (await jiraSearch(sb, `project = ${projects.service.jiraProjectKey} ORDER BY key ASC`))[1]?.key as string;
    t1Issue = (await jiraSearch(sb, `project = ${other.service.jiraProjectKey} ORDER BY key ASC`))[1]?.key as string;
    assert.ok(t0Issue && t1Issue);
  });
  after(async () => {
    await sb.close();
  });

  test('should turn synced worklogs into labour cost by person, role and month', async () => {
    await logWork(sb, 'u-seo', t0Issue, 7200);
    await logWork(sb, 'u-man-a', t0Issue, 3600);
    await logWork(sb, 'u-copy', t0Issue, 1800);
    await logWork(sb, 'u-seo', t1Issue, 3600);
    // October work stays in October.
    await logWork(sb, 'u-seo', t0Issue, 3600, '2026-10-30T10:00:00.000+0000');
    sb.clock.set('2026-11-02T09:00:00Z');
    await sb.fireScheduled('hourly-planner');
    const p = await ok<Profit>(sb, 'u-man-a', 'money/profitability', { serviceId: 'sv-t0', period: '2026-11' });
    // Revenue: November's fee, net of VAT. Labour: 2 h × 300 (role) + 1 h × 500 (person); copywriter unrated.
    assert.equal(p.fees, '10000.00');
    assert.equal(p.revenue, '10000.00');
    assert.equal(p.labourCost, '1100.00');
    assert.equal(p.margin, '8900.00');
    assert.equal(p.marginPercent, '89.00');
    assert.equal(p.hoursUsed, '3.50');
    assert.equal(p.allowanceHours, '30.00');
    assert.equal(p.complete, false);
    assert.deepEqual(p.unrated, [{ accountId: 'u-copy', hours: '0.50' }]);
    assert.deepEqual(p.people.map((x) => [x.accountId, x.rateSource, x.cost]), [['u-copy', null, '0.00'], ['u-man-a', 'person', '500.00'], ['u-seo', 'role', '600.00']]);
    const oct = await ok<Profit>(sb, 'u-man-a', 'money/profitability', { serviceId: 'sv-t0', period: '2026-10' });
    assert.equal(oct.hoursUsed, '1.00');
    const other = await ok<Profit>(sb, 'u-man-b', 'money/profitability', { serviceId: 'sv-t1', period: '2026-11' });
    assert.equal(other.hoursUsed, '1.00');
  });

  test('should replace an edited worklog instead of counting it twice, and subtract other costs', async () => {
    const logs = await jira(sb, 'u-seo', 'GET', `/rest/api/3/issue/${t0Issue}/worklog`);
    const mine = (logs.json['worklogs'] as Array<{ id: string; author: { accountId: string }; started: string }>).find((w) => w.author.accountId === 'u-seo' && w.started.startsWith('2026-11'));
    const edit = await jira(sb, 'u-seo', 'PUT', `/rest/api/3/issue/${t0Issue}/worklog/${mine?.id}`, { timeSpentSeconds: 10800 });
    assert.equal(edit.status, 200, JSON.stringify(edit.json));
    sb.clock.set('2026-11-02T10:00:00Z');
    await sb.fireScheduled('hourly-planner');
    await sb.fireScheduled('hourly-planner');
    const p = await ok<Profit>(sb, 'u-man-a', 'money/profitability', { serviceId: 'sv-t0', period: '2026-11' });
    assert.equal(p.labourCost, '1400.00');
    assert.equal(p.hoursUsed, '4.50');
    const withCosts = await ok<Profit>(sb, 'u-man-a', 'money/costs/save', { serviceId: 'sv-t0', period: '2026-11', items: [{ label: 'Ahrefs licence', amount: '1500.00' }] });
    assert.equal(withCosts.otherCosts, '1500.00');
    assert.equal(withCosts.margin, '7100.00');
    assert.equal((await call(sb, 'u-seo', 'money/profitability', { serviceId: 'sv-t0', period: '2026-11' })).error?.code, 'FORBIDDEN');
    assert.equal((await call(sb, 'u-man-a', 'money/costs/save', { serviceId: 'sv-t0', period: '2026-11', items: [{ label: 'x', amount: '-1.00' }] })).error?.code, 'VALIDATION');
  });

  test('should take a deleted worklog out of labour cost, once, even when the feed is replayed', async () => {
    const logs = await jira(sb, 'u-man-a', 'GET', `/rest/api/3/issue/${t0Issue}/worklog`);
    const mine = (logs.json['worklogs'] as Array<{ id: string; author: { accountId: string } }>).find((w) => w.author.accountId === 'u-man-a');
    const del = await jira(sb, 'u-man-a', 'DELETE', `/rest/api/3/issue/${t0Issue}/worklog/${mine?.id}`);
    assert.equal(del.status, 204);
    sb.clock.set('2026-11-02T11:00:00Z');
    await sb.fireScheduled('hourly-planner');
    // A second run (and a duplicate delivery of the same feed page) changes nothing more.
    await sb.fireScheduled('hourly-planner');
    const p = await ok<Profit>(sb, 'u-man-a', 'money/profitability', { serviceId: 'sv-t0', period: '2026-11' });
    assert.equal(p.labourCost, '900.00');
    assert.equal(p.hoursUsed, '3.50');
    assert.deepEqual(p.people.map((x) => x.accountId), ['u-copy', 'u-seo']);
  });

  test('should export the month for the bookkeeper as CSV and JSON', async () => {
    const invoices = await ok<Array<{ id: string; number: string; origin: string }>>(sb, 'u-head', 'money/invoices/list', { serviceId: 'sv-t0' });
    const fee = invoices.find((i) => i.origin === 'monthly-fee');
    await ok(sb, 'u-head', 'money/payments/register', { serviceId: 'sv-t0', requestId: requestId('exp'), amount: '12000.00', date: '2026-11-02', invoiceId: fee?.id, reference: '=HYPERLINK("x")' });
    const csv = await ok<{ filename: string; contentType: string; content: string }>(sb, 'u-head', 'money/export', { month: '2026-11', format: 'csv' });
    assert.equal(csv.filename, 'retainer-2026-11.csv');
    const lines = csv.content.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.match(lines[0] as string, /^record,number,date/);
    assert.ok(lines.some((l) => l.startsWith(`invoice,${fee?.number},`) && l.includes(',12000.00,12000.00,0.00,')));
    assert.ok(lines.some((l) => l.startsWith('payment,') && l.includes(fee?.number as string)));
    assert.ok(lines.some((l) => l.includes(`"'=HYPERLINK(""x"")"`)), 'formula-looking text is neutralised');
    const json = await ok<{ content: string }>(sb, 'u-head', 'money/export', { month: '2026-11', format: 'json' });
    const parsed = JSON.parse(json.content) as { invoices: Array<{ number: string; status: string }>; payments: unknown[]; acts: unknown[] };
    assert.equal(parsed.invoices.find((i) => i.number === fee?.number)?.status, 'paid');
    assert.equal(parsed.payments.length, 1);
  });
});
