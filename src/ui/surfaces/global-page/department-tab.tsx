// "Department": the head-of-department view — turnover by manager × service line against the plan
// (table and bar chart), KPI verdicts per manager, next month's capacity with over-booking marked,
// escalations from low client ratings, and the count of active money alerts.
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useMemo, useState } from 'react';
import type { HeadDashboard } from '../../../shared/api-dashboard';
import { LineBarChart } from '../../components/charts/line-bar-chart';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { LoadingState } from '../../components/loading-state';
import { MonthSwitcher } from '../../components/month-switcher';
import { useUsers } from '../../hooks/use-data';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n, type I18n } from '../../i18n/i18n';
import { openIssue } from '../../services/navigation';
import { DashboardCard, Muted } from './dashboard-bits';
import { SalesFunnel } from '../sales/funnel';



function Percent({ value }: { value: string | null }): JSX.Element {
  if (value === null) return <Muted>—</Muted>;
  const n = Number(value);
  return <span className="rt-num" style={{ color: n >= 100 ? token('color.text.success') : n < 70 ? token('color.text.danger') : undefined }}>{`${value}%`}</span>;
}

function Turnover({ d, i18n, name }: { d: HeadDashboard; i18n: I18n; name(id: string): string }): JSX.Element {
  const head = {
    cells: [
      { key: 'manager', content: i18n.t('dashboard.col.manager'), isSortable: true },
      ...d.serviceTypes.map((t) => ({ key: t, content: i18n.serviceType(t), isSortable: true })),
      { key: 'total', content: i18n.t('dashboard.col.total'), isSortable: true },
      { key: 'percent', content: i18n.t('dashboard.plan.percent'), isSortable: true },
    ],
  };
  const rows = d.turnover.map((r) => ({
    key: r.fulfilment.managerAccountId,
    cells: [
      { key: name(r.fulfilment.managerAccountId), content: <strong>{name(r.fulfilment.managerAccountId)}</strong> },
      ...d.serviceTypes.map((t) => {
        const l = r.fulfilment.lines.find((x) => x.serviceType === t);
        return {
          key: l ? Number(l.actual) : -1,
          content: l ? (
            <Stack space="space.025">
              <span className="rt-num">{i18n.money(l.actual, d.currency)}</span>
              {l.target ? <span className="rt-small rt-muted">{i18n.t('dashboard.targetPercent', { target: i18n.money(l.target, d.currency), percent: l.percent ?? '—' })}</span> : null}
            </Stack>
          ) : (
            <Muted>—</Muted>
          ),
        };
      }),
      { key: Number(r.fulfilment.total.actual), content: <strong className="rt-num">{i18n.money(r.fulfilment.total.actual, d.currency)}</strong> },
      { key: Number(r.fulfilment.total.percent ?? -1), content: <Percent value={r.fulfilment.total.percent} /> },
    ],
  }));
  const x = d.turnover.map((r) => name(r.fulfilment.managerAccountId));
  const series = [
    ...d.serviceTypes.map((t) => ({ label: i18n.serviceType(t), values: d.turnover.map((r) => Number(r.fulfilment.lines.find((l) => l.serviceType === t)?.actual ?? 0)) })),
    { label: i18n.t('dashboard.col.plan'), reference: true, values: d.turnover.map((r) => (r.fulfilment.total.target === null ? null : Number(r.fulfilment.total.target))) },
  ];
  return (
    <DashboardCard title={i18n.t('dashboard.turnover.title')} testId="turnover">
      <DynamicTable head={head} rows={rows} label={i18n.t('dashboard.turnover.title')} emptyView={<EmptyState compact title={i18n.t('dashboard.turnover.empty')} />} testId="turnover-table" />
      {d.turnover.length > 0 ? <LineBarChart kind="bar" x={x} series={series} currency={d.currency} height={260} ariaLabel={i18n.t('dashboard.turnover.chart')} testId="turnover-chart" /> : null}
    </DashboardCard>
  );
}

