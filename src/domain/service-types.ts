// Human names and short codes of the service types and roles, in the three UI languages.
import type { Language, Role, ServiceType } from './model';

const SERVICE_TYPE_LABELS: Record<ServiceType, Record<Language, string>> = {
  seo: { en: 'SEO', uk: 'SEO', ru: 'SEO' },
  'yandex-direct': { en: 'Yandex Direct', uk: 'Яндекс Директ', ru: 'Яндекс Директ' },
  'google-ads': { en: 'Google Ads', uk: 'Google Ads', ru: 'Google Ads' },
  smm: { en: 'SMM', uk: 'SMM', ru: 'SMM' },
  'targeted-ads': { en: 'Targeted ads', uk: 'Таргетована реклама', ru: 'Таргетированная реклама' },
};

/** Short upper-case code used in Jira project keys ("ACMESEO", "KHYD"). */
export const SERVICE_TYPE_CODES: Record<ServiceType, string> = {
  seo: 'SEO',
  'yandex-direct': 'YD',
  'google-ads': 'GA',
  smm: 'SMM',
  'targeted-ads': 'TA',
};

const ROLE_LABELS: Record<Role, Record<Language, string>> = {
  manager: { en: 'Account manager', uk: 'Менеджер проєкту', ru: 'Менеджер проекта' },
  'seo-specialist': { en: 'SEO specialist', uk: 'SEO-спеціаліст', ru: 'SEO-специалист' },
  'ppc-specialist': { en: 'PPC specialist', uk: 'PPC-спеціаліст', ru: 'PPC-специалист' },
  'smm-specialist': { en: 'SMM specialist', uk: 'SMM-спеціаліст', ru: 'SMM-специалист' },
  targetologist: { en: 'Paid social specialist', uk: 'Таргетолог', ru: 'Таргетолог' },
  copywriter: { en: 'Copywriter', uk: 'Копірайтер', ru: 'Копирайтер' },
  designer: { en: 'Designer', uk: 'Дизайнер', ru: 'Дизайнер' },
  developer: { en: 'Developer', uk: 'Розробник', ru: 'Разработчик' },
  analyst: { en: 'Analyst', uk: 'Аналітик', ru: 'Аналитик' },
};

export function serviceTypeLabel(type: ServiceType, lang: Language): string {
  return SERVICE_TYPE_LABELS[type][lang];
}

export function roleLabel(role: Role, lang: Language): string {
  return ROLE_LABELS[role][lang];
}
