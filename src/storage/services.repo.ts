// Services: one custom entity, indexed by client, by manager (with status), by status and by project key.
import { entityStore } from '../platform/entity-store';
import { ServiceRecordSchema, type ServiceRecord } from './records';

export const servicesRepo = entityStore('service', ServiceRecordSchema, (s) => ({
  clientId: s.clientId,
  managerAccountId: s.managerAccountId,
  status: s.status,
  serviceType: s.type,
  projectKey: s.jiraProjectKey,
}));

export async function activeServices(): Promise<ServiceRecord[]> {
  return servicesRepo.byIndex('status', { rangeEquals: 'active' });
}

export async function serviceByProjectKey(projectKey: string): Promise<ServiceRecord | undefined> {
  const found = await servicesRepo.byIndex('projectKey', { rangeEquals: projectKey });
  return found[0];
}
