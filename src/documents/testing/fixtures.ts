// Realistic report models for tests, screenshots and the PDF benchmark: a monthly Google Ads report
// (March 2026) with four charts, ~35 table rows, work done, plan and the manager's text.
import { formatMoney } from '../format';
import type { ReportLanguage, ReportModel, ReportTable } from '../report-model';

type L = Record<ReportLanguage, string>;

const TXT = {
  client: { en: 'Northwind Outdoor Ltd', uk: 'ТОВ «Квітка Поділля»', ru: 'ТОО «Северный ветер»' },
  service: { en: 'Google Ads — search and Performance Max', uk: 'Google Ads — пошук і Performance Max', ru: 'Google Ads — поиск и Performance Max' },
  period: { en: 'March 2026', uk: 'Березень 2026', ru: 'Март 2026' },
  manager: { en: 'Olena Kovalenko', uk: 'Олена Коваленко', ru: 'Елена Коваленко' },
  cost: { en: 'Ad spend', uk: 'Витрати на рекламу', ru: 'Расход на рекламу' },
  clicks: { en: 'Clicks', uk: 'Кліки', ru: 'Клики' },
  conversions: { en: 'Leads', uk: 'Заявки', ru: 'Заявки' },
  cpa: { en: 'Cost per lead', uk: 'Вартість заявки', ru: 'Стоимость заявки' },
  ctr: { en: 'CTR', uk: 'CTR', ru: 'CTR' },
  sessions: { en: 'Sessions', uk: 'Сеанси', ru: 'Сеансы' },
  users: { en: 'Users', uk: 'Користувачі', ru: 'Пользователи' },
  position: { en: 'Average position', uk: 'Середня позиція', ru: 'Средняя позиция' },
  campaign: { en: 'Campaign', uk: 'Кампанія', ru: 'Кампания' },
  impressions: { en: 'Impressions', uk: 'Покази', ru: 'Показы' },
  channel: { en: 'Channel', uk: 'Канал', ru: 'Канал' },
  convRate: { en: 'Conversion rate', uk: 'Конверсія', ru: 'Конверсия' },
  query: { en: 'Search query', uk: 'Пошуковий запит', ru: 'Поисковый запрос' },
  top10: { en: 'Queries in top 10', uk: 'Запити в топ-10', ru: 'Запросы в топ-10' },
  top3: { en: 'Queries in top 3', uk: 'Запити в топ-3', ru: 'Запросы в топ-3' },
  chartLeads: { en: 'Leads by day', uk: 'Заявки по днях', ru: 'Заявки по дням' },
  chartCost: { en: 'Ad spend by day', uk: 'Витрати по днях', ru: 'Расход по дням' },
  chartSessions: { en: 'Site sessions and users', uk: 'Сеанси та користувачі сайту', ru: 'Сеансы и пользователи сайта' },
  chartRankings: { en: 'Search visibility by week', uk: 'Видимість у пошуку по тижнях', ru: 'Видимость в поиске по неделям' },
  week: { en: 'Week', uk: 'Тиждень', ru: 'Неделя' },
} satisfies Record<string, L>;

const CAMPAIGNS: L[] = [
  { en: 'Search — Brand', uk: 'Пошук — Бренд', ru: 'Поиск — Бренд' },
  { en: 'Search — Tents and camping gear', uk: 'Пошук — Намети та туристичне спорядження', ru: 'Поиск — Палатки и туристическое снаряжение' },
  { en: 'Search — Hiking boots', uk: 'Пошук — Трекінгове взуття', ru: 'Поиск — Треккинговая обувь' },
  { en: 'Search — Competitors', uk: 'Пошук — Конкуренти', ru: 'Поиск — Конкуренты' },
  { en: 'Performance Max — All products', uk: 'Performance Max — Усі товари', ru: 'Performance Max — Все товары' },
  { en: 'Performance Max — Sale', uk: 'Performance Max — Розпродаж', ru: 'Performance Max — Распродажа' },
  { en: 'Remarketing — Cart abandoners (30 days)', uk: 'Ремаркетинг — Покинуті кошики (30 днів)', ru: 'Ремаркетинг — Брошенные корзины (30 дней)' },
  { en: 'Display — Spring collection', uk: 'КМС — Весняна колекція', ru: 'КМС — Весенняя коллекция' },
];

