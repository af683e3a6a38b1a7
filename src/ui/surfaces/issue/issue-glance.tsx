// Issue context (right column) and issue panel, both from one precomputed snapshot: the client and
// service with a status badge (worst of alerts, KPIs and hours), hours against the allowance, balance and
// runway, profitability (only for people who may see money), KPI verdicts with pacing, the last report and
// its rating, active alerts, and a way to the client dashboard.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Spinner from '@atlaskit/spinner';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useEffect, useRef } from 'react';
import type { IssueContextSnapshot } from '../../../shared/api';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { HoursBar } from '../../components/hours-bar';
import { SkeletonLines } from '../../components/loading-state';
import { ServiceStatusLozenge } from '../../components/status-lozenge';
import { useIssuePanel } from '../../hooks/use-data';
import { useI18n } from '../../i18n/i18n';
import { useAppContext } from '../../platform/app-context';
import { openProjectPage } from '../../services/navigation';
import { AlertsSection, Fact, KpiSection, MoneySection, ProfitSection, ReportSection, StatusBadge } from './panel-sections';

/** While a snapshot is being prepared the panel asks again this often, this many times. */
const POLL_MS = 3000;
const POLL_TIMES = 20;

// Reserved heights (about the size of the loaded content) so nothing jumps when data arrives.
const contextBox = xcss({ minHeight: '220px' });
const panelBox = xcss({ minHeight: '320px' });

/** "SEO" rather than "SEO · SEO" when the service is named after its type. */
export function serviceLine(name: string, typeLabel: string): string {
  return name.trim().toLowerCase() === typeLabel.toLowerCase() ? typeLabel : `${name} · ${typeLabel}`;
}

function Identity({ s, action }: { s: IssueContextSnapshot; action?: JSX.Element }): JSX.Element {
  const i18n = useI18n();
  return (
    <Inline spread="space-between" alignBlock="start" space="space.100">
      <Stack space="space.025">
        <Heading size="xsmall" as="h2">
          {s.clientName}
        </Heading>
        <span style={{ color: token('color.text.subtle') }}>{serviceLine(s.serviceName, i18n.serviceType(s.serviceType))}</span>
      </Stack>
      <Inline space="space.100" shouldWrap alignInline="end" alignBlock="center">
        <StatusBadge badge={s.badge} />
        {s.status !== 'active' ? <ServiceStatusLozenge status={s.status} /> : null}
        {action}
      </Inline>
    </Inline>
  );
}

function Hours({ s }: { s: IssueContextSnapshot }): JSX.Element {
  const i18n = useI18n();
  return (
    <Stack space="space.050" testId="panel-hours">
      <HoursBar value={s.hoursLogged} allowance={s.allowanceHours} label={`${i18n.t('issue.hoursThisMonth')} · ${i18n.month(s.month)}`} />
      <Fact label={i18n.t('issue.planned')} value={i18n.hours(s.plannedHours)} testId="glance-planned" />
    </Stack>
  );
}

function DashboardButton({ projectKey }: { projectKey: string }): JSX.Element {
  const i18n = useI18n();
  return (
    <Button appearance="default" onClick={() => void openProjectPage(projectKey)}>
      {i18n.t('issue.openDashboard')}
    </Button>
  );
}

function Updated({ at }: { at: string }): JSX.Element {
  const i18n = useI18n();
  return (
    <span className="rt-small" style={{ color: token('color.text.subtlest') }}>
      {i18n.t('issue.updated', { time: i18n.dateTime(at) })}
    </span>
  );
}

function Footer({ s, projectKey }: { s: IssueContextSnapshot; projectKey: string | null }): JSX.Element {
  return (
    <Inline spread="space-between" alignBlock="center" shouldWrap space="space.100">
      {projectKey && s.projectPageUrl ? <DashboardButton projectKey={projectKey} /> : <span />}
      <Updated at={s.computedAt} />
    </Inline>
  );
}

/** The right-column glance: identity, hours, the money that matters now, the two worst alerts. */
function ContextGlance({ s, projectKey }: { s: IssueContextSnapshot; projectKey: string | null }): JSX.Element {
  return (
    <Stack space="space.150" testId="issue-glance">
      <Identity s={s} />
      <Hours s={s} />
      {s.money ? <MoneySection money={s.money} compact /> : null}
      {s.alerts.length > 0 ? <AlertsSection alerts={s.alerts} limit={2} /> : null}
      <Footer s={s} projectKey={projectKey} />
    </Stack>
  );
}

/**
 * The full panel, laid out to fit the declared medium viewport (360 px): identity with the badge and the
 * dashboard link on one row, then figures, KPIs (worst first) and report, profitability and alerts in
 * three columns that wrap on narrow screens.
 */
function FullPanel({ s, projectKey }: { s: IssueContextSnapshot; projectKey: string | null }): JSX.Element {
  return (
    <Stack space="space.150" testId="issue-glance">
      <Identity s={s} action={projectKey && s.projectPageUrl ? <DashboardButton projectKey={projectKey} /> : undefined} />
      <Grid templateColumns="repeat(auto-fit, minmax(220px, 1fr))" gap="space.250" alignItems="start">
        <Stack space="space.100">
          <Hours s={s} />
          {s.money ? <MoneySection money={s.money} /> : null}
        </Stack>
        <KpiSection kpis={s.kpis} limit={4} />
        <Stack space="space.100">
          <ReportSection report={s.lastReport} />
          {s.money?.profit ? <ProfitSection profit={s.money.profit} currency={s.money.currency} /> : null}
          <AlertsSection alerts={s.alerts} limit={2} />
        </Stack>
      </Grid>
      <Updated at={s.computedAt} />
    </Stack>
  );
}

function Preparing(): JSX.Element {
  const { t } = useI18n();
  return (
    <Box testId="panel-preparing" aria-live="polite">
      <Inline space="space.100" alignBlock="start">
        <Spinner size="small" label={t('common.loading')} />
        <Stack space="space.050">
          <Heading size="xxsmall" as="h2">
            {t('panels.preparing.title')}
          </Heading>
          <span style={{ color: token('color.text.subtle') }}>{t('panels.preparing.body')}</span>
        </Stack>
      </Inline>
    </Box>
  );
}

export function IssueGlance({ variant }: { variant: 'context' | 'panel' }): JSX.Element {
  const { t } = useI18n();
  const ctx = useAppContext();
  const { data, error, loading, reload } = useIssuePanel();
  const polls = useRef(0);
  const preparing = data?.state === 'preparing';
  useEffect(() => {
    if (!preparing || loading || polls.current >= POLL_TIMES) return undefined;
    const timer = setTimeout(() => {
      polls.current += 1;
      reload();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [preparing, loading, reload]);

  let body: JSX.Element;
  if (error) body = <ErrorSection error={error} onRetry={reload} />;
  else if (data === undefined) body = <SkeletonLines lines={variant === 'panel' ? 8 : 6} />;
  else if (data === null) body = <EmptyState compact title={t('issue.notService.title')} body={t('issue.notService.body')} />;
  else if (data.state === 'preparing') body = <Preparing />;
  else body = variant === 'panel' ? <FullPanel s={data} projectKey={ctx.project?.key ?? null} /> : <ContextGlance s={data} projectKey={ctx.project?.key ?? null} />;
  return <Box xcss={variant === 'panel' ? panelBox : contextBox}>{body}</Box>;
}
