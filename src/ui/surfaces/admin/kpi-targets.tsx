// A service's KPI targets for one month: the month's own, carried over or the defaults, editable by
// heads and admins; leaving a field empty removes that target.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useEffect, useMemo, useState } from 'react';
import { addMonths } from '../../../domain/month-rules';
import type { ServiceSummary } from '../../../shared/api';
import type { KpiTargetsView } from '../../../shared/api-kpi';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { MonthSwitcher } from '../../components/month-switcher';
import type { Option } from '../../components/options';
import { SingleSelect } from '../../components/selects';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { localize } from '../../components/localize';
import { targetTexts, targetValues, unitSymbol } from './kpi-draft';
import { AdminForm, useSaveForm } from './use-save-form';

const picker = xcss({ maxWidth: '420px' });
const subtle = { color: token('color.text.subtle') };

function TargetsForm({ view, onSaved }: { view: KpiTargetsView; onSaved(v: KpiTargetsView): void }): JSX.Element {
  const i18n = useI18n();
  const [texts, setTexts] = useState(() => targetTexts(view.kpis, view.targets.values));
  const f = useSaveForm('kpi/targets/set', { onSaved });
  const origin = view.targets.origin === 'carried-over' && view.targets.setInMonth ? i18n.t('admin.kpi.origin.carried', { month: i18n.month(view.targets.setInMonth) }) : i18n.t(`admin.kpi.origin.${view.targets.origin}`);
  const head = {
    cells: [
      { key: 'kpi', content: i18n.t('admin.kpi.col.kpi') },
      { key: 'dir', content: i18n.t('admin.kpi.direction') },
      { key: 'target', content: i18n.t('admin.kpi.col.target') },
    ],
  };
  const rows = view.kpis.map((k) => {
    const id = `target-${k.id}`;
    const err = f.err(`values.${k.id}`);
    return {
      key: k.id,
      cells: [
        { key: 'kpi', content: <label htmlFor={id}>{localize(k.label, i18n.lang)}</label> },
        { key: 'dir', content: i18n.t(`admin.kpi.direction.${k.direction}`) },
        {
          key: 'target',
          content: (
            <Stack space="space.025">
              <Inline space="space.050" alignBlock="center">
                <Textfield id={id} width="small" inputMode="decimal" value={texts[k.id] ?? ''} onChange={(e) => setTexts({ ...texts, [k.id]: e.currentTarget.value })} isReadOnly={!view.canEdit} isInvalid={!!err} aria-label={localize(k.label, i18n.lang)} />
                <span style={subtle}>{unitSymbol(k.unit)}</span>
              </Inline>
              {err ? <span style={{ color: token('color.text.danger') }}>{err}</span> : null}
            </Stack>
          ),
        },
      ],
    };
  });
  return (
    <AdminForm form={f} build={() => ({ serviceId: view.serviceId, month: view.month, values: targetValues(view.kpis, texts) })} claimed={view.kpis.map((k) => `values.${k.id}`)} label={i18n.t('admin.kpi.targetsTitle')}>
      <span style={subtle} data-testid="targets-origin">
        {origin}
      </span>
      <DynamicTable head={head} rows={rows} label={i18n.t('admin.kpi.targetsTitle')} testId="kpi-targets-table" />
      {view.canEdit ? (
        <div>
          <Button type="submit" appearance="primary" isLoading={f.pending} testId="targets-save">
            {i18n.t('admin.kpi.saveTargets')}
          </Button>
        </div>
      ) : null}
    </AdminForm>
  );
}

export function KpiTargets({ services, thisMonth }: { services: ServiceSummary[]; thisMonth: string }): JSX.Element {
  const i18n = useI18n();
  const [serviceId, setServiceId] = useState<string | null>(services[0]?.id ?? null);
  const [month, setMonth] = useState(thisMonth);
  const view = useResolver('kpi/targets/get', serviceId ? { serviceId, month } : null);
  const [shown, setShown] = useState<KpiTargetsView>();
  useEffect(() => setShown(view.data), [view.data]);
  const options: Option[] = useMemo(() => services.map((s) => ({ value: s.id, label: `${s.clientName} · ${s.name}` })), [services]);
  return (
    <Stack space="space.150">
      <Heading size="medium" as="h2">
        {i18n.t('admin.kpi.targetsTitle')}
      </Heading>
      {services.length === 0 ? (
        <EmptyState compact title={i18n.t('admin.conn.needService')} />
      ) : (
        <>
          <Inline space="space.200" alignBlock="center" shouldWrap>
            <Box xcss={picker}>
              <SingleSelect id="targets-service" options={options} value={serviceId} onChange={setServiceId} ariaLabel={i18n.t('admin.conn.service')} />
            </Box>
            <MonthSwitcher month={month} isCurrent={month === thisMonth} onChange={(m) => setMonth(m ?? thisMonth)} />
            <Button appearance="subtle" onClick={() => setMonth(addMonths(thisMonth, 1))}>
              {i18n.t('admin.kpi.nextMonth')}
            </Button>
          </Inline>
          {view.error ? <ErrorSection error={view.error} onRetry={view.reload} /> : null}
          {shown && shown.serviceId === serviceId && shown.month === month ? <TargetsForm key={`${shown.serviceId}:${shown.month}:${shown.targets.setAt ?? ''}`} view={shown} onSaved={setShown} /> : view.loading ? <span style={subtle}>{i18n.t('common.loading')}</span> : null}
        </>
      )}
    </Stack>
  );
}
