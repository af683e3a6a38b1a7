// From templates to the month's task set: which tasks, for whom, due when, labelled how.
//
// Conventions (stable: jobs find and map issues back through them):
// - epic summary:  "<client> · <service type> · <Month YYYY>"   e.g. "Acme Ltd · SEO · November 2026"
// - task summary:  "<template title> · <YYYY-MM>"                e.g. "Keyword research · 2026-11"
//   (ISO month: short, sortable and the same in every language)
// - labels: 'retainer', 'retainer-month-YYYY-MM', 'retainer-tpl-<templateId>', 'retainer-extra' for
//   tasks added on top of the rules, then the template's own labels (spaces turned into '-').
// - order: by due date, then rule tasks before extras, then catalog order.
//
// planTaskSet never throws for "nothing to do": a paused or ended service, a month before the start
// or a month where no template fires gives a plan with `status: 'skipped'`, a reason and no items.
// It throws ValidationError only for malformed input (bad month, start date or extra template ids).
import type { Language, LocalizedText, Role, Service, TaskPlanItem, TaskSetPlan, TemplateTask } from './model';
import { ValidationError } from '../shared/errors';
import {
  daysInMonth,
  engagementMonthNumber,
  formatCalendarDate,
  monthLabel,
  parseCalendarDate,
  parseYearMonth,
  ruleAppliesInMonth,
} from './month-rules';
import { serviceTypeLabel } from './service-types';

export const LABEL_ROOT = 'retainer';
export const LABEL_EXTRA = 'retainer-extra';
export const LABEL_EPIC = 'retainer-epic';
const LABEL_MONTH_PREFIX = 'retainer-month-';
const LABEL_TEMPLATE_PREFIX = 'retainer-tpl-';

/** Jira limits. */
export const JIRA_SUMMARY_MAX = 255;
export const JIRA_LABEL_MAX = 255;
export const JIRA_BULK_MAX = 50;

export type PlanSkipReason = 'service-paused' | 'service-ended' | 'before-start' | 'no-tasks';

/** A month's plan. `skipped` plans have no items and say why. */
export type PlannedTaskSet = TaskSetPlan &
  ({ status: 'planned' } | { status: 'skipped'; reason: PlanSkipReason; message: string });

export interface PlanTaskSetInput {
  service: Service;
  clientName: string;
  /** The agency's catalog; templates of other service types and inactive ones are ignored. */
  templates: TemplateTask[];
  /** YYYY-MM */
  month: string;
  language: Language;
  /** Templates added to this month on top of the rules (labelled 'retainer-extra'). */
  extraTemplateIds?: string[];
}

export interface PlanExtraTasksInput {
  service: Service;
  clientName: string;
  templates: TemplateTask[];
  /** YYYY-MM: the month the tasks join. */
  month: string;
  language: Language;
  templateIds: string[];
  /** YYYY-MM-DD in the agency's time zone; when inside `month`, due dates count from today, not the month start. */
  today?: string;
}

/** The text in `lang`, falling back to English when missing or blank. */
export function localize(text: LocalizedText, lang: Language): string {
  const v = text[lang];
  return v !== undefined && v.trim() !== '' ? v : text.en;
}

/** Who a task of this role goes to: the first person for the role on the service, the manager for 'manager'. */
export function assigneeFor(service: Service, role: Role): string | null {
  const first = (service.team[role] ?? []).find((id) => id.trim() !== '');
  if (first) return first;
  if (role === 'manager' && service.managerAccountId.trim() !== '') return service.managerAccountId;
  return null;
}

/** Jira labels can't contain spaces; they are at most 255 characters. */
export function toJiraLabel(label: string): string {
  return label.trim().replace(/\s+/g, '-').slice(0, JIRA_LABEL_MAX);
}

export const monthLabelTag = (month: string): string => `${LABEL_MONTH_PREFIX}${month}`;
export const templateLabelTag = (templateId: string): string => toJiraLabel(`${LABEL_TEMPLATE_PREFIX}${templateId}`);

