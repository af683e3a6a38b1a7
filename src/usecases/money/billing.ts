// Monthly billing. On/after the 1st (agency time zone): the month's fee is accrued and, unless the
// agency turned it off, invoiced — one fee invoice per service and month, whatever the number of
// planner runs. On/after the 3rd (two days of grace for late spend data): the previous month is
// closed — commission on its booked net ad spend is accrued and invoiced, and the act of services
// rendered is drawn up. Every step has a deterministic id, so re-runs and duplicate deliveries do
// nothing twice.
import { type Invoice, type LedgerEntry, type Money, commissionAccrual, computeLine, feeAccrual, formatMoney, invoiceFromJson, moneyToJson, nextInvoiceNumber, parseMoney, percentOf, ratioOf, sum } from '../../domain/money';
import { monthLabel } from '../../domain/month-rules';
import { formatMoney as formatMoneyText } from '../../documents/format';
import type { Language } from '../../domain/model';
import { SPEND_CORRECTION, entriesOf } from '../../storage/ledger.repo';
import { counterWrite, invoicesOfService, readCounter } from '../../storage/invoices.repo';
import { type ActRecord, type AgencyMoneySettings, ActRecordSchema, actKey, docWrite, readDoc } from '../../storage/money-docs.repo';
import { withRetry } from '../../storage/money-store';
import { worklogsOf } from '../../storage/money-worklogs.repo';
import { daysInMonth, requireYearMonth } from '../../domain/month-rules';
import { type MoneyService, getMoneySettings, loadMoneyService } from './context';
import { bookEntries } from './ledger';
import { autoInvoiceId, issueInvoice } from './invoices';
import type { MoneyJira } from './ports';

const FEE_LINE: Record<Language, string> = { en: 'Monthly fee: {service}, {month}', uk: 'Абонентська плата: {service}, {month}', ru: 'Абонентская плата: {service}, {month}' };
const COMMISSION_LINE: Record<Language, string> = {
  en: 'Agency commission {pct}% of ad spend in {month} ({spend})',
  uk: 'Комісія агенції {pct}% від рекламних витрат за {month} ({spend})',
  ru: 'Комиссия агентства {pct}% от рекламных расходов за {month} ({spend})',
};

const fillText = (t: string, p: Record<string, string>): string => t.replace(/\{(\w+)\}/g, (_, k: string) => p[k] ?? '');

export function lastDayOf(period: string): string {
  const ym = requireYearMonth(period);
  return `${period}-${String(daysInMonth(ym.year, ym.month)).padStart(2, '0')}`;
}

/** The service is billed for `period` when it is active and has started by the month's end. */
export function billable(ms: MoneyService, period: string): boolean {
  return ms.service.status === 'active' && ms.service.startDate <= lastDayOf(period);
}

export interface BillingOutcome {
  serviceId: string;
  invoiceId?: string;
  created: boolean;
  skipped?: string;
}

/** Fee accrual (and fee invoice) of `period` for one service. */
export async function billMonthlyFee(ms: MoneyService, settings: AgencyMoneySettings, period: string, today: string): Promise<BillingOutcome> {
  if (!billable(ms, period)) return { serviceId: ms.service.id, created: false, skipped: 'not active in the month' };
  const fee = parseMoney(ms.service.billing.monthlyFee, ms.currency);
  if (fee.amountMinor <= 0n) return { serviceId: ms.service.id, created: false, skipped: 'no monthly fee' };
  const lang = ms.client.language;
  const accrual = (invoice?: Invoice): LedgerEntry[] => {
    const line = invoice?.lines[0] ?? computeLine({ description: 'fee', quantity: '1', unitPrice: fee, vatRatePercent: ms.service.billing.vatRatePercent });
    return [feeAccrual({ serviceId: ms.service.id, period, date: today, amount: line.net, ...(line.vat.amountMinor !== 0n ? { vat: line.vat } : {}), ...(invoice ? { invoiceId: invoice.id } : {}) })];
  };
  if (!settings.autoInvoices.monthlyFee) {
    const r = await bookEntries({ serviceId: ms.service.id, currency: ms.currency, entries: accrual() });
    return { serviceId: ms.service.id, created: r.booked.length > 0 };
  }
  const r = await issueInvoice(ms, settings, {
    id: autoInvoiceId('fee', ms.service.id, period),
    origin: 'monthly-fee',
    purpose: 'fee',
    period,
    issueDate: today,
    lines: [{ description: fillText(FEE_LINE[lang], { service: ms.service.name, month: monthLabel(period, lang) }), quantity: '1', unitPrice: ms.service.billing.monthlyFee }],
    accrual: (inv) => accrual(inv),
  });
  return { serviceId: ms.service.id, invoiceId: r.record.invoice.id, created: r.created };
}

/** Net ad spend of the month as booked (spend entries minus spend corrections), in the client's currency. */
export function bookedNetSpend(currency: string, entries: readonly LedgerEntry[]): Money {
  let total = 0n;
  for (const e of entries) {
    if (e.kind === 'ad-spend') total += e.amount.amountMinor;
    else if (e.kind === 'adjustment' && e.refs.note === SPEND_CORRECTION) total -= e.amount.amountMinor;
  }
  return { amountMinor: total, currency };
}

