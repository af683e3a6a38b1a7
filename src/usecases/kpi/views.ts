// KPI use cases behind the resolvers: definitions, targets, a service's rollup, plans, fulfilment with
// bonus estimates, and capacity. Reads come from stored rollups (one KVS read per service); nothing
// here recomputes on a page view — a missing rollup is queued instead.
import {
  BUILT_IN_KPIS,
  estimateBonus,
  expressionInputs,
  kpiScore,
  planCapacity,
  planFulfilment,
  resolveTargets,
  targetsFromInput,
  tasksFromPlans,
  validateBonusFormula,
  validateKpiDefinition,
  validateTargetsInput,
  visibleTo,
  type CapacityPerson,
  type CapacityReport,
  type KpiDefinition,
  type KpiRollup,
  type ManagerPlan,
  type PlannedTask,
  type ServiceFacts,
  type TurnoverActual,
} from '../../domain/kpi';
import { ROLES, type Role, type ServiceType } from '../../domain/model';
import { addMonths } from '../../domain/month-rules';
import { planTaskSet } from '../../domain/task-plan';
import type { KpiDefinitionsView, KpiFulfilmentRow, KpiFulfilmentView, KpiPlanInput, KpiPlanView, KpiServiceView, KpiTargetsView } from '../../shared/api-kpi';
import { ForbiddenError, ValidationError } from '../../shared/errors';
import { clientsRepo } from '../../storage/clients.repo';
import {
  getBonusFormula,
  getCapacitySettings,
  getKpiDefinitions,
  getMonthPlans,
  getRollup,
  getRollups,
  getTargetsLookup,
  putBonusFormula,
  putCapacitySettings,
  type CapacitySettings,
  putKpiDefinitions,
  putMonthPlans,
  putServiceMonthTargets,
  rollupKey,
} from '../../storage/kpi.repo';
import type { ServiceRecord } from '../../storage/records';
import { taskSetsForMonth } from '../../storage/tasksets.repo';
import { templatesRepo } from '../../storage/templates.repo';
import { canSeeMoney, requireAdmin, requireAdminOrHead, requireServiceAccess, type Access } from '../access';
import { agencyToday, enqueueKpiChange, pacingMessages, recomputeMessage, serviceDefinitions } from './recompute';
import { pushJobs } from '../../platform/queue';

const MONEY_FACTS = new Set(['revenue', 'totalCost', 'margin']);

/** KPI ids whose value is built from money facts (revenue, cost, margin). */
export function moneyKpiIds(definitions: readonly KpiDefinition[]): Set<string> {
  const byId = new Map<string, KpiDefinition>();
  for (const d of BUILT_IN_KPIS) byId.set(d.id, d);
  for (const d of definitions) byId.set(d.id, d);
  const out = new Set<string>();
  for (const d of definitions) if (expressionInputs(d.metric, byId).facts.some((f) => MONEY_FACTS.has(f))) out.add(d.id);
  return out;
}

// ---- definitions

async function definitionsView(serviceType?: ServiceType): Promise<KpiDefinitionsView> {
  const d = await getKpiDefinitions();
  const builtIn = BUILT_IN_KPIS.filter((k) => !serviceType || k.appliesTo.includes(serviceType));
  const custom = d.custom.filter((k) => !serviceType || k.appliesTo.includes(serviceType));
  return { builtIn: [...builtIn], custom, disabled: d.disabled };
}

export async function listDefinitions(_a: Access, p: { serviceType?: ServiceType }): Promise<KpiDefinitionsView> {
  return definitionsView(p.serviceType);
}

export async function saveDefinition(a: Access, input: unknown): Promise<KpiDefinitionsView> {
  requireAdmin(a);
  const d = await getKpiDefinitions();
  const v = validateKpiDefinition(input, d.custom);
  if (!v.ok) throw new ValidationError('The KPI definition is not valid', v.fields);
  const custom = [...d.custom.filter((k) => k.id !== v.value.id), v.value].sort((x, y) => x.id.localeCompare(y.id));
  await putKpiDefinitions({ custom, disabled: d.disabled, updatedAt: new Date().toISOString() });
  await enqueueKpiChange({ kind: 'definitions' }, 'definitions changed');
  return definitionsView();
}

