// Connections as people manage them: list (status and last runs), save (account, settings and
// write-only credentials), delete, test, per-service sync status, run-now and feature settings.
// Admins and heads manage connections and credentials; people on a service see its sync status.
import { randomUUID } from 'node:crypto';
import { IANAZone } from 'luxon';
import { getConnector } from '../../connectors/metrics';
import { AuthExpiredError, isConnectorError } from '../../connectors/metrics/errors';
import type { AccessToken, MetricSource } from '../../connectors/metrics/types';
import type { QueueMessage } from '../../jobs/registry';
import { pushJobs } from '../../platform/queue';
import type {
  BackfillProgress,
  ConnectionSaveInput,
  ConnectionTestResult,
  ConnectionView,
  MetricsSettingsView,
  ServiceMonthMetrics,
  SourceSyncStatus,
  SyncStatusView,
} from '../../shared/api-metrics';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { clientsRepo } from '../../storage/clients.repo';
import { cacheAccessToken, credentialFieldsOf, deleteCredentials, readCredentials, readStoredCredentials, writeCredentials, type CredentialsInput } from '../../storage/connections-secrets';
import { allConnections, connectionsOfService, connectionsRepo, connectorAccount, type ConnectionRecord } from '../../storage/connections.repo';
import { deleteSyncState, getAlertState, getMetricsSettings, getSyncState, getSyncStates, saveMetricsSettings, type SyncState } from '../../storage/metrics-sync.repo';
import { getServiceMonthSummary, readServiceMonth } from '../../storage/metrics.repo';
import type { ServiceRecord } from '../../storage/records';
import { canSeeService, requireAdmin, requireAdminOrHead, requireServiceAccess, type Access } from '../access';
import type { MetricsDeps } from './deps';
import { alertMessage, backfillMessage } from './messages';
import { dailyMessagesFor } from './plan';
import { missingCredentialFields, SOURCE_POLICY, SOURCE_LABEL, SYNCED_SOURCES } from './sources';
import { connectionTimeZone, setConnectionStatus } from './sync';
import { todayIn } from './windows';

const newConnectionId = (): string => `cn-${randomUUID().replace(/-/g, '').slice(0, 12)}`;

/** Account ids as the connectors report them, so re-pulls replace rows instead of adding a second spelling. */
export function normaliseAccountId(source: MetricSource, id: string): string {
  const t = id.trim();
  if (source === 'google-ads' || source === 'ga4' || source === 'yandex-metrica' || source === 'topvisor') return t.replace(/-/g, '');
  if (source === 'meta') return t.startsWith('act_') ? t : `act_${t}`;
  return t;
}

function backfillProgress(c: ConnectionRecord, s: SyncState | undefined): BackfillProgress {
  const b = s?.backfill;
  if (!b || b.runId !== c.backfillRunId) return { state: 'pending', fromMonth: null, toMonth: null, monthsDone: 0, monthsTotal: c.backfillMonths };
  return { state: b.state, fromMonth: b.fromMonth, toMonth: b.toMonth, monthsDone: b.monthsDone, monthsTotal: b.monthsTotal };
}

function toView(c: ConnectionRecord, s: SyncState | undefined, service: ServiceRecord | undefined, clientName: string, showCredentials: boolean, alertIssueKey: string | null): ConnectionView {
  return {
    id: c.id,
    serviceId: c.serviceId,
    serviceName: service?.name ?? c.serviceId,
    clientName,
    source: c.source,
    label: c.label ?? null,
    accountId: c.account.accountId,
    accountName: c.account.name ?? null,
    timeZone: c.account.timeZone ?? null,
    currency: c.account.currency ?? null,
    settings: c.account.settings ?? {},
    status: c.status,
    statusReason: c.statusReason ?? null,
    credentialFields: showCredentials ? c.credentialFields : null,
    missingCredentials: showCredentials ? missingCredentialFields(c.source, new Set(c.credentialFields)) : [],
    backfillMonths: c.backfillMonths,
    backfill: backfillProgress(c, s),
    lastRun: s?.lastRun ?? null,
    lastSuccess: s?.lastSuccess ?? null,
    lastError: s?.lastError ?? null,
    syncedThrough: s?.syncedThrough ?? null,
    pausedUntil: s?.pausedUntil ?? null,
    alertIssueKey,
    createdAt: c.createdAt,
  };
}

