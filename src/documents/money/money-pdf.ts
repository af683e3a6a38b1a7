// Invoice and act → A4 PDF, on the report renderer's canvas, fonts and tables (pdf/). Deterministic:
// the same model gives byte-identical output (fixed dates and subset tags), so an unchanged invoice is
// never uploaded again.
import { createHash } from 'node:crypto';
import { PDFDocument, PDFName, type Color } from 'pdf-lib';
import { fill } from '../i18n';
import { localeOf } from '../format';
import { A4, BASELINE, COLORS, LINE_HEIGHT, PdfCanvas, hex, type TextStyle } from '../pdf/canvas';
import { cachingFontkit, reportFaces, type FaceName } from '../pdf/fonts';
import { drawTable } from '../pdf/table';
import { type MoneyDocModel, type MoneyDocParty, type MoneyDocView, buildMoneyDocView } from './money-doc-model';
import type { MoneyDocStatus } from './money-texts';

const MARGINS = { top: 56, right: 48, bottom: 58, left: 48 };
const BODY: TextStyle = { face: 'regular', size: 9.5, color: COLORS.text };
const SMALL: TextStyle = { face: 'regular', size: 8, color: COLORS.subtlest };
const LABEL: TextStyle = { face: 'bold', size: 8, color: COLORS.subtle };

/** Lozenge colours per status (Atlassian lozenge palette). */
const STATUS_PILL: Readonly<Record<MoneyDocStatus, { fill: Color; text: Color }>> = {
  issued: { fill: hex('#E9F2FF'), text: hex('#0055CC') },
  'partially-paid': { fill: hex('#FFF7D6'), text: hex('#7F5F01') },
  paid: { fill: hex('#DCFFF1'), text: hex('#216E4E') },
  overdue: { fill: hex('#FFECEB'), text: hex('#AE2E24') },
  cancelled: { fill: hex('#F1F2F4'), text: hex('#44546F') },
};

function subsetTag(seed: string): string {
  const digest = createHash('sha1').update(seed).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + ((digest[i] ?? 0) % 26));
  return tag;
}

function pill(c: PdfCanvas, label: string, status: MoneyDocStatus, right: number, baseline: number): void {
  const style: TextStyle = { face: 'bold', size: 8, color: STATUS_PILL[status].text };
  const text = c.clean(label.toUpperCase(), 'bold');
  const w = c.measure(text, style) + 10;
  const h = style.size * 1.8;
  const top = baseline - style.size * 0.45 - h / 2;
  c.roundedRect(right - w, top, w, h, 2, { fill: STATUS_PILL[status].fill });
  c.text(text, right - w + 5, top + h / 2 + style.size * 0.357, style);
}

function party(c: PdfCanvas, label: string, p: MoneyDocParty, taxLabel: string, x: number, width: number, top: number): number {
  let y = top;
  const line = (text: string, style: TextStyle): void => {
    for (const l of c.wrap(text, style, width)) {
      c.text(l, x, y + style.size * BASELINE, style);
      y += style.size * LINE_HEIGHT;
    }
  };
  line(label.toUpperCase(), LABEL);
  y += 2;
  line(p.name || '—', { ...BODY, face: 'bold' });
  if (p.taxId) line(`${taxLabel}: ${p.taxId}`, BODY);
  if (p.address) line(p.address, BODY);
  return y;
}

function header(c: PdfCanvas, v: MoneyDocView): void {
  const y = 32;
  const brand: TextStyle = { face: 'bold', size: 8, color: COLORS.brand };
  c.text(c.wrap(v.issuer.name || ' ', brand, c.width / 2)[0] ?? '', c.left, y, brand);
  c.alignedText(c.clean(`${v.title} ${v.number}`), c.left, c.width, y, { ...SMALL }, 'right');
  c.line(c.left, y + 7, c.right, y + 7, COLORS.border, 0.6);
}

function footers(c: PdfCanvas, v: MoneyDocView): void {
  const style: TextStyle = { face: 'regular', size: 7.5, color: COLORS.subtlest };
  const y = A4.height - 30;
  const total = c.pages.length;
  c.pages.forEach((page, i) => {
    const text = c.clean(fill(v.texts.pageOf, { n: i + 1, m: total }));
    const w = c.measure(text, style);
    page.drawText(text, { x: c.right - w, y: A4.height - y, size: style.size, font: c.fonts[style.face], color: style.color });
  });
}

function totalsBlock(c: PdfCanvas, v: MoneyDocView): void {
  const width = 230;
  const x = c.right - width;
  for (const row of v.totals) {
    const style: TextStyle = row.strong ? { ...BODY, face: 'bold', size: 10.5 } : BODY;
    const h = style.size * LINE_HEIGHT + 2;
    c.ensure(h);
    if (row.strong) c.line(x, c.y, c.right, c.y, COLORS.borderStrong, 0.8);
    const base = c.y + 2 + style.size * BASELINE;
    c.text(c.clean(row.label, style.face), x, base, style);
    c.alignedText(c.clean(row.value, style.face), x, width, base, style, 'right');
    c.y += h;
  }
}

