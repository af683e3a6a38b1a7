// Shared pieces of the money use cases: who may see a service's money, the service with its client
// and currency, the agency's calendar day, and the money settings with their defaults.
import type { Client } from '../../domain/model';
import { currencyExponent } from '../../domain/money';
import { ForbiddenError, NotFoundError } from '../../shared/errors';
import { clientsRepo } from '../../storage/clients.repo';
import { type AgencyMoneySettings, AGENCY_SETTINGS_KEY, AgencyMoneySettingsSchema, DEFAULT_MONEY_SETTINGS, type ServiceMoneySettings, ServiceMoneySettingsSchema, readDoc, readDocs, serviceSettingsKey } from '../../storage/money-docs.repo';
import type { ServiceRecord } from '../../storage/records';
import { servicesRepo } from '../../storage/services.repo';
import { canSeeMoney, requireAdminOrHead, type Access } from '../access';
import { monthIn } from '../plan-daily-work';

export interface MoneyService {
  service: ServiceRecord;
  client: Client;
  /** The client's currency: every amount of the service is in it. */
  currency: string;
}

/** The service if the caller may see its money; unknown and forbidden look the same. */
export function requireMoneyAccess(a: Access, serviceId: string): ServiceRecord {
  const s = a.services.find((x) => x.id === serviceId);
  if (!s || !canSeeMoney(a, s)) throw new ForbiddenError('You do not have access to the money of this service', { serviceId });
  return s;
}

/** Agency-wide money (export, all invoices, review list, settings): admins and heads. */
export function requireAgencyMoney(a: Access): void {
  requireAdminOrHead(a);
}

export async function loadMoneyService(serviceOrId: ServiceRecord | string): Promise<MoneyService> {
  const service = typeof serviceOrId === 'string' ? await servicesRepo.get(serviceOrId) : serviceOrId;
  if (!service) throw new NotFoundError('Service', String(serviceOrId));
  const client = await clientsRepo.get(service.clientId);
  if (!client) throw new NotFoundError('Client', service.clientId, { serviceId: service.id });
  currencyExponent(client.currency);
  return { service, client, currency: client.currency };
}

/** The agency's calendar day and month at `now`. */
export function agencyToday(now: Date, timeZone: string): { today: string; month: string } {
  const { today, month } = monthIn(now, timeZone);
  return { today, month };
}

export async function getMoneySettings(): Promise<AgencyMoneySettings> {
  const stored = await readDoc(AGENCY_SETTINGS_KEY, AgencyMoneySettingsSchema);
  return stored?.value ?? DEFAULT_MONEY_SETTINGS;
}

export async function getServiceMoneySettings(serviceId: string): Promise<ServiceMoneySettings> {
  return (await readDoc(serviceSettingsKey(serviceId), ServiceMoneySettingsSchema))?.value ?? {};
}

export async function getServicesMoneySettings(serviceIds: readonly string[]): Promise<Map<string, ServiceMoneySettings>> {
  const docs = await readDocs(serviceIds.map(serviceSettingsKey), ServiceMoneySettingsSchema);
  return new Map(serviceIds.map((id) => [id, docs.get(serviceSettingsKey(id))?.value ?? {}]));
}
