// Form state ↔ payloads for the money settings, cost rates and capacity forms (pure, unit-tested).
// Inputs stay text while typed; numbers are parsed on save, and what is not a number is left for
// the server (or the local checks below) to name.
import { ROLES, type Role } from '../../../domain/model';
import type { AgencyMoneySettingsView, ServiceMoneySettingsView } from '../../../shared/api-money';
import type { KpiCapacitySettings } from '../../../shared/api-kpi';

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;
const PREFIX = /^[A-Z][A-Z0-9]{0,9}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const int = (s: string): number => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN);
const num = (s: string): number => {
  const t = s.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
};
const decimalText = (s: string): string => s.trim().replace(',', '.');

export interface MoneyDraft {
  invoicePrefix: string;
  actPrefix: string;
  paymentTermsDays: string;
  platformVatRatePercent: string;
  runwayDays: string;
  subscriptionDays: string;
  spendTolerancePercent: string;
  autoInvoices: AgencyMoneySettingsView['autoInvoices'];
  notifyClientOnOverdue: boolean;
  issuer: { legalName: string; taxId: string; address: string; bankDetails: string };
}

export function moneyDraft(s: AgencyMoneySettingsView): MoneyDraft {
  return {
    invoicePrefix: s.invoicePrefix,
    actPrefix: s.actPrefix,
    paymentTermsDays: String(s.paymentTermsDays),
    platformVatRatePercent: s.platformVatRatePercent,
    runwayDays: String(s.alerts.runwayDays),
    subscriptionDays: String(s.alerts.subscriptionDays),
    spendTolerancePercent: s.alerts.spendTolerancePercent,
    autoInvoices: { ...s.autoInvoices },
    notifyClientOnOverdue: s.notifyClientOnOverdue,
    issuer: { legalName: s.issuer.legalName, taxId: s.issuer.taxId ?? '', address: s.issuer.address ?? '', bankDetails: s.issuer.bankDetails ?? '' },
  };
}

/** The whole settings document: fields this form does not edit (rates, exchange rates) come from `base`. */
export function moneyPayload(d: MoneyDraft, base: AgencyMoneySettingsView): AgencyMoneySettingsView {
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  const taxId = opt(d.issuer.taxId);
  const address = opt(d.issuer.address);
  const bankDetails = opt(d.issuer.bankDetails);
  return {
    ...base,
    invoicePrefix: d.invoicePrefix.trim(),
    actPrefix: d.actPrefix.trim(),
    paymentTermsDays: int(d.paymentTermsDays),
    platformVatRatePercent: decimalText(d.platformVatRatePercent),
    alerts: { runwayDays: int(d.runwayDays), subscriptionDays: int(d.subscriptionDays), spendTolerancePercent: decimalText(d.spendTolerancePercent) },
    autoInvoices: { ...d.autoInvoices },
    notifyClientOnOverdue: d.notifyClientOnOverdue,
    issuer: { legalName: d.issuer.legalName.trim(), ...(taxId ? { taxId } : {}), ...(address ? { address } : {}), ...(bankDetails ? { bankDetails } : {}) },
  };
}

export type LocalProblem = 'prefix' | 'days' | 'percent' | 'decimal' | 'hours' | 'date' | 'duplicate';

/**
 * Checks the server would only report as a general failure (its settings schema runs after the
 * payload check): message keys by field path, empty when the form may be sent.
 */
export function moneyProblems(p: AgencyMoneySettingsView): Record<string, LocalProblem> {
  const out: Record<string, LocalProblem> = {};
  if (!PREFIX.test(p.invoicePrefix)) out.invoicePrefix = 'prefix';
  if (!PREFIX.test(p.actPrefix)) out.actPrefix = 'prefix';
  if (!(p.paymentTermsDays >= 0 && p.paymentTermsDays <= 120)) out.paymentTermsDays = 'days';
  if (!(p.alerts.runwayDays >= 1 && p.alerts.runwayDays <= 90)) out['alerts.runwayDays'] = 'days';
  if (!(p.alerts.subscriptionDays >= 0 && p.alerts.subscriptionDays <= 60)) out['alerts.subscriptionDays'] = 'days';
  if (!PERCENT.test(p.alerts.spendTolerancePercent) || Number(p.alerts.spendTolerancePercent) > 100) out['alerts.spendTolerancePercent'] = 'percent';
  if (!PERCENT.test(p.platformVatRatePercent) || Number(p.platformVatRatePercent) > 100) out.platformVatRatePercent = 'percent';
  return out;
}

// ---- cost rates

export interface RatesDraft {
  default: string;
  byRole: Partial<Record<Role, string>>;
  people: Array<{ accountId: string; rate: string }>;
}

export function ratesDraft(s: AgencyMoneySettingsView): RatesDraft {
  const byRole: Partial<Record<Role, string>> = {};
  for (const r of ROLES) {
    const v = s.costRates.byRole[r];
    if (v !== undefined) byRole[r] = v;
  }
  return {
    default: s.costRates.default ?? '',
    byRole,
    people: Object.entries(s.costRates.byAccount)
      .map(([accountId, rate]) => ({ accountId, rate }))
      .sort((a, b) => a.accountId.localeCompare(b.accountId)),
  };
}

export function ratesPayload(d: RatesDraft, base: AgencyMoneySettingsView): AgencyMoneySettingsView {
  const byRole: Partial<Record<Role, string>> = {};
  for (const r of ROLES) {
    const v = d.byRole[r]?.trim();
    if (v) byRole[r] = decimalText(v);
  }
  const byAccount: Record<string, string> = {};
  for (const p of d.people) if (p.accountId && p.rate.trim()) byAccount[p.accountId] = decimalText(p.rate);
  const def = d.default.trim();
  return { ...base, costRates: { byAccount, byRole, ...(def ? { default: decimalText(def) } : {}) } };
}

