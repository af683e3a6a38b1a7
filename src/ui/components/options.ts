// Option lists for @atlaskit/select, built once per language.
import { LANGUAGES, ROLES, SERVICE_STATUSES, SERVICE_TYPES } from '../../domain/model';
import type { Language, Role, ServiceStatus, ServiceType } from '../../shared/api';
import type { I18n } from '../i18n/i18n';

export interface Option<T extends string = string> {
  label: string;
  value: T;
}

export const serviceTypeOptions = (i18n: I18n): Option<ServiceType>[] => SERVICE_TYPES.map((v) => ({ value: v, label: i18n.serviceType(v) }));
export const roleOptions = (i18n: I18n): Option<Role>[] => ROLES.map((v) => ({ value: v, label: i18n.role(v) }));
export const statusOptions = (i18n: I18n): Option<ServiceStatus>[] => SERVICE_STATUSES.map((v) => ({ value: v, label: i18n.t(`status.${v}`) }));
export const languageOptions = (i18n: I18n): Option<Language>[] => LANGUAGES.map((v) => ({ value: v, label: i18n.t(`lang.${v}`) }));

export function pick<T extends string>(options: readonly Option<T>[], value: T | null | undefined): Option<T> | null {
  return options.find((o) => o.value === value) ?? null;
}

export function pickMany<T extends string>(options: readonly Option<T>[], values: readonly T[] | undefined): Option<T>[] {
  if (!values) return [];
  return values.map((v) => options.find((o) => o.value === v) ?? { value: v, label: v });
}
