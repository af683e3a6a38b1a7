import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgencySettings } from '../../domain/model';
import type { ServiceRecord } from '../../storage/records';
import { canSeeMoney, canSeeService, type Access } from '../access';
import { composeSnapshot, connectorAlerts, lastReport, reportRating, type ComposeInputs } from './compose';
import { refreshMessages } from './enqueue';
import { PanelRefreshMessage } from './refresh';
import { PanelSnapshotSchema, StoredPanelSchema } from './snapshot';
import { badgeOf, panelAccess, panelView } from './view';

const label = { en: 'Conversions', uk: 'Конверсії', ru: 'Конверсии' };

function inputs(over: Partial<ComposeInputs> = {}): ComposeInputs {
  return {
    computedAt: '2026-11-20T10:00:00.000Z',
    month: '2026-11',
    service: {
      id: 'sv-1',
      name: 'Google Ads',
      type: 'google-ads',
      status: 'active',
      managerAccountId: 'u-man',
      headAccountId: 'u-svc-head',
      team: { 'ppc-specialist': ['u-ppc'], copywriter: ['u-copy', 'u-ppc'] },
      monthlyHourAllowance: 20,
      jiraProjectKey: 'ACME',
    },
    clientName: 'Acme',
    plannedHours: 18.5,
    loggedSeconds: 3600 * 10 + 900,
    money: { currency: 'UAH', prepaid: true, monthlyFee: '15000.00', walletBalance: '4200.00', feesBalance: '-15000.00', averageDailySpend: '600.00', runwayDays: 7, adsStopDate: '2026-11-27', paidUntil: '2026-10-31' },
    profit: { period: '2026-11', revenue: '16500.00', cost: '9000.00', margin: '7500.00', marginPercent: '45.45', complete: true },
    kpis: [
      { id: 'conversions', label, unit: 'count', verdict: 'at-risk', value: 40, unbounded: null, target: 100, expectedByNow: 48, ratio: 0.83, },
      { id: 'margin', label, unit: 'percent', verdict: 'off-track', value: 10, unbounded: null, target: 40, expectedByNow: 40, ratio: 0.25 },
    ],
    moneyKpiIds: new Set(['margin']),
    reports: [
      { id: 'rp-sv-1-2026-10', kind: 'monthly', from: '2026-10-01', to: '2026-10-31', status: 'published', publishedAt: '2026-11-03T09:00:00Z', feedback: [
        { accountId: 'g-1', rating: 2, at: '2026-11-04T10:00:00Z' },
        { accountId: 'g-1', rating: 4, at: '2026-11-05T10:00:00Z' },
        { accountId: 'g-2', rating: 5, at: '2026-11-04T11:00:00Z' },
      ] },
      { id: 'rp-sv-1-w45', kind: 'weekly', from: '2026-11-02', to: '2026-11-08', status: 'draft', feedback: [] },
    ],
    moneyAlerts: [
      { type: 'runway-below', state: 'active', raisedAt: '2026-11-19T06:00:00Z', issueKey: 'ACME-9' },
      { type: 'ads-stopped', state: 'active', raisedAt: '2026-11-18T06:00:00Z', issueKey: 'ACME-8' },
      { type: 'overspend', state: 'cleared', raisedAt: '2026-11-01T06:00:00Z', issueKey: null },
    ],
    connections: [
      { source: 'Google Ads', status: 'auth-expired', statusAt: '2026-11-17T06:00:00Z', lastErrorAt: '2026-11-17T06:00:00Z', lastSuccessAt: '2026-11-16T06:00:00Z', issueKey: 'ACME-7' },
      { source: 'GA4', status: 'active', statusAt: null, lastErrorAt: '2026-11-19T06:00:00Z', lastSuccessAt: '2026-11-18T06:00:00Z', issueKey: null },
      { source: 'Yandex Metrica', status: 'active', statusAt: null, lastErrorAt: '2026-11-10T06:00:00Z', lastSuccessAt: '2026-11-18T06:00:00Z', issueKey: null },
    ],
    ...over,
  };
}

const agency: Pick<AgencySettings, 'adminAccountIds' | 'headAccountIds' | 'moneyVisibility'> = { adminAccountIds: ['u-admin'], headAccountIds: ['u-head'], moneyVisibility: 'manager-head-admin' };

