// The per-service money ledger: append-only entries with deterministic idempotency keys, and the
// per-service per-month rollup that panels read. The storage layer writes an entry (FAIL_IF_EXISTS on
// its id) and the rollup returned by applyEntry in one KVS transaction.
//
// Two accounts per service, both seen from the client's side (credit = in the client's favour):
//   wallet  prepaid ad budget: credited by the wallet part of payments, debited by ad spend and refunds
//   fees    what the client owes for our work: debited by fee and commission accruals (net + VAT),
//           credited by the fees part of payments; a positive balance is an unapplied advance
// Every balance is credits − debits. An entry moves its account by amount + vat.
import { parseCalendarDate, parseYearMonth } from '../month-rules';
import { CurrencyMismatchError, LedgerEntryError } from './errors';
import { encodeKeyPart, isKeySafe, joinKey } from './keys';
import { type Money, type MoneyJson, add, currencyExponent, moneyFromJson, moneyToJson, zero } from './money';

export const LEDGER_ENTRY_KINDS = ['fee-accrual', 'commission-accrual', 'ad-spend', 'payment', 'adjustment', 'refund'] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/** `memo` is for ad spend the client pays the platform directly: counted as spend, moves no balance. */
export type LedgerAccount = 'wallet' | 'fees' | 'memo';

export interface LedgerSourceRefs {
  invoiceId?: string;
  paymentId?: string;
  /** YYYY-MM-DD of the ad spend. */
  spendDay?: string;
  /** Where spend came from, e.g. "google-ads:1234567890". */
  source?: string;
  refundId?: string;
  adjustmentId?: string;
  note?: string;
}

export interface PaymentSplit {
  wallet: Money;
  fees: Money;
}

export interface LedgerEntry {
  /** The idempotency key: the same fact always gets the same id. */
  id: string;
  serviceId: string;
  /** YYYY-MM: the month whose rollup this entry counts toward. */
  period: string;
  /** YYYY-MM-DD: the booking date. */
  date: string;
  kind: LedgerEntryKind;
  /**
   * Net amount for accruals and ad spend (VAT in `vat`), the whole sum for payments and refunds;
   * never negative except for adjustments (positive = credit to the client).
   */
  amount: Money;
  vat?: Money;
  /** Required for adjustment and refund; ad spend defaults to wallet (or memo); implied for the rest. */
  account?: LedgerAccount;
  /** Payments only: how the payment is divided; wallet + fees = amount. */
  split?: PaymentSplit;
  refs: LedgerSourceRefs;
}

// ---------------------------------------------------------------------------------------------
// Idempotency keys

/**
 * Deterministic, KVS-key-safe ([a-zA-Z0-9:._-#]) key for a ledger fact: `kind:serviceId:part:…`.
 * Parts are escaped (see keys.ts), so different inputs give different keys.
 */
export function idempotencyKey(kind: LedgerEntryKind, serviceId: string, ...parts: string[]): string {
  return joinKey(kind, serviceId, ...parts);
}

export { isKeySafe };

// ---------------------------------------------------------------------------------------------
// Validation and builders

const ACCOUNT_OF: Partial<Record<LedgerEntryKind, LedgerAccount>> = {
  'fee-accrual': 'fees',
  'commission-accrual': 'fees',
  'ad-spend': 'wallet',
};

function fail(entry: Pick<LedgerEntry, 'id'>, message: string): never {
  throw new LedgerEntryError(`Ledger entry ${entry.id || '(no id)'}: ${message}`, { entryId: entry.id ?? null });
}

function sameCurrency(entry: LedgerEntry, m: Money, what: string): void {
  if (m.currency !== entry.amount.currency) throw new CurrencyMismatchError(entry.amount.currency, m.currency, `${what} of ${entry.id}`);
}

/** The account an entry moves (payments move both: see split). */
export function entryAccount(entry: LedgerEntry): LedgerAccount | 'split' {
  if (entry.kind === 'payment') return 'split';
  return entry.account ?? ACCOUNT_OF[entry.kind] ?? 'fees';
}

