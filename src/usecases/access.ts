// Who may see and do what. Every resolver goes through here; the UI only mirrors these answers.
// Roles come from the agency settings (admins, heads) and from services (manager, team members).
// Extension context (issue/project keys from the browser) is never trusted on its own: we look the
// service up ourselves and check the caller against it.
import type { AgencySettings, Language } from '../domain/model';
import type { Viewer } from '../shared/api';
import { ForbiddenError } from '../shared/errors';
import { getAgencySettings } from '../storage/agency.repo';
import type { ServiceRecord } from '../storage/records';
import { servicesRepo } from '../storage/services.repo';

export interface Access {
  accountId: string;
  agency: AgencySettings;
  isAdmin: boolean;
  isHead: boolean;
  services: ServiceRecord[];
}

export function toLanguage(locale: string | null | undefined): Language {
  const l = (locale ?? '').slice(0, 2).toLowerCase();
  return l === 'uk' || l === 'ru' ? l : 'en';
}

export async function loadAccess(accountId: string | null): Promise<Access> {
  if (!accountId) throw new ForbiddenError('Sign in to use Retainer');
  const [agency, services] = await Promise.all([getAgencySettings(), servicesRepo.all()]);
  return {
    accountId,
    agency,
    isAdmin: agency.adminAccountIds.includes(accountId),
    isHead: agency.headAccountIds.includes(accountId),
    services,
  };
}

export function isOnService(a: Access, s: ServiceRecord): boolean {
  if (s.managerAccountId === a.accountId || s.headAccountId === a.accountId) return true;
  return Object.values(s.team).some((ids) => ids?.includes(a.accountId));
}

export function canSeeService(a: Access, s: ServiceRecord): boolean {
  return a.isAdmin || a.isHead || isOnService(a, s);
}

/** Money: admins and heads always; the service's manager unless the agency limits it to heads. */
export function canSeeMoney(a: Access, s: ServiceRecord): boolean {
  if (a.isAdmin || a.isHead || s.headAccountId === a.accountId) return true;
  return a.agency.moneyVisibility === 'manager-head-admin' && s.managerAccountId === a.accountId;
}

export function canManageService(a: Access, s: ServiceRecord): boolean {
  return a.isAdmin || a.isHead || s.managerAccountId === a.accountId || s.headAccountId === a.accountId;
}

export function requireAdmin(a: Access): void {
  if (!a.isAdmin) throw new ForbiddenError('Only Retainer admins can do this', { accountId: a.accountId });
}

export function requireAdminOrHead(a: Access): void {
  if (!a.isAdmin && !a.isHead) throw new ForbiddenError('Only Retainer admins and heads of department can do this', { accountId: a.accountId });
}

export function requireServiceAccess(a: Access, serviceId: string, level: 'see' | 'manage'): ServiceRecord {
  const s = a.services.find((x) => x.id === serviceId);
  // Unknown and forbidden look the same, so ids can't be probed.
  if (!s || !(level === 'see' ? canSeeService(a, s) : canManageService(a, s))) {
    throw new ForbiddenError('You do not have access to this service', { serviceId });
  }
  return s;
}

export function viewerOf(a: Access, locale: string | null, displayName: string): Viewer {
  const managed = a.services.filter((s) => s.managerAccountId === a.accountId).map((s) => s.id);
  return {
    accountId: a.accountId,
    displayName,
    locale: toLanguage(locale),
    isAdmin: a.isAdmin,
    isHead: a.isHead,
    managedServiceIds: managed,
    canSeeMoney: a.isAdmin || a.isHead || a.services.some((s) => canSeeMoney(a, s)),
  };
}
