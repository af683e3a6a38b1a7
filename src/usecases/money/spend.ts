// Ad spend in the ledger. Spend rows come from an AdSpendSource (the metrics store's normalised daily
// rows) or are entered by hand; each day and source becomes one ad-spend entry (wallet for prepaid
// services, memo when the client pays the platform directly). A re-fetched day whose figure changed
// is booked as a further entry (more spend) or a wallet correction (less spend): entries are never
// rewritten. A zero day is booked too: "the source reported zero" is what the ads-stopped alert needs.
import {
  type LedgerEntry,
  type Money,
  type SpendDay,
  type SpendRow,
  dailySpend,
  fromGross,
  idempotencyKey,
  parseMoney,
  validateEntry,
  zero,
} from '../../domain/money';
import type { MetricSource } from '../../connectors/metrics/types';
import { addMonths } from '../../domain/month-rules';
import { ValidationError } from '../../shared/errors';
import { readServiceMonth } from '../../storage/metrics.repo';
import { SPEND_CORRECTION, entriesOf } from '../../storage/ledger.repo';
import type { ServiceRecord } from '../../storage/records';
import { type MoneyService, getMoneySettings, loadMoneyService } from './context';
import { bookEntries } from './ledger';

/** Where daily ad spend comes from. */
export interface AdSpendSource {
  /** Rows for the service's ad accounts, days `from`–`to` inclusive. A row (zero included) = the source reported the day. */
  spendRows(service: ServiceRecord, from: string, to: string): Promise<SpendRow[]>;
}

/** Metric sources whose rows carry ad cost. */
const SPEND_SOURCES: readonly MetricSource[] = ['google-ads', 'yandex-direct', 'meta', 'csv'];

/**
 * Spend from the metrics store (issue 4): the normalised daily rows of the service's ad sources,
 * campaign-level, with cost in micros of the account currency. Only days with rows count as reported
 * (the store keeps what the sources returned; a day a source omitted is "no data" here).
 */
export const metricsSpendSource: AdSpendSource = {
  async spendRows(service, from, to) {
    const months: string[] = [];
    for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addMonths(m, 1)) months.push(m);
    const out: SpendRow[] = [];
    for (const month of months) {
      const bySource = await readServiceMonth(service.id, month, SPEND_SOURCES);
      for (const [src, rows] of bySource) {
        for (const r of rows) {
          if (r.costMicros === null || r.date < from || r.date > to) continue;
          out.push({ date: r.date, costMicros: r.costMicros, currency: r.currency, vatIncluded: r.vatIncluded, source: `${src}:${r.accountId}` });
        }
      }
    }
    return out;
  },
};

let source: AdSpendSource = metricsSpendSource;

export function adSpendSource(): AdSpendSource {
  return source;
}

/** Swaps the spend source (the metrics wiring, or a fake in use-case tests). */
export function setAdSpendSource(s: AdSpendSource): void {
  source = s;
}

const sourceOf = (id: string | null): string => id ?? 'unknown';

interface Booked {
  /** Net and VAT already booked for the day and source (spend minus corrections). */
  net: bigint;
  vat: bigint;
  revisions: number;
}

/** What is booked per day and source (from the month's entries). */
function bookedSpend(entries: readonly LedgerEntry[]): Map<string, Booked> {
  const out = new Map<string, Booked>();
  for (const e of entries) {
    const day = e.refs.spendDay;
    if (!day) continue;
    const src = (e.refs.source ?? 'unknown').replace(/~r\d+$/, '');
    const key = `${day}|${src}`;
    const b = out.get(key) ?? { net: 0n, vat: 0n, revisions: 0 };
    if (e.kind === 'ad-spend') out.set(key, { net: b.net + e.amount.amountMinor, vat: b.vat + (e.vat?.amountMinor ?? 0n), revisions: b.revisions + 1 });
    else if (e.kind === 'adjustment' && e.refs.note === SPEND_CORRECTION) out.set(key, { net: b.net - e.amount.amountMinor, vat: b.vat - (e.vat?.amountMinor ?? 0n), revisions: b.revisions + 1 });
  }
  return out;
}