export async function deleteDefinition(a: Access, id: string): Promise<KpiDefinitionsView> {
  requireAdmin(a);
  const d = await getKpiDefinitions();
  const users = d.custom.filter((k) => k.id !== id && JSON.stringify(k.metric).includes(`"id":${JSON.stringify(id)}`));
  if (users.length > 0) throw new ValidationError('Other KPIs use this one', { id: `Used by ${users.map((u) => u.id).join(', ')}` });
  await putKpiDefinitions({ custom: d.custom.filter((k) => k.id !== id), disabled: d.disabled, updatedAt: new Date().toISOString() });
  await enqueueKpiChange({ kind: 'definitions' }, 'definitions changed');
  return definitionsView();
}

/** Switches a built-in KPI on or off for every service (custom KPIs are deleted instead). */
export async function setBuiltInEnabled(a: Access, id: string, enabled: boolean): Promise<KpiDefinitionsView> {
  requireAdmin(a);
  if (!BUILT_IN_KPIS.some((k) => k.id === id)) throw new ValidationError(`${id} is not a built-in KPI`, { id: 'Only built-in KPIs are switched on and off' });
  const d = await getKpiDefinitions();
  const disabled = enabled ? d.disabled.filter((x) => x !== id) : [...new Set([...d.disabled, id])].sort();
  if (disabled.length !== d.disabled.length || disabled.some((x, i) => x !== d.disabled[i])) {
    await putKpiDefinitions({ custom: d.custom, disabled, updatedAt: new Date().toISOString() });
    await enqueueKpiChange({ kind: 'definitions' }, enabled ? `${id} enabled` : `${id} disabled`);
  }
  return definitionsView();
}

// ---- targets

export async function getTargets(a: Access, p: { serviceId: string; month: string }): Promise<KpiTargetsView> {
  const service = requireServiceAccess(a, p.serviceId, 'see');
  const definitions = serviceDefinitions(service, await getKpiDefinitions());
  const lookup = await getTargetsLookup(service.id, p.month);
  const targets = resolveTargets({ serviceId: service.id, month: p.month, definitions, stored: lookup.stored, latestBefore: lookup.latestBefore });
  return {
    serviceId: service.id,
    month: p.month,
    targets,
    kpis: definitions.map((d) => ({ id: d.id, label: d.label, unit: d.unit, direction: d.direction, defaultTarget: d.defaultTarget })),
    canEdit: a.isAdmin || a.isHead,
  };
}

export async function setTargets(a: Access, p: { serviceId: string; month: string; values: Record<string, number | string | null> }): Promise<KpiTargetsView> {
  requireAdminOrHead(a);
  const service = requireServiceAccess(a, p.serviceId, 'see');
  const definitions = serviceDefinitions(service, await getKpiDefinitions());
  const v = validateTargetsInput(p, definitions);
  if (!v.ok) throw new ValidationError('Some targets are not valid', v.fields);
  await putServiceMonthTargets(targetsFromInput(v.value, a.accountId, new Date().toISOString()));
  await enqueueKpiChange({ kind: 'targets', serviceId: service.id, month: p.month }, 'targets set');
  return getTargets(a, p);
}

// ---- a service's rollup

const HIDDEN_MONEY_FACTS: ReadonlyArray<keyof ServiceFacts> = ['revenue', 'totalCost', 'margin'];

function serviceView(a: Access, service: ServiceRecord, month: string, rollup: KpiRollup | undefined, definitions: readonly KpiDefinition[]): KpiServiceView {
  const money = canSeeMoney(a, service);
  if (!rollup) return { serviceId: service.id, month, state: 'queued', today: null, finished: false, kpis: [], summary: null, facts: {}, moneyHidden: !money, targets: null };
  const hidden = money ? new Set<string>() : moneyKpiIds(definitions);
  const facts: Partial<ServiceFacts> = { ...rollup.facts };
  if (!money) for (const f of HIDDEN_MONEY_FACTS) delete facts[f];
  return {
    serviceId: service.id,
    month,
    state: 'ready',
    today: rollup.today,
    finished: rollup.finished,
    kpis: rollup.kpis.filter((k) => !hidden.has(k.id)),
    summary: rollup.summary,
    facts,
    moneyHidden: !money,
    targets: rollup.targets,
  };
}

export async function serviceKpis(a: Access, p: { serviceId: string; month: string }): Promise<KpiServiceView> {
  const service = requireServiceAccess(a, p.serviceId, 'see');
  const [rollup, defs] = await Promise.all([getRollup(service.id, p.month), getKpiDefinitions()]);
  if (!rollup) {
    const { month } = await agencyToday();
    if (p.month <= month) await pushJobs([recomputeMessage(service.id, p.month, 'first view')]);
  }
  return serviceView(a, service, p.month, rollup, serviceDefinitions(service, defs));
}

