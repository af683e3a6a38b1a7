// Refreshing panel snapshots (the `panel-refresh` job): read what the features keep for a service —
// money snapshot and month rollup, stored profitability, KPI rollup, reports, money alerts, connection
// states, worklogs and the task set — compose the snapshot and overwrite it. Reads only stored data
// (no Jira call); an overwrite from the current state, so a duplicate delivery writes the same thing.
import { z } from 'zod';
import { formatMoney, moneyFromJson } from '../../domain/money';
import type { QueueMessage } from '../../jobs/registry';
import { pushJobs } from '../../platform/queue';
import type { AgencySettings } from '../../domain/model';
import { AppError } from '../../shared/errors';
import { getAgencySettings } from '../../storage/agency.repo';
import { connectionsOfService } from '../../storage/connections.repo';
import { getKpiDefinitions, getRollup } from '../../storage/kpi.repo';
import { readPanelDocs } from '../../storage/ledger.repo';
import { getAlertState, getSyncStates } from '../../storage/metrics-sync.repo';
import { ProfitRecordSchema, profitKey, readDoc } from '../../storage/money-docs.repo';
import { worklogsOf } from '../../storage/money-worklogs.repo';
import type { ServiceRecord } from '../../storage/records';
import { reportsOfService } from '../../storage/reports.repo';
import { serviceByProjectKey, servicesRepo } from '../../storage/services.repo';
import { taskSetKey, taskSetsRepo } from '../../storage/tasksets.repo';
import { serviceDefinitions } from '../kpi/recompute';
import { moneyKpiIds } from '../kpi/views';
import { SOURCE_LABEL } from '../metrics/sources';
import { getWebmasterAlerts, hostUrl } from '../metrics/webmaster-alerts';
import { activeAlerts } from '../money/alerts';
import { loadMoneyService } from '../money/context';
import { moneyPanel } from '../money/views';
import { monthIn } from '../plan-daily-work';
import { composeSnapshot, type ComposeConnection, type ComposeInputs, type ComposeSiteProblem } from './compose';
import { refreshMessages, REFRESH_BATCH } from './enqueue';
import type { PanelSnapshot } from './snapshot';
import { PROJECT_KEY_PATTERN, readPanel, writeNoService, writePanel } from './store';

export const PanelRefreshMessage = z
  .object({
    kind: z.literal('panel-refresh'),
    serviceIds: z.array(z.string().min(1).max(100)).min(1).max(REFRESH_BATCH).optional(),
    projectKey: z.string().regex(PROJECT_KEY_PATTERN).optional(),
    reason: z.string().max(100).default('change'),
  })
  .refine((m) => m.serviceIds !== undefined || m.projectKey !== undefined, 'a refresh names services or a project key');
export type PanelRefreshMessage = z.infer<typeof PanelRefreshMessage>;

async function connectionsOf(serviceId: string): Promise<{ connections: ComposeConnection[]; siteProblems: ComposeSiteProblem[] }> {
  const conns = await connectionsOfService(serviceId);
  if (conns.length === 0) return { connections: [], siteProblems: [] };
  const states = await getSyncStates(conns.map((c) => c.id));
  const connections = await Promise.all(
    conns.map(async (c) => {
      const st = states.get(c.id);
      // The reconnect issue only exists for expired access; don't read alert states otherwise.
      const alert = c.status === 'auth-expired' || c.status === 'revoked' ? await getAlertState(c.id) : undefined;
      return {
        source: SOURCE_LABEL[c.source],
        status: c.status,
        statusAt: c.statusAt ?? null,
        lastErrorAt: st?.lastError?.at ?? null,
        lastSuccessAt: st?.lastSuccess?.at ?? null,
        issueKey: alert?.state === 'open' ? alert.issueKey : null,
      };
    }),
  );
  // Site problems Yandex Webmaster reports (open alerts of the service's Webmaster connections).
  const siteProblems: ComposeSiteProblem[] = [];
  for (const c of conns.filter((x) => x.source === 'yandex-webmaster')) {
    for (const a of await getWebmasterAlerts(c.id)) {
      if (a.state !== 'open') continue;
      siteProblems.push({ code: a.kind, subject: hostUrl(c.account.accountId), since: a.openedAt, severity: a.kind === 'problem' ? 'danger' : 'warning', issueKey: a.issueKey });
    }
  }
  return { connections, siteProblems };
}

