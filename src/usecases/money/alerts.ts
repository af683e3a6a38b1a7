// Money alerts, each raised once per occurrence of its condition and cleared when it ends.
//
// The domain's predicates give the condition and a deterministic key; an alert record (money-doc,
// kind `alert`) remembers its state. Raising is crash-safe: the record goes to `raising` first
// (conditional write: one runner wins), then the Jira issue is found by its marker label or created,
// then the record goes to `active`. So a crash or a second planner run never opens a second issue.
//
// Who hears what:
//   - the service's manager: a Jira issue in the service's project, assigned to them; for low balance
//     and short runway it is a top-up issue naming the top-up invoice (issued automatically, or the one
//     already open); when the condition ends the issue gets a comment and is moved to Done;
//   - the client, only where it concerns them: an overdue invoice. Client people are Confluence
//     guests without Jira, so they are told in their space: the invoice's live page turns to
//     "Overdue" with the amount and due date, and the space's "Invoices" page lists it under an
//     overdue notice (both page updates, which Confluence announces to the page's watchers). Internal
//     figures (balances, runway, spend pace) never reach the client.
import { type AdfBlock, bulletList, doc, paragraph, strong } from '../../connectors/jira/adf';
import { markerLabel } from '../../domain/idempotency';
import type { Language } from '../../domain/model';
import {
  type AlertState,
  type Invoice,
  type Money,
  type SpendDayTotal,
  adsStopped,
  daysBetween,
  divRound,
  formatMoney,
  invoiceFromJson,
  invoiceOverdue,
  lowBalance,
  moneyFromDecimal,
  multiply,
  overspend,
  parseMoney,
  runwayBelow,
  subscriptionEnding,
  underspend,
  walletSummary,
} from '../../domain/money';
import { formatMoney as formatMoneyText } from '../../documents/format';
import { getAgencySettings } from '../../storage/agency.repo';
import { invoicesOfService } from '../../storage/invoices.repo';
import { type MoneySnapshot, readSnapshot } from '../../storage/ledger.repo';
import { type AgencyMoneySettings, type AlertRecord, AlertRecordSchema, type ServiceMoneySettings, docWrite, docsOfService, readDoc } from '../../storage/money-docs.repo';
import { withRetry } from '../../storage/money-store';
import { lastDayOf } from './billing';
import { type MoneyService, getMoneySettings, getServiceMoneySettings, loadMoneyService } from './context';
import { autoInvoiceId, issueInvoice } from './invoices';
import { queueInvoicePublish } from './messages';
import type { MoneyJira } from './ports';
import { enqueuePanelRefresh } from '../panels/enqueue';
import { getNotificationRules } from '../notification-rules';

export const ALERT_LABEL = 'retainer-money';
const AD_TYPES = new Set(['google-ads', 'yandex-direct', 'targeted-ads']);

function spendDays(s: MoneySnapshot): SpendDayTotal[] {
  return Object.entries(s.spendDays).map(([date, v]) => ({ date, amount: { amountMinor: BigInt(v), currency: s.currency } }));
}

/** End of the last fully paid month, when a later month's fee invoice is waiting to be paid; else null. */
export function paidUntilWithOpenFee(s: MoneySnapshot): string | null {
  const periods = Object.entries(s.feePeriods).filter(([, st]) => st !== 'cancelled').sort(([a], [b]) => a.localeCompare(b));
  let paidUntil: string | null = null;
  for (const [period, state] of periods) {
    if (state === 'open') return paidUntil ?? lastDayOf(addMonth(period, -1));
    paidUntil = lastDayOf(period);
  }
  return null;
}

