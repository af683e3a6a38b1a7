// One sync unit: pull one connection's date window (or the next backfill step), replace those days
// in the stored months, refresh the service's monthly summary, and record the run. Errors decide what
// happens next: expired access marks the connection and stops; quota and "report not ready" come back
// as queue retry hints; a broken configuration is recorded and waits for tomorrow's run.
import { AuthExpiredError, ParseError, QuotaError, ReportNotReadyError, SourceError } from '../../connectors/metrics/errors';
import { getConnector } from '../../connectors/metrics';
import { dailyTotals } from '../../connectors/metrics/shared/spine';
import type { DailyRow, MetricSource } from '../../connectors/metrics/types';
import { aggregateMonth } from '../../domain/kpi/aggregates';
import { pushJobs } from '../../platform/queue';
import { RateLimitedError, RetryLaterError } from '../../shared/errors';
import { cacheAccessToken, readCredentials } from '../../storage/connections-secrets';
import { connectionsRepo, connectorAccount, type ConnectionRecord, type ConnectionStatus } from '../../storage/connections.repo';
import { replaceDays, sameRows } from '../../storage/metrics-codec';
import {
  acquireSyncLock,
  emptySyncState,
  putSyncState,
  readSyncBundle,
  releaseSyncLock,
  type SyncRun,
  type SyncState,
} from '../../storage/metrics-sync.repo';
import { monthDocKey, readSourceMonth, updateServiceMonthSummary, writeSourceMonth } from '../../storage/metrics.repo';
import { enqueueKpiRecompute } from '../kpi/recompute';
import type { MetricsDeps } from './deps';
import { alertMessage, backfillMessage, type MetricsSyncMessage } from './messages';
import { backfillStepMonths, SOURCE_POLICY } from './sources';
import { backfillPlan, backfillStep, monthCount, monthOf, monthsBetween, nextAfterStep, todayIn, type DateWindow } from './windows';
import { enqueuePanelRefresh } from '../panels/enqueue';

/** Longer than the consumer's 900 s timeout, so a live holder never loses the lock. */
export const SYNC_LOCK_TTL_SECONDS = 960;
/** A busy lock: try again in this many seconds. */
const LOCK_RETRY_SECONDS = 30;
/**
 * Offline reports (Direct 201/202) and async runs (Meta) are not waited for inside an invocation:
 * the unit goes back to the queue with the source's retry hint, freeing the worker meanwhile.
 */
export const POLL_BUDGET_MS = 0;
/** The queue honours retry hints up to this long; longer quota waits pause the connection instead. */
const MAX_RETRY_AFTER_MS = 900_000;
const DONE_UNITS_KEPT = 12;

export type SyncOutcome =
  | { kind: 'synced'; rows: number; window: DateWindow; months: string[] }
  | { kind: 'skipped'; reason: string }
  | { kind: 'stopped'; reason: string };

const EXPIRED_STATUSES: ReadonlySet<ConnectionStatus> = new Set(['auth-expired', 'revoked']);

export function connectionTimeZone(c: ConnectionRecord, agencyTimeZone: string): string {
  return c.account.timeZone ?? SOURCE_POLICY[c.source].defaultTimeZone ?? agencyTimeZone;
}

/** Sets the connection's status unless its credentials changed since this run read them. */
export async function setConnectionStatus(id: string, seenVersion: number, status: ConnectionStatus, reason: string | undefined, now: string): Promise<boolean> {
  const c = await connectionsRepo.get(id);
  if (!c || c.credentialsVersion !== seenVersion) return false;
  if (c.status === status && c.statusReason === reason) return true;
  const next: ConnectionRecord = { ...c, status, statusAt: now, updatedAt: now };
  if (reason) next.statusReason = reason.slice(0, 1000);
  else delete next.statusReason;
  await connectionsRepo.put(id, next);
  await enqueuePanelRefresh([c.serviceId], 'connection status');
  return true;
}

interface Prepared {
  window: DateWindow;
  state: SyncState;
  step?: { fromMonth: string; toMonth: string };
}

