// The resolver API: keys and the types that cross the bridge. Backend resolvers implement it,
// src/ui/services/invokes.ts calls it. Types only, so the UI bundle imports no backend code.
import type {
  AgencySettings,
  Client,
  Contact,
  Language,
  LegalDetails,
  MonthRule,
  ReportSchedule,
  Role,
  Service,
  ServiceStatus,
  ServiceType,
  TemplateTask,
  BillingTerms,
  LocalizedText,
} from '../domain/model';
import type { KpiApi } from './api-kpi';
import type { MetricsApi } from './api-metrics';
import type { ReportsApi } from './api-reports';
import type { MoneyApi } from './api-money';
import type { SalesApi } from './api-sales';
import type { DashboardApi } from './api-dashboard';
import type { NotificationRules } from '../domain/notification-rules';

export interface Viewer {
  accountId: string;
  displayName: string;
  locale: Language;
  isAdmin: boolean;
  isHead: boolean;
  /** Services this person manages. */
  managedServiceIds: string[];
  /** Whether this person may see money for at least one service. */
  canSeeMoney: boolean;
}

export interface ServiceSummary {
  id: string;
  clientId: string;
  clientName: string;
  name: string;
  type: ServiceType;
  status: ServiceStatus;
  managerAccountId: string;
  managerName: string;
  jiraProjectKey: string | null;
  setup: SetupState;
  /** Current month's task set, if any. */
  currentMonth: { month: string; monthNumber: number; state: TaskSetState; plannedHours: number; allowanceHours: number } | null;
}

export type SetupState =
  | { state: 'not-started' }
  | { state: 'running'; step: string }
  | { state: 'done'; projectKey: string; spaceKey: string; reportsPageId: string }
  | { state: 'failed'; message: string };

export type TaskSetState = 'planned' | 'creating' | 'created' | 'failed';

export interface TaskSetView {
  serviceId: string;
  month: string;
  monthNumber: number;
  state: TaskSetState | 'none';
  epicKey: string | null;
  items: Array<{
    issueKey: string | null;
    summary: string;
    role: Role;
    assigneeAccountId: string | null;
    /** Display name from Jira; null when unassigned or no longer a user. */
    assigneeName: string | null;
    estimateHours: number;
    loggedHours: number;
    status: 'todo' | 'in-progress' | 'done';
    dueDate: string;
    extra: boolean;
  }>;
  plannedHours: number;
  loggedHours: number;
  allowanceHours: number;
  overAllowance: boolean;
}

export interface TemplateCalibrationRow {
  templateId: string;
  serviceType: ServiceType;
  title: string;
  estimateHours: number;
  /** Issues created from this template that are done and have worklogs. */
  samples: number;
  averageLoggedHours: number | null;
  medianLoggedHours: number | null;
  /** Suggested new estimate, rounded to 0.25 h; null when too few samples. */
  suggestedEstimateHours: number | null;
}

export interface JobStatus {
  jobId: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  message?: string;
}

export type ClientInput = Omit<Client, 'id' | 'createdAt' | 'updatedAt' | 'guestAccountIds' | 'confluenceSpaceId' | 'reportsPageId'> & {
  id?: string;
  guestAccountIds?: string[];
};

export type ServiceInput = Omit<Service, 'id' | 'createdAt' | 'updatedAt' | 'jiraProjectId'> & { id?: string };

export type TemplateInput = Omit<TemplateTask, 'id'> & { id?: string };

export type PanelTone = 'success' | 'warning' | 'danger' | 'neutral';
export type PanelKpiVerdict = 'on-track' | 'at-risk' | 'off-track' | 'no-data' | 'no-target' | 'pending';

/** One KPI of the month as the issue panel shows it: verdict with the pacing numbers behind it. */
export interface IssuePanelKpi {
  id: string;
  label: Record<Language, string>;
  unit: 'count' | 'percent' | 'money' | 'hours' | 'ratio' | 'position' | 'rating';
  verdict: PanelKpiVerdict;
  value: number | null;
  unbounded: 'positive' | 'negative' | null;
  target: number | null;
  /** What the target implies by today (pacing); null when not paced. */
  expectedByNow: number | null;
  /** value / expectedByNow. */
  ratio: number | null;
}

/** An active problem of the service: money alerts, connector access or sync, site problems. */
export interface IssuePanelAlert {
  source: 'money' | 'connector' | 'site';
  /** Money: MoneyAlertType; connector: 'auth-expired' | 'revoked' | 'error' | 'sync-failed'; site: the problem's code. */
  type: string;
  /** What it concerns (a connector's source name, a site host); never a secret. */
  subject: string | null;
  issueKey: string | null;
  since: string;
  severity: 'warning' | 'danger';
}