export function ratesProblems(d: RatesDraft): Record<string, LocalProblem> {
  const out: Record<string, LocalProblem> = {};
  if (d.default.trim() && !DECIMAL.test(decimalText(d.default))) out['costRates.default'] = 'decimal';
  for (const r of ROLES) {
    const v = d.byRole[r]?.trim();
    if (v && !DECIMAL.test(decimalText(v))) out[`costRates.byRole.${r}`] = 'decimal';
  }
  const seen = new Set<string>();
  d.people.forEach((p, i) => {
    if (p.rate.trim() && !DECIMAL.test(decimalText(p.rate))) out[`people.${i}.rate`] = 'decimal';
    if (p.accountId && seen.has(p.accountId)) out[`people.${i}.accountId`] = 'duplicate';
    seen.add(p.accountId);
  });
  return out;
}

// ---- capacity (available hours, days off, public holidays)

export interface CapacityDraft {
  defaultHoursPerDay: string;
  people: Array<{ accountId: string; role: Role | ''; hoursPerDay: string; daysOff: string; workingWeekdays?: number[] }>;
  publicHolidays: string;
}

/** Dates typed one per line or separated by commas or spaces, sorted and without repeats. */
export function parseDays(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((x) => x.trim()).filter((x) => x.length > 0))].sort();
}

export function capacityDraft(s: KpiCapacitySettings): CapacityDraft {
  return {
    defaultHoursPerDay: String(s.defaultHoursPerDay),
    people: s.people.map((p) => ({ accountId: p.accountId, role: p.role ?? '', hoursPerDay: p.hoursPerDay === undefined ? '' : String(p.hoursPerDay), daysOff: (p.daysOff ?? []).join(', '), ...(p.workingWeekdays ? { workingWeekdays: p.workingWeekdays } : {}) })),
    publicHolidays: s.publicHolidays.join(', '),
  };
}

export function capacityPayload(d: CapacityDraft): KpiCapacitySettings {
  return {
    defaultHoursPerDay: num(d.defaultHoursPerDay),
    people: d.people
      .filter((p) => p.accountId)
      .map((p) => {
        const days = parseDays(p.daysOff);
        return {
          accountId: p.accountId,
          ...(p.role ? { role: p.role } : {}),
          ...(p.hoursPerDay.trim() ? { hoursPerDay: num(p.hoursPerDay) } : {}),
          ...(days.length > 0 ? { daysOff: days } : {}),
          ...(p.workingWeekdays ? { workingWeekdays: p.workingWeekdays } : {}),
        };
      }),
    publicHolidays: parseDays(d.publicHolidays),
  };
}

export function capacityProblems(d: CapacityDraft): Record<string, LocalProblem> {
  const out: Record<string, LocalProblem> = {};
  const hours = (s: string) => {
    const n = num(s);
    return n >= 0 && n <= 24;
  };
  if (!hours(d.defaultHoursPerDay)) out.defaultHoursPerDay = 'hours';
  if (parseDays(d.publicHolidays).some((x) => !DAY.test(x))) out.publicHolidays = 'date';
  const seen = new Set<string>();
  d.people.forEach((p, i) => {
    if (p.hoursPerDay.trim() && !hours(p.hoursPerDay)) out[`people.${i}.hoursPerDay`] = 'hours';
    if (parseDays(p.daysOff).some((x) => !DAY.test(x))) out[`people.${i}.daysOff`] = 'date';
    if (p.accountId && seen.has(p.accountId)) out[`people.${i}.accountId`] = 'duplicate';
    seen.add(p.accountId);
  });
  return out;
}

// ---- one service's money thresholds (empty = the agency's default)

export type ServiceThresholdsDraft = Record<keyof ServiceMoneySettingsView, string>;
const THRESHOLD_FIELDS: ReadonlyArray<keyof ServiceMoneySettingsView> = ['lowBalanceThreshold', 'monthlyAdBudget', 'topUpAmount', 'runwayDays', 'subscriptionDays', 'spendTolerancePercent'];

export function thresholdsDraft(s: ServiceMoneySettingsView): ServiceThresholdsDraft {
  const out = {} as ServiceThresholdsDraft;
  for (const k of THRESHOLD_FIELDS) out[k] = s[k] === undefined ? '' : String(s[k]);
  return out;
}

export function thresholdsPayload(d: ServiceThresholdsDraft): ServiceMoneySettingsView {
  const out: ServiceMoneySettingsView = {};
  for (const k of THRESHOLD_FIELDS) {
    const v = d[k].trim();
    if (!v) continue;
    if (k === 'runwayDays' || k === 'subscriptionDays') out[k] = int(v);
    else out[k] = decimalText(v);
  }
  return out;
}

export function thresholdsProblems(p: ServiceMoneySettingsView): Record<string, LocalProblem> {
  const out: Record<string, LocalProblem> = {};
  for (const k of ['lowBalanceThreshold', 'monthlyAdBudget', 'topUpAmount'] as const) {
    const v = p[k];
    if (v !== undefined && !DECIMAL.test(v)) out[`settings.${k}`] = 'decimal';
  }
  if (p.runwayDays !== undefined && !(p.runwayDays >= 1 && p.runwayDays <= 90)) out['settings.runwayDays'] = 'days';
  if (p.subscriptionDays !== undefined && !(p.subscriptionDays >= 0 && p.subscriptionDays <= 60)) out['settings.subscriptionDays'] = 'days';
  const t = p.spendTolerancePercent;
  if (t !== undefined && (!PERCENT.test(t) || Number(t) > 100)) out['settings.spendTolerancePercent'] = 'percent';
  return out;
}
