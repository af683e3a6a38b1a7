// The agency's core records. Types only: rules live in the other domain modules.
// Money amounts are decimal strings in the client's currency ("1500.00"); never floats.

export const LANGUAGES = ['en', 'uk', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Text shipped in all three languages; `en` is the fallback. */
export interface LocalizedText {
  en: string;
  uk?: string;
  ru?: string;
}

export const SERVICE_TYPES = ['seo', 'yandex-direct', 'google-ads', 'smm', 'targeted-ads'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_STATUSES = ['active', 'paused', 'ended'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const ROLES = [
  'manager',
  'seo-specialist',
  'ppc-specialist',
  'smm-specialist',
  'targetologist',
  'copywriter',
  'designer',
  'developer',
  'analyst',
] as const;
export type Role = (typeof ROLES)[number];

export interface Contact {
  name: string;
  email?: string;
  phone?: string;
  position?: string;
}

export interface LegalDetails {
  legalName: string;
  taxId?: string;
  address?: string;
  bankDetails?: string;
}

export interface Client {
  id: string; // 'cl-…'
  name: string;
  legal: LegalDetails;
  language: Language;
  /** ISO 4217, e.g. UAH, USD, EUR. */
  currency: string;
  contacts: Contact[];
  /** Confluence space the client's reports and documents live in (created or linked by setup). */
  confluenceSpaceKey?: string;
  confluenceSpaceId?: string;
  reportsPageId?: string;
  /** Client people invited to the space as Confluence guests. */
  guestAccountIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface BillingTerms {
  /** Decimal string in the client's currency, e.g. "1500.00". */
  monthlyFee: string;
  /** Percent of ad spend, decimal string, e.g. "10" or "7.5". */
  commissionPercent: string;
  /** VAT rate percent, decimal string, e.g. "20" or "0". */
  vatRatePercent: string;
  /** Client prepays the ad budget through the agency (wallet credited by payments, debited by spend). */
  prepaidAdBudget: boolean;
}

export interface ReportSchedule {
  weekly: { enabled: boolean; /** ISO weekday, 1 = Monday */ weekday: number };
  monthly: { enabled: boolean; /** 1–28 */ dayOfMonth: number };
  autoSend: boolean;
}

export interface Service {
  id: string; // 'sv-…'
  clientId: string;
  type: ServiceType;
  name: string;
  managerAccountId: string;
  headAccountId: string;
  /** People on the service by role (accountIds); the first is the default assignee for the role. */
  team: Partial<Record<Role, string[]>>;
  /** First day of the engagement, YYYY-MM-DD in the agency's time zone. */
  startDate: string;
  status: ServiceStatus;
  billing: BillingTerms;
  monthlyHourAllowance: number;
  reportSchedule: ReportSchedule;
  jiraProjectKey?: string;
  jiraProjectId?: string;
  createdAt: string;
  updatedAt: string;
}

/** In which months of the engagement (month 1 = the month the service starts) a template task appears. */
export type MonthRule =
  | { kind: 'first-month' }
  | { kind: 'every-month' }
  /** Months 1, 1+n, 1+2n, … (shifted by `offset` months when given). */
  | { kind: 'every-n-months'; n: number; offset?: number }
  | { kind: 'from-month'; from: number }
  | { kind: 'listed-months'; months: number[] };

export interface TemplateTask {
  id: string; // 'tt-…'
  serviceType: ServiceType;
  title: LocalizedText;
  description: LocalizedText;
  estimateHours: number;
  role: Role;
  rule: MonthRule;
  /** Days after the start of the month's work (0 = first day) when the task is due. */
  dueDayOffset: number;
  checklist: LocalizedText[];
  labels: string[];
  active: boolean;
}

/** One task the month's set will create. */
export interface TaskPlanItem {
  templateId: string;
  summary: string;
  description: string;
  estimateHours: number;
  role: Role;
  assigneeAccountId: string | null;
  /** YYYY-MM-DD */
  dueDate: string;
  labels: string[];
  checklist: string[];
}

export interface TaskSetPlan {
  serviceId: string;
  /** YYYY-MM */
  month: string;
  /** 1-based month of the engagement. */
  monthNumber: number;
  epicSummary: string;
  items: TaskPlanItem[];
  plannedHours: number;
}

/** The agency-wide settings an admin keeps. */
export interface AgencySettings {
  name: string;
  language: Language;
  /** IANA time zone the agency plans its months in, e.g. Europe/Kyiv. */
  timeZone: string;
  baseCurrency: string;
  /** Account ids of the agency's heads of department and app admins. */
  headAccountIds: string[];
  adminAccountIds: string[];
  /** Who may see money beyond the service's manager, heads and admins. */
  moneyVisibility: 'manager-head-admin' | 'head-admin';
}
