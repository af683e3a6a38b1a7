// Extra work: a manager adds catalog tasks to the current month. The request is recorded as a job;
// the consumer appends the items (keyed by the job id, so a redelivery adds nothing twice) and
// creates them with the same exactly-once machinery as the monthly set.
import type { JobStatus } from '../shared/api';
import { RetryLaterError, ValidationError } from '../shared/errors';
import { planExtraTasks } from '../domain/task-plan';
import { pushJobs } from '../platform/queue';
import { tryLock, unlock } from '../platform/kv';
import { clientsRepo } from '../storage/clients.repo';
import { createJob, updateJob } from '../storage/jobs.repo';
import { servicesRepo } from '../storage/services.repo';
import { taskSetKey, taskSetsRepo } from '../storage/tasksets.repo';
import { templatesFor } from '../storage/templates.repo';
import type { Language } from '../domain/model';
import { requireServiceAccess, type Access } from './access';
import { newId } from './clients';
import { monthIn } from './plan-daily-work';
import { appendExtraItems, createTaskSets, type TaskSetJira } from './task-sets';

export async function requestExtraTasks(a: Access, serviceId: string, templateIds: string[]): Promise<JobStatus> {
  const s = requireServiceAccess(a, serviceId, 'manage');
  const { month } = monthIn(new Date(), a.agency.timeZone);
  const record = await taskSetsRepo.get(taskSetKey(s.id, month));
  if (!record?.epic.issueKey) {
    throw new ValidationError(`This month's task set for ${s.name} isn't created yet; try again after it appears`, { templateIds: 'No task set this month yet' }, { serviceId, month });
  }
  const catalog = await templatesFor(s.type);
  const unknown = templateIds.filter((id) => !catalog.some((t) => t.id === id && t.active));
  if (unknown.length > 0) throw new ValidationError('Some tasks are not in the catalog for this service type', { templateIds: `Unknown or inactive: ${unknown.join(', ')}` }, { serviceId });
  const jobId = newId('sv').replace(/^sv-/, 'job-');
  const status = await createJob(jobId, 'taskset-extra', templateIds.length, a.accountId);
  await pushJobs([{ kind: 'taskset-extra', serviceId: s.id, month, templateIds, jobId }]);
  return status;
}

export async function runExtraTasks(msg: { serviceId: string; month: string; templateIds: string[]; jobId: string }, deps: { jira: TaskSetJira; language: Language; now: () => Date }): Promise<void> {
  await updateJob(msg.jobId, { state: 'running' });
  const lock = `lock:taskset:${msg.serviceId}:${msg.month}`;
  if (!(await tryLock(lock, 900))) throw new RetryLaterError(`Task set ${msg.serviceId} ${msg.month} is busy`, 60, { serviceId: msg.serviceId });
  try {
    const service = await servicesRepo.get(msg.serviceId);
    const record = await taskSetsRepo.get(taskSetKey(msg.serviceId, msg.month));
    if (!service || !record) throw new ValidationError('The task set is gone', {}, { serviceId: msg.serviceId, month: msg.month });
    const already = record.items.some((i) => i.itemKey.includes(`:extra-${msg.jobId}:`));
    if (!already) {
      const client = await clientsRepo.get(service.clientId);
      const templates = await templatesFor(service.type);
      const items = planExtraTasks({ service, clientName: client?.name ?? service.clientId, templates, month: msg.month, language: deps.language, templateIds: msg.templateIds });
      await taskSetsRepo.put(taskSetKey(msg.serviceId, msg.month), appendExtraItems(record, msg.jobId, items, deps.now().toISOString()));
    }
  } finally {
    await unlock(lock);
  }
  const r = await createTaskSets(msg.month, [msg.serviceId], deps);
  const failed = r.failed.find((f) => f.serviceId === msg.serviceId);
  await updateJob(msg.jobId, failed ? { state: 'failed', message: failed.message } : { state: 'done', progress: { done: msg.templateIds.length, total: msg.templateIds.length } });
}
