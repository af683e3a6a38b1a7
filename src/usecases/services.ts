// Services: create/edit, list with this month's task-set state, setup as a background job.
import type { Client, Service } from '../domain/model';
import type { JobStatus, ServiceInput, ServiceSummary } from '../shared/api';
import { NotFoundError, ValidationError } from '../shared/errors';
import { pushJobs } from '../platform/queue';
import { clientsRepo } from '../storage/clients.repo';
import { createJob } from '../storage/jobs.repo';
import type { ServiceRecord } from '../storage/records';
import { servicesRepo } from '../storage/services.repo';
import { taskSetKey, taskSetsRepo, taskSetsForMonth, type TaskSetRecord } from '../storage/tasksets.repo';
import { canSeeMoney, canSeeService, isOnService, requireAdminOrHead, requireServiceAccess, type Access } from './access';
import { newId } from './clients';
import { monthIn } from './plan-daily-work';
import { enqueuePanelRefresh } from './panels/enqueue';

export interface UserDirectory {
  /** Display names for account ids; unknown accounts are absent from the map. */
  names(accountIds: string[]): Promise<Map<string, string>>;
}

function summarize(s: ServiceRecord, client: Client | undefined, set: TaskSetRecord | undefined, month: string, names: Map<string, string>): ServiceSummary {
  const planned = set ? set.items.reduce((a, i) => a + i.estimateHours, 0) : 0;
  return {
    id: s.id,
    clientId: s.clientId,
    clientName: client?.name ?? s.clientId,
    name: s.name,
    type: s.type,
    status: s.status,
    managerAccountId: s.managerAccountId,
    managerName: names.get(s.managerAccountId) ?? s.managerAccountId,
    jiraProjectKey: s.jiraProjectKey ?? null,
    setup: s.setup,
    currentMonth: set
      ? { month, monthNumber: set.monthNumber, state: set.state, plannedHours: planned, allowanceHours: s.monthlyHourAllowance }
      : null,
  };
}

/** Billing terms are money: hidden from people who may not see it. */
export function redactService(a: Access, s: ServiceRecord): ServiceRecord {
  if (canSeeMoney(a, s)) return s;
  return { ...s, billing: { monthlyFee: '', commissionPercent: '', vatRatePercent: '', prepaidAdBudget: s.billing.prepaidAdBudget } };
}

export async function listServices(a: Access, mine: boolean, users: UserDirectory): Promise<ServiceSummary[]> {
  const { month } = monthIn(new Date(), a.agency.timeZone);
  const visible = a.services.filter((s) => (mine ? isOnService(a, s) : canSeeService(a, s)));
  const [clients, sets, names] = await Promise.all([clientsRepo.all(), taskSetsForMonth(month), users.names([...new Set(visible.map((s) => s.managerAccountId))])]);
  const byClient = new Map(clients.map((c) => [c.id, c]));
  const bySet = new Map(sets.map((t) => [t.serviceId, t]));
  return visible
    .map((s) => summarize(s, byClient.get(s.clientId), bySet.get(s.id), month, names))
    .sort((x, y) => x.clientName.localeCompare(y.clientName) || x.name.localeCompare(y.name));
}

export async function getService(a: Access, ref: { serviceId?: string; projectKey?: string }, users: UserDirectory): Promise<{ service: Service; client: Client; summary: ServiceSummary }> {
  const found = ref.serviceId ? a.services.find((s) => s.id === ref.serviceId) : a.services.find((s) => s.jiraProjectKey === ref.projectKey);
  const s = requireServiceAccess(a, found?.id ?? ref.serviceId ?? `project ${ref.projectKey ?? ''}`, 'see');
  const client = await clientsRepo.get(s.clientId);
  if (!client) throw new NotFoundError('Client', s.clientId, { serviceId: s.id });
  const { month } = monthIn(new Date(), a.agency.timeZone);
  const set = await taskSetsRepo.get(taskSetKey(s.id, month));
  const names = await users.names([s.managerAccountId]);
  const { setup: _setup, ...service } = redactService(a, s);
  return { service, client, summary: summarize(s, client, set, month, names) };
}

export async function saveService(a: Access, input: ServiceInput, users: UserDirectory): Promise<Service> {
  requireAdminOrHead(a);
  const client = await clientsRepo.get(input.clientId);
  if (!client) throw new ValidationError('Choose an existing client', { clientId: 'No such client' }, { clientId: input.clientId });
  const people = [input.managerAccountId, input.headAccountId, ...Object.values(input.team).flat().filter((x): x is string => typeof x === 'string')];
  const known = await users.names([...new Set(people)]);
  const fields: Record<string, string> = {};
  if (!known.has(input.managerAccountId)) fields.managerAccountId = 'This person is not a Jira user of the site';
  if (!known.has(input.headAccountId)) fields.headAccountId = 'This person is not a Jira user of the site';
  for (const [role, ids] of Object.entries(input.team)) {
    const unknown = (ids ?? []).filter((id) => !known.has(id));
    if (unknown.length > 0) fields[`team.${role}`] = `Not Jira users: ${unknown.join(', ')}`;
  }
  if (Object.keys(fields).length > 0) throw new ValidationError('Some people could not be found', fields);
  const existing = input.id ? a.services.find((s) => s.id === input.id) : undefined;
  if (input.jiraProjectKey) {
    const clash = a.services.find((s) => s.jiraProjectKey === input.jiraProjectKey && s.id !== existing?.id);
    if (clash) throw new ValidationError(`Project ${input.jiraProjectKey} already belongs to another service`, { jiraProjectKey: 'Already used by another service' }, { serviceId: clash.id });
  }
  const now = new Date().toISOString();
  const record: ServiceRecord = {
    ...input,
    id: existing?.id ?? input.id ?? newId('sv'),
    jiraProjectKey: existing?.jiraProjectKey ?? input.jiraProjectKey,
    jiraProjectId: existing?.jiraProjectId,
    // Found by setup, not on the form: dropping them would stop task sets, alerts and report reviews.
    ...(existing?.jiraIssueTypes ? { jiraIssueTypes: existing.jiraIssueTypes } : {}),
    setup: existing?.setup ?? { state: 'not-started' },
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await servicesRepo.put(record.id, record);
  // Panels keep who may see them: a team or manager change must reach the snapshot.
  await enqueuePanelRefresh([record.id], 'service saved');
  // A service that is (again) active and already set up gets this month's set at once.
  if (record.status === 'active' && record.setup.state === 'done') await queueTaskSetNow(a, record);
  const { setup: _s, ...service } = record;
  return service;
}

export async function queueTaskSetNow(a: Pick<Access, 'agency'>, s: ServiceRecord): Promise<void> {
  const { month, today } = monthIn(new Date(), a.agency.timeZone);
  if (s.startDate > today) return;
  await pushJobs([{ kind: 'taskset-batch', month, serviceIds: [s.id] }]);
}

export async function startSetup(a: Access, payload: { serviceId: string; linkProjectKey?: string; linkSpaceKey?: string }): Promise<JobStatus> {
  const s = requireServiceAccess(a, payload.serviceId, 'manage');
  const jobId = newId('sv').replace(/^sv-/, 'job-');
  const status = await createJob(jobId, 'service-setup', 3, a.accountId);
  await pushJobs([{ kind: 'service-setup', serviceId: s.id, jobId, ...(payload.linkProjectKey ? { linkProjectKey: payload.linkProjectKey } : {}), ...(payload.linkSpaceKey ? { linkSpaceKey: payload.linkSpaceKey } : {}) }]);
  return status;
}
