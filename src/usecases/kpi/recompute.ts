// Keeping KPI rollups current. A data change (metrics day, worklog, ledger, feedback, targets, service)
// becomes `kpi-recompute` messages for exactly the rollups it touches (needsRecompute); the calendar
// moving on becomes `kpi-pacing` batches (≤ 50 services each) that only re-judge stored rollups with
// the new day. Both are idempotent overwrites computed from stored inputs, so a duplicate delivery
// writes the same rollup again.
import { z } from 'zod';
import {
  definitionsFingerprint,
  definitionsFor,
  isRollupStale,
  mergeRecomputeRequests,
  needsRecompute,
  periodDataOf,
  ratingFacts,
  recomputeService,
  resolveTargets,
  type InputChange,
  type KpiDefinition,
  type KpiRollup,
  type PeriodData,
  type RecomputeInputs,
  type RollupPart,
} from '../../domain/kpi';
import { aggregateMonth } from '../../domain/kpi/aggregates';
import { addMonths } from '../../domain/month-rules';
import type { QueueMessage } from '../../jobs/registry';
import { claimWindow } from '../../platform/coalesce';
import { pushJobs } from '../../platform/queue';
import { getAgencySettings } from '../../storage/agency.repo';
import { getKpiDefinitions, getRollup, getRollups, getTargetsLookup, putRollup, type StoredKpiDefinitions } from '../../storage/kpi.repo';
import type { ServiceRecord } from '../../storage/records';
import { activeServices, servicesRepo } from '../../storage/services.repo';
import { todayIn } from '../metrics/windows';
import { kpiSources, type KpiSources } from './ports';
import { enqueuePanelRefresh } from '../panels/enqueue';

export const PACING_BATCH = 50;

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const Part = z.enum(['metrics', 'facts', 'comparison', 'targets', 'service', 'definitions', 'pacing']);

export const KpiRecomputeMessage = z.object({
  kind: z.literal('kpi-recompute'),
  serviceId: z.string().min(1),
  month: Month,
  reason: z.string().max(200),
  parts: z.array(Part).optional(),
});
export type KpiRecomputeMessage = z.infer<typeof KpiRecomputeMessage>;

export const KpiPacingMessage = z.object({
  kind: z.literal('kpi-pacing'),
  month: Month,
  serviceIds: z.array(z.string().min(1)).min(1).max(PACING_BATCH),
  /**
   * 'pacing' re-judges stale rollups with today (no data reads); 'refresh' (the daily run) also reloads
   * each service's metrics rows and money/rating facts, a safety net for changes nobody queued;
   * 'full' rebuilds every rollup from all its inputs.
   */
  mode: z.enum(['pacing', 'refresh', 'full']),
});
export type KpiPacingMessage = z.infer<typeof KpiPacingMessage>;

export function recomputeMessage(serviceId: string, month: string, reason: string, parts?: RollupPart[]): QueueMessage {
  return { kind: 'kpi-recompute', serviceId, month, reason: reason.slice(0, 200), ...(parts ? { parts } : {}) };
}

/** The agency's today and month (its time zone). */
export async function agencyToday(now: Date = new Date()): Promise<{ today: string; month: string }> {
  const agency = await getAgencySettings();
  const today = todayIn(now, agency.timeZone);
  return { today, month: today.slice(0, 7) };
}

/**
 * The messages a change to one service-month needs: the month itself is rebuilt in full (the caller need
 * not say what changed); month+1 and month+12, up to the current month, only refresh their comparisons.
 */
export function recomputeMessagesFor(serviceId: string, month: string, currentMonth: string, reason: string): QueueMessage[] {
  const change: InputChange = { kind: 'ledger', serviceId, period: month };
  return mergeRecomputeRequests(needsRecompute(change, currentMonth))
    .filter((r) => r.serviceId !== null)
    .map((r) => recomputeMessage(r.serviceId as string, r.month, reason, r.month === month ? undefined : r.parts));
}

/** Changes to one service-month within this many seconds share one recompute (queued for the window's end). */
export const KPI_COALESCE_SECONDS = 300;

/**
 * Queue a recompute of one service and month (other features call this after writing metrics rows,
 * worklogs or ledger entries). Also touches the later months that compare against it. Requests are
 * coalesced per service-month and 5-minute window, so an hourly spend refresh or a burst of worklogs
 * costs one recompute; a lost request is made up by the daily pacing run. Never throws at the caller.
 */