test('should compose a snapshot the store accepts, with hours, team and the project page link', () => {
  const s = composeSnapshot(inputs());
  assert.ok(PanelSnapshotSchema.safeParse(s).success);
  assert.ok(StoredPanelSchema.safeParse(s).success);
  assert.deepEqual(s.hours, { logged: 10.25, allowance: 20, planned: 18.5 });
  assert.deepEqual(s.people, { managerAccountId: 'u-man', headAccountId: 'u-svc-head', team: ['u-copy', 'u-ppc'] });
  assert.equal(s.projectPageUrl, '/jira/projects/ACME/apps/retainer-project-page');
  assert.equal(s.money?.profit?.margin, '7500.00');
  assert.deepEqual(s.kpis.map((k) => [k.id, k.money]), [['conversions', false], ['margin', true]]);
});

test('should list active alerts worst first: money, connector access and failed syncs, not cleared ones', () => {
  const s = composeSnapshot(inputs());
  assert.deepEqual(
    s.alerts.map((a) => [a.source, a.type, a.severity, a.money]),
    [
      ['connector', 'auth-expired', 'danger', false],
      ['money', 'ads-stopped', 'danger', false],
      ['money', 'runway-below', 'danger', true],
      ['connector', 'sync-failed', 'warning', false],
    ],
  );
  assert.equal(s.alerts[0]?.subject, 'Google Ads');
  // A failure followed by a success is not a problem.
  assert.equal(connectorAlerts([{ source: 'X', status: 'active', statusAt: null, lastErrorAt: '2026-11-01', lastSuccessAt: '2026-11-02', issueKey: null }]).length, 0);
  assert.equal(connectorAlerts([{ source: 'X', status: 'active', statusAt: null, lastErrorAt: '2026-11-01', lastSuccessAt: null, issueKey: null }])[0]?.type, 'sync-failed');
});

test('should take the newest report and average each rater\'s latest rating', () => {
  const r = lastReport(inputs().reports);
  assert.equal(r?.reportId, 'rp-sv-1-w45');
  assert.equal(r?.rating, null);
  assert.deepEqual(reportRating(inputs().reports[0]?.feedback ?? []), { rating: 4.5, ratings: 2 });
  assert.equal(lastReport([]), null);
});

test('should give the manager everything, including money KPIs and money alerts', () => {
  const v = panelView(composeSnapshot(inputs()), { accountId: 'u-man', agency });
  assert.ok(v);
  assert.equal(v.money?.walletBalance, '4200.00');
  assert.equal(v.kpis.length, 2);
  assert.equal(v.alerts.length, 4);
  assert.deepEqual(v.badge, { tone: 'danger', reason: 'alert', count: 4 });
  assert.equal('money' in (v.kpis[0] ?? {}), false, 'the internal money flag does not reach the UI');
});

test('should strip money, money KPIs and money alerts for a specialist, and judge the badge on what is left', () => {
  const v = panelView(composeSnapshot(inputs()), { accountId: 'u-ppc', agency });
  assert.ok(v);
  assert.equal(v.money, null);
  assert.deepEqual(v.kpis.map((k) => k.id), ['conversions']);
  assert.deepEqual(v.alerts.map((a) => a.type), ['auth-expired', 'ads-stopped', 'sync-failed']);
  assert.ok(!JSON.stringify(v).includes('4200.00') && !JSON.stringify(v).includes('15000.00') && !JSON.stringify(v).includes('7500.00'));
  const calm = panelView(composeSnapshot(inputs({ moneyAlerts: [{ type: 'low-balance', state: 'active', raisedAt: '2026-11-19T06:00:00Z', issueKey: null }], connections: [] })), { accountId: 'u-ppc', agency });
  // The low-balance alert is hidden from the specialist, so their badge shows the KPI at risk instead.
  assert.deepEqual(calm?.badge, { tone: 'warning', reason: 'kpi-at-risk', count: 1 });
});

test('should show nothing to someone outside the service, and hide money from managers when limited to heads', () => {
  const s = composeSnapshot(inputs());
  assert.equal(panelView(s, { accountId: 'u-stranger', agency }), null);
  assert.equal(panelView(s, { accountId: 'g-1', agency }), null);
  const limited = { ...agency, moneyVisibility: 'head-admin' as const };
  assert.equal(panelView(s, { accountId: 'u-man', agency: limited })?.money, null);
  assert.ok(panelView(s, { accountId: 'u-svc-head', agency: limited })?.money);
  assert.ok(panelView(s, { accountId: 'u-head', agency: limited })?.money);
  assert.ok(panelView(s, { accountId: 'u-admin', agency: limited })?.money);
});

