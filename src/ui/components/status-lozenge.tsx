// Lozenges for the states the app shows; one mapping from state to appearance.
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import type { JobStatus, ServiceStatus, SetupState, TaskSetState, TaskSetView } from '../../shared/api';
import { useI18n } from '../i18n/i18n';

const SERVICE: Record<ServiceStatus, ThemeAppearance> = { active: 'success', paused: 'moved', ended: 'default' };
const TASK_SET: Record<TaskSetState | 'none', ThemeAppearance> = { planned: 'new', creating: 'inprogress', created: 'success', failed: 'removed', none: 'default' };
const SETUP: Record<SetupState['state'], ThemeAppearance> = { 'not-started': 'default', running: 'inprogress', done: 'success', failed: 'removed' };
type TaskStatus = TaskSetView['items'][number]['status'];
const TASK: Record<TaskStatus, ThemeAppearance> = { todo: 'default', 'in-progress': 'inprogress', done: 'success' };
const JOB: Record<JobStatus['state'], ThemeAppearance> = { queued: 'default', running: 'inprogress', done: 'success', failed: 'removed' };
const TONE: Record<'success' | 'warning' | 'danger' | 'neutral', ThemeAppearance> = { success: 'success', warning: 'moved', danger: 'removed', neutral: 'default' };

export function ServiceStatusLozenge({ status }: { status: ServiceStatus }): JSX.Element {
  const { t } = useI18n();
  return <Lozenge appearance={SERVICE[status]}>{t(`status.${status}`)}</Lozenge>;
}

export function TaskSetStateLozenge({ state }: { state: TaskSetState | 'none' }): JSX.Element {
  const { t } = useI18n();
  return <Lozenge appearance={TASK_SET[state]}>{t(`taskState.${state}`)}</Lozenge>;
}

export function SetupStateLozenge({ setup }: { setup: SetupState }): JSX.Element {
  const { t } = useI18n();
  return <Lozenge appearance={SETUP[setup.state]}>{t(`setup.${setup.state}`)}</Lozenge>;
}

export function TaskStatusLozenge({ status }: { status: TaskStatus }): JSX.Element {
  const { t } = useI18n();
  return <Lozenge appearance={TASK[status]}>{t(`task.${status}`)}</Lozenge>;
}

export function JobStateLozenge({ state }: { state: JobStatus['state'] }): JSX.Element {
  const { t } = useI18n();
  return <Lozenge appearance={JOB[state]}>{t(`job.${state}`)}</Lozenge>;
}

export function ToneLozenge({ tone, label, bold = false }: { tone: keyof typeof TONE; label: string; bold?: boolean }): JSX.Element {
  return (
    <Lozenge appearance={TONE[tone]} isBold={bold}>
      {label}
    </Lozenge>
  );
}
