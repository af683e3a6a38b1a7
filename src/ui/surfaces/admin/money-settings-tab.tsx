// Money settings: VAT, invoice and act numbering, payment terms, alert thresholds, automatic
// invoices, the issuer printed on documents, and the payment provider's web trigger with its
// write-only HMAC secret.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Heading from '@atlaskit/heading';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import TextArea from '@atlaskit/textarea';
import { token } from '@atlaskit/tokens';
import { useEffect, useState } from 'react';
import type { AgencyMoneySettingsView } from '../../../shared/api-money';
import { ErrorSection } from '../../components/error-flag';
import { Field } from '../../components/field';
import { LoadingState } from '../../components/loading-state';
import { ToneLozenge } from '../../components/status-lozenge';
import { useServices, useViewer } from '../../hooks/use-data';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { ServiceThresholds } from './service-thresholds';
import { moneyDraft, moneyPayload, moneyProblems, type MoneyDraft } from './settings-draft';
import { AdminForm, useSaveForm } from './use-save-form';

const form = xcss({ maxWidth: '760px' });
const box = xcss({ padding: 'space.150', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium' });
const CLAIMED = ['invoicePrefix', 'actPrefix', 'paymentTermsDays', 'platformVatRatePercent', 'alerts', 'autoInvoices', 'notifyClientOnOverdue', 'issuer'];

function WebhookSecret({ url, configured, canEdit, onSaved }: { url: string | null; configured: boolean; canEdit: boolean; onSaved(): void }): JSX.Element {
  const i18n = useI18n();
  const [secret, setSecret] = useState<string | null>(null);
  const f = useSaveForm('money/webhook/configure', {
    onSaved: () => {
      setSecret(null);
      onSaved();
    },
  });
  return (
    <Box xcss={box} testId="webhook-settings">
      <Stack space="space.100">
        <Heading size="small" as="h3">
          {i18n.t('admin.money.webhook')}
        </Heading>
        <span style={{ color: token('color.text.subtle') }}>{i18n.t('admin.money.webhookHelp')}</span>
        <Field id="webhook-url" label={i18n.t('admin.money.webhookUrl')}>
          <Textfield id="webhook-url" value={url ?? i18n.t('admin.money.webhookUrlUnknown')} isReadOnly />
        </Field>
        <Inline space="space.100" alignBlock="center">
          <span>{i18n.t('admin.money.secret')}</span>
          <ToneLozenge tone={configured ? 'success' : 'warning'} label={configured ? i18n.t('admin.conn.stored') : i18n.t('admin.money.secretMissing')} />
          {canEdit && secret === null ? (
            <Button appearance="subtle" onClick={() => setSecret('')}>
              {configured ? i18n.t('admin.conn.replace') : i18n.t('admin.money.setSecret')}
            </Button>
          ) : null}
        </Inline>
        {secret !== null ? (
          <AdminForm form={f} build={() => ({ secret })} claimed={['secret']} label={i18n.t('admin.money.secret')}>
            <Field id="webhook-secret" label={i18n.t('admin.money.newSecret')} error={f.err('secret')} help={i18n.t('admin.money.secretHelp')}>
              <Textfield id="webhook-secret" type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.currentTarget.value)} isInvalid={!!f.err('secret')} />
            </Field>
            <Inline space="space.100">
              <Button type="submit" appearance="primary" isLoading={f.pending}>
                {i18n.t('common.save')}
              </Button>
              <Button appearance="subtle" onClick={() => setSecret(null)}>
                {i18n.t('common.cancel')}
              </Button>
            </Inline>
          </AdminForm>
        ) : null}
      </Stack>
    </Box>
  );
}

