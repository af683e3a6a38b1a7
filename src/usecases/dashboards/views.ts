// The global page's two views. Both compose stored rollups and documents with bulk reads (batched
// money docs, KPI rollups, one agency-wide query for open invoices and alerts); nothing here calls
// Jira or recomputes a rollup. Who may see what: access.ts (money per service via canSeeMoney).
import { rollupKey as ledgerRollupKey, type LedgerRollup } from '../../domain/money';
import { addMonths } from '../../domain/month-rules';
import { SERVICE_TYPES, type ServiceType } from '../../domain/model';
import type { DashboardEscalation, DashboardManagerKpi, HeadDashboard, ManagerDashboard } from '../../shared/api-dashboard';
import type { MoneyAlertType } from '../../shared/api-money';
import { ForbiddenError } from '../../shared/errors';
import { clientsRepo } from '../../storage/clients.repo';
import { invoicesIssuedIn, openInvoices } from '../../storage/invoices.repo';
import { getRollups, rollupKey as kpiRollupKey } from '../../storage/kpi.repo';
import { LedgerRollupSchema, MoneySnapshotSchema, snapshotKey, type MoneySnapshot } from '../../storage/ledger.repo';
import { AlertRecordSchema, docsOfKind, type AlertRecord } from '../../storage/money-docs.repo';
import { MONEY_ENTITY, readRecords } from '../../storage/money-store';
import type { ServiceRecord } from '../../storage/records';
import { reportsOfService, type ReportRecord } from '../../storage/reports.repo';
import { canSeeMoney, isOnService, requireAdminOrHead, type Access } from '../access';
import { capacity, fulfilment } from '../kpi/views';
import { agencyToday, getMoneySettings, getServicesMoneySettings } from '../money/context';
import { invoiceSummary } from '../money/views';
import { kpiTotals, serviceRow } from './rows';
import { z } from 'zod';

/** Report queries run this many at a time (one indexed query per service). */
const REPORT_READS_IN_PARALLEL = 8;

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function reportsBy(services: readonly ServiceRecord[]): Promise<Map<string, ReportRecord[]>> {
  const lists = await mapLimited(services, REPORT_READS_IN_PARALLEL, (s) => reportsOfService(s.id));
  return new Map(services.map((s, i) => [s.id, lists[i] ?? []]));
}

/** Active (not cleared) alerts of every service, by service: one agency-wide query. */
async function activeAlertsByService(): Promise<Map<string, AlertRecord[]>> {
  const out = new Map<string, AlertRecord[]>();
  for (const r of await docsOfKind('alert', AlertRecordSchema)) {
    if (r.value.state === 'cleared') continue;
    out.set(r.value.serviceId, [...(out.get(r.value.serviceId) ?? []), r.value]);
  }
  return out;
}

/** Snapshots and the month's rollups of many services: batched reads (25 keys each). */
async function moneyDocs(serviceIds: readonly string[], month: string): Promise<{ snapshots: Map<string, MoneySnapshot>; rollups: Map<string, LedgerRollup> }> {
  const keys = serviceIds.flatMap((id) => [snapshotKey(id), ledgerRollupKey(id, month)]);
  const docs = keys.length > 0 ? await readRecords(MONEY_ENTITY.doc, keys, z.unknown()) : new Map();
  const snapshots = new Map<string, MoneySnapshot>();
  const rollups = new Map<string, LedgerRollup>();
  for (const id of serviceIds) {
    const snap = docs.get(snapshotKey(id));
    const roll = docs.get(ledgerRollupKey(id, month));
    if (snap) snapshots.set(id, MoneySnapshotSchema.parse(snap.value));
    if (roll) rollups.set(id, LedgerRollupSchema.parse(roll.value));
  }
  return { snapshots, rollups };
}

