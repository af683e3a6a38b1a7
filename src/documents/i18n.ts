// Every fixed text of a client report (Confluence page and PDF) in English, Ukrainian and Russian.
// Placeholders are {name}; fill them with `fill`.
import { ROLES, SERVICE_TYPES, type Role, type ServiceType } from '../domain/model';
import { roleLabel as domainRoleLabel, serviceTypeLabel } from '../domain/service-types';
import type { KpiStatus, ReportLanguage, ReportSource } from './report-model';

export interface ReportTexts {
  titleWeekly: string;
  titleMonthly: string;
  titleCustom: string;
  client: string;
  service: string;
  period: string;
  dataAsOf: string;
  preparedBy: string;
  manager: string;
  pageOf: string;
  draft: string;
  draftNotice: string;
  summary: string;
  keyResults: string;
  metric: string;
  value: string;
  vsPrevious: string;
  vsLastYear: string;
  vsPreviousShort: string;
  vsLastYearShort: string;
  status: string;
  noData: string;
  noDataForPeriod: string;
  chartData: string;
  date: string;
  kpiStatus: string;
  kpi: string;
  target: string;
  actual: string;
  comment: string;
  statusOnTrack: string;
  statusAtRisk: string;
  statusOffTrack: string;
  workDone: string;
  workDoneEmpty: string;
  issueKey: string;
  task: string;
  hours: string;
  hoursUnit: string;
  total: string;
  totalHours: string;
  plan: string;
  planEmpty: string;
  role: string;
  estimate: string;
  analysis: string;
  proposals: string;
  notWrittenYet: string;
  feedback: string;
  clientRating: string;
  ratingOutOf: string;
  feedbackPrompt: string;
  sourceGoogleAds: string;
  sourceYandexDirect: string;
  sourceYandexMetrica: string;
  sourceGa4: string;
  sourceSearchConsole: string;
  sourceMeta: string;
  sourceTopvisor: string;
  sourceCsv: string;
  sourceYandexWebmaster: string;
}

const EN: ReportTexts = {
  titleWeekly: 'Weekly report',
  titleMonthly: 'Monthly report',
  titleCustom: 'Report for the period',
  client: 'Client',
  service: 'Service',
  period: 'Period',
  dataAsOf: 'Data as of {date}',
  preparedBy: 'Prepared by {agency}',
  manager: 'Account manager',
  pageOf: 'Page {n} of {m}',
  draft: 'Draft',
  draftNotice: 'Draft: the client does not see this report until it is published.',
  summary: 'Summary',
  keyResults: 'Key results',
  metric: 'Metric',
  value: 'This period',
  vsPrevious: 'vs previous period',
  vsLastYear: 'vs same period last year',
  vsPreviousShort: 'vs previous period',
  vsLastYearShort: 'vs last year',
  status: 'Status',
  noData: '—',
  noDataForPeriod: 'No data for this period.',
  chartData: 'Chart data: {title}',
  date: 'Date',
  kpiStatus: 'KPI status',
  kpi: 'KPI',
  target: 'Target',
  actual: 'Actual',
  comment: 'Comment',
  statusOnTrack: 'On track',
  statusAtRisk: 'At risk',
  statusOffTrack: 'Off track',
  workDone: 'Work done',
  workDoneEmpty: 'No tasks were completed in this period.',
  issueKey: 'Task no.',
  task: 'Task',
  hours: 'Hours',
  hoursUnit: '{hours} h',
  total: 'Total',
  totalHours: 'Total hours',
  plan: 'Plan for the next period',
  planEmpty: 'The plan for the next period is being prepared.',
  role: 'Specialist',
  estimate: 'Estimate',
  analysis: 'Analysis of results',
  proposals: 'Proposals',
  notWrittenYet: 'To be added by the account manager.',
  feedback: 'Your feedback',
  clientRating: 'Client rating',
  ratingOutOf: '{rating} of 5',
  feedbackPrompt: 'Please rate this report and tell us what we can do better.',
  sourceGoogleAds: 'Google Ads',
  sourceYandexDirect: 'Yandex Direct',
  sourceYandexMetrica: 'Yandex Metrica',
  sourceGa4: 'Google Analytics 4',
  sourceSearchConsole: 'Google Search Console',
  sourceMeta: 'Meta Ads (Facebook and Instagram)',
  sourceTopvisor: 'Search rankings (Topvisor)',
  sourceYandexWebmaster: 'Yandex search (Yandex Webmaster)',
  sourceCsv: 'Other data',
};

