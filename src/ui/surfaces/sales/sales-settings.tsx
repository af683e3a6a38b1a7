// Heads and admins: the price list (as JSON, checked by the backend) and the document templates per
// language with the placeholders they may use. Only admins save.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useEffect, useState } from 'react';
import type { Language } from '../../../shared/api';
import type { PriceListView } from '../../../shared/api-sales';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { Field } from '../../components/field';
import { LoadingState } from '../../components/loading-state';
import { useMutation, useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';

const LANGS: Language[] = ['en', 'uk', 'ru'];

export function SalesSettings({ isAdmin }: { isAdmin: boolean }): JSX.Element {
  const { t } = useI18n();
  const showError = useErrorFlag();
  const prices = useResolver('sales/price-list/get', {});
  const templates = useResolver('sales/templates/get', {});
  const savePrices = useMutation('sales/price-list/save');
  const saveTemplates = useMutation('sales/templates/save');
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const configure = useMutation('sales/form-secret/configure');
  const [secret, setSecret] = useState('');
  const [tpl, setTpl] = useState<{ proposal: Record<Language, string>; contract: Record<Language, string> } | null>(null);
  useEffect(() => {
    if (prices.data) setJson(JSON.stringify(prices.data, null, 2));
  }, [prices.data]);
  useEffect(() => {
    if (templates.data) setTpl({ proposal: templates.data.proposal, contract: templates.data.contract });
  }, [templates.data]);
  if (prices.error) return <ErrorSection error={prices.error} onRetry={prices.reload} />;
  if (templates.error) return <ErrorSection error={templates.error} onRetry={templates.reload} />;
  if (!prices.data || !templates.data || !tpl) return <LoadingState />;
  const doSavePrices = async (): Promise<void> => {
    let parsed: PriceListView;
    try {
      parsed = JSON.parse(json) as PriceListView;
    } catch {
      setJsonError(t('sales.settings.notJson'));
      return;
    }
    setJsonError(null);
    const r = await savePrices.run(parsed);
    if (!r.ok) return showError(r.error);
    notifySuccess(t('sales.settings.saved'));
  };
  const doSaveTemplates = async (): Promise<void> => {
    const r = await saveTemplates.run(tpl);
    if (!r.ok) return showError(r.error);
    notifySuccess(t('sales.settings.saved'));
  };
  const doSaveSecret = async (): Promise<void> => {
    const r = await configure.run({ secret });
    if (!r.ok) return showError(r.error);
    setSecret('');
    notifySuccess(t('sales.settings.saved'));
  };
  return (
    <Stack space="space.300">
      {isAdmin ? (
        <Stack space="space.100">
          <Field id="form-secret" label={t('sales.settings.secret')} help={t('sales.settings.secretHelp')} error={configure.error?.fields['secret']}>
            <Textfield id="form-secret" type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.currentTarget.value)} />
          </Field>
          <Inline><Button isLoading={configure.pending} isDisabled={secret.length === 0} onClick={() => void doSaveSecret()}>{t('sales.settings.secretSave')}</Button></Inline>
        </Stack>
      ) : null}
      {!isAdmin ? <SectionMessage appearance="information"><p>{t('sales.settings.adminOnly')}</p></SectionMessage> : null}
      <Stack space="space.100">
        <Heading size="small" as="h2">{t('sales.settings.priceList')}</Heading>
        <Field id="price-json" label={t('sales.settings.json')} error={jsonError ?? Object.entries(savePrices.error?.fields ?? {}).map(([k, v]) => `${k}: ${v}`).join('; ')}>
          <TextArea id="price-json" value={json} minimumRows={12} isMonospaced isReadOnly={!isAdmin} onChange={(e) => setJson(e.currentTarget.value)} />
        </Field>
        {isAdmin ? <Inline><Button appearance="primary" isLoading={savePrices.pending} onClick={() => void doSavePrices()}>{t('sales.settings.save')}</Button></Inline> : null}
      </Stack>
      <Stack space="space.100">
        <Heading size="small" as="h2">{t('sales.settings.templates')}</Heading>
        <span className="rt-muted">{t('sales.settings.placeholders', { list: templates.data.placeholders.map((p) => `{{${p}}}`).join(', ') })}</span>
        {(['proposal', 'contract'] as const).map((kind) =>
          LANGS.map((lang) => (
            <Field key={`${kind}-${lang}`} id={`tpl-${kind}-${lang}`} label={`${t(kind === 'proposal' ? 'sales.docs.proposal' : 'sales.docs.contract')} · ${lang}`} error={saveTemplates.error?.fields[`${kind}.${lang}`]}>
              <TextArea id={`tpl-${kind}-${lang}`} value={tpl[kind][lang]} minimumRows={6} isReadOnly={!isAdmin} onChange={(e) => setTpl({ ...tpl, [kind]: { ...tpl[kind], [lang]: e.currentTarget.value } })} />
            </Field>
          )),
        )}
        {isAdmin ? <Inline><Button appearance="primary" isLoading={saveTemplates.pending} onClick={() => void doSaveTemplates()}>{t('sales.settings.save')}</Button></Inline> : null}
      </Stack>
    </Stack>
  );
}