function MoneyForm({ settings, canEdit }: { settings: AgencyMoneySettingsView; canEdit: boolean }): JSX.Element {
  const i18n = useI18n();
  const [base, setBase] = useState(settings);
  const [d, setD] = useState<MoneyDraft>(() => moneyDraft(settings));
  const f = useSaveForm('money/settings/save', {
    onSaved: (s) => {
      setBase(s);
      setD(moneyDraft(s));
    },
  });
  const text = (k: 'invoicePrefix' | 'actPrefix' | 'paymentTermsDays' | 'platformVatRatePercent' | 'runwayDays' | 'subscriptionDays' | 'spendTolerancePercent', path: string, label: string, help?: string) => (
    <Field id={`money-${k}`} label={label} error={f.err(path)} help={help}>
      <Textfield id={`money-${k}`} value={d[k]} onChange={(e) => setD({ ...d, [k]: e.currentTarget.value })} isInvalid={!!f.err(path)} isReadOnly={!canEdit} />
    </Field>
  );
  const issuer = (k: keyof MoneyDraft['issuer'], label: string) => (
    <Field id={`money-issuer-${k}`} label={label} error={f.err(`issuer.${k}`)}>
      {k === 'bankDetails' ? (
        <TextArea id={`money-issuer-${k}`} value={d.issuer[k]} onChange={(e) => setD({ ...d, issuer: { ...d.issuer, [k]: e.currentTarget.value } })} minimumRows={2} isReadOnly={!canEdit} />
      ) : (
        <Textfield id={`money-issuer-${k}`} value={d.issuer[k]} onChange={(e) => setD({ ...d, issuer: { ...d.issuer, [k]: e.currentTarget.value } })} isInvalid={!!f.err(`issuer.${k}`)} isReadOnly={!canEdit} />
      )}
    </Field>
  );
  return (
    <AdminForm form={f} build={() => moneyPayload(d, base)} check={() => moneyProblems(moneyPayload(d, base))} claimed={CLAIMED} label={i18n.t('admin.tab.money')}>
      <Heading size="small" as="h3">
        {i18n.t('admin.money.documents')}
      </Heading>
      <Grid templateColumns="1fr 1fr 1fr 1fr" gap="space.200">
        {text('invoicePrefix', 'invoicePrefix', i18n.t('admin.money.invoicePrefix'), i18n.t('admin.money.prefixHelp'))}
        {text('actPrefix', 'actPrefix', i18n.t('admin.money.actPrefix'))}
        {text('paymentTermsDays', 'paymentTermsDays', i18n.t('admin.money.paymentTerms'))}
        {text('platformVatRatePercent', 'platformVatRatePercent', i18n.t('admin.money.vat'), i18n.t('admin.money.vatHelp'))}
      </Grid>
      <Heading size="small" as="h3">
        {i18n.t('admin.money.alerts')}
      </Heading>
      <Grid templateColumns="1fr 1fr 1fr" gap="space.200">
        {text('runwayDays', 'alerts.runwayDays', i18n.t('admin.money.runwayDays'), i18n.t('admin.money.runwayHelp'))}
        {text('subscriptionDays', 'alerts.subscriptionDays', i18n.t('admin.money.subscriptionDays'))}
        {text('spendTolerancePercent', 'alerts.spendTolerancePercent', i18n.t('admin.money.spendTolerance'))}
      </Grid>
      <Heading size="small" as="h3">
        {i18n.t('admin.money.auto')}
      </Heading>
      <Stack space="space.050">
        {(['monthlyFee', 'commission', 'topUp'] as const).map((k) => (
          <Checkbox key={k} name={`auto-${k}`} isDisabled={!canEdit} isChecked={d.autoInvoices[k]} onChange={(e) => setD({ ...d, autoInvoices: { ...d.autoInvoices, [k]: e.currentTarget.checked } })} label={i18n.t(`admin.money.auto.${k}`)} />
        ))}
        <Checkbox name="notify-overdue" isDisabled={!canEdit} isChecked={d.notifyClientOnOverdue} onChange={(e) => setD({ ...d, notifyClientOnOverdue: e.currentTarget.checked })} label={i18n.t('admin.money.notifyOverdue')} />
      </Stack>
      <Heading size="small" as="h3">
        {i18n.t('admin.money.issuer')}
      </Heading>
      <Grid templateColumns="1fr 1fr" gap="space.200">
        {issuer('legalName', i18n.t('clients.legalName'))}
        {issuer('taxId', i18n.t('clients.taxId'))}
      </Grid>
      {issuer('address', i18n.t('clients.address'))}
      {issuer('bankDetails', i18n.t('clients.bank'))}
      {canEdit ? (
        <div>
          <Button type="submit" appearance="primary" isLoading={f.pending} testId="money-settings-save">
            {i18n.t('common.save')}
          </Button>
        </div>
      ) : null}
    </AdminForm>
  );
}

export function MoneySettingsTab(): JSX.Element {
  const i18n = useI18n();
  const viewer = useViewer();
  const data = useResolver('money/settings/get', {});
  const services = useServices(false);
  const [shown, setShown] = useState(data.data);
  useEffect(() => setShown(data.data), [data.data]);
  if (data.error) return <ErrorSection error={data.error} onRetry={data.reload} />;
  if (!shown) return <LoadingState />;
  const canEdit = viewer.data?.isAdmin ?? false;
  return (
    <Box xcss={form}>
      <Stack space="space.200">
        {!canEdit ? <span role="note">{i18n.t('admin.adminOnly')}</span> : null}
        <MoneyForm settings={shown.settings} canEdit={canEdit} />
        {services.data ? <ServiceThresholds services={services.data} agency={shown.settings} canEdit={canEdit} /> : null}
        <WebhookSecret url={shown.webhook.url} configured={shown.webhook.configured} canEdit={canEdit} onSaved={data.reload} />
      </Stack>
    </Box>
  );
}
