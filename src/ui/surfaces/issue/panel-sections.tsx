// The pieces of the issue context and issue panel: status badge, money and runway, profitability,
// KPI verdicts with pacing, the last report with its rating, and active alerts.
import Heading from '@atlaskit/heading';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import { formatKpiValue } from '../../../domain/kpi/pacing';
import type { IssueContextSnapshot, IssuePanelAlert, IssuePanelKpi, IssuePanelMoney, IssuePanelReport, PanelKpiVerdict } from '../../../shared/api';
import { ToneLozenge } from '../../components/status-lozenge';
import { useI18n, type I18n, type MessageKey } from '../../i18n/i18n';
import { openIssue } from '../../services/navigation';

const row = xcss({ paddingBlock: 'space.025' });
const section = xcss({ borderTopColor: 'color.border', borderTopStyle: 'solid', borderTopWidth: 'border.width', paddingBlockStart: 'space.100' });

export function Fact({ label, value, tone, testId }: { label: string; value: string; tone?: 'danger' | 'success'; testId?: string }): JSX.Element {
  const color = tone === 'danger' ? token('color.text.danger') : tone === 'success' ? token('color.text.success') : token('color.text');
  return (
    <Box xcss={row} testId={testId}>
      <Inline spread="space-between" alignBlock="baseline" space="space.100">
        <span style={{ color: token('color.text.subtle') }}>{label}</span>
        <span className="rt-num" style={{ color }}>
          {value}
        </span>
      </Inline>
    </Box>
  );
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }): JSX.Element {
  return (
    <Box xcss={section} testId={testId}>
      <Stack space="space.075">
        <Heading size="xxsmall" as="h3">
          {title}
        </Heading>
        {children}
      </Stack>
    </Box>
  );
}

function Muted({ children }: { children: ReactNode }): JSX.Element {
  return <span style={{ color: token('color.text.subtlest'), font: token('font.body.small') }}>{children}</span>;
}

const BADGE_TEXT: Record<IssueContextSnapshot['badge']['reason'], MessageKey> = {
  inactive: 'panels.badge.inactive',
  alert: 'panels.badge.alert',
  'kpi-off-track': 'panels.badge.kpiOffTrack',
  'kpi-at-risk': 'panels.badge.kpiAtRisk',
  'over-allowance': 'panels.badge.overAllowance',
  'near-allowance': 'panels.badge.nearAllowance',
  ok: 'panels.badge.ok',
};

export function StatusBadge({ badge }: { badge: IssueContextSnapshot['badge'] }): JSX.Element {
  const { t } = useI18n();
  return (
    <span data-testid="panel-badge" data-tone={badge.tone}>
      <ToneLozenge tone={badge.tone} label={t(BADGE_TEXT[badge.reason], { n: badge.count })} bold />
    </span>
  );
}

/** "Ads stop in 6 days · around 28 Nov", or why there is no projection. */
export function runwayText(i18n: I18n, m: IssuePanelMoney): string | null {
  if (!m.prepaid) return null;
  if (m.runwayDays === null) return i18n.t('panels.money.runwayNone');
  const days = i18n.t('panels.money.runway', { n: i18n.number(Math.max(0, m.runwayDays), 0) });
  return m.adsStopDate ? `${days} · ${i18n.t('panels.money.runwayDate', { date: i18n.date(m.adsStopDate) })}` : days;
}

export function MoneySection({ money, compact = false }: { money: IssuePanelMoney; compact?: boolean }): JSX.Element {
  const i18n = useI18n();
  const negative = (v: string): boolean => v.startsWith('-');
  const runway = runwayText(i18n, money);
  const short = money.runwayDays !== null && money.runwayDays <= 7;
  return (
    <Section title={i18n.t('panels.money.title')} testId="panel-money">
      <Stack space="space.0">
        {money.prepaid ? <Fact label={i18n.t('panels.money.wallet')} value={i18n.money(money.walletBalance, money.currency)} tone={negative(money.walletBalance) ? 'danger' : undefined} testId="panel-wallet" /> : null}
        {runway ? (
          <Box xcss={row} testId="panel-runway">
            <span style={{ color: short ? token('color.text.danger') : token('color.text.subtle'), font: token('font.body.small') }}>{runway}</span>
          </Box>
        ) : null}
        {!compact ? <Fact label={i18n.t('panels.money.fees')} value={i18n.money(money.feesBalance, money.currency)} tone={negative(money.feesBalance) ? 'danger' : undefined} /> : null}
        <Fact label={i18n.t('panels.money.paidUntil')} value={money.paidUntil ? i18n.date(money.paidUntil) : i18n.t('panels.money.notPaid')} testId="panel-paid-until" />
        <Fact label={i18n.t('issue.monthlyFee')} value={i18n.money(money.monthlyFee, money.currency)} testId="glance-fee" />
      </Stack>
    </Section>
  );
}

