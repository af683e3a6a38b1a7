// Pure assembly of the global page's rows from records already read (no I/O here): a service's money
// figures, its month's reports and feedback, and its KPI verdicts; and the sums the head view shows.
import { KPI_VERDICTS, type KpiRollup, type KpiVerdict } from '../../domain/kpi';
import { addMonths } from '../../domain/month-rules';
import {
  type LedgerRollup,
  type Money,
  formatMoney,
  moneyFromDecimal,
  overspend,
  parseMoney,
  sum,
  underspend,
  walletSummary,
} from '../../domain/money';
import type { DashboardKpi, DashboardManagerKpi, DashboardMoney, DashboardPaymentStatus, DashboardServiceRow, DashboardSpendPace } from '../../shared/api-dashboard';
import type { InvoiceSummary, MoneyAlertType } from '../../shared/api-money';
import type { MoneySnapshot } from '../../storage/ledger.repo';
import type { ReportRecord } from '../../storage/reports.repo';
import type { ServiceRecord } from '../../storage/records';

export interface MoneyInputs {
  currency: string;
  snapshot: MoneySnapshot | undefined;
  rollup: LedgerRollup | undefined;
  /** The service's invoices that are not paid or cancelled. */
  openInvoices: readonly InvoiceSummary[];
  /** Whether the service was ever invoiced (paid vs none). */
  everInvoiced: boolean;
  monthlyAdBudget: string | undefined;
  tolerancePercent: string;
  alerts: readonly MoneyAlertType[];
}

export interface RowInputs {
  service: ServiceRecord;
  clientName: string;
  month: string;
  /** The agency's calendar day. */
  today: string;
  /** Null: the viewer may not see money. */
  money: MoneyInputs | null;
  adsStopped: boolean;
  reports: readonly ReportRecord[];
  kpi: KpiRollup | undefined;
}

export function emptyCounts(): Record<KpiVerdict, number> {
  return Object.fromEntries(KPI_VERDICTS.map((v) => [v, 0])) as Record<KpiVerdict, number>;
}

export function paymentStatus(open: readonly InvoiceSummary[], everInvoiced: boolean, today: string): DashboardPaymentStatus {
  if (open.some((i) => i.status === 'overdue' || i.dueDate < today)) return 'overdue';
  if (open.length > 0) return 'unpaid';
  return everInvoiced ? 'paid' : 'none';
}

/** The day the pace is judged on: today in the current month, the day after the month for past months. */
export function paceDay(month: string, today: string): string {
  const current = today.slice(0, 7);
  if (month === current) return today;
  return month < current ? `${addMonths(month, 1)}-01` : `${month}-01`;
}

function spendPace(m: MoneyInputs, month: string, today: string): { pace: DashboardSpendPace; deviationPercent: string | null } {
  if (!m.monthlyAdBudget) return { pace: 'no-budget', deviationPercent: null };
  const budget = moneyFromDecimal(m.monthlyAdBudget, m.currency, 'half-up');
  const day = paceDay(month, today);
  // The current month counts the snapshot's spend days before today (as the alerts do); a finished
  // month counts its rollup.
  const spent: Money =
    month === today.slice(0, 7)
      ? { amountMinor: Object.entries(m.snapshot?.spendDays ?? {}).filter(([d]) => d.startsWith(month) && d < today).reduce((a, [, v]) => a + BigInt(v), 0n), currency: m.currency }
      : { amountMinor: BigInt(m.rollup?.spend ?? '0') + BigInt(m.rollup?.spendVat ?? '0'), currency: m.currency };
  const input = { serviceId: '', month, monthBudget: budget, spentToDate: spent, today: day, tolerancePercent: m.tolerancePercent };
  const over = overspend(input);
  const under = underspend(input);
  const deviation = over.details['deviationPercent'];
  return { pace: over.active ? 'over' : under.active ? 'under' : 'on-pace', deviationPercent: typeof deviation === 'string' ? deviation : null };
}

