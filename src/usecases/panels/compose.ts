// Composing a service's panel snapshot from what the features already store (pure: the refresh job
// reads the inputs, this decides what the panel says). Hours are rounded to 0.01 h; money stays in
// decimal strings as the money feature produced them.
import type { Language, Role, ServiceStatus, ServiceType } from '../../domain/model';
import { PANEL_SNAPSHOT_VERSION, type PanelAlert, type PanelKpi, type PanelMoney, type PanelReport, type PanelSnapshot } from './snapshot';

export interface ComposeService {
  id: string;
  name: string;
  type: ServiceType;
  status: ServiceStatus;
  managerAccountId: string;
  headAccountId: string | null;
  team: Partial<Record<Role, string[]>>;
  monthlyHourAllowance: number;
  jiraProjectKey: string;
}

export interface ComposeKpi {
  id: string;
  label: Record<Language, string>;
  unit: PanelKpi['unit'];
  verdict: PanelKpi['verdict'];
  value: number | null;
  unbounded: 'positive' | 'negative' | null;
  target: number | null;
  expectedByNow: number | null;
  ratio: number | null;
}

export interface ComposeReport {
  id: string;
  kind: PanelReport['kind'];
  from: string;
  to: string;
  status: PanelReport['status'];
  publishedAt?: string;
  feedback: ReadonlyArray<{ accountId: string; rating: number; at: string }>;
}

export interface ComposeMoneyAlert {
  type: string;
  state: 'raising' | 'active' | 'clearing' | 'cleared';
  raisedAt: string;
  issueKey: string | null;
}

export interface ComposeConnection {
  /** Human name of the source ("Google Ads"). */
  source: string;
  status: 'active' | 'auth-expired' | 'revoked' | 'error';
  statusAt: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
  issueKey: string | null;
}

export interface ComposeSiteProblem {
  code: string;
  subject: string | null;
  since: string;
  severity: 'warning' | 'danger';
  issueKey: string | null;
}

export interface ComposeInputs {
  computedAt: string;
  month: string;
  service: ComposeService;
  clientName: string;
  plannedHours: number;
  loggedSeconds: number;
  /** Null when the service has no money records yet. */
  money: Omit<PanelMoney, 'profit'> | null;
  profit: PanelMoney['profit'];
  kpis: readonly ComposeKpi[];
  /** KPI ids built from money facts. */
  moneyKpiIds: ReadonlySet<string>;
  reports: readonly ComposeReport[];
  moneyAlerts: readonly ComposeMoneyAlert[];
  connections: readonly ComposeConnection[];
  siteProblems?: readonly ComposeSiteProblem[];
}

/** Money alerts that mean the work itself is affected; the rest speak about balances and invoices. */
const DANGER_MONEY_ALERTS = new Set(['low-balance', 'runway-below', 'invoice-overdue', 'ads-stopped']);
/** Ads not running is a fact the whole team needs; it reveals no amount. */
const MONEY_ALERTS_FOR_EVERYONE = new Set(['ads-stopped']);

const round2 = (n: number): number => Math.round(n * 100) / 100;

export function projectPageUrl(projectKey: string): string {
  return `/jira/projects/${encodeURIComponent(projectKey)}/apps/retainer-project-page`;
}

/** Average of each rater's latest rating (a client who re-rates counts once), to one decimal. */
export function reportRating(feedback: ComposeReport['feedback']): { rating: number | null; ratings: number } {
  const latest = new Map<string, { rating: number; at: string }>();
  for (const f of feedback) {
    const prev = latest.get(f.accountId);
    if (!prev || prev.at <= f.at) latest.set(f.accountId, { rating: f.rating, at: f.at });
  }
  if (latest.size === 0) return { rating: null, ratings: 0 };
  const sum = [...latest.values()].reduce((x, f) => x + f.rating, 0);
  return { rating: Math.round((sum / latest.size) * 10) / 10, ratings: latest.size };
}

/** The newest report by period end (then start), whatever its status. */
export function lastReport(reports: readonly ComposeReport[]): PanelReport | null {
  const r = [...reports].sort((a, b) => b.to.localeCompare(a.to) || b.from.localeCompare(a.from) || a.id.localeCompare(b.id))[0];
  if (!r) return null;
  return { reportId: r.id, kind: r.kind, from: r.from, to: r.to, status: r.status, ...reportRating(r.feedback), publishedAt: r.publishedAt ?? null };
}

export function connectorAlerts(connections: readonly ComposeConnection[]): PanelAlert[] {
  const out: PanelAlert[] = [];
  for (const c of connections) {
    if (c.status !== 'active') {
      out.push({ source: 'connector', type: c.status, subject: c.source, issueKey: c.issueKey, since: c.statusAt ?? c.lastErrorAt ?? '', severity: c.status === 'error' ? 'warning' : 'danger', money: false });
    } else if (c.lastErrorAt && (!c.lastSuccessAt || c.lastErrorAt > c.lastSuccessAt)) {
      // Access works but the last pull failed and none succeeded since.
      out.push({ source: 'connector', type: 'sync-failed', subject: c.source, issueKey: null, since: c.lastErrorAt, severity: 'warning', money: false });
    }
  }
  return out;
}

export function moneyAlerts(alerts: readonly ComposeMoneyAlert[]): PanelAlert[] {
  return alerts
    .filter((a) => a.state !== 'cleared')
    .map((a) => ({
      source: 'money' as const,
      type: a.type,
      subject: null,
      issueKey: a.issueKey,
      since: a.raisedAt,
      severity: DANGER_MONEY_ALERTS.has(a.type) ? ('danger' as const) : ('warning' as const),
      money: !MONEY_ALERTS_FOR_EVERYONE.has(a.type),
    }));
}

export function composeSnapshot(i: ComposeInputs): PanelSnapshot {
  const s = i.service;
  const team = [...new Set(Object.values(s.team).flatMap((ids) => ids ?? []))].sort();
  const siteAlerts: PanelAlert[] = (i.siteProblems ?? []).map((p) => ({ source: 'site', type: p.code, subject: p.subject, issueKey: p.issueKey, since: p.since, severity: p.severity, money: false }));
  const alerts = [...moneyAlerts(i.moneyAlerts), ...connectorAlerts(i.connections), ...siteAlerts].sort(
    (a, b) => (a.severity === b.severity ? 0 : a.severity === 'danger' ? -1 : 1) || a.since.localeCompare(b.since),
  );
  return {
    version: PANEL_SNAPSHOT_VERSION,
    kind: 'service',
    projectKey: s.jiraProjectKey,
    serviceId: s.id,
    clientName: i.clientName,
    serviceName: s.name,
    serviceType: s.type,
    status: s.status,
    month: i.month,
    people: { managerAccountId: s.managerAccountId, headAccountId: s.headAccountId, team },
    hours: { logged: round2(i.loggedSeconds / 3600), allowance: s.monthlyHourAllowance, planned: round2(i.plannedHours) },
    kpis: i.kpis.map((k) => ({ ...k, money: i.moneyKpiIds.has(k.id) })),
    lastReport: lastReport(i.reports),
    alerts,
    money: i.money ? { ...i.money, profit: i.profit } : null,
    projectPageUrl: projectPageUrl(s.jiraProjectKey),
    computedAt: i.computedAt,
  };
}
