// CSV upload for any other source: pick a file, see what it holds and every problem by line, then
// store it. Nothing is stored while any line has a problem.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useMemo, useState } from 'react';
import type { ServiceSummary } from '../../../shared/api';
import type { CsvUploadResult } from '../../../shared/api-metrics';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { Field } from '../../components/field';
import type { Option } from '../../components/options';
import { SingleSelect } from '../../components/selects';
import { useMutation, useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';
import { CSV_HELP_COLUMNS, csvPayload, microsToDecimal, type CsvDraft } from './csv-draft';

const box = xcss({ padding: 'space.200', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium' });
const subtle = { color: token('color.text.subtle') };
const num = (n: number | null): string => (n === null ? '—' : String(n));

function Preview({ result }: { result: CsvUploadResult }): JSX.Element {
  const i18n = useI18n();
  if (result.issues.length > 0) {
    return (
      <SectionMessage appearance="error" title={i18n.t('admin.csv.issues', { n: result.issues.length })} testId="csv-issues">
        <ul>
          {result.issues.map((x, i) => (
            <li key={i}>{x.line === 0 ? x.message : i18n.t('admin.csv.issueLine', { line: x.line, message: x.field ? `${x.field}: ${x.message}` : x.message })}</li>
          ))}
        </ul>
      </SectionMessage>
    );
  }
  const head = {
    cells: [
      { key: 'date', content: i18n.t('admin.csv.col.date') },
      { key: 'dim', content: i18n.t('admin.csv.col.dimension') },
      { key: 'imp', content: i18n.t('admin.kpi.field.impressions') },
      { key: 'clk', content: i18n.t('admin.kpi.field.clicks') },
      { key: 'cost', content: i18n.t('admin.kpi.field.cost') },
      { key: 'conv', content: i18n.t('admin.kpi.field.conversions') },
      { key: 'ses', content: i18n.t('admin.kpi.field.sessions') },
    ],
  };
  const rows = result.preview.map((r, i) => ({
    key: `${i}`,
    cells: [
      { key: 'date', content: r.date },
      { key: 'dim', content: r.dimension.name || r.dimension.id },
      { key: 'imp', content: num(r.impressions) },
      { key: 'clk', content: num(r.clicks) },
      { key: 'cost', content: r.costMicros === null ? '—' : `${microsToDecimal(r.costMicros)} ${r.currency ?? ''}`.trim() },
      { key: 'conv', content: num(r.conversions) },
      { key: 'ses', content: num(r.sessions) },
    ],
  }));
  return (
    <Stack space="space.100">
      <SectionMessage appearance={result.stored ? 'success' : 'information'} testId="csv-summary">
        <p>{i18n.t(result.stored ? 'admin.csv.stored' : 'admin.csv.ready', { rows: result.rows, from: result.from ?? '—', to: result.to ?? '—' })}</p>
      </SectionMessage>
      <DynamicTable head={head} rows={rows} label={i18n.t('admin.csv.previewTitle')} />
    </Stack>
  );
}

export function CsvUpload({ services }: { services: ServiceSummary[] }): JSX.Element {
  const i18n = useI18n();
  const flagError = useErrorFlag();
  const [d, setD] = useState<CsvDraft>({ serviceId: services[0]?.id ?? '', accountId: '', currency: '', fileName: '', content: '' });
  const [result, setResult] = useState<CsvUploadResult | null>(null);
  const upload = useMutation('metrics/csv/upload');
  const history = useResolver('metrics/csv/history', d.serviceId ? { serviceId: d.serviceId } : null);
  const options: Option[] = useMemo(() => services.map((s) => ({ value: s.id, label: `${s.clientName} · ${s.name}` })), [services]);

  const send = async (draft: CsvDraft, preview: boolean) => {
    const r = await upload.run(csvPayload(draft, preview));
    if (!r.ok) {
      flagError(r.error, i18n.t('admin.csv.failed'));
      return;
    }
    setResult(r.data);
    if (r.data.stored) {
      notifySuccess(i18n.t('admin.csv.storedFlag', { rows: r.data.rows }));
      history.reload();
    }
  };
  const pick = async (file: File | undefined) => {
    setResult(null);
    if (!file) return;
    const next = { ...d, fileName: file.name, content: await file.text() };
    setD(next);
    await send(next, true);
  };
  const last = history.data?.[0];

  return (
    <Box xcss={box} testId="csv-upload">
      <Stack space="space.150">
        <Heading size="medium" as="h2">
          {i18n.t('admin.csv.title')}
        </Heading>
        <span style={subtle}>{i18n.t('admin.csv.help', { columns: CSV_HELP_COLUMNS.join(', ') })}</span>
        <Grid templateColumns="2fr 1fr 1fr" gap="space.200">
          <Field id="csv-service" label={i18n.t('admin.conn.service')}>
            <SingleSelect id="csv-service" options={options} value={d.serviceId} onChange={(v) => {
              setD({ ...d, serviceId: v });
              setResult(null);
            }} />
          </Field>
          <Field id="csv-account" label={i18n.t('admin.csv.account')} help={i18n.t('admin.csv.accountHelp')}>
            <Textfield id="csv-account" value={d.accountId} onChange={(e) => setD({ ...d, accountId: e.currentTarget.value })} />
          </Field>
          <Field id="csv-currency" label={i18n.t('admin.conn.currency')} help={i18n.t('admin.csv.currencyHelp')}>
            <Textfield id="csv-currency" maxLength={3} value={d.currency} onChange={(e) => setD({ ...d, currency: e.currentTarget.value.toUpperCase() })} />
          </Field>
        </Grid>
        <Field id="csv-file" label={i18n.t('admin.csv.file')}>
          <div style={{ marginBlockStart: token('space.050') }}>
            <input id="csv-file" type="file" accept=".csv,.tsv,.txt,text/csv" onChange={(e) => void pick(e.currentTarget.files?.[0])} data-testid="csv-file" />
          </div>
        </Field>
        {upload.pending ? <span role="status">{i18n.t('admin.csv.checking')}</span> : null}
        {result ? <Preview result={result} /> : null}
        <Inline space="space.100" alignBlock="center">
          <Button appearance="primary" isDisabled={!result || result.stored || result.issues.length > 0} isLoading={upload.pending} onClick={() => void send(d, false)} testId="csv-store">
            {i18n.t('admin.csv.store')}
          </Button>
          {last ? <span style={subtle}>{i18n.t('admin.csv.last', { file: last.fileName, rows: last.rows, at: i18n.dateTime(last.at) })}</span> : null}
        </Inline>
        {history.error && history.error.code !== 'FORBIDDEN' ? <ErrorSection error={history.error} onRetry={history.reload} /> : null}
      </Stack>
    </Box>
  );
}