export async function enqueueKpiRecompute(serviceId: string, month: string, reason: string, now: Date = new Date()): Promise<number> {
  try {
    const { claimed, delayInSeconds } = await claimWindow(`kpi:queued:${serviceId}:${month}`, KPI_COALESCE_SECONDS, now);
    if (!claimed) return 0;
    const { month: current } = await agencyToday(now);
    const messages = recomputeMessagesFor(serviceId, month, current, reason);
    if (messages.length > 0) await pushJobs(messages, { delayInSeconds });
    return messages.length;
  } catch (e) {
    console.warn(`kpi recompute of ${serviceId} ${month} not queued: ${(e as Error).message}`);
    return 0;
  }
}

/** One call for many changed service-months (duplicates are fine). */
export async function enqueueKpiRecomputes(changes: ReadonlyArray<{ serviceId: string; month: string }>, reason: string, now: Date = new Date()): Promise<number> {
  let n = 0;
  const seen = new Set<string>();
  for (const c of changes) {
    const key = `${c.serviceId}|${c.month}`;
    if (seen.has(key)) continue;
    seen.add(key);
    n += await enqueueKpiRecompute(c.serviceId, c.month, reason, now);
  }
  return n;
}

/** Queue the recomputes one typed change needs (a metrics day, targets, definitions…). */
export async function enqueueKpiChange(change: InputChange, reason: string, now: Date = new Date()): Promise<number> {
  const { month: current } = await agencyToday(now);
  const requests = mergeRecomputeRequests(needsRecompute(change, current));
  const messages: QueueMessage[] = [];
  for (const r of requests) {
    if (r.serviceId !== null) messages.push(recomputeMessage(r.serviceId, r.month, reason, r.parts));
    // Every service: the pacing job re-judges rollups whose definitions or day are stale.
    else messages.push(...(await pacingMessages(r.month, 'pacing')));
  }
  if (messages.length > 0) await pushJobs(messages);
  await enqueuePanelRefresh(requests.flatMap((r) => (r.serviceId !== null && r.month === current ? [r.serviceId] : [])), 'kpi');
  return messages.length;
}

/** kpi-pacing batches for every active service of a month. */
export async function pacingMessages(month: string, mode: KpiPacingMessage['mode']): Promise<QueueMessage[]> {
  const ids = (await activeServices()).map((s) => s.id).sort();
  const out: QueueMessage[] = [];
  for (let i = 0; i < ids.length; i += PACING_BATCH) out.push({ kind: 'kpi-pacing', month, serviceIds: ids.slice(i, i + PACING_BATCH), mode });
  return out;
}

