// Profitability per service and month: revenue − labour cost − other costs, with hours used against
// the allowance. Labour comes from Jira worklogs, synced incrementally: /worklog/updated since the
// stored checkpoint gives the changed ids, /worklog/list their content; each worklog is mapped to a
// service through its issue's project (issue → project looked up in batches with `id in (…)` and
// cached). Worklogs are stored one record each, so an edited worklog replaces its old figure instead
// of being added twice. Deleted worklogs come from /worklog/deleted (own checkpoint) and leave a
// tombstone, so a replayed feed cannot count them again.
//
// Revenue (net of VAT) = fee accruals + commission accruals + invoices issued by hand − cancelled
// invoices, all from the month's ledger entries. Cost rates are per hour in the agency's base
// currency; a service billed in another currency has them converted at the exchange rate kept in the
// money settings, or its time is listed as unrated (never guessed).
import { DateTime } from 'luxon';
import { Dec, type CostRates, type LedgerEntry, type Money, decimalString, moneyToJson, profitability } from '../../domain/money';
import type { Role } from '../../domain/model';
import { getAgencySettings } from '../../storage/agency.repo';
import { entriesOf } from '../../storage/ledger.repo';
import { type AgencyMoneySettings, CheckpointSchema, OtherCostsSchema, type ProfitRecord, ProfitRecordSchema, WORKLOG_CHECKPOINT_KEY, costsKey, docWrite, profitKey, readDoc } from '../../storage/money-docs.repo';
import { commit, withRetry, type Write } from '../../storage/money-store';
import { type WorklogRecord, cacheIssueServices, cachedIssueServices, readWorklogs, worklogWrite, worklogsOf } from '../../storage/money-worklogs.repo';
import { servicesRepo } from '../../storage/services.repo';
import { tryLock, unlock } from '../../platform/kv';
import { type MoneyService, getMoneySettings, loadMoneyService } from './context';
import type { MoneyJira } from './ports';
import { enqueuePanelRefresh } from '../panels/enqueue';

/** First sync looks back this far. */
const FIRST_SYNC_DAYS = 62;

export interface WorklogSyncResult {
  pages: number;
  worklogs: number;
  written: number;
  affected: Array<{ serviceId: string; month: string }>;
  /** More pages remain (the time budget ran out). */
  more: boolean;
}

export function monthOfStarted(started: string, timeZone: string): string {
  const d = DateTime.fromISO(started, { setZone: true });
  return (d.isValid ? d : DateTime.fromJSDate(new Date(started))).setZone(timeZone).toFormat('yyyy-MM');
}