export function ProfitSection({ profit, currency }: { profit: NonNullable<IssuePanelMoney['profit']>; currency: string }): JSX.Element {
  const i18n = useI18n();
  const margin = `${i18n.money(profit.margin, currency)}${profit.marginPercent !== null ? ` · ${i18n.number(Number(profit.marginPercent), 1)}%` : ''}`;
  return (
    <Section title={i18n.t('panels.profit.title', { month: i18n.month(profit.period) })} testId="panel-profit">
      <Stack space="space.0">
        <Fact label={i18n.t('panels.profit.revenue')} value={i18n.money(profit.revenue, currency)} />
        <Fact label={i18n.t('panels.profit.cost')} value={i18n.money(profit.cost, currency)} />
        <Fact label={i18n.t('panels.profit.margin')} value={margin} tone={profit.margin.startsWith('-') ? 'danger' : 'success'} />
        {!profit.complete ? <Muted>{i18n.t('panels.profit.incomplete')}</Muted> : null}
      </Stack>
    </Section>
  );
}

const VERDICT: Record<PanelKpiVerdict, ThemeAppearance> = { 'on-track': 'success', 'at-risk': 'moved', 'off-track': 'removed', 'no-data': 'default', 'no-target': 'default', pending: 'inprogress' };

function kpiNumbers(i18n: I18n, k: IssuePanelKpi): string {
  if (k.unbounded) return i18n.t('panels.kpi.unbounded');
  const f = (v: number | null): string => formatKpiValue(v, k.unit, i18n.lang);
  if (k.value === null) return k.target === null ? '' : i18n.t('panels.kpi.targetOnly', { target: f(k.target) });
  if (k.target === null) return f(k.value);
  if (k.expectedByNow !== null && k.expectedByNow !== k.target) return i18n.t('panels.kpi.paced', { value: f(k.value), target: f(k.target), expected: f(k.expectedByNow) });
  return i18n.t('panels.kpi.target', { value: f(k.value), target: f(k.target) });
}

const VERDICT_ORDER: Record<PanelKpiVerdict, number> = { 'off-track': 0, 'at-risk': 1, 'on-track': 2, pending: 3, 'no-target': 4, 'no-data': 5 };

/** Worst first, so a short list shows what needs attention. */
export function kpisByUrgency(kpis: readonly IssuePanelKpi[]): IssuePanelKpi[] {
  return [...kpis].sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict]);
}

function More({ total, shown }: { total: number; shown: number }): JSX.Element | null {
  const { t } = useI18n();
  return total > shown ? <Muted>{t('panels.more', { n: total - shown })}</Muted> : null;
}

export function KpiSection({ kpis, limit }: { kpis: IssuePanelKpi[]; limit?: number }): JSX.Element {
  const i18n = useI18n();
  const sorted = kpisByUrgency(kpis);
  const shown = limit ? sorted.slice(0, limit) : sorted;
  return (
    <Section title={i18n.t('panels.kpis.title')} testId="panel-kpis">
      {kpis.length === 0 ? <Muted>{i18n.t('panels.kpis.empty')}</Muted> : null}
      <Stack space="space.075">
        {shown.map((k) => (
          <Box key={k.id} testId={`panel-kpi-${k.id}`}>
            <Inline spread="space-between" alignBlock="center" space="space.100">
              <span>{k.label[i18n.lang]}</span>
              <span style={{ flexShrink: 0 }}>
                <Lozenge appearance={VERDICT[k.verdict]}>{i18n.t(`panels.kpi.${k.verdict}`)}</Lozenge>
              </span>
            </Inline>
            {kpiNumbers(i18n, k) ? <Muted>{kpiNumbers(i18n, k)}</Muted> : null}
          </Box>
        ))}
        <More total={kpis.length} shown={shown.length} />
      </Stack>
    </Section>
  );
}