/** Works out the unit's window (initialising a backfill plan when this is its start). */
function prepare(m: MetricsSyncMessage, c: ConnectionRecord, state: SyncState, today: string, nowIso: string): Prepared | { skip: string } {
  if (m.mode !== 'backfill') return { window: { from: m.from as string, to: m.to as string }, state };
  if (m.runId !== c.backfillRunId) return { skip: 'backfill run replaced by a newer one' };
  let s = state;
  if (!s.backfill || s.backfill.runId !== c.backfillRunId) {
    if (m.stepTo !== undefined) return { skip: 'backfill step of a run that has not started' };
    const plan = backfillPlan(today, c.backfillMonths);
    s = { ...s, backfill: { runId: c.backfillRunId, ...plan, nextTo: plan.toMonth, monthsDone: 0, monthsTotal: monthCount(plan.fromMonth, plan.toMonth), rows: 0, state: 'running', startedAt: nowIso, updatedAt: nowIso } };
  } else if (m.stepTo === undefined && s.backfill.monthsDone > 0) {
    // The start carries the first step until it succeeds (it is retried after "not ready" or a kill).
    return { skip: 'backfill already started' };
  }
  const b = s.backfill;
  if (!b || b.nextTo === null) return { skip: 'backfill complete' };
  if (m.stepTo !== undefined && m.stepTo !== b.nextTo) return { skip: `backfill step ${m.stepTo} is not the next one (${b.nextTo})` };
  const months = backfillStepMonths(c.source, c.account.settings, b.monthsDone > 0 ? { rows: b.rows, months: b.monthsDone } : null);
  const step = backfillStep(b, b.nextTo, months, today);
  if (step.window.from > step.window.to) return { skip: 'backfill step lies in the future' };
  return { window: step.window, state: s, step: { fromMonth: step.fromMonth, toMonth: step.toMonth } };
}

/** Rows of the window, bucketed by month, with one account total per day added where the source gives none. */
async function pull(c: ConnectionRecord, window: DateWindow, state: SyncState, deps: MetricsDeps): Promise<Map<string, DailyRow[]>> {
  const connector = getConnector(c.source);
  const nowMs = deps.now().getTime();
  const credentials = await readCredentials(c.id, nowMs);
  if (!credentials) throw new AuthExpiredError(c.source, c.id, 'missing', 'no credentials are stored for this connection');
  const resume = state.pending && state.pending.from === window.from && state.pending.to === window.to ? state.pending.handle : undefined;
  const rows: DailyRow[] = [];
  for await (const batch of connector.fetchDaily({
    account: connectorAccount(c),
    from: window.from,
    to: window.to,
    credentials,
    http: deps.http,
    pollBudgetMs: POLL_BUDGET_MS,
    ...(resume ? { resumeHandle: resume } : {}),
    onTokenRefreshed: (t) => cacheAccessToken(c.id, t, Date.now()),
  })) {
    for (const r of batch) if (r.date >= window.from && r.date <= window.to) rows.push(r);
  }
  const all = [...rows, ...spineRows(c, connector.missingDay, rows, window)];
  const byMonth = new Map<string, DailyRow[]>(monthsBetween(window.from, window.to).map((m) => [m, []]));
  for (const r of all) byMonth.get(monthOf(r.date))?.push(r);
  return byMonth;
}

/** Account totals per day (zero-filled where a missing day means no activity). */
function spineRows(c: ConnectionRecord, missingDay: 'zero' | 'unknown', rows: readonly DailyRow[], window: DateWindow): DailyRow[] {
  if (rows.some((r) => r.dimension.kind === 'account')) return [];
  const accountId = rows[0]?.accountId ?? c.account.accountId;
  const currency = rows.find((r) => r.currency !== null)?.currency ?? c.account.currency ?? null;
  const vatIncluded = c.source === 'yandex-direct' ? (c.account.settings?.includeVat ?? true) : null;
  const totals = dailyTotals(rows, { source: c.source as MetricSource, accountId, from: window.from, to: window.to, missingDay, currency, vatIncluded });
  // Days the source knows nothing about stay absent rather than stored as all-null rows.
  return totals.filter((r) => r.impressions !== null || r.clicks !== null || r.costMicros !== null || r.sessions !== null || r.conversions !== null || r.avgPosition !== null || r.top10Share !== null);
}

/**
 * Replaces the window's days month by month and refreshes the service summary of each month. A month
 * whose rows did not change is not written at all. The summary is written before the rows, so a crash
 * in between leaves rows that differ from the new pull and both are written again on the retry.
 */
/** Where stored rows belong: a connection, or any (service, source, account) such as a CSV upload. */
export type StoreTarget = Pick<ConnectionRecord, 'serviceId' | 'source'> & { account: Pick<ConnectionRecord['account'], 'accountId'> };