/** Pulls worklogs changed since the checkpoint; returns the service-months whose figures changed. */
export async function syncWorklogs(jira: MoneyJira, opts: { budgetMs?: number; now?: Date } = {}): Promise<WorklogSyncResult> {
  const result: WorklogSyncResult = { pages: 0, worklogs: 0, written: 0, affected: [], more: false };
  const lock = 'lock:money-worklog-sync';
  if (!(await tryLock(lock, 900))) return result;
  const started = Date.now();
  const budget = opts.budgetMs ?? 600_000;
  const affected = new Map<string, { serviceId: string; month: string }>();
  try {
    const agency = await getAgencySettings();
    const cp = await readDoc(WORKLOG_CHECKPOINT_KEY, CheckpointSchema);
    const now = opts.now ?? new Date();
    let since = cp?.value.since ?? now.getTime() - FIRST_SYNC_DAYS * 86_400_000;
    let total = cp?.value.worklogs ?? 0;
    let deletedSince = cp?.value.deletedSince ?? since;
    let deletedTotal = cp?.value.deleted ?? 0;
    let cpVersion: number | 'absent' = cp?.version ?? 'absent';
    const checkpoint = async (): Promise<void> => {
      await commit([docWrite('checkpoint', WORKLOG_CHECKPOINT_KEY, { since, updatedAt: new Date().toISOString(), worklogs: total, deletedSince, deleted: deletedTotal }, cpVersion)]);
      cpVersion = cpVersion === 'absent' ? 1 : cpVersion + 1;
    };
    const byProject = new Map((await servicesRepo.all()).filter((s) => s.jiraProjectKey).map((s) => [s.jiraProjectKey as string, s.id]));
    for await (const page of jira.worklogPages(since)) {
      result.pages++;
      const ids = page.values.map((v) => v.worklogId);
      if (ids.length > 0) {
        const logs = await jira.worklogsByIds(ids);
        result.worklogs += logs.length;
        const issueIds = [...new Set(logs.map((w) => w.issueId))];
        const cached = await cachedIssueServices(issueIds);
        const missing = issueIds.filter((id) => !cached.has(id));
        if (missing.length > 0) {
          const projects = await jira.issueProjects(missing);
          const found = new Map<string, string | null>(missing.map((id) => [id, byProject.get(projects.get(id) ?? '') ?? null]));
          await cacheIssueServices(found);
          for (const [k, v] of found) cached.set(k, v);
        }
        const existing = await readWorklogs(logs.map((w) => w.id));
        const writes: Write[] = [];
        for (const w of logs) {
          const serviceId = cached.get(w.issueId) ?? null;
          if (!serviceId) continue;
          const rec: WorklogRecord = { id: w.id, issueId: w.issueId, serviceId, accountId: w.authorAccountId ?? 'unknown', month: monthOfStarted(w.started, agency.timeZone), started: w.started, seconds: w.timeSpentSeconds, updated: w.updated ?? w.started };
          const old = existing.get(w.id);
          if (old && old.value.seconds === rec.seconds && old.value.month === rec.month && old.value.serviceId === rec.serviceId && old.value.accountId === rec.accountId) continue;
          writes.push(worklogWrite(rec, old?.version ?? 'absent'));
          affected.set(`${rec.serviceId}|${rec.month}`, { serviceId: rec.serviceId, month: rec.month });
          if (old) affected.set(`${old.value.serviceId}|${old.value.month}`, { serviceId: old.value.serviceId, month: old.value.month });
        }
        // One writer holds the lock: plain conditional writes in chunks.
        for (let i = 0; i < writes.length; i += 25) {
          if ((await commit(writes.slice(i, i + 25))) === 'conflict') throw new Error('worklog records changed during the sync');
        }
        result.written += writes.length;
        total += logs.length;
      }
      since = page.until;
      await checkpoint();
      if (!page.lastPage && Date.now() - started > budget) {
        result.more = true;
        break;
      }
    }
    if (!result.more) {
      for await (const page of jira.deletedWorklogPages(deletedSince)) {
        result.pages++;
        const existing = await readWorklogs(page.values.map((v) => v.worklogId));
        const writes: Write[] = [];
        for (const { value: old, version } of existing.values()) {
          if (old.deleted) continue;
          writes.push(worklogWrite({ ...old, seconds: 0, deleted: true }, version));
          affected.set(`${old.serviceId}|${old.month}`, { serviceId: old.serviceId, month: old.month });
        }
        for (let i = 0; i < writes.length; i += 25) {
          if ((await commit(writes.slice(i, i + 25))) === 'conflict') throw new Error('worklog records changed during the sync');
        }
        result.written += writes.length;
        deletedTotal += writes.length;
        deletedSince = page.until;
        await checkpoint();
        if (!page.lastPage && Date.now() - started > budget) {
          result.more = true;
          break;
        }
      }
    }
  } finally {
    await unlock(lock);
  }
  result.affected = [...affected.values()];
  return result;
}

