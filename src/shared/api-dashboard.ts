// Resolver keys of the global page (issue 8): the manager view and the head-of-department view.
// Types only. Amounts are decimal strings in major units of `currency`; months YYYY-MM; days YYYY-MM-DD.
import type { CapacityReport, KpiVerdict } from '../domain/kpi';
import type { ServiceStatus, ServiceType } from '../domain/model';
import type { KpiFulfilmentRow } from './api-kpi';
import type { MoneyAlertType } from './api-money';

/** overdue: an invoice past its due date; unpaid: open invoices not yet due; paid: nothing open; none: never invoiced. */
export type DashboardPaymentStatus = 'overdue' | 'unpaid' | 'paid' | 'none';

/** Spend of the month against the budget pro-rated to the elapsed days (tolerance from the money settings). */
export type DashboardSpendPace = 'over' | 'under' | 'on-pace' | 'no-budget';

export interface DashboardMoney {
  currency: string;
  paymentStatus: DashboardPaymentStatus;
  openInvoices: number;
  overdueInvoices: number;
  /** Σ outstanding of open invoices. */
  outstanding: string;
  prepaid: boolean;
  walletBalance: string;
  /** Negative: the client owes fees. */
  feesBalance: string;
  runwayDays: number | null;
  adsStopDate: string | null;
  /** Ad spend booked in the month (net + VAT), as the month's ledger rollup counts it. */
  spend: string;
  budget: string | null;
  pace: DashboardSpendPace;
  /** Deviation of spend from the pro-rated budget, "12.50" = 12.5 % ahead; null without a budget or elapsed day. */
  deviationPercent: string | null;
  /** Fees + commission accrued in the month. */
  revenue: string;
  /** Active money alerts of the service (low balance, overdue invoice, spend pace…). */
  alerts: MoneyAlertType[];
}

export interface DashboardKpi {
  /** 'missing': no stored rollup for the month yet. */
  state: 'ready' | 'missing';
  counts: Record<KpiVerdict, number>;
  worst: 'on-track' | 'at-risk' | 'off-track' | null;
  score: number | null;
}

export interface DashboardServiceRow {
  serviceId: string;
  clientId: string;
  clientName: string;
  serviceName: string;
  serviceType: ServiceType;
  status: ServiceStatus;
  managerAccountId: string;
  jiraProjectKey: string | null;
  /** Null when the viewer may not see this service's money. */
  money: DashboardMoney | null;
  /** An active "ads stopped" alert (no spend yesterday on an active ad service). */
  adsStopped: boolean;
  /** Reports of the month: drafted for periods ending in the month, and of those, published. */
  reports: { due: number; sent: number; lastPublishedAt: string | null };
  /** Client feedback given in the month on any of the service's reports. */
  feedback: { count: number; average: number | null; lowest: number | null };
  kpi: DashboardKpi;
}

export interface ManagerDashboard {
  month: string;
  /** The agency's calendar day the figures are judged on. */
  today: string;
  /** own: services the viewer manages or works on; manager: one manager's (asked by a head/admin); all: every service. */
  scope: 'own' | 'manager' | 'all';
  managerAccountId: string | null;
  rows: DashboardServiceRow[];
  /** The manager's plan fulfilment and bonus estimate; null when there is no single manager or money is hidden. */
  plan: { currency: string; row: KpiFulfilmentRow | null } | null;
}

export interface DashboardEscalation {
  reportId: string;
  serviceId: string;
  clientName: string;
  serviceName: string;
  managerAccountId: string;
  title: string;
  rating: number;
  comment: string;
  at: string;
  /** The Jira issue opened for the head, when there is one. */
  issueKey: string | null;
}

export interface DashboardManagerKpi {
  managerAccountId: string;
  services: number;
  withRollup: number;
  counts: Record<KpiVerdict, number>;
  /** Services whose worst KPI is off track / at risk. */
  offTrackServices: number;
  atRiskServices: number;
}

export interface HeadDashboard {
  month: string;
  today: string;
  currency: string;
  /** Service lines shown as columns (every line with a target or turnover). */
  serviceTypes: ServiceType[];
  turnover: KpiFulfilmentRow[];
  kpi: { total: DashboardManagerKpi; byManager: DashboardManagerKpi[] };
  capacity: CapacityReport;
  escalations: DashboardEscalation[];
  alerts: { total: number; byType: Partial<Record<MoneyAlertType, number>> };
}

export interface DashboardApi {
  /** Heads and admins may ask for one manager's services or for all services. */
  'dashboard/manager': { payload: { month: string; managerAccountId?: string; all?: boolean }; result: ManagerDashboard };
  'dashboard/head': { payload: { month: string }; result: HeadDashboard };
}