function scopeOf(a: Access, p: { managerAccountId?: string; all?: boolean }): { scope: ManagerDashboard['scope']; managerAccountId: string | null; services: ServiceRecord[] } {
  const head = a.isAdmin || a.isHead;
  if (p.all) {
    if (!head) throw new ForbiddenError('Only Retainer admins and heads of department see every service', { accountId: a.accountId });
    return { scope: 'all', managerAccountId: null, services: a.services };
  }
  if (p.managerAccountId && p.managerAccountId !== a.accountId) {
    if (!head) throw new ForbiddenError("Only Retainer admins and heads of department see another manager's clients", { accountId: a.accountId });
    return { scope: 'manager', managerAccountId: p.managerAccountId, services: a.services.filter((s) => s.managerAccountId === p.managerAccountId) };
  }
  const own = a.services.filter((s) => isOnService(a, s));
  // People with no role in the agency (client guests, strangers) get nothing, not an empty list.
  if (own.length === 0 && !head) throw new ForbiddenError('You have no services in Retainer', { accountId: a.accountId });
  const manages = own.some((s) => s.managerAccountId === a.accountId);
  return { scope: 'own', managerAccountId: manages ? a.accountId : null, services: own };
}

/** Whether the viewer may see the manager's turnover plan and bonus (money of that manager). */
function mayseePlan(a: Access, managerAccountId: string | null): boolean {
  if (!managerAccountId) return false;
  if (a.isAdmin || a.isHead) return true;
  return managerAccountId === a.accountId && a.agency.moneyVisibility === 'manager-head-admin';
}

export async function managerDashboard(a: Access, p: { month: string; managerAccountId?: string; all?: boolean }): Promise<ManagerDashboard> {
  const { scope, managerAccountId, services } = scopeOf(a, p);
  const { today } = agencyToday(new Date(), a.agency.timeZone);
  const moneyServices = services.filter((s) => canSeeMoney(a, s));
  const moneyIds = moneyServices.map((s) => s.id);
  const withMoney = moneyIds.length > 0;
  const [clients, docs, settings, agencyMoney, open, issued, alerts, kpis, reports, plan] = await Promise.all([
    clientsRepo.all(),
    moneyDocs(moneyIds, p.month),
    withMoney ? getServicesMoneySettings(moneyIds) : Promise.resolve(new Map()),
    withMoney ? getMoneySettings() : Promise.resolve(null),
    withMoney ? openInvoices() : Promise.resolve([]),
    withMoney ? invoicesIssuedIn(p.month) : Promise.resolve([]),
    activeAlertsByService(),
    getRollups(services.map((s) => ({ serviceId: s.id, month: p.month }))),
    reportsBy(services),
    mayseePlan(a, managerAccountId) ? fulfilment(a, { month: p.month }) : Promise.resolve(null),
  ]);
  const clientOf = new Map(clients.map((c) => [c.id, c]));
  const openBy = new Map<string, ReturnType<typeof invoiceSummary>[]>();
  for (const r of open) {
    const v = invoiceSummary(r);
    if (v.status === 'paid' || v.status === 'cancelled') continue;
    openBy.set(v.serviceId, [...(openBy.get(v.serviceId) ?? []), v]);
  }
  const issuedFor = new Set(issued.map((r) => r.invoice.serviceId));
  const rows = services.map((s) => {
    const client = clientOf.get(s.clientId);
    const serviceAlerts = alerts.get(s.id) ?? [];
    const money = canSeeMoney(a, s) && agencyMoney
      ? {
          currency: client?.currency ?? a.agency.baseCurrency,
          snapshot: docs.snapshots.get(s.id),
          rollup: docs.rollups.get(s.id),
          openInvoices: openBy.get(s.id) ?? [],
          everInvoiced: issuedFor.has(s.id) || Object.keys(docs.snapshots.get(s.id)?.feePeriods ?? {}).length > 0,
          monthlyAdBudget: settings.get(s.id)?.monthlyAdBudget,
          tolerancePercent: settings.get(s.id)?.spendTolerancePercent ?? agencyMoney.alerts.spendTolerancePercent,
          alerts: serviceAlerts.map((x) => x.type as MoneyAlertType),
        }
      : null;
    return serviceRow({
      service: s,
      clientName: client?.name ?? s.clientId,
      month: p.month,
      today,
      money,
      adsStopped: serviceAlerts.some((x) => x.type === 'ads-stopped'),
      reports: reports.get(s.id) ?? [],
      kpi: kpis.get(kpiRollupKey(s.id, p.month)),
    });
  });
  rows.sort((x, y) => x.clientName.localeCompare(y.clientName) || x.serviceName.localeCompare(y.serviceName));
  return {
    month: p.month,
    today,
    scope,
    managerAccountId,
    rows,
    plan: plan ? { currency: plan.currency, row: plan.rows.find((r) => r.fulfilment.managerAccountId === managerAccountId) ?? null } : null,
  };
}

