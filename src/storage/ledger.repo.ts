// The ledger in KVS: append-only entries (entity `ledger-entry`, key = the entry's idempotency key),
// the per-service per-month rollup and the per-service money snapshot (entity `money-doc`). An entry
// is only ever written in the same transaction as the rollup and snapshot that count it, so a panel
// reading the snapshot and the month's rollup (2 reads) always sees figures that add up.
import { z } from 'zod';
import {
  type LedgerEntry,
  type LedgerEntryJson,
  type LedgerRollup,
  applyEntry,
  emptyRollup,
  entryEffect,
  ledgerEntryFromJson,
  ledgerEntryToJson,
  rollupKey,
} from '../domain/money';
import { CurrencyMismatchError } from '../domain/money';
import { encodeKeyPart } from '../domain/money';
import { MONEY_ENTITY, type Versioned, type Write, queryRecords, readRecord, readRecords } from './money-store';

/** Days of spend kept in the snapshot (covers a month for the pace alerts plus the 7-day window). */
export const SPEND_DAYS_KEPT = 62;
/** Billed months kept in the snapshot's fee list. */
const FEE_PERIODS_KEPT = 36;

export type FeePeriodState = 'open' | 'paid' | 'cancelled';

/** What panels read: balances and recent spend of one service, updated with every ledger write. */
export interface MoneySnapshot {
  serviceId: string;
  currency: string;
  /** Minor units, credits − debits of the wallet (prepaid ad budget). */
  walletBalance: string;
  /** Minor units; negative = the client owes fees, positive = advance. */
  feesBalance: string;
  /** YYYY-MM-DD → minor units of ad spend booked for the day (net + VAT; a "0" day was reported as zero). */
  spendDays: Record<string, string>;
  /** YYYY-MM → state of that month's subscription (fee) invoice. */
  feePeriods: Record<string, FeePeriodState>;
  entryCount: number;
  lastEntryDate: string | null;
  updatedAt: string;
}

const Minor = z.string().regex(/^-?\d{1,40}$/);

export const LedgerEntryJsonSchema = z.custom<LedgerEntryJson>((v) => {
  try {
    ledgerEntryFromJson(v as LedgerEntryJson);
    return true;
  } catch {
    return false;
  }
}, 'not a valid ledger entry');

export const LedgerRollupSchema: z.ZodType<LedgerRollup> = z.object({
  serviceId: z.string(),
  period: z.string(),
  currency: z.string(),
  feesAccrued: Minor,
  commissionAccrued: Minor,
  vatAccrued: Minor,
  spend: Minor,
  spendVat: Minor,
  paymentsReceived: Minor,
  paymentsToWallet: Minor,
  paymentsToFees: Minor,
  refunds: Minor,
  adjustments: Minor,
  walletCredits: Minor,
  walletDebits: Minor,
  walletBalanceDelta: Minor,
  feesCredits: Minor,
  feesDebits: Minor,
  feesBalanceDelta: Minor,
  entryCount: z.number().int(),
  lastEntryDate: z.string().nullable(),
});

export const MoneySnapshotSchema: z.ZodType<MoneySnapshot> = z.object({
  serviceId: z.string(),
  currency: z.string(),
  walletBalance: Minor,
  feesBalance: Minor,
  spendDays: z.record(z.string(), Minor),
  feePeriods: z.record(z.string(), z.enum(['open', 'paid', 'cancelled'])),
  entryCount: z.number().int(),
  lastEntryDate: z.string().nullable(),
  updatedAt: z.string(),
});

export const snapshotKey = (serviceId: string): string => `snapshot:${encodeKeyPart(serviceId)}`;

export function emptySnapshot(serviceId: string, currency: string): MoneySnapshot {
  return { serviceId, currency, walletBalance: '0', feesBalance: '0', spendDays: {}, feePeriods: {}, entryCount: 0, lastEntryDate: null, updatedAt: new Date(0).toISOString() };
}

function keepLatest<V>(record: Record<string, V>, n: number): Record<string, V> {
  const keys = Object.keys(record).sort();
  if (keys.length <= n) return record;
  return Object.fromEntries(keys.slice(-n).map((k) => [k, record[k] as V]));
}

