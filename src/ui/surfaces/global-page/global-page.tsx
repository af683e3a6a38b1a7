// The global page: "My clients" (the manager view) for everyone with services, "Department" (the head
// view) and "Finance" (bank statements, review queue, export) for heads and admins, and "Services"
// (set-up state and hours of the month). The tabs shown mirror what the resolvers allow.
import Heading from '@atlaskit/heading';
import { Box, Stack, xcss } from '@atlaskit/primitives';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { useState } from 'react';
import { ErrorSection } from '../../components/error-flag';
import { LoadingState } from '../../components/loading-state';
import { useViewer } from '../../hooks/use-data';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { useAppContext } from '../../platform/app-context';
import { monthIn } from './dashboard-bits';
import { DepartmentTab } from './department-tab';
import { FinanceTab } from './finance-tab';
import { MyClientsTab } from './my-clients-tab';
import { ServicesTab } from './services-tab';

const page = xcss({ paddingInline: 'space.100', paddingBlock: 'space.100' });
const panel = xcss({ paddingBlockStart: 'space.200', width: '100%' });

type TabId = 'clients' | 'department' | 'finance' | 'services';

export function GlobalPage(): JSX.Element {
  const i18n = useI18n();
  const ctx = useAppContext();
  const viewer = useViewer();
  const [selected, setSelected] = useState(0);
  const currentMonth = monthIn(ctx.timezone);
  const v = viewer.data;
  const head = !!v && (v.isAdmin || v.isHead);
  const tabs: TabId[] = head ? ['clients', 'department', 'finance', 'services'] : ['clients', 'services'];
  const label: Record<TabId, MessageKey> = { clients: 'dashboard.tab.clients', department: 'dashboard.tab.department', finance: 'dashboard.tab.finance', services: 'dashboard.tab.services' };
  const body = (id: TabId): JSX.Element => {
    switch (id) {
      case 'clients':
        return <MyClientsTab currentMonth={currentMonth} mayShowAll={head} />;
      case 'department':
        return <DepartmentTab currentMonth={currentMonth} />;
      case 'finance':
        return <FinanceTab currentMonth={currentMonth} />;
      case 'services':
        return <ServicesTab />;
    }
  };
  return (
    <Box xcss={page} testId="global-page">
      <Stack space="space.200">
        <Heading size="large" as="h1">
          {i18n.t('dashboard.title')}
        </Heading>
        {viewer.error ? <ErrorSection error={viewer.error} onRetry={viewer.reload} /> : null}
        {viewer.loading && !v ? <LoadingState /> : null}
        {v ? (
          <Tabs id="global-tabs" selected={Math.min(selected, tabs.length - 1)} onChange={(i) => setSelected(i)}>
            <TabList>
              {tabs.map((id) => (
                <Tab key={id} testId={`tab-${id}`}>
                  {i18n.t(label[id])}
                </Tab>
              ))}
            </TabList>
            {tabs.map((id) => (
              <TabPanel key={id}>
                <Box xcss={panel}>{body(id)}</Box>
              </TabPanel>
            ))}
          </Tabs>
        ) : null}
      </Stack>
    </Box>
  );
}
