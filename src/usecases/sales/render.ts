// Turning sales documents into Confluence storage format and PDF. Every outside string goes in as a
// text node of documents/xml.ts (escaped, no raw markup path), and into the PDF as drawn text only.
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { h, serialize, type XmlElement, type XmlNode } from '../../documents/xml';
import { A4, BASELINE, COLORS, LINE_HEIGHT, PdfCanvas, type TextStyle } from '../../documents/pdf/canvas';
import { cachingFontkit, reportFaces, type FaceName } from '../../documents/pdf/fonts';
import type { Language } from '../../domain/model';
import type { DocBlock, Estimate } from '../../domain/sales';

export const SALES_MACROS = { brief: 'retainer-sales-brief', accept: 'retainer-sales-accept' } as const;

export interface MacroContext {
  appId: string;
  environmentId: string;
}

const T: Record<Language, Record<'item' | 'qty' | 'price' | 'amount' | 'monthly' | 'once' | 'subtotal' | 'discount' | 'net' | 'vat' | 'gross' | 'briefIntro' | 'acceptIntro', string>> = {
  en: { item: 'Service', qty: 'Qty', price: 'Price', amount: 'Amount', monthly: 'Every month', once: 'Once', subtotal: 'Subtotal', discount: 'Discount', net: 'Net', vat: 'VAT', gross: 'Total', briefIntro: 'Please answer a few questions so we can prepare an exact proposal. It takes about ten minutes.', acceptIntro: 'If the proposal suits you, accept it below; we will send the contract and the first invoice.' },
  uk: { item: 'Послуга', qty: 'К-сть', price: 'Ціна', amount: 'Сума', monthly: 'Щомісяця', once: 'Разово', subtotal: 'Разом', discount: 'Знижка', net: 'Без ПДВ', vat: 'ПДВ', gross: 'До сплати', briefIntro: 'Дайте, будь ласка, відповіді на кілька запитань, щоб ми підготували точну пропозицію. Це займе близько десяти хвилин.', acceptIntro: 'Якщо пропозиція вам підходить, прийміть її нижче; ми надішлемо договір і перший рахунок.' },
  ru: { item: 'Услуга', qty: 'Кол-во', price: 'Цена', amount: 'Сумма', monthly: 'Ежемесячно', once: 'Разово', subtotal: 'Итого', discount: 'Скидка', net: 'Без НДС', vat: 'НДС', gross: 'К оплате', briefIntro: 'Пожалуйста, ответьте на несколько вопросов, чтобы мы подготовили точное предложение. Это займёт около десяти минут.', acceptIntro: 'Если предложение вам подходит, примите его ниже; мы пришлём договор и первый счёт.' },
};

