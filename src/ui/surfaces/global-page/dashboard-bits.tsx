// Small pieces the global page's tabs share: the agency month in a time zone, and lozenges for
// payment status, spend pace and KPI verdicts (one mapping from state to appearance each).
import Heading from '@atlaskit/heading';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Box, Stack, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { DashboardKpi, DashboardPaymentStatus, DashboardSpendPace } from '../../../shared/api-dashboard';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/** YYYY-MM of now in `timeZone` (UTC when the zone is unknown). */
export function monthIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
  } catch {
    return now.toISOString().slice(0, 7);
  }
}

const PAYMENT: Record<DashboardPaymentStatus, ThemeAppearance> = { overdue: 'removed', unpaid: 'moved', paid: 'success', none: 'default' };
const PACE: Record<DashboardSpendPace, ThemeAppearance> = { over: 'removed', under: 'moved', 'on-pace': 'success', 'no-budget': 'default' };
const WORST: Record<NonNullable<DashboardKpi['worst']>, ThemeAppearance> = { 'off-track': 'removed', 'at-risk': 'moved', 'on-track': 'success' };

export function PaymentLozenge({ status }: { status: DashboardPaymentStatus }): JSX.Element {
  const { t } = useI18n();
  return (
    <span>
      <Lozenge appearance={PAYMENT[status]}>{t(`dashboard.payment.${status}`)}</Lozenge>
    </span>
  );
}

export function PaceLozenge({ pace, deviation }: { pace: DashboardSpendPace; deviation: string | null }): JSX.Element {
  const { t } = useI18n();
  const label = t(`dashboard.pace.${pace}`);
  return (
    <span>
      <Lozenge appearance={PACE[pace]}>{deviation !== null && pace !== 'on-pace' ? `${label} ${Number(deviation) > 0 ? '+' : ''}${deviation}%` : label}</Lozenge>
    </span>
  );
}

export function KpiLozenge({ kpi }: { kpi: DashboardKpi }): JSX.Element {
  const { t } = useI18n();
  if (kpi.state === 'missing') return <span style={{ color: token('color.text.subtlest') }}>{t('dashboard.kpi.none')}</span>;
  if (kpi.worst === null) return <span style={{ color: token('color.text.subtlest') }}>{t('dashboard.kpi.noVerdict')}</span>;
  return (
    <Lozenge appearance={WORST[kpi.worst]}>
      {t(`dashboard.kpi.${kpi.worst}`)} · {kpi.counts['on-track']}/{kpi.counts['on-track'] + kpi.counts['at-risk'] + kpi.counts['off-track']}
    </Lozenge>
  );
}

export function Muted({ children }: { children: string }): JSX.Element {
  return <span style={{ color: token('color.text.subtlest') }}>{children}</span>;
}

const card = xcss({ borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium', padding: 'space.200' });

/** A titled, bordered block of a dashboard tab. */
export function DashboardCard({ title, children, testId }: { title: string; children: ReactNode; testId: string }): JSX.Element {
  return (
    <Box xcss={card} testId={testId}>
      <Stack space="space.150">
        <Heading size="small" as="h2">
          {title}
        </Heading>
        {children}
      </Stack>
    </Box>
  );
}