export async function store(c: StoreTarget, window: DateWindow, byMonth: Map<string, DailyRow[]>, prefetched: Map<string, unknown> | null, nowIso: string): Promise<{ rows: number; changedMonths: number }> {
  let rows = 0;
  let changedMonths = 0;
  for (const [month, fresh] of byMonth) {
    const accounts = new Set<string>([c.account.accountId, ...fresh.map((r) => r.accountId)]);
    const from = window.from > `${month}-01` ? window.from : `${month}-01`;
    const to = window.to < `${month}-31` ? window.to : `${month}-31`;
    const key = monthDocKey(c.serviceId, c.source, month);
    // Prefetched with the sync state: an absent key means the month has no document yet.
    const existing = await readSourceMonth(c.serviceId, c.source, month, prefetched ? { raw: prefetched.get(key) } : undefined);
    const merged = replaceDays(existing.rows, fresh, accounts, from, to);
    rows += fresh.length;
    if (existing.parts > 0 && sameRows(existing.rows, merged, month)) continue;
    changedMonths++;
    const aggregate = aggregateMonth(merged, month).bySource[c.source];
    await updateServiceMonthSummary(
      c.serviceId,
      month,
      c.source,
      aggregate ? { aggregate, storedRows: merged.length, lastDate: merged.at(-1)?.date ?? null, updatedAt: nowIso } : null,
      nowIso,
    );
    await writeSourceMonth(c.serviceId, c.source, month, merged, existing.parts, nowIso);
    await enqueueKpiRecompute(c.serviceId, month, `metrics ${c.source}`, new Date(nowIso));
  }
  return { rows, changedMonths };
}

const run = (m: MetricsSyncMessage, w: DateWindow, at: string, outcome: SyncRun['outcome'], rows: number, extra: { message?: string; code?: string } = {}): SyncRun => ({
  at,
  mode: m.mode,
  from: w.from,
  to: w.to,
  outcome,
  rows,
  ...(extra.message ? { message: extra.message.slice(0, 1000) } : {}),
  ...(extra.code ? { code: extra.code.slice(0, 100) } : {}),
});

function errorCode(e: unknown): string {
  if (e instanceof SourceError || e instanceof QuotaError) return e.errorCode;
  if (e instanceof AuthExpiredError) return `auth-${e.reason}`;
  if (e instanceof ReportNotReadyError) return 'not-ready';
  if (e instanceof ParseError) return 'parse';
  return e instanceof Error ? e.name : 'error';
}

export async function runSyncUnit(m: MetricsSyncMessage, deps: MetricsDeps): Promise<SyncOutcome> {
  const c = await connectionsRepo.get(m.connectionId);
  if (!c) return { kind: 'skipped', reason: 'connection deleted' };
  if (EXPIRED_STATUSES.has(c.status)) return { kind: 'skipped', reason: `connection is ${c.status}` };
  if (!(await acquireSyncLock(c.serviceId, c.source, m.unit, SYNC_LOCK_TTL_SECONDS))) {
    // Hourly spend refreshes are cheap to lose; anything else waits its turn.
    if (m.mode === 'hourly') return { kind: 'skipped', reason: 'another sync of this source is running' };
    throw new RetryLaterError(`Another sync of ${c.source} for ${c.serviceId} is running`, LOCK_RETRY_SECONDS, { connectionId: c.id });
  }
  try {
    return await runLocked(m, c, deps);
  } finally {
    await releaseSyncLock(c.serviceId, c.source);
  }
}