/** Folds one entry into the snapshot (balances, spend days, counters). */
export function applyToSnapshot(s: MoneySnapshot, entry: LedgerEntry): MoneySnapshot {
  if (entry.amount.currency !== s.currency) throw new CurrencyMismatchError(s.currency, entry.amount.currency, `money of ${s.serviceId}`);
  const effect = entryEffect(entry);
  const next: MoneySnapshot = {
    ...s,
    walletBalance: (BigInt(s.walletBalance) + effect.wallet).toString(),
    feesBalance: (BigInt(s.feesBalance) + effect.fees).toString(),
    entryCount: s.entryCount + 1,
    lastEntryDate: s.lastEntryDate === null || entry.date > s.lastEntryDate ? entry.date : s.lastEntryDate,
  };
  const day = entry.refs.spendDay;
  const gross = entry.amount.amountMinor + (entry.vat?.amountMinor ?? 0n);
  if (entry.kind === 'ad-spend' && day) {
    next.spendDays = keepLatest({ ...s.spendDays, [day]: (BigInt(s.spendDays[day] ?? '0') + gross).toString() }, SPEND_DAYS_KEPT);
  } else if (entry.kind === 'adjustment' && day && entry.refs.note === SPEND_CORRECTION && s.spendDays[day] !== undefined) {
    // A spend correction credits the wallet: the day's spend goes down by the same amount.
    next.spendDays = { ...s.spendDays, [day]: (BigInt(s.spendDays[day] ?? '0') - gross).toString() };
  }
  return next;
}

/** refs.note of the wallet adjustment that books a re-fetched day whose spend went down. */
export const SPEND_CORRECTION = 'spend-correction';

export function setFeePeriod(s: MoneySnapshot, period: string, state: FeePeriodState): MoneySnapshot {
  return { ...s, feePeriods: keepLatest({ ...s.feePeriods, [period]: state }, FEE_PERIODS_KEPT) };
}

const rollupAttrs = (r: LedgerRollup): Record<string, string> => ({ kind: 'rollup', serviceId: r.serviceId, sortKey: r.period });

export function entryWrite(entry: LedgerEntry): Write {
  return { entity: MONEY_ENTITY.ledger, key: entry.id, data: ledgerEntryToJson(entry), attrs: { serviceId: entry.serviceId, period: entry.period, kind: entry.kind }, expect: 'absent' };
}

export function snapshotWrite(s: MoneySnapshot, expect: Write['expect']): Write {
  return { entity: MONEY_ENTITY.doc, key: snapshotKey(s.serviceId), data: { ...s, updatedAt: new Date().toISOString() }, attrs: { kind: 'snapshot', serviceId: s.serviceId, sortKey: 'snapshot' }, expect };
}

export interface LedgerBatch {
  serviceId: string;
  /** The client's currency: every entry must be in it. */
  currency: string;
  entries: readonly LedgerEntry[];
  /** Further snapshot changes made in the same transaction (fee periods). */
  patchSnapshot?: (s: MoneySnapshot) => MoneySnapshot;
}

export interface PreparedLedger {
  writes: Write[];
  /** Entries this transaction adds. */
  booked: LedgerEntry[];
  /** Entries already stored (an idempotent replay): not written again. */
  duplicates: string[];
  snapshot: MoneySnapshot;
}

/**
 * Reads the entries' ids, their months' rollups and the snapshot, and returns the writes that add the
 * new entries with updated rollups and snapshot, each conditioned on the version read.
 */
