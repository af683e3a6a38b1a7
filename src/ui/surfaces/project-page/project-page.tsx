// The service's dashboard on its Jira project: who and what, then tabs — the month's tasks, results
// (KPIs and metric charts), money (only for people who may see it), reports and data connections.
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { useState } from 'react';
import type { Client, Service, ServiceSummary } from '../../../shared/api';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { LoadingState } from '../../components/loading-state';
import { ServiceStatusLozenge } from '../../components/status-lozenge';
import { useServiceByProject, useViewer } from '../../hooks/use-data';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { useAppContext } from '../../platform/app-context';
import { ConnectionsTab } from './connections-tab';
import { MoneyTab } from './money-tab';
import { ReportsTab } from './reports-tab';
import { todayIn } from './project-utils';
import { ResultsTab } from './results-tab';
import { TasksTab } from './tasks-tab';

const page = xcss({ paddingInline: 'space.100', paddingBlock: 'space.100', maxWidth: '1200px' });
const panel = xcss({ paddingBlock: 'space.200', width: '100%' });

type TabId = 'tasks' | 'results' | 'money' | 'reports' | 'connections';
const TAB_LABEL: Record<TabId, MessageKey> = {
  tasks: 'project.tab.tasks',
  results: 'project.tab.results',
  money: 'project.tab.money',
  reports: 'project.tab.reports',
  connections: 'project.tab.connections',
};

function Header({ service, client, summary }: { service: Service; client: Client; summary: ServiceSummary }): JSX.Element {
  const i18n = useI18n();
  const fact = (label: string, value: JSX.Element | string) => (
    <Stack space="space.050">
      <span className="rt-small rt-muted">{label}</span>
      <span>{value}</span>
    </Stack>
  );
  return (
    <Stack space="space.150">
      <Heading size="large" as="h1">
        {client.name} · {service.name}
      </Heading>
      <Inline space="space.400" shouldWrap>
        {fact(i18n.t('project.type'), i18n.serviceType(service.type))}
        {fact(i18n.t('project.status'), <ServiceStatusLozenge status={service.status} />)}
        {fact(i18n.t('project.manager'), summary.managerName)}
      </Inline>
    </Stack>
  );
}

export function ProjectPage(): JSX.Element {
  const i18n = useI18n();
  const ctx = useAppContext();
  const svc = useServiceByProject(ctx.project?.key ?? null);
  const viewer = useViewer();
  const [selected, setSelected] = useState(0);

  if (!ctx.project || (svc.error && svc.error.code === 'NOT_FOUND')) {
    return <EmptyState title={i18n.t('project.notService.title')} body={i18n.t('project.notService.body')} />;
  }
  if ((svc.loading && !svc.data) || (viewer.loading && !viewer.data)) return <LoadingState />;
  if (svc.error || !svc.data) return svc.error ? <ErrorSection error={svc.error} onRetry={svc.reload} /> : <LoadingState />;

  const { service, client, summary } = svc.data;
  const v = viewer.data;
  // The money tab is offered to people who may see money somewhere; the backend still decides per service.
  const tabs: TabId[] = ['tasks', 'results', ...(v?.canSeeMoney ? (['money'] as const) : []), 'reports', 'connections'];
  const currentMonth = summary.currentMonth?.month ?? new Date().toISOString().slice(0, 7);
  const canManage = !!v && (v.isAdmin || v.isHead || service.managerAccountId === v.accountId || service.headAccountId === v.accountId);

  const body = (id: TabId): JSX.Element => {
    switch (id) {
      case 'tasks':
        return <TasksTab service={service} />;
      case 'results':
        return <ResultsTab service={service} client={client} currentMonth={currentMonth} timeZone={ctx.timezone} />;
      case 'money':
        return <MoneyTab service={service} client={client} currentMonth={currentMonth} timeZone={ctx.timezone} />;
      case 'reports':
        return <ReportsTab service={service} canManage={canManage} currentMonth={currentMonth} today={todayIn(ctx.timezone)} />;
      case 'connections':
        return <ConnectionsTab service={service} canManage={canManage} canOpenSettings={!!v && (v.isAdmin || v.isHead)} />;
    }
  };

  return (
    <Box xcss={page} testId="project-page">
      <Stack space="space.300">
        <Header service={service} client={client} summary={summary} />
        {viewer.error ? <ErrorSection error={viewer.error} onRetry={viewer.reload} /> : null}
        <Tabs id="project-tabs" selected={Math.min(selected, tabs.length - 1)} onChange={(i) => setSelected(i)}>
          <TabList>
            {tabs.map((id) => (
              <Tab key={id} testId={`project-tab-${id}`}>
                {i18n.t(TAB_LABEL[id])}
              </Tab>
            ))}
          </TabList>
          {tabs.map((id) => (
            <TabPanel key={id}>
              <Box xcss={panel}>{body(id)}</Box>
            </TabPanel>
          ))}
        </Tabs>
      </Stack>
    </Box>
  );
}