function addMonth(period: string, delta: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Every alert condition of a service today (pure given its inputs). */
export function evaluateAlerts(ms: MoneyService, snapshot: MoneySnapshot | undefined, invoices: readonly Invoice[], settings: AgencyMoneySettings, svc: ServiceMoneySettings, today: string): AlertState[] {
  const id = ms.service.id;
  const s = snapshot;
  const out: AlertState[] = [];
  const prepaid = ms.service.billing.prepaidAdBudget;
  if (s && prepaid) {
    const balance = { amountMinor: BigInt(s.walletBalance), currency: s.currency };
    if (svc.lowBalanceThreshold) out.push(lowBalance({ serviceId: id, balance, threshold: amountOf(svc.lowBalanceThreshold, ms.currency) }));
    const w = walletSummary({ currency: s.currency, balance, days: spendDays(s), today });
    out.push(runwayBelow({ serviceId: id, runwayDays: w.runwayDays, days: svc.runwayDays ?? settings.alerts.runwayDays }));
  }
  if (s && ms.service.status === 'active' && parseMoney(ms.service.billing.monthlyFee, ms.currency).amountMinor > 0n) {
    // Only once the client is behind: a fee invoice is open and due within the window (or past due).
    const days = svc.subscriptionDays ?? settings.alerts.subscriptionDays;
    const due = invoices.filter((i) => i.purpose === 'fee' && i.status !== 'paid' && i.status !== 'cancelled').map((i) => i.dueDate).sort()[0];
    const behind = due !== undefined && daysBetween(today, due) < days;
    out.push(subscriptionEnding({ serviceId: id, paidUntil: behind ? paidUntilWithOpenFee(s) : null, today, days }));
  }
  for (const inv of invoices) if (inv.status !== 'cancelled' && inv.status !== 'paid') out.push(invoiceOverdue({ invoice: inv, today }));
  if (s && svc.monthlyAdBudget) {
    const month = today.slice(0, 7);
    const spent = spendDays(s).filter((d) => d.date.startsWith(month) && d.date < today).reduce((a, d) => a + d.amount.amountMinor, 0n);
    const input = { serviceId: id, month, monthBudget: amountOf(svc.monthlyAdBudget, ms.currency), spentToDate: { amountMinor: spent, currency: ms.currency }, today, tolerancePercent: svc.spendTolerancePercent ?? settings.alerts.spendTolerancePercent };
    out.push(overspend(input), underspend(input));
  }
  if (s && AD_TYPES.has(ms.service.type)) out.push(adsStopped({ serviceId: id, status: ms.service.status, days: spendDays(s), today }));
  return out;
}

/** A settings amount (any decimals) in the client's currency, rounded half-up to its minor unit. */
const amountOf = (decimal: string, currency: string): Money => moneyFromDecimal(decimal, currency, 'half-up');

// ---------------------------------------------------------------------------------------------
// Texts (the agency's language for the team, the client's for the client)

const TITLES: Record<Language, Record<AlertState['type'], string>> = {
  en: { 'low-balance': 'Top up the ad budget: balance {balance}', 'runway-below': 'Top up the ad budget: ads stop in {days} days', 'subscription-ending': 'Subscription paid until {date}: fee unpaid', 'invoice-overdue': 'Invoice {number} is overdue ({amount})', overspend: 'Ad spend ahead of budget ({deviation}%)', underspend: 'Ad spend behind budget ({deviation}%)', 'ads-stopped': 'Ads stopped: no spend on {date}' },
  uk: { 'low-balance': 'Поповнити рекламний бюджет: залишок {balance}', 'runway-below': 'Поповнити рекламний бюджет: реклама зупиниться через {days} дн.', 'subscription-ending': 'Абонплату сплачено до {date}: рахунок не сплачено', 'invoice-overdue': 'Рахунок {number} прострочено ({amount})', overspend: 'Витрати випереджають бюджет ({deviation}%)', underspend: 'Витрати відстають від бюджету ({deviation}%)', 'ads-stopped': 'Реклама зупинилась: немає витрат за {date}' },
  ru: { 'low-balance': 'Пополнить рекламный бюджет: остаток {balance}', 'runway-below': 'Пополнить рекламный бюджет: реклама остановится через {days} дн.', 'subscription-ending': 'Абонплата оплачена до {date}: счёт не оплачен', 'invoice-overdue': 'Счёт {number} просрочен ({amount})', overspend: 'Расход опережает бюджет ({deviation}%)', underspend: 'Расход отстаёт от бюджета ({deviation}%)', 'ads-stopped': 'Реклама остановилась: нет расхода за {date}' },
};
const RESOLVED: Record<Language, string> = { en: 'Resolved: the condition no longer holds.', uk: 'Вирішено: умова більше не виконується.', ru: 'Решено: условие больше не выполняется.' };
const TOPUP_INVOICE: Record<Language, string> = { en: 'Top-up invoice: {number} ({amount}), page "{page}" in the client\'s space.', uk: 'Рахунок на поповнення: {number} ({amount}), сторінка «{page}» у просторі клієнта.', ru: 'Счёт на пополнение: {number} ({amount}), страница «{page}» в пространстве клиента.' };
const TOPUP_LINE: Record<Language, string> = { en: 'Advertising budget top-up: {service}', uk: 'Поповнення рекламного бюджету: {service}', ru: 'Пополнение рекламного бюджета: {service}' };

const fill = (t: string, p: Record<string, string | number | null | boolean | undefined>): string => t.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? '—'));