function uuidFrom(seed: string): string {
  const d = createHash('sha1').update(seed, 'utf8').digest();
  d[6] = ((d[6] ?? 0) & 0x0f) | 0x50;
  d[8] = ((d[8] ?? 0) & 0x3f) | 0x80;
  const x = d.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** A Forge macro in storage format (ADF extension), with guest parameters the macro reads from its config. */
function forgeMacro(ctx: MacroContext, moduleKey: string, title: string, seed: string, params: Readonly<Record<string, string>>): XmlElement {
  const key = `${ctx.appId}/${ctx.environmentId}/static/${moduleKey}`;
  const localId = uuidFrom(`retainer-sales\u0000${seed}`);
  const attr = (k: string, ...c: XmlNode[]): XmlElement => h('ac:adf-attribute', { key: k }, ...c);
  const param = (k: string, ...c: XmlNode[]): XmlElement => h('ac:adf-parameter', { key: k }, ...c);
  return h('ac:adf-extension', null,
    h('ac:adf-node', { type: 'extension' },
      attr('extension-type', 'com.atlassian.ecosystem'),
      attr('extension-key', key),
      attr('parameters',
        param('local-id', localId),
        param('extension-id', `ari:cloud:ecosystem::extension/${key}`),
        param('extension-title', title),
        param('guest-params', ...Object.entries(params).map(([k, v]) => param(k, v)))),
      attr('text', title),
      attr('layout', 'default'),
      attr('local-id', localId)),
    h('ac:adf-fallback', null, h('p', null, title)));
}

function servicesTable(e: Estimate, lang: Language): XmlElement {
  const t = T[lang];
  const cell = (tag: 'th' | 'td', s: string): XmlElement => h(tag, null, h('p', null, s));
  const totals = (label: string, g: Estimate['monthly']): XmlElement[] => [
    h('tr', null, cell('td', `${label}: ${t.subtotal}`), cell('td', ''), cell('td', ''), cell('td', g.subtotal)),
    ...(g.discount !== '0.00' && g.discount !== '0' ? [h('tr', null, cell('td', `${t.discount} ${e.discountPercent}%`), cell('td', ''), cell('td', ''), cell('td', `-${g.discount}`))] : []),
    h('tr', null, cell('td', `${t.vat} ${e.vatRatePercent}%`), cell('td', ''), cell('td', ''), cell('td', g.vat)),
    h('tr', null, h('td', null, h('p', null, h('strong', null, `${label}: ${t.gross}`))), cell('td', ''), cell('td', ''), h('td', null, h('p', null, h('strong', null, `${g.gross} ${e.currency}`)))),
  ];
  const rows = e.lines.map((l) => h('tr', null, cell('td', `${l.name} (${l.billing === 'monthly' ? t.monthly : t.once})`), cell('td', String(l.quantity)), cell('td', l.unitPrice), cell('td', l.amount)));
  return h('table', null,
    h('tbody', null,
      h('tr', null, cell('th', t.item), cell('th', t.qty), cell('th', t.price), cell('th', t.amount)),
      rows,
      e.lines.some((l) => l.billing === 'monthly') ? totals(t.monthly, e.monthly) : null,
      e.lines.some((l) => l.billing === 'once') ? totals(t.once, e.once) : null));
}

export interface DocRender {
  title: string;
  storage: string;
  hash: string;
}

const hashOf = (...parts: string[]): string => createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex').slice(0, 32);

export function renderDocStorage(input: { title: string; blocks: readonly DocBlock[]; estimate: Estimate; language: Language; macro: MacroContext; leadId: string; acceptToken: string | null }): DocRender {
  const out: XmlNode[] = [];
  for (const b of input.blocks) {
    if (b.kind === 'heading') out.push(h('h2', null, b.text));
    else if (b.kind === 'paragraph') {
      const parts: XmlNode[] = [];
      b.text.split('\n').forEach((line, i) => {
        if (i > 0) parts.push(h('br'));
        parts.push(line);
      });
      out.push(h('p', null, ...parts));
    } else if (b.kind === 'services') out.push(servicesTable(input.estimate, input.language));
    else if (b.kind === 'accept' && input.acceptToken) {
      out.push(h('p', null, T[input.language].acceptIntro));
      out.push(forgeMacro(input.macro, SALES_MACROS.accept, 'Retainer proposal acceptance', `${input.leadId}:accept`, { leadId: input.leadId, token: input.acceptToken }));
    }
  }
  const storage = serialize(out);
  return { title: input.title, storage, hash: hashOf(input.title, storage) };
}

export function renderBriefStorage(input: { title: string; language: Language; macro: MacroContext; leadId: string; token: string }): DocRender {
  const storage = serialize([
    h('p', null, T[input.language].briefIntro),
    forgeMacro(input.macro, SALES_MACROS.brief, 'Retainer brief form', `${input.leadId}:brief`, { leadId: input.leadId, token: input.token }),
  ]);
  return { title: input.title, storage, hash: hashOf(input.title, storage) };
}

// ---------------------------------------------------------------------------------------------
// PDF: the same blocks, drawn as text on A4 pages (deterministic bytes for the same input).

const MARGINS = { top: 56, right: 48, bottom: 58, left: 48 };
const BODY: TextStyle = { face: 'regular', size: 10, color: COLORS.text };
const HEAD: TextStyle = { face: 'bold', size: 14, color: COLORS.text };
const BOLD: TextStyle = { face: 'bold', size: 10, color: COLORS.text };

export async function renderDocPdf(input: { title: string; blocks: readonly DocBlock[]; estimate: Estimate; language: Language }): Promise<Uint8Array> {
  const faces = reportFaces();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachingFontkit);
  const tag = createHash('sha1').update(input.title).digest('hex').slice(0, 6).toUpperCase().replace(/[^A-Z]/g, 'Q');
  const embed = (face: FaceName) => doc.embedFont(faces[face].bytes, { subset: true, customName: `${tag}${face === 'bold' ? 'B' : 'R'}+${faces[face].postscriptName}` });
  const fonts = { regular: await embed('regular'), bold: await embed('bold') };
  doc.setTitle(input.title);
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const c = new PdfCanvas(doc, fonts, faces, MARGINS);
  c.addPage();
  const line = (text: string, style: TextStyle, indent = 0): void => {
    for (const l of c.wrap(c.clean(text, style.face), style, c.width - indent)) {
      c.ensure(style.size * LINE_HEIGHT);
      c.text(l, c.left + indent, c.y + style.size * BASELINE, style);
      c.y += style.size * LINE_HEIGHT;
    }
  };
  const t = T[input.language];
  const e = input.estimate;
  for (const b of input.blocks) {
    if (b.kind === 'heading') {
      c.y += 6;
      line(b.text, HEAD);
      c.y += 4;
    } else if (b.kind === 'paragraph') {
      for (const l of b.text.split('\n')) line(l, BODY);
      c.y += 6;
    } else if (b.kind === 'services') {
      for (const l of e.lines) {
        c.ensure(BODY.size * LINE_HEIGHT);
        const label = `${l.name} (${l.billing === 'monthly' ? t.monthly : t.once}) × ${l.quantity}`;
        c.text(c.clean(label, 'regular'), c.left, c.y + BODY.size * BASELINE, BODY);
        c.alignedText(`${l.amount} ${e.currency}`, c.left, c.width, c.y + BODY.size * BASELINE, BODY, 'right');
        c.y += BODY.size * LINE_HEIGHT;
      }
      c.line(c.left, c.y + 2, c.right, c.y + 2, COLORS.subtlest);
      c.y += 6;
      for (const [label, g] of [[t.monthly, e.monthly], [t.once, e.once]] as const) {
        if (g.subtotal === '0.00' || g.subtotal === '0') continue;
        c.ensure(BOLD.size * LINE_HEIGHT);
        c.text(c.clean(`${label}: ${t.gross} (${t.vat} ${e.vatRatePercent}%)`, 'bold'), c.left, c.y + BOLD.size * BASELINE, BOLD);
        c.alignedText(`${g.gross} ${e.currency}`, c.left, c.width, c.y + BOLD.size * BASELINE, BOLD, 'right');
        c.y += BOLD.size * LINE_HEIGHT;
      }
      c.y += 8;
    }
  }
  void A4;
  return doc.save({ useObjectStreams: false });
}
