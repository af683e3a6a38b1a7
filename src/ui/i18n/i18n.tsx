// Translation and formatting for the UI. The language comes from the product context's locale
// (fallback English); numbers, money and dates go through Intl in that locale.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { monthLabel } from '../../domain/month-rules';
import { roleLabel, serviceTypeLabel } from '../../domain/service-types';
import type { Language, Role, ServiceType } from '../../shared/api';
import { en, type MessageKey, type Messages } from './messages-en';
import { ru } from './messages-ru';
import { uk } from './messages-uk';

const CATALOGUES: Record<Language, Messages> = { en, uk, ru };
const INTL_LOCALE: Record<Language, string> = { en: 'en-GB', uk: 'uk-UA', ru: 'ru-RU' };

export type Vars = Record<string, string | number>;

export interface I18n {
  lang: Language;
  /** BCP 47 tag used for Intl. */
  intlLocale: string;
  t(key: MessageKey, vars?: Vars): string;
  number(n: number, maxFractionDigits?: number): string;
  hours(n: number): string;
  /** Decimal string amount (never a float) in an ISO 4217 currency. */
  money(amount: string, currency: string): string;
  /** 'YYYY-MM-DD' → short date. */
  date(isoDate: string): string;
  /** ISO timestamp → date and time in the viewer's time zone. */
  dateTime(iso: string): string;
  /** 'YYYY-MM' → "November 2026" (nominative, as a heading). */
  month(month: string): string;
  serviceType(type: ServiceType): string;
  role(role: Role): string;
}

export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function createI18n(lang: Language, timeZone = 'UTC'): I18n {
  const messages = CATALOGUES[lang];
  const intlLocale = INTL_LOCALE[lang];
  const nf = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 2 });
  const dateFmt = new Intl.DateTimeFormat(intlLocale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const dateTimeFmt = new Intl.DateTimeFormat(intlLocale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: safeZone(timeZone) });
  const t = (key: MessageKey, vars?: Vars): string => interpolate(messages[key] ?? en[key] ?? key, vars);
  return {
    lang,
    intlLocale,
    t,
    number: (n, max = 2) => (max === 2 ? nf.format(n) : new Intl.NumberFormat(intlLocale, { maximumFractionDigits: max }).format(n)),
    hours: (n) => t('common.hours', { n: nf.format(n) }),
    money: (amount, currency) => formatMoney(amount, currency, intlLocale),
    date: (iso) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
      return m ? dateFmt.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
    },
    dateTime: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateTimeFmt.format(d);
    },
    month: (month) => {
      try {
        return monthLabel(month, lang);
      } catch {
        return month;
      }
    },
    serviceType: (type) => serviceTypeLabel(type, lang),
    role: (role) => roleLabel(role, lang),
  };
}

function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** Formats a decimal string exactly: Intl receives the string, not a float (ES2023 decimal strings). */
export function formatMoney(amount: string, currency: string, intlLocale: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(amount)) return `${amount} ${currency}`;
  try {
    const nf = new Intl.NumberFormat(intlLocale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return (nf.format as (value: string) => string)(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

const I18nContext = createContext<I18n>(createI18n('en'));

export function I18nProvider({ lang, timeZone, children }: { lang: Language; timeZone?: string; children: ReactNode }): JSX.Element {
  const value = useMemo(() => createI18n(lang, timeZone), [lang, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export type { MessageKey };
