// Agency-wide settings: name, language, time zone, currency, heads, admins, money visibility.
import Button from '@atlaskit/button/new';
import { Box, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useEffect, useState } from 'react';
import type { AgencySettings } from '../../../shared/api';
import { ErrorSection } from '../../components/error-flag';
import { Field } from '../../components/field';
import { LoadingState } from '../../components/loading-state';
import { languageOptions, type Option } from '../../components/options';
import { MultiSelect, SingleSelect, useUserOptions } from '../../components/selects';
import { useAgency, useUsers } from '../../hooks/use-data';
import { useI18n } from '../../i18n/i18n';
import { AdminForm, useSaveForm } from './use-save-form';

const form = xcss({ maxWidth: '560px' });
const CLAIMED = ['name', 'language', 'timeZone', 'baseCurrency', 'headAccountIds', 'adminAccountIds', 'moneyVisibility'];

export function AgencyTab(): JSX.Element {
  const i18n = useI18n();
  const agency = useAgency();
  const users = useUsers();
  const userOptions = useUserOptions(users.data);
  const [draft, setDraft] = useState<AgencySettings>();
  const save = useSaveForm('agency/save', { onSaved: setDraft });
  useEffect(() => setDraft(agency.data), [agency.data]);

  if (agency.loading && !draft) return <LoadingState />;
  if (agency.error) return <ErrorSection error={agency.error} onRetry={agency.reload} />;
  if (!draft) return <LoadingState />;

  const set = <K extends keyof AgencySettings>(k: K, v: AgencySettings[K]) => setDraft({ ...draft, [k]: v });
  const moneyOptions: Option<AgencySettings['moneyVisibility']>[] = [
    { value: 'manager-head-admin', label: i18n.t('agency.money.manager-head-admin') },
    { value: 'head-admin', label: i18n.t('agency.money.head-admin') },
  ];
  return (
    <Box xcss={form}>
      <AdminForm form={save} build={() => draft} claimed={CLAIMED} label={i18n.t('admin.tab.agency')}>
        <Stack space="space.050">
          <Field id="agency-name" label={i18n.t('agency.name')} error={save.err('name')}>
            <Textfield id="agency-name" value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} isInvalid={!!save.err('name')} />
          </Field>
          <Field id="agency-language" label={i18n.t('agency.language')} error={save.err('language')}>
            <SingleSelect id="agency-language" options={languageOptions(i18n)} value={draft.language} onChange={(v) => set('language', v)} />
          </Field>
          <Field id="agency-tz" label={i18n.t('agency.timeZone')} error={save.err('timeZone')} help={i18n.t('agency.timeZone.help')}>
            <Textfield id="agency-tz" value={draft.timeZone} onChange={(e) => set('timeZone', e.currentTarget.value)} isInvalid={!!save.err('timeZone')} />
          </Field>
          <Field id="agency-currency" label={i18n.t('agency.baseCurrency')} error={save.err('baseCurrency')}>
            <Textfield id="agency-currency" value={draft.baseCurrency} maxLength={3} width="small" onChange={(e) => set('baseCurrency', e.currentTarget.value.toUpperCase())} />
          </Field>
          <Field id="agency-heads" label={i18n.t('agency.heads')} error={save.err('headAccountIds')}>
            <MultiSelect id="agency-heads" options={userOptions} value={draft.headAccountIds} onChange={(v) => set('headAccountIds', v)} />
          </Field>
          <Field id="agency-admins" label={i18n.t('agency.admins')} error={save.err('adminAccountIds')}>
            <MultiSelect id="agency-admins" options={userOptions} value={draft.adminAccountIds} onChange={(v) => set('adminAccountIds', v)} />
          </Field>
          <Field id="agency-money" label={i18n.t('agency.moneyVisibility')} error={save.err('moneyVisibility')}>
            <SingleSelect id="agency-money" options={moneyOptions} value={draft.moneyVisibility} onChange={(v) => set('moneyVisibility', v)} />
          </Field>
          <div>
            <Button type="submit" appearance="primary" isLoading={save.pending}>
              {i18n.t('common.save')}
            </Button>
          </div>
        </Stack>
      </AdminForm>
    </Box>
  );
}