export async function serviceHistory(a: Access, p: { serviceId: string; months: string[] }): Promise<KpiServiceView[]> {
  const service = requireServiceAccess(a, p.serviceId, 'see');
  const months = [...new Set(p.months)].sort();
  const [found, defs] = await Promise.all([getRollups(months.map((month) => ({ serviceId: service.id, month }))), getKpiDefinitions()]);
  const definitions = serviceDefinitions(service, defs);
  return months.map((m) => serviceView(a, service, m, found.get(rollupKey(service.id, m)), definitions));
}

// ---- plans and bonus

async function plansFor(month: string, baseCurrency: string): Promise<{ plans: ManagerPlan[]; currency: string; own: boolean }> {
  const own = await getMonthPlans(month);
  if (own) return { plans: own.plans, currency: own.currency, own: true };
  // Last plan within a year carries over as the starting point (not stored until the head saves).
  for (let i = 1; i <= 12; i += 1) {
    const earlier = await getMonthPlans(addMonths(month, -i));
    if (earlier) return { plans: earlier.plans.map((p) => ({ ...p, month })), currency: earlier.currency, own: false };
  }
  return { plans: [], currency: baseCurrency, own: false };
}

export async function getPlan(a: Access, p: { month: string }): Promise<KpiPlanView> {
  requireAdminOrHead(a);
  const [{ plans, currency, own }, formula] = await Promise.all([plansFor(p.month, a.agency.baseCurrency), getBonusFormula()]);
  return { month: p.month, currency, plans: plans.map((x) => ({ managerAccountId: x.managerAccountId, targets: x.targets })), formula: formula ?? null, own };
}

export async function setPlan(a: Access, p: KpiPlanInput): Promise<KpiPlanView> {
  if (!a.isHead) throw new ForbiddenError('Only heads of department set manager plans', { accountId: a.accountId });
  if (p.formula !== undefined && p.formula !== null) {
    const f = validateBonusFormula(p.formula);
    if (!f.ok) throw new ValidationError('The bonus formula is not valid', Object.fromEntries(Object.entries(f.fields).map(([k, v]) => [`formula.${k}`, v])));
    await putBonusFormula(f.value);
  }
  if (p.plans !== undefined) {
    const currency = p.currency ?? a.agency.baseCurrency;
    const seen = new Set<string>();
    const fields: Record<string, string> = {};
    p.plans.forEach((x, i) => {
      if (seen.has(x.managerAccountId)) fields[`plans.${i}.managerAccountId`] = 'Two plans for one manager';
      seen.add(x.managerAccountId);
    });
    if (Object.keys(fields).length > 0) throw new ValidationError('Some plans are not valid', fields);
    const plans: ManagerPlan[] = p.plans.map((x) => ({ managerAccountId: x.managerAccountId, month: p.month, currency, targets: x.targets }));
    try {
      planFulfilment({ month: p.month, currency, plans, actuals: [] });
    } catch (e) {
      throw new ValidationError('Some plans are not valid', { plans: (e as Error).message });
    }
    await putMonthPlans({ month: p.month, currency, plans, updatedBy: a.accountId, updatedAt: new Date().toISOString() });
  }
  return getPlan(a, { month: p.month });
}

export async function fulfilment(a: Access, p: { month: string }): Promise<KpiFulfilmentView> {
  const head = a.isHead || a.isAdmin;
  // Turnover and bonus are money: a manager sees their own only when the agency shows managers money.
  if (!head && a.agency.moneyVisibility !== 'manager-head-admin') return { month: p.month, currency: a.agency.baseCurrency, rows: [], scope: 'own' };
  const [{ plans, currency }, formula, clients] = await Promise.all([plansFor(p.month, a.agency.baseCurrency), getBonusFormula(), clientsRepo.all()]);
  const currencyOf = new Map(clients.map((c) => [c.id, c.currency]));
  // Only the services whose rows the viewer may see are read.
  const services = a.services.filter((s) => head || s.managerAccountId === a.accountId);
  const rollups = await getRollups(services.map((s) => ({ serviceId: s.id, month: p.month })));
  const actuals: TurnoverActual[] = [];
  const verdicts = new Map<string, KpiRollup['kpis'][number]['verdict'][]>();
  const ratings = new Map<string, number[]>();
  const count = new Map<string, number>();
  for (const s of services) {
    const r = rollups.get(rollupKey(s.id, p.month));
    count.set(s.managerAccountId, (count.get(s.managerAccountId) ?? 0) + 1);
    if (!r) continue;
    if (r.facts.revenue !== null && currencyOf.get(s.clientId) === currency) actuals.push({ managerAccountId: s.managerAccountId, serviceType: s.type, amount: r.facts.revenue });
    verdicts.set(s.managerAccountId, [...(verdicts.get(s.managerAccountId) ?? []), ...r.kpis.map((k) => k.verdict)]);
    if (r.facts.clientRating !== null) ratings.set(s.managerAccountId, [...(ratings.get(s.managerAccountId) ?? []), r.facts.clientRating]);
  }
  const visiblePlans = visibleTo(plans, { accountId: a.accountId, isHead: head });
  const rows: KpiFulfilmentRow[] = visibleTo(planFulfilment({ month: p.month, currency, plans: visiblePlans, actuals }), { accountId: a.accountId, isHead: head }).map((f) => {
    const score = kpiScore(verdicts.get(f.managerAccountId) ?? []);
    const rs = ratings.get(f.managerAccountId) ?? [];
    const rating = rs.length > 0 ? rs.reduce((x, y) => x + y, 0) / rs.length : null;
    return {
      fulfilment: f,
      bonus: formula ? estimateBonus(f, formula, { kpiScore: score, clientRating: rating }) : null,
      kpiScore: score,
      clientRating: rating,
      services: count.get(f.managerAccountId) ?? 0,
    };
  });
  return { month: p.month, currency, rows, scope: head ? 'all' : 'own' };
}

