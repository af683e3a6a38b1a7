// Add or edit a metrics connection. Credentials are write-only: stored ones show as "stored" with a
// "replace" action; typed values leave the page with the save and are never shown again.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Heading from '@atlaskit/heading';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useMemo, useState } from 'react';
import type { ServiceSummary } from '../../../shared/api';
import type { ConnectionView } from '../../../shared/api-metrics';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-bits';
import type { Option } from '../../components/options';
import { SingleSelect } from '../../components/selects';
import { ToneLozenge } from '../../components/status-lozenge';
import { useI18n } from '../../i18n/i18n';
import { CONNECTABLE_SOURCES, CREDENTIAL_FIELDS, credentialLabel, draftFromView, sourceName, newDraft, toSaveInput, type ConnectableSource, type ConnectionDraft, type CredentialField } from './connection-draft';
import { AdminForm, useSaveForm } from './use-save-form';

const form = xcss({ maxWidth: '760px' });
const secretsBox = xcss({ padding: 'space.150', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium' });
const CLAIMED = ['id', 'serviceId', 'source', 'label', 'account', 'credentials', 'backfillMonths'];

function SecretField({ field, stored, value, onChange, error }: { field: CredentialField; stored: boolean; value: string | undefined; onChange(v: string | undefined): void; error: string | undefined }): JSX.Element {
  const i18n = useI18n();
  const id = `conn-secret-${field}`;
  const label = i18n.t(`admin.conn.cred.${field}`);
  // A stored secret is not editable until the person chooses to replace it.
  if (stored && value === undefined) {
    return (
      <Field id={id} label={label}>
        <Inline space="space.100" alignBlock="center">
          <ToneLozenge tone="success" label={i18n.t('admin.conn.stored')} />
          <Button appearance="subtle" onClick={() => onChange('')} aria-label={i18n.t('admin.conn.replaceField', { field: label })}>
            {i18n.t('admin.conn.replace')}
          </Button>
        </Inline>
      </Field>
    );
  }
  return (
    <Field id={id} label={label} error={error} help={stored ? i18n.t('admin.conn.replaceHelp') : undefined}>
      <Textfield id={id} type="password" autoComplete="new-password" spellCheck={false} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)} isInvalid={!!error} />
    </Field>
  );
}

