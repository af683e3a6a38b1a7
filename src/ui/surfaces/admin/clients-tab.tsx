// Clients: the list, and a create/edit form in its place.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Inline, Stack } from '@atlaskit/primitives';
import { useState } from 'react';
import type { Client } from '../../../shared/api';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { useClients } from '../../hooks/use-data';
import { useI18n } from '../../i18n/i18n';
import { ClientForm } from './client-form';

export function ClientsTab(): JSX.Element {
  const i18n = useI18n();
  const clients = useClients();
  const [editing, setEditing] = useState<Client | 'new' | null>(null);

  if (editing) {
    return (
      <ClientForm
        client={editing === 'new' ? null : editing}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          clients.reload();
        }}
      />
    );
  }
  const head = {
    cells: [
      { key: 'name', content: i18n.t('clients.col.name'), isSortable: true },
      { key: 'legal', content: i18n.t('clients.col.legal') },
      { key: 'lang', content: i18n.t('clients.col.language') },
      { key: 'cur', content: i18n.t('clients.col.currency') },
      { key: 'contacts', content: i18n.t('clients.col.contacts') },
      { key: 'space', content: i18n.t('clients.col.space') },
      { key: 'edit', content: '' },
    ],
  };
  const rows = (clients.data ?? []).map((c) => ({
    key: c.id,
    cells: [
      { key: c.name, content: <strong>{c.name}</strong> },
      { key: 'legal', content: c.legal.legalName },
      { key: 'lang', content: i18n.t(`lang.${c.language}`) },
      { key: 'cur', content: c.currency },
      { key: 'contacts', content: c.contacts.map((x) => x.name).join(', ') || i18n.t('common.none') },
      { key: 'space', content: c.confluenceSpaceKey ?? i18n.t('common.none') },
      {
        key: 'edit',
        content: (
          <Button appearance="subtle" onClick={() => setEditing(c)} aria-label={`${i18n.t('common.edit')}: ${c.name}`}>
            {i18n.t('common.edit')}
          </Button>
        ),
      },
    ],
  }));
  return (
    <Stack space="space.200">
      <Inline spread="space-between">
        <span />
        <Button appearance="primary" onClick={() => setEditing('new')}>
          {i18n.t('clients.create')}
        </Button>
      </Inline>
      {clients.error ? <ErrorSection error={clients.error} onRetry={clients.reload} /> : null}
      <DynamicTable
        head={head}
        rows={rows}
        isLoading={clients.loading}
        defaultSortKey="name"
        defaultSortOrder="ASC"
        label={i18n.t('admin.tab.clients')}
        emptyView={<EmptyState title={i18n.t('clients.empty.title')} body={i18n.t('clients.empty.body')} />}
        testId="clients-table"
      />
    </Stack>
  );
}
