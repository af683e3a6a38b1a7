// Document templates (commercial proposal, contract) that admins edit: plain text with placeholders
// such as {{client.name}}. A template renders to blocks of TEXT; whoever turns blocks into a page or a
// PDF escapes that text, so a value (or a template) holding markup can only ever show as characters.
import type { Language } from '../model';

export const DOC_KINDS = ['proposal', 'contract'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** Every placeholder a template may use, and what it stands for. */
export const PLACEHOLDERS = [
  'agency.name',
  'client.name',
  'client.company',
  'client.email',
  'client.phone',
  'client.site',
  'lead.number',
  'date',
  'currency',
  'monthly.net',
  'monthly.vat',
  'monthly.gross',
  'once.gross',
  'discount.percent',
  'vat.percent',
  'first-invoice.gross',
  'terms.payment-days',
  'terms.start-date',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Readonly<Record<Placeholder, string>>;

/** Lines on their own that insert a block instead of text. */
export const BLOCK_MARKERS = ['[[services]]', '[[accept]]'] as const;

export type DocBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'services' } | { kind: 'accept' };

const TOKEN = /\{\{\s*([a-z.-]+)\s*\}\}/g;

export const TEMPLATE_MAX = 20_000;

/** Placeholders the template names that do not exist (shown to the admin on save). */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  return [...new Set([...template.matchAll(TOKEN)].map((m) => m[1] as string))].filter((p) => !known.has(p));
}

/**
 * "# " starts a heading, a blank line separates paragraphs, [[services]] / [[accept]] insert blocks, and
 * a line starting with "? " is left out when any placeholder on it has no value (e.g. no one-off work).
 */
export function renderTemplate(template: string, values: PlaceholderValues): DocBlock[] {
  const fill = (s: string): string => s.replace(TOKEN, (whole, name: string) => ((values as Record<string, string>)[name] ?? whole));
  const blocks: DocBlock[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length > 0) blocks.push({ kind: 'paragraph', text: fill(para.join('\n')) });
    para = [];
  };
  for (const raw of template.replace(/\r\n?/g, '\n').split('\n')) {
    let line = raw.trimEnd();
    if (line.startsWith('? ')) {
      const names = [...line.matchAll(TOKEN)].map((m) => m[1] as string);
      if (names.some((n) => ((values as Record<string, string>)[n] ?? '') === '')) continue;
      line = line.slice(2);
    }
    if (line.trim() === '') flush();
    else if (line.trim() === '[[services]]') {
      flush();
      blocks.push({ kind: 'services' });
    } else if (line.trim() === '[[accept]]') {
      flush();
      blocks.push({ kind: 'accept' });
    } else if (line.startsWith('# ')) {
      flush();
      blocks.push({ kind: 'heading', text: fill(line.slice(2).trim()) });
    } else para.push(line);
  }
  flush();
  return blocks;
}

type Templates = Readonly<Record<DocKind, Readonly<Record<Language, string>>>>;

export const DEFAULT_TEMPLATES: Templates = {
  proposal: {
    en: [
      '# Commercial proposal for {{client.company}}',
      'Prepared by {{agency.name}} for {{client.name}} on {{date}} (request {{lead.number}}).',
      'We propose the following services:',
      '[[services]]',
      'Monthly: {{monthly.net}} {{currency}} plus VAT {{vat.percent}}% = {{monthly.gross}} {{currency}}.',
      '? One-off work: {{once.gross}} {{currency}} including VAT.',
      '? Discount applied: {{discount.percent}}%.',
      '',
      'Work starts on {{terms.start-date}} after the first invoice ({{first-invoice.gross}} {{currency}}) is paid; invoices are due within {{terms.payment-days}} days.',
      '[[accept]]',
    ].join('\n'),
    uk: [
      '# Комерційна пропозиція для {{client.company}}',
      'Підготовлено {{agency.name}} для {{client.name}} {{date}} (заявка {{lead.number}}).',
      'Пропонуємо такі послуги:',
      '[[services]]',
      'Щомісяця: {{monthly.net}} {{currency}} плюс ПДВ {{vat.percent}}% = {{monthly.gross}} {{currency}}.',
      '? Разові роботи: {{once.gross}} {{currency}} з ПДВ.',
      '? Знижка: {{discount.percent}}%.',
      '',
      'Роботи починаються {{terms.start-date}} після оплати першого рахунку ({{first-invoice.gross}} {{currency}}); рахунки сплачуються протягом {{terms.payment-days}} днів.',
      '[[accept]]',
    ].join('\n'),
    ru: [
      '# Коммерческое предложение для {{client.company}}',
      'Подготовлено {{agency.name}} для {{client.name}} {{date}} (заявка {{lead.number}}).',
      'Предлагаем следующие услуги:',
      '[[services]]',
      'Ежемесячно: {{monthly.net}} {{currency}} плюс НДС {{vat.percent}}% = {{monthly.gross}} {{currency}}.',
      '? Разовые работы: {{once.gross}} {{currency}} с НДС.',
      '? Скидка: {{discount.percent}}%.',
      '',
      'Работы начинаются {{terms.start-date}} после оплаты первого счёта ({{first-invoice.gross}} {{currency}}); счета оплачиваются в течение {{terms.payment-days}} дней.',
      '[[accept]]',
    ].join('\n'),
  },
  contract: {
    en: [
      '# Services agreement {{lead.number}}',
      '{{agency.name}} (the Agency) and {{client.company}} (the Client), represented by {{client.name}}, agree as follows.',
      '# 1. Services',
      '[[services]]',
      '# 2. Price and payment',
      'The Client pays {{monthly.gross}} {{currency}} a month including VAT {{vat.percent}}%.',
      '? One-off work is paid once: {{once.gross}} {{currency}} including VAT.',
      'Invoices are due within {{terms.payment-days}} days.',
      '# 3. Term',
      'The agreement starts on {{terms.start-date}} and renews monthly until either party gives 30 days notice.',
    ].join('\n'),
    uk: [
      '# Договір про надання послуг {{lead.number}}',
      '{{agency.name}} (Агенція) та {{client.company}} (Клієнт) в особі {{client.name}} домовились про таке.',
      '# 1. Послуги',
      '[[services]]',
      '# 2. Ціна та оплата',
      'Клієнт сплачує {{monthly.gross}} {{currency}} на місяць з ПДВ {{vat.percent}}%.',
      '? Разові роботи сплачуються одноразово: {{once.gross}} {{currency}} з ПДВ.',
      'Рахунки сплачуються протягом {{terms.payment-days}} днів.',
      '# 3. Строк',
      'Договір діє з {{terms.start-date}} і подовжується щомісяця, доки одна зі сторін не попередить про припинення за 30 днів.',
    ].join('\n'),
    ru: [
      '# Договор оказания услуг {{lead.number}}',
      '{{agency.name}} (Агентство) и {{client.company}} (Клиент) в лице {{client.name}} договорились о следующем.',
      '# 1. Услуги',
      '[[services]]',
      '# 2. Цена и оплата',
      'Клиент оплачивает {{monthly.gross}} {{currency}} в месяц с НДС {{vat.percent}}%.',
      '? Разовые работы оплачиваются единоразово: {{once.gross}} {{currency}} с НДС.',
      'Счета оплачиваются в течение {{terms.payment-days}} дней.',
      '# 3. Срок',
      'Договор действует с {{terms.start-date}} и продлевается ежемесячно, пока одна из сторон не предупредит о расторжении за 30 дней.',
    ].join('\n'),
  },
};
