// Sync settings every connection shares: months of history a new connection pulls and how often the
// ad spend of prepaid-budget services is refreshed.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Grid, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { MetricsSettingsView } from '../../../shared/api-metrics';
import { ErrorSection } from '../../components/error-flag';
import { Field } from '../../components/field';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { AdminForm, useSaveForm } from './use-save-form';

const box = xcss({ maxWidth: '560px' });
const whole = (s: string): number => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN);

function Form({ value, canEdit }: { value: MetricsSettingsView; canEdit: boolean }): JSX.Element {
  const i18n = useI18n();
  const [months, setMonths] = useState(String(value.backfillMonths));
  const [hours, setHours] = useState(String(value.spendRefreshHours));
  const f = useSaveForm('metrics/settings/save');
  return (
    <AdminForm form={f} build={() => ({ backfillMonths: whole(months), spendRefreshHours: whole(hours) })} claimed={['backfillMonths', 'spendRefreshHours']} label={i18n.t('admin.metrics.title')}>
      <Heading size="small" as="h3">
        {i18n.t('admin.metrics.title')}
      </Heading>
      <Grid templateColumns="1fr 1fr" gap="space.200">
        <Field id="metrics-months" label={i18n.t('admin.metrics.backfillMonths')} error={f.err('backfillMonths')} help={i18n.t('admin.metrics.backfillHelp')}>
          <Textfield id="metrics-months" inputMode="numeric" value={months} onChange={(e) => setMonths(e.currentTarget.value)} isReadOnly={!canEdit} isInvalid={!!f.err('backfillMonths')} />
        </Field>
        <Field id="metrics-hours" label={i18n.t('admin.metrics.spendHours')} error={f.err('spendRefreshHours')} help={i18n.t('admin.metrics.spendHelp')}>
          <Textfield id="metrics-hours" inputMode="numeric" value={hours} onChange={(e) => setHours(e.currentTarget.value)} isReadOnly={!canEdit} isInvalid={!!f.err('spendRefreshHours')} />
        </Field>
      </Grid>
      {canEdit ? (
        <div>
          <Button type="submit" isLoading={f.pending} testId="metrics-settings-save">
            {i18n.t('common.save')}
          </Button>
        </div>
      ) : null}
    </AdminForm>
  );
}

export function MetricsSettings({ canEdit }: { canEdit: boolean }): JSX.Element | null {
  const settings = useResolver('metrics/settings/get', {});
  if (settings.error) return <ErrorSection error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return null;
  return (
    <Box xcss={box}>
      <Form value={settings.data} canEdit={canEdit} />
    </Box>
  );
}
