// Create or edit a service: client, type, people, dates, billing, allowance, reports; and, once
// saved, set it up in Jira & Confluence with live job progress.
import { DatePicker } from '@atlaskit/datetime-picker';
import Heading from '@atlaskit/heading';
import { Box, Grid, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { Client, Service, ServiceInput, SetupState } from '../../../shared/api';
import { Field, fieldError } from '../../components/field';
import { FormActions, SaveErrors } from '../../components/form-bits';
import { serviceTypeOptions, statusOptions } from '../../components/options';
import { SingleSelect, useUserOptions } from '../../components/selects';
import { useUsers } from '../../hooks/use-data';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';
import { BillingSection, ReportsSection, SetupSection, TeamSection } from './service-form-sections';

const form = xcss({ maxWidth: '820px' });
const CLAIMED = ['clientId', 'type', 'name', 'managerAccountId', 'headAccountId', 'team', 'startDate', 'status', 'billing', 'monthlyHourAllowance', 'reportSchedule', 'jiraProjectKey'];

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function toInput(s: Service | null, clients: Client[]): ServiceInput {
  if (!s) {
    return {
      clientId: clients[0]?.id ?? '', type: 'seo', name: '', managerAccountId: '', headAccountId: '', team: {}, startDate: today(), status: 'active',
      billing: { monthlyFee: '', commissionPercent: '0', vatRatePercent: '0', prepaidAdBudget: false }, monthlyHourAllowance: 0,
      reportSchedule: { weekly: { enabled: false, weekday: 1 }, monthly: { enabled: true, dayOfMonth: 3 }, autoSend: false }, jiraProjectKey: '',
    };
  }
  const { createdAt: _c, updatedAt: _u, jiraProjectId: _p, ...rest } = s;
  return { ...rest, jiraProjectKey: s.jiraProjectKey ?? '' };
}

export interface SectionProps {
  d: ServiceInput;
  setD(next: ServiceInput): void;
  err(path: string): string | undefined;
}

export function ServiceForm({ service, setup, clients, onCancel, onSaved, onSetupSettled }: { service: Service | null; setup: SetupState | null; clients: Client[]; onCancel(): void; onSaved(): void; onSetupSettled?(): void }): JSX.Element {
  const i18n = useI18n();
  const [d, setD] = useState<ServiceInput>(() => toInput(service, clients));
  const [allowance, setAllowance] = useState(String(d.monthlyHourAllowance));
  const users = useUsers();
  const userOptions = useUserOptions(users.data);
  const save = useMutation('services/save');
  const err = (p: string) => fieldError(save.error?.fields, p);
  const clientOptions = clients.map((c) => ({ value: c.id, label: c.name }));

  const submit = async () => {
    const n = allowance.trim() === '' ? Number.NaN : Number(allowance.replace(',', '.'));
    const r = await save.run({ ...d, monthlyHourAllowance: n });
    if (r.ok) {
      notifySuccess(i18n.t('admin.saved'));
      onSaved();
    }
  };
  const props: SectionProps = { d, setD, err };

  return (
    <Box xcss={form}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
        aria-label={service ? i18n.t('services.editTitle') : i18n.t('services.createTitle')}
      >
        <Stack space="space.100">
          <Heading size="medium" as="h2">
            {service ? i18n.t('services.editTitle') : i18n.t('services.createTitle')}
          </Heading>
          <SaveErrors error={save.error} claimed={CLAIMED} />
          <Grid templateColumns="1fr 1fr" gap="space.200">
            <Field id="svc-client" label={i18n.t('services.client')} error={err('clientId')}>
              <SingleSelect id="svc-client" options={clientOptions} value={d.clientId} onChange={(v) => setD({ ...d, clientId: v })} isInvalid={!!err('clientId')} isDisabled={!!service} />
            </Field>
            <Field id="svc-type" label={i18n.t('services.type')} error={err('type')}>
              <SingleSelect id="svc-type" options={serviceTypeOptions(i18n)} value={d.type} onChange={(v) => setD({ ...d, type: v })} isDisabled={!!service} />
            </Field>
            <Field id="svc-name" label={i18n.t('services.name')} error={err('name')}>
              <Textfield id="svc-name" value={d.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} isInvalid={!!err('name')} />
            </Field>
            <Field id="svc-status" label={i18n.t('services.status')} error={err('status')}>
              <SingleSelect id="svc-status" options={statusOptions(i18n)} value={d.status} onChange={(v) => setD({ ...d, status: v })} />
            </Field>
            <Field id="svc-manager" label={i18n.t('services.manager')} error={err('managerAccountId')}>
              <SingleSelect id="svc-manager" options={userOptions} value={d.managerAccountId} onChange={(v) => setD({ ...d, managerAccountId: v })} isInvalid={!!err('managerAccountId')} />
            </Field>
            <Field id="svc-head" label={i18n.t('services.head')} error={err('headAccountId')}>
              <SingleSelect id="svc-head" options={userOptions} value={d.headAccountId} onChange={(v) => setD({ ...d, headAccountId: v })} isInvalid={!!err('headAccountId')} />
            </Field>
            <Field id="svc-start" label={i18n.t('services.startDate')} error={err('startDate')}>
              <DatePicker id="svc-start" value={d.startDate} onChange={(v) => setD({ ...d, startDate: v })} locale={i18n.intlLocale} isInvalid={!!err('startDate')} />
            </Field>
            <Field id="svc-allowance" label={i18n.t('services.allowance')} error={err('monthlyHourAllowance')}>
              <Textfield id="svc-allowance" type="number" min={0} step={0.5} value={allowance} onChange={(e) => setAllowance(e.currentTarget.value)} isInvalid={!!err('monthlyHourAllowance')} />
            </Field>
            <Field id="svc-project" label={i18n.t('services.projectKey')} error={err('jiraProjectKey')} help={i18n.t('services.projectKey.help')}>
              <Textfield id="svc-project" value={d.jiraProjectKey ?? ''} onChange={(e) => setD({ ...d, jiraProjectKey: e.currentTarget.value.toUpperCase() })} isInvalid={!!err('jiraProjectKey')} />
            </Field>
          </Grid>
          <TeamSection {...props} userOptions={userOptions} />
          <BillingSection {...props} />
          <ReportsSection {...props} />
          <FormActions pending={save.pending} onCancel={onCancel} />
          {service && setup ? <SetupSection serviceId={service.id} setup={setup} onSettled={() => onSetupSettled?.()} /> : null}
        </Stack>
      </form>
    </Box>
  );
}
