// KPI statuses of a month with pacing and the numbers behind each verdict, their history as a chart,
// and the targets (editable by heads and admins: the backend's canEdit decides).
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { KpiResult } from '../../../domain/kpi/rollup';
import type { KpiVerdict } from '../../../domain/kpi/pacing';
import type { KpiUnit } from '../../../domain/kpi/definitions';
import type { KpiTargetsView } from '../../../shared/api-kpi';
import { LineBarChart } from '../../components/charts/line-bar-chart';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { Field } from '../../components/field';
import { SkeletonLines } from '../../components/loading-state';
import { MonthSwitcher } from '../../components/month-switcher';
import { SingleSelect } from '../../components/selects';
import { useKpiHistory, useKpiService, useKpiTargets, usePoll } from '../../hooks/use-project';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n, type I18n, type MessageKey } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';
import { targetInput, targetText } from './kpi-targets';
import { monthsEnding } from './project-utils';

const VERDICT: Record<KpiVerdict, ThemeAppearance> = { 'on-track': 'success', 'at-risk': 'moved', 'off-track': 'removed', 'no-data': 'default', 'no-target': 'default', pending: 'inprogress' };
const factCard = xcss({ padding: 'space.150', borderRadius: 'radius.medium', backgroundColor: 'elevation.surface.sunken' });

/** A KPI value as people read it; percent values are fractions (0.05 = 5 %). */
export function formatKpi(i18n: I18n, unit: KpiUnit, value: number | null, currency: string): string {
  if (value === null) return i18n.t('common.none');
  switch (unit) {
    case 'percent':
      return new Intl.NumberFormat(i18n.intlLocale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'money':
      return i18n.money(value.toFixed(2), currency);
    case 'hours':
      return i18n.hours(value);
    case 'position':
      return i18n.number(value, 1);
    default:
      return i18n.number(value);
  }
}

function change(i18n: I18n, k: KpiResult): string {
  if (k.changeVsPrevious === null) return i18n.t('common.none');
  const pct = new Intl.NumberFormat(i18n.intlLocale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(k.changeVsPrevious);
  return pct;
}

function KpiTable({ kpis, currency }: { kpis: KpiResult[]; currency: string }): JSX.Element {
  const i18n = useI18n();
  const head = {
    cells: [
      { key: 'kpi', content: i18n.t('project.kpi.col.kpi'), width: 22 },
      { key: 'verdict', content: i18n.t('project.kpi.col.verdict'), width: 12 },
      { key: 'value', content: i18n.t('project.kpi.col.value'), width: 12 },
      { key: 'expected', content: i18n.t('project.kpi.col.expected'), width: 12 },
      { key: 'target', content: i18n.t('project.kpi.col.target'), width: 12 },
      { key: 'change', content: i18n.t('project.kpi.col.change'), width: 10 },
      { key: 'note', content: i18n.t('project.kpi.col.note'), width: 20 },
    ],
  };
  const rows = kpis.map((k) => ({
    key: k.id,
    cells: [
      { key: 'kpi', content: <span>{k.label[i18n.lang]}</span> },
      { key: 'verdict', content: <Lozenge appearance={VERDICT[k.verdict]}>{i18n.t(`project.verdict.${k.verdict}` as MessageKey)}</Lozenge> },
      {
        key: 'value',
        content: <span className="rt-num">{k.unbounded ? i18n.t('project.kpi.unbounded') : formatKpi(i18n, k.unit, k.value, currency)}</span>,
      },
      { key: 'expected', content: <span className="rt-num">{formatKpi(i18n, k.unit, k.expectedByNow, currency)}</span> },
      { key: 'target', content: <span className="rt-num">{formatKpi(i18n, k.unit, k.target, currency)}</span> },
      { key: 'change', content: <span className="rt-num">{change(i18n, k)}</span> },
      {
        key: 'note',
        content: (
          <Stack space="space.025">
            <span className="rt-small">{k.note[i18n.lang]}</span>
            <span className="rt-small rt-muted">{i18n.t('project.kpi.days', { elapsed: k.elapsedDays, total: k.daysInMonth, asOf: i18n.date(k.asOf) })}</span>
          </Stack>
        ),
      },
    ],
  }));
  return <DynamicTable head={head} rows={rows} label={i18n.t('project.kpi.title')} testId="kpi-table" />;
}

function TargetsEditor({ view, onSaved, onCancel }: { view: KpiTargetsView; onSaved(v: KpiTargetsView): void; onCancel(): void }): JSX.Element {
  const i18n = useI18n();
  const save = useMutation('kpi/targets/set');
  const flagError = useErrorFlag();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(view.kpis.map((k) => [k.id, targetText(k.unit, view.targets.values[k.id])])));
  const [bad, setBad] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const out: Record<string, number | string | null> = {};
    const errors: Record<string, string> = {};
    for (const k of view.kpis) {
      const v = targetInput(k.unit, values[k.id] ?? '');
      if (v === undefined) errors[k.id] = i18n.t('project.kpi.targetInvalid');
      else out[k.id] = v;
    }
    setBad(errors);
    if (Object.keys(errors).length > 0) return;
    const r = await save.run({ serviceId: view.serviceId, month: view.month, values: out });
    if (r.ok) {
      notifySuccess(i18n.t('project.kpi.targetsSaved'));
      onSaved(r.data);
    } else flagError(r.error);
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="kpi-targets-form">
      <Grid templateColumns="repeat(auto-fill, minmax(220px, 1fr))" gap="space.200">
        {view.kpis.map((k) => (
          <Field key={k.id} id={`target-${k.id}`} label={k.label[i18n.lang]} error={bad[k.id] ?? save.error?.fields[`values.${k.id}`]} help={k.unit === 'percent' ? i18n.t('project.kpi.percentHelp') : undefined}>
            <Textfield id={`target-${k.id}`} value={values[k.id] ?? ''} onChange={(e) => setValues({ ...values, [k.id]: e.currentTarget.value })} inputMode="decimal" />
          </Field>
        ))}
      </Grid>
      <Inline space="space.100">
        <Button type="submit" appearance="primary" isLoading={save.pending}>
          {i18n.t('common.save')}
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          {i18n.t('common.cancel')}
        </Button>
      </Inline>
    </form>
  );
}