async function runLocked(m: MetricsSyncMessage, c: ConnectionRecord, deps: MetricsDeps): Promise<SyncOutcome> {
  const now = deps.now();
  const nowIso = now.toISOString();
  // One batched read: sync state, alert state and (when the window is known) the month documents.
  const monthKeys = m.mode === 'backfill' ? [] : monthsBetween(m.from as string, m.to as string).map((month) => monthDocKey(c.serviceId, c.source, month));
  const bundle = await readSyncBundle(c.id, monthKeys);
  const loaded = bundle.state ?? emptySyncState(c.id, c.serviceId, c.source, nowIso);
  if (loaded.doneUnits.includes(m.unit)) return { kind: 'skipped', reason: 'unit already done' };
  if (loaded.pausedUntil && loaded.pausedUntil > nowIso && m.mode !== 'manual') return { kind: 'skipped', reason: `paused until ${loaded.pausedUntil} (quota)` };
  const today = todayIn(now, connectionTimeZone(c, 'UTC'));
  const prepared = prepare(m, c, loaded, today, nowIso);
  if ('skip' in prepared) return { kind: 'skipped', reason: prepared.skip };
  const { window } = prepared;
  let state = prepared.state;

  try {
    const byMonth = await pull(c, window, state, deps);
    const { rows } = await store(c, window, byMonth, m.mode === 'backfill' ? null : bundle.values, nowIso);
    const ok = run(m, window, nowIso, 'ok', rows);
    state = {
      ...state,
      lastRun: ok,
      lastSuccess: ok,
      pausedUntil: null,
      pending: null,
      syncedThrough: state.syncedThrough === null || window.to > state.syncedThrough ? window.to : state.syncedThrough,
      doneUnits: [...state.doneUnits.filter((u) => u !== m.unit), m.unit].slice(-DONE_UNITS_KEPT),
      updatedAt: nowIso,
    };
    const follow: Array<ReturnType<typeof backfillMessage> | ReturnType<typeof alertMessage>> = [];
    if (prepared.step && state.backfill) {
      const b = state.backfill;
      const nextTo = nextAfterStep(b, prepared.step.fromMonth);
      const monthsDone = Math.min(b.monthsTotal, b.monthsDone + monthCount(prepared.step.fromMonth, prepared.step.toMonth));
      state.backfill = { ...b, nextTo, monthsDone, rows: b.rows + rows, updatedAt: nowIso, ...(nextTo === null ? { state: 'done' as const, finishedAt: nowIso } : {}) };
      if (nextTo !== null) follow.push(backfillMessage(c.id, b.runId, nextTo));
    }
    // The checkpoint is written before the next step is queued: a crash in between is repaired by the planner.
    await putSyncState(state);
    if (c.status === 'error') await setConnectionStatus(c.id, c.credentialsVersion, 'active', undefined, nowIso);
    if (bundle.alert?.state === 'open') follow.push(alertMessage(c.id));
    if (follow.length > 0) await pushJobs(follow);
    console.info(`metrics ${c.source} ${c.id} (${c.serviceId}) ${m.mode} ${window.from}..${window.to}: ${rows} rows`);
    return { kind: 'synced', rows, window, months: [...byMonth.keys()] };
  } catch (e) {
    return handleFailure(e, m, c, window, state, nowIso);
  }
}

async function handleFailure(e: unknown, m: MetricsSyncMessage, c: ConnectionRecord, window: DateWindow, state: SyncState, nowIso: string): Promise<SyncOutcome> {
  const message = e instanceof Error ? e.message : String(e);
  const code = errorCode(e);
  const record = async (outcome: SyncRun['outcome'], patch: Partial<SyncState> = {}, asError = true): Promise<void> => {
    const r = run(m, window, nowIso, outcome, 0, { message, code });
    await putSyncState({ ...state, ...patch, lastRun: r, ...(asError ? { lastError: r } : {}), updatedAt: nowIso });
  };
  if (e instanceof AuthExpiredError) {
    // Stop: no retry can succeed until someone renews the credentials.
    await record('auth-expired');
    const status: ConnectionStatus = e.reason === 'revoked' ? 'revoked' : 'auth-expired';
    if (await setConnectionStatus(c.id, c.credentialsVersion, status, message, nowIso)) await pushJobs([alertMessage(c.id)]);
    console.warn(`metrics ${c.source} ${c.id}: access ${e.reason}; connection marked ${status}`);
    return { kind: 'stopped', reason: message };
  }
  if (e instanceof RateLimitedError) {
    if (e.retryAfterMs <= MAX_RETRY_AFTER_MS) {
      await record('quota', {}, false);
      throw new RateLimitedError(c.source, Math.max(1000, e.retryAfterMs), e instanceof QuotaError ? e.errorCode : e.reason);
    }
    // A spent daily/hourly allowance: pause this connection; the planner picks it up afterwards.
    const until = new Date(Date.parse(nowIso) + e.retryAfterMs).toISOString();
    await record('quota', { pausedUntil: until });
    console.warn(`metrics ${c.source} ${c.id}: quota spent; paused until ${until}`);
    return { kind: 'stopped', reason: `quota: paused until ${until}` };
  }
  if (e instanceof ReportNotReadyError) {
    await record('not-ready', { pending: { from: window.from, to: window.to, handle: e.handle } }, false);
    throw new RetryLaterError(`${c.source} report is not ready`, Math.max(1, Math.ceil(e.retryAfterMs / 1000)), { connectionId: c.id });
  }
  if (e instanceof SourceError && e.errorCode === 'ASYNC_JOB_FAILED') {
    // The source gave up on the async run: the retry submits a new one instead of resuming it.
    await record('error', { pending: null });
    throw e;
  }
  if ((e instanceof SourceError && !e.retryable) || e instanceof ParseError) {
    // Retrying now would fail the same way: record, flag the connection, try again tomorrow.
    await record('error');
    await setConnectionStatus(c.id, c.credentialsVersion, 'error', message, nowIso);
    console.warn(`metrics ${c.source} ${c.id}: ${message}`);
    return { kind: 'stopped', reason: message };
  }
  // Transient (5xx, network) or our own failure: recorded, then the queue retries with back-off.
  await record('error').catch(() => undefined);
  throw e;
}