const CHANNELS: L[] = [
  { en: 'Paid search', uk: 'Платний пошук', ru: 'Платный поиск' },
  { en: 'Organic search', uk: 'Органічний пошук', ru: 'Органический поиск' },
  { en: 'Direct', uk: 'Прямі заходи', ru: 'Прямые заходы' },
  { en: 'Referral', uk: 'Переходи з сайтів', ru: 'Переходы с сайтов' },
  { en: 'Paid social', uk: 'Платні соцмережі', ru: 'Платные соцсети' },
  { en: 'Email', uk: 'Email-розсилки', ru: 'Email-рассылки' },
];

const QUERIES: L[] = [
  { en: 'buy tent', uk: 'купити намет', ru: 'купить палатку' },
  { en: 'hiking boots women', uk: 'трекінгові черевики жіночі', ru: 'треккинговые ботинки женские' },
  { en: 'sleeping bag -10', uk: 'спальник -10', ru: 'спальник -10' },
  { en: 'camping gear shop', uk: 'магазин туристичного спорядження', ru: 'магазин туристического снаряжения' },
  { en: 'backpack 60 l', uk: 'рюкзак 60 л', ru: 'рюкзак 60 л' },
  { en: 'trekking poles', uk: 'трекінгові палиці', ru: 'треккинговые палки' },
  { en: 'gas burner', uk: 'газовий пальник', ru: 'газовая горелка' },
  { en: 'waterproof jacket men', uk: 'непромокальна куртка чоловіча', ru: 'непромокаемая куртка мужская' },
];

const WORK: { group: string; items: { key: string; summary: L; hours: number }[] }[] = [
  {
    group: 'ppc-specialist',
    items: [
      { key: 'NWO-101', summary: { en: 'Weekly bid and budget review for search campaigns', uk: 'Щотижневий перегляд ставок і бюджетів пошукових кампаній', ru: 'Еженедельный пересмотр ставок и бюджетов поисковых кампаний' }, hours: 4 },
      { key: 'NWO-102', summary: { en: 'Negative keyword cleanup from the search terms report (412 terms reviewed)', uk: 'Чистка мінус-слів за звітом пошукових запитів (переглянуто 412 запитів)', ru: 'Чистка минус-слов по отчёту поисковых запросов (просмотрено 412 запросов)' }, hours: 3.5 },
      { key: 'NWO-103', summary: { en: 'New ad groups for the spring collection with responsive search ads', uk: 'Нові групи оголошень для весняної колекції з адаптивними оголошеннями', ru: 'Новые группы объявлений для весенней коллекции с адаптивными объявлениями' }, hours: 5 },
      { key: 'NWO-104', summary: { en: 'Performance Max asset groups: new images and headlines', uk: 'Групи ресурсів Performance Max: нові зображення та заголовки', ru: 'Группы ресурсов Performance Max: новые изображения и заголовки' }, hours: 3 },
      { key: 'NWO-105', summary: { en: 'Competitor campaign: bid strategy switched to target CPA', uk: 'Кампанія по конкурентах: стратегію змінено на цільову ціну заявки', ru: 'Кампания по конкурентам: стратегия переведена на целевую цену заявки' }, hours: 1.5 },
      { key: 'NWO-106', summary: { en: 'Merchant Center feed errors fixed (37 products)', uk: 'Виправлено помилки фіда Merchant Center (37 товарів)', ru: 'Исправлены ошибки фида Merchant Center (37 товаров)' }, hours: 2.25 },
    ],
  },
  {
    group: 'analyst',
    items: [
      { key: 'NWO-110', summary: { en: 'GA4 conversion audit: duplicate "generate_lead" events removed', uk: 'Аудит конверсій GA4: прибрано дублі подій «generate_lead»', ru: 'Аудит конверсий GA4: убраны дубли событий «generate_lead»' }, hours: 3 },
      { key: 'NWO-111', summary: { en: 'Call tracking connected to Google Ads offline conversions', uk: 'Колтрекінг підключено до офлайн-конверсій Google Ads', ru: 'Коллтрекинг подключён к офлайн-конверсиям Google Ads' }, hours: 2.5 },
    ],
  },
  {
    group: 'manager',
    items: [
      { key: 'NWO-120', summary: { en: 'Monthly call with the client: results and April priorities', uk: 'Щомісячний дзвінок із клієнтом: результати та пріоритети на квітень', ru: 'Ежемесячный созвон с клиентом: результаты и приоритеты на апрель' }, hours: 1 },
      { key: 'NWO-121', summary: { en: 'Report preparation and review', uk: 'Підготовка та перевірка звіту', ru: 'Подготовка и проверка отчёта' }, hours: 1.5 },
    ],
  },
];