test('should agree with access.ts for every persona and money setting', () => {
  const snap = composeSnapshot(inputs());
  const service = { id: 'sv-1', managerAccountId: 'u-man', headAccountId: 'u-svc-head', team: inputs().service.team } as unknown as ServiceRecord;
  for (const moneyVisibility of ['manager-head-admin', 'head-admin'] as const) {
    const settings = { ...agency, moneyVisibility } as AgencySettings;
    for (const accountId of ['u-admin', 'u-head', 'u-svc-head', 'u-man', 'u-ppc', 'u-copy', 'u-stranger', 'g-1']) {
      const a: Access = { accountId, agency: settings, isAdmin: settings.adminAccountIds.includes(accountId), isHead: settings.headAccountIds.includes(accountId), services: [service] };
      assert.deepEqual(panelAccess({ accountId, agency: settings }, snap.people), { see: canSeeService(a, service), money: canSeeMoney(a, service) }, `${accountId} with ${moneyVisibility}`);
    }
  }
});

test('should rank the badge: inactive, danger alerts, off-track KPIs, hours over, warnings, at-risk, near allowance, ok', () => {
  const h = (logged: number) => ({ logged, allowance: 20, planned: 0 });
  assert.equal(badgeOf('paused', [{ severity: 'danger' }], [], h(30)).reason, 'inactive');
  assert.deepEqual(badgeOf('active', [], [{ verdict: 'off-track' }, { verdict: 'off-track' }], h(1)), { tone: 'danger', reason: 'kpi-off-track', count: 2 });
  assert.deepEqual(badgeOf('active', [{ severity: 'warning' }], [], h(21)), { tone: 'danger', reason: 'over-allowance', count: 105 });
  assert.deepEqual(badgeOf('active', [{ severity: 'warning' }], [{ verdict: 'at-risk' }], h(1)), { tone: 'warning', reason: 'alert', count: 1 });
  assert.deepEqual(badgeOf('active', [], [{ verdict: 'at-risk' }], h(1)), { tone: 'warning', reason: 'kpi-at-risk', count: 1 });
  assert.deepEqual(badgeOf('active', [], [{ verdict: 'on-track' }], h(18)), { tone: 'warning', reason: 'near-allowance', count: 90 });
  assert.deepEqual(badgeOf('active', [], [{ verdict: 'on-track' }, { verdict: 'no-data' }], h(10)), { tone: 'success', reason: 'ok', count: 50 });
  assert.deepEqual(badgeOf('active', [], [], { logged: 5, allowance: 0, planned: 0 }), { tone: 'success', reason: 'ok', count: 0 });
});

test('should batch refresh requests by 50 with unique ids, each a valid job message', () => {
  const ids = Array.from({ length: 120 }, (_, i) => `sv-${i % 110}`);
  const m = refreshMessages(ids, 'planner');
  assert.deepEqual(m.map((x) => x.serviceIds?.length), [50, 50, 10]);
  for (const x of m) assert.ok(PanelRefreshMessage.safeParse(x).success);
  assert.equal(PanelRefreshMessage.safeParse({ kind: 'panel-refresh', reason: 'x' }).success, false);
  assert.equal(PanelRefreshMessage.safeParse({ kind: 'panel-refresh', projectKey: 'acme; drop' }).success, false);
  assert.ok(PanelRefreshMessage.safeParse({ kind: 'panel-refresh', projectKey: 'ACME2' }).success);
});

test('should carry site problems as alerts everyone on the service sees', () => {
  const s = composeSnapshot(inputs({ moneyAlerts: [], connections: [], siteProblems: [{ code: 'pages-drop', subject: 'https://acme.example/', since: '2026-11-15T06:00:00Z', severity: 'warning', issueKey: 'ACME-12' }] }));
  assert.deepEqual(s.alerts, [{ source: 'site', type: 'pages-drop', subject: 'https://acme.example/', issueKey: 'ACME-12', since: '2026-11-15T06:00:00Z', severity: 'warning', money: false }]);
  const v = panelView(s, { accountId: 'u-copy', agency });
  assert.equal(v?.alerts.length, 1);
  assert.equal(v?.badge.reason, 'alert');
});
