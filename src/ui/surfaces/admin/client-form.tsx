// Create or edit a client; field messages come from the resolver's error.fields.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import TextArea from '@atlaskit/textarea';
import { useState } from 'react';
import type { Client, ClientInput, Contact } from '../../../shared/api';
import { Field, fieldError } from '../../components/field';
import { FormActions, SaveErrors } from '../../components/form-bits';
import { languageOptions } from '../../components/options';
import { SingleSelect } from '../../components/selects';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';

const form = xcss({ maxWidth: '720px' });
const contactBox = xcss({ padding: 'space.150', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium' });
const CLAIMED = ['name', 'legal', 'language', 'currency', 'contacts', 'confluenceSpaceKey'];

function toInput(c: Client | null): ClientInput {
  if (!c) return { name: '', legal: { legalName: '' }, language: 'uk', currency: 'UAH', contacts: [], confluenceSpaceKey: '' };
  return { id: c.id, name: c.name, legal: { ...c.legal }, language: c.language, currency: c.currency, contacts: c.contacts.map((x) => ({ ...x })), confluenceSpaceKey: c.confluenceSpaceKey ?? '', guestAccountIds: c.guestAccountIds };
}

export function ClientForm({ client, onCancel, onSaved }: { client: Client | null; onCancel(): void; onSaved(c: Client): void }): JSX.Element {
  const i18n = useI18n();
  const [d, setD] = useState<ClientInput>(() => toInput(client));
  const save = useMutation('clients/save');
  const f = save.error?.fields;
  const err = (p: string) => fieldError(f, p);
  const setLegal = (k: keyof ClientInput['legal'], v: string) => setD({ ...d, legal: { ...d.legal, [k]: v } });
  const setContact = (i: number, k: keyof Contact, v: string) => setD({ ...d, contacts: d.contacts.map((c, j) => (j === i ? { ...c, [k]: v } : c)) });

  const submit = async () => {
    const r = await save.run(d);
    if (r.ok) {
      notifySuccess(i18n.t('admin.saved'));
      onSaved(r.data);
    }
  };

  return (
    <Box xcss={form}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
        aria-label={client ? i18n.t('clients.editTitle') : i18n.t('clients.createTitle')}
      >
        <Stack space="space.100">
          <Heading size="medium" as="h2">
            {client ? i18n.t('clients.editTitle') : i18n.t('clients.createTitle')}
          </Heading>
          <SaveErrors error={save.error} claimed={CLAIMED} />
          <Field id="client-name" label={i18n.t('clients.name')} error={err('name')}>
            <Textfield id="client-name" value={d.name} onChange={(e) => setD({ ...d, name: e.currentTarget.value })} isInvalid={!!err('name')} isRequired />
          </Field>
          <Grid templateColumns="1fr 1fr" gap="space.200">
            <Field id="client-legal" label={i18n.t('clients.legalName')} error={err('legal.legalName')} help={i18n.t('clients.legalName.help')}>
              <Textfield id="client-legal" value={d.legal.legalName} onChange={(e) => setLegal('legalName', e.currentTarget.value)} isInvalid={!!err('legal.legalName')} />
            </Field>
            <Field id="client-tax" label={i18n.t('clients.taxId')} error={err('legal.taxId')}>
              <Textfield id="client-tax" value={d.legal.taxId ?? ''} onChange={(e) => setLegal('taxId', e.currentTarget.value)} isInvalid={!!err('legal.taxId')} />
            </Field>
          </Grid>
          <Field id="client-address" label={i18n.t('clients.address')} error={err('legal.address')}>
            <Textfield id="client-address" value={d.legal.address ?? ''} onChange={(e) => setLegal('address', e.currentTarget.value)} />
          </Field>
          <Field id="client-bank" label={i18n.t('clients.bank')} error={err('legal.bankDetails')}>
            <TextArea id="client-bank" value={d.legal.bankDetails ?? ''} onChange={(e) => setLegal('bankDetails', e.currentTarget.value)} minimumRows={2} />
          </Field>
          <Grid templateColumns="1fr 1fr 1fr" gap="space.200">
            <Field id="client-language" label={i18n.t('clients.language')} error={err('language')}>
              <SingleSelect id="client-language" options={languageOptions(i18n)} value={d.language} onChange={(v) => setD({ ...d, language: v })} />
            </Field>
            <Field id="client-currency" label={i18n.t('clients.currency')} error={err('currency')}>
              <Textfield id="client-currency" value={d.currency} maxLength={3} onChange={(e) => setD({ ...d, currency: e.currentTarget.value.toUpperCase() })} isInvalid={!!err('currency')} />
            </Field>
            <Field id="client-space" label={i18n.t('clients.space')} error={err('confluenceSpaceKey')} help={i18n.t('clients.space.help')}>
              <Textfield id="client-space" value={d.confluenceSpaceKey ?? ''} onChange={(e) => setD({ ...d, confluenceSpaceKey: e.currentTarget.value })} isInvalid={!!err('confluenceSpaceKey')} />
            </Field>
          </Grid>
          <Heading size="small" as="h3">
            {i18n.t('clients.contacts')}
          </Heading>
          {d.contacts.map((c, i) => (
            <Box key={i} xcss={contactBox}>
              <Grid templateColumns="1fr 1fr" gap="space.150">
                {(['name', 'position', 'email', 'phone'] as const).map((k) => (
                  <Field key={k} id={`contact-${i}-${k}`} label={i18n.t(`clients.contact.${k}`)} error={err(`contacts.${i}.${k}`)}>
                    <Textfield id={`contact-${i}-${k}`} value={c[k] ?? ''} onChange={(e) => setContact(i, k, e.currentTarget.value)} isInvalid={!!err(`contacts.${i}.${k}`)} />
                  </Field>
                ))}
              </Grid>
              <Inline alignInline="end">
                <Button appearance="subtle" onClick={() => setD({ ...d, contacts: d.contacts.filter((_, j) => j !== i) })}>
                  {i18n.t('common.remove')}
                </Button>
              </Inline>
            </Box>
          ))}
          <div>
            <Button onClick={() => setD({ ...d, contacts: [...d.contacts, { name: '' }] })}>{i18n.t('clients.contact.add')}</Button>
          </div>
          <FormActions pending={save.pending} onCancel={onCancel} />
        </Stack>
      </form>
    </Box>
  );
}
