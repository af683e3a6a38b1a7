// Retainer settings: agency, clients, services, the template catalog and its calibration.
import Heading from '@atlaskit/heading';
import { Box, Stack, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { ErrorSection } from '../../components/error-flag';
import { LoadingState } from '../../components/loading-state';
import { useViewer } from '../../hooks/use-data';
import { useI18n } from '../../i18n/i18n';
import { AgencyTab } from './agency-tab';
import { CalibrationTab } from './calibration-tab';
import { ClientsTab } from './clients-tab';
import { ConnectionsTab } from './connections-tab';
import { KpisTab } from './kpis-tab';
import { MoneySettingsTab } from './money-settings-tab';
import { PlansTab } from './plans-tab';
import { RatesTab } from './rates-tab';
import { ServicesTab } from './services-tab';
import { TemplatesTab } from './templates-tab';
import { NotificationsTab } from './notifications-tab';
import { DocumentsTab } from './documents-tab';

const page = xcss({ paddingInline: 'space.100', paddingBlock: 'space.100', maxWidth: '1200px' });
const panel = xcss({ paddingBlock: 'space.200', width: '100%' });

export function AdminPage(): JSX.Element {
  const { t } = useI18n();
  const viewer = useViewer();
  if (viewer.loading && !viewer.data) return <LoadingState />;
  if (viewer.error) return <ErrorSection error={viewer.error} onRetry={viewer.reload} />;
  if (!viewer.data || (!viewer.data.isAdmin && !viewer.data.isHead)) {
    return (
      <SectionMessage appearance="warning" title={t('admin.forbidden.title')}>
        <p>{t('admin.forbidden.body')}</p>
      </SectionMessage>
    );
  }
  return (
    <Box xcss={page} testId="admin-page">
      <Stack space="space.200">
        <Heading size="large" as="h1">
          {t('admin.title')}
        </Heading>
        <Tabs id="admin-tabs">
          <TabList>
            <Tab>{t('admin.tab.agency')}</Tab>
            <Tab>{t('admin.tab.clients')}</Tab>
            <Tab>{t('admin.tab.services')}</Tab>
            <Tab>{t('admin.tab.templates')}</Tab>
            <Tab>{t('admin.tab.calibration')}</Tab>
            <Tab>{t('admin.tab.connections')}</Tab>
            <Tab>{t('admin.tab.kpis')}</Tab>
            <Tab>{t('admin.tab.plans')}</Tab>
            <Tab>{t('admin.tab.rates')}</Tab>
            <Tab>{t('admin.tab.money')}</Tab>
            <Tab>{t('admin.tab.notifications')}</Tab>
            <Tab>{t('admin.tab.documents')}</Tab>
          </TabList>
          <TabPanel>
            <Box xcss={panel}>
              <AgencyTab />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panel}>
              <ClientsTab />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panel}>
              <ServicesTab />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panel}>
              <TemplatesTab />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panel}>
              <CalibrationTab />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panel}>
              <ConnectionsTab />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panel}>
              <KpisTab />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panel}>
              <PlansTab />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panel}>
              <RatesTab />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panel}>
              <MoneySettingsTab />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panel}>
              <NotificationsTab />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panel}>
              <DocumentsTab />
            </Box>
          </TabPanel>
        </Tabs>
      </Stack>
    </Box>
  );
}