function Stars({ rating }: { rating: number }): JSX.Element {
  const full = Math.round(rating);
  return (
    <span aria-hidden="true" style={{ letterSpacing: 1 }}>
      {Array.from({ length: 5 }, (_, i) => (
        <span key={i} style={{ color: i < full ? token('color.icon.warning') : token('color.border') }}>
          ★
        </span>
      ))}
    </span>
  );
}

export function ReportSection({ report }: { report: IssuePanelReport | null }): JSX.Element {
  const i18n = useI18n();
  return (
    <Section title={i18n.t('panels.report.title')} testId="panel-report">
      {report === null ? (
        <Muted>{i18n.t('panels.report.none')}</Muted>
      ) : (
        <Stack space="space.050">
          <Inline spread="space-between" alignBlock="center" space="space.100" shouldWrap>
            <span>{`${i18n.date(report.from)} – ${i18n.date(report.to)}`}</span>
            <span style={{ flexShrink: 0 }}>
              <Lozenge appearance={report.status === 'published' ? 'success' : report.status === 'draft' ? 'new' : 'inprogress'}>{i18n.t(`panels.report.${report.status}`)}</Lozenge>
            </span>
          </Inline>
          {report.rating !== null ? (
            <Inline space="space.100" alignBlock="center" shouldWrap>
              <Stars rating={report.rating} />
              <span style={{ font: token('font.body.small') }}>{i18n.t('panels.report.rating', { rating: i18n.number(report.rating, 1) })}</span>
              <Muted>{i18n.t('panels.report.ratings', { n: report.ratings })}</Muted>
            </Inline>
          ) : (
            <Muted>{i18n.t('panels.report.noRating')}</Muted>
          )}
        </Stack>
      )}
    </Section>
  );
}

const ALERT_TEXT = new Set(['low-balance', 'runway-below', 'subscription-ending', 'invoice-overdue', 'overspend', 'underspend', 'ads-stopped', 'auth-expired', 'revoked', 'error', 'sync-failed']);

const SITE_TEXT = new Set(['problem', 'pages-drop', 'sqi-drop']);

export function alertText(i18n: I18n, a: IssuePanelAlert): string {
  if (a.source === 'site') {
    if (SITE_TEXT.has(a.type)) return i18n.t(`panels.alert.site.${a.type}` as MessageKey, { source: a.subject ?? '' });
    return i18n.t('panels.alert.site', { type: a.type });
  }
  if (!ALERT_TEXT.has(a.type)) return i18n.t('panels.alert.other', { type: a.type });
  return i18n.t(`panels.alert.${a.type}` as MessageKey, { source: a.subject ?? '' });
}

export function AlertsSection({ alerts, limit }: { alerts: IssuePanelAlert[]; limit?: number }): JSX.Element {
  const i18n = useI18n();
  const shown = limit ? alerts.slice(0, limit) : alerts;
  return (
    <Section title={i18n.t('panels.alerts.title')} testId="panel-alerts">
      {alerts.length === 0 ? <Muted>{i18n.t('panels.alerts.none')}</Muted> : null}
      <Stack space="space.075">
        {shown.map((a) => (
          <Box key={`${a.source}-${a.type}-${a.subject ?? ''}`} testId={`panel-alert-${a.type}`}>
            <Inline space="space.075" alignBlock="start">
              <span aria-hidden="true" style={{ color: a.severity === 'danger' ? token('color.icon.danger') : token('color.icon.warning') }}>
                ●
              </span>
              <Stack space="space.0">
                <span>{alertText(i18n, a)}</span>
                <Inline space="space.100" shouldWrap>
                  {a.since ? <Muted>{i18n.t('panels.alerts.since', { date: i18n.date(a.since.slice(0, 10)) })}</Muted> : null}
                  {a.issueKey ? (
                    <button type="button" className="rt-link-button rt-small" onClick={() => void openIssue(a.issueKey as string)}>
                      {i18n.t('panels.alerts.open', { key: a.issueKey })}
                    </button>
                  ) : null}
                </Inline>
              </Stack>
            </Inline>
          </Box>
        ))}
        <More total={alerts.length} shown={shown.length} />
      </Stack>
    </Section>
  );
}
