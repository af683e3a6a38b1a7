// A generated agency of any size for the scale and reliability runs (issue 10): clients with one to
// three services of the five kinds, managers carrying about 25 services each, heads per department,
// specialists in proportion to the work, a client guest per client, metrics connections by service
// type, money with late payers and a client that never tops up. Deterministic for (services, seed).
import { createRng } from '../core/rng';
import { ScenarioSchema, type Scenario } from './scenario';

type ServiceType = Scenario['clients'][number]['services'][number]['type'];
type Lang = 'en' | 'uk' | 'ru';

const NAMES: Record<Lang, { first: string[]; second: string[] }> = {
  uk: { first: ['Кавова', 'Зелена', 'Тепла', 'Смачна', 'Швидка', 'Світла', 'Мудра', 'Сонячна', 'Добра', 'Київська'], second: ['Хата', 'Майстерня', 'Крамниця', 'Оселя', 'Пекарня', 'Клініка', 'Школа', 'Студія', 'Аптека', 'Ферма'] },
  ru: { first: ['Тёплый', 'Быстрый', 'Новый', 'Северный', 'Добрый', 'Главный', 'Уютный', 'Чистый', 'Мастер', 'Городской'], second: ['Дом', 'Сервис', 'Маркет', 'Двор', 'Склад', 'Офис', 'Центр', 'Салон', 'Мир', 'Сад'] },
  en: { first: ['Nordic', 'Blue', 'Urban', 'Bright', 'Green', 'Swift', 'Silver', 'Golden', 'Prime', 'Coastal'], second: ['Fit', 'Tea', 'Labs', 'Motors', 'Dental', 'Bakery', 'Studio', 'Travel', 'Home', 'Optics'] },
};

const TYPE_MIX: readonly ServiceType[] = ['seo', 'seo', 'google-ads', 'google-ads', 'yandex-direct', 'targeted-ads', 'smm', 'seo', 'google-ads', 'targeted-ads'];
const SERVICE_NAMES: Record<ServiceType, string> = { seo: 'SEO', 'google-ads': 'Google Ads', 'yandex-direct': 'Yandex Direct', 'targeted-ads': 'Meta ads', smm: 'SMM' };
const FEES: Record<ServiceType, [number, number]> = { seo: [12000, 30000], 'google-ads': [8000, 20000], 'yandex-direct': [8000, 18000], 'targeted-ads': [7000, 16000], smm: [10000, 24000] };
const CURRENCY: Record<Lang, string> = { uk: 'UAH', ru: 'UAH', en: 'EUR' };
const ROLES = ['seo-specialist', 'ppc-specialist', 'smm-specialist', 'targetologist', 'copywriter', 'designer', 'developer'] as const;
/** Services one specialist of a role can carry. */
const LOAD: Record<(typeof ROLES)[number], number> = { 'seo-specialist': 15, 'ppc-specialist': 20, 'smm-specialist': 12, targetologist: 15, copywriter: 40, designer: 50, developer: 80 };

export interface AgencyScaleOptions {
  services: number;
  seed?: number;
  /** First simulated day (UTC midnight); the run covers `days` days from it. */
  start?: string;
  days?: number;
}