async function views(a: Access, connections: ConnectionRecord[]): Promise<ConnectionView[]> {
  const states = await getSyncStates(connections.map((c) => c.id));
  const clients = new Map((await clientsRepo.all()).map((cl) => [cl.id, cl.name]));
  const services = new Map(a.services.map((s) => [s.id, s]));
  const manage = a.isAdmin || a.isHead;
  const out: ConnectionView[] = [];
  for (const c of connections) {
    const service = services.get(c.serviceId);
    const alert = c.status === 'auth-expired' || c.status === 'revoked' ? await getAlertState(c.id) : undefined;
    out.push(toView(c, states.get(c.id), service, service ? (clients.get(service.clientId) ?? service.clientId) : '', manage, alert?.state === 'open' ? alert.issueKey : null));
  }
  return out.sort((x, y) => x.clientName.localeCompare(y.clientName) || x.serviceName.localeCompare(y.serviceName) || x.source.localeCompare(y.source));
}

export async function listConnections(a: Access, p: { serviceId?: string }): Promise<ConnectionView[]> {
  if (p.serviceId) {
    requireServiceAccess(a, p.serviceId, 'see');
    return views(a, await connectionsOfService(p.serviceId));
  }
  const visible = new Set(a.services.filter((s) => canSeeService(a, s)).map((s) => s.id));
  return views(a, (await allConnections()).filter((c) => visible.has(c.serviceId)));
}

async function viewOf(a: Access, c: ConnectionRecord): Promise<ConnectionView> {
  const [view] = await views(a, [c]);
  if (!view) throw new NotFoundError('Connection', c.id);
  return view;
}

function checkTimeZone(tz: string | undefined): void {
  if (tz !== undefined && !IANAZone.isValidZone(tz)) throw new ValidationError('Time zone is not valid', { 'account.timeZone': `Unknown time zone ${tz}; use an IANA name such as Europe/Kyiv` });
}

export async function saveConnection(a: Access, input: ConnectionSaveInput): Promise<ConnectionView> {
  requireAdminOrHead(a);
  const service = a.services.find((s) => s.id === input.serviceId);
  if (!service) throw new ValidationError('Choose an existing service', { serviceId: 'Unknown service' });
  if (!SYNCED_SOURCES.includes(input.source)) throw new ValidationError('CSV data is uploaded, not connected', { source: 'Choose an API source' });
  checkTimeZone(input.account.timeZone);
  const existing = input.id ? await connectionsRepo.get(input.id) : undefined;
  if (input.id && !existing) throw new NotFoundError('Connection', input.id);
  if (existing && (existing.serviceId !== input.serviceId || existing.source !== input.source)) {
    throw new ValidationError('A connection keeps its service and source; create a new one instead', { source: 'Cannot change' });
  }
  const now = new Date().toISOString();
  const id = existing?.id ?? newConnectionId();

  // Credentials: new fields replace stored ones; the result must be a complete set for the source.
  let credentialFields = existing?.credentialFields ?? [];
  let merged: CredentialsInput | undefined;
  if (input.credentials && Object.keys(input.credentials).length > 0) {
    const stored = existing ? await readStoredCredentials(id) : undefined;
    merged = { ...(stored ?? {}), ...input.credentials };
    credentialFields = credentialFieldsOf(merged);
  }
  const missing = missingCredentialFields(input.source, new Set(credentialFields));
  if (missing.length > 0) {
    throw new ValidationError(`${SOURCE_LABEL[input.source]} needs ${missing.join(', ')}`, Object.fromEntries(missing.map((f) => [`credentials.${f}`, 'Required'])));
  }

  const settings = await getMetricsSettings();
  const accountId = normaliseAccountId(input.source, input.account.accountId);
  const backfillMonths = input.backfillMonths ?? existing?.backfillMonths ?? settings.backfillMonths;
  const accountChanged = !existing || existing.account.accountId !== accountId;
  const restartBackfill = accountChanged || backfillMonths > (existing?.backfillMonths ?? 0);
  const renewed = merged !== undefined;
  const timeZone = input.account.timeZone ?? existing?.account.timeZone ?? SOURCE_POLICY[input.source].defaultTimeZone ?? a.agency.timeZone;
  const record: ConnectionRecord = {
    id,
    serviceId: input.serviceId,
    source: input.source,
    ...(input.label ? { label: input.label } : {}),
    account: {
      accountId,
      timeZone,
      ...((input.account.currency ?? existing?.account.currency) ? { currency: input.account.currency ?? existing?.account.currency } : {}),
      ...(!accountChanged && existing?.account.name ? { name: existing.account.name } : {}),
      ...((input.account.settings ?? existing?.account.settings) ? { settings: input.account.settings ?? existing?.account.settings } : {}),
    },
    // New credentials or a new account: try again (the next run says whether they work).
    status: renewed || accountChanged ? 'active' : (existing?.status ?? 'active'),
    ...(!(renewed || accountChanged) && existing?.statusReason ? { statusReason: existing.statusReason } : {}),
    statusAt: renewed || accountChanged ? now : (existing?.statusAt ?? now),
    credentialsVersion: (existing?.credentialsVersion ?? 0) + (renewed ? 1 : 0),
    credentialFields,
    backfillMonths,
    backfillRunId: restartBackfill ? `${now.slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 8)}` : (existing?.backfillRunId ?? 'none'),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    createdBy: existing?.createdBy ?? a.accountId,
  };
  // Secrets first: a record never points at credentials that are not there.
  if (merged) await writeCredentials(id, merged);
  await connectionsRepo.put(id, record);

  const messages: QueueMessage[] = [];
  if (restartBackfill) messages.push(backfillMessage(id, record.backfillRunId));
  if (existing && !accountChanged && (renewed || existing.status !== 'active')) messages.push(...(await resumeMessages(record, a.agency.timeZone)));
  if (messages.length > 0) await pushJobs(messages);
  return viewOf(a, record);
}