const UK: ReportTexts = {
  titleWeekly: 'Щотижневий звіт',
  titleMonthly: 'Щомісячний звіт',
  titleCustom: 'Звіт за період',
  client: 'Клієнт',
  service: 'Послуга',
  period: 'Період',
  dataAsOf: 'Дані станом на {date}',
  preparedBy: 'Підготовлено: {agency}',
  manager: 'Менеджер проєкту',
  pageOf: 'Сторінка {n} з {m}',
  draft: 'Чернетка',
  draftNotice: 'Чернетка: клієнт не побачить цей звіт, доки його не буде опубліковано.',
  summary: 'Підсумки',
  keyResults: 'Ключові результати',
  metric: 'Показник',
  value: 'За період',
  vsPrevious: 'до попереднього періоду',
  vsLastYear: 'до аналогічного періоду минулого року',
  vsPreviousShort: 'до попереднього періоду',
  vsLastYearShort: 'до минулого року',
  status: 'Статус',
  noData: '—',
  noDataForPeriod: 'За цей період даних немає.',
  chartData: 'Дані графіка: {title}',
  date: 'Дата',
  kpiStatus: 'Виконання KPI',
  kpi: 'KPI',
  target: 'Ціль',
  actual: 'Факт',
  comment: 'Коментар',
  statusOnTrack: 'За планом',
  statusAtRisk: 'Є ризики',
  statusOffTrack: 'Не виконується',
  workDone: 'Виконані роботи',
  workDoneEmpty: 'У цьому періоді завершених задач немає.',
  issueKey: '№ задачі',
  task: 'Задача',
  hours: 'Години',
  hoursUnit: '{hours} год',
  total: 'Разом',
  totalHours: 'Усього годин',
  plan: 'План на наступний період',
  planEmpty: 'План на наступний період готується.',
  role: 'Спеціаліст',
  estimate: 'Оцінка',
  analysis: 'Аналіз результатів',
  proposals: 'Пропозиції',
  notWrittenYet: 'Менеджер проєкту додасть цей розділ.',
  feedback: 'Ваш відгук',
  clientRating: 'Оцінка клієнта',
  ratingOutOf: '{rating} з 5',
  feedbackPrompt: 'Будь ласка, оцініть звіт і підкажіть, що нам варто покращити.',
  sourceGoogleAds: 'Google Ads',
  sourceYandexDirect: 'Яндекс Директ',
  sourceYandexMetrica: 'Яндекс Метрика',
  sourceGa4: 'Google Analytics 4',
  sourceSearchConsole: 'Google Search Console',
  sourceMeta: 'Meta Ads (Facebook та Instagram)',
  sourceTopvisor: 'Позиції в пошуку (Topvisor)',
  sourceYandexWebmaster: 'Пошук Яндекса (Яндекс Вебмайстер)',
  sourceCsv: 'Інші дані',
};

