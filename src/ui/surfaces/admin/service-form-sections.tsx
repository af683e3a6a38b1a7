// Parts of the service form: team by role, billing terms, report schedule, setup.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Heading from '@atlaskit/heading';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { ROLES } from '../../../domain/model';
import type { JobStatus, SetupState } from '../../../shared/api';
import { useErrorFlag } from '../../components/error-flag';
import { ErrorMessage } from '@atlaskit/form';
import { Field } from '../../components/field';
import { JobProgress } from '../../components/job-progress';
import type { Option } from '../../components/options';
import { MultiSelect, SingleSelect } from '../../components/selects';
import { SetupStateLozenge } from '../../components/status-lozenge';
import { useJob } from '../../hooks/use-job';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';
import type { SectionProps } from './service-form';

const section = xcss({ paddingBlockStart: 'space.200' });
const setupBox = xcss({ marginBlockStart: 'space.300', padding: 'space.200', backgroundColor: 'color.background.neutral.subtle', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium' });

export function TeamSection({ d, setD, err, userOptions }: SectionProps & { userOptions: Option[] }): JSX.Element {
  const i18n = useI18n();
  return (
    <Box xcss={section}>
      <Stack space="space.100">
        <Heading size="small" as="h3">
          {i18n.t('services.team')}
        </Heading>
        <span className="rt-small rt-muted">{i18n.t('services.team.help')}</span>
        <Grid templateColumns="1fr 1fr" gap="space.150">
          {ROLES.filter((r) => r !== 'manager').map((role) => (
            <Field key={role} id={`team-${role}`} label={i18n.role(role)} error={err(`team.${role}`)}>
              <MultiSelect id={`team-${role}`} options={userOptions} value={d.team[role] ?? []} onChange={(v) => setD({ ...d, team: { ...d.team, [role]: v } })} />
            </Field>
          ))}
        </Grid>
      </Stack>
    </Box>
  );
}

export function BillingSection({ d, setD, err }: SectionProps): JSX.Element {
  const i18n = useI18n();
  const set = (k: 'monthlyFee' | 'commissionPercent' | 'vatRatePercent', v: string) => setD({ ...d, billing: { ...d.billing, [k]: v } });
  return (
    <Box xcss={section}>
      <Stack space="space.100">
        <Heading size="small" as="h3">
          {i18n.t('services.billing')}
        </Heading>
        <Grid templateColumns="1fr 1fr 1fr" gap="space.150">
          <Field id="bill-fee" label={i18n.t('services.fee')} error={err('billing.monthlyFee')}>
            <Textfield id="bill-fee" inputMode="decimal" value={d.billing.monthlyFee} onChange={(e) => set('monthlyFee', e.currentTarget.value)} isInvalid={!!err('billing.monthlyFee')} />
          </Field>
          <Field id="bill-commission" label={i18n.t('services.commission')} error={err('billing.commissionPercent')}>
            <Textfield id="bill-commission" inputMode="decimal" value={d.billing.commissionPercent} onChange={(e) => set('commissionPercent', e.currentTarget.value)} isInvalid={!!err('billing.commissionPercent')} />
          </Field>
          <Field id="bill-vat" label={i18n.t('services.vat')} error={err('billing.vatRatePercent')}>
            <Textfield id="bill-vat" inputMode="decimal" value={d.billing.vatRatePercent} onChange={(e) => set('vatRatePercent', e.currentTarget.value)} isInvalid={!!err('billing.vatRatePercent')} />
          </Field>
        </Grid>
        <Checkbox
          isChecked={d.billing.prepaidAdBudget}
          onChange={(e) => setD({ ...d, billing: { ...d.billing, prepaidAdBudget: e.currentTarget.checked } })}
          label={i18n.t('services.prepaid')}
          name="prepaid"
        />
      </Stack>
    </Box>
  );
}

export function ReportsSection({ d, setD, err }: SectionProps): JSX.Element {
  const i18n = useI18n();
  const rs = d.reportSchedule;
  const weekdays: Option[] = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: String(n), label: i18n.t(`weekday.${n}` as 'weekday.1') }));
  const days: Option[] = Array.from({ length: 28 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
  const weeklyError = err('reportSchedule.weekly');
  const monthlyError = err('reportSchedule.monthly');
  return (
    <Box xcss={section}>
      <Stack space="space.150">
        <Heading size="small" as="h3">
          {i18n.t('services.reports')}
        </Heading>
        <Grid templateColumns="240px 240px" gap="space.150" alignItems="center">
          <Checkbox isChecked={rs.weekly.enabled} onChange={(e) => setD({ ...d, reportSchedule: { ...rs, weekly: { ...rs.weekly, enabled: e.currentTarget.checked } } })} label={i18n.t('services.weekly')} name="weekly" />
          <SingleSelect id="rep-weekday" ariaLabel={i18n.t('services.weekday')} options={weekdays} value={String(rs.weekly.weekday)} onChange={(v) => setD({ ...d, reportSchedule: { ...rs, weekly: { ...rs.weekly, weekday: Number(v) } } })} isDisabled={!rs.weekly.enabled} isInvalid={!!weeklyError} />
          <Checkbox isChecked={rs.monthly.enabled} onChange={(e) => setD({ ...d, reportSchedule: { ...rs, monthly: { ...rs.monthly, enabled: e.currentTarget.checked } } })} label={i18n.t('services.monthly')} name="monthly" />
          <SingleSelect id="rep-day" ariaLabel={i18n.t('services.dayOfMonth')} options={days} value={String(rs.monthly.dayOfMonth)} onChange={(v) => setD({ ...d, reportSchedule: { ...rs, monthly: { ...rs.monthly, dayOfMonth: Number(v) } } })} isDisabled={!rs.monthly.enabled} isInvalid={!!monthlyError} />
        </Grid>
        {weeklyError || monthlyError ? <ErrorMessage>{weeklyError ?? monthlyError}</ErrorMessage> : null}
        <Checkbox isChecked={rs.autoSend} onChange={(e) => setD({ ...d, reportSchedule: { ...rs, autoSend: e.currentTarget.checked } })} label={i18n.t('services.autoSend')} name="autosend" />
      </Stack>
    </Box>
  );
}

export function SetupSection({ serviceId, setup, onSettled }: { serviceId: string; setup: SetupState; onSettled(): void }): JSX.Element {
  const i18n = useI18n();
  const start = useMutation('services/setup');
  const flagError = useErrorFlag();
  const [job, setJob] = useState<JobStatus>();
  const watch = useJob(job, (j) => {
    if (j.state === 'done') notifySuccess(i18n.t('services.setupDone'));
    onSettled();
  });
  const run = async () => {
    const r = await start.run({ serviceId });
    if (r.ok) setJob(r.data);
    else flagError(r.error);
  };
  const busy = start.pending || (!!job && !watch.settled) || setup.state === 'running';
  return (
    <Box xcss={setupBox} testId="setup-section">
      <Stack space="space.150">
        <Inline spread="space-between" alignBlock="center">
          <Inline space="space.100" alignBlock="center">
            <Heading size="small" as="h3">
              {i18n.t('services.setup')}
            </Heading>
            {watch.job ? null : <SetupStateLozenge setup={setup} />}
          </Inline>
          <Button onClick={() => void run()} isLoading={start.pending} isDisabled={busy || setup.state === 'done' || watch.job?.state === 'done'}>
            {i18n.t('services.setup')}
          </Button>
        </Inline>
        {setup.state === 'failed' && !job ? <span className="rt-small" style={{ color: token('color.text.danger') }}>{setup.message}</span> : null}
        {watch.job ? <JobProgress job={watch.job} runningLabel={i18n.t('services.setupRunning')} doneLabel={i18n.t('services.setupDone')} failedTitle={i18n.t('services.setupFailed')} /> : null}
      </Stack>
    </Box>
  );
}