function Kpis({ d, i18n, name }: { d: HeadDashboard; i18n: I18n; name(id: string): string }): JSX.Element {
  const head = { cells: ['manager', 'services', 'on-track', 'at-risk', 'off-track', 'offServices'].map((k) => ({ key: k, content: i18n.t(`dashboard.kpiCol.${k}` as 'dashboard.kpiCol.manager'), isSortable: true })) };
  const all = [...d.kpi.byManager, { ...d.kpi.total, managerAccountId: '' }];
  const rows = all.map((m) => ({
    key: m.managerAccountId || 'total',
    cells: [
      { key: m.managerAccountId ? name(m.managerAccountId) : '~', content: m.managerAccountId ? name(m.managerAccountId) : <strong>{i18n.t('dashboard.col.total')}</strong> },
      { key: m.services, content: <span className="rt-num">{i18n.t('dashboard.kpi.withRollup', { n: m.withRollup, of: m.services })}</span> },
      { key: m.counts['on-track'], content: <span className="rt-num">{m.counts['on-track']}</span> },
      { key: m.counts['at-risk'], content: <span className="rt-num">{m.counts['at-risk']}</span> },
      { key: m.counts['off-track'], content: <span className="rt-num" style={{ color: m.counts['off-track'] > 0 ? token('color.text.danger') : undefined }}>{m.counts['off-track']}</span> },
      { key: m.offTrackServices, content: m.offTrackServices > 0 ? <Lozenge appearance="removed">{m.offTrackServices}</Lozenge> : <Muted>0</Muted> },
    ],
  }));
  return (
    <DashboardCard title={i18n.t('dashboard.kpiSummary.title')} testId="kpi-summary">
      <DynamicTable head={head} rows={rows} label={i18n.t('dashboard.kpiSummary.title')} testId="kpi-table" />
    </DashboardCard>
  );
}

function Capacity({ d, i18n, name }: { d: HeadDashboard; i18n: I18n; name(id: string): string }): JSX.Element {
  const c = d.capacity;
  const head = { cells: ['role', 'people', 'available', 'planned', 'free', 'utilisation'].map((k) => ({ key: k, content: i18n.t(`dashboard.cap.${k}` as 'dashboard.cap.role') })) };
  // Over-booked roles for the warning; a role nobody holds says so (its 0 h is why it is over-booked).
  const overbookedRoles = c.roles
    .filter((r) => r.overbooked)
    .map((r) => (r.unstaffed ? i18n.t('dashboard.cap.unstaffedRole', { role: i18n.role(r.role) }) : i18n.role(r.role)));
  const rows = c.roles.map((r) => ({
    key: r.role,
    cells: [
      {
        key: r.role,
        content: r.overbooked ? (
          <Inline space="space.075" shouldWrap>
            <span>{i18n.role(r.role)}</span>
            <Lozenge appearance="removed">{i18n.t('dashboard.cap.overbooked')}</Lozenge>
            {r.unstaffed ? <Lozenge appearance="moved">{i18n.t('dashboard.cap.unstaffed')}</Lozenge> : null}
          </Inline>
        ) : (
          i18n.role(r.role)
        ),
      },
      { key: 'p', content: <span className="rt-num">{r.people}</span> },
      { key: 'a', content: <span className="rt-num">{i18n.hours(r.availableHours)}</span> },
      { key: 'pl', content: <span className="rt-num">{i18n.hours(r.plannedHours)}</span> },
      { key: 'f', content: <span className="rt-num" style={{ color: r.freeHours < 0 ? token('color.text.danger') : undefined }}>{i18n.hours(r.freeHours)}</span> },
      { key: 'u', content: <span className="rt-num">{r.utilisation === null ? '—' : `${i18n.number(r.utilisation * 100, 0)}%`}</span> },
    ],
  }));
  return (
    <DashboardCard title={i18n.t('dashboard.cap.title', { month: i18n.month(c.month), days: c.workingDays })} testId="capacity">
      <DynamicTable head={head} rows={rows} label={i18n.t('dashboard.cap.title', { month: i18n.month(c.month), days: c.workingDays })} emptyView={<EmptyState compact title={i18n.t('dashboard.cap.empty')} />} testId="capacity-table" />
      {c.overbooked ? (
        <Stack space="space.050">
          {c.overbookedRoles.length > 0 ? (
            <span style={{ color: token('color.text.danger') }} data-testid="overbooked-roles">
              {i18n.t('dashboard.cap.overbookedRoles', { roles: overbookedRoles.join(', ') })}
            </span>
          ) : null}
          {c.overbookedPeople.length > 0 ? (
            <span style={{ color: token('color.text.danger') }} data-testid="overbooked-people">
              {i18n.t('dashboard.cap.overbookedPeople', { names: c.overbookedPeople.map(name).join(', ') })}
            </span>
          ) : null}
        </Stack>
      ) : (
        <Muted>{i18n.t('dashboard.cap.nobody')}</Muted>
      )}
    </DashboardCard>
  );
}

