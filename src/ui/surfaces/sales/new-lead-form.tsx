// A lead typed in by a manager (a phone call, a walk-in): the same checks as the website form.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack } from '@atlaskit/primitives';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { Language, ServiceType } from '../../../shared/api';
import type { LeadSummary } from '../../../shared/api-sales';
import { Field, fieldError } from '../../components/field';
import { useErrorFlag } from '../../components/error-flag';
import { languageOptions, serviceTypeOptions } from '../../components/options';
import { MultiSelect, SingleSelect } from '../../components/selects';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';

export function NewLeadForm({ onDone, onCancel }: { onDone(lead: LeadSummary): void; onCancel(): void }): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const showError = useErrorFlag();
  const create = useMutation('sales/leads/create');
  const [v, setV] = useState({ name: '', company: '', email: '', phone: '', site: '', message: '' });
  const [language, setLanguage] = useState<Language>(i18n.lang);
  const [types, setTypes] = useState<ServiceType[]>([]);
  const fields = create.error?.fields;
  const text = (key: keyof typeof v, label: string) => (
    <Field id={`lead-${key}`} label={label} error={fieldError(fields, key)}>
      <Textfield id={`lead-${key}`} value={v[key]} onChange={(e) => setV({ ...v, [key]: e.currentTarget.value })} isInvalid={!!fieldError(fields, key)} />
    </Field>
  );
  const save = async (): Promise<void> => {
    const opt = (s: string): string | undefined => (s.trim() ? s.trim() : undefined);
    const r = await create.run({ name: v.name, company: opt(v.company), email: opt(v.email), phone: opt(v.phone), site: opt(v.site), message: opt(v.message), language, serviceTypes: types });
    if (!r.ok) {
      showError(r.error, t('sales.new.failed'));
      return;
    }
    notifySuccess(r.data.duplicateOf ? t('sales.new.duplicate', { n: r.data.lead.number }) : t('sales.new.created', { n: r.data.lead.number }));
    onDone(r.data.lead);
  };
  return (
    <Stack space="space.100" testId="new-lead-form">
      <Heading size="small" as="h2">{t('sales.new.title')}</Heading>
      {text('name', t('sales.new.name'))}
      {text('company', t('sales.new.company'))}
      <Inline space="space.200" shouldWrap>
        {text('email', t('sales.new.email'))}
        {text('phone', t('sales.new.phone'))}
        {text('site', t('sales.new.site'))}
      </Inline>
      <Field id="lead-types" label={t('sales.new.services')}>
        <MultiSelect<ServiceType> id="lead-types" options={serviceTypeOptions(i18n)} value={types} onChange={setTypes} />
      </Field>
      <Field id="lead-language" label={t('sales.new.language')}>
        <SingleSelect<Language> id="lead-language" options={languageOptions(i18n)} value={language} onChange={setLanguage} />
      </Field>
      <Field id="lead-message" label={t('sales.new.message')} error={fieldError(fields, 'message')}>
        <TextArea id="lead-message" value={v.message} minimumRows={3} onChange={(e) => setV({ ...v, message: e.currentTarget.value })} />
      </Field>
      <Inline space="space.100">
        <Button appearance="primary" isLoading={create.pending} onClick={() => void save()} testId="new-lead-save">
          {t('sales.new.save')}
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          {t('sales.new.cancel')}
        </Button>
      </Inline>
    </Stack>
  );
}