const RU: ReportTexts = {
  titleWeekly: 'Еженедельный отчёт',
  titleMonthly: 'Ежемесячный отчёт',
  titleCustom: 'Отчёт за период',
  client: 'Клиент',
  service: 'Услуга',
  period: 'Период',
  dataAsOf: 'Данные на {date}',
  preparedBy: 'Подготовлено: {agency}',
  manager: 'Менеджер проекта',
  pageOf: 'Страница {n} из {m}',
  draft: 'Черновик',
  draftNotice: 'Черновик: клиент не увидит этот отчёт, пока он не будет опубликован.',
  summary: 'Итоги',
  keyResults: 'Ключевые результаты',
  metric: 'Показатель',
  value: 'За период',
  vsPrevious: 'к предыдущему периоду',
  vsLastYear: 'к аналогичному периоду прошлого года',
  vsPreviousShort: 'к предыдущему периоду',
  vsLastYearShort: 'к прошлому году',
  status: 'Статус',
  noData: '—',
  noDataForPeriod: 'За этот период данных нет.',
  chartData: 'Данные графика: {title}',
  date: 'Дата',
  kpiStatus: 'Выполнение KPI',
  kpi: 'KPI',
  target: 'Цель',
  actual: 'Факт',
  comment: 'Комментарий',
  statusOnTrack: 'По плану',
  statusAtRisk: 'Есть риски',
  statusOffTrack: 'Не выполняется',
  workDone: 'Выполненные работы',
  workDoneEmpty: 'В этом периоде завершённых задач нет.',
  issueKey: '№ задачи',
  task: 'Задача',
  hours: 'Часы',
  hoursUnit: '{hours} ч',
  total: 'Итого',
  totalHours: 'Всего часов',
  plan: 'План на следующий период',
  planEmpty: 'План на следующий период готовится.',
  role: 'Специалист',
  estimate: 'Оценка',
  analysis: 'Анализ результатов',
  proposals: 'Предложения',
  notWrittenYet: 'Менеджер проекта добавит этот раздел.',
  feedback: 'Ваш отзыв',
  clientRating: 'Оценка клиента',
  ratingOutOf: '{rating} из 5',
  feedbackPrompt: 'Пожалуйста, оцените отчёт и подскажите, что нам стоит улучшить.',
  sourceGoogleAds: 'Google Ads',
  sourceYandexDirect: 'Яндекс Директ',
  sourceYandexMetrica: 'Яндекс Метрика',
  sourceGa4: 'Google Analytics 4',
  sourceSearchConsole: 'Google Search Console',
  sourceMeta: 'Meta Ads (Facebook и Instagram)',
  sourceTopvisor: 'Позиции в поиске (Topvisor)',
  sourceYandexWebmaster: 'Поиск Яндекса (Яндекс Вебмастер)',
  sourceCsv: 'Другие данные',
};

const TEXTS: Readonly<Record<ReportLanguage, ReportTexts>> = { en: EN, uk: UK, ru: RU };

export function reportTexts(lang: ReportLanguage): ReportTexts {
  return TEXTS[lang];
}

/** Replaces {name} placeholders; unknown placeholders stay as written. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

const SOURCE_KEYS: Record<ReportSource, keyof ReportTexts> = {
  'google-ads': 'sourceGoogleAds',
  'yandex-direct': 'sourceYandexDirect',
  'yandex-metrica': 'sourceYandexMetrica',
  ga4: 'sourceGa4',
  'search-console': 'sourceSearchConsole',
  meta: 'sourceMeta',
  topvisor: 'sourceTopvisor',
  csv: 'sourceCsv',
  'yandex-webmaster': 'sourceYandexWebmaster',
};

export function sourceLabel(source: ReportSource, lang: ReportLanguage): string {
  return TEXTS[lang][SOURCE_KEYS[source]];
}

export function kpiStatusLabel(status: KpiStatus, lang: ReportLanguage): string {
  const t = TEXTS[lang];
  return status === 'on-track' ? t.statusOnTrack : status === 'at-risk' ? t.statusAtRisk : t.statusOffTrack;
}

export function reportTitle(kind: 'weekly' | 'monthly' | 'custom', lang: ReportLanguage): string {
  const t = TEXTS[lang];
  return kind === 'weekly' ? t.titleWeekly : kind === 'monthly' ? t.titleMonthly : t.titleCustom;
}

/** A domain role id ("ppc-specialist") in the report's language; any other text is returned as is. */
export function roleLabel(role: string, lang: ReportLanguage): string {
  return (ROLES as readonly string[]).includes(role) ? domainRoleLabel(role as Role, lang) : role;
}

/** A domain service type ("google-ads") in the report's language; any other text is returned as is. */
export function serviceTypeName(type: string, lang: ReportLanguage): string {
  return (SERVICE_TYPES as readonly string[]).includes(type) ? serviceTypeLabel(type as ServiceType, lang) : type;
}
