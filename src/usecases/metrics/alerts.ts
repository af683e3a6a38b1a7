// Reconnect alerts: when a connection's access expires or is revoked, one Jira issue in the affected
// service's project ("Reconnect Google Ads for <client>") naming the services it stops, assigned to the
// manager, with the admins and the manager notified. The issue is closed once the connection has
// synced successfully again. Reconciling is idempotent: the issue carries a marker label, so a crash
// between creating it and recording it adopts the issue instead of creating a second one.
import { getAgencySettings } from '../../storage/agency.repo';
import { clientsRepo } from '../../storage/clients.repo';
import { allConnections, connectionsRepo, type ConnectionRecord } from '../../storage/connections.repo';
import { getAlertState, getSyncState, putAlertState, type AlertState } from '../../storage/metrics-sync.repo';
import { servicesRepo } from '../../storage/services.repo';
import type { MetricsDeps } from './deps';
import { SOURCE_LABEL } from './sources';
import { getNotificationRules } from '../notification-rules';

export type AlertOutcome = 'opened' | 'adopted' | 'kept' | 'closed' | 'nothing';

const isExpired = (c: ConnectionRecord): boolean => c.status === 'auth-expired' || c.status === 'revoked';

export const reconnectLabel = (c: ConnectionRecord): string => `retainer-reconnect-${c.id}-v${c.credentialsVersion}`.toLowerCase();

/** Services stopped by the same source account losing access (they share the login). */
async function stoppedServices(c: ConnectionRecord): Promise<string[]> {
  const same = (await allConnections()).filter((x) => x.source === c.source && x.account.accountId === c.account.accountId && isExpired(x));
  const ids = [...new Set([c.serviceId, ...same.map((x) => x.serviceId)])];
  const names: string[] = [];
  for (const id of ids) {
    const s = await servicesRepo.get(id);
    if (!s) continue;
    const client = await clientsRepo.get(s.clientId);
    names.push(`${client?.name ?? s.clientId} — ${s.name}${s.jiraProjectKey ? ` (${s.jiraProjectKey})` : ''}`);
  }
  return names;
}

async function close(alert: AlertState, comment: string, deps: MetricsDeps): Promise<AlertOutcome> {
  if (alert.issueKey) await deps.jira.close(alert.issueKey, comment);
  await putAlertState({ ...alert, state: 'closed', closedAt: deps.now().toISOString() });
  return 'closed';
}

export async function reconcileAlert(connectionId: string, deps: MetricsDeps): Promise<AlertOutcome> {
  const [c, alert] = await Promise.all([connectionsRepo.get(connectionId), getAlertState(connectionId)]);
  const open = alert?.state === 'open' ? alert : undefined;
  if (!c) return open ? close(open, 'The connection was removed from Retainer, so there is nothing to reconnect.', deps) : 'nothing';

  if (!isExpired(c)) {
    if (!open) return 'nothing';
    // Closed only once data flows again, not merely when new credentials were typed in.
    const sync = await getSyncState(c.id);
    if (!sync?.lastSuccess || sync.lastSuccess.at <= open.openedAt) return 'kept';
    return close(open, `Access works again: ${SOURCE_LABEL[c.source]} synced ${sync.lastSuccess.from}..${sync.lastSuccess.to} at ${sync.lastSuccess.at}.`, deps);
  }

  // One issue per expiry: an issue still open from an earlier expiry is kept (not duplicated).
  if (open?.issueKey) {
    if (open.credentialsVersion !== c.credentialsVersion) await putAlertState({ ...open, credentialsVersion: c.credentialsVersion });
    return 'kept';
  }
  const label = open?.label ?? reconnectLabel(c);
  const service = await servicesRepo.get(c.serviceId);
  const nowIso = deps.now().toISOString();
  const base: AlertState = open ?? {
    connectionId: c.id,
    state: 'open',
    credentialsVersion: c.credentialsVersion,
    label,
    issueKey: null,
    projectKey: service?.jiraProjectKey ?? null,
    openedAt: nowIso,
    ...(c.statusReason ? { reason: c.statusReason.slice(0, 500) } : {}),
  };
  // Recorded before the Jira call: a crash after creating the issue is found again by its label.
  if (!open) await putAlertState(base);
  if (!service?.jiraProjectKey || !service.jiraIssueTypes) {
    console.warn(`metrics alert ${c.id}: service ${c.serviceId} has no Jira project yet; the admin page shows the expired connection`);
    return 'kept';
  }
  const adopted = await deps.jira.findByLabel(label);
  const client = await clientsRepo.get(service.clientId);
  const source = SOURCE_LABEL[c.source];
  const summary = `Reconnect ${source} for ${client?.name ?? service.name}`;
  const stops = await stoppedServices(c);
  const issueKey =
    adopted ??
    (await deps.jira.createIssue({
      projectKey: service.jiraProjectKey,
      issueTypeId: service.jiraIssueTypes.task,
      summary,
      paragraphs: [
        `Retainer can no longer read the ${source} account ${c.account.accountId}${c.label ? ` (${c.label})` : ''}: access is ${c.status === 'revoked' ? 'revoked' : 'expired'}.`,
        `This stops the metrics sync of: ${stops.join('; ')}. Reports and KPIs of these services show no new ${source} data until access is renewed.`,
        'A Retainer admin renews it in Retainer settings → Connections (new token or consent). Sync resumes by itself, and this issue closes once data arrives again.',
      ],
      labels: ['retainer', 'retainer-reconnect', label],
      assigneeAccountId: service.managerAccountId,
    }));
  await putAlertState({ ...base, issueKey, projectKey: service.jiraProjectKey });
  if (!adopted) {
    const [agency, rules] = await Promise.all([getAgencySettings(), getNotificationRules()]);
    const to = [...new Set([...(rules.connectorAccess.admins ? agency.adminAccountIds : []), ...(rules.connectorAccess.managers ? [service.managerAccountId] : [])])];
    if (to.length > 0) await deps.jira
      .notify(issueKey, to, summary, `${source} access for ${client?.name ?? service.name} has expired. It stops: ${stops.join('; ')}. Renew it in Retainer settings → Connections.`)
      .catch((e: unknown) => console.warn(`metrics alert ${c.id}: notification not sent: ${(e as Error).message}`));
  }
  console.info(`metrics alert ${c.id}: ${adopted ? 'adopted' : 'opened'} ${issueKey}`);
  return adopted ? 'adopted' : 'opened';
}