/** After renewed access: today's catch-up window and the interrupted backfill step. */
async function resumeMessages(c: ConnectionRecord, agencyTimeZone: string): Promise<QueueMessage[]> {
  const s = await getSyncState(c.id);
  const out = dailyMessagesFor(c, s, new Date(), agencyTimeZone).map((m) => ({ ...m, mode: 'manual', unit: `${m.unit}:resume-v${c.credentialsVersion}` }));
  const b = s?.backfill;
  if (b && b.runId === c.backfillRunId && b.nextTo !== null) out.push(backfillMessage(c.id, b.runId, b.nextTo));
  return out;
}

export async function deleteConnection(a: Access, id: string): Promise<{ id: string }> {
  requireAdminOrHead(a);
  const c = await connectionsRepo.get(id);
  if (!c) throw new NotFoundError('Connection', id);
  await connectionsRepo.delete(id);
  await Promise.all([deleteCredentials(id), deleteSyncState(id)]);
  // Stored rows stay (history for reports); an open reconnect issue is closed.
  if ((await getAlertState(id))?.state === 'open') await pushJobs([alertMessage(id)]);
  return { id };
}

const TEST_BUDGET_MS = 15_000;

export async function testConnection(a: Access, id: string, deps: MetricsDeps): Promise<ConnectionTestResult> {
  requireAdminOrHead(a);
  const c = await connectionsRepo.get(id);
  if (!c) throw new NotFoundError('Connection', id);
  const connector = getConnector(c.source);
  const credentials = await readCredentials(c.id, deps.now().getTime());
  if (!credentials) return { ok: false, account: null, message: 'No credentials are stored for this connection', status: c.status };
  const signal = AbortSignal.timeout(TEST_BUDGET_MS);
  const common = { account: connectorAccount(c), credentials, http: deps.http, signal, onTokenRefreshed: (t: AccessToken) => cacheAccessToken(c.id, t, Date.now()) };
  try {
    let info: ConnectionTestResult['account'] = null;
    if (connector.checkAccess) {
      info = await connector.checkAccess(common);
    } else {
      const day = todayIn(deps.now(), connectionTimeZone(c, a.agency.timeZone));
      // One page proves access; the rest is not needed.
      const pages = connector.fetchDaily({ ...common, from: day, to: day, pollBudgetMs: 0 })[Symbol.asyncIterator]();
      await pages.next();
      await pages.return?.();
    }
    const nowIso = deps.now().toISOString();
    const updated: ConnectionRecord = {
      ...c,
      account: {
        ...c.account,
        ...(info?.name ? { name: info.name } : {}),
        ...(info?.timeZone && IANAZone.isValidZone(info.timeZone) ? { timeZone: info.timeZone } : {}),
        ...(info?.currency ? { currency: info.currency } : {}),
      },
      updatedAt: nowIso,
    };
    const wasDown = c.status !== 'active';
    if (wasDown) {
      updated.status = 'active';
      delete updated.statusReason;
      updated.statusAt = nowIso;
    }
    await connectionsRepo.put(c.id, updated);
    if (wasDown) await pushJobs(await resumeMessages(updated, a.agency.timeZone));
    return { ok: true, account: info, message: null, status: 'active' };
  } catch (e) {
    if (e instanceof AuthExpiredError) {
      const status = e.reason === 'revoked' ? 'revoked' : 'auth-expired';
      if (await setConnectionStatus(c.id, c.credentialsVersion, status, e.message, deps.now().toISOString())) await pushJobs([alertMessage(c.id)]);
      return { ok: false, account: null, message: e.message, status };
    }
    if (isConnectorError(e)) return { ok: false, account: null, message: e.message, status: c.status };
    if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return { ok: false, account: null, message: `${SOURCE_LABEL[c.source]} did not answer within ${TEST_BUDGET_MS / 1000} s`, status: c.status };
    throw e;
  }
}