/** Commission on `period`'s spend: accrued, and invoiced unless the agency turned that off. */
export async function billCommission(ms: MoneyService, settings: AgencyMoneySettings, period: string, today: string): Promise<BillingOutcome> {
  const pct = ms.service.billing.commissionPercent;
  if (ratioOf(pct || '0').num <= 0n) return { serviceId: ms.service.id, created: false, skipped: 'no commission' };
  const entries = await entriesOf(ms.service.id, period);
  if (entries.some((e) => e.kind === 'commission-accrual')) return { serviceId: ms.service.id, created: false, skipped: 'already accrued' };
  const spend = bookedNetSpend(ms.currency, entries.filter((e) => e.period === period));
  const commission = percentOf(spend, pct);
  if (commission.amountMinor <= 0n) return { serviceId: ms.service.id, created: false, skipped: 'no spend' };
  const lang = ms.client.language;
  const accrual = (invoice?: Invoice): LedgerEntry[] => {
    const line = invoice?.lines[0] ?? computeLine({ description: 'commission', quantity: '1', unitPrice: commission, vatRatePercent: ms.service.billing.vatRatePercent });
    return [commissionAccrual({ serviceId: ms.service.id, period, date: today, amount: line.net, ...(line.vat.amountMinor !== 0n ? { vat: line.vat } : {}), ...(invoice ? { invoiceId: invoice.id } : {}) })];
  };
  if (!settings.autoInvoices.commission) {
    const r = await bookEntries({ serviceId: ms.service.id, currency: ms.currency, entries: accrual() });
    return { serviceId: ms.service.id, created: r.booked.length > 0 };
  }
  const r = await issueInvoice(ms, settings, {
    id: autoInvoiceId('commission', ms.service.id, period),
    origin: 'commission',
    purpose: 'other',
    period,
    issueDate: today,
    lines: [{ description: fillText(COMMISSION_LINE[lang], { pct, month: monthLabel(period, lang), spend: formatMoneyText(formatMoney(spend), ms.currency, lang) }), quantity: '1', unitPrice: formatMoney(commission) }],
    accrual: (inv) => accrual(inv),
  });
  return { serviceId: ms.service.id, invoiceId: r.record.invoice.id, created: r.created };
}

/** The act of services rendered in `period`: the month's billed services, hours and tasks done. */
export async function drawUpAct(ms: MoneyService, settings: AgencyMoneySettings, period: string, today: string, jira: Pick<MoneyJira, 'doneIssueCount'>): Promise<{ created: boolean; number?: string }> {
  const key = actKey(ms.service.id, period);
  const existing = await readDoc(key, ActRecordSchema);
  if (existing) return { created: false, number: existing.value.number };
  const invoices = (await invoicesOfService(ms.service.id))
    .map((r) => ({ r, inv: invoiceFromJson(r.invoice) }))
    .filter(({ inv }) => inv.period === period && inv.status !== 'cancelled' && inv.purpose !== 'top-up')
    .sort((a, b) => a.inv.number.localeCompare(b.inv.number));
  if (invoices.length === 0) return { created: false };
  const lines = invoices.flatMap(({ inv }) => inv.lines);
  const net = sum(ms.currency, lines.map((l) => l.net));
  const vat = sum(ms.currency, lines.map((l) => l.vat));
  const gross = sum(ms.currency, lines.map((l) => l.gross));
  const seconds = (await worklogsOf(ms.service.id, period)).reduce((a, w) => a + w.seconds, 0);
  const from = `${period}-01`;
  const tasksDone = ms.service.jiraProjectKey ? await jira.doneIssueCount(ms.service.jiraProjectKey, from, lastDayOf(period)) : 0;
  const year = Number(today.slice(0, 4));
  const prefix = settings.actPrefix;
  return withRetry<{ created: boolean; number?: string }>(`Drawing up the act of ${ms.service.id} ${period}`, async () => {
    const again = await readDoc(key, ActRecordSchema);
    if (again) return { done: { created: false, number: again.value.number } };
    const counter = await readCounter(prefix, year);
    const next = nextInvoiceNumber(counter?.value ?? null, prefix, year);
    const act: ActRecord = {
      id: key,
      number: next.number,
      serviceId: ms.service.id,
      clientId: ms.client.id,
      period,
      date: today < lastDayOf(period) ? lastDayOf(period) : today,
      currency: ms.currency,
      lines: lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPrice: moneyToJson(l.unitPrice), vatRatePercent: l.vatRatePercent, net: moneyToJson(l.net), vat: moneyToJson(l.vat), gross: moneyToJson(l.gross) })),
      totals: { net: moneyToJson(net), vat: moneyToJson(vat), gross: moneyToJson(gross) },
      hoursUsed: (Math.round((seconds / 3600) * 100) / 100).toFixed(2),
      tasksDone,
      invoiceNumbers: invoices.map(({ inv }) => inv.number),
      document: { state: 'pending' },
      createdAt: new Date().toISOString(),
    };
    return { writes: [counterWrite(next.counter, counter?.version ?? 'absent'), docWrite('act', key, act, 'absent', { serviceId: ms.service.id, sortKey: period })], result: { created: true, number: act.number } };
  });
}

/** Monthly fee for a batch of services; returns the invoices to publish. */
export async function runMonthlyBilling(period: string, today: string, serviceIds: readonly string[]): Promise<BillingOutcome[]> {
  const settings = await getMoneySettings();
  const out: BillingOutcome[] = [];
  for (const id of serviceIds) out.push(await billMonthlyFee(await loadMoneyService(id), settings, period, today));
  return out;
}
