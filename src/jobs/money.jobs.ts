// Money jobs (issue 5). Registered in all-jobs.ts; the daily and hourly planners run the hooks.
// Daily (agency time zone): age invoices and sweep stale invoice pages; sync yesterday's ad spend;
// bill the month's fees (idempotent, so every day until done); from the 3rd, close the previous
// month (commission, act, profitability); evaluate alerts. Hourly: sync worklogs → profitability.
import { getAgencySettings } from '../storage/agency.repo';
import { servicesRepo } from '../storage/services.repo';
import type { ServiceRecord } from '../storage/records';
import { addDays } from '../domain/money';
import { addMonths } from '../domain/month-rules';
import { runServiceAlerts } from '../usecases/money/alerts';
import { processBankChunk } from '../usecases/money/bank-import';
import { billCommission, drawUpAct, lastDayOf, runMonthlyBilling } from '../usecases/money/billing';
import { agencyToday, getMoneySettings, loadMoneyService } from '../usecases/money/context';
import { pendingActs, publishAct, publishInvoice, publishInvoiceIndex, staleInvoiceDocuments } from '../usecases/money/documents';
import { readInvoice } from '../storage/invoices.repo';
import { markOverdue } from '../usecases/money/invoices';
import {
  AgeInvoicesMessage,
  AlertsMessage,
  BankChunkMessage,
  MonthCloseMessage,
  MonthlyBillingMessage,
  ProfitMessage,
  PublishActMessage,
  PublishIndexMessage,
  PublishInvoiceMessage,
  SpendSyncMessage,
  WorklogSyncMessage,
  queueInvoicePublish,
} from '../usecases/money/messages';
import { moneyDeps } from '../usecases/money/money-deps';
import { recomputeProfit, syncWorklogs } from '../usecases/money/profitability';
import { enqueueKpiRecomputes } from '../usecases/kpi/recompute';
import { syncServiceSpend } from '../usecases/money/spend';
import { pushJobs } from '../platform/queue';
import { defineJob, type JobDef, type PlannerHook, type QueueMessage } from './registry';

const BATCH = 25;
const AD_TYPES = new Set(['google-ads', 'yandex-direct', 'targeted-ads']);

function batches(ids: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += BATCH) out.push(ids.slice(i, i + BATCH));
  return out;
}

/** Runs `fn` for each id, so one service's failure does not stop the batch; rethrows the first error at the end. */
async function each(ids: readonly string[], fn: (id: string) => Promise<void>): Promise<void> {
  let first: unknown;
  for (const id of ids) {
    try {
      await fn(id);
    } catch (e) {
      console.error(`money: ${id}: ${(e as Error).message}`);
      first ??= e;
    }
  }
  if (first) throw first;
}