// ---- capacity

export async function capacity(a: Access, p: { month?: string }): Promise<CapacityReport> {
  requireAdminOrHead(a);
  const month = p.month ?? addMonths((await agencyToday()).month, 1);
  const [settings, records] = await Promise.all([getCapacitySettings(), taskSetsForMonth(month)]);
  const active = a.services.filter((s) => s.status === 'active');
  const tasks: PlannedTask[] = [];
  const recorded = new Set<string>();
  for (const r of records) {
    recorded.add(r.serviceId);
    for (const i of r.items) tasks.push({ role: i.role, assigneeAccountId: i.assigneeAccountId, estimateHours: i.estimateHours, serviceId: r.serviceId });
  }
  // Services without a task set yet (the month has not started): plan from the templates.
  const toPlan = active.filter((s) => !recorded.has(s.id));
  if (toPlan.length > 0) {
    const [templates, clients] = await Promise.all([templatesRepo.all(), clientsRepo.all()]);
    const nameOf = new Map(clients.map((c) => [c.id, c.name]));
    const plans = toPlan.map((service) => planTaskSet({ service, clientName: nameOf.get(service.clientId) ?? '', templates, month, language: a.agency.language }));
    tasks.push(...tasksFromPlans(plans.filter((x) => x.status === 'planned')));
  }
  // People: everyone on a service team (role from the team), with the head's per-person settings.
  const roleOf = new Map<string, Role>();
  for (const s of a.services) for (const role of ROLES) for (const id of s.team[role] ?? []) if (!roleOf.has(id)) roleOf.set(id, role);
  const people: CapacityPerson[] = [];
  const configured = new Map(settings.people.map((x) => [x.accountId, x]));
  for (const id of new Set([...roleOf.keys(), ...configured.keys()])) {
    const c = configured.get(id);
    const role = c?.role ?? roleOf.get(id);
    if (!role) continue;
    people.push({
      accountId: id,
      role,
      hoursPerDay: c?.hoursPerDay ?? settings.defaultHoursPerDay,
      ...(c?.daysOff ? { daysOff: c.daysOff } : {}),
      ...(c?.workingWeekdays ? { workingWeekdays: c.workingWeekdays } : {}),
    });
  }
  people.sort((x, y) => x.accountId.localeCompare(y.accountId));
  return planCapacity({ month, people, tasks, publicHolidays: settings.publicHolidays });
}

export async function getCapacityConfig(a: Access): Promise<CapacitySettings> {
  requireAdminOrHead(a);
  return getCapacitySettings();
}

export async function setCapacityConfig(a: Access, settings: CapacitySettings): Promise<CapacitySettings> {
  requireAdminOrHead(a);
  await putCapacitySettings(settings);
  return getCapacitySettings();
}

// ---- manual recompute

export async function requestRecompute(a: Access, p: { month: string; serviceId?: string }): Promise<{ queued: number }> {
  requireAdminOrHead(a);
  if (p.serviceId) {
    const s = requireServiceAccess(a, p.serviceId, 'see');
    await pushJobs([recomputeMessage(s.id, p.month, 'requested')]);
    return { queued: 1 };
  }
  const messages = await pacingMessages(p.month, 'full');
  if (messages.length > 0) await pushJobs(messages);
  return { queued: messages.length };
}
