// The "Reports" tab: every report with its status, period, client ratings, page and review issue;
// creating one for any period; the manager's analysis and proposals on drafts; publishing after a
// confirmation. Queued and drafting reports are polled until they settle.
import Button from '@atlaskit/button/new';
import { DatePicker } from '@atlaskit/datetime-picker';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import TextArea from '@atlaskit/textarea';
import { useState } from 'react';
import type { Service } from '../../../shared/api';
import type { ReportStatusView, ReportSummary } from '../../../shared/api-reports';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { Field, fieldError } from '../../components/field';
import { SkeletonLines } from '../../components/loading-state';
import { usePoll, useReports } from '../../hooks/use-project';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess, openIssue } from '../../services/navigation';
import { openConfluencePage } from './links';
import { addDays, monthEnd } from './project-utils';

const STATUS: Record<ReportStatusView, ThemeAppearance> = { queued: 'default', drafting: 'inprogress', draft: 'new', publishing: 'inprogress', published: 'success' };
const createBox = xcss({ padding: 'space.200', borderRadius: 'radius.medium', backgroundColor: 'elevation.surface.sunken' });
const BUSY: ReadonlySet<ReportStatusView> = new Set(['queued', 'drafting', 'publishing']);

function CreateReport({ serviceId, currentMonth, today, onCreated }: { serviceId: string; currentMonth: string; today: string; onCreated(r: ReportSummary): void }): JSX.Element {
  const i18n = useI18n();
  const create = useMutation('reports/create');
  const flagError = useErrorFlag();
  const [from, setFrom] = useState(`${currentMonth}-01`);
  const [to, setTo] = useState(monthEnd(currentMonth));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const submit = async () => {
    const r = await create.run({ serviceId, from, to });
    if (r.ok) {
      notifySuccess(i18n.t('project.reports.created'));
      onCreated(r.data);
    } else if (!r.error.hasFieldErrors) flagError(r.error);
  };
  return (
    <Box xcss={createBox} testId="create-report">
      <Stack space="space.100">
        <Heading size="xsmall" as="h3">
          {i18n.t('project.reports.createTitle')}
        </Heading>
        <Inline space="space.200" alignBlock="end" shouldWrap>
          <Field id="report-from" label={i18n.t('project.reports.from')} error={fieldError(create.error?.fields, 'from')}>
            <DatePicker id="report-from" value={from} onChange={setFrom} locale={i18n.intlLocale} />
          </Field>
          <Field id="report-to" label={i18n.t('project.reports.to')} error={fieldError(create.error?.fields, 'to') ?? (!valid ? i18n.t('project.reports.badPeriod') : undefined)}>
            <DatePicker id="report-to" value={to} onChange={setTo} locale={i18n.intlLocale} minDate={from} />
          </Field>
          <Box xcss={xcss({ marginBlockEnd: 'space.150' })}>
            <Inline space="space.100">
              <Button appearance="subtle" onClick={() => { const prev = addDays(`${currentMonth}-01`, -1); setFrom(`${prev.slice(0, 7)}-01`); setTo(prev); }}>
                {i18n.t('project.reports.lastMonth')}
              </Button>
              <Button appearance="subtle" onClick={() => { setFrom(`${today.slice(0, 7)}-01`); setTo(today); }} testId="report-month-to-date">
                {i18n.t('project.reports.monthToDate')}
              </Button>
              <Button appearance="primary" onClick={() => void submit()} isDisabled={!valid} isLoading={create.pending} testId="create-report-submit">
                {i18n.t('project.reports.create')}
              </Button>
            </Inline>
          </Box>
        </Inline>
      </Stack>
    </Box>
  );
}

function DraftEditor({ report, onSaved, onCancel }: { report: ReportSummary; onSaved(): void; onCancel(): void }): JSX.Element {
  const i18n = useI18n();
  const update = useMutation('reports/update');
  const flagError = useErrorFlag();
  const [analysis, setAnalysis] = useState(report.analysis);
  const [proposals, setProposals] = useState(report.proposals);
  const submit = async () => {
    const r = await update.run({ reportId: report.reportId, analysis, proposals });
    if (r.ok) {
      notifySuccess(i18n.t('project.reports.saved'));
      onSaved();
    } else flagError(r.error);
  };
  return (
    <Stack space="space.100" testId="report-editor">
      <Field id={`analysis-${report.reportId}`} label={i18n.t('project.reports.analysis')}>
        <TextArea id={`analysis-${report.reportId}`} value={analysis} minimumRows={4} onChange={(e) => setAnalysis(e.currentTarget.value)} />
      </Field>
      <Field id={`proposals-${report.reportId}`} label={i18n.t('project.reports.proposals')}>
        <TextArea id={`proposals-${report.reportId}`} value={proposals} minimumRows={3} onChange={(e) => setProposals(e.currentTarget.value)} />
      </Field>
      <Inline space="space.100">
        <Button appearance="primary" onClick={() => void submit()} isLoading={update.pending}>
          {i18n.t('common.save')}
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          {i18n.t('common.cancel')}
        </Button>
      </Inline>
    </Stack>
  );
}

function ratingText(ratings: number[], number: (n: number, d?: number) => string): string | null {
  if (ratings.length === 0) return null;
  return `${number(ratings.reduce((s, r) => s + r, 0) / ratings.length, 1)} ★ (${ratings.length})`;
}