export const moneyJobs: JobDef[] = [
  defineJob({
    kind: 'money-publish-invoice',
    schema: PublishInvoiceMessage,
    run: async (m) => {
      const r = await publishInvoice(m.invoiceId, moneyDeps().confluence);
      if (r === 'no-space') console.warn(`money: invoice ${m.invoiceId}: the client has no Confluence space yet; the page waits for setup`);
      if (r === 'published') {
        const inv = await readInvoice(m.invoiceId);
        if (inv) await pushJobs([{ kind: 'money-publish-index', clientId: inv.value.invoice.clientId }]);
      }
    },
  }),
  defineJob({
    kind: 'money-publish-index',
    schema: PublishIndexMessage,
    run: async (m) => {
      await publishInvoiceIndex(m.clientId, moneyDeps().confluence);
    },
  }),
  defineJob({
    kind: 'money-publish-act',
    schema: PublishActMessage,
    run: async (m) => {
      await publishAct(m.serviceId, m.period, moneyDeps().confluence);
    },
  }),
  defineJob({
    kind: 'money-monthly-billing',
    schema: MonthlyBillingMessage,
    run: async (m) => {
      const out = await runMonthlyBilling(m.period, m.today, m.serviceIds);
      await queueInvoicePublish(out.filter((o) => o.created && o.invoiceId).map((o) => o.invoiceId as string));
    },
  }),
  defineJob({
    kind: 'money-month-close',
    schema: MonthCloseMessage,
    run: async (m) => {
      const settings = await getMoneySettings();
      const invoices: string[] = [];
      const acts: QueueMessage[] = [];
      await each(m.serviceIds, async (id) => {
        const ms = await loadMoneyService(id);
        const c = await billCommission(ms, settings, m.period, m.today);
        if (c.created && c.invoiceId) invoices.push(c.invoiceId);
        const act = await drawUpAct(ms, settings, m.period, m.today, moneyDeps().jira);
        if (act.created) acts.push({ kind: 'money-publish-act', serviceId: id, period: m.period });
        // Profitability of the closed month once revenue is final (worklog changes recompute it too).
        if (c.created || act.created) await recomputeProfit(id, m.period);
      }).finally(async () => {
        await queueInvoicePublish(invoices);
        if (acts.length > 0) await pushJobs(acts);
      });
    },
  }),
  defineJob({
    kind: 'money-spend-sync',
    schema: SpendSyncMessage,
    run: async (m) => {
      await each(m.serviceIds, async (id) => {
        const s = await servicesRepo.get(id);
        if (s) await syncServiceSpend(s, m.from, m.to);
      });
    },
  }),
  defineJob({
    kind: 'money-alerts',
    schema: AlertsMessage,
    run: async (m) => {
      await each(m.serviceIds, async (id) => {
        await runServiceAlerts(id, m.today, moneyDeps().jira);
      });
    },
  }),
  defineJob({
    kind: 'money-age-invoices',
    schema: AgeInvoicesMessage,
    run: async (m) => {
      const overdue = await markOverdue(m.today);
      const stale = await staleInvoiceDocuments(m.today);
      await queueInvoicePublish([...overdue, ...stale]);
      const acts = await pendingActs();
      if (acts.length > 0) await pushJobs(acts.map((a): QueueMessage => ({ kind: 'money-publish-act', ...a })));
    },
  }),
  defineJob({
    kind: 'money-worklog-sync',
    schema: WorklogSyncMessage,
    run: async () => {
      const r = await syncWorklogs(moneyDeps().jira, { budgetMs: 600_000 });
      const byMonth = new Map<string, string[]>();
      for (const a of r.affected) byMonth.set(a.month, [...(byMonth.get(a.month) ?? []), a.serviceId]);
      const next: QueueMessage[] = [];
      for (const [period, ids] of byMonth) for (const b of batches([...new Set(ids)])) next.push({ kind: 'money-profit', period, serviceIds: b });
      if (r.more) next.push({ kind: 'money-worklog-sync' });
      if (next.length > 0) await pushJobs(next);
      // Hours-used and margin KPIs of the same service-months (coalesced, delayed past the profit jobs).
      await enqueueKpiRecomputes(r.affected, 'worklogs');
    },
  }),
  defineJob({
    kind: 'money-profit',
    schema: ProfitMessage,
    run: async (m) => {
      await each(m.serviceIds, async (id) => {
        await recomputeProfit(id, m.period);
      });
    },
  }),
  defineJob({
    kind: 'money-bank-chunk',
    schema: BankChunkMessage,
    run: async (m) => {
      await processBankChunk(m.importId, m.chunk, m.rows, m.createdBy);
    },
  }),
];

/** What the daily planner queues for money (see the file comment). */
export async function planMoneyDay(now: Date): Promise<QueueMessage[]> {
  const agency = await getAgencySettings();
  const { today, month } = agencyToday(now, agency.timeZone);
  const all: ServiceRecord[] = await servicesRepo.all();
  // Services that have not started yet have nothing to alert about or sync.
  const live = all.filter((s) => s.status !== 'ended' && s.startDate <= today).map((s) => s.id).sort();
  const ads = all.filter((s) => s.status === 'active' && AD_TYPES.has(s.type) && s.startDate <= today).map((s) => s.id).sort();
  const billedNow = all.filter((s) => s.status === 'active' && s.startDate <= lastDayOf(month)).map((s) => s.id).sort();
  const prev = addMonths(month, -1);
  const closing = all.filter((s) => s.startDate <= lastDayOf(prev) && s.status !== 'ended').map((s) => s.id).sort();
  const out: QueueMessage[] = [{ kind: 'money-age-invoices', today }];
  for (const b of batches(ads)) out.push({ kind: 'money-spend-sync', from: addDays(today, -3), to: addDays(today, -1), serviceIds: b });
  for (const b of batches(billedNow)) out.push({ kind: 'money-monthly-billing', period: month, today, serviceIds: b });
  if (Number(today.slice(8, 10)) >= 3) for (const b of batches(closing)) out.push({ kind: 'money-month-close', period: prev, today, serviceIds: b });
  for (const b of batches(live)) out.push({ kind: 'money-alerts', today, serviceIds: b });
  return out;
}

export const moneyDailyHooks: PlannerHook[] = [planMoneyDay];
export const moneyHourlyHooks: PlannerHook[] = [async () => [{ kind: 'money-worklog-sync' }]];
