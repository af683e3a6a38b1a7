// The "Connections" tab: per data source the last success and error, rows, access problems, backfill
// progress and "sync now"; credentials are managed on the admin page.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Inline, Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { Service } from '../../../shared/api';
import type { ConnectionStatus, SourceSyncStatus } from '../../../shared/api-metrics';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { SkeletonLines } from '../../components/loading-state';
import { useSyncStatus } from '../../hooks/use-project';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess, openAdminPage } from '../../services/navigation';
import { sourceLabel } from './metrics-section';

const STATUS: Record<ConnectionStatus, ThemeAppearance> = { active: 'success', 'auth-expired': 'removed', revoked: 'removed', error: 'moved' };

/** The worst connection status of a source (one bad account is worth showing). */
function worst(s: SourceSyncStatus): ConnectionStatus {
  const order: ConnectionStatus[] = ['revoked', 'auth-expired', 'error', 'active'];
  return order.find((o) => s.connections.some((c) => c.status === o)) ?? 'active';
}

export function ConnectionsTab({ service, canManage, canOpenSettings }: { service: Service; canManage: boolean; canOpenSettings: boolean }): JSX.Element {
  const i18n = useI18n();
  const status = useSyncStatus(service.id);
  const run = useMutation('sync/runNow');
  const flagError = useErrorFlag();
  const [running, setRunning] = useState<string | null>(null);

  const syncNow = async (source?: SourceSyncStatus['source']) => {
    setRunning(source ?? 'all');
    const r = await run.run(source ? { serviceId: service.id, source } : { serviceId: service.id });
    setRunning(null);
    if (r.ok) {
      notifySuccess(i18n.t('project.sync.queued', { n: r.data.queued }));
      setTimeout(() => status.reload(), 1500);
    } else flagError(r.error);
  };

  const head = {
    cells: [
      { key: 'source', content: i18n.t('project.sync.col.source'), width: 16 },
      { key: 'status', content: i18n.t('project.sync.col.status'), width: 12 },
      { key: 'success', content: i18n.t('project.sync.col.lastSuccess'), width: 18 },
      { key: 'error', content: i18n.t('project.sync.col.lastError'), width: 24 },
      { key: 'rows', content: i18n.t('project.sync.col.rows'), width: 14 },
      { key: 'actions', content: '', width: 12 },
    ],
  };
  const rows = (status.data?.sources ?? []).map((s) => {
    const st = worst(s);
    return {
      key: s.source,
      cells: [
        {
          key: s.source,
          content: (
            <Stack space="space.025">
              <strong>{sourceLabel(i18n, s.source)}</strong>
              <span className="rt-small rt-muted">{s.connections.map((c) => c.accountId).join(', ')}</span>
            </Stack>
          ),
        },
        { key: st, content: <Lozenge appearance={STATUS[st]}>{i18n.t(`project.sync.status.${st}`)}</Lozenge> },
        {
          key: s.lastSuccessAt ?? '',
          content: (
            <Stack space="space.025">
              <span className="rt-small">{s.lastSuccessAt ? i18n.dateTime(s.lastSuccessAt) : i18n.t('project.sync.never')}</span>
              {s.syncedThrough ? <span className="rt-small rt-muted">{i18n.t('project.sync.through', { date: i18n.date(s.syncedThrough) })}</span> : null}
              {s.backfill.state !== 'done' && s.backfill.monthsTotal > 0 ? (
                <span className="rt-small rt-muted">{i18n.t('project.sync.backfill', { done: s.backfill.monthsDone, total: s.backfill.monthsTotal })}</span>
              ) : null}
            </Stack>
          ),
        },
        {
          key: s.lastError?.at ?? '',
          content: s.lastError ? (
            <Stack space="space.025">
              <span className="rt-small" style={{ color: token('color.text.danger') }}>
                {i18n.dateTime(s.lastError.at)} · {i18n.t(`project.sync.outcome.${s.lastError.outcome}`)}
              </span>
              {s.lastError.message ? <span className="rt-small rt-muted">{s.lastError.message}</span> : null}
            </Stack>
          ) : (
            <span className="rt-small rt-muted">{i18n.t('common.none')}</span>
          ),
        },
        { key: s.rows, content: <span className="rt-num rt-small">{i18n.t('project.sync.rowsValue', { last: i18n.number(s.rows), month: i18n.number(s.monthRows) })}</span> },
        {
          key: 'a',
          content: canManage ? (
            <Button spacing="compact" onClick={() => void syncNow(s.source)} isLoading={running === s.source} aria-label={i18n.t('project.sync.nowFor', { source: sourceLabel(i18n, s.source) })}>
              {i18n.t('project.sync.now')}
            </Button>
          ) : null,
        },
      ],
    };
  });
  const authProblems = (status.data?.sources ?? []).filter((s) => ['auth-expired', 'revoked'].includes(worst(s)));

  return (
    <Stack space="space.200" testId="connections-tab">
      <Inline spread="space-between" alignBlock="center" shouldWrap space="space.100">
        <span className="rt-muted">{i18n.t('project.sync.intro')}</span>
        <Inline space="space.100">
          {canManage && (status.data?.sources.length ?? 0) > 0 ? (
            <Button onClick={() => void syncNow()} isLoading={running === 'all'} testId="sync-all">
              {i18n.t('project.sync.all')}
            </Button>
          ) : null}
          {canOpenSettings ? <Button appearance="subtle" onClick={() => void openAdminPage()}>{i18n.t('project.sync.manage')}</Button> : null}
        </Inline>
      </Inline>
      {authProblems.length > 0 ? (
        <ErrorSectionLike text={i18n.t('project.sync.authProblem', { sources: authProblems.map((s) => sourceLabel(i18n, s.source)).join(', ') })} />
      ) : null}
      {status.error ? <ErrorSection error={status.error} onRetry={status.reload} /> : null}
      {!status.data && status.loading ? <SkeletonLines lines={3} /> : null}
      {status.data && status.data.sources.length === 0 ? <EmptyState compact title={i18n.t('project.sync.empty.title')} body={i18n.t(canOpenSettings ? 'project.sync.empty.admin' : 'project.sync.empty.body')} /> : null}
      {status.data && status.data.sources.length > 0 ? <DynamicTable head={head} rows={rows} label={i18n.t('project.tab.connections')} testId="sync-table" /> : null}
    </Stack>
  );
}

function ErrorSectionLike({ text }: { text: string }): JSX.Element {
  return (
    <div role="alert" style={{ padding: token('space.150'), borderRadius: 4, background: token('color.background.danger'), color: token('color.text') }}>
      {text}
    </div>
  );
}