/** Escalations: feedback rated 2 or lower in the month or the one before, newest first (the lowest per report). */
function escalationsOf(services: readonly ServiceRecord[], reports: Map<string, ReportRecord[]>, clientName: (s: ServiceRecord) => string, month: string): DashboardEscalation[] {
  const from = `${addMonths(month, -1)}-01`;
  const to = `${addMonths(month, 1)}-01`;
  const out: DashboardEscalation[] = [];
  for (const s of services) {
    for (const r of reports.get(s.id) ?? []) {
      const low = r.feedback.filter((f) => f.rating <= 2 && f.at >= from && f.at < to).sort((x, y) => x.rating - y.rating || y.at.localeCompare(x.at))[0];
      if (!low) continue;
      out.push({ reportId: r.id, serviceId: s.id, clientName: clientName(s), serviceName: s.name, managerAccountId: s.managerAccountId, title: r.title, rating: low.rating, comment: low.comment, at: low.at, issueKey: r.escalationKey ?? null });
    }
  }
  return out.sort((x, y) => y.at.localeCompare(x.at));
}

export async function headDashboard(a: Access, p: { month: string }): Promise<HeadDashboard> {
  requireAdminOrHead(a);
  const { today } = agencyToday(new Date(), a.agency.timeZone);
  const services = a.services;
  const [turnover, kpis, cap, reports, alerts, clients] = await Promise.all([
    fulfilment(a, { month: p.month }),
    getRollups(services.map((s) => ({ serviceId: s.id, month: p.month }))),
    capacity(a, { month: addMonths(p.month, 1) }),
    reportsBy(services),
    activeAlertsByService(),
    clientsRepo.all(),
  ]);
  const nameOf = new Map(clients.map((c) => [c.id, c.name]));
  const managers = [...new Set(services.map((s) => s.managerAccountId))].sort();
  const byManager: DashboardManagerKpi[] = managers.map((m) =>
    kpiTotals(
      m,
      services.filter((s) => s.managerAccountId === m).map((s) => kpis.get(kpiRollupKey(s.id, p.month))),
    ),
  );
  const total = kpiTotals('', services.map((s) => kpis.get(kpiRollupKey(s.id, p.month))));
  const lines = new Set<ServiceType>();
  for (const r of turnover.rows) for (const l of r.fulfilment.lines) lines.add(l.serviceType);
  const byType: Partial<Record<MoneyAlertType, number>> = {};
  let alertTotal = 0;
  for (const list of alerts.values()) {
    for (const x of list) {
      byType[x.type] = (byType[x.type] ?? 0) + 1;
      alertTotal += 1;
    }
  }
  return {
    month: p.month,
    today,
    currency: turnover.currency,
    serviceTypes: SERVICE_TYPES.filter((t) => lines.has(t)),
    turnover: turnover.rows,
    kpi: { total, byManager },
    capacity: cap,
    escalations: escalationsOf(services, reports, (s) => nameOf.get(s.clientId) ?? s.clientId, p.month),
    alerts: { total: alertTotal, byType },
  };
}
