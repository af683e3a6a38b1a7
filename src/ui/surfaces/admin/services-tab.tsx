// Services: all services with their setup state; create, edit and set up in Jira & Confluence.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Inline, Stack } from '@atlaskit/primitives';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { LoadingState } from '../../components/loading-state';
import { ServiceStatusLozenge, SetupStateLozenge } from '../../components/status-lozenge';
import { useClients, useServices } from '../../hooks/use-data';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { ServiceForm } from './service-form';

function EditService({ serviceId, onDone }: { serviceId: string; onDone(): void }): JSX.Element {
  const svc = useResolver('services/get', { serviceId });
  const clients = useClients();
  if (svc.error) return <ErrorSection error={svc.error} onRetry={svc.reload} />;
  if (!svc.data || !clients.data) return <LoadingState />;
  return <ServiceForm service={svc.data.service} setup={svc.data.summary.setup} clients={clients.data} onCancel={onDone} onSaved={onDone} onSetupSettled={svc.reload} />;
}

function NewService({ onDone }: { onDone(): void }): JSX.Element {
  const { t } = useI18n();
  const clients = useClients();
  if (clients.error) return <ErrorSection error={clients.error} onRetry={clients.reload} />;
  if (!clients.data) return <LoadingState />;
  if (clients.data.length === 0) return <EmptyState title={t('services.needClient')} action={<Button onClick={onDone}>{t('common.back')}</Button>} />;
  return <ServiceForm service={null} setup={null} clients={clients.data} onCancel={onDone} onSaved={onDone} />;
}

export function ServicesTab(): JSX.Element {
  const i18n = useI18n();
  const services = useServices(false);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const close = () => {
    setEditing(null);
    services.reload();
  };
  if (editing === 'new') return <NewService onDone={close} />;
  if (editing) return <EditService serviceId={editing} onDone={close} />;

  const head = {
    cells: [
      { key: 'client', content: i18n.t('global.col.client'), isSortable: true },
      { key: 'service', content: i18n.t('global.col.service'), isSortable: true },
      { key: 'type', content: i18n.t('global.col.type'), isSortable: true },
      { key: 'manager', content: i18n.t('services.manager'), isSortable: true },
      { key: 'status', content: i18n.t('global.col.status') },
      { key: 'project', content: i18n.t('services.col.project') },
      { key: 'setup', content: i18n.t('global.col.setup') },
      { key: 'edit', content: '' },
    ],
  };
  const rows = (services.data ?? []).map((s) => ({
    key: s.id,
    cells: [
      { key: s.clientName, content: <strong>{s.clientName}</strong> },
      { key: s.name, content: s.name },
      { key: s.type, content: i18n.serviceType(s.type) },
      { key: s.managerName, content: s.managerName },
      { key: s.status, content: <ServiceStatusLozenge status={s.status} /> },
      { key: s.jiraProjectKey ?? '', content: s.jiraProjectKey ?? i18n.t('common.none') },
      { key: s.setup.state, content: <SetupStateLozenge setup={s.setup} /> },
      {
        key: 'edit',
        content: (
          <Button appearance="subtle" onClick={() => setEditing(s.id)} aria-label={`${i18n.t('common.edit')}: ${s.clientName} · ${s.name}`}>
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
          {i18n.t('services.create')}
        </Button>
      </Inline>
      {services.error ? <ErrorSection error={services.error} onRetry={services.reload} /> : null}
      <DynamicTable
        head={head}
        rows={rows}
        isLoading={services.loading}
        defaultSortKey="client"
        defaultSortOrder="ASC"
        label={i18n.t('admin.tab.services')}
        emptyView={<EmptyState title={i18n.t('services.empty.title')} body={i18n.t('services.empty.body')} />}
        testId="admin-services-table"
      />
    </Stack>
  );
}
