// What the issue context and issue panel show next to an issue of a service project.
// The project key comes from the browser and is untrusted: we find the service ourselves and
// check the caller against it; people outside the service see nothing.
import type { IssueContextSnapshot } from '../shared/api';
import { clientsRepo } from '../storage/clients.repo';
import { taskSetKey, taskSetsRepo } from '../storage/tasksets.repo';
import { canSeeMoney, canSeeService, type Access } from './access';
import { monthIn } from './plan-daily-work';
import type { EpicProgress } from './task-set-view';

export async function issuePanel(a: Access, projectKey: string | undefined, jira: EpicProgress): Promise<IssueContextSnapshot | null> {
  if (!projectKey) return null;
  const s = a.services.find((x) => x.jiraProjectKey === projectKey);
  if (!s || !canSeeService(a, s)) return null;
  const { month } = monthIn(new Date(), a.agency.timeZone);
  const [client, set] = await Promise.all([clientsRepo.get(s.clientId), taskSetsRepo.get(taskSetKey(s.id, month))]);
  const planned = set ? set.items.reduce((x, i) => x + i.estimateHours, 0) : 0;
  const live = set?.epic.issueKey ? await jira.issuesUnder(set.epic.issueKey) : [];
  const logged = Math.round((live.reduce((x, i) => x + i.timeSpentSeconds, 0) / 3600) * 100) / 100;
  const ratio = s.monthlyHourAllowance > 0 ? logged / s.monthlyHourAllowance : 0;
  const badge: IssueContextSnapshot['badge'] =
    s.status !== 'active'
      ? { label: s.status, tone: 'neutral' }
      : ratio > 1
        ? { label: `${Math.round(ratio * 100)}% h`, tone: 'danger' }
        : ratio > 0.85
          ? { label: `${Math.round(ratio * 100)}% h`, tone: 'warning' }
          : { label: `${Math.round(ratio * 100)}% h`, tone: 'success' };
  return {
    serviceId: s.id,
    clientName: client?.name ?? s.clientId,
    serviceName: s.name,
    serviceType: s.type,
    status: s.status,
    month,
    hoursLogged: logged,
    allowanceHours: s.monthlyHourAllowance,
    plannedHours: planned,
    money: canSeeMoney(a, s) ? { currency: client?.currency ?? '', monthlyFee: s.billing.monthlyFee } : null,
    badge,
    projectPageUrl: s.jiraProjectKey ? `/jira/projects/${s.jiraProjectKey}/apps/retainer-project-page` : null,
    computedAt: new Date().toISOString(),
  };
}
