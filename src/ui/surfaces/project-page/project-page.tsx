// The service's dashboard on its Jira project: who and what, this month's task set against the
// hour allowance, other months, and adding extra work from templates.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useMemo, useState } from 'react';
import type { Client, Service, ServiceSummary } from '../../../shared/api';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { HoursBar } from '../../components/hours-bar';
import { LoadingState } from '../../components/loading-state';
import { MonthSwitcher } from '../../components/month-switcher';
import { ServiceStatusLozenge, TaskSetStateLozenge } from '../../components/status-lozenge';
import { useServiceByProject, useTaskSet, useUsers } from '../../hooks/use-data';
import { useI18n } from '../../i18n/i18n';
import { useAppContext } from '../../platform/app-context';
import { AddExtraModal } from './add-extra-modal';
import { TaskTable } from './task-table';

const page = xcss({ paddingInline: 'space.100', paddingBlock: 'space.100', maxWidth: '1200px' });

function Header({ service, client, summary }: { service: Service; client: Client; summary: ServiceSummary }): JSX.Element {
  const i18n = useI18n();
  const fact = (label: string, value: JSX.Element | string) => (
    <Stack space="space.050">
      <span className="rt-small rt-muted">{label}</span>
      <span>{value}</span>
    </Stack>
  );
  return (
    <Stack space="space.150">
      <Heading size="large" as="h1">
        {client.name} · {service.name}
      </Heading>
      <Inline space="space.400" shouldWrap>
        {fact(i18n.t('project.type'), i18n.serviceType(service.type))}
        {fact(i18n.t('project.status'), <ServiceStatusLozenge status={service.status} />)}
        {fact(i18n.t('project.manager'), summary.managerName)}
      </Inline>
    </Stack>
  );
}

export function ProjectPage(): JSX.Element {
  const i18n = useI18n();
  const ctx = useAppContext();
  const svc = useServiceByProject(ctx.project?.key ?? null);
  const [month, setMonth] = useState<string | undefined>(undefined);
  const [extraOpen, setExtraOpen] = useState(false);
  const serviceId = svc.data?.service.id ?? null;
  const set = useTaskSet(serviceId, month);
  const users = useUsers();
  const names = useMemo(() => new Map((users.data ?? []).map((u) => [u.accountId, u.displayName])), [users.data]);
  const reloadSet = set.reload;
  const onExtraDone = useCallback(() => reloadSet(), [reloadSet]);

  if (!ctx.project || (svc.error && svc.error.code === 'NOT_FOUND')) {
    return <EmptyState title={i18n.t('project.notService.title')} body={i18n.t('project.notService.body')} />;
  }
  if (svc.loading && !svc.data) return <LoadingState />;
  if (svc.error || !svc.data) return svc.error ? <ErrorSection error={svc.error} onRetry={svc.reload} /> : <LoadingState />;

  const { service, client, summary } = svc.data;
  const view = set.data;
  const canAddExtra = month === undefined && service.status === 'active';

  return (
    <Box xcss={page} testId="project-page">
      <Stack space="space.300">
        <Header service={service} client={client} summary={summary} />
        <Inline spread="space-between" alignBlock="center" shouldWrap space="space.200">
          {view ? <MonthSwitcher month={view.month} onChange={setMonth} isCurrent={month === undefined} /> : <span />}
          <Inline space="space.100" alignBlock="center">
            {view ? <TaskSetStateLozenge state={view.state} /> : null}
            {view?.epicKey ? <span className="rt-small rt-muted">{i18n.t('project.epic', { key: view.epicKey })}</span> : null}
            {canAddExtra ? (
              <Button appearance="primary" onClick={() => setExtraOpen(true)}>
                {i18n.t('project.addExtra')}
              </Button>
            ) : null}
          </Inline>
        </Inline>
        {set.error ? <ErrorSection error={set.error} onRetry={set.reload} /> : null}
        {set.loading && !view ? <LoadingState /> : null}
        {view ? (
          <Stack space="space.200">
            {view.monthNumber > 0 ? <span className="rt-muted">{i18n.t('common.monthNumber', { n: view.monthNumber })}</span> : null}
            <Grid templateColumns="repeat(auto-fit, minmax(260px, 1fr))" gap="space.300">
              <HoursBar value={view.plannedHours} allowance={view.allowanceHours} label={i18n.t('project.plannedVsAllowance')} />
              <HoursBar value={view.loggedHours} allowance={view.allowanceHours} label={i18n.t('project.loggedVsAllowance')} />
            </Grid>
            {view.overAllowance ? (
              <SectionMessage appearance="warning" title={i18n.t('project.overAllowance.title')}>
                <p>{i18n.t('project.overAllowance.body', { planned: i18n.number(view.plannedHours), allowance: i18n.number(view.allowanceHours) })}</p>
              </SectionMessage>
            ) : null}
            {view.state === 'none' ? (
              <EmptyState title={i18n.t('project.noTaskSet.title', { month: i18n.month(view.month) })} body={i18n.t('project.noTaskSet.body')} />
            ) : (
              <div style={{ opacity: set.loading ? 0.6 : 1 }}>
                <TaskTable view={view} names={names} />
                <p className="rt-small rt-muted" style={{ color: token('color.text.subtlest') }}>
                  {i18n.t('project.totals', { planned: i18n.number(view.plannedHours), logged: i18n.number(view.loggedHours), allowance: i18n.number(view.allowanceHours) })}
                </p>
              </div>
            )}
          </Stack>
        ) : null}
      </Stack>
      {extraOpen && view ? <AddExtraModal service={service} month={view.month} onClose={() => setExtraOpen(false)} onDone={onExtraDone} /> : null}
    </Box>
  );
}
