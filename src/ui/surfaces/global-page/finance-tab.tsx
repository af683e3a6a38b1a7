// "Finance": the money desk for heads and admins — a bank statement upload (CSV read in the browser,
// booked on the queue with progress), the review queue of payments nobody could match, and the
// monthly accounting export.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { useCallback, useEffect, useState } from 'react';
import type { BankImportStatusView, BankImportView } from '../../../shared/api-money';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { LoadingState } from '../../components/loading-state';
import { MonthSwitcher } from '../../components/month-switcher';
import type { Option } from '../../components/options';
import { SingleSelect } from '../../components/selects';
import { useServices } from '../../hooks/use-data';
import { useMutation, useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { call } from '../../services/invokes';
import { DashboardCard } from './dashboard-bits';

const MAX_FILE = 400_000;

type Delimiter = ';' | ',' | '\t';
type Decimal = '.' | ',';


function BankImport({ onBooked }: { onBooked(): void }): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const showError = useErrorFlag();
  const upload = useMutation('money/bank/import');
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const [delimiter, setDelimiter] = useState<Delimiter>(';');
  const [decimal, setDecimal] = useState<Decimal>(',');
  const [result, setResult] = useState<BankImportView | null>(null);
  const [status, setStatus] = useState<BankImportStatusView | null>(null);
  const delimiters: Option<Delimiter>[] = [
    { value: ';', label: t('dashboard.bank.semicolon') },
    { value: ',', label: t('dashboard.bank.comma') },
    { value: '\t', label: t('dashboard.bank.tab') },
  ];
  const decimals: Option<Decimal>[] = [
    { value: ',', label: t('dashboard.bank.decimalComma') },
    { value: '.', label: t('dashboard.bank.decimalPoint') },
  ];

  // Progress of the booking on the queue, polled until done.
  useEffect(() => {
    if (!result || status?.state === 'done') return;
    const timer = setTimeout(() => {
      call('money/bank/status', { importId: result.importId }).then(
        (s) => {
          setStatus(s);
          if (s.state === 'done') onBooked();
        },
        () => undefined,
      );
    }, 1000);
    return () => clearTimeout(timer);
  }, [result, status, onBooked]);

  const pickFile = async (f: File | undefined): Promise<void> => {
    setResult(null);
    setStatus(null);
    if (!f) return setFile(null);
    setTooBig(f.size > MAX_FILE);
    setFile(f.size > MAX_FILE ? null : { name: f.name, content: await f.text() });
  };
  const send = async (): Promise<void> => {
    if (!file) return;
    const r = await upload.run({ fileName: file.name, content: file.content, delimiter, decimalSeparator: decimal });
    if (!r.ok) return showError(r.error, t('dashboard.bank.failed'));
    setResult(r.data);
  };
  return (
    <DashboardCard title={t('dashboard.bank.title')} testId="bank-import">
      <Inline space="space.200" shouldWrap alignBlock="end">
        <Stack space="space.050">
          <label htmlFor="bank-file">{t('dashboard.bank.file')}</label>
          <input id="bank-file" type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void pickFile(e.currentTarget.files?.[0])} data-testid="bank-file" />
        </Stack>
        <Stack space="space.050">
          <label htmlFor="bank-delimiter">{t('dashboard.bank.delimiter')}</label>
          <div style={{ minWidth: 180 }}>
            <SingleSelect<Delimiter> id="bank-delimiter" options={delimiters} value={delimiter} onChange={setDelimiter} />
          </div>
        </Stack>
        <Stack space="space.050">
          <label htmlFor="bank-decimal">{t('dashboard.bank.decimal')}</label>
          <div style={{ minWidth: 180 }}>
            <SingleSelect<Decimal> id="bank-decimal" options={decimals} value={decimal} onChange={setDecimal} />
          </div>
        </Stack>
        <Button appearance="primary" isDisabled={!file} isLoading={upload.pending} onClick={() => void send()} testId="bank-upload">
          {t('dashboard.bank.upload')}
        </Button>
      </Inline>
      {tooBig ? <span role="alert">{t('dashboard.bank.tooBig')}</span> : null}
      {result ? (
        <SectionMessage appearance={result.review > 0 ? 'warning' : 'success'} title={t('dashboard.bank.result', { rows: result.rows })} testId="bank-result">
          <p>{t('dashboard.bank.counts', { matched: result.matched, review: result.review, duplicates: result.duplicates, skipped: result.skipped })}</p>
          <p>{status?.state === 'done' ? t('dashboard.bank.done', { booked: status.booked }) : t('dashboard.bank.booking', { done: status?.chunksDone ?? 0, total: status?.chunks ?? 1 })}</p>
        </SectionMessage>
      ) : null}
    </DashboardCard>
  );
}

