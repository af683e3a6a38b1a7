// One service's money thresholds (low balance, runway, subscription end, ad budget and its
// tolerance, top-up amount); empty fields follow the agency's settings.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Grid, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useMemo, useState } from 'react';
import type { ServiceSummary } from '../../../shared/api';
import type { AgencyMoneySettingsView, ServiceMoneySettingsView } from '../../../shared/api-money';
import { ErrorSection } from '../../components/error-flag';
import { Field } from '../../components/field';
import type { Option } from '../../components/options';
import { SingleSelect } from '../../components/selects';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { thresholdsDraft, thresholdsPayload, thresholdsProblems, type ServiceThresholdsDraft } from './settings-draft';
import { AdminForm, useSaveForm } from './use-save-form';

const box = xcss({ padding: 'space.150', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium' });
const picker = xcss({ maxWidth: '420px' });

function ThresholdsForm({ serviceId, value, agency, canEdit }: { serviceId: string; value: ServiceMoneySettingsView; agency: AgencyMoneySettingsView; canEdit: boolean }): JSX.Element {
  const i18n = useI18n();
  const [d, setD] = useState<ServiceThresholdsDraft>(() => thresholdsDraft(value));
  const f = useSaveForm('money/service-settings/save', { onSaved: (s) => setD(thresholdsDraft(s)) });
  const field = (k: keyof ServiceThresholdsDraft, placeholder?: string) => (
    <Field id={`svc-${k}`} label={i18n.t(`admin.money.svc.${k}`)} error={f.err(`settings.${k}`)}>
      <Textfield id={`svc-${k}`} inputMode="decimal" value={d[k]} placeholder={placeholder} onChange={(e) => setD({ ...d, [k]: e.currentTarget.value })} isReadOnly={!canEdit} isInvalid={!!f.err(`settings.${k}`)} />
    </Field>
  );
  return (
    <AdminForm form={f} build={() => ({ serviceId, settings: thresholdsPayload(d) })} check={() => thresholdsProblems(thresholdsPayload(d))} claimed={['settings', 'serviceId']} label={i18n.t('admin.money.svc.title')}>
      <Grid templateColumns="1fr 1fr 1fr" gap="space.200">
        {field('lowBalanceThreshold')}
        {field('monthlyAdBudget')}
        {field('topUpAmount', d.monthlyAdBudget || undefined)}
        {field('runwayDays', String(agency.alerts.runwayDays))}
        {field('subscriptionDays', String(agency.alerts.subscriptionDays))}
        {field('spendTolerancePercent', agency.alerts.spendTolerancePercent)}
      </Grid>
      {canEdit ? (
        <div>
          <Button type="submit" isLoading={f.pending} testId="service-thresholds-save">
            {i18n.t('common.save')}
          </Button>
        </div>
      ) : null}
    </AdminForm>
  );
}

export function ServiceThresholds({ services, agency, canEdit }: { services: ServiceSummary[]; agency: AgencyMoneySettingsView; canEdit: boolean }): JSX.Element | null {
  const i18n = useI18n();
  const [serviceId, setServiceId] = useState<string | null>(services[0]?.id ?? null);
  const current = useResolver('money/service-settings/get', serviceId ? { serviceId } : null);
  const options: Option[] = useMemo(() => services.map((s) => ({ value: s.id, label: `${s.clientName} · ${s.name}` })), [services]);
  if (services.length === 0) return null;
  return (
    <Box xcss={box} testId="service-thresholds">
      <Stack space="space.100">
        <Heading size="small" as="h3">
          {i18n.t('admin.money.svc.title')}
        </Heading>
        <span style={{ color: token('color.text.subtle') }}>{i18n.t('admin.money.svc.help')}</span>
        <Box xcss={picker}>
          <SingleSelect id="svc-thresholds-service" options={options} value={serviceId} onChange={setServiceId} ariaLabel={i18n.t('admin.conn.service')} />
        </Box>
        {current.error ? <ErrorSection error={current.error} onRetry={current.reload} /> : null}
        {current.data && serviceId ? <ThresholdsForm key={serviceId} serviceId={serviceId} value={current.data} agency={agency} canEdit={canEdit} /> : null}
      </Stack>
    </Box>
  );
}
