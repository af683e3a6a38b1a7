// The price list (service packages and options) and estimate arithmetic: quantities × prices, a
// discount, VAT; exact in minor units of the currency (half-up at each rounding step, documented below).
import { z } from 'zod';
import { LANGUAGES, SERVICE_TYPES, type Language, type ServiceType } from '../model';
import { type Money, Dec, add, formatMoney, isKnownCurrency, moneyFromDecimal, parseMoney, sub, toDecimal, zero } from '../money';

const Localized = z.object(Object.fromEntries(LANGUAGES.map((l) => [l, z.string().trim().min(1).max(200)])) as Record<Language, z.ZodString>);
const Price = z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'a price such as 1500 or 1500.50');
const Percent = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/).refine((s) => Number(s) <= 100, 'at most 100');
const ItemId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes');

export const PriceItemSchema = z.object({
  id: ItemId,
  kind: z.enum(['package', 'option']),
  /** Packages belong to a service type; options may be offered with any. */
  serviceType: z.enum(SERVICE_TYPES).optional(),
  name: Localized,
  /** Billed every month, or once at the start. */
  billing: z.enum(['monthly', 'once']),
  price: Price,
  /** Hours a month the package includes (becomes the service's allowance when won). */
  hours: z.number().min(0).max(1000).optional(),
});
export type PriceItem = z.infer<typeof PriceItemSchema>;

export const PriceListSchema = z
  .object({
    currency: z.string().refine(isKnownCurrency, 'unknown currency'),
    vatRatePercent: Percent,
    items: z.array(PriceItemSchema).min(1).max(200),
  })
  .refine((p) => new Set(p.items.map((i) => i.id)).size === p.items.length, 'Item ids must be unique');
export type PriceList = z.infer<typeof PriceListSchema>;

export const EstimateInputSchema = z.object({
  lines: z.array(z.object({ itemId: ItemId, quantity: z.number().int().min(1).max(100) })).min(1).max(30),
  discountPercent: Percent,
  /** Defaults to the price list's rate. */
  vatRatePercent: Percent.optional(),
  note: z.string().max(2000).optional(),
});
export type EstimateInput = z.infer<typeof EstimateInputSchema>;

export interface EstimateLine {
  itemId: string;
  name: string;
  billing: 'monthly' | 'once';
  serviceType: ServiceType | null;
  quantity: number;
  unitPrice: string;
  amount: string;
  hours: number;
}

export interface EstimateGroup {
  subtotal: string;
  discount: string;
  net: string;
  vat: string;
  gross: string;
}

export interface Estimate {
  currency: string;
  discountPercent: string;
  vatRatePercent: string;
  lines: EstimateLine[];
  monthly: EstimateGroup;
  once: EstimateGroup;
  /** What the first invoice bills: the first month plus the one-off items. */
  firstInvoiceGross: string;
  hoursPerMonth: number;
}

export class EstimateError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

function group(currency: string, amounts: readonly Money[], discountPercent: string, vatRatePercent: string): { g: EstimateGroup; gross: Money } {
  const subtotal = amounts.reduce(add, zero(currency));
  // Discount on the group's subtotal, rounded half-up to the minor unit; VAT on the discounted net, half-up.
  const discount = moneyFromDecimal(toDecimal(subtotal).mul(new Dec(discountPercent)).div(100).toFixed(), currency, 'half-up');
  const net = sub(subtotal, discount);
  const vat = moneyFromDecimal(toDecimal(net).mul(new Dec(vatRatePercent)).div(100).toFixed(), currency, 'half-up');
  const gross = add(net, vat);
  return { g: { subtotal: formatMoney(subtotal), discount: formatMoney(discount), net: formatMoney(net), vat: formatMoney(vat), gross: formatMoney(gross) }, gross };
}