/** Labels for the month's epic. */
export function epicLabels(month: string): string[] {
  return [LABEL_ROOT, LABEL_EPIC, monthLabelTag(month)];
}

/** Reads back what our labels say about an issue (for mapping Jira issues to plan items). */
export function parsePlanLabels(labels: readonly string[]): { ours: boolean; epic: boolean; extra: boolean; month: string | null; templateId: string | null } {
  const month = labels.find((l) => l.startsWith(LABEL_MONTH_PREFIX))?.slice(LABEL_MONTH_PREFIX.length) ?? null;
  const templateId = labels.find((l) => l.startsWith(LABEL_TEMPLATE_PREFIX))?.slice(LABEL_TEMPLATE_PREFIX.length) ?? null;
  return {
    ours: labels.includes(LABEL_ROOT),
    epic: labels.includes(LABEL_EPIC),
    extra: labels.includes(LABEL_EXTRA),
    month: month !== null && parseYearMonth(month) ? month : null,
    templateId,
  };
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function epicSummary(clientName: string, service: Service, month: string, lang: Language): string {
  return truncate(`${clientName.trim()} · ${serviceTypeLabel(service.type, lang)} · ${monthLabel(month, lang)}`, JIRA_SUMMARY_MAX);
}

export function taskSummary(title: string, month: string): string {
  const suffix = ` · ${month}`;
  return `${truncate(title.trim(), JIRA_SUMMARY_MAX - suffix.length)}${suffix}`;
}

/**
 * The day the month's work starts: the 1st, or the start date when the service starts inside that
 * month. `notBefore` (e.g. today for extra tasks) pushes it later when it falls inside the month.
 */
export function workStartDay(service: Service, month: string, notBefore?: string): number {
  const ym = requireMonth(month);
  let day = 1;
  const start = parseCalendarDate(service.startDate);
  if (start && start.year === ym.year && start.month === ym.month) day = start.day;
  const floor = notBefore ? parseCalendarDate(notBefore) : null;
  if (floor && floor.year === ym.year && floor.month === ym.month) day = Math.max(day, floor.day);
  return day;
}

/** Work start + offset days, clamped to the month's last day. */
export function dueDateFor(service: Service, month: string, dueDayOffset: number, notBefore?: string): string {
  const ym = requireMonth(month);
  const last = daysInMonth(ym.year, ym.month);
  const day = Math.min(workStartDay(service, month, notBefore) + Math.max(0, Math.trunc(dueDayOffset)), last);
  return formatCalendarDate(ym.year, ym.month, day);
}

function requireMonth(month: string): { year: number; month: number } {
  const ym = parseYearMonth(month);
  if (!ym) throw new ValidationError(`Not a month: ${JSON.stringify(month)}`, { month: 'Month must be YYYY-MM' });
  return ym;
}

function requireStart(service: Service): void {
  if (!parseCalendarDate(service.startDate)) {
    throw new ValidationError(`Service ${service.id} has no valid start date`, { startDate: 'Enter a real date as YYYY-MM-DD' }, { serviceId: service.id });
  }
}

interface Candidate {
  template: TemplateTask;
  index: number;
  extra: boolean;
}

function toItem(c: Candidate, service: Service, month: string, lang: Language, notBefore?: string): TaskPlanItem {
  const t = c.template;
  const labels = [LABEL_ROOT, monthLabelTag(month), templateLabelTag(t.id), ...(c.extra ? [LABEL_EXTRA] : []), ...t.labels.map(toJiraLabel)];
  return {
    templateId: t.id,
    summary: taskSummary(localize(t.title, lang), month),
    description: localize(t.description, lang),
    estimateHours: t.estimateHours,
    role: t.role,
    assigneeAccountId: assigneeFor(service, t.role),
    dueDate: dueDateFor(service, month, t.dueDayOffset, notBefore),
    labels: [...new Set(labels.filter((l) => l !== ''))],
    checklist: t.checklist.map((item) => localize(item, lang)),
  };
}

/** Deterministic order: due date, then rule tasks before extras, then catalog order. */
function sortItems(pairs: Array<{ c: Candidate; item: TaskPlanItem }>): TaskPlanItem[] {
  return [...pairs]
    .sort((a, b) => a.item.dueDate.localeCompare(b.item.dueDate) || Number(a.c.extra) - Number(b.c.extra) || a.c.index - b.c.index)
    .map((p) => p.item);
}

/** Looks templates up by id for extras: unknown, inactive or other-type ids are a validation error. */
function pickExtras(service: Service, templates: TemplateTask[], ids: readonly string[]): Candidate[] {
  const usable = new Map<string, number>();
  templates.forEach((t, i) => {
    if (t.active && t.serviceType === service.type) usable.set(t.id, i);
  });
  const unknown = ids.filter((id) => !usable.has(id));
  if (unknown.length > 0) {
    throw new ValidationError(
      `Not in the active ${serviceTypeLabel(service.type, 'en')} catalog: ${unknown.join(', ')}`,
      { templateIds: `Unknown or inactive tasks: ${unknown.join(', ')}` },
      { serviceId: service.id },
    );
  }
  return ids.map((id) => {
    const index = usable.get(id) ?? 0;
    return { template: templates[index] as TemplateTask, index, extra: true };
  });
}

export const sumHours = (items: readonly { estimateHours: number }[]): number =>
  Math.round(items.reduce((s, i) => s + i.estimateHours, 0) * 100) / 100;

/** The month's task set for one service. */
export function planTaskSet(input: PlanTaskSetInput): PlannedTaskSet {
  const { service, clientName, templates, month, language } = input;
  requireMonth(month);
  requireStart(service);
  const monthNumber = engagementMonthNumber(service.startDate, month);
  const base: TaskSetPlan = {
    serviceId: service.id,
    month,
    monthNumber,
    epicSummary: epicSummary(clientName, service, month, language),
    items: [],
    plannedHours: 0,
  };
  const skip = (reason: PlanSkipReason, message: string): PlannedTaskSet => ({ ...base, status: 'skipped', reason, message });

  if (service.status === 'paused') return skip('service-paused', 'The service is paused');
  if (service.status === 'ended') return skip('service-ended', 'The service has ended');
  if (monthNumber < 1) return skip('before-start', `The service starts on ${service.startDate}`);

  const candidates: Candidate[] = [];
  templates.forEach((template, index) => {
    if (template.active && template.serviceType === service.type && ruleAppliesInMonth(template.rule, monthNumber)) {
      candidates.push({ template, index, extra: false });
    }
  });
  candidates.push(...pickExtras(service, templates, input.extraTemplateIds ?? []));
  if (candidates.length === 0) return skip('no-tasks', `No template applies in month ${monthNumber} of the engagement`);

  const items = sortItems(candidates.map((c) => ({ c, item: toItem(c, service, month, language) })));
  return { ...base, items, plannedHours: sumHours(items), status: 'planned' };
}

/**
 * Tasks a manager adds from the catalog to a month already under way. Throws ValidationError for
 * a paused or ended service, a month before the start, or ids not in the active catalog of the
 * service's type. Call it once per request and store the result: it is not a dedup mechanism.
 */
export function planExtraTasks(input: PlanExtraTasksInput): TaskPlanItem[] {
  const { service, templates, month, language, templateIds, today } = input;
  requireMonth(month);
  requireStart(service);
  if (service.status !== 'active') {
    throw new ValidationError(`The service is ${service.status}; tasks can't be added`, { serviceId: `The service is ${service.status}` }, { serviceId: service.id });
  }
  if (engagementMonthNumber(service.startDate, month) < 1) {
    throw new ValidationError(`The service starts on ${service.startDate}`, { month: 'The service has not started in this month' }, { serviceId: service.id });
  }
  if (templateIds.length === 0) throw new ValidationError('Choose at least one task', { templateIds: 'Choose at least one task' });
  const candidates = pickExtras(service, templates, templateIds);
  return sortItems(candidates.map((c) => ({ c, item: toItem(c, service, month, language, today) })));
}

// ---------------------------------------------------------------------------------------------
// Idempotency keys, batching, durations, allowance

const KVS_KEY_RE = /^[a-zA-Z0-9:._\s\-#]+$/;
const KVS_KEY_MAX = 500;

function kvsKey(parts: readonly string[]): string {
  const key = parts.join(':');
  if (!KVS_KEY_RE.test(key) || key.length > KVS_KEY_MAX) throw new RangeError(`Not a valid storage key: ${JSON.stringify(key)}`);
  return key;
}

/** Storage key of a service's task set for a month: 'taskset:sv-1:2026-11'. */
export function taskSetKey(serviceId: string, month: string): string {
  requireMonth(month);
  return kvsKey(['taskset', serviceId, month]);
}

/** Key of one planned task (ordinal counts repeats of a template within the month, from 1). */
export function taskItemKey(serviceId: string, month: string, templateId: string, ordinal: number): string {
  requireMonth(month);
  if (!Number.isInteger(ordinal) || ordinal < 1) throw new RangeError(`Ordinal must be a positive integer, got ${ordinal}`);
  return kvsKey(['taskitem', serviceId, month, templateId, String(ordinal)]);
}

/** Splits into batches (Jira bulk create takes at most 50 issues). */
export function chunk<T>(items: readonly T[], size: number = JIRA_BULK_MAX): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Hours → Jira time-tracking text, to the minute, in hours and minutes only ("3h 30m", "45m", "0m"). */
export function formatJiraDuration(hours: number): string {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`Not a duration: ${hours}`);
  const minutes = Math.round(hours * 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

/** Hours → seconds for Jira's `originalEstimateSeconds` / `timeSpentSeconds`. */
export const hoursToSeconds = (hours: number): number => Math.round(hours * 3600);

/**
 * Jira time-tracking text → hours ("1w 2d 3h 30m", "2h30m", "1.5h", "90m"), or null if unreadable.
 * Days and weeks use the site's working time (default 8 h a day, 5 days a week).
 */
export function parseJiraDuration(text: string, opts: { hoursPerDay?: number; daysPerWeek?: number } = {}): number | null {
  const hoursPerDay = opts.hoursPerDay ?? 8;
  const daysPerWeek = opts.daysPerWeek ?? 5;
  const s = text.trim().toLowerCase();
  if (s === '') return null;
  const unitHours: Record<string, number> = { w: hoursPerDay * daysPerWeek, d: hoursPerDay, h: 1, m: 1 / 60 };
  const re = /(\d+(?:[.,]\d+)?)\s*([wdhm])\s*/gy;
  let total = 0;
  let matched = 0;
  const seen = new Set<string>();
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const unit = m[2] ?? '';
    if (seen.has(unit)) return null;
    seen.add(unit);
    total += Number((m[1] ?? '').replace(',', '.')) * (unitHours[unit] ?? 0);
    matched = re.lastIndex;
  }
  if (matched !== s.length) return null;
  return Math.round(total * 1e6) / 1e6;
}

export interface AllowanceCheck {
  /** Hours planned beyond the allowance (0 when within). */
  overBy: number;
  /** planned / allowance; null when the service has no allowance (0). */
  ratio: number | null;
  level: 'ok' | 'warning' | 'over';
}

/**
 * Planned hours against the monthly allowance: 'over' above it, 'warning' from `warnAt` (90 %) of
 * it, else 'ok'. An allowance of 0 means "no hour cap" and is always 'ok'.
 */
export function allowanceCheck(plannedHours: number, allowance: number, warnAt = 0.9): AllowanceCheck {
  if (!(allowance > 0)) return { overBy: 0, ratio: null, level: 'ok' };
  const ratio = Math.round((plannedHours / allowance) * 10000) / 10000;
  const overBy = Math.max(0, Math.round((plannedHours - allowance) * 100) / 100);
  const level = plannedHours > allowance ? 'over' : ratio >= warnAt ? 'warning' : 'ok';
  return { overBy, ratio, level };
}