/** Money of the service: present only for viewers who may see money. Amounts are decimal strings in `currency`. */
export interface IssuePanelMoney {
  currency: string;
  prepaid: boolean;
  monthlyFee: string;
  walletBalance: string;
  feesBalance: string;
  averageDailySpend: string | null;
  runwayDays: number | null;
  adsStopDate: string | null;
  paidUntil: string | null;
  profit: null | {
    period: string;
    revenue: string;
    cost: string;
    margin: string;
    marginPercent: string | null;
    complete: boolean;
  };
}

export interface IssuePanelReport {
  reportId: string;
  kind: 'weekly' | 'monthly' | 'custom';
  from: string;
  to: string;
  status: 'drafting' | 'draft' | 'publishing' | 'published';
  /** Average client rating (1–5) and how many ratings; null when nobody rated. */
  rating: number | null;
  ratings: number;
  publishedAt: string | null;
}

export type PanelBadgeReason = 'inactive' | 'alert' | 'kpi-off-track' | 'kpi-at-risk' | 'over-allowance' | 'near-allowance' | 'ok';

/** What the issue context and issue panel show: one precomputed snapshot, cut to what the viewer may see. */
export interface IssueContextSnapshot {
  state: 'ready';
  serviceId: string;
  clientName: string;
  serviceName: string;
  serviceType: ServiceType;
  status: ServiceStatus;
  month: string;
  hoursLogged: number;
  allowanceHours: number;
  plannedHours: number;
  /** Null when the viewer may not see money. */
  money: IssuePanelMoney | null;
  kpis: IssuePanelKpi[];
  lastReport: IssuePanelReport | null;
  alerts: IssuePanelAlert[];
  /** The worst of alerts, KPIs and hours, for the status badge. */
  badge: { tone: PanelTone; reason: PanelBadgeReason; count: number };
  projectPageUrl: string | null;
  computedAt: string;
}

/** null: not a service, or nothing the viewer may see; 'preparing': the snapshot is being computed. */
export type IssuePanelResult = IssueContextSnapshot | { state: 'preparing' } | null;

/** The core resolver keys with their payload and result types. */
export interface CoreApi {
  'app/viewer': { payload: Record<string, never>; result: Viewer };
  'agency/get': { payload: Record<string, never>; result: AgencySettings };
  'agency/save': { payload: AgencySettings; result: AgencySettings };
  'clients/list': { payload: Record<string, never>; result: Client[] };
  'clients/save': { payload: ClientInput; result: Client };
  'services/list': { payload: { mine?: boolean }; result: ServiceSummary[] };
  'services/get': { payload: { serviceId?: string; projectKey?: string }; result: { service: Service; client: Client; summary: ServiceSummary } };
  'services/save': { payload: ServiceInput; result: Service };
  'services/setup': { payload: { serviceId: string; linkProjectKey?: string; linkSpaceKey?: string }; result: JobStatus };
  'templates/list': { payload: { serviceType?: ServiceType }; result: TemplateTask[] };
  'templates/save': { payload: TemplateInput; result: TemplateTask };
  'templates/delete': { payload: { id: string }; result: { id: string } };
  'templates/calibration': { payload: { serviceType?: ServiceType }; result: TemplateCalibrationRow[] };
  'tasksets/get': { payload: { serviceId: string; month?: string }; result: TaskSetView };
  'tasksets/addExtra': { payload: { serviceId: string; templateIds: string[] }; result: JobStatus };
  'jobs/get': { payload: { jobId: string }; result: JobStatus };
  'panel/issue': { payload: Record<string, never>; result: IssuePanelResult };
  'users/list': { payload: Record<string, never>; result: Array<{ accountId: string; displayName: string }> };
  'notifications/get': { payload: Record<string, never>; result: NotificationRules };
  'notifications/save': { payload: NotificationRules; result: NotificationRules };
}

/** Every resolver key: the core ones and each feature's. */
export interface Api extends CoreApi, MetricsApi, MoneyApi, KpiApi, ReportsApi, DashboardApi, SalesApi {}

export type ApiKey = keyof Api;
export type ApiPayload<K extends ApiKey> = Api[K]['payload'];
export type ApiResult<K extends ApiKey> = Api[K]['result'];

export type { AgencySettings, Client, Contact, LegalDetails, MonthRule, ReportSchedule, Role, Service, ServiceStatus, ServiceType, TemplateTask, BillingTerms, LocalizedText, Language };
