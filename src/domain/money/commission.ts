// Commission on ad spend for a period, from the connectors' daily cost rows.
//
// Rounding (each step rounds once, half-up, to the minor unit):
//   1. Rows are grouped per day, source, currency and VAT flag; their micros are summed exactly.
//   2. The day's micros become money in the source currency (fromMicros).
//   3. VAT-included spend is split into net + VAT (vat.ts fromGross) at the platform's VAT rate.
//   4. Spend in another currency than the client's is converted with an explicit rate; without a rate
//      for that currency a MissingExchangeRateError is thrown: nothing is converted silently.
//   5. Net spend of the period = Σ of the days' rounded net amounts in the client's currency (the same
//      numbers the ledger's ad-spend entries carry); commission = round(net spend × percent / 100).
import { parseCalendarDate, parseYearMonth } from '../month-rules';
import { InvalidAmountError, MissingExchangeRateError, SpendRowError } from './errors';
import { type Money, convert, currencyExponent, fromMicros, parseMicros, percentOf, ratioOf, sub, sum } from './money';
import { fromGross, parseVatRate } from './vat';

export interface SpendRow {
  /** YYYY-MM-DD in the ad account's time zone. */
  date: string;
  /** int64 micros as a string (Google Ads, Yandex Direct) or a bigint; null (no cost data) is skipped. */
  costMicros: string | bigint | null;
  /** ISO 4217 of the ad account, as the source reported it; null is refused unless the cost is 0. */
  currency: string | null;
  /** The source reported cost with VAT included (Yandex Direct IncludeVAT=YES); null = not said = net. */
  vatIncluded?: boolean | null;
  /** The platform's VAT rate for this row; falls back to options.includedVatRatePercent. */
  vatRatePercent?: string;
  /** e.g. "google-ads:1234567890"; days are kept apart per source. */
  source?: string | null;
}

/** 1 unit of the key currency = rate units of the client's currency, e.g. { USD: "41.25" }. */
export type ExchangeRates = Readonly<Record<string, string>>;

export interface SpendOptions {
  clientCurrency: string;
  /** Only rows of this month are accepted (YYYY-MM); a row from another month is an error. */
  period?: string;
  /** VAT rate for rows with vatIncluded and no rate of their own. */
  includedVatRatePercent?: string;
  rates?: ExchangeRates;
}

export interface SpendDay {
  date: string;
  source: string | null;
  /** Source currency. */
  currency: string;
  vatIncluded: boolean;
  micros: bigint;
  /** As reported, in the source currency (VAT included when vatIncluded). */
  gross: Money;
  net: Money;
  vat: Money;
  /** In the client's currency (equal to the above when no conversion was needed). */
  grossClient: Money;
  netClient: Money;
  vatClient: Money;
  /** The rate used when converted. */
  rate: string | null;
}

function rateFor(options: SpendOptions, currency: string, index: number): string | null {
  if (currency === options.clientCurrency) return null;
  const rate = options.rates?.[currency];
  if (rate === undefined) throw new MissingExchangeRateError(options.clientCurrency, currency, `spend row ${index}`);
  if (ratioOf(rate, 'rate').num <= 0n) throw new InvalidAmountError(rate, 'An exchange rate must be positive', 'rate');
  return rate;
}

/** One SpendDay per date, source, currency and VAT flag, sorted by date then source then currency. */
export function dailySpend(rows: readonly SpendRow[], options: SpendOptions): SpendDay[] {
  currencyExponent(options.clientCurrency);
  if (options.period !== undefined && !parseYearMonth(options.period)) {
    throw new InvalidAmountError(options.period, 'Period must be YYYY-MM', 'period');
  }
  interface Group {
    date: string;
    source: string | null;
    currency: string;
    vatIncluded: boolean;
    vatRate: string | null;
    rate: string | null;
    micros: bigint;
  }
  const groups = new Map<string, Group>();
  rows.forEach((row, i) => {
    if (!parseCalendarDate(row.date)) throw new SpendRowError(i, `date must be YYYY-MM-DD, got ${JSON.stringify(row.date)}`);
    if (options.period !== undefined && !row.date.startsWith(`${options.period}-`)) {
      throw new SpendRowError(i, `${row.date} is outside ${options.period}`);
    }
    if (row.costMicros === null) return;
    let micros: bigint;
    try {
      micros = parseMicros(row.costMicros);
    } catch {
      throw new SpendRowError(i, `cost must be integer micros, got ${JSON.stringify(String(row.costMicros))}`);
    }
    if (micros < 0n) throw new SpendRowError(i, 'cost cannot be negative');
    if (row.currency === null) {
      if (micros === 0n) return;
      throw new SpendRowError(i, 'the source did not say which currency the cost is in');
    }
    currencyExponent(row.currency);
    const currency = row.currency;
    const vatIncluded = row.vatIncluded === true;
    const vatRate = vatIncluded ? (row.vatRatePercent ?? options.includedVatRatePercent ?? null) : null;
    if (vatIncluded && vatRate === null) throw new SpendRowError(i, 'cost includes VAT but no VAT rate was given');
    if (vatRate !== null) parseVatRate(vatRate);
    const rate = rateFor(options, currency, i);
    const source = row.source ?? null;
    const key = JSON.stringify([row.date, source, currency, vatIncluded, vatRate]);
    const g = groups.get(key);
    if (g) g.micros += micros;
    else groups.set(key, { date: row.date, source, currency, vatIncluded, vatRate, rate, micros });
  });
  const days = [...groups.values()].map((g): SpendDay => {
    const gross = fromMicros(g.micros, g.currency);
    const split = g.vatRate !== null ? fromGross(gross, g.vatRate) : { net: gross, vat: sub(gross, gross), gross };
    const grossClient = g.rate === null ? gross : convert(gross, options.clientCurrency, g.rate);
    const netClient = g.rate === null ? split.net : convert(split.net, options.clientCurrency, g.rate);
    return {
      date: g.date,
      source: g.source,
      currency: g.currency,
      vatIncluded: g.vatIncluded,
      micros: g.micros,
      gross,
      net: split.net,
      vat: split.vat,
      grossClient,
      netClient,
      vatClient: sub(grossClient, netClient),
      rate: g.rate,
    };
  });
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return days.sort((a, b) => cmp(a.date, b.date) || cmp(a.source ?? '', b.source ?? '') || cmp(a.currency, b.currency) || Number(a.vatIncluded) - Number(b.vatIncluded));
}

export interface CommissionResult {
  currency: string;
  commissionPercent: string;
  /** Σ netClient of the days. */
  netSpend: Money;
  /** Σ vatClient of the days (informational). */
  spendVat: Money;
  commission: Money;
  days: SpendDay[];
}

/** Commission for a period at `commissionPercent` (service.billing.commissionPercent) of net spend. */
export function commissionForPeriod(rows: readonly SpendRow[], options: SpendOptions & { commissionPercent: string }): CommissionResult {
  const pct = ratioOf(options.commissionPercent, 'commissionPercent');
  if (pct.num < 0n || pct.num > 100n * pct.den) {
    throw new InvalidAmountError(options.commissionPercent, 'Commission is a percent from 0 to 100', 'commissionPercent');
  }
  const days = dailySpend(rows, options);
  const netSpend = sum(options.clientCurrency, days.map((d) => d.netClient));
  return {
    currency: options.clientCurrency,
    commissionPercent: options.commissionPercent,
    netSpend,
    spendVat: sum(options.clientCurrency, days.map((d) => d.vatClient)),
    commission: percentOf(netSpend, options.commissionPercent, 'half-up'),
    days,
  };
}