function Escalations({ d, i18n, name }: { d: HeadDashboard; i18n: I18n; name(id: string): string }): JSX.Element {
  return (
    <DashboardCard title={i18n.t('dashboard.esc.title', { n: d.escalations.length })} testId="escalations">
      {d.escalations.length === 0 ? (
        <Muted>{i18n.t('dashboard.esc.none')}</Muted>
      ) : (
        <Stack space="space.100">
          {d.escalations.map((e) => (
            <Inline key={e.reportId} space="space.100" alignBlock="start" shouldWrap>
              <Lozenge appearance="removed">{i18n.t('dashboard.esc.rating', { n: e.rating })}</Lozenge>
              <Stack space="space.025">
                <strong>
                  {e.clientName} · {e.serviceName}
                </strong>
                <span className="rt-small rt-muted">
                  {e.title} · {name(e.managerAccountId)} · {i18n.dateTime(e.at)}
                </span>
                {e.comment ? <span>“{e.comment}”</span> : null}
              </Stack>
              {e.issueKey ? (
                <button type="button" className="rt-link-button" onClick={() => void openIssue(e.issueKey as string)}>
                  {e.issueKey}
                </button>
              ) : null}
            </Inline>
          ))}
        </Stack>
      )}
    </DashboardCard>
  );
}

export function DepartmentTab({ currentMonth }: { currentMonth: string }): JSX.Element {
  const i18n = useI18n();
  const [month, setMonth] = useState(currentMonth);
  const data = useResolver('dashboard/head', { month });
  const users = useUsers();
  const names = useMemo(() => new Map((users.data ?? []).map((u) => [u.accountId, u.displayName])), [users.data]);
  const name = (id: string): string => names.get(id) ?? id;
  const d = data.data;
  return (
    <Stack space="space.200" testId="department">
      <MonthSwitcher month={month} onChange={(m) => setMonth(m ?? currentMonth)} isCurrent={month === currentMonth} />
      {data.error ? <ErrorSection error={data.error} onRetry={data.reload} /> : null}
      {data.loading && !d ? <LoadingState /> : null}
      {d ? (
        <>
          <Inline space="space.100" alignBlock="center" shouldWrap testId="alerts-summary">
            <strong>{i18n.t('dashboard.alerts', { n: d.alerts.total })}</strong>
            {Object.entries(d.alerts.byType).map(([type, n]) => (
              <Lozenge key={type} appearance="moved">{`${i18n.t(`dashboard.alert.${type}` as 'dashboard.alert.low-balance')}: ${n}`}</Lozenge>
            ))}
          </Inline>
          <Turnover d={d} i18n={i18n} name={name} />
          <Kpis d={d} i18n={i18n} name={name} />
          <Capacity d={d} i18n={i18n} name={name} />
          <Escalations d={d} i18n={i18n} name={name} />
          <SalesFunnel months={12} />
        </>
      ) : null}
    </Stack>
  );
}