export function moneyOf(service: ServiceRecord, m: MoneyInputs, month: string, today: string): DashboardMoney {
  const cur = m.snapshot?.currency ?? m.currency;
  const balance: Money = { amountMinor: BigInt(m.snapshot?.walletBalance ?? '0'), currency: cur };
  const days = Object.entries(m.snapshot?.spendDays ?? {}).map(([date, v]) => ({ date, amount: { amountMinor: BigInt(v), currency: cur } }));
  const w = walletSummary({ currency: cur, balance, days, today });
  const minor = (v: string | undefined): Money => ({ amountMinor: BigInt(v ?? '0'), currency: cur });
  const pace = spendPace({ ...m, currency: cur }, month, today);
  const overdue = m.openInvoices.filter((i) => i.status === 'overdue' || i.dueDate < today);
  return {
    currency: cur,
    paymentStatus: paymentStatus(m.openInvoices, m.everInvoiced, today),
    openInvoices: m.openInvoices.length,
    overdueInvoices: overdue.length,
    outstanding: formatMoney(sum(cur, m.openInvoices.filter((i) => i.currency === cur).map((i) => parseMoney(i.outstanding, cur)))),
    prepaid: service.billing.prepaidAdBudget,
    walletBalance: formatMoney(balance),
    feesBalance: formatMoney(minor(m.snapshot?.feesBalance)),
    runwayDays: service.billing.prepaidAdBudget ? w.runwayDays : null,
    adsStopDate: service.billing.prepaidAdBudget ? w.adsStopDate : null,
    spend: formatMoney({ amountMinor: BigInt(m.rollup?.spend ?? '0') + BigInt(m.rollup?.spendVat ?? '0'), currency: cur }),
    budget: m.monthlyAdBudget ? formatMoney(moneyFromDecimal(m.monthlyAdBudget, cur, 'half-up')) : null,
    pace: pace.pace,
    deviationPercent: pace.deviationPercent,
    revenue: formatMoney({ amountMinor: BigInt(m.rollup?.feesAccrued ?? '0') + BigInt(m.rollup?.commissionAccrued ?? '0'), currency: cur }),
    alerts: [...new Set(m.alerts)].sort(),
  };
}

export function kpiOf(r: KpiRollup | undefined): DashboardKpi {
  if (!r) return { state: 'missing', counts: emptyCounts(), worst: null, score: null };
  return { state: 'ready', counts: { ...emptyCounts(), ...r.summary.counts }, worst: r.summary.worst, score: r.summary.score };
}

/** Reports whose period ends in the month (drafted for it) and of those the published ones; feedback given in the month. */
export function reportsOf(reports: readonly ReportRecord[], month: string): Pick<DashboardServiceRow, 'reports' | 'feedback'> {
  const due = reports.filter((r) => r.to.startsWith(month));
  const sent = due.filter((r) => r.status === 'published');
  const lastPublishedAt = sent.map((r) => r.publishedAt ?? '').filter(Boolean).sort().at(-1) ?? null;
  const ratings = reports.flatMap((r) => r.feedback.filter((f) => f.at.startsWith(month)).map((f) => f.rating));
  const average = ratings.length > 0 ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100 : null;
  return {
    reports: { due: due.length, sent: sent.length, lastPublishedAt },
    feedback: { count: ratings.length, average, lowest: ratings.length > 0 ? Math.min(...ratings) : null },
  };
}

export function serviceRow(x: RowInputs): DashboardServiceRow {
  const s = x.service;
  return {
    serviceId: s.id,
    clientId: s.clientId,
    clientName: x.clientName,
    serviceName: s.name,
    serviceType: s.type,
    status: s.status,
    managerAccountId: s.managerAccountId,
    jiraProjectKey: s.jiraProjectKey ?? null,
    money: x.money ? moneyOf(s, x.money, x.month, x.today) : null,
    adsStopped: x.adsStopped,
    ...reportsOf(x.reports, x.month),
    kpi: kpiOf(x.kpi),
  };
}

/** KPI verdict counts of a set of services (missing rollups count as services without one). */
export function kpiTotals(managerAccountId: string, rollups: ReadonlyArray<KpiRollup | undefined>): DashboardManagerKpi {
  const counts = emptyCounts();
  let withRollup = 0;
  let off = 0;
  let risk = 0;
  for (const r of rollups) {
    if (!r) continue;
    withRollup += 1;
    for (const v of KPI_VERDICTS) counts[v] += r.summary.counts[v] ?? 0;
    if (r.summary.worst === 'off-track') off += 1;
    else if (r.summary.worst === 'at-risk') risk += 1;
  }
  return { managerAccountId, services: rollups.length, withRollup, counts, offTrackServices: off, atRiskServices: risk };
}

