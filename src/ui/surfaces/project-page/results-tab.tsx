// The "Results" tab: KPI verdicts with pacing and targets, then the metric charts.
import { Stack } from '@atlaskit/primitives';
import type { Client, Service } from '../../../shared/api';
import { KpiSection } from './kpi-section';
import { MetricsSection } from './metrics-section';
import { todayIn } from './project-utils';

export function ResultsTab({ service, client, currentMonth, timeZone }: { service: Service; client: Client; currentMonth: string; timeZone: string }): JSX.Element {
  return (
    <Stack space="space.500">
      <KpiSection serviceId={service.id} currentMonth={currentMonth} currency={client.currency} />
      <MetricsSection serviceId={service.id} currentMonth={currentMonth} today={todayIn(timeZone)} />
    </Stack>
  );
}
