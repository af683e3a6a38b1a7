// The sales funnel: leads per month (bars), how far leads got and the conversion from the stage
// before, lost reasons, and the median time from lead to first invoice. Exported for the head's
// dashboard; reads `sales/funnel` itself.
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { FunnelView } from '../../../shared/api-sales';
import { LineBarChart } from '../../components/charts/line-bar-chart';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { LoadingState } from '../../components/loading-state';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n, type MessageKey } from '../../i18n/i18n';

const card = xcss({ padding: 'space.200', borderRadius: 'radius.medium', backgroundColor: 'elevation.surface.raised', boxShadow: 'elevation.shadow.raised' });

function FunnelBody({ f }: { f: FunnelView }): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  if (f.total === 0) return <EmptyState title={t('sales.funnel.empty')} compact />;
  const maxReached = Math.max(1, ...f.stages.map((s) => s.reached));
  return (
    <Stack space="space.200">
      <Inline space="space.200" shouldWrap>
        <Box xcss={card} testId="funnel-total">
          <span className="rt-muted">{t('sales.funnel.total', { n: f.total })}</span>
        </Box>
        <Box xcss={card} testId="funnel-median">
          <Stack space="space.050">
            <span className="rt-muted">{t('sales.funnel.median')}</span>
            <strong style={{ font: token('font.heading.medium') }}>{f.medianHoursToInvoice === null ? t('sales.funnel.noMedian') : t('sales.funnel.medianValue', { h: i18n.number(f.medianHoursToInvoice, 1) })}</strong>
          </Stack>
        </Box>
      </Inline>
      <Box xcss={card}>
        <Stack space="space.100">
          <Heading size="xsmall" as="h3">{t('sales.funnel.perMonth')}</Heading>
          <LineBarChart
            kind="bar"
            x={f.months.map((m) => m.month)}
            series={[
              { label: t('sales.funnel.leads'), values: f.months.map((m) => m.leads) },
              { label: t('sales.funnel.won'), values: f.months.map((m) => m.won) },
              { label: t('sales.funnel.lost'), values: f.months.map((m) => m.lost) },
            ]}
            ariaLabel={t('sales.funnel.perMonth')}
            height={200}
            testId="funnel-chart"
          />
        </Stack>
      </Box>
      <Box testId="funnel-stages">
      <DynamicTable
        head={{ cells: [{ key: 'stage', content: t('sales.funnel.stage') }, { key: 'reached', content: t('sales.funnel.reached') }, { key: 'conv', content: t('sales.funnel.conversion') }] }}
        rows={f.stages.map((s) => ({
          key: s.stage,
          cells: [
            { key: 'stage', content: t(`sales.stage.${s.stage}` as MessageKey) },
            {
              key: 'reached',
              content: (
                <Inline space="space.100" alignBlock="center">
                  <span style={{ display: 'inline-block', height: 8, width: `${Math.round((s.reached / maxReached) * 120)}px`, minWidth: 2, borderRadius: 4, backgroundColor: token('color.background.brand.bold') }} aria-hidden="true" />
                  <span>{s.reached}</span>
                </Inline>
              ),
            },
            { key: 'conv', content: s.conversionPercent === null ? '—' : `${i18n.number(s.conversionPercent, 1)} %` },
          ],
        }))}
      />
      </Box>
      {f.lostReasons.length > 0 ? (
        <Stack space="space.050">
          <Heading size="xxsmall" as="h4">{t('sales.funnel.lostReasons')}</Heading>
          <ul>
            {f.lostReasons.map((r) => (
              <li key={r.reason}>
                {t(`sales.reason.${r.reason}` as MessageKey)}: {r.count}
              </li>
            ))}
          </ul>
        </Stack>
      ) : null}
    </Stack>
  );
}

export function SalesFunnel({ months = 12 }: { months?: number }): JSX.Element {
  const { t } = useI18n();
  const funnel = useResolver('sales/funnel', { months });
  return (
    <Stack space="space.150">
      <Heading size="small" as="h2">{t('sales.funnel.title')}</Heading>
      {funnel.error ? <ErrorSection error={funnel.error} onRetry={funnel.reload} /> : funnel.loading || !funnel.data ? <LoadingState /> : <FunnelBody f={funnel.data} />}
    </Stack>
  );
}
