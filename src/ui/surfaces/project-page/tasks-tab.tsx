// The "Tasks" tab: the month's task set against the hour allowance, its progress (done, in progress,
// hours against the estimate), other months, and adding extra work from templates.
import Button from '@atlaskit/button/new';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useMemo, useState } from 'react';
import type { Service, TaskSetView } from '../../../shared/api';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { HoursBar } from '../../components/hours-bar';
import { SkeletonLines } from '../../components/loading-state';
import { MonthSwitcher } from '../../components/month-switcher';
import { TaskSetStateLozenge } from '../../components/status-lozenge';
import { useTaskSet, useUsers } from '../../hooks/use-data';
import { useI18n } from '../../i18n/i18n';
import { AddExtraModal } from './add-extra-modal';
import { taskProgress } from './project-utils';
import { TaskTable } from './task-table';

const card = xcss({ padding: 'space.150', borderRadius: 'radius.medium', backgroundColor: 'elevation.surface.sunken', minHeight: '88px' });

function Progress({ view }: { view: TaskSetView }): JSX.Element {
  const i18n = useI18n();
  const p = useMemo(() => taskProgress(view.items), [view.items]);
  const over = p.loggedHours > p.estimateHours;
  return (
    <Grid templateColumns="repeat(auto-fit, minmax(220px, 1fr))" gap="space.200" testId="task-progress">
      <Box xcss={card}>
        <Stack space="space.100">
          <span className="rt-small rt-muted">{i18n.t('project.progress.done')}</span>
          <strong className="rt-num">{i18n.t('project.progress.doneOf', { done: p.done, total: p.total })}</strong>
          <ProgressBar value={p.doneShare} ariaLabel={i18n.t('project.progress.doneOf', { done: p.done, total: p.total })} appearance="success" />
        </Stack>
      </Box>
      <Box xcss={card}>
        <Stack space="space.100">
          <span className="rt-small rt-muted">{i18n.t('project.progress.states')}</span>
          <span className="rt-num">{i18n.t('project.progress.statesValue', { inProgress: p.inProgress, todo: p.todo })}</span>
        </Stack>
      </Box>
      <Box xcss={card}>
        <Stack space="space.100">
          <span className="rt-small rt-muted">{i18n.t('project.progress.hoursVsEstimate')}</span>
          <span className="rt-num" style={{ color: over ? token('color.text.danger') : undefined }}>
            {i18n.t('project.progress.hoursValue', { logged: i18n.number(p.loggedHours), estimate: i18n.number(p.estimateHours) })}
          </span>
          <span className="rt-small rt-muted">{i18n.t('project.progress.doneHours', { logged: i18n.number(p.doneLoggedHours), estimate: i18n.number(p.doneEstimateHours) })}</span>
        </Stack>
      </Box>
    </Grid>
  );
}

export function TasksTab({ service }: { service: Service }): JSX.Element {
  const i18n = useI18n();
  const [month, setMonth] = useState<string | undefined>(undefined);
  const [extraOpen, setExtraOpen] = useState(false);
  const set = useTaskSet(service.id, month);
  const users = useUsers();
  const names = useMemo(() => new Map((users.data ?? []).map((u) => [u.accountId, u.displayName])), [users.data]);
  const reloadSet = set.reload;
  const onExtraDone = useCallback(() => reloadSet(), [reloadSet]);
  const view = set.data;
  const canAddExtra = month === undefined && service.status === 'active';

  return (
    <Stack space="space.300">
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
              <Stack space="space.200">
                <Progress view={view} />
                <TaskTable view={view} names={names} />
              </Stack>
              <p className="rt-small rt-muted" style={{ color: token('color.text.subtlest') }}>
                {i18n.t('project.totals', { planned: i18n.number(view.plannedHours), logged: i18n.number(view.loggedHours), allowance: i18n.number(view.allowanceHours) })}
              </p>
            </div>
          )}
        </Stack>
      ) : set.loading ? (
        <SkeletonLines lines={4} />
      ) : null}
      {extraOpen && view ? <AddExtraModal service={service} month={view.month} onClose={() => setExtraOpen(false)} onDone={onExtraDone} /> : null}
    </Stack>
  );
}