function money(ms: MoneyService, decimal: string | number | boolean | null | undefined, lang: Language): string {
  return typeof decimal === 'string' ? formatMoneyText(decimal, ms.currency, lang) : '—';
}

function titleOf(a: AlertState, ms: MoneyService, lang: Language): string {
  const d = a.details;
  return fill(TITLES[lang][a.type], {
    balance: money(ms, d['balance'], lang),
    days: d['runwayDays'],
    date: (d['paidUntil'] as string | null) ?? (d['day'] as string | undefined) ?? '',
    number: d['number'],
    amount: money(ms, d['outstanding'], lang),
    deviation: d['deviationPercent'],
  });
}

function describe(a: AlertState, ms: MoneyService, lang: Language, extra: string[]): AdfBlock[] {
  const facts = Object.entries(a.details).map(([k, v]) => [strong(`${k}: `), String(v ?? '—')].flat());
  return [paragraph(`${ms.client.name} · ${ms.service.name}`), bulletList(facts), ...extra.map((e) => paragraph(e)), paragraph(`Retainer alert ${a.key}`)];
}

// ---------------------------------------------------------------------------------------------
// Raising and clearing

export interface AlertRunResult {
  raised: string[];
  cleared: string[];
  active: string[];
}

const alertWrite = (r: AlertRecord, expect: number | 'absent') => docWrite('alert', r.key, r, expect, { serviceId: r.serviceId, sortKey: r.key, active: r.state !== 'cleared' });

/** Moves the alert record from `from` states to `to` (conditional); false when someone else did. */
async function transition(key: string, make: (cur: AlertRecord | undefined) => AlertRecord | null): Promise<AlertRecord | null> {
  return withRetry<AlertRecord | null>(`Alert ${key}`, async () => {
    const cur = await readDoc(key, AlertRecordSchema);
    const next = make(cur?.value);
    if (!next) return { done: null };
    return { writes: [alertWrite(next, cur?.version ?? 'absent')], result: next };
  });
}

/** The open top-up invoice of the service, or a new one. */
async function topUpInvoice(ms: MoneyService, settings: AgencyMoneySettings, svc: ServiceMoneySettings, snapshot: MoneySnapshot | undefined, today: string): Promise<Invoice | null> {
  if (!ms.service.billing.prepaidAdBudget || !settings.autoInvoices.topUp) return null;
  const open = (await invoicesOfService(ms.service.id)).map((r) => invoiceFromJson(r.invoice)).find((i) => i.purpose === 'top-up' && i.status !== 'cancelled' && i.status !== 'paid');
  if (open) return open;
  let amount = svc.topUpAmount ?? svc.monthlyAdBudget;
  if (!amount && snapshot) {
    // A month at the recent pace, rounded up to whole units.
    const avg = walletSummary({ currency: snapshot.currency, balance: { amountMinor: BigInt(snapshot.walletBalance), currency: snapshot.currency }, days: spendDays(snapshot), today }).averageDaily;
    if (avg && avg.amountMinor > 0n) {
      const month = multiply(avg, '30', 'ceil');
      const unit = 10n ** 2n;
      amount = formatMoney({ amountMinor: divRound(month.amountMinor, unit, 'ceil') * unit, currency: month.currency });
    }
  }
  if (!amount) return null;
  // A wallet already below zero is brought back to zero on top of the usual amount.
  const deficit = snapshot && BigInt(snapshot.walletBalance) < 0n ? -BigInt(snapshot.walletBalance) : 0n;
  const base = amountOf(amount, ms.currency);
  amount = formatMoney({ amountMinor: base.amountMinor + deficit, currency: ms.currency });
  const r = await issueInvoice(ms, settings, {
    id: autoInvoiceId('topup', ms.service.id, today),
    origin: 'top-up',
    purpose: 'top-up',
    issueDate: today,
    lines: [{ description: fill(TOPUP_LINE[ms.client.language], { service: ms.service.name }), quantity: '1', unitPrice: formatMoney(amountOf(amount, ms.currency)), vatRatePercent: '0' }],
  });
  await queueInvoicePublish([r.record.invoice.id]);
  return invoiceFromJson(r.record.invoice);
}