/** Throws LedgerEntryError / CurrencyMismatchError unless the entry may be written. */
export function validateEntry(entry: LedgerEntry): LedgerEntry {
  if (!entry.id || !isKeySafe(entry.id)) fail(entry, 'id must be a non-empty KVS-safe key');
  if (!entry.serviceId) fail(entry, 'serviceId is required');
  if (!LEDGER_ENTRY_KINDS.includes(entry.kind)) fail(entry, `unknown kind ${JSON.stringify(entry.kind)}`);
  if (!parseYearMonth(entry.period)) fail(entry, `period must be YYYY-MM, got ${JSON.stringify(entry.period)}`);
  if (!parseCalendarDate(entry.date)) fail(entry, `date must be YYYY-MM-DD, got ${JSON.stringify(entry.date)}`);
  currencyExponent(entry.amount.currency);
  const a = entry.amount.amountMinor;
  switch (entry.kind) {
    case 'payment':
    case 'refund':
      if (a <= 0n) fail(entry, `a ${entry.kind} must be positive`);
      if (entry.vat) fail(entry, `a ${entry.kind} carries no VAT`);
      break;
    case 'adjustment':
      if (a === 0n) fail(entry, 'an adjustment cannot be zero');
      break;
    default:
      if (a < 0n) fail(entry, `a ${entry.kind} cannot be negative (use an adjustment or a refund)`);
  }
  if (entry.vat) {
    sameCurrency(entry, entry.vat, 'vat');
    const v = entry.vat.amountMinor;
    if (v !== 0n && (v < 0n) !== (a < 0n)) fail(entry, 'vat must have the sign of the amount');
  }
  const account = entry.account;
  if (entry.kind === 'payment') {
    if (account !== undefined) fail(entry, 'a payment is divided by split, not by account');
    if (!entry.split) fail(entry, 'a payment needs a split between wallet and fees');
    sameCurrency(entry, entry.split.wallet, 'split.wallet');
    sameCurrency(entry, entry.split.fees, 'split.fees');
    if (entry.split.wallet.amountMinor < 0n || entry.split.fees.amountMinor < 0n) fail(entry, 'split parts cannot be negative');
    if (entry.split.wallet.amountMinor + entry.split.fees.amountMinor !== a) fail(entry, 'split parts must add up to the amount');
  } else {
    if (entry.split) fail(entry, 'only payments have a split');
    if (entry.kind === 'adjustment' || entry.kind === 'refund') {
      if (account !== 'wallet' && account !== 'fees') fail(entry, `a ${entry.kind} needs account wallet or fees`);
    } else if (entry.kind === 'ad-spend') {
      if (account !== undefined && account !== 'wallet' && account !== 'memo') fail(entry, 'ad spend goes to wallet or memo');
    } else if (account !== undefined && account !== ACCOUNT_OF[entry.kind]) {
      fail(entry, `a ${entry.kind} always goes to ${ACCOUNT_OF[entry.kind]}`);
    }
  }
  if (entry.refs.spendDay !== undefined && !parseCalendarDate(entry.refs.spendDay)) fail(entry, 'refs.spendDay must be YYYY-MM-DD');
  return entry;
}

interface BaseInput {
  serviceId: string;
  date: string;
  amount: Money;
}

export function feeAccrual(input: BaseInput & { period: string; vat?: Money; invoiceId?: string }): LedgerEntry {
  return validateEntry({
    id: idempotencyKey('fee-accrual', input.serviceId, input.period),
    serviceId: input.serviceId,
    period: input.period,
    date: input.date,
    kind: 'fee-accrual',
    amount: input.amount,
    ...(input.vat ? { vat: input.vat } : {}),
    refs: input.invoiceId ? { invoiceId: input.invoiceId } : {},
  });
}

