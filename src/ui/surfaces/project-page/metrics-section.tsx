// Metric charts of the service by day, ISO week or month: stored rows (days, weeks) or the months'
// aggregates (months) from 'metrics/month', one series per source, with period and metric pickers.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { useMemo, useState } from 'react';
import type { MetricSource } from '../../../connectors/metrics/types';
import { LineBarChart } from '../../components/charts/line-bar-chart';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { SkeletonLines } from '../../components/loading-state';
import { SingleSelect } from '../../components/selects';
import { useMetricsMonths } from '../../hooks/use-project';
import { useI18n, type I18n, type MessageKey } from '../../i18n/i18n';
import { bucketPoints, chartData, dailyPoints, isoWeekStart, metricsWithData, monthPoints, type ChartMetric, type Grain, type Point } from './metric-series';
import { monthEnd, monthsEnding } from './project-utils';

const GRAINS: readonly Grain[] = ['day', 'week', 'month'];
/** Months each grain may span: rows are heavy, so days and weeks look back less far. */
const RANGES: Record<Grain, readonly number[]> = { day: [1, 2, 3], week: [3, 6], month: [6, 12] };
const HEIGHT = 280;
const pickerBox = xcss({ minWidth: '200px' });

export function sourceLabel(i18n: I18n, source: MetricSource): string {
  return i18n.t(`project.source.${source}` as MessageKey);
}

function bucketLabel(i18n: I18n, bucket: string, grain: Grain): string {
  if (grain === 'day') return i18n.date(bucket);
  if (grain === 'month') return i18n.month(bucket);
  return i18n.t('project.metrics.weekOf', { date: i18n.date(isoWeekStart(bucket)) });
}

export function MetricsSection({ serviceId, currentMonth, today }: { serviceId: string; currentMonth: string; today: string }): JSX.Element {
  const i18n = useI18n();
  const [grain, setGrain] = useState<Grain>('day');
  const [span, setSpan] = useState<number>(1);
  const [metric, setMetric] = useState<ChartMetric | null>(null);
  const months = useMemo(() => monthsEnding(currentMonth, span), [currentMonth, span]);
  const data = useMetricsMonths(serviceId, months, grain !== 'month');

  const points: Point[] = useMemo(() => {
    if (!data.data) return [];
    if (grain === 'month') return data.data.flatMap((m) => monthPoints(m.month, Object.fromEntries(Object.entries(m.bySource).map(([s, v]) => [s, v.aggregate]))));
    return bucketPoints(dailyPoints(data.data.flatMap((m) => m.rows ?? [])), grain);
  }, [data.data, grain]);
  const available = useMemo(() => metricsWithData(points), [points]);
  const shownMetric = metric && available.includes(metric) ? metric : available[0];
  const first = months[0] as string;
  const lastDay = monthEnd(currentMonth) < today ? monthEnd(currentMonth) : today;
  const chart = useMemo(
    () => (shownMetric ? chartData(points, shownMetric, grain, grain === 'month' ? { from: `${first}-01`, to: lastDay } : { from: `${first}-01`, to: lastDay }) : null),
    [points, shownMetric, grain, first, lastDay],
  );

  const changeGrain = (g: Grain) => {
    setGrain(g);
    setSpan((RANGES[g] as readonly number[])[0] as number);
  };

  return (
    <Stack space="space.200" testId="metrics-section">
      <Heading size="medium" as="h2">
        {i18n.t('project.metrics.title')}
      </Heading>
      <Inline space="space.200" shouldWrap alignBlock="end">
        <div role="group" aria-label={i18n.t('project.metrics.grain')}>
          <Inline space="space.050">
            {GRAINS.map((g) => (
              <Button key={g} isSelected={g === grain} onClick={() => changeGrain(g)} testId={`grain-${g}`} aria-pressed={g === grain}>
                {i18n.t(`project.metrics.grain.${g}`)}
              </Button>
            ))}
          </Inline>
        </div>
        <Box xcss={pickerBox}>
          <SingleSelect
            id="metrics-span"
            ariaLabel={i18n.t('project.metrics.span')}
            options={RANGES[grain].map((n) => ({ value: String(n), label: n === 1 ? i18n.t('project.metrics.thisMonth') : i18n.t('project.metrics.lastMonths', { n }) }))}
            value={String(span)}
            onChange={(v) => setSpan(Number(v))}
          />
        </Box>
        <Box xcss={pickerBox}>
          <SingleSelect
            id="metrics-metric"
            ariaLabel={i18n.t('project.metrics.metric')}
            options={available.map((m) => ({ value: m, label: i18n.t(`project.metric.${m}`) }))}
            value={shownMetric ?? null}
            onChange={(v) => setMetric(v)}
            isDisabled={available.length === 0}
          />
        </Box>
      </Inline>
      {data.error ? <ErrorSection error={data.error} onRetry={data.reload} /> : null}
      {!data.error && (data.loading || !data.data) ? (
        <div style={{ height: HEIGHT }}>
          <SkeletonLines lines={4} />
        </div>
      ) : null}
      {!data.loading && data.data && !chart ? <EmptyState compact title={i18n.t('project.metrics.empty.title')} body={i18n.t('project.metrics.empty.body')} /> : null}
      {!data.loading && chart && shownMetric ? (
        <LineBarChart
          kind={grain === 'day' ? 'line' : 'bar'}
          x={chart.buckets.map((b) => bucketLabel(i18n, b, grain))}
          series={chart.series.map((s) => ({ label: sourceLabel(i18n, s.source), values: s.values }))}
          currency={shownMetric === 'cost' ? (chart.currency ?? undefined) : undefined}
          height={HEIGHT}
          ariaLabel={i18n.t('project.metrics.chartLabel', { metric: i18n.t(`project.metric.${shownMetric}`), grain: i18n.t(`project.metrics.grain.${grain}`) })}
          emptyText={i18n.t('project.metrics.noPoints')}
          testId="metrics-chart"
        />
      ) : null}
    </Stack>
  );
}