function KpiHistory({ serviceId, month, currency }: { serviceId: string; month: string; currency: string }): JSX.Element {
  const i18n = useI18n();
  const months = useMemo(() => monthsEnding(month, 6), [month]);
  const history = useKpiHistory(serviceId, months);
  const ids = useMemo(() => {
    const seen = new Map<string, KpiResult>();
    for (const v of history.data ?? []) for (const k of v.kpis) if (!seen.has(k.id)) seen.set(k.id, k);
    return [...seen.values()];
  }, [history.data]);
  const [picked, setPicked] = useState<string | null>(null);
  const kpi = ids.find((k) => k.id === picked) ?? ids[0];
  if (history.error) return <ErrorSection error={history.error} onRetry={history.reload} />;
  if (!history.data) return <div style={{ height: 300 }}><SkeletonLines lines={3} /></div>;
  if (!kpi) return <p className="rt-muted">{i18n.t('project.kpi.noHistory')}</p>;
  const pct = kpi.unit === 'percent';
  const series = [
    { label: i18n.t('project.kpi.col.value'), values: history.data.map((v) => v.kpis.find((k) => k.id === kpi.id)?.value ?? null) },
    { label: i18n.t('project.kpi.col.target'), values: history.data.map((v) => v.kpis.find((k) => k.id === kpi.id)?.target ?? null) },
  ];
  return (
    <Stack space="space.150">
      <Box xcss={xcss({ maxWidth: '360px' })}>
        <SingleSelect id="kpi-history-pick" ariaLabel={i18n.t('project.kpi.historyPick')} options={ids.map((k) => ({ value: k.id, label: k.label[i18n.lang] }))} value={kpi.id} onChange={setPicked} />
      </Box>
      <LineBarChart
        kind="line"
        x={history.data.map((v) => i18n.month(v.month))}
        series={series}
        unit={pct ? '%' : kpi.unit === 'hours' ? 'h' : undefined}
        currency={kpi.unit === 'money' ? currency : undefined}
        height={260}
        ariaLabel={i18n.t('project.kpi.historyLabel', { kpi: kpi.label[i18n.lang] })}
        emptyText={i18n.t('project.kpi.noHistory')}
        testId="kpi-history-chart"
      />
    </Stack>
  );
}

