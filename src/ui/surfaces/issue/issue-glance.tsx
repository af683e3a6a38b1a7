// Issue context (right column) and issue panel: who the client is, hours this month against the
// allowance, planned hours, the fee when the viewer may see money, and a way to the dashboard.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { IssueContextSnapshot } from '../../../shared/api';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { HoursBar } from '../../components/hours-bar';
import { SkeletonLines } from '../../components/loading-state';
import { ServiceStatusLozenge, ToneLozenge } from '../../components/status-lozenge';
import { useIssuePanel } from '../../hooks/use-data';
import { useI18n } from '../../i18n/i18n';
import { useAppContext } from '../../platform/app-context';
import { openProjectPage } from '../../services/navigation';

const row = xcss({ paddingBlock: 'space.025' });

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }): JSX.Element {
  return (
    <Box xcss={row} testId={testId}>
      <Inline spread="space-between" alignBlock="baseline" space="space.100">
        <span style={{ color: token('color.text.subtle') }}>{label}</span>
        <span className="rt-num">{value}</span>
      </Inline>
    </Box>
  );
}

/** "SEO" rather than "SEO · SEO" when the service is named after its type. */
export function serviceLine(name: string, typeLabel: string): string {
  return name.trim().toLowerCase() === typeLabel.toLowerCase() ? typeLabel : `${name} · ${typeLabel}`;
}

function Glance({ s, variant, projectKey }: { s: IssueContextSnapshot; variant: 'context' | 'panel'; projectKey: string | null }): JSX.Element {
  const i18n = useI18n();
  const identity = (
    <Stack space="space.075">
      <Inline spread="space-between" alignBlock="start" space="space.100">
        <Stack space="space.025">
          <Heading size="xsmall" as="h2">
            {s.clientName}
          </Heading>
          <span style={{ color: token('color.text.subtle') }}>{serviceLine(s.serviceName, i18n.serviceType(s.serviceType))}</span>
        </Stack>
        <Inline space="space.050" shouldWrap>
          <ToneLozenge tone={s.badge.tone} label={s.badge.label} bold />
          <ServiceStatusLozenge status={s.status} />
        </Inline>
      </Inline>
    </Stack>
  );
  const numbers = (
    <Stack space="space.100">
      <HoursBar value={s.hoursLogged} allowance={s.allowanceHours} label={`${i18n.t('issue.hoursThisMonth')} · ${i18n.month(s.month)}`} />
      <Stack space="space.0">
        <Fact label={i18n.t('issue.planned')} value={i18n.hours(s.plannedHours)} testId="glance-planned" />
        {s.money ? <Fact label={i18n.t('issue.monthlyFee')} value={i18n.money(s.money.monthlyFee, s.money.currency)} testId="glance-fee" /> : null}
      </Stack>
    </Stack>
  );
  const footer = (
    <Inline spread="space-between" alignBlock="center" shouldWrap space="space.100">
      {projectKey ? (
        <Button appearance="default" onClick={() => void openProjectPage(projectKey)}>
          {i18n.t('issue.openDashboard')}
        </Button>
      ) : (
        <span />
      )}
      <span className="rt-small" style={{ color: token('color.text.subtlest') }}>
        {i18n.t('issue.updated', { time: i18n.dateTime(s.computedAt) })}
      </span>
    </Inline>
  );
  if (variant === 'panel') {
    return (
      <Stack space="space.200" testId="issue-glance">
        <Grid templateColumns="minmax(0, 1fr) minmax(0, 1fr)" gap="space.300" alignItems="start">
          {identity}
          {numbers}
        </Grid>
        {footer}
      </Stack>
    );
  }
  return (
    <Stack space="space.200" testId="issue-glance">
      {identity}
      {numbers}
      {footer}
    </Stack>
  );
}

export function IssueGlance({ variant }: { variant: 'context' | 'panel' }): JSX.Element {
  const { t } = useI18n();
  const ctx = useAppContext();
  const { data, error, loading, reload } = useIssuePanel();
  if (loading) return <SkeletonLines lines={5} />;
  if (error) return <ErrorSection error={error} onRetry={reload} />;
  if (!data) return <EmptyState compact title={t('issue.notService.title')} body={t('issue.notService.body')} />;
  return <Glance s={data} variant={variant} projectKey={ctx.project?.key ?? null} />;
}