function section(c: PdfCanvas, title: string, lines: string[], style: TextStyle = BODY): void {
  if (lines.length === 0) return;
  c.ensure(LABEL.size * LINE_HEIGHT + style.size * LINE_HEIGHT * Math.min(2, lines.length) + 10);
  c.y += 10;
  c.paragraph(title.toUpperCase(), LABEL, { after: 2 });
  for (const l of lines) c.paragraph(l, style);
}

/** The invoice or act as an A4 PDF. */
export async function renderMoneyDocPdf(model: MoneyDocModel): Promise<Uint8Array> {
  const v = buildMoneyDocView(model);
  const faces = reportFaces();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachingFontkit);
  const embed = (face: FaceName) => doc.embedFont(faces[face].bytes, { subset: true, customName: `${subsetTag(`${model.id}|${face}`)}+${faces[face].postscriptName}` });
  const fonts = { regular: await embed('regular'), bold: await embed('bold') };
  doc.setTitle(`${v.title} ${v.number}`, { showInWindowTitleBar: true });
  doc.setAuthor(v.issuer.name || 'Retainer');
  doc.setSubject(`${v.client.name} · ${model.serviceName}`);
  doc.setCreator('Retainer');
  doc.setProducer('Retainer');
  doc.setLanguage(localeOf(v.lang));
  const dated = new Date(`${model.kind === 'invoice' ? model.issueDate : model.date}T00:00:00Z`);
  if (!Number.isNaN(dated.getTime())) {
    doc.setCreationDate(dated);
    doc.setModificationDate(dated);
  }
  doc.catalog.set(PDFName.of('PageLayout'), PDFName.of('OneColumn'));

  const c = new PdfCanvas(doc, fonts, faces, MARGINS, (canvas) => header(canvas, v));
  c.addPage();
  // Title with the status lozenge on the right.
  const titleStyle: TextStyle = { face: 'bold', size: 20, color: COLORS.text };
  c.text(c.clean(`${v.title} ${v.number}`, 'bold'), c.left, c.y + titleStyle.size, titleStyle);
  if (v.status) pill(c, v.status.label, v.status.status, c.right, c.y + titleStyle.size - 4);
  c.y += titleStyle.size * 1.5 + 6;

  // Supplier and customer side by side.
  const colW = (c.width - 24) / 2;
  const top = c.y;
  const yl = party(c, v.texts.supplier, v.issuer, v.texts.taxId, c.left, colW, top);
  const yr = party(c, v.texts.customer, v.client, v.texts.taxId, c.left + colW + 24, colW, top);
  c.y = Math.max(yl, yr) + 10;

  // Key facts as a two-column grid.
  const factW = c.width / 2;
  for (let i = 0; i < v.facts.length; i += 2) {
    const pair = v.facts.slice(i, i + 2);
    const h = BODY.size * LINE_HEIGHT + 2;
    c.ensure(h);
    pair.forEach(([label, value], j) => {
      const x = c.left + j * factW;
      const lw = c.measure(c.clean(`${label}: `, 'bold'), { face: 'bold', size: BODY.size });
      c.text(c.clean(`${label}: `, 'bold'), x, c.y + BODY.size * BASELINE, { ...BODY, face: 'bold', color: COLORS.subtle });
      c.text(c.wrap(value, BODY, factW - lw - 8)[0] ?? '', x + lw, c.y + BODY.size * BASELINE, BODY);
    });
    c.y += h;
  }
  c.y += 10;

  drawTable(c, v.lines, { fontSize: 8.5 });
  c.y += 8;
  totalsBlock(c, v);
  for (const note of v.notes) {
    c.y += 8;
    c.paragraph(note, { ...BODY, face: 'bold', color: v.status?.status === 'overdue' ? COLORS.bad : COLORS.text });
  }
  section(c, v.texts.paymentsReceived, v.payments.map(([d, a]) => `${d} — ${a}`));
  section(c, v.texts.paymentDetails, v.paymentDetails);
  if (v.statement) {
    c.y += 12;
    c.paragraph(v.statement, BODY, { after: 28 });
    c.ensure(40);
    const w = (c.width - 40) / 2;
    for (const [i, label] of [v.texts.supplierSignature, v.texts.customerSignature].entries()) {
      const x = c.left + i * (w + 40);
      c.line(x, c.y + 18, x + w, c.y + 18, COLORS.borderStrong, 0.6);
      c.text(c.clean(label), x, c.y + 30, SMALL);
    }
    c.y += 36;
  }
  footers(c, v);
  return doc.save({ useObjectStreams: true });
}