/** `revision` lets a recomputed month's commission be booked as a further entry (r2, r3…). */
export function commissionAccrual(
  input: BaseInput & { period: string; vat?: Money; invoiceId?: string; revision?: number },
): LedgerEntry {
  const rev = input.revision && input.revision > 1 ? [`r${input.revision}`] : [];
  return validateEntry({
    id: idempotencyKey('commission-accrual', input.serviceId, input.period, ...rev),
    serviceId: input.serviceId,
    period: input.period,
    date: input.date,
    kind: 'commission-accrual',
    amount: input.amount,
    ...(input.vat ? { vat: input.vat } : {}),
    refs: input.invoiceId ? { invoiceId: input.invoiceId } : {},
  });
}

/** One entry per service, spend day and source; booked in the day's month on the day itself. */
export function adSpend(input: {
  serviceId: string;
  day: string;
  amount: Money;
  vat?: Money;
  source?: string;
  account?: 'wallet' | 'memo';
}): LedgerEntry {
  return validateEntry({
    id: idempotencyKey('ad-spend', input.serviceId, input.day, ...(input.source ? [input.source] : [])),
    serviceId: input.serviceId,
    period: input.day.slice(0, 7),
    date: input.day,
    kind: 'ad-spend',
    amount: input.amount,
    ...(input.vat ? { vat: input.vat } : {}),
    ...(input.account ? { account: input.account } : {}),
    refs: { spendDay: input.day, ...(input.source ? { source: input.source } : {}) },
  });
}

export function paymentEntry(
  input: BaseInput & { period: string; paymentId: string; split: PaymentSplit; invoiceId?: string },
): LedgerEntry {
  return validateEntry({
    id: idempotencyKey('payment', input.serviceId, input.paymentId),
    serviceId: input.serviceId,
    period: input.period,
    date: input.date,
    kind: 'payment',
    amount: input.amount,
    split: input.split,
    refs: { paymentId: input.paymentId, ...(input.invoiceId ? { invoiceId: input.invoiceId } : {}) },
  });
}

export function adjustment(
  input: BaseInput & { period: string; adjustmentId: string; account: 'wallet' | 'fees'; vat?: Money; note?: string },
): LedgerEntry {
  return validateEntry({
    id: idempotencyKey('adjustment', input.serviceId, input.adjustmentId),
    serviceId: input.serviceId,
    period: input.period,
    date: input.date,
    kind: 'adjustment',
    amount: input.amount,
    ...(input.vat ? { vat: input.vat } : {}),
    account: input.account,
    refs: { adjustmentId: input.adjustmentId, ...(input.note ? { note: input.note } : {}) },
  });
}

export function refund(
  input: BaseInput & { period: string; refundId: string; account: 'wallet' | 'fees'; paymentId?: string; note?: string },
): LedgerEntry {
  return validateEntry({
    id: idempotencyKey('refund', input.serviceId, input.refundId),
    serviceId: input.serviceId,
    period: input.period,
    date: input.date,
    kind: 'refund',
    amount: input.amount,
    account: input.account,
    refs: { refundId: input.refundId, ...(input.paymentId ? { paymentId: input.paymentId } : {}), ...(input.note ? { note: input.note } : {}) },
  });
}

// ---------------------------------------------------------------------------------------------
// Effects, rollups, idempotent merge

/** Signed movement of each account in minor units (credit positive). */
export interface EntryEffect {
  wallet: bigint;
  fees: bigint;
}

export function entryEffect(entry: LedgerEntry): EntryEffect {
  const gross = entry.amount.amountMinor + (entry.vat?.amountMinor ?? 0n);
  const on = (account: LedgerAccount | 'split', signed: bigint): EntryEffect =>
    account === 'wallet' ? { wallet: signed, fees: 0n } : account === 'fees' ? { wallet: 0n, fees: signed } : { wallet: 0n, fees: 0n };
  switch (entry.kind) {
    case 'payment':
      return { wallet: entry.split?.wallet.amountMinor ?? 0n, fees: entry.split?.fees.amountMinor ?? 0n };
    case 'adjustment':
      return on(entryAccount(entry), gross);
    default:
      return on(entryAccount(entry), -gross);
  }
}

