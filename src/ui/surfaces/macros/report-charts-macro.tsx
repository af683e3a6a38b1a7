// The "report charts" macro on a client report page: the report's chart (or all of them when the
// macro names none), drawn interactively with the shared chart component. Client guests see it too;
// the backend decides whether this viewer may read the report.
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { ReportChartView } from '../../../shared/api-reports';
import { LineBarChart } from '../../components/charts/line-bar-chart';
import { SERIES_TOKENS } from '../../components/charts/chart-data';
import { LoadingState } from '../../components/loading-state';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n, type I18n } from '../../i18n/i18n';
import { MacroLoadError, MacroNotLinked, MacroNotice } from './macro-states';
import { useReportMacroParams } from './macro-context';

const frame = xcss({ padding: 'space.100' });

/** Day labels as short dates in the viewer's language; anything else as given. */
function xLabel(i18n: I18n, x: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(x)) return i18n.date(x);
  if (/^\d{4}-\d{2}$/.test(x)) return i18n.month(x);
  return x;
}

function SingleLegend({ label }: { label: string }): JSX.Element {
  return (
    <Inline space="space.075" alignBlock="center" testId="chart-legend">
      <span aria-hidden="true" style={{ width: 12, height: 12, borderRadius: 2, backgroundColor: token(SERIES_TOKENS[0]), display: 'inline-block' }} />
      <span style={{ color: token('color.text.subtle') }}>{label}</span>
    </Inline>
  );
}

function ReportChart({ chart, height }: { chart: ReportChartView; height: number }): JSX.Element {
  const i18n = useI18n();
  const x = chart.x.map((v) => xLabel(i18n, v));
  return (
    <Stack space="space.100" testId={`report-chart-${chart.id}`}>
      <Heading size="small" as="h2">
        {chart.title}
      </Heading>
      {chart.series.length === 1 && chart.series[0] ? <SingleLegend label={chart.series[0].label} /> : null}
      <LineBarChart
        kind={chart.kind}
        x={x}
        series={chart.series}
        {...(chart.unit ? { unit: chart.unit } : {})}
        {...(chart.currency ? { currency: chart.currency } : {})}
        height={height}
        ariaLabel={i18n.t('macros.charts.aria', { title: chart.title })}
        emptyText={i18n.t('macros.charts.noData')}
      />
    </Stack>
  );
}

export function ReportChartsMacro(): JSX.Element {
  const { t } = useI18n();
  const { reportId, chartId } = useReportMacroParams();
  const charts = useResolver('report/charts', reportId ? { reportId } : null);
  if (!reportId) return <MacroNotLinked />;
  let body: JSX.Element;
  if (charts.error) body = <MacroLoadError error={charts.error} onRetry={charts.reload} />;
  else if (!charts.data) body = <LoadingState />;
  else {
    const shown = chartId ? charts.data.charts.filter((c) => c.id === chartId) : charts.data.charts;
    body =
      shown.length === 0 ? (
        <MacroNotice title={t('macros.charts.title')} body={t('macros.charts.empty')} testId="macro-charts-empty" />
      ) : (
        <Stack space="space.300">
          {shown.map((c) => (
            <ReportChart key={c.id} chart={c} height={shown.length === 1 ? 380 : 240} />
          ))}
        </Stack>
      );
  }
  return (
    <Box xcss={frame} testId="macro-charts">
      {body}
    </Box>
  );
}
