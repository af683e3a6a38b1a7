// "My clients": the manager view — per client service the payment status, balance and runway, spend
// against budget, stopped ads, the month's reports and feedback, and KPI verdicts; then the manager's
// plan fulfilment and bonus estimate. Money columns appear only when the backend sent money.
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { DashboardServiceRow, ManagerDashboard } from '../../../shared/api-dashboard';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { LoadingState } from '../../components/loading-state';
import { MonthSwitcher } from '../../components/month-switcher';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n, type I18n } from '../../i18n/i18n';
import { openProjectPage } from '../../services/navigation';
import { KpiLozenge, Muted, PaceLozenge, PaymentLozenge } from './dashboard-bits';

const card = xcss({ borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium', padding: 'space.200' });

function ClientCell({ r, i18n }: { r: DashboardServiceRow; i18n: I18n }): JSX.Element {
  const label = `${r.clientName} · ${r.serviceName}`;
  return (
    <Stack space="space.025">
      {r.jiraProjectKey ? (
        <button type="button" className="rt-link-button" aria-label={i18n.t('dashboard.openProject', { name: label })} onClick={() => void openProjectPage(r.jiraProjectKey as string)}>
          <strong>{r.clientName}</strong>
        </button>
      ) : (
        <strong>{r.clientName}</strong>
      )}
      <span className="rt-small rt-muted">
        {r.serviceName} · {i18n.serviceType(r.serviceType)}
      </span>
    </Stack>
  );
}

function moneyCells(r: DashboardServiceRow, i18n: I18n) {
  const m = r.money;
  if (!m) return [{ key: 'p', content: <Muted>{i18n.t('dashboard.hidden')}</Muted> }, { key: 'b', content: null }, { key: 's', content: null }];
  return [
    {
      key: `${['overdue', 'unpaid', 'paid', 'none'].indexOf(m.paymentStatus)}`,
      content: (
        <Stack space="space.025">
          <PaymentLozenge status={m.paymentStatus} />
          {m.openInvoices > 0 ? <span className="rt-small rt-num">{i18n.t('dashboard.outstanding', { amount: i18n.money(m.outstanding, m.currency), n: m.openInvoices })}</span> : null}
        </Stack>
      ),
    },
    {
      key: m.prepaid ? Number(m.walletBalance) : Number.MAX_SAFE_INTEGER,
      content: m.prepaid ? (
        <Stack space="space.025">
          <span className="rt-num" style={{ color: Number(m.walletBalance) < 0 ? token('color.text.danger') : undefined }}>{i18n.money(m.walletBalance, m.currency)}</span>
          <span className="rt-small rt-muted">{m.runwayDays === null ? i18n.t('dashboard.runway.unknown') : i18n.t('dashboard.runway.days', { n: m.runwayDays })}</span>
        </Stack>
      ) : (
        <Muted>{i18n.t('dashboard.postpaid')}</Muted>
      ),
    },
    {
      key: m.deviationPercent === null ? -1e9 : Number(m.deviationPercent),
      content: (
        <Stack space="space.025">
          <span className="rt-num">{m.budget ? i18n.t('dashboard.spendOf', { spend: i18n.money(m.spend, m.currency), budget: i18n.money(m.budget, m.currency) }) : i18n.money(m.spend, m.currency)}</span>
          <PaceLozenge pace={m.pace} deviation={m.deviationPercent} />
        </Stack>
      ),
    },
  ];
}

function rows(list: DashboardServiceRow[], i18n: I18n, withMoney: boolean) {
  return list.map((r) => ({
    key: r.serviceId,
    cells: [
      { key: `${r.clientName} ${r.serviceName}`, content: <ClientCell r={r} i18n={i18n} /> },
      ...(withMoney ? moneyCells(r, i18n) : []),
      { key: r.adsStopped ? 0 : 1, content: r.adsStopped ? <Lozenge appearance="removed">{i18n.t('dashboard.adsStopped')}</Lozenge> : <Muted>{i18n.t('dashboard.adsRunning')}</Muted> },
      { key: r.reports.sent - r.reports.due, content: <span className="rt-num">{i18n.t('dashboard.reportsSent', { sent: r.reports.sent, due: r.reports.due })}</span> },
      {
        key: r.feedback.average ?? 99,
        content: r.feedback.count > 0 ? (
          <span className="rt-num" style={{ color: (r.feedback.lowest ?? 5) <= 2 ? token('color.text.danger') : undefined }}>
            {i18n.t('dashboard.rating', { avg: i18n.number(r.feedback.average ?? 0, 1), n: r.feedback.count })}
          </span>
        ) : (
          <Muted>{i18n.t('dashboard.noFeedback')}</Muted>
        ),
      },
      { key: r.kpi.score ?? -1, content: <KpiLozenge kpi={r.kpi} /> },
    ],
  }));
}

function PlanCard({ plan, i18n }: { plan: NonNullable<ManagerDashboard['plan']>; i18n: I18n }): JSX.Element {
  const row = plan.row;
  return (
    <Box xcss={card} testId="plan-card">
      <Stack space="space.100">
        <Heading size="small" as="h2">
          {i18n.t('dashboard.plan.title')}
        </Heading>
        {!row || !row.fulfilment.hasPlan ? (
          <Muted>{i18n.t('dashboard.plan.none')}</Muted>
        ) : (
          <Inline space="space.400" shouldWrap>
            <Stack space="space.025">
              <span className="rt-small rt-muted">{i18n.t('dashboard.plan.turnover')}</span>
              <strong className="rt-num">
                {i18n.t('dashboard.plan.ofTarget', { actual: i18n.money(row.fulfilment.total.actual, plan.currency), target: row.fulfilment.total.target ? i18n.money(row.fulfilment.total.target, plan.currency) : '—' })}
              </strong>
            </Stack>
            <Stack space="space.025">
              <span className="rt-small rt-muted">{i18n.t('dashboard.plan.percent')}</span>
              <strong className="rt-num">{row.fulfilment.total.percent !== null ? `${row.fulfilment.total.percent}%` : '—'}</strong>
            </Stack>
            <Stack space="space.025">
              <span className="rt-small rt-muted">{i18n.t('dashboard.plan.bonus')}</span>
              <strong className="rt-num">{row.bonus ? i18n.money(row.bonus.amount, row.bonus.currency) : '—'}</strong>
            </Stack>
          </Inline>
        )}
        {row?.bonus ? <span className="rt-small rt-muted">{row.bonus.explanation[i18n.lang]}</span> : null}
      </Stack>
    </Box>
  );
}

export function MyClientsTab({ currentMonth, mayShowAll }: { currentMonth: string; mayShowAll: boolean }): JSX.Element {
  const i18n = useI18n();
  const [month, setMonth] = useState(currentMonth);
  const [all, setAll] = useState(false);
  const data = useResolver('dashboard/manager', all ? { month, all: true } : { month });
  const list = data.data?.rows ?? [];
  const withMoney = list.some((r) => r.money !== null);
  const head = {
    cells: [
      { key: 'client', content: i18n.t('dashboard.col.client'), isSortable: true },
      ...(withMoney
        ? [
            { key: 'payment', content: i18n.t('dashboard.col.payment'), isSortable: true },
            { key: 'balance', content: i18n.t('dashboard.col.balance'), isSortable: true },
            { key: 'spend', content: i18n.t('dashboard.col.spend'), isSortable: true },
          ]
        : []),
      { key: 'ads', content: i18n.t('dashboard.col.ads'), isSortable: true },
      { key: 'reports', content: i18n.t('dashboard.col.reports'), isSortable: true },
      { key: 'feedback', content: i18n.t('dashboard.col.feedback'), isSortable: true },
      { key: 'kpi', content: i18n.t('dashboard.col.kpi'), isSortable: true },
    ],
  };
  return (
    <Stack space="space.200" testId="my-clients">
      <Inline spread="space-between" alignBlock="center" shouldWrap space="space.200">
        <MonthSwitcher month={month} onChange={(m) => setMonth(m ?? currentMonth)} isCurrent={month === currentMonth} />
        {mayShowAll ? (
          <Inline space="space.050" alignBlock="center">
            <Toggle id="dash-show-all" isChecked={all} onChange={() => setAll((v) => !v)} label={i18n.t('dashboard.showAll')} />
            <label htmlFor="dash-show-all">{i18n.t('dashboard.showAll')}</label>
          </Inline>
        ) : null}
      </Inline>
      {data.error ? <ErrorSection error={data.error} onRetry={data.reload} /> : null}
      {data.loading && !data.data ? <LoadingState /> : null}
      {data.data ? (
        <>
          <DynamicTable
            head={head}
            rows={rows(list, i18n, withMoney)}
            isLoading={data.loading}
            defaultSortKey="client"
            defaultSortOrder="ASC"
            label={i18n.t('dashboard.tab.clients')}
            emptyView={<EmptyState title={i18n.t('dashboard.empty.title')} body={i18n.t('dashboard.empty.body')} />}
            testId="clients-table"
          />
          {data.data.plan ? <PlanCard plan={data.data.plan} i18n={i18n} /> : null}
        </>
      ) : null}
    </Stack>
  );
}
