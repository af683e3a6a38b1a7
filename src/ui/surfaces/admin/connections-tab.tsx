// Connections: every metrics connection with its health and last sync; add, edit, test, sync now,
// delete. Broken access names the client and service it stops.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { ConnectionTestResult, ConnectionView } from '../../../shared/api-metrics';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { LoadingState } from '../../components/loading-state';
import { ToneLozenge } from '../../components/status-lozenge';
import { useServices, useViewer } from '../../hooks/use-data';
import { useMutation, useResolver } from '../../hooks/use-resolver';
import { useI18n, type I18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';
import { credentialLabel, sourceName, statusTone } from './connection-draft';
import { ConnectionForm } from './connection-form';
import { CsvUpload } from './csv-upload';
import { MetricsSettings } from './metrics-settings';

const subtle = { color: token('color.text.subtle') };

function LastSync({ c }: { c: ConnectionView }): JSX.Element {
  const i18n = useI18n();
  const ok = c.lastSuccess;
  const failed = c.lastError && (!ok || c.lastError.at > ok.at) ? c.lastError : null;
  return (
    <Stack space="space.025">
      <span>{ok ? i18n.t('admin.conn.lastOk', { at: i18n.dateTime(ok.at), rows: ok.rows }) : i18n.t('admin.conn.neverSynced')}</span>
      {failed ? <span style={{ color: token('color.text.danger') }}>{i18n.t('admin.conn.lastFailed', { at: i18n.dateTime(failed.at), message: failed.message ?? failed.outcome })}</span> : null}
      {c.backfill.state !== 'done' ? <span style={subtle}>{i18n.t('admin.conn.backfill', { done: c.backfill.monthsDone, total: c.backfill.monthsTotal })}</span> : null}
    </Stack>
  );
}

function statusText(i18n: I18n, c: ConnectionView): string {
  const base = i18n.t(`admin.conn.status.${c.status}`);
  return c.status === 'active' ? base : i18n.t('admin.conn.stops', { status: base, service: `${c.clientName} · ${c.serviceName}` });
}

function TestOutcome({ result, connection, onClose }: { result: ConnectionTestResult; connection: ConnectionView | undefined; onClose(): void }): JSX.Element {
  const i18n = useI18n();
  const name = connection ? `${sourceName(i18n, connection.source)} · ${connection.clientName}` : '';
  return (
    <SectionMessage
      appearance={result.ok ? 'success' : 'error'}
      title={result.ok ? i18n.t('admin.conn.testOk', { name }) : i18n.t('admin.conn.testFailed', { name })}
      actions={[
        <SectionMessageAction key="close" onClick={onClose}>
          {i18n.t('common.close')}
        </SectionMessageAction>,
      ]}
      testId="connection-test-result"
    >
      {result.account ? <p>{i18n.t('admin.conn.testAccount', { name: result.account.name ?? result.account.accountId, zone: result.account.timeZone ?? '—', currency: result.account.currency ?? '—' })}</p> : null}
      {result.message ? <p>{result.message}</p> : null}
      {!result.ok ? <p>{i18n.t(`admin.conn.status.${result.status}`)}</p> : null}
    </SectionMessage>
  );
}

export function ConnectionsTab(): JSX.Element {
  const i18n = useI18n();
  const list = useResolver('connections/list', {});
  const services = useServices(false);
  const viewer = useViewer();
  const flagError = useErrorFlag();
  const test = useMutation('connections/test');
  const runNow = useMutation('sync/runNow');
  const del = useMutation('connections/delete');
  const [editing, setEditing] = useState<ConnectionView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ConnectionView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [tested, setTested] = useState<{ id: string; result: ConnectionTestResult } | null>(null);

  if (editing) {
    if (services.error) return <ErrorSection error={services.error} onRetry={services.reload} />;
    if (!services.data) return <LoadingState />;
    if (services.data.length === 0) return <EmptyState title={i18n.t('admin.conn.needService')} action={<Button onClick={() => setEditing(null)}>{i18n.t('common.back')}</Button>} />;
    return (
      <ConnectionForm
        connection={editing === 'new' ? null : editing}
        services={services.data}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
    );
  }

  const doTest = async (c: ConnectionView) => {
    setBusy(`test:${c.id}`);
    const r = await test.run({ id: c.id });
    setBusy(null);
    if (r.ok) {
      setTested({ id: c.id, result: r.data });
      list.reload();
    } else flagError(r.error, i18n.t('admin.conn.testError'));
  };
  const doSync = async (c: ConnectionView) => {
    setBusy(`sync:${c.id}`);
    const r = await runNow.run({ serviceId: c.serviceId, source: c.source });
    setBusy(null);
    if (r.ok) notifySuccess(i18n.t('admin.conn.syncQueued', { n: r.data.queued }));
    else flagError(r.error, i18n.t('admin.conn.syncError'));
  };
  const doDelete = async () => {
    if (!deleting) return;
    const r = await del.run({ id: deleting.id });
    setDeleting(null);
    if (r.ok) {
      notifySuccess(i18n.t('admin.conn.deleted'));
      list.reload();
    } else flagError(r.error);
  };

  const head = {
    cells: [
      { key: 'client', content: i18n.t('admin.conn.col.service'), isSortable: true },
      { key: 'source', content: i18n.t('admin.conn.col.source'), isSortable: true },
      { key: 'account', content: i18n.t('admin.conn.col.account') },
      { key: 'status', content: i18n.t('admin.conn.col.status') },
      { key: 'sync', content: i18n.t('admin.conn.col.lastSync') },
      { key: 'creds', content: i18n.t('admin.conn.col.credentials') },
      { key: 'actions', content: '' },
    ],
  };
  const rows = (list.data ?? []).map((c) => ({
    key: c.id,
    testId: `connection-${c.id}`,
    cells: [
      {
        key: `${c.clientName} ${c.serviceName}`,
        content: (
          <Stack space="space.025">
            <strong>{c.clientName}</strong>
            <span style={subtle}>{c.serviceName}</span>
          </Stack>
        ),
      },
      { key: c.source, content: c.label ? `${sourceName(i18n, c.source)} · ${c.label}` : sourceName(i18n, c.source) },
      { key: 'account', content: c.accountName ? `${c.accountName} (${c.accountId})` : c.accountId },
      {
        key: 'status',
        content: (
          <Stack space="space.025" alignInline="start">
            <ToneLozenge tone={statusTone(c.status)} label={i18n.t(`admin.conn.status.${c.status}`)} />
            {c.status !== 'active' ? <span>{statusText(i18n, c)}</span> : null}
            {c.statusReason && c.status !== 'active' ? <span style={subtle}>{c.statusReason}</span> : null}
            {c.alertIssueKey ? <span style={subtle}>{i18n.t('admin.conn.alertIssue', { key: c.alertIssueKey })}</span> : null}
          </Stack>
        ),
      },
      { key: 'sync', content: <LastSync c={c} /> },
      {
        key: 'creds',
        content:
          c.credentialFields === null ? (
            i18n.t('common.none')
          ) : c.missingCredentials.length > 0 ? (
            <ToneLozenge tone="warning" label={i18n.t('admin.conn.missing', { fields: c.missingCredentials.map((m) => credentialLabel(i18n, m)).join(', ') })} />
          ) : (
            <ToneLozenge tone="success" label={i18n.t('admin.conn.storedCount', { n: c.credentialFields.length })} />
          ),
      },
      {
        key: 'actions',
        content: (
          <Inline space="space.050" shouldWrap>
            <Button appearance="subtle" onClick={() => setEditing(c)} aria-label={`${i18n.t('common.edit')}: ${c.clientName} ${sourceName(i18n, c.source)}`}>
              {i18n.t('common.edit')}
            </Button>
            <Button appearance="subtle" isLoading={busy === `test:${c.id}`} onClick={() => void doTest(c)} aria-label={`${i18n.t('admin.conn.test')}: ${c.clientName} ${sourceName(i18n, c.source)}`}>
              {i18n.t('admin.conn.test')}
            </Button>
            <Button appearance="subtle" isLoading={busy === `sync:${c.id}`} isDisabled={c.status === 'auth-expired' || c.status === 'revoked'} onClick={() => void doSync(c)} aria-label={`${i18n.t('admin.conn.syncNow')}: ${c.clientName} ${sourceName(i18n, c.source)}`}>
              {i18n.t('admin.conn.syncNow')}
            </Button>
            <Button appearance="subtle" onClick={() => setDeleting(c)} aria-label={`${i18n.t('common.delete')}: ${c.clientName} ${sourceName(i18n, c.source)}`}>
              {i18n.t('common.delete')}
            </Button>
          </Inline>
        ),
      },
    ],
  }));
  const broken = (list.data ?? []).filter((c) => c.status === 'auth-expired' || c.status === 'revoked');

  return (
    <Stack space="space.200">
      <Inline spread="space-between" alignBlock="center">
        <span style={subtle}>{i18n.t('admin.conn.intro')}</span>
        <Button appearance="primary" onClick={() => setEditing('new')}>
          {i18n.t('admin.conn.create')}
        </Button>
      </Inline>
      {broken.length > 0 ? (
        <SectionMessage appearance="warning" title={i18n.t('admin.conn.brokenTitle', { n: broken.length })} testId="connections-broken">
          <ul>
            {broken.map((c) => (
              <li key={c.id}>{`${sourceName(i18n, c.source)}: ${statusText(i18n, c)}`}</li>
            ))}
          </ul>
        </SectionMessage>
      ) : null}
      {tested ? <TestOutcome result={tested.result} connection={list.data?.find((c) => c.id === tested.id)} onClose={() => setTested(null)} /> : null}
      {list.error ? <ErrorSection error={list.error} onRetry={list.reload} /> : null}
      <DynamicTable
        head={head}
        rows={rows}
        isLoading={list.loading}
        defaultSortKey="client"
        defaultSortOrder="ASC"
        label={i18n.t('admin.tab.connections')}
        emptyView={<EmptyState title={i18n.t('admin.conn.empty.title')} body={i18n.t('admin.conn.empty.body')} />}
        testId="connections-table"
      />
      {services.data && services.data.length > 0 ? <CsvUpload services={services.data} /> : null}
      <MetricsSettings canEdit={viewer.data?.isAdmin ?? false} />
      {deleting ? (
        <ConfirmDialog
          title={i18n.t('admin.conn.deleteTitle')}
          body={i18n.t('admin.conn.deleteBody', { source: sourceName(i18n, deleting.source), service: `${deleting.clientName} · ${deleting.serviceName}` })}
          confirmLabel={i18n.t('common.delete')}
          pending={del.pending}
          onConfirm={() => void doDelete()}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </Stack>
  );
}