const PLAN: { summary: L; role: string; estimateHours: number }[] = [
  { summary: { en: 'Launch the summer collection campaign (search + PMax)', uk: 'Запуск кампанії літньої колекції (пошук + PMax)', ru: 'Запуск кампании летней коллекции (поиск + PMax)' }, role: 'ppc-specialist', estimateHours: 6 },
  { summary: { en: 'A/B test of landing pages for tents', uk: 'A/B-тест посадкових сторінок для наметів', ru: 'A/B-тест посадочных страниц для палаток' }, role: 'ppc-specialist', estimateHours: 4 },
  { summary: { en: 'Weekly bid and budget reviews', uk: 'Щотижневий перегляд ставок і бюджетів', ru: 'Еженедельный пересмотр ставок и бюджетов' }, role: 'ppc-specialist', estimateHours: 4 },
  { summary: { en: 'New banner set for remarketing', uk: 'Новий набір банерів для ремаркетингу', ru: 'Новый набор баннеров для ремаркетинга' }, role: 'designer', estimateHours: 3 },
  { summary: { en: 'Margin-based bidding: import product margins', uk: 'Ставки з урахуванням маржі: імпорт маржинальності товарів', ru: 'Ставки с учётом маржи: импорт маржинальности товаров' }, role: 'analyst', estimateHours: 3.5 },
  { summary: { en: 'Monthly call and report', uk: 'Щомісячний дзвінок і звіт', ru: 'Ежемесячный созвон и отчёт' }, role: 'manager', estimateHours: 2.5 },
];

const ANALYSIS: L = {
  en: `March was the strongest month since the start of our work: 412 leads (+18% vs February) at a cost per lead of $21.40 (−9%).

The growth came mostly from the "Tents and camping gear" campaign after the new ad groups went live on 10 March, and from Performance Max, which learned on the cleaned-up conversion data.
- Brand search stayed stable; competitors bid on our brand less often than in February.
- Display remains the weakest channel: 0.6% CTR, almost no leads.
- Cost per lead rose on 21–24 March during the competitor's sale; we held bids to protect margin.`,
  uk: `Березень став найкращим місяцем від початку співпраці: 412 заявок (+18% до лютого) за вартості заявки 856,00 ₴ (−9%).

Зростання дали переважно кампанія «Намети та туристичне спорядження» після запуску нових груп оголошень 10 березня та Performance Max, який навчився на очищених даних про конверсії.
- Брендовий пошук стабільний; конкуренти рідше ставлять ставки на наш бренд, ніж у лютому.
- КМС лишається найслабшим каналом: CTR 0,6%, заявок майже немає.
- 21–24 березня вартість заявки зросла через розпродаж у конкурента; ми не підвищували ставки, щоб зберегти маржу.`,
  ru: `Март стал лучшим месяцем с начала сотрудничества: 412 заявок (+18% к февралю) при стоимости заявки 9 844 ₸ (−9%).

Рост дали в основном кампания «Палатки и туристическое снаряжение» после запуска новых групп объявлений 10 марта и Performance Max, который обучился на очищенных данных о конверсиях.
- Брендовый поиск стабилен; конкуренты реже ставят ставки на наш бренд, чем в феврале.
- КМС остаётся самым слабым каналом: CTR 0,6%, заявок почти нет.
- 21–24 марта стоимость заявки выросла из-за распродажи у конкурента; мы не повышали ставки, чтобы сохранить маржу.`,
};

const PROPOSALS: L = {
  en: `1. Move 15% of the Display budget to Performance Max — Sale for April.
2. Raise the daily budget of "Tents and camping gear" by $20: it is limited by budget on weekends.
3. Add product margins to bidding so that cheap accessories stop taking the budget of high-margin tents.`,
  uk: `1. Перенести 15% бюджету КМС у Performance Max — Розпродаж на квітень.
2. Збільшити денний бюджет кампанії «Намети та туристичне спорядження» на 800 ₴: у вихідні вона обмежена бюджетом.
3. Врахувати маржу товарів у ставках, щоб дешеві аксесуари не забирали бюджет високомаржинальних наметів.`,
  ru: `1. Перенести 15% бюджета КМС в Performance Max — Распродажа на апрель.
2. Увеличить дневной бюджет кампании «Палатки и туристическое снаряжение» на 9 000 ₸: в выходные она ограничена бюджетом.
3. Учитывать маржу товаров в ставках, чтобы дешёвые аксессуары не забирали бюджет высокомаржинальных палаток.`,
};