/** Per-service per-month totals; every amount is minor units as a decimal-integer string. */
export interface LedgerRollup {
  serviceId: string;
  /** YYYY-MM */
  period: string;
  currency: string;
  /** Net fee accruals. */
  feesAccrued: string;
  /** Net commission accruals. */
  commissionAccrued: string;
  /** VAT on accruals and on fee-account adjustments. */
  vatAccrued: string;
  /** Net ad spend (wallet and memo). */
  spend: string;
  /** VAT included with ad spend. */
  spendVat: string;
  paymentsReceived: string;
  paymentsToWallet: string;
  paymentsToFees: string;
  refunds: string;
  /** Signed sum of adjustments, VAT included. */
  adjustments: string;
  walletCredits: string;
  walletDebits: string;
  /** walletCredits − walletDebits. */
  walletBalanceDelta: string;
  feesCredits: string;
  feesDebits: string;
  /** feesCredits − feesDebits. */
  feesBalanceDelta: string;
  entryCount: number;
  /** Latest entry date seen (order-independent). */
  lastEntryDate: string | null;
}

type AmountField = Exclude<keyof LedgerRollup, 'serviceId' | 'period' | 'currency' | 'entryCount' | 'lastEntryDate'>;

export function emptyRollup(serviceId: string, period: string, currency: string): LedgerRollup {
  currencyExponent(currency);
  if (!parseYearMonth(period)) throw new LedgerEntryError(`Rollup period must be YYYY-MM, got ${JSON.stringify(period)}`);
  return {
    serviceId,
    period,
    currency,
    feesAccrued: '0',
    commissionAccrued: '0',
    vatAccrued: '0',
    spend: '0',
    spendVat: '0',
    paymentsReceived: '0',
    paymentsToWallet: '0',
    paymentsToFees: '0',
    refunds: '0',
    adjustments: '0',
    walletCredits: '0',
    walletDebits: '0',
    walletBalanceDelta: '0',
    feesCredits: '0',
    feesDebits: '0',
    feesBalanceDelta: '0',
    entryCount: 0,
    lastEntryDate: null,
  };
}

/** The KVS-safe key of the rollup an entry belongs to. */
export function rollupKey(serviceId: string, period: string): string {
  return `rollup:${encodeKeyPart(serviceId)}:${period}`;
}

/** Folds one (validated) entry into its rollup; refuses another service, month or currency. */
export function applyEntry(rollup: LedgerRollup, entry: LedgerEntry): LedgerRollup {
  validateEntry(entry);
  if (entry.serviceId !== rollup.serviceId || entry.period !== rollup.period) {
    throw new LedgerEntryError(
      `Entry ${entry.id} (${entry.serviceId} ${entry.period}) does not belong to rollup ${rollup.serviceId} ${rollup.period}`,
      { entryId: entry.id },
    );
  }
  if (entry.amount.currency !== rollup.currency) throw new CurrencyMismatchError(rollup.currency, entry.amount.currency, `ledger of ${rollup.serviceId}`);
  const next: LedgerRollup = { ...rollup };
  const bump = (field: AmountField, by: bigint): void => {
    if (by !== 0n) next[field] = (BigInt(next[field]) + by).toString();
  };
  const amount = entry.amount.amountMinor;
  const vat = entry.vat?.amountMinor ?? 0n;
  switch (entry.kind) {
    case 'fee-accrual':
      bump('feesAccrued', amount);
      bump('vatAccrued', vat);
      break;
    case 'commission-accrual':
      bump('commissionAccrued', amount);
      bump('vatAccrued', vat);
      break;
    case 'ad-spend':
      bump('spend', amount);
      bump('spendVat', vat);
      break;
    case 'payment':
      bump('paymentsReceived', amount);
      bump('paymentsToWallet', entry.split?.wallet.amountMinor ?? 0n);
      bump('paymentsToFees', entry.split?.fees.amountMinor ?? 0n);
      break;
    case 'refund':
      bump('refunds', amount);
      break;
    case 'adjustment':
      bump('adjustments', amount + vat);
      if (entry.account === 'fees') bump('vatAccrued', -vat);
      break;
  }
  const effect = entryEffect(entry);
  const credit = (x: bigint): bigint => (x > 0n ? x : 0n);
  const debit = (x: bigint): bigint => (x < 0n ? -x : 0n);
  bump('walletCredits', credit(effect.wallet));
  bump('walletDebits', debit(effect.wallet));
  bump('walletBalanceDelta', effect.wallet);
  bump('feesCredits', credit(effect.fees));
  bump('feesDebits', debit(effect.fees));
  bump('feesBalanceDelta', effect.fees);
  next.entryCount = rollup.entryCount + 1;
  next.lastEntryDate = rollup.lastEntryDate === null || entry.date > rollup.lastEntryDate ? entry.date : rollup.lastEntryDate;
  return next;
}

