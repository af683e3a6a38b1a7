// Resolver keys of the kpi feature (issue 6): payloads and results crossing the bridge. Types only.
import type { BonusEstimate, BonusFormula, CapacityReport, KpiDefinition, KpiResult, KpiSummary, ManagerFulfilment, ServiceFacts, ServiceMonthTargets } from '../domain/kpi';
import type { Role, ServiceType } from '../domain/model';

export interface KpiDefinitionsView {
  builtIn: KpiDefinition[];
  custom: KpiDefinition[];
  disabled: string[];
}

export interface KpiTargetsView {
  serviceId: string;
  month: string;
  /** The targets that apply: the month's own, else carried over, else defaults. */
  targets: ServiceMonthTargets;
  kpis: Array<Pick<KpiDefinition, 'id' | 'label' | 'unit' | 'direction' | 'defaultTarget'>>;
  canEdit: boolean;
}

export interface KpiServiceView {
  serviceId: string;
  month: string;
  /** 'ready' = the stored rollup; 'queued' = none yet, a recompute was queued. */
  state: 'ready' | 'queued';
  today: string | null;
  finished: boolean;
  kpis: KpiResult[];
  summary: KpiSummary | null;
  /** Facts behind the KPIs; money facts (revenue, cost, margin) only for people who may see money. */
  facts: Partial<ServiceFacts>;
  /** Whether money-bearing KPIs and facts were left out for this viewer. */
  moneyHidden: boolean;
  targets: ServiceMonthTargets | null;
}

export interface KpiPlanView {
  month: string;
  currency: string;
  plans: Array<{ managerAccountId: string; targets: Partial<Record<ServiceType, string>> }>;
  formula: BonusFormula | null;
  /** Whether the plans shown are the month's own (false = carried from an earlier month or empty). */
  own: boolean;
}

export interface KpiPlanInput {
  month: string;
  currency?: string;
  plans?: Array<{ managerAccountId: string; targets: Partial<Record<ServiceType, string>> }>;
  /** A BonusFormula (validated by the backend); null leaves the stored one unchanged. */
  formula?: unknown;
}

export interface KpiFulfilmentRow {
  fulfilment: ManagerFulfilment;
  bonus: BonusEstimate | null;
  kpiScore: number | null;
  clientRating: number | null;
  services: number;
}

export interface KpiFulfilmentView {
  month: string;
  currency: string;
  rows: KpiFulfilmentRow[];
  /** Heads see every manager; others only themselves. */
  scope: 'all' | 'own';
}

export interface KpiCapacitySettings {
  defaultHoursPerDay: number;
  people: Array<{ accountId: string; role?: Role; hoursPerDay?: number; daysOff?: string[]; workingWeekdays?: number[] }>;
  publicHolidays: string[];
}

export interface KpiApi {
  'kpi/definitions/list': { payload: { serviceType?: ServiceType }; result: KpiDefinitionsView };
  'kpi/definitions/save': { payload: { definition: unknown }; result: KpiDefinitionsView };
  'kpi/definitions/delete': { payload: { id: string }; result: KpiDefinitionsView };
  'kpi/definitions/enable': { payload: { id: string; enabled: boolean }; result: KpiDefinitionsView };
  'kpi/targets/get': { payload: { serviceId: string; month: string }; result: KpiTargetsView };
  'kpi/targets/set': { payload: { serviceId: string; month: string; values: Record<string, number | string | null> }; result: KpiTargetsView };
  'kpi/service': { payload: { serviceId: string; month: string }; result: KpiServiceView };
  'kpi/history': { payload: { serviceId: string; months: string[] }; result: KpiServiceView[] };
  'kpi/plan/get': { payload: { month: string }; result: KpiPlanView };
  'kpi/plan/set': { payload: KpiPlanInput; result: KpiPlanView };
  'kpi/fulfilment': { payload: { month: string }; result: KpiFulfilmentView };
  'kpi/capacity': { payload: { month?: string }; result: CapacityReport };
  'kpi/capacity/settings/get': { payload: Record<string, never>; result: KpiCapacitySettings };
  'kpi/capacity/settings/set': { payload: KpiCapacitySettings; result: KpiCapacitySettings };
  'kpi/recompute': { payload: { month: string; serviceId?: string }; result: { queued: number } };
}
