// Stored money records → the views the UI gets (amounts as decimal strings in major units).
import type { ActView, AlertView, InvoiceDetail, InvoiceSummary, LedgerEntryView, MoneyPanel, PaymentView, ProfitView } from '../../shared/api-money';
import { type LedgerEntry, type LedgerRollup, type MoneyJson, type SpendDayTotal, entryAccount, formatMoney, invoiceFromJson, moneyFromJson, outstanding, paidAmount, walletSummary } from '../../domain/money';
import type { MoneySnapshot } from '../../storage/ledger.repo';
import type { InvoiceRecord } from '../../storage/invoices.repo';
import type { ActRecord, AlertRecord, OtherCosts, ProfitRecord } from '../../storage/money-docs.repo';
import type { PaymentRecord } from '../../storage/payments.repo';
import { lastDayOf } from './billing';

const m = (j: MoneyJson): string => formatMoney(moneyFromJson(j));
const minor = (v: string, currency: string): string => formatMoney({ amountMinor: BigInt(v), currency });

export function invoiceSummary(r: InvoiceRecord): InvoiceSummary {
  const inv = invoiceFromJson(r.invoice);
  return {
    id: inv.id,
    number: inv.number,
    serviceId: inv.serviceId,
    clientId: inv.clientId,
    purpose: inv.purpose,
    period: inv.period ?? null,
    status: inv.status,
    issueDate: inv.issueDate,
    dueDate: inv.dueDate,
    currency: inv.currency,
    net: formatMoney(inv.totals.net),
    vat: formatMoney(inv.totals.vat),
    gross: formatMoney(inv.totals.gross),
    paid: formatMoney(paidAmount(inv, inv.payments)),
    outstanding: formatMoney(outstanding(inv)),
    origin: r.origin,
    page: { state: r.document.state, pageId: r.document.pageId ?? null, title: r.document.pageTitle ?? null },
  };
}

export function invoiceDetail(r: InvoiceRecord): InvoiceDetail {
  const inv = invoiceFromJson(r.invoice);
  return {
    ...invoiceSummary(r),
    lines: inv.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPrice: formatMoney(l.unitPrice), vatRatePercent: l.vatRatePercent, net: formatMoney(l.net), vat: formatMoney(l.vat), gross: formatMoney(l.gross) })),
    payments: inv.payments.map((p) => ({ paymentId: p.paymentId, date: p.date, amount: formatMoney(p.amount), received: formatMoney(p.received) })),
    cancelledOn: inv.cancelledOn ?? null,
    note: r.note ?? null,
  };
}

export function paymentView(p: PaymentRecord): PaymentView {
  return {
    id: p.id,
    source: p.source,
    state: p.state,
    date: p.date,
    amount: m(p.amount),
    currency: p.amount.currency,
    serviceId: p.serviceId ?? null,
    invoiceNumber: p.invoiceNumber ?? null,
    toWallet: p.split ? m(p.split.wallet) : null,
    toFees: p.split ? m(p.split.fees) : null,
    payer: p.payer ?? null,
    purpose: p.purpose ?? null,
    reference: p.reference ?? null,
    review: p.review ? { reason: p.review.reason, message: p.review.message, invoiceNumbers: p.review.invoiceNumbers, expected: p.review.expected ? m(p.review.expected) : null } : null,
  };
}

export function entryView(e: LedgerEntry): LedgerEntryView {
  return {
    id: e.id,
    date: e.date,
    period: e.period,
    kind: e.kind,
    amount: formatMoney(e.amount),
    vat: e.vat ? formatMoney(e.vat) : null,
    account: entryAccount(e),
    invoiceId: e.refs.invoiceId ?? null,
    paymentId: e.refs.paymentId ?? null,
    spendDay: e.refs.spendDay ?? null,
    source: e.refs.source ?? null,
    note: e.refs.note ?? null,
  };
}

export function rollupView(r: LedgerRollup): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = { period: r.period, currency: r.currency, entryCount: r.entryCount, lastEntryDate: r.lastEntryDate };
  for (const [k, v] of Object.entries(r)) if (typeof v === 'string' && /^-?\d+$/.test(v) && !(k in out)) out[k] = minor(v, r.currency);
  return out;
}