export function ConnectionForm({ connection, services, onCancel, onSaved }: { connection: ConnectionView | null; services: ServiceSummary[]; onCancel(): void; onSaved(c: ConnectionView): void }): JSX.Element {
  const i18n = useI18n();
  const [d, setD] = useState<ConnectionDraft>(() => (connection ? draftFromView(connection) : newDraft(services[0]?.id ?? '')));
  const f = useSaveForm('connections/save', { onSaved });
  const set = <K extends keyof ConnectionDraft>(k: K, v: ConnectionDraft[K]) => setD({ ...d, [k]: v });
  const stored = new Set(connection?.credentialFields ?? []);
  const serviceOptions: Option[] = useMemo(() => services.map((s) => ({ value: s.id, label: `${s.clientName} · ${s.name}` })), [services]);
  const sourceOptions: Option<ConnectableSource>[] = CONNECTABLE_SOURCES.map((s) => ({ value: s, label: sourceName(i18n, s) }));
  const title = connection ? i18n.t('admin.conn.editTitle') : i18n.t('admin.conn.createTitle');
  const missing = connection?.missingCredentials ?? [];

  return (
    <Box xcss={form}>
      <AdminForm form={f} build={() => toSaveInput(d)} claimed={CLAIMED} label={title}>
        <Heading size="medium" as="h2">
          {title}
        </Heading>
        <Grid templateColumns="1fr 1fr" gap="space.200">
          <Field id="conn-service" label={i18n.t('admin.conn.service')} error={f.err('serviceId')}>
            <SingleSelect id="conn-service" options={serviceOptions} value={d.serviceId} onChange={(v) => set('serviceId', v)} isDisabled={!!connection} isInvalid={!!f.err('serviceId')} />
          </Field>
          <Field id="conn-source" label={i18n.t('admin.conn.source')} error={f.err('source')}>
            <SingleSelect id="conn-source" options={sourceOptions} value={d.source} onChange={(v) => setD({ ...d, source: v, secrets: {} })} isDisabled={!!connection} isInvalid={!!f.err('source')} />
          </Field>
          <Field id="conn-account" label={i18n.t('admin.conn.accountId')} error={f.err('account.accountId')} help={i18n.t(`admin.conn.accountHelp.${d.source}`)}>
            <Textfield id="conn-account" value={d.accountId} onChange={(e) => set('accountId', e.currentTarget.value)} isInvalid={!!f.err('account.accountId')} isRequired />
          </Field>
          <Field id="conn-label" label={i18n.t('admin.conn.label')} error={f.err('label')}>
            <Textfield id="conn-label" value={d.label} onChange={(e) => set('label', e.currentTarget.value)} />
          </Field>
        </Grid>
        <Grid templateColumns="1fr 1fr 1fr" gap="space.200">
          <Field id="conn-tz" label={i18n.t('admin.conn.timeZone')} error={f.err('account.timeZone')} help={i18n.t('admin.conn.timeZoneHelp')}>
            <Textfield id="conn-tz" value={d.timeZone} onChange={(e) => set('timeZone', e.currentTarget.value)} isInvalid={!!f.err('account.timeZone')} />
          </Field>
          <Field id="conn-currency" label={i18n.t('admin.conn.currency')} error={f.err('account.currency')}>
            <Textfield id="conn-currency" value={d.currency} maxLength={3} onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())} isInvalid={!!f.err('account.currency')} />
          </Field>
          <Field id="conn-backfill" label={i18n.t('admin.conn.backfillMonths')} error={f.err('backfillMonths')} help={i18n.t('admin.conn.backfillHelp')}>
            <Textfield id="conn-backfill" inputMode="numeric" value={d.backfillMonths} onChange={(e) => set('backfillMonths', e.currentTarget.value)} isInvalid={!!f.err('backfillMonths')} />
          </Field>
        </Grid>
        {d.source === 'yandex-direct' || d.source === 'yandex-metrica' ? (
          <Field id="conn-goals" label={i18n.t('admin.conn.goalIds')} error={f.err('account.settings.goalIds')} help={i18n.t('admin.conn.goalIdsHelp')}>
            <Textfield id="conn-goals" value={d.goalIds} onChange={(e) => set('goalIds', e.currentTarget.value)} isInvalid={!!f.err('account.settings.goalIds')} />
          </Field>
        ) : null}
        {d.source === 'yandex-direct' ? <Checkbox isChecked={d.includeVat} onChange={(e) => set('includeVat', e.currentTarget.checked)} label={i18n.t('admin.conn.includeVat')} name="includeVat" /> : null}
        {d.source === 'google-ads' ? (
          <Field id="conn-mcc" label={i18n.t('admin.conn.loginCustomerId')} error={f.err('account.settings.loginCustomerId')}>
            <Textfield id="conn-mcc" value={d.loginCustomerId} onChange={(e) => set('loginCustomerId', e.currentTarget.value)} isInvalid={!!f.err('account.settings.loginCustomerId')} />
          </Field>
        ) : null}
        {d.source === 'topvisor' ? (
          <Field id="conn-regions" label={i18n.t('admin.conn.regionIndexes')} error={f.err('account.settings.regionIndexes')}>
            <Textfield id="conn-regions" value={d.regionIndexes} onChange={(e) => set('regionIndexes', e.currentTarget.value)} isInvalid={!!f.err('account.settings.regionIndexes')} />
          </Field>
        ) : null}
        <Box xcss={secretsBox}>
          <Stack space="space.050">
            <Heading size="small" as="h3">
              {i18n.t('admin.conn.credentials')}
            </Heading>
            <p>{i18n.t(`admin.conn.credHelp.${d.source}`)}</p>
            {missing.length > 0 ? <p role="note">{i18n.t('admin.conn.missing', { fields: missing.map((m) => credentialLabel(i18n, m)).join(', ') })}</p> : null}
            <Grid templateColumns="1fr 1fr" gap="space.150">
              {CREDENTIAL_FIELDS[d.source].map((field) => (
                <SecretField
                  key={field}
                  field={field}
                  stored={stored.has(field)}
                  value={d.secrets[field]}
                  error={f.err(`credentials.${field}`)}
                  onChange={(v) => setD({ ...d, secrets: { ...d.secrets, [field]: v } })}
                />
              ))}
            </Grid>
          </Stack>
        </Box>
        <FormActions pending={f.pending} onCancel={onCancel} />
      </AdminForm>
    </Box>
  );
}