export function KpiSection({ serviceId, currentMonth, currency }: { serviceId: string; currentMonth: string; currency: string }): JSX.Element {
  const i18n = useI18n();
  const [month, setMonth] = useState<string | undefined>(undefined);
  const shown = month ?? currentMonth;
  const kpi = useKpiService(serviceId, shown);
  const targets = useKpiTargets(serviceId, shown);
  const [editing, setEditing] = useState(false);
  usePoll(kpi.data?.state === 'queued', kpi.reload, 3000);
  useEffect(() => setEditing(false), [shown]);
  const facts = kpi.data?.facts;

  return (
    <Stack space="space.200" testId="kpi-section">
      <Inline spread="space-between" alignBlock="center" shouldWrap space="space.200">
        <Heading size="medium" as="h2">
          {i18n.t('project.kpi.title')}
        </Heading>
        <MonthSwitcher month={shown} onChange={setMonth} isCurrent={month === undefined} />
      </Inline>
      {kpi.error ? <ErrorSection error={kpi.error} onRetry={kpi.reload} /> : null}
      {!kpi.data && kpi.loading ? <div style={{ minHeight: 200 }}><SkeletonLines lines={5} /></div> : null}
      {kpi.data?.state === 'queued' ? (
        <SectionMessage appearance="information" title={i18n.t('project.kpi.queued.title')}>
          <p>{i18n.t('project.kpi.queued.body')}</p>
        </SectionMessage>
      ) : null}
      {kpi.data && kpi.data.state === 'ready' ? (
        <Stack space="space.200">
          {kpi.data.summary ? (
            <Inline space="space.200" shouldWrap alignBlock="center">
              {(['on-track', 'at-risk', 'off-track'] as const).map((v) => (
                <Inline key={v} space="space.050" alignBlock="center">
                  <Lozenge appearance={VERDICT[v]}>{i18n.t(`project.verdict.${v}`)}</Lozenge>
                  <span className="rt-num">{kpi.data?.summary?.counts[v] ?? 0}</span>
                </Inline>
              ))}
              {kpi.data.summary.score !== null ? <span className="rt-muted">{i18n.t('project.kpi.score', { score: Math.round(kpi.data.summary.score * 100) })}</span> : null}
            </Inline>
          ) : null}
          {kpi.data.kpis.length === 0 ? <p className="rt-muted">{i18n.t('project.kpi.none')}</p> : <KpiTable kpis={kpi.data.kpis} currency={currency} />}
          <Grid templateColumns="repeat(auto-fit, minmax(180px, 1fr))" gap="space.150">
            <Box xcss={factCard}>
              <Stack space="space.050">
                <span className="rt-small rt-muted">{i18n.t('project.kpi.fact.hours')}</span>
                <span className="rt-num">{i18n.t('common.hoursOf', { a: i18n.number(facts?.hoursUsed ?? 0), b: i18n.number(facts?.hoursAllowance ?? 0) })}</span>
              </Stack>
            </Box>
            {facts?.clientRating !== undefined && facts.clientRating !== null ? (
              <Box xcss={factCard}>
                <Stack space="space.050">
                  <span className="rt-small rt-muted">{i18n.t('project.kpi.fact.rating')}</span>
                  <span className="rt-num">{i18n.t('project.kpi.ratingValue', { rating: i18n.number(facts.clientRating, 1), n: facts.ratingCount ?? 0 })}</span>
                </Stack>
              </Box>
            ) : null}
            {facts?.margin ? (
              <Box xcss={factCard}>
                <Stack space="space.050">
                  <span className="rt-small rt-muted">{i18n.t('project.kpi.fact.margin')}</span>
                  <span className="rt-num">{i18n.money(facts.margin, currency)}</span>
                </Stack>
              </Box>
            ) : null}
          </Grid>
          {kpi.data.moneyHidden ? <span className="rt-small" style={{ color: token('color.text.subtlest') }}>{i18n.t('project.kpi.moneyHidden')}</span> : null}
        </Stack>
      ) : null}

      <Inline spread="space-between" alignBlock="center">
        <Heading size="small" as="h3">
          {i18n.t('project.kpi.targets')}
        </Heading>
        {targets.data?.canEdit && !editing ? (
          <Button onClick={() => setEditing(true)} testId="kpi-targets-edit">
            {i18n.t('project.kpi.editTargets')}
          </Button>
        ) : null}
      </Inline>
      {targets.error ? <ErrorSection error={targets.error} onRetry={targets.reload} /> : null}
      {targets.data && editing ? (
        <TargetsEditor
          view={targets.data}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            targets.reload();
            kpi.reload();
          }}
        />
      ) : targets.data ? (
        <Stack space="space.050">
          <span className="rt-small rt-muted">{i18n.t(`project.kpi.origin.${targets.data.targets.origin}` as MessageKey)}</span>
          <Inline space="space.300" shouldWrap>
            {targets.data.kpis.map((k) => (
              <span key={k.id} className="rt-small">
                {k.label[i18n.lang]}: <strong className="rt-num">{formatKpi(i18n, k.unit, targets.data?.targets.values[k.id] ?? null, currency)}</strong>
              </span>
            ))}
          </Inline>
        </Stack>
      ) : null}

      <Heading size="small" as="h3">
        {i18n.t('project.kpi.history')}
      </Heading>
      <KpiHistory serviceId={serviceId} month={shown} currency={currency} />
    </Stack>
  );
}