/** The generated agency as a scenario (the same shape as the demo's YAML). */
export function agencyScenario(opts: AgencyScaleOptions): Scenario {
  const rng = createRng(`agency-scale|${opts.seed ?? 1}`);
  const start = opts.start ?? '2026-08-01';
  const days = opts.days ?? 92;
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000 + 9 * 3_600_000);
  const managers = Math.max(1, Math.ceil(opts.services / 25));
  const users: Array<Record<string, unknown>> = [
    { accountId: 'u-admin', displayName: 'Olena Admin', email: 'admin@scale-agency.example', role: 'admin' },
    { accountId: 'u-head-perf', displayName: 'Taras Head (performance)', email: 'taras@scale-agency.example', role: 'head' },
    { accountId: 'u-head-seo', displayName: 'Iryna Head (SEO & SMM)', email: 'iryna@scale-agency.example', role: 'head' },
  ];
  for (let i = 0; i < managers; i++) users.push({ accountId: `u-man-${i}`, displayName: `Manager ${i + 1}`, email: `manager${i + 1}@scale-agency.example`, role: 'manager' });
  const team: Record<string, string[]> = {};
  for (const role of ROLES) {
    const n = Math.max(1, Math.ceil(opts.services / LOAD[role]));
    team[role] = Array.from({ length: n }, (_, i) => `u-${role}-${i}`);
    for (const id of team[role] as string[]) users.push({ accountId: id, displayName: `${role} ${id.split('-').pop()}`, role: 'specialist' });
  }

  const clients: Array<Record<string, unknown>> = [];
  let made = 0;
  for (let c = 0; made < opts.services; c++) {
    const lang: Lang = c % 5 === 4 ? 'en' : c % 5 === 3 ? 'ru' : 'uk';
    const words = NAMES[lang];
    const name = `${words.first[c % 10]} ${words.second[Math.floor(c / 10) % 10]}${c >= 100 ? ` ${Math.floor(c / 100) + 1}` : ''}`;
    const count = Math.min(opts.services - made, 1 + (rng.chance(0.45) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0));
    const id = `cl-s${c}`;
    // A client buys different kinds of service (two of a kind would share one project name).
    const types: ServiceType[] = [];
    for (let j = made; types.length < count; j++) {
      const t = TYPE_MIX[j % TYPE_MIX.length] as ServiceType;
      if (!types.includes(t)) types.push(t);
    }
    const services = Array.from({ length: count }, (_, k) => {
      const type = types[k] as ServiceType;
      const [lo, hi] = FEES[type];
      const feeMajor = Math.round((lo + rng.next() * (hi - lo)) / 500) * 500;
      const fee = CURRENCY[lang] === 'EUR' ? Math.round(feeMajor / 45 / 10) * 10 : feeMajor;
      const ads = type === 'google-ads' || type === 'yandex-direct' || type === 'targeted-ads';
      // Most services run all quarter; every ninth starts during it (month one of its engagement).
      const startDate = (made + k) % 9 === 8 ? monthAfter(start, 1 + ((made + k) % 2)) : (made + k) % 3 === 0 ? '2026-03-01' : '2026-06-01';
      return {
        id: `sv-s${made + k}`,
        type,
        name: SERVICE_NAMES[type],
        manager: `u-man-${c % managers}`,
        head: type === 'seo' || type === 'smm' ? 'u-head-seo' : 'u-head-perf',
        startDate,
        fee: `${fee}.00`,
        commission: ads ? String(8 + ((made + k) % 5)) : '0',
        vat: lang === 'en' ? '0' : '20',
        prepaid: ads && (made + k) % 2 === 0,
        allowance: 20 + ((made + k) % 4) * 8,
        // Two people per role work on a service, taken in turn from the role's staff.
        team: Object.fromEntries(ROLES.map((role) => {
          const staff = team[role] as string[];
          const i = (made + k) % staff.length;
          return [role, [...new Set([staff[i] as string, staff[(i + 1) % staff.length] as string])]];
        })),
      };
    });
    made += count;
    clients.push({
      id,
      name,
      language: lang,
      currency: CURRENCY[lang],
      legal: { legalName: lang === 'en' ? `${name} Ltd` : lang === 'uk' ? `ТОВ «${name}»` : `ООО «${name}»`, taxId: String(40_000_000 + c) },
      contacts: [{ name: `Contact ${c}`, email: `owner@client${c}.example` }],
      services,
    });
    users.push({ accountId: `g-s${c}`, displayName: `${name} (client)`, email: `owner@client${c}.example`, role: 'client-guest', guestOf: id });
  }
  const ids = clients.map((c) => c.id as string);
  const allServices = clients.flatMap((c) => c.services as Array<{ id: string; type: ServiceType; prepaid: boolean }>);
  return ScenarioSchema.parse({
    name: `Scale agency: ${opts.services} services`,
    start: `${start}T00:00:00Z`,
    end: end.toISOString(),
    agency: { name: 'Scale Growth Agency', language: 'uk', timeZone: 'Europe/Kyiv', baseCurrency: 'UAH', moneyVisibility: 'manager-head-admin' },
    users,
    team,
    clients,
    metrics: {
      connect: 'auto',
      backfillMonths: 1,
      spendRefreshHours: 12,
      // Webmaster for every fourth SEO service (site-problem alerts come from the fake's calendar).
      services: Object.fromEntries(allServices.filter((s, i) => s.type === 'seo' && i % 4 === 0).map((s) => [s.id, ['yandex-webmaster']])),
    },
    money: {
      latePayers: ids.filter((_, i) => i % 11 === 5),
      noTopUp: allServices.filter((s, i) => s.prepaid && i % 17 === 3).map((s) => s.id),
    },
    activity: { seed: opts.seed ?? 1, dailyLogProbability: 0.3, hoursPerLog: [0.5, 3], finishWhenLoggedShare: 0.9 },
  });
}

function monthAfter(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months, 1);
  return d.toISOString().slice(0, 10);
}