/** Gathers one service's stored state and composes its snapshot (nothing written). */
export async function composeFor(service: ServiceRecord & { jiraProjectKey: string }, agency: AgencySettings, now: Date): Promise<PanelSnapshot> {
  const { month, today } = monthIn(now, agency.timeZone);
  const ms = await loadMoneyService(service);
  const [set, worklogs, docs, profit, rollup, defs, reports, alerts, sources] = await Promise.all([
    taskSetsRepo.get(taskSetKey(service.id, month)),
    worklogsOf(service.id, month),
    readPanelDocs(service.id, month),
    readDoc(profitKey(service.id, month), ProfitRecordSchema),
    getRollup(service.id, month),
    getKpiDefinitions(),
    reportsOfService(service.id),
    activeAlerts(service.id),
    connectionsOf(service.id),
  ]);
  const money = moneyPanel(service.id, service.billing.prepaidAdBudget, ms.currency, docs.snapshot, docs.rollup, today);
  const p = profit?.value;
  const inputs: ComposeInputs = {
    computedAt: now.toISOString(),
    month,
    service: { ...service, headAccountId: service.headAccountId || null },
    clientName: ms.client.name,
    plannedHours: set ? set.items.reduce((x, i) => x + i.estimateHours, 0) : 0,
    loggedSeconds: worklogs.reduce((x, w) => x + w.seconds, 0),
    money: {
      currency: money.currency,
      prepaid: money.prepaid,
      monthlyFee: service.billing.monthlyFee,
      walletBalance: money.walletBalance,
      feesBalance: money.feesBalance,
      averageDailySpend: money.averageDailySpend,
      runwayDays: money.runwayDays,
      adsStopDate: money.adsStopDate,
      paidUntil: money.paidUntil,
    },
    profit:
      p && p.currency === money.currency
        ? {
            period: p.period,
            revenue: formatMoney(moneyFromJson(p.revenue)),
            cost: formatMoney(moneyFromJson(p.totalCost)),
            margin: formatMoney(moneyFromJson(p.margin)),
            marginPercent: p.marginPercent,
            complete: p.complete,
          }
        : null,
    kpis: (rollup?.kpis ?? []).map((k) => ({
      id: k.id,
      label: k.label,
      unit: k.unit,
      verdict: k.verdict,
      value: k.value,
      unbounded: k.unbounded,
      target: k.target,
      expectedByNow: k.expectedByNow,
      ratio: k.ratio,
    })),
    moneyKpiIds: moneyKpiIds(serviceDefinitions(service, defs)),
    reports: reports.map((r) => ({ id: r.id, kind: r.kind, from: r.from, to: r.to, status: r.status, ...(r.publishedAt ? { publishedAt: r.publishedAt } : {}), feedback: r.feedback })),
    moneyAlerts: alerts.map((a) => ({ type: a.type, state: a.state, raisedAt: a.raisedAt, issueKey: a.issueKey ?? null })),
    connections: sources.connections,
    siteProblems: sources.siteProblems,
  };
  return composeSnapshot(inputs);
}

export class PanelRefreshError extends AppError {
  constructor(readonly serviceIds: string[]) {
    super('INTERNAL', `Panel snapshots of ${serviceIds.length} service(s) could not be computed: ${serviceIds.join(', ').slice(0, 300)}`, { serviceIds: serviceIds.join(',').slice(0, 500) });
  }
}

export interface RefreshResult {
  written: string[];
  notServices: string[];
  skipped: string[];
}

/** Recomputes and stores the snapshots a message names. */
export async function runPanelRefresh(m: PanelRefreshMessage, now: Date = new Date()): Promise<RefreshResult> {
  const result: RefreshResult = { written: [], notServices: [], skipped: [] };
  const agency = await getAgencySettings();
  const services: ServiceRecord[] = [];
  if (m.projectKey) {
    const s = await serviceByProjectKey(m.projectKey);
    if (s) services.push(s);
    else if (!(await readPanel(m.projectKey))) {
      await writeNoService(m.projectKey, now.toISOString());
      result.notServices.push(m.projectKey);
    }
  }
  for (const id of m.serviceIds ?? []) {
    const s = await servicesRepo.get(id);
    if (s) services.push(s);
    else result.skipped.push(id);
  }
  const failed: string[] = [];
  for (const s of services) {
    const projectKey = s.jiraProjectKey;
    // Without a Jira project there are no issues to show a panel next to.
    if (!projectKey) {
      result.skipped.push(s.id);
      continue;
    }
    try {
      await writePanel(await composeFor({ ...s, jiraProjectKey: projectKey }, agency, now));
      result.written.push(s.id);
    } catch (e) {
      // One service's bad data must not keep the rest of the batch stale.
      console.error(`panel-refresh ${s.id} (${projectKey}) failed: ${(e as Error).message}`);
      failed.push(s.id);
    }
  }
  // The queue retries the message; the services already written are simply written again.
  if (failed.length > 0) throw new PanelRefreshError(failed);
  return result;
}

/** How long after the daily planner its panel refresh runs: after the day's billing, spend, alerts and KPI pacing. */
export const DAILY_REFRESH_DELAY_SECONDS = 900;

/**
 * The daily planner's safety net: every service with a Jira project, in batches — the new day moves
 * runway and pacing, and it catches changes nobody queued. It is queued with a delay so it reads what the
 * day's other jobs write, and returns nothing for the planner to push itself.
 */
export async function planPanelRefresh(): Promise<QueueMessage[]> {
  const all = await servicesRepo.all();
  const messages = refreshMessages(
    all.filter((s) => !!s.jiraProjectKey).map((s) => s.id),
    'daily planner',
  );
  if (messages.length > 0) await pushJobs(messages, { delayInSeconds: DAILY_REFRESH_DELAY_SECONDS });
  return [];
}