function revenueOf(currency: string, entries: readonly LedgerEntry[]): { fees: Money; commission: Money } {
  let fees = 0n;
  let commission = 0n;
  for (const e of entries) {
    if (e.kind === 'fee-accrual') fees += e.amount.amountMinor;
    else if (e.kind === 'commission-accrual') commission += e.amount.amountMinor;
    else if (e.kind === 'adjustment' && e.account === 'fees' && e.refs.note === 'invoice') fees -= e.amount.amountMinor;
    else if (e.kind === 'adjustment' && e.account === 'fees' && e.refs.note?.startsWith('invoice-cancelled')) fees -= e.amount.amountMinor;
  }
  return { fees: { amountMinor: fees, currency }, commission: { amountMinor: commission, currency } };
}

/** Cost rates in the service's currency (converted from the base currency when needed). */
export function ratesFor(currency: string, baseCurrency: string, settings: AgencyMoneySettings): CostRates {
  const r = settings.costRates;
  const fx = currency === baseCurrency ? '1' : settings.exchangeRates?.[currency];
  if (!fx) return {};
  const conv = (rate: string): string => (fx === '1' ? rate : decimalString(new Dec(rate).div(new Dec(fx)), 6));
  const byAccount = Object.fromEntries(Object.entries(r.byAccount).map(([k, v]) => [k, conv(v)]));
  const byRole = Object.fromEntries(Object.entries(r.byRole).filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [k, conv(v)])) as Partial<Record<Role, string>>;
  return { byAccount, byRole, ...(r.default ? { default: conv(r.default) } : {}) };
}

/** Recomputes and stores the profitability of one service and month. */
export async function recomputeProfit(serviceId: string, period: string): Promise<ProfitRecord> {
  const ms: MoneyService = await loadMoneyService(serviceId);
  const [agency, settings, entries, worklogs, costs] = await Promise.all([getAgencySettings(), getMoneySettings(), entriesOf(serviceId, period), worklogsOf(serviceId, period), readDoc(costsKey(serviceId, period), OtherCostsSchema)]);
  const { fees, commission } = revenueOf(ms.currency, entries.filter((e) => e.period === period));
  const p = profitability({
    serviceId,
    period,
    currency: ms.currency,
    fees,
    commission,
    worklogs: worklogs.map((w) => ({ accountId: w.accountId, seconds: w.seconds })),
    rates: ratesFor(ms.currency, agency.baseCurrency, settings),
    team: ms.service.team,
    otherCosts: (costs?.value.items ?? []).filter((c) => c.amount.currency === ms.currency).map((c) => ({ label: c.label, amount: { amountMinor: BigInt(c.amount.amountMinor), currency: c.amount.currency } })),
    allowanceHours: ms.service.monthlyHourAllowance,
  });
  const record: ProfitRecord = {
    serviceId,
    period,
    currency: ms.currency,
    fees: moneyToJson(p.fees),
    commission: moneyToJson(p.commission),
    revenue: moneyToJson(p.revenue),
    labourCost: moneyToJson(p.labourCost),
    otherCosts: moneyToJson(p.otherCosts),
    totalCost: moneyToJson(p.totalCost),
    margin: moneyToJson(p.margin),
    marginPercent: p.marginPercent,
    people: p.people.map((x) => ({ accountId: x.accountId, role: x.role, seconds: x.seconds, hours: x.hours, rate: x.rate, rateSource: x.rateSource, cost: moneyToJson(x.cost) })),
    unrated: p.unrated,
    complete: p.complete,
    hoursUsed: p.hoursUsed,
    allowanceHours: p.allowanceHours,
    hoursLeft: p.hoursLeft,
    allowanceUsedPercent: p.allowanceUsedPercent,
    overAllowance: p.overAllowance,
    worklogCount: worklogs.length,
    computedAt: new Date().toISOString(),
  };
  await withRetry(`Profitability of ${serviceId} ${period}`, async () => {
    const cur = await readDoc(profitKey(serviceId, period), ProfitRecordSchema);
    return { writes: [docWrite('profit', profitKey(serviceId, period), record, cur?.version ?? 'absent', { serviceId, sortKey: period })], result: undefined };
  });
  await enqueuePanelRefresh([serviceId], 'profitability');
  return record;
}