async function raise(a: AlertState, ms: MoneyService, ctx: { jira: MoneyJira; settings: AgencyMoneySettings; svc: ServiceMoneySettings; snapshot?: MoneySnapshot; lang: Language; today: string; invoices: readonly Invoice[] }): Promise<boolean> {
  const now = new Date().toISOString();
  const claimed = await transition(a.key, (cur) => {
    if (cur && (cur.state === 'active' || cur.state === 'clearing')) return null;
    if (cur?.state === 'raising') return cur; // finish a crashed raise
    return { key: a.key, type: a.type, serviceId: ms.service.id, state: 'raising', occurrence: (cur?.occurrence ?? 0) + 1, raisedAt: now, details: a.details };
  });
  if (!claimed) return false;
  const lang = ctx.lang;
  const extra: string[] = [];
  let invoiceId: string | undefined;
  if (a.type === 'low-balance' || a.type === 'runway-below') {
    const inv = await topUpInvoice(ms, ctx.settings, ctx.svc, ctx.snapshot, ctx.today);
    if (inv) {
      invoiceId = inv.id;
      extra.push(fill(TOPUP_INVOICE[lang], { number: inv.number, amount: formatMoneyText(formatMoney(inv.totals.gross), ms.currency, lang), page: `${inv.number}` }));
    }
  }
  let issueKey: string | undefined;
  const project = ms.service.jiraProjectKey;
  const issueType = ms.service.jiraIssueTypes?.task;
  if (project && issueType) {
    const label = markerLabel(`${a.key}#${claimed.occurrence}`);
    issueKey = (await ctx.jira.findByLabel(label)) ?? undefined;
    if (!issueKey) {
      const created = await ctx.jira.createIssue({
        projectKey: project,
        issueTypeId: issueType,
        summary: titleOf(a, ms, lang),
        description: doc(...describe(a, ms, lang, extra)),
        labels: [ALERT_LABEL, `${ALERT_LABEL}-${a.type}`, label],
        assigneeAccountId: ms.service.managerAccountId,
        dueDate: ctx.today,
      });
      issueKey = created.key;
    }
  }
  // The client hears about an overdue invoice through its page (see the file comment).
  const clientNotified = a.type === 'invoice-overdue' && ctx.settings.notifyClientOnOverdue;
  await transition(a.key, (cur) => (cur && cur.state === 'raising' ? { ...cur, state: 'active', details: a.details, ...(issueKey ? { issueKey } : {}), ...(invoiceId ? { invoiceId } : {}), ...(clientNotified ? { clientNotified } : {}) } : null));
  return true;
}

const TOPUP_AGAIN: Record<Language, string> = { en: 'Still short of budget. New top-up invoice: {number} ({amount}).', uk: 'Бюджету все ще бракує. Новий рахунок на поповнення: {number} ({amount}).', ru: 'Бюджета всё ещё не хватает. Новый счёт на пополнение: {number} ({amount}).' };

