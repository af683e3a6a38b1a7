// The "Retainer sales" page: the leads list (filter by stage, add by hand), a lead's detail, and
// for heads and admins the funnel and the price list / templates.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { useState } from 'react';
import type { LeadStageView } from '../../../shared/api-sales';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { LoadingState } from '../../components/loading-state';
import { SingleSelect } from '../../components/selects';
import { useViewer } from '../../hooks/use-data';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { SalesFunnel } from './funnel';
import { LeadDetailView } from './lead-detail';
import { NewLeadForm } from './new-lead-form';
import { SalesSettings } from './sales-settings';
import { StageLozenge } from './stage-lozenge';

const page = xcss({ paddingInline: 'space.100', paddingBlock: 'space.100' });
const panel = xcss({ paddingBlockStart: 'space.200', width: '100%' });
const STAGES: LeadStageView[] = ['new', 'brief-sent', 'brief-received', 'estimate', 'proposal-sent', 'won', 'lost'];

function Leads(): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const [stage, setStage] = useState<LeadStageView | 'all'>('all');
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const list = useResolver('sales/leads/list', stage === 'all' ? {} : { stage });
  if (open) {
    return (
      <LeadDetailView
        leadId={open}
        onBack={() => {
          setOpen(null);
          list.reload();
        }}
      />
    );
  }
  if (adding) {
    return (
      <NewLeadForm
        onCancel={() => setAdding(false)}
        onDone={(l) => {
          setAdding(false);
          setOpen(l.id);
        }}
      />
    );
  }
  const leads = list.data ?? [];
  return (
    <Stack space="space.150">
      <Inline space="space.150" alignBlock="end" spread="space-between" shouldWrap>
        <Box xcss={xcss({ width: '240px' })}>
          <label htmlFor="lead-stage-filter">{t('sales.filter.label')}</label>
          <SingleSelect<LeadStageView | 'all'> id="lead-stage-filter" options={[{ value: 'all' as const, label: t('sales.filter.all') }, ...STAGES.map((s) => ({ value: s, label: t(`sales.stage.${s}` as MessageKey) }))]} value={stage} onChange={setStage} />
        </Box>
        <Button appearance="primary" onClick={() => setAdding(true)} testId="lead-add">
          {t('sales.new.button')}
        </Button>
      </Inline>
      {list.error ? (
        <ErrorSection error={list.error} onRetry={list.reload} />
      ) : list.loading && !list.data ? (
        <LoadingState />
      ) : leads.length === 0 ? (
        <EmptyState title={t('sales.list.empty.title')} body={t('sales.list.empty.body')} />
      ) : (
        <Box testId="leads-table">
        <DynamicTable
          head={{ cells: [{ key: 'n', content: t('sales.col.number') }, { key: 'c', content: t('sales.col.contact') }, { key: 's', content: t('sales.col.stage') }, { key: 'd', content: t('sales.col.created') }, { key: 'e', content: t('sales.col.estimate') }] }}
          rows={leads.map((l) => ({
            key: l.id,
            cells: [
              {
                key: 'n',
                content: (
                  <Button appearance="subtle" onClick={() => setOpen(l.id)} testId={`lead-open-${l.number}`}>
                    {l.number}
                  </Button>
                ),
              },
              {
                key: 'c',
                content: (
                  <Stack space="space.0">
                    <span>{l.company ?? l.name}</span>
                    <span className="rt-muted">{[l.email, l.phone, l.siteHost].filter(Boolean).join(' · ')}</span>
                    {l.repeats > 0 ? <span className="rt-muted">{t('sales.repeats', { n: l.repeats })}</span> : null}
                  </Stack>
                ),
              },
              { key: 's', content: <StageLozenge stage={l.stage} /> },
              { key: 'd', content: i18n.dateTime(l.createdAt) },
              { key: 'e', content: l.estimateGross && l.currency ? i18n.money(l.estimateGross, l.currency) : '—' },
            ],
          }))}
        />
        </Box>
      )}
    </Stack>
  );
}

export function SalesPage(): JSX.Element {
  const { t } = useI18n();
  const viewer = useViewer();
  const head = !!viewer.data && (viewer.data.isAdmin || viewer.data.isHead);
  const tabs: Array<{ id: string; label: MessageKey; body: () => JSX.Element }> = [
    { id: 'leads', label: 'sales.tab.leads', body: () => <Leads /> },
    ...(head
      ? [
          { id: 'funnel', label: 'sales.tab.funnel' as const, body: () => <SalesFunnel /> },
          { id: 'settings', label: 'sales.tab.settings' as const, body: () => <SalesSettings isAdmin={!!viewer.data?.isAdmin} /> },
        ]
      : []),
  ];
  return (
    <Box xcss={page} testId="sales-page">
      <Stack space="space.150">
        <Heading size="large" as="h1">{t('sales.title')}</Heading>
        {viewer.error ? (
          <ErrorSection error={viewer.error} onRetry={viewer.reload} />
        ) : viewer.loading ? (
          <LoadingState />
        ) : (
          <Tabs id="sales-tabs">
            <TabList>
              {tabs.map((x) => (
                <Tab key={x.id} testId={`sales-tab-${x.id}`}>{t(x.label)}</Tab>
              ))}
            </TabList>
            {tabs.map((x) => (
              <TabPanel key={x.id}>
                <Box xcss={panel}>{x.body()}</Box>
              </TabPanel>
            ))}
          </Tabs>
        )}
      </Stack>
    </Box>
  );
}
