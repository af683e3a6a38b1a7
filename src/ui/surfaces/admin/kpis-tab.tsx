// KPIs: the built-in and custom definitions per service type, custom ones added, edited and
// deleted by admins, and each service's monthly targets.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useEffect, useState } from 'react';
import type { KpiDefinition } from '../../../domain/kpi';
import type { ServiceType } from '../../../domain/model';
import type { KpiDefinitionsView } from '../../../shared/api-kpi';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { localize } from '../../components/localize';
import { serviceTypeOptions, type Option } from '../../components/options';
import { SingleSelect } from '../../components/selects';
import { ToneLozenge } from '../../components/status-lozenge';
import { useAgency, useServices, useViewer } from '../../hooks/use-data';
import { useMutation, useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';
import { monthIn, targetToText, unitSymbol } from './kpi-draft';
import { KpiForm } from './kpi-form';
import { KpiTargets } from './kpi-targets';

const picker = xcss({ width: '260px' });
const subtle = { color: token('color.text.subtle') };

export function KpisTab(): JSX.Element {
  const i18n = useI18n();
  const viewer = useViewer();
  const agency = useAgency();
  const services = useServices(false);
  const [type, setType] = useState<ServiceType | 'all'>('all');
  const list = useResolver('kpi/definitions/list', type === 'all' ? {} : { serviceType: type });
  const [shown, setShown] = useState<KpiDefinitionsView>();
  useEffect(() => setShown(list.data), [list.data]);
  const [editing, setEditing] = useState<KpiDefinition | 'new' | null>(null);
  const [deleting, setDeleting] = useState<KpiDefinition | null>(null);
  const del = useMutation('kpi/definitions/delete');
  const enable = useMutation('kpi/definitions/enable');
  const flagError = useErrorFlag();
  const isAdmin = viewer.data?.isAdmin ?? false;

  if (editing) {
    return (
      <KpiForm
        definition={editing === 'new' ? null : editing}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
    );
  }

  const doDelete = async () => {
    if (!deleting) return;
    const r = await del.run({ id: deleting.id });
    setDeleting(null);
    if (r.ok) {
      notifySuccess(i18n.t('admin.kpi.deleted'));
      list.reload();
    } else flagError(r.error);
  };
  const disabled = new Set(shown?.disabled ?? []);
  const toggle = async (d: KpiDefinition) => {
    const on = disabled.has(d.id);
    const r = await enable.run({ id: d.id, enabled: on });
    if (r.ok) {
      notifySuccess(i18n.t(on ? 'admin.kpi.switchedOn' : 'admin.kpi.switchedOff', { kpi: localize(d.label, i18n.lang) }));
      list.reload();
    } else flagError(r.error);
  };
  const head = {
    cells: [
      { key: 'kpi', content: i18n.t('admin.kpi.col.kpi'), isSortable: true },
      { key: 'types', content: i18n.t('admin.kpi.appliesTo') },
      { key: 'unit', content: i18n.t('admin.kpi.unit') },
      { key: 'dir', content: i18n.t('admin.kpi.direction') },
      { key: 'pacing', content: i18n.t('admin.kpi.pacing') },
      { key: 'target', content: i18n.t('admin.kpi.defaultTarget') },
      { key: 'state', content: i18n.t('admin.kpi.col.state') },
      { key: 'actions', content: '' },
    ],
  };
  const rowsOf = (defs: KpiDefinition[]) =>
    defs.map((d) => ({
      key: d.id,
      cells: [
        {
          key: localize(d.label, i18n.lang),
          content: (
            <Stack space="space.025">
              <strong>{localize(d.label, i18n.lang)}</strong>
              <span style={subtle}>{d.id}</span>
            </Stack>
          ),
        },
        { key: 'types', content: d.appliesTo.map((x) => i18n.serviceType(x)).join(', ') },
        { key: 'unit', content: i18n.t(`admin.kpi.unit.${d.unit}`) },
        { key: 'dir', content: i18n.t(`admin.kpi.direction.${d.direction}`) },
        { key: 'pacing', content: i18n.t(`admin.kpi.pacing.${d.pacing}`) },
        { key: 'target', content: d.defaultTarget === null ? i18n.t('common.none') : `${targetToText(d.unit, d.defaultTarget)} ${unitSymbol(d.unit)}`.trim() },
        { key: 'state', content: disabled.has(d.id) ? <ToneLozenge tone="neutral" label={i18n.t('admin.kpi.disabled')} /> : <ToneLozenge tone="success" label={i18n.t('admin.kpi.enabled')} /> },
        {
          key: 'actions',
          content:
            d.builtIn && isAdmin ? (
              <Button appearance="subtle" onClick={() => void toggle(d)} isLoading={enable.pending} testId={`kpi-toggle-${d.id}`} aria-label={`${i18n.t(disabled.has(d.id) ? 'admin.kpi.switchOn' : 'admin.kpi.switchOff')}: ${d.id}`}>
                {i18n.t(disabled.has(d.id) ? 'admin.kpi.switchOn' : 'admin.kpi.switchOff')}
              </Button>
            ) : !d.builtIn && isAdmin ? (
              <Inline space="space.050">
                <Button appearance="subtle" onClick={() => setEditing(d)} aria-label={`${i18n.t('common.edit')}: ${d.id}`}>
                  {i18n.t('common.edit')}
                </Button>
                <Button appearance="subtle" onClick={() => setDeleting(d)} aria-label={`${i18n.t('common.delete')}: ${d.id}`}>
                  {i18n.t('common.delete')}
                </Button>
              </Inline>
            ) : null,
        },
      ],
    }));
  const types: Option<ServiceType | 'all'>[] = [{ value: 'all', label: i18n.t('calibration.allTypes') }, ...serviceTypeOptions(i18n)];

  return (
    <Stack space="space.300">
      <Inline spread="space-between" alignBlock="center">
        <Box xcss={picker}>
          <SingleSelect<ServiceType | 'all'> id="kpi-type" options={types} value={type} onChange={(v) => setType(v)} ariaLabel={i18n.t('admin.kpi.appliesTo')} />
        </Box>
        {isAdmin ? (
          <Button appearance="primary" onClick={() => setEditing('new')}>
            {i18n.t('admin.kpi.create')}
          </Button>
        ) : (
          <span role="note">{i18n.t('admin.adminOnly')}</span>
        )}
      </Inline>
      {list.error ? <ErrorSection error={list.error} onRetry={list.reload} /> : null}
      <Heading size="medium" as="h2">
        {i18n.t('admin.kpi.builtIn')}
      </Heading>
      <span style={subtle}>{i18n.t('admin.kpi.builtInHelp')}</span>
      <DynamicTable head={head} rows={rowsOf(shown?.builtIn ?? [])} isLoading={list.loading && !shown} label={i18n.t('admin.kpi.builtIn')} testId="kpi-builtin-table" />
      <Heading size="medium" as="h2">
        {i18n.t('admin.kpi.custom')}
      </Heading>
      <DynamicTable
        head={head}
        rows={rowsOf(shown?.custom ?? [])}
        isLoading={list.loading && !shown}
        label={i18n.t('admin.kpi.custom')}
        emptyView={<EmptyState title={i18n.t('admin.kpi.empty.title')} body={i18n.t('admin.kpi.empty.body')} />}
        testId="kpi-custom-table"
      />
      {services.error ? <ErrorSection error={services.error} onRetry={services.reload} /> : services.data && agency.data ? <KpiTargets services={services.data} thisMonth={monthIn(agency.data.timeZone)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={i18n.t('admin.kpi.deleteTitle')}
          body={i18n.t('admin.kpi.deleteBody', { name: localize(deleting.label, i18n.lang) })}
          confirmLabel={i18n.t('common.delete')}
          pending={del.pending}
          onConfirm={() => void doDelete()}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </Stack>
  );
}