export async function syncStatus(a: Access, serviceId: string): Promise<SyncStatusView> {
  requireServiceAccess(a, serviceId, 'see');
  const connections = await connectionsOfService(serviceId);
  const states = await getSyncStates(connections.map((c) => c.id));
  const month = todayIn(new Date(), a.agency.timeZone).slice(0, 7);
  const summary = await getServiceMonthSummary(serviceId, month);
  const sources = [...new Set(connections.map((c) => c.source))].sort();
  const out: SourceSyncStatus[] = sources.map((source) => {
    const cs = connections.filter((c) => c.source === source);
    const ss = cs.map((c) => states.get(c.id)).filter((s): s is SyncState => s !== undefined);
    const latest = <K extends 'lastSuccess' | 'lastError'>(k: K): SyncState[K] =>
      ss.map((s) => s[k]).reduce<SyncState[K]>((best, r) => (r && (!best || r.at > best.at) ? r : best), null);
    const lastSuccess = latest('lastSuccess');
    const progress = cs.map((c) => backfillProgress(c, states.get(c.id)));
    const synced = ss.map((s) => s.syncedThrough).filter((d): d is string => d !== null).sort();
    const pauses = ss.map((s) => s.pausedUntil).filter((d): d is string => d !== null).sort();
    return {
      source,
      connections: cs.map((c) => ({ id: c.id, accountId: c.account.accountId, status: c.status })),
      lastSuccessAt: lastSuccess?.at ?? null,
      lastSuccess,
      lastError: latest('lastError'),
      rows: lastSuccess?.rows ?? 0,
      monthRows: summary?.bySource[source]?.storedRows ?? 0,
      syncedThrough: synced[0] ?? null,
      backfill: {
        state: progress.every((p) => p.state === 'done') ? 'done' : progress.some((p) => p.state === 'running') ? 'running' : 'pending',
        fromMonth: progress.map((p) => p.fromMonth).filter((m): m is string => m !== null).sort()[0] ?? null,
        toMonth: progress.map((p) => p.toMonth).filter((m): m is string => m !== null).sort().at(-1) ?? null,
        monthsDone: progress.reduce((n, p) => n + p.monthsDone, 0),
        monthsTotal: progress.reduce((n, p) => n + p.monthsTotal, 0),
      },
      pausedUntil: pauses.at(-1) ?? null,
    };
  });
  return { serviceId, month, sources: out };
}

export async function runNow(a: Access, p: { serviceId: string; source?: MetricSource }): Promise<{ queued: number }> {
  requireServiceAccess(a, p.serviceId, 'manage');
  const connections = (await connectionsOfService(p.serviceId)).filter((c) => (!p.source || c.source === p.source) && (c.status === 'active' || c.status === 'error') && SYNCED_SOURCES.includes(c.source));
  const states = await getSyncStates(connections.map((c) => c.id));
  const now = new Date();
  const stamp = now.toISOString();
  const messages: QueueMessage[] = [];
  for (const c of connections) {
    const s = states.get(c.id);
    messages.push(...dailyMessagesFor(c, s, now, a.agency.timeZone).map((m) => ({ ...m, mode: 'manual', unit: `${c.id}:manual:${stamp}:${String(m.from)}` })));
    const b = s?.backfill;
    if (!b || b.runId !== c.backfillRunId) messages.push(backfillMessage(c.id, c.backfillRunId));
    else if (b.nextTo !== null && now.getTime() - Date.parse(b.updatedAt) > 15 * 60_000) messages.push(backfillMessage(c.id, b.runId, b.nextTo));
  }
  if (messages.length > 0) await pushJobs(messages);
  return { queued: messages.length };
}

export async function getSettings(a: Access): Promise<MetricsSettingsView> {
  requireAdminOrHead(a);
  return getMetricsSettings();
}

export async function saveSettings(a: Access, s: MetricsSettingsView): Promise<MetricsSettingsView> {
  requireAdmin(a);
  return saveMetricsSettings(s);
}

export async function serviceMonthMetrics(a: Access, p: { serviceId: string; month: string; rows?: boolean; source?: MetricSource }): Promise<ServiceMonthMetrics> {
  requireServiceAccess(a, p.serviceId, 'see');
  const summary = await getServiceMonthSummary(p.serviceId, p.month);
  const out: ServiceMonthMetrics = { serviceId: p.serviceId, month: p.month, bySource: summary?.bySource ?? {} };
  if (p.rows) {
    const sources = p.source ? [p.source] : (Object.keys(out.bySource) as MetricSource[]);
    const rows = await readServiceMonth(p.serviceId, p.month, sources);
    out.rows = [...rows.values()].flat();
  }
  return out;
}
