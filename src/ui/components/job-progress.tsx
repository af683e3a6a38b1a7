// The live state of a background job: a progress bar, "n of m done", and the outcome.
import ProgressBar from '@atlaskit/progress-bar';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import type { JobStatus } from '../../shared/api';
import { useI18n } from '../i18n/i18n';
import { JobStateLozenge } from './status-lozenge';

export function JobProgress({ job, runningLabel, failedTitle, doneLabel }: { job: JobStatus; runningLabel: string; failedTitle: string; doneLabel?: string }): JSX.Element {
  const i18n = useI18n();
  if (job.state === 'failed') {
    return (
      <SectionMessage appearance="error" title={failedTitle}>
        <p>{job.message ?? i18n.t('error.internal')}</p>
      </SectionMessage>
    );
  }
  const { done, total } = job.progress;
  const value = total > 0 ? done / total : job.state === 'done' ? 1 : 0;
  return (
    <Stack space="space.075" testId="job-progress">
      <Inline spread="space-between" alignBlock="center">
        <span style={{ color: token('color.text.subtle') }}>{job.state === 'done' ? (doneLabel ?? i18n.t('job.done')) : runningLabel}</span>
        <JobStateLozenge state={job.state} />
      </Inline>
      <ProgressBar
        value={value}
        isIndeterminate={job.state === 'queued' || (job.state === 'running' && total === 0)}
        appearance={job.state === 'done' ? 'success' : 'default'}
        ariaLabel={runningLabel}
      />
      {total > 0 ? <span style={{ font: token('font.body.small'), color: token('color.text.subtlest') }}>{i18n.t('job.progress', { done, total })}</span> : null}
    </Stack>
  );
}