export interface RollupKey {
  serviceId: string;
  period: string;
  currency: string;
}

/** The rollup of one service and month from its entries (any order gives the same result). */
export function rollupFromEntries(key: RollupKey, entries: Iterable<LedgerEntry>): LedgerRollup {
  let r = emptyRollup(key.serviceId, key.period, key.currency);
  for (const e of entries) r = applyEntry(r, e);
  return r;
}

/** All rollups the entries touch, sorted by service then month. Currency is taken per service. */
export function groupRollups(entries: Iterable<LedgerEntry>): LedgerRollup[] {
  const byKey = new Map<string, LedgerRollup>();
  for (const e of entries) {
    const k = rollupKey(e.serviceId, e.period);
    const r = byKey.get(k) ?? emptyRollup(e.serviceId, e.period, e.amount.currency);
    byKey.set(k, applyEntry(r, e));
  }
  return [...byKey.values()].sort((a, b) =>
    a.serviceId === b.serviceId ? a.period.localeCompare(b.period) : a.serviceId < b.serviceId ? -1 : 1,
  );
}

export type MergeResult =
  | { accepted: true; keys: ReadonlySet<string> }
  | { accepted: false; reason: 'duplicate'; key: string };

/** Idempotency check: an entry whose id is already known is refused (a replay, not an error). */
export function mergeEntries(existingKeys: ReadonlySet<string>, entry: LedgerEntry): MergeResult {
  if (existingKeys.has(entry.id)) return { accepted: false, reason: 'duplicate', key: entry.id };
  const keys = new Set(existingKeys);
  keys.add(entry.id);
  return { accepted: true, keys };
}

/** A rollup amount field as money. */
export function rollupMoney(rollup: LedgerRollup, field: AmountField): Money {
  return { amountMinor: BigInt(rollup[field]), currency: rollup.currency };
}

/** Σ of a rollup field over months (all rollups must share a currency). */
export function sumRollupField(currency: string, rollups: Iterable<LedgerRollup>, field: AmountField): Money {
  let total = zero(currency);
  for (const r of rollups) total = add(total, rollupMoney(r, field));
  return total;
}

// ---------------------------------------------------------------------------------------------
// JSON (KVS documents)

export interface LedgerEntryJson extends Omit<LedgerEntry, 'amount' | 'vat' | 'split'> {
  amount: MoneyJson;
  vat?: MoneyJson;
  split?: { wallet: MoneyJson; fees: MoneyJson };
}

export function ledgerEntryToJson(entry: LedgerEntry): LedgerEntryJson {
  const { amount, vat, split, ...rest } = entry;
  return {
    ...rest,
    amount: moneyToJson(amount),
    ...(vat ? { vat: moneyToJson(vat) } : {}),
    ...(split ? { split: { wallet: moneyToJson(split.wallet), fees: moneyToJson(split.fees) } } : {}),
  };
}

export function ledgerEntryFromJson(json: LedgerEntryJson): LedgerEntry {
  const { amount, vat, split, ...rest } = json;
  return validateEntry({
    ...rest,
    amount: moneyFromJson(amount),
    ...(vat ? { vat: moneyFromJson(vat) } : {}),
    ...(split ? { split: { wallet: moneyFromJson(split.wallet), fees: moneyFromJson(split.fees) } } : {}),
  });
}
