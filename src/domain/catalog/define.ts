// Compact notation for the shipped catalog: every text as an [en, uk, ru] triple, ids derived from
// the service type and a slug ('tt-seo-keyword-research'), so ids stay stable across releases.
import type { LocalizedText, MonthRule, Role, ServiceType, TemplateTask } from '../model';

/** [English, Ukrainian, Russian]. */
export type Text3 = readonly [en: string, uk: string, ru: string];

export interface TemplateSpec {
  slug: string;
  title: Text3;
  description: Text3;
  role: Role;
  estimateHours: number;
  rule: MonthRule;
  dueDayOffset: number;
  checklist: readonly Text3[];
  labels: readonly string[];
}

export const text3 = ([en, uk, ru]: Text3): LocalizedText => ({ en, uk, ru });

export function templateId(type: ServiceType, slug: string): string {
  return `tt-${type}-${slug}`;
}

export function defineTemplates(type: ServiceType, specs: readonly TemplateSpec[]): TemplateTask[] {
  return specs.map((s) => ({
    id: templateId(type, s.slug),
    serviceType: type,
    title: text3(s.title),
    description: text3(s.description),
    estimateHours: s.estimateHours,
    role: s.role,
    rule: s.rule,
    dueDayOffset: s.dueDayOffset,
    checklist: s.checklist.map(text3),
    labels: [...s.labels],
    active: true,
  }));
}

// Rules used throughout the catalog.
export const FIRST: MonthRule = { kind: 'first-month' };
export const EVERY: MonthRule = { kind: 'every-month' };
export const everyN = (n: number, offset = 0): MonthRule => (offset === 0 ? { kind: 'every-n-months', n } : { kind: 'every-n-months', n, offset });
export const fromMonth = (from: number): MonthRule => ({ kind: 'from-month', from });

/** The two manager touchpoints every service has: the kick-off and the monthly review call. */
export function managerTouchpoints(): TemplateSpec[] {
  return [
    {
      slug: 'kickoff',
      title: ['Kick-off meeting and access checklist', 'Стартова зустріч і перелік доступів', 'Стартовая встреча и список доступов'],
      description: [
        'Meet the client, agree goals, KPIs and the reporting format, and collect every access the team needs.',
        'Зустрітися з клієнтом, узгодити цілі, KPI та формат звітності, зібрати всі доступи, потрібні команді.',
        'Встретиться с клиентом, согласовать цели, KPI и формат отчётности, собрать все доступы, нужные команде.',
      ],
      role: 'manager',
      estimateHours: 1.5,
      rule: FIRST,
      dueDayOffset: 2,
      checklist: [
        ['Business goals and KPIs agreed', 'Бізнес-цілі та KPI узгоджено', 'Бизнес-цели и KPI согласованы'],
        ['Contact person and approval process agreed', 'Узгоджено контактну особу та процес погоджень', 'Согласованы контактное лицо и процесс согласований'],
        ['Accesses received and checked', 'Доступи отримано й перевірено', 'Доступы получены и проверены'],
        ['Meeting notes sent to the client', 'Підсумки зустрічі надіслано клієнту', 'Итоги встречи отправлены клиенту'],
      ],
      labels: ['onboarding', 'meeting'],
    },
    {
      slug: 'review-call',
      title: ['Monthly review call with the client', 'Щомісячний дзвінок-підсумок із клієнтом', 'Ежемесячный созвон по итогам с клиентом'],
      description: [
        'Walk the client through the month\'s results and the report, collect feedback and agree next month\'s priorities.',
        'Пройтися з клієнтом по результатах місяця та звіту, зібрати відгук і узгодити пріоритети на наступний місяць.',
        'Пройтись с клиентом по результатам месяца и отчёту, собрать обратную связь и согласовать приоритеты на следующий месяц.',
      ],
      role: 'manager',
      estimateHours: 1,
      rule: EVERY,
      dueDayOffset: 28,
      checklist: [
        ['Results and report discussed', 'Результати та звіт обговорено', 'Результаты и отчёт обсуждены'],
        ['Feedback recorded', 'Відгук зафіксовано', 'Обратная связь зафиксирована'],
        ['Next month\'s priorities agreed', 'Пріоритети на наступний місяць узгоджено', 'Приоритеты на следующий месяц согласованы'],
      ],
      labels: ['meeting'],
    },
  ];
}