export function ReportsTab({ service, canManage, currentMonth, today }: { service: Service; canManage: boolean; currentMonth: string; today: string }): JSX.Element {
  const i18n = useI18n();
  const reports = useReports(service.id);
  const publish = useMutation('reports/publish');
  const flagError = useErrorFlag();
  const [editing, setEditing] = useState<string | null>(null);
  const [publishing, setPublishing] = useState<ReportSummary | null>(null);
  // A requested report is stored once its job starts: until the list has it, show what 'reports/create' answered.
  const [requested, setRequested] = useState<ReportSummary[]>([]);
  const listed = reports.data ?? [];
  const waiting = requested.filter((q) => !listed.some((r) => r.reportId === q.reportId));
  const all = reports.data ? [...waiting, ...listed] : undefined;
  usePoll(waiting.length > 0 || listed.some((r) => BUSY.has(r.status)), reports.reload, 2000);

  const confirmPublish = async () => {
    if (!publishing) return;
    const r = await publish.run({ reportId: publishing.reportId });
    setPublishing(null);
    if (r.ok) {
      notifySuccess(i18n.t('project.reports.publishing'));
      reports.reload();
    } else flagError(r.error);
  };

  const head = {
    cells: [
      { key: 'title', content: i18n.t('project.reports.col.title'), width: 30 },
      { key: 'period', content: i18n.t('project.reports.col.period'), width: 16 },
      { key: 'status', content: i18n.t('project.reports.col.status'), width: 12 },
      { key: 'rating', content: i18n.t('project.reports.col.rating'), width: 10 },
      { key: 'actions', content: i18n.t('project.reports.col.actions'), width: 32 },
    ],
  };
  const rows = (all ?? []).map((r) => ({
    key: r.reportId,
    cells: [
      {
        key: r.title,
        content: (
          <Stack space="space.025">
            <span>{r.title || i18n.t('project.reports.untitled')}</span>
            <span className="rt-small rt-muted">{i18n.t(`project.reports.kind.${r.kind}`)}{r.publishedAt ? ` · ${i18n.t('project.reports.publishedAt', { time: i18n.dateTime(r.publishedAt) })}` : ''}</span>
          </Stack>
        ),
      },
      { key: r.from, content: <span className="rt-num rt-small">{i18n.t('project.reports.periodValue', { from: i18n.date(r.from), to: i18n.date(r.to) })}</span> },
      { key: r.status, content: <Lozenge appearance={STATUS[r.status]}>{i18n.t(`project.reports.status.${r.status}`)}</Lozenge> },
      { key: 'rt', content: <span className="rt-num">{ratingText(r.ratings, i18n.number) ?? i18n.t('common.none')}</span> },
      {
        key: 'a',
        content: (
          <Inline space="space.050" shouldWrap>
            {r.pageId ? (
              <Button appearance="subtle" spacing="compact" onClick={() => void openConfluencePage(r.pageId as string)}>
                {i18n.t('project.reports.page')}
              </Button>
            ) : null}
            {r.reviewIssueKey ? (
              <Button appearance="subtle" spacing="compact" onClick={() => void openIssue(r.reviewIssueKey as string)}>
                {r.reviewIssueKey}
              </Button>
            ) : null}
            {canManage && r.status === 'draft' ? (
              <>
                <Button appearance="subtle" spacing="compact" onClick={() => setEditing(editing === r.reportId ? null : r.reportId)} aria-expanded={editing === r.reportId}>
                  {i18n.t('project.reports.edit')}
                </Button>
                <Button appearance="primary" spacing="compact" onClick={() => setPublishing(r)} testId={`publish-${r.reportId}`}>
                  {i18n.t('project.reports.publish')}
                </Button>
              </>
            ) : null}
          </Inline>
        ),
      },
    ],
  }));
  const edited = (reports.data ?? []).find((r) => r.reportId === editing && r.status === 'draft');

  return (
    <Stack space="space.300" testId="reports-tab">
      {canManage ? (
        <CreateReport
          serviceId={service.id}
          currentMonth={currentMonth}
          today={today}
          onCreated={(r) => {
            setRequested((prev) => [r, ...prev.filter((q) => q.reportId !== r.reportId)]);
            reports.reload();
          }}
        />
      ) : null}
      {reports.error ? <ErrorSection error={reports.error} onRetry={reports.reload} /> : null}
      {!reports.data && reports.loading ? <SkeletonLines lines={4} /> : null}
      {all && all.length === 0 ? <EmptyState compact title={i18n.t('project.reports.empty.title')} body={i18n.t('project.reports.empty.body')} /> : null}
      {all && all.length > 0 ? <DynamicTable head={head} rows={rows} rowsPerPage={10} label={i18n.t('project.tab.reports')} testId="reports-table" /> : null}
      {edited ? (
        <Stack space="space.100">
          <Heading size="xsmall" as="h3">
            {edited.title}
          </Heading>
          <DraftEditor
            key={edited.reportId}
            report={edited}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              reports.reload();
            }}
          />
        </Stack>
      ) : null}
      {publishing ? (
        <ConfirmDialog
          title={i18n.t('project.reports.publishTitle')}
          body={i18n.t('project.reports.publishBody', { title: publishing.title })}
          confirmLabel={i18n.t('project.reports.publish')}
          onConfirm={() => void confirmPublish()}
          onCancel={() => setPublishing(null)}
          pending={publish.pending}
        />
      ) : null}
    </Stack>
  );
}
