// The "Services" tab of the global page: every service the viewer manages with this month's task
// set and hours; heads and admins can switch to all services.
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { ServiceSummary } from '../../../shared/api';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { LoadingState } from '../../components/loading-state';
import { ServiceStatusLozenge, SetupStateLozenge, TaskSetStateLozenge } from '../../components/status-lozenge';
import { useServices, useViewer } from '../../hooks/use-data';
import { useI18n, type I18n } from '../../i18n/i18n';
import { openProjectPage } from '../../services/navigation';

const page = xcss({ paddingInline: 'space.100', paddingBlock: 'space.100' });

function HoursCell({ s, i18n }: { s: ServiceSummary; i18n: I18n }): JSX.Element {
  if (!s.currentMonth) return <span style={{ color: token('color.text.subtlest') }}>{i18n.t('common.none')}</span>;
  const { plannedHours, allowanceHours } = s.currentMonth;
  const over = allowanceHours > 0 && plannedHours > allowanceHours;
  return (
    <span className="rt-num" style={{ color: over ? token('color.text.danger') : undefined }}>
      {i18n.t('common.hoursOf', { a: i18n.number(plannedHours), b: i18n.number(allowanceHours) })}
    </span>
  );
}

function rows(list: ServiceSummary[], i18n: I18n) {
  return list.map((s) => ({
    key: s.id,
    cells: [
      { key: s.clientName, content: <strong>{s.clientName}</strong> },
      {
        key: s.name,
        content: s.jiraProjectKey ? (
          <button type="button" className="rt-link-button" aria-label={i18n.t('global.openDashboard', { name: `${s.clientName} · ${s.name}` })} onClick={() => void openProjectPage(s.jiraProjectKey as string)}>
            {s.name}
          </button>
        ) : (
          s.name
        ),
      },
      { key: i18n.serviceType(s.type), content: i18n.serviceType(s.type) },
      { key: s.status, content: <ServiceStatusLozenge status={s.status} /> },
      { key: s.setup.state, content: <SetupStateLozenge setup={s.setup} /> },
      { key: s.currentMonth?.state ?? 'none', content: <TaskSetStateLozenge state={s.currentMonth?.state ?? 'none'} /> },
      { key: s.currentMonth?.plannedHours ?? -1, content: <HoursCell s={s} i18n={i18n} /> },
    ],
  }));
}

export function ServicesTab(): JSX.Element {
  const i18n = useI18n();
  const viewer = useViewer();
  const [all, setAll] = useState(false);
  const services = useServices(!all);
  const mayToggle = !!viewer.data && (viewer.data.isAdmin || viewer.data.isHead);

  const head = {
    cells: [
      { key: 'client', content: i18n.t('global.col.client'), isSortable: true },
      { key: 'service', content: i18n.t('global.col.service'), isSortable: true },
      { key: 'type', content: i18n.t('global.col.type'), isSortable: true },
      { key: 'status', content: i18n.t('global.col.status'), isSortable: true },
      { key: 'setup', content: i18n.t('global.col.setup'), isSortable: true },
      { key: 'month', content: i18n.t('global.col.month'), isSortable: true },
      { key: 'hours', content: i18n.t('global.col.hours'), isSortable: true },
    ],
  };

  return (
    <Box xcss={page} testId="services-tab">
      <Stack space="space.200">
        <Inline spread="space-between" alignBlock="center" shouldWrap space="space.200">
          <Stack space="space.050">
            <Heading size="medium" as="h2">
              {all ? i18n.t('global.titleAll') : i18n.t('global.title')}
            </Heading>
            {services.data ? <span className="rt-muted">{i18n.t('global.count', { n: services.data.length })}</span> : null}
          </Stack>
          {mayToggle ? (
            <Inline space="space.050" alignBlock="center">
              <Toggle id="show-all" isChecked={all} onChange={() => setAll((v) => !v)} label={i18n.t('global.showAll')} />
              <label htmlFor="show-all">{i18n.t('global.showAll')}</label>
            </Inline>
          ) : null}
        </Inline>
        {services.error ? <ErrorSection error={services.error} onRetry={services.reload} /> : null}
        {services.loading && !services.data ? <LoadingState /> : null}
        {services.data ? (
          <DynamicTable
            head={head}
            rows={rows(services.data, i18n)}
            isLoading={services.loading}
            defaultSortKey="client"
            defaultSortOrder="ASC"
            label={all ? i18n.t('global.titleAll') : i18n.t('global.title')}
            emptyView={<EmptyState title={i18n.t('global.empty.title')} body={i18n.t('global.empty.body')} />}
            testId="services-table"
          />
        ) : null}
      </Stack>
    </Box>
  );
}