function ReviewQueue({ version }: { version: number }): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const showError = useErrorFlag();
  const list = useResolver('money/review/list', {});
  const services = useServices(false);
  const resolve = useMutation('money/review/resolve');
  const [serviceOf, setServiceOf] = useState<Record<string, string>>({});
  const [reasonOf, setReasonOf] = useState<Record<string, string>>({});
  const reload = list.reload;
  useEffect(() => reload(), [version, reload]);
  const serviceOptions: Option[] = (services.data ?? []).map((s) => ({ value: s.id, label: `${s.clientName} · ${s.name}` }));
  const act = async (payload: Parameters<typeof resolve.run>[0]): Promise<void> => {
    const r = await resolve.run(payload);
    if (!r.ok) return showError(r.error, t('dashboard.review.failed'));
    list.reload();
  };
  const head = { cells: ['date', 'amount', 'payer', 'reason', 'action'].map((k) => ({ key: k, content: t(`dashboard.review.${k}` as 'dashboard.review.date') })) };
  const rows = (list.data ?? []).map((p) => ({
    key: p.id,
    cells: [
      { key: p.date, content: i18n.date(p.date) },
      { key: p.amount, content: <span className="rt-num">{i18n.money(p.amount, p.currency)}</span> },
      { key: p.payer ?? '', content: <Stack space="space.025"><span>{p.payer ?? '—'}</span><span className="rt-small rt-muted">{p.purpose ?? ''}</span></Stack> },
      { key: p.review?.reason ?? '', content: <span className="rt-small">{p.review?.message ?? '—'}</span> },
      {
        key: 'a',
        content: (
          <Stack space="space.075">
            <Inline space="space.075" alignBlock="center">
              <div style={{ minWidth: 200 }}>
                <SingleSelect id={`svc-${p.id}`} options={serviceOptions} value={serviceOf[p.id] ?? null} onChange={(v) => setServiceOf((m) => ({ ...m, [p.id]: v }))} ariaLabel={t('dashboard.review.service')} />
              </div>
              <Button isDisabled={!serviceOf[p.id] || resolve.pending} onClick={() => void act({ paymentId: p.id, action: 'assign', serviceId: serviceOf[p.id] as string })}>
                {t('dashboard.review.assign')}
              </Button>
            </Inline>
            <Inline space="space.075" alignBlock="center">
              <Textfield aria-label={t('dashboard.review.reasonLabel')} placeholder={t('dashboard.review.reasonLabel')} value={reasonOf[p.id] ?? ''} onChange={(e) => setReasonOf((m) => ({ ...m, [p.id]: e.currentTarget.value }))} isCompact />
              <Button appearance="subtle" isDisabled={!(reasonOf[p.id] ?? '').trim() || resolve.pending} onClick={() => void act({ paymentId: p.id, action: 'dismiss', reason: (reasonOf[p.id] ?? '').trim() })}>
                {t('dashboard.review.dismiss')}
              </Button>
            </Inline>
          </Stack>
        ),
      },
    ],
  }));
  return (
    <DashboardCard title={t('dashboard.review.title', { n: list.data?.length ?? 0 })} testId="review-queue">
      {list.error ? <ErrorSection error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <LoadingState /> : null}
      {list.data ? <DynamicTable head={head} rows={rows} label={t('dashboard.review.title', { n: list.data.length })} emptyView={<EmptyState compact title={t('dashboard.review.empty')} />} testId="review-table" /> : null}
    </DashboardCard>
  );
}

function download(file: { filename: string; contentType: string; encoding: 'base64' | 'utf8'; content: string }): void {
  const bytes = file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : new TextEncoder().encode(file.content);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Export({ currentMonth }: { currentMonth: string }): JSX.Element {
  const { t } = useI18n();
  const showError = useErrorFlag();
  const exp = useMutation('money/export');
  const [month, setMonth] = useState(currentMonth);
  const [last, setLast] = useState<string | null>(null);
  const run = async (format: 'csv' | 'json'): Promise<void> => {
    const r = await exp.run({ month, format });
    if (!r.ok) return showError(r.error, t('dashboard.export.failed'));
    download(r.data);
    setLast(r.data.filename);
  };
  return (
    <DashboardCard title={t('dashboard.export.title')} testId="export">
      <Inline space="space.200" alignBlock="center" shouldWrap>
        <MonthSwitcher month={month} onChange={(m) => setMonth(m ?? currentMonth)} isCurrent={month === currentMonth} />
        <Button isLoading={exp.pending} onClick={() => void run('csv')} testId="export-csv">
          {t('dashboard.export.csv')}
        </Button>
        <Button isLoading={exp.pending} onClick={() => void run('json')} testId="export-json">
          {t('dashboard.export.json')}
        </Button>
      </Inline>
      {last ? <span className="rt-muted" data-testid="export-done">{t('dashboard.export.done', { name: last })}</span> : null}
    </DashboardCard>
  );
}

export function FinanceTab({ currentMonth }: { currentMonth: string }): JSX.Element {
  const [version, setVersion] = useState(0);
  const onBooked = useCallback(() => setVersion((v) => v + 1), []);
  return (
    <Stack space="space.200" testId="finance">
      <BankImport onBooked={onBooked} />
      <ReviewQueue version={version} />
      <Export currentMonth={currentMonth} />
    </Stack>
  );
}