/** The entries that bring the booked spend of each day and source to the reported figure. */
export function spendEntries(ms: MoneyService, days: readonly SpendDay[], booked: ReadonlyMap<string, Booked>): LedgerEntry[] {
  const account = ms.service.billing.prepaidAdBudget ? 'wallet' : 'memo';
  const out: LedgerEntry[] = [];
  for (const d of days) {
    const src = sourceOf(d.source);
    const b = booked.get(`${d.date}|${src}`);
    const net = d.netClient.amountMinor;
    const vat = d.vatClient.amountMinor;
    if (!b) {
      out.push(
        validateEntry({
          id: idempotencyKey('ad-spend', ms.service.id, d.date, src),
          serviceId: ms.service.id,
          period: d.date.slice(0, 7),
          date: d.date,
          kind: 'ad-spend',
          amount: d.netClient,
          ...(vat !== 0n ? { vat: d.vatClient } : {}),
          account,
          refs: { spendDay: d.date, source: src },
        }),
      );
      continue;
    }
    const dNet = net - b.net;
    const dVat = vat - b.vat;
    if (dNet === 0n && dVat === 0n) continue;
    const rev = `r${b.revisions + 1}`;
    const money = (v: bigint): Money => ({ amountMinor: v < 0n ? -v : v, currency: ms.currency });
    if (dNet >= 0n && dVat >= 0n) {
      out.push(
        validateEntry({
          id: idempotencyKey('ad-spend', ms.service.id, d.date, src, rev),
          serviceId: ms.service.id,
          period: d.date.slice(0, 7),
          date: d.date,
          kind: 'ad-spend',
          amount: money(dNet),
          ...(dVat !== 0n ? { vat: money(dVat) } : {}),
          account,
          refs: { spendDay: d.date, source: `${src}~${rev}` },
        }),
      );
    } else if (account === 'wallet' && dNet <= 0n && dVat <= 0n) {
      // Less spend than booked: credit the wallet back (a spend correction).
      out.push(
        validateEntry({
          id: idempotencyKey('adjustment', ms.service.id, `spend:${d.date}:${src}:${rev}`),
          serviceId: ms.service.id,
          period: d.date.slice(0, 7),
          date: d.date,
          kind: 'adjustment',
          amount: money(dNet === 0n ? dVat : dNet),
          ...(dNet !== 0n && dVat !== 0n ? { vat: money(dVat) } : {}),
          account: 'wallet',
          refs: { spendDay: d.date, source: src, adjustmentId: `spend:${d.date}:${src}:${rev}`, note: SPEND_CORRECTION },
        }),
      );
    } else {
      console.warn(`money: ${ms.service.id} ${d.date} ${src}: spend changed in a way not booked automatically (net ${dNet}, VAT ${dVat})`);
    }
  }
  return out;
}

/** Books spend days for one service (idempotent: days already booked at the same figure add nothing). */
export async function bookSpendDays(ms: MoneyService, days: readonly SpendDay[]): Promise<{ booked: number }> {
  if (days.length === 0) return { booked: 0 };
  const months = [...new Set(days.map((d) => d.date.slice(0, 7)))];
  const entries = (await Promise.all(months.map((m) => entriesOf(ms.service.id, m)))).flat();
  const todo = spendEntries(ms, days, bookedSpend(entries));
  if (todo.length === 0) return { booked: 0 };
  const r = await bookEntries({ serviceId: ms.service.id, currency: ms.currency, entries: todo });
  return { booked: r.booked.length };
}

/** Pulls spend for the days from the source and books it. */
export async function syncServiceSpend(service: ServiceRecord, from: string, to: string, src: AdSpendSource = adSpendSource()): Promise<{ booked: number; days: number }> {
  const ms = await loadMoneyService(service);
  const rows = await src.spendRows(service, from, to);
  if (rows.length === 0) return { booked: 0, days: 0 };
  const settings = await getMoneySettings();
  let days: SpendDay[];
  try {
    days = dailySpend(rows, { clientCurrency: ms.currency, includedVatRatePercent: settings.platformVatRatePercent });
  } catch (e) {
    // Spend in another currency without a rate, a broken row…: a retry cannot fix it; say so and go on.
    if (e instanceof ValidationError) {
      console.warn(`money: spend of ${service.id} ${from}…${to} not booked: ${e.message}`);
      return { booked: 0, days: 0 };
    }
    throw e;
  }
  const r = await bookSpendDays(ms, days);
  return { booked: r.booked, days: days.length };
}

/**
 * Spend entered by hand for a day (a platform without a connector, or a correction). `amount` is the
 * day's total as the platform charged it, in the client's currency; with `vatIncluded` the VAT is split
 * off at the platform VAT rate.
 */
export async function recordManualSpend(ms: MoneyService, input: { day: string; amount: string; currency?: string; vatIncluded?: boolean; label?: string }): Promise<{ booked: number }> {
  const currency = input.currency ?? ms.currency;
  if (currency !== ms.currency) throw new ValidationError(`Spend for ${ms.client.name} is booked in ${ms.currency}; convert it before entering it (got ${currency})`, { currency: 'wrong currency' });
  const amount = parseMoney(input.amount, currency);
  if (amount.amountMinor < 0n) throw new ValidationError('Spend cannot be negative', { amount: 'negative' });
  const settings = await getMoneySettings();
  const split = input.vatIncluded ? fromGross(amount, settings.platformVatRatePercent) : { net: amount, vat: zero(currency), gross: amount };
  const label = (input.label ?? 'manual').replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 40) || 'manual';
  const day: SpendDay = {
    date: input.day,
    source: `manual:${label}`,
    currency,
    vatIncluded: input.vatIncluded === true,
    micros: 0n,
    gross: split.gross,
    net: split.net,
    vat: split.vat,
    grossClient: split.gross,
    netClient: split.net,
    vatClient: split.vat,
    rate: null,
  };
  return bookSpendDays(ms, [day]);
}