export function computeEstimate(list: PriceList, input: EstimateInput, language: Language): Estimate {
  const byId = new Map(list.items.map((i) => [i.id, i]));
  const vatRate = input.vatRatePercent ?? list.vatRatePercent;
  const lines: EstimateLine[] = input.lines.map((l, i) => {
    const item = byId.get(l.itemId);
    if (!item) throw new EstimateError(`Line ${i + 1}: ${l.itemId} is not in the price list`, `lines.${i}.itemId`);
    const unit = parseMoney(item.price, list.currency);
    const amount = { amountMinor: unit.amountMinor * BigInt(l.quantity), currency: list.currency };
    return { itemId: item.id, name: item.name[language], billing: item.billing, serviceType: item.serviceType ?? null, quantity: l.quantity, unitPrice: formatMoney(unit), amount: formatMoney(amount), hours: (item.hours ?? 0) * l.quantity };
  });
  const money = (b: 'monthly' | 'once'): Money[] => lines.filter((l) => l.billing === b).map((l) => parseMoney(l.amount, list.currency));
  const m = group(list.currency, money('monthly'), input.discountPercent, vatRate);
  const o = group(list.currency, money('once'), input.discountPercent, vatRate);
  return {
    currency: list.currency,
    discountPercent: input.discountPercent,
    vatRatePercent: vatRate,
    lines,
    monthly: m.g,
    once: o.g,
    firstInvoiceGross: formatMoney(add(m.gross, o.gross)),
    hoursPerMonth: lines.filter((l) => l.billing === 'monthly').reduce((a, l) => a + l.hours, 0),
  };
}

/** Service types the estimate sells (packages' types), in first-seen order. */
export function estimateServiceTypes(e: Estimate): ServiceType[] {
  return [...new Set(e.lines.map((l) => l.serviceType).filter((t): t is ServiceType => t !== null))];
}

const L = (en: string, uk: string, ru: string): Record<Language, string> => ({ en, uk, ru });

/** A starting price list an admin edits in the settings page. */
export const DEFAULT_PRICE_LIST: PriceList = {
  currency: 'UAH',
  vatRatePercent: '20',
  items: [
    { id: 'seo-start', kind: 'package', serviceType: 'seo', billing: 'monthly', price: '18000.00', hours: 30, name: L('SEO: Start', 'SEO: Старт', 'SEO: Старт') },
    { id: 'seo-growth', kind: 'package', serviceType: 'seo', billing: 'monthly', price: '32000.00', hours: 55, name: L('SEO: Growth', 'SEO: Зростання', 'SEO: Рост') },
    { id: 'gads-standard', kind: 'package', serviceType: 'google-ads', billing: 'monthly', price: '15000.00', hours: 25, name: L('Google Ads: Standard', 'Google Ads: Стандарт', 'Google Ads: Стандарт') },
    { id: 'direct-standard', kind: 'package', serviceType: 'yandex-direct', billing: 'monthly', price: '14000.00', hours: 25, name: L('Yandex Direct: Standard', 'Яндекс Директ: Стандарт', 'Яндекс Директ: Стандарт') },
    { id: 'smm-basic', kind: 'package', serviceType: 'smm', billing: 'monthly', price: '16000.00', hours: 35, name: L('SMM: 12 posts a month', 'SMM: 12 публікацій на місяць', 'SMM: 12 публикаций в месяц') },
    { id: 'target-standard', kind: 'package', serviceType: 'targeted-ads', billing: 'monthly', price: '13000.00', hours: 22, name: L('Targeted ads: Standard', 'Таргетована реклама: Стандарт', 'Таргетированная реклама: Стандарт') },
    { id: 'audit', kind: 'option', billing: 'once', price: '9000.00', name: L('Site audit', 'Аудит сайту', 'Аудит сайта') },
    { id: 'analytics-setup', kind: 'option', billing: 'once', price: '6500.00', name: L('Analytics and goals setup', 'Налаштування аналітики й цілей', 'Настройка аналитики и целей') },
    { id: 'extra-creatives', kind: 'option', billing: 'monthly', price: '2500.00', hours: 4, name: L('Extra creatives (set of 5)', 'Додаткові креативи (набір із 5)', 'Дополнительные креативы (набор из 5)') },
  ],
};