const CURRENCY: Record<ReportLanguage, string> = { en: 'USD', uk: 'UAH', ru: 'KZT' };
/** Local currency units per US dollar, so amounts look plausible in each currency. */
const RATE: Record<ReportLanguage, number> = { en: 1, uk: 40, ru: 460 };

/** Deterministic pseudo-random numbers (LCG) so fixtures never change between runs. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

const money = (n: number): string => n.toFixed(2);

function days(from: string, count: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86400000).toISOString().slice(0, 10));
}

/** A complete monthly report in the given language; same language → same model. */
export function sampleReportModel(lang: ReportLanguage = 'en'): ReportModel {
  const rnd = random(42);
  const rate = RATE[lang];
  const currency = CURRENCY[lang];
  const x = days('2026-03-01', 31);

  const clicks = x.map((d, i) => Math.round(520 + 180 * Math.sin(i / 4) + 120 * rnd() + (new Date(d).getUTCDay() % 6 === 0 ? -90 : 0)));
  const leads = clicks.map((c) => Math.round(c * (0.022 + 0.01 * rnd())));
  const cost = clicks.map((c) => Math.round(c * (0.55 + 0.2 * rnd()) * rate * 100) / 100);
  const sessions = x.map((_, i) => Math.round(1900 + 400 * Math.sin(i / 5 + 1) + 300 * rnd()));
  const users = sessions.map((s) => Math.round(s * (0.72 + 0.06 * rnd())));

  const campaignTable: ReportTable = {
    columns: [
      { key: 'campaign', label: TXT.campaign[lang], format: 'text' },
      { key: 'impressions', label: TXT.impressions[lang], format: 'count' },
      { key: 'clicks', label: TXT.clicks[lang], format: 'count' },
      { key: 'ctr', label: TXT.ctr[lang], format: 'percent' },
      { key: 'cost', label: TXT.cost[lang], format: 'money' },
      { key: 'leads', label: TXT.conversions[lang], format: 'count' },
      { key: 'cpa', label: TXT.cpa[lang], format: 'money' },
    ],
    rows: CAMPAIGNS.map((c, i) => {
      const impressions = Math.round(20000 + 90000 * rnd());
      const cl = Math.round(impressions * (0.01 + 0.05 * rnd()));
      const co = cl * (0.4 + 0.5 * rnd()) * rate;
      const le = i === 7 ? 1 : Math.round(cl * (0.015 + 0.03 * rnd()));
      return { campaign: c[lang], impressions, clicks: cl, ctr: Math.round((cl / impressions) * 10000) / 10000, cost: money(co), leads: le, cpa: money(co / le) };
    }),
    totals: { campaign: lang === 'en' ? 'Total' : lang === 'uk' ? 'Разом' : 'Итого', impressions: 498210, clicks: 16240, ctr: 0.0326, cost: money(8815.6 * rate), leads: 412, cpa: money(21.4 * rate) },
  };

  const channelTable: ReportTable = {
    columns: [
      { key: 'channel', label: TXT.channel[lang], format: 'text' },
      { key: 'sessions', label: TXT.sessions[lang], format: 'count' },
      { key: 'users', label: TXT.users[lang], format: 'count' },
      { key: 'rate', label: TXT.convRate[lang], format: 'percent' },
    ],
    rows: CHANNELS.map((c) => {
      const s = Math.round(800 + 20000 * rnd());
      return { channel: c[lang], sessions: s, users: Math.round(s * 0.74), rate: Math.round((0.005 + 0.04 * rnd()) * 10000) / 10000 };
    }),
  };

  const rankingTable: ReportTable = {
    columns: [
      { key: 'query', label: TXT.query[lang], format: 'text' },
      { key: 'position', label: TXT.position[lang], format: 'position' },
      { key: 'change', label: lang === 'en' ? 'Change' : lang === 'uk' ? 'Зміна' : 'Изменение', format: 'decimal' },
    ],
    rows: QUERIES.map((q) => ({ query: q[lang], position: Math.round((1 + 25 * rnd()) * 10) / 10, change: Math.round((rnd() * 8 - 3) * 10) / 10 })),
  };
  const weeks = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'];

  return {
    reportId: `rp-nwo-gads-2026-03-m-${lang}`,
    agency: { name: 'Brightline Digital' },
    client: { name: TXT.client[lang], language: lang, currency },
    service: { name: TXT.service[lang], type: 'google-ads' },
    period: { kind: 'monthly', from: '2026-03-01', to: '2026-03-31', label: TXT.period[lang] },
    kpis: [
      { key: 'cost', label: TXT.cost[lang], unit: 'money', value: money(8815.6 * rate), changeVsPrevious: 0.074, changeVsLastYear: 0.31, direction: 'neutral' },
      { key: 'clicks', label: TXT.clicks[lang], unit: 'count', value: 16240, changeVsPrevious: 0.112, changeVsLastYear: 0.42, status: 'on-track' },
      { key: 'leads', label: TXT.conversions[lang], unit: 'count', value: 412, changeVsPrevious: 0.18, changeVsLastYear: 0.57, status: 'on-track' },
      { key: 'cpa', label: TXT.cpa[lang], unit: 'money', value: money(21.4 * rate), changeVsPrevious: -0.09, changeVsLastYear: -0.17, direction: 'lower-is-better', status: 'at-risk' },
      { key: 'ctr', label: TXT.ctr[lang], unit: 'percent', value: 0.0326, changeVsPrevious: -0.021, changeVsLastYear: null },
      { key: 'position', label: TXT.position[lang], unit: 'position', value: 7.4, changeVsPrevious: -0.12, changeVsLastYear: null, status: 'off-track' },
    ],
    sections: [
      {
        source: 'google-ads',
        title: '',
        table: campaignTable,
        charts: [
          { id: 'gads-leads', kind: 'line', title: TXT.chartLeads[lang], x, series: [{ label: TXT.conversions[lang], values: leads }], unit: 'count' },
          { id: 'gads-cost', kind: 'bar', title: TXT.chartCost[lang], x, series: [{ label: TXT.cost[lang], values: cost }], unit: 'money', currency },
        ],
      },
      {
        source: 'ga4',
        title: '',
        table: channelTable,
        charts: [
          { id: 'ga4-sessions', kind: 'line', title: TXT.chartSessions[lang], x, series: [{ label: TXT.sessions[lang], values: sessions }, { label: TXT.users[lang], values: users.map((u, i) => (i === 17 ? null : u)) }], unit: 'count' },
        ],
      },
      {
        source: 'topvisor',
        title: '',
        table: rankingTable,
        charts: [
          { id: 'topvisor-visibility', kind: 'bar', title: TXT.chartRankings[lang], x: weeks, series: [{ label: TXT.top10[lang], values: [31, 34, 33, 38, 41] }, { label: TXT.top3[lang], values: [9, 11, 12, 12, 15] }], unit: 'count' },
        ],
      },
    ],
    kpiStatus: [
      { label: TXT.conversions[lang], target: '≥ 380', actual: '412', verdict: 'on-track', note: lang === 'en' ? 'Above target for the second month in a row' : lang === 'uk' ? 'Вище цілі другий місяць поспіль' : 'Выше цели второй месяц подряд' },
      { label: TXT.cpa[lang], target: `≤ ${formatMoney(money(20 * rate), currency, lang)}`, actual: formatMoney(money(21.4 * rate), currency, lang), verdict: 'at-risk', note: lang === 'en' ? 'Competitor sale on 21–24 March' : lang === 'uk' ? 'Розпродаж у конкурента 21–24 березня' : 'Распродажа у конкурента 21–24 марта' },
      { label: TXT.position[lang], target: '≤ 5', actual: lang === 'en' ? '7.4' : '7,4', verdict: 'off-track', note: lang === 'en' ? 'New pages are still being indexed' : lang === 'uk' ? 'Нові сторінки ще індексуються' : 'Новые страницы ещё индексируются' },
    ],
    workDone: WORK.map((g) => ({
      group: g.group,
      items: g.items.map((i) => ({ key: i.key, summary: i.summary[lang], hours: i.hours })),
      hours: g.items.reduce((s, i) => s + i.hours, 0),
    })),
    plan: PLAN.map((p) => ({ summary: p.summary[lang], role: p.role, estimateHours: p.estimateHours })),
    manager: { name: TXT.manager[lang], analysis: ANALYSIS[lang], proposals: PROPOSALS[lang] },
    generatedAt: '2026-04-03T06:00:00.000Z',
    status: 'draft',
  };
}