async function topUpAgain(key: string, ms: MoneyService, ctx: { jira: MoneyJira; settings: AgencyMoneySettings; svc: ServiceMoneySettings; snapshot?: MoneySnapshot; lang: Language; today: string }): Promise<void> {
  const record = (await readDoc(key, AlertRecordSchema))?.value;
  if (!record || record.state !== 'active') return;
  const linked = record.invoiceId ? (await invoicesOfService(ms.service.id)).map((r) => invoiceFromJson(r.invoice)).find((i) => i.id === record.invoiceId) : undefined;
  if (linked && linked.status !== 'paid' && linked.status !== 'cancelled') return;
  const inv = await topUpInvoice(ms, ctx.settings, ctx.svc, ctx.snapshot, ctx.today);
  if (!inv || inv.id === record.invoiceId) return;
  if (record.issueKey) {
    await ctx.jira.addComment(record.issueKey, doc(paragraph(fill(TOPUP_AGAIN[ctx.lang], { number: inv.number, amount: formatMoneyText(formatMoney(inv.totals.gross), ms.currency, ctx.lang) }))));
  }
  await transition(key, (cur) => (cur && cur.state === 'active' ? { ...cur, invoiceId: inv.id } : null));
}

async function clear(key: string, jira: MoneyJira, lang: Language): Promise<boolean> {
  const claimed = await transition(key, (cur) => (cur && (cur.state === 'active' || cur.state === 'clearing') ? { ...cur, state: 'clearing' } : null));
  if (!claimed) return false;
  if (claimed.issueKey) {
    await jira.addComment(claimed.issueKey, doc(paragraph(RESOLVED[lang])));
    await jira.resolve(claimed.issueKey);
  }
  await transition(key, (cur) => (cur && cur.state === 'clearing' ? { ...cur, state: 'cleared', clearedAt: new Date().toISOString() } : null));
  return true;
}

/** Evaluates a service's alerts for `today`, raising new ones and clearing ended ones. */
export async function runServiceAlerts(serviceId: string, today: string, jira: MoneyJira): Promise<AlertRunResult> {
  const ms = await loadMoneyService(serviceId);
  const [agency, settings, svc, snap, invoiceRecords, existing, rules] = await Promise.all([
    getAgencySettings(),
    getMoneySettings(),
    getServiceMoneySettings(serviceId),
    readSnapshot(serviceId),
    invoicesOfService(serviceId),
    docsOfService(serviceId, 'alert', AlertRecordSchema),
    getNotificationRules(),
  ]);
  const invoices = invoiceRecords.map((r) => invoiceFromJson(r.invoice));
  // A condition the agency switched off is treated as absent: nothing is raised and open alerts clear.
  const states = (ms.service.status === 'ended' ? [] : evaluateAlerts(ms, snap?.value, invoices, settings, svc, today)).map((s) => (rules.moneyAlerts[s.type] ? s : { ...s, active: false }));
  const byKey = new Map(states.map((s) => [s.key, s]));
  const result: AlertRunResult = { raised: [], cleared: [], active: [] };
  const lang = agency.language;
  for (const a of states) {
    if (!a.active) continue;
    const cur = existing.find((e) => e.key === a.key)?.value;
    if (cur && cur.state === 'active') {
      result.active.push(a.key);
      // Still short of money and the last top-up invoice is paid (or cancelled): ask again, on the same issue.
      if (a.type === 'low-balance' || a.type === 'runway-below') await topUpAgain(a.key, ms, { jira, settings, svc, ...(snap ? { snapshot: snap.value } : {}), lang, today });
      continue;
    }
    if (await raise(a, ms, { jira, settings, svc, ...(snap ? { snapshot: snap.value } : {}), lang, today, invoices })) result.raised.push(a.key);
  }
  for (const e of existing) {
    const now = byKey.get(e.key);
    if ((e.value.state === 'active' || e.value.state === 'clearing') && (!now || !now.active)) {
      if (await clear(e.key, jira, lang)) result.cleared.push(e.key);
    }
  }
  if (result.raised.length + result.cleared.length > 0) await enqueuePanelRefresh([serviceId], 'money alerts');
  return result;
}

/** Active (or half-raised) alerts of a service, for panels. */
export async function activeAlerts(serviceId: string): Promise<AlertRecord[]> {
  return (await docsOfService(serviceId, 'alert', AlertRecordSchema)).map((r) => r.value).filter((r) => r.state !== 'cleared');
}