/** The daily planner hook: re-judge running months with the new day (and close last month on the 1st). */
export async function planDailyKpi(now: Date): Promise<QueueMessage[]> {
  const { today, month } = await agencyToday(now);
  const out: QueueMessage[] = [];
  for (const r of mergeRecomputeRequests(needsRecompute({ kind: 'new-day', today }, month))) out.push(...(await pacingMessages(r.month, 'refresh')));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Recomputation

export function serviceDefinitions(service: Pick<ServiceRecord, 'type'>, defs: StoredKpiDefinitions): KpiDefinition[] {
  return definitionsFor(service.type, defs.custom, defs.disabled);
}

async function factsOf(sources: KpiSources, serviceId: string, month: string): Promise<RecomputeInputs['facts']> {
  const [money, ratings] = await Promise.all([sources.money.month(serviceId, month), sources.rating.ratings(serviceId, month)]);
  return { ...money.facts, ...ratingFacts(ratings) };
}

async function comparisonOf(sources: KpiSources, serviceId: string, month: string, stored: KpiRollup | undefined): Promise<PeriodData> {
  if (stored) return periodDataOf(stored) as PeriodData;
  const [rows, facts] = await Promise.all([sources.metrics.monthRows(serviceId, month), factsOf(sources, serviceId, month)]);
  return { aggregates: aggregateMonth(rows, month), facts: facts ?? null };
}

export interface RecomputeContext {
  today: string;
  definitions: StoredKpiDefinitions;
  sources?: KpiSources;
}

/**
 * Rebuilds one rollup. Without a stored rollup (or with `parts` absent) every input is loaded; with
 * `parts`, only those inputs are reloaded and the rest come from the stored rollup.
 */
export async function recomputeOne(service: ServiceRecord, month: string, parts: readonly RollupPart[] | undefined, ctx: RecomputeContext, stored?: KpiRollup | null): Promise<KpiRollup> {
  const sources = ctx.sources ?? kpiSources();
  const previous = stored === undefined ? ((await getRollup(service.id, month)) ?? null) : stored;
  const all = previous === null || parts === undefined || parts.includes('service') || parts.includes('definitions');
  const need = (p: RollupPart): boolean => all || parts.includes(p);
  const definitions = serviceDefinitions(service, ctx.definitions);
  const inputs: RecomputeInputs = {
    service: { id: service.id, type: service.type, managerAccountId: service.managerAccountId, monthlyHourAllowance: service.monthlyHourAllowance },
    month,
    today: ctx.today,
    definitions,
    previous: previous?.serviceType === service.type ? previous : null,
  };
  const loads: Array<Promise<void>> = [];
  if (need('metrics') || inputs.previous === null) loads.push(sources.metrics.monthRows(service.id, month).then((rows) => void (inputs.rows = rows)));
  if (need('facts') || inputs.previous === null) loads.push(factsOf(sources, service.id, month).then((f) => void (inputs.facts = f)));
  if (need('targets') || inputs.previous === null) {
    loads.push(getTargetsLookup(service.id, month).then((t) => void (inputs.targets = resolveTargets({ serviceId: service.id, month, definitions, stored: t.stored, latestBefore: t.latestBefore }))));
  }
  if (need('comparison') || inputs.previous === null) {
    loads.push(
      (async () => {
        const prevMonth = addMonths(month, -1);
        const lastYear = addMonths(month, -12);
        const found = await getRollups([
          { serviceId: service.id, month: prevMonth },
          { serviceId: service.id, month: lastYear },
        ]);
        const [p, y] = await Promise.all([
          comparisonOf(sources, service.id, prevMonth, found.get(`kpi:rollup:${service.id}:${prevMonth}`)),
          comparisonOf(sources, service.id, lastYear, found.get(`kpi:rollup:${service.id}:${lastYear}`)),
        ]);
        inputs.previousMonth = p;
        inputs.sameMonthLastYear = y;
      })(),
    );
  }
  await Promise.all(loads);
  const rollup = recomputeService(inputs);
  await putRollup(rollup);
  return rollup;
}

export async function runKpiRecompute(m: KpiRecomputeMessage, now: Date = new Date()): Promise<'recomputed' | 'skipped'> {
  const service = await servicesRepo.get(m.serviceId);
  if (!service) return 'skipped';
  const [{ today }, definitions] = await Promise.all([agencyToday(now), getKpiDefinitions()]);
  if (m.month > today.slice(0, 7)) return 'skipped';
  await recomputeOne(service, m.month, m.parts, { today, definitions });
  // Panels show this month's KPIs: refresh them once the new rollup is stored.
  if (m.month === today.slice(0, 7)) await enqueuePanelRefresh([service.id], 'kpi');
  return 'recomputed';
}

export interface PacingOutcome {
  recomputed: number;
  fresh: number;
  skipped: number;
}

export async function runKpiPacing(m: KpiPacingMessage, now: Date = new Date()): Promise<PacingOutcome> {
  const [{ today }, definitions] = await Promise.all([agencyToday(now), getKpiDefinitions()]);
  const out: PacingOutcome = { recomputed: 0, fresh: 0, skipped: 0 };
  if (m.month > today.slice(0, 7)) return { ...out, skipped: m.serviceIds.length };
  const [services, stored] = await Promise.all([
    Promise.all(m.serviceIds.map((id) => servicesRepo.get(id))),
    getRollups(m.serviceIds.map((serviceId) => ({ serviceId, month: m.month }))),
  ]);
  for (const service of services) {
    if (!service) {
      out.skipped += 1;
      continue;
    }
    const prev = stored.get(`kpi:rollup:${service.id}:${m.month}`) ?? null;
    const defs = serviceDefinitions(service, definitions);
    if (m.mode === 'pacing' && prev && !isRollupStale(prev, today, defs)) {
      out.fresh += 1;
      continue;
    }
    // Pacing of a stored rollup needs no reads; a missing one (or 'full') loads everything.
    // Other definitions: targets (defaults) and comparisons depend on them, so everything is reloaded.
    const rebuild = m.mode === 'full' || !prev || prev.definitionsFingerprint !== definitionsFingerprint(defs);
    const parts: RollupPart[] | undefined = rebuild ? undefined : m.mode === 'refresh' ? ['metrics', 'facts', 'pacing'] : ['pacing'];
    await recomputeOne(service, m.month, parts, { today, definitions }, m.mode === 'full' ? null : prev);
    out.recomputed += 1;
  }
  return out;
}