/** The panel figures from the snapshot and the month's rollup (no further reads). */
export function moneyPanel(serviceId: string, prepaid: boolean, currency: string, snapshot: MoneySnapshot | undefined, rollup: LedgerRollup | undefined, today: string): MoneyPanel {
  const s = snapshot;
  const cur = s?.currency ?? currency;
  const days: SpendDayTotal[] = s ? Object.entries(s.spendDays).map(([date, v]) => ({ date, amount: { amountMinor: BigInt(v), currency: cur } })) : [];
  const balance = { amountMinor: BigInt(s?.walletBalance ?? '0'), currency: cur };
  const w = walletSummary({ currency: cur, balance, days, today });
  const periods = s ? Object.entries(s.feePeriods).filter(([, st]) => st !== 'cancelled').sort(([a], [b]) => a.localeCompare(b)) : [];
  let paidUntil: string | null = null;
  for (const [p, st] of periods) {
    if (st !== 'paid') break;
    paidUntil = lastDayOf(p);
  }
  const period = today.slice(0, 7);
  return {
    serviceId,
    currency: cur,
    prepaid,
    walletBalance: formatMoney(balance),
    feesBalance: minor(s?.feesBalance ?? '0', cur),
    averageDailySpend: w.averageDaily ? formatMoney(w.averageDaily) : null,
    spentLast7Days: formatMoney(w.spentLast7),
    runwayDays: w.runwayDays,
    adsStopDate: w.adsStopDate,
    paidUntil,
    month: {
      period,
      feesAccrued: minor(rollup?.feesAccrued ?? '0', cur),
      commissionAccrued: minor(rollup?.commissionAccrued ?? '0', cur),
      spend: minor((BigInt(rollup?.spend ?? '0') + BigInt(rollup?.spendVat ?? '0')).toString(), cur),
      paymentsReceived: minor(rollup?.paymentsReceived ?? '0', cur),
    },
    asOf: s?.updatedAt ?? new Date(0).toISOString(),
  };
}

export function alertView(a: AlertRecord): AlertView {
  return { key: a.key, type: a.type, state: a.state, raisedAt: a.raisedAt, issueKey: a.issueKey ?? null, invoiceId: a.invoiceId ?? null, details: a.details };
}

export function profitView(p: ProfitRecord, costs: OtherCosts | undefined): ProfitView {
  const hours = (seconds: number): string => (Math.round((seconds / 3600) * 100) / 100).toFixed(2);
  return {
    serviceId: p.serviceId,
    period: p.period,
    currency: p.currency,
    revenue: m(p.revenue),
    fees: m(p.fees),
    commission: m(p.commission),
    labourCost: m(p.labourCost),
    otherCosts: m(p.otherCosts),
    margin: m(p.margin),
    marginPercent: p.marginPercent,
    hoursUsed: p.hoursUsed,
    allowanceHours: p.allowanceHours,
    allowanceUsedPercent: p.allowanceUsedPercent,
    overAllowance: p.overAllowance,
    complete: p.complete,
    people: p.people.map((x) => ({ accountId: x.accountId, role: x.role, hours: x.hours, rate: x.rate, rateSource: x.rateSource, cost: m(x.cost) })),
    unrated: p.unrated.map((u) => ({ accountId: u.accountId, hours: hours(u.seconds) })),
    costs: (costs?.items ?? []).map((c) => ({ label: c.label, amount: m(c.amount) })),
    computedAt: p.computedAt,
  };
}

export function actView(a: ActRecord): ActView {
  return {
    id: a.id,
    number: a.number,
    period: a.period,
    date: a.date,
    currency: a.currency,
    net: m(a.totals.net),
    vat: m(a.totals.vat),
    gross: m(a.totals.gross),
    hoursUsed: a.hoursUsed,
    tasksDone: a.tasksDone,
    invoiceNumbers: a.invoiceNumbers,
    page: { state: a.document.state, pageId: a.document.pageId ?? null, title: a.document.pageTitle ?? null },
  };
}