export async function prepareLedger(batch: LedgerBatch): Promise<PreparedLedger> {
  const ids = batch.entries.map((e) => e.id);
  const periods = [...new Set(batch.entries.map((e) => e.period))];
  const [existing, rollups, snap] = await Promise.all([
    ids.length > 0 ? readRecords(MONEY_ENTITY.ledger, ids, LedgerEntryJsonSchema) : Promise.resolve(new Map<string, Versioned<LedgerEntryJson>>()),
    readRecords(MONEY_ENTITY.doc, periods.map((p) => rollupKey(batch.serviceId, p)), LedgerRollupSchema),
    readRecord(MONEY_ENTITY.doc, snapshotKey(batch.serviceId), MoneySnapshotSchema),
  ]);
  const duplicates: string[] = [];
  const booked: LedgerEntry[] = [];
  const seen = new Set<string>();
  let snapshot = snap?.value ?? emptySnapshot(batch.serviceId, batch.currency);
  if (snapshot.currency !== batch.currency) throw new CurrencyMismatchError(snapshot.currency, batch.currency, `money of ${batch.serviceId}`);
  const nextRollups = new Map<string, { rollup: LedgerRollup; expect: Write['expect'] }>();
  for (const entry of batch.entries) {
    if (entry.serviceId !== batch.serviceId) throw new Error(`entry ${entry.id} belongs to ${entry.serviceId}, not ${batch.serviceId}`);
    if (existing.has(entry.id) || seen.has(entry.id)) {
      duplicates.push(entry.id);
      continue;
    }
    seen.add(entry.id);
    const key = rollupKey(entry.serviceId, entry.period);
    const cur = nextRollups.get(key);
    const stored = rollups.get(key);
    const base = cur?.rollup ?? stored?.value ?? emptyRollup(entry.serviceId, entry.period, batch.currency);
    nextRollups.set(key, { rollup: applyEntry(base, entry), expect: cur?.expect ?? stored?.version ?? 'absent' });
    snapshot = applyToSnapshot(snapshot, entry);
    booked.push(entry);
  }
  if (batch.patchSnapshot) snapshot = batch.patchSnapshot(snapshot);
  const writes: Write[] = booked.map(entryWrite);
  for (const [key, r] of nextRollups) writes.push({ entity: MONEY_ENTITY.doc, key, data: r.rollup, attrs: rollupAttrs(r.rollup), expect: r.expect });
  const snapshotChanged = booked.length > 0 || batch.patchSnapshot !== undefined;
  if (snapshotChanged) writes.push(snapshotWrite(snapshot, snap?.version ?? 'absent'));
  return { writes, booked, duplicates, snapshot };
}

export async function readSnapshot(serviceId: string): Promise<Versioned<MoneySnapshot> | undefined> {
  return readRecord(MONEY_ENTITY.doc, snapshotKey(serviceId), MoneySnapshotSchema);
}

export async function readRollup(serviceId: string, period: string): Promise<Versioned<LedgerRollup> | undefined> {
  return readRecord(MONEY_ENTITY.doc, rollupKey(serviceId, period), LedgerRollupSchema);
}

/** Snapshot and a month's rollup together: one batch read. */
export async function readPanelDocs(serviceId: string, period: string): Promise<{ snapshot?: MoneySnapshot; rollup?: LedgerRollup }> {
  const docs = await readRecords(MONEY_ENTITY.doc, [snapshotKey(serviceId), rollupKey(serviceId, period)], z.unknown());
  const snap = docs.get(snapshotKey(serviceId));
  const roll = docs.get(rollupKey(serviceId, period));
  return {
    ...(snap ? { snapshot: MoneySnapshotSchema.parse(snap.value) } : {}),
    ...(roll ? { rollup: LedgerRollupSchema.parse(roll.value) } : {}),
  };
}

/** All months' rollups of a service, oldest first. */
export async function rollupsOf(serviceId: string, periodPrefix = ''): Promise<LedgerRollup[]> {
  const rows = await queryRecords(MONEY_ENTITY.doc, 'by-service-kind', { partition: [serviceId, 'rollup'], ...(periodPrefix ? { beginsWith: periodPrefix } : {}) }, LedgerRollupSchema);
  return rows.map((r) => r.value);
}

/** Entries of a service (of a month or year when `periodPrefix` is given), in booking-month order. */
export async function entriesOf(serviceId: string, periodPrefix = ''): Promise<LedgerEntry[]> {
  const rows = await queryRecords(MONEY_ENTITY.ledger, 'by-service', { partition: [serviceId], ...(periodPrefix ? { beginsWith: periodPrefix } : {}) }, LedgerEntryJsonSchema);
  return rows.map((r) => ledgerEntryFromJson(r.value));
}
