// Booking ledger entries: entries + rollups + snapshot in one conditional transaction, retried on
// conflicts, idempotent by entry id. Also the invariant check used by tests and the admin.
import { type LedgerEntry, type LedgerRollup, groupRollups } from '../../domain/money';
import { type LedgerBatch, type MoneySnapshot, applyToSnapshot, emptySnapshot, entriesOf, prepareLedger, readSnapshot, rollupsOf } from '../../storage/ledger.repo';
import { MAX_TX_OPS, type Write, withRetry } from '../../storage/money-store';
import { enqueuePanelRefresh } from '../panels/enqueue';
import { enqueueKpiRecomputes } from '../kpi/recompute';

export interface BookResult {
  booked: string[];
  duplicates: string[];
  snapshot: MoneySnapshot;
}

/** Entries per transaction, leaving room for their rollups (one per month) and the snapshot. */
const ENTRIES_PER_TX = 10;

/**
 * Books entries of one service. Up to ENTRIES_PER_TX entries go in one transaction with their
 * rollups and the snapshot; `extra` writes (e.g. the invoice or payment the entries belong to) join
 * the first transaction, so they commit together.
 */
export async function bookEntries(batch: LedgerBatch, extra?: () => Promise<Write[]>): Promise<BookResult> {
  const booked: string[] = [];
  const duplicates: string[] = [];
  let snapshot: MoneySnapshot | undefined;
  const chunks: LedgerEntry[][] = [];
  for (let i = 0; i < batch.entries.length; i += ENTRIES_PER_TX) chunks.push(batch.entries.slice(i, i + ENTRIES_PER_TX));
  if (chunks.length === 0) chunks.push([]);
  for (const [i, entries] of chunks.entries()) {
    const r = await withRetry<BookResult>(`Booking ${batch.serviceId}`, async () => {
      const prepared = await prepareLedger({ ...batch, entries, ...(i === 0 ? {} : { patchSnapshot: undefined }) });
      const more = i === 0 && extra ? await extra() : [];
      const writes = [...prepared.writes, ...more];
      if (writes.length > MAX_TX_OPS) throw new Error(`booking ${batch.serviceId} needs ${writes.length} writes in one transaction`);
      const result = { booked: prepared.booked.map((e) => e.id), duplicates: prepared.duplicates, snapshot: prepared.snapshot };
      return writes.length === 0 ? { done: result } : { writes, result };
    });
    booked.push(...r.booked);
    duplicates.push(...r.duplicates);
    snapshot = r.snapshot;
  }
  if (booked.length > 0) await ledgerChanged(batch.serviceId, batch.entries.filter((e) => booked.includes(e.id)).map((e) => e.period), 'ledger');
  return { booked, duplicates, snapshot: snapshot ?? emptySnapshot(batch.serviceId, batch.currency) };
}

/**
 * After entries of a service were committed (by any path: accruals, payments, invoices, refunds):
 * its panel and the KPI rollups of those months are queued for a refresh (both coalesced).
 */
export async function ledgerChanged(serviceId: string, periods: readonly string[], reason: string): Promise<void> {
  await enqueuePanelRefresh([serviceId], reason);
  // Turnover, margin and cost KPIs read the ledger rollups of these months.
  await enqueueKpiRecomputes([...new Set(periods)].map((month) => ({ serviceId, month })), reason);
}

export interface LedgerCheck {
  ok: boolean;
  entries: number;
  /** Months whose stored rollup differs from the sum of their entries. */
  rollupMismatches: string[];
  walletBalance: string;
  feesBalance: string;
  snapshotMatches: boolean;
}

/** Recomputes rollups and balances from the entries and compares them with what is stored. */
export async function checkLedger(serviceId: string, currency: string): Promise<LedgerCheck> {
  const [entries, rollups, snap] = await Promise.all([entriesOf(serviceId), rollupsOf(serviceId), readSnapshot(serviceId)]);
  const computed = groupRollups(entries);
  const stored = new Map(rollups.map((r) => [r.period, r]));
  const mismatches: string[] = [];
  const same = (a: LedgerRollup, b: LedgerRollup | undefined): boolean => b !== undefined && JSON.stringify(a) === JSON.stringify(b);
  for (const r of computed) if (!same(r, stored.get(r.period))) mismatches.push(r.period);
  for (const r of rollups) if (!computed.some((c) => c.period === r.period)) mismatches.push(r.period);
  let replay = emptySnapshot(serviceId, currency);
  for (const e of [...entries].sort((a, b) => a.id.localeCompare(b.id))) replay = applyToSnapshot(replay, e);
  const s = snap?.value;
  const snapshotMatches = (s === undefined && entries.length === 0) || (s !== undefined && s.walletBalance === replay.walletBalance && s.feesBalance === replay.feesBalance && s.entryCount === replay.entryCount);
  return {
    ok: mismatches.length === 0 && snapshotMatches,
    entries: entries.length,
    rollupMismatches: mismatches.sort(),
    walletBalance: replay.walletBalance,
    feesBalance: replay.feesBalance,
    snapshotMatches,
  };
}
