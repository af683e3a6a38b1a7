// VAT.
//
// RULE: VAT is computed per invoice line, rounded half-up (ties away from zero) to the minor unit:
//   line net   = round(quantity × unit price)
//   line VAT   = round(line net × rate / 100)
//   line gross = line net + line VAT
// The invoice net, VAT and gross are the sums of the rounded lines, so the printed lines always add up
// to the printed totals (net + VAT = gross exactly, on every line and on the invoice).
//
// VAT included in a gross amount (ad platforms that report spend with VAT) is extracted once per amount:
//   VAT = round(gross × rate / (100 + rate)), net = gross − VAT
// so net + VAT = gross exactly; recomputing VAT from that net may differ from it by at most one unit.
import { InvalidAmountError } from './errors';
import { type Money, type Ratio, type RoundingMode, add, divRound, ratioOf, sub, zero } from './money';

export interface VatAmounts {
  net: Money;
  vat: Money;
  gross: Money;
}

/** A validated VAT rate in percent, 0–100, as an exact ratio of a percent. */
export function parseVatRate(ratePercent: string): Ratio {
  const r = ratioOf(ratePercent, 'vatRatePercent');
  if (r.num < 0n || r.num > 100n * r.den) {
    throw new InvalidAmountError(ratePercent, 'A VAT rate is a percent from 0 to 100', 'vatRatePercent');
  }
  return r;
}

/** "20.00" → "20", "7.50" → "7.5": one spelling per rate, for grouping VAT by rate. */
export function canonicalRate(ratePercent: string): string {
  parseVatRate(ratePercent);
  const s = ratePercent.replace(/^0+(?=\d)/, '');
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** VAT on a net amount: round(net × rate / 100). */
export function vatOnNet(net: Money, ratePercent: string, mode: RoundingMode = 'half-up'): Money {
  const r = parseVatRate(ratePercent);
  return { amountMinor: divRound(net.amountMinor * r.num, r.den * 100n, mode), currency: net.currency };
}

export function fromNet(net: Money, ratePercent: string): VatAmounts {
  const vat = vatOnNet(net, ratePercent);
  return { net, vat, gross: add(net, vat) };
}

/** Splits a VAT-inclusive amount: VAT = round(gross × rate / (100 + rate)), net = gross − VAT. */
export function fromGross(gross: Money, ratePercent: string): VatAmounts {
  const r = parseVatRate(ratePercent);
  const vat = { amountMinor: divRound(gross.amountMinor * r.num, 100n * r.den + r.num, 'half-up'), currency: gross.currency };
  return { net: sub(gross, vat), vat, gross };
}

export function sumVatAmounts(currency: string, items: Iterable<VatAmounts>): VatAmounts {
  let out: VatAmounts = { net: zero(currency), vat: zero(currency), gross: zero(currency) };
  for (const it of items) out = { net: add(out.net, it.net), vat: add(out.vat, it.vat), gross: add(out.gross, it.gross) };
  return out;
}

export interface VatBreakdownRow extends VatAmounts {
  /** Canonical rate ("20", "7.5"). */
  ratePercent: string;
}

/** Per-rate subtotals of already-rounded lines (for the invoice's VAT table); rates ascending. */
export function vatBreakdown(
  currency: string,
  lines: Iterable<VatAmounts & { vatRatePercent: string }>,
): VatBreakdownRow[] {
  const byRate = new Map<string, VatAmounts[]>();
  for (const line of lines) {
    const rate = canonicalRate(line.vatRatePercent);
    byRate.set(rate, [...(byRate.get(rate) ?? []), line]);
  }
  return [...byRate.entries()]
    .map(([ratePercent, rows]) => ({ ratePercent, ...sumVatAmounts(currency, rows) }))
    .sort((a, b) => {
      const x = ratioOf(a.ratePercent);
      const y = ratioOf(b.ratePercent);
      const d = x.num * y.den - y.num * x.den;
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    });
}
