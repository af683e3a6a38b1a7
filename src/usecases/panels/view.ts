// Cutting a stored snapshot down to what one viewer may see (pure). The rules are those of
// usecases/access.ts (canSeeService / canSeeMoney), applied to the people stored in the snapshot so the
// resolver needs no service read; panels.test.ts checks both agree for every persona.
import type { AgencySettings } from '../../domain/model';
import type { IssueContextSnapshot, PanelBadgeReason, PanelTone } from '../../shared/api';
import type { PanelAlert, PanelKpi, PanelPeople, PanelSnapshot } from './snapshot';

export interface PanelViewer {
  accountId: string;
  agency: Pick<AgencySettings, 'adminAccountIds' | 'headAccountIds' | 'moneyVisibility'>;
}

export interface PanelAccess {
  see: boolean;
  money: boolean;
}

export function panelAccess(v: PanelViewer, p: PanelPeople): PanelAccess {
  const isAdmin = v.agency.adminAccountIds.includes(v.accountId);
  const isHead = v.agency.headAccountIds.includes(v.accountId);
  const isManager = p.managerAccountId === v.accountId;
  const isServiceHead = p.headAccountId === v.accountId;
  const see = isAdmin || isHead || isManager || isServiceHead || p.team.includes(v.accountId);
  const money = isAdmin || isHead || isServiceHead || (v.agency.moneyVisibility === 'manager-head-admin' && isManager);
  return { see, money };
}

/** Share of the allowance above which hours show as a warning. */
export const NEAR_ALLOWANCE = 0.85;

/** The status badge: the worst of alerts, KPI verdicts and hours; neutral for a service that is not active. */
export function badgeOf(
  status: PanelSnapshot['status'],
  alerts: readonly Pick<PanelAlert, 'severity'>[],
  kpis: readonly Pick<PanelKpi, 'verdict'>[],
  hours: PanelSnapshot['hours'],
): { tone: PanelTone; reason: PanelBadgeReason; count: number } {
  if (status !== 'active') return { tone: 'neutral', reason: 'inactive', count: 0 };
  const danger = alerts.filter((a) => a.severity === 'danger').length;
  const warning = alerts.length - danger;
  const off = kpis.filter((k) => k.verdict === 'off-track').length;
  const risk = kpis.filter((k) => k.verdict === 'at-risk').length;
  const used = hours.allowance > 0 ? hours.logged / hours.allowance : 0;
  const percent = Math.round(used * 100);
  if (danger > 0) return { tone: 'danger', reason: 'alert', count: alerts.length };
  if (off > 0) return { tone: 'danger', reason: 'kpi-off-track', count: off };
  if (hours.allowance > 0 && used > 1) return { tone: 'danger', reason: 'over-allowance', count: percent };
  if (warning > 0) return { tone: 'warning', reason: 'alert', count: warning };
  if (risk > 0) return { tone: 'warning', reason: 'kpi-at-risk', count: risk };
  if (hours.allowance > 0 && used > NEAR_ALLOWANCE) return { tone: 'warning', reason: 'near-allowance', count: percent };
  return { tone: 'success', reason: 'ok', count: percent };
}

/** What `viewer` gets from the snapshot: null without access; money parts only with money access. */
export function panelView(snap: PanelSnapshot, viewer: PanelViewer): IssueContextSnapshot | null {
  const access = panelAccess(viewer, snap.people);
  if (!access.see) return null;
  const kpis = snap.kpis.filter((k) => access.money || !k.money);
  const alerts = snap.alerts.filter((a) => access.money || !a.money);
  return {
    state: 'ready',
    serviceId: snap.serviceId,
    clientName: snap.clientName,
    serviceName: snap.serviceName,
    serviceType: snap.serviceType,
    status: snap.status,
    month: snap.month,
    hoursLogged: snap.hours.logged,
    allowanceHours: snap.hours.allowance,
    plannedHours: snap.hours.planned,
    money: access.money ? snap.money : null,
    kpis: kpis.map(({ money: _m, ...k }) => k),
    lastReport: snap.lastReport,
    alerts: alerts.map(({ money: _m, ...a }) => a),
    badge: badgeOf(snap.status, alerts, kpis, snap.hours),
    projectPageUrl: snap.projectPageUrl,
    computedAt: snap.computedAt,
  };
}
