// ReportModel → PDF (A4) with pdf-lib: header and "Page n of m" footer on every page, subset Noto Sans
// (Latin + Cyrillic), KPI cards, tables that split across pages, vector charts, the manager's text.
import { createHash } from 'node:crypto';
import { PDFDocument, PDFName } from 'pdf-lib';
import { fill } from '../i18n';
import { localeOf } from '../format';
import type { ReportModel } from '../report-model';
import { buildReportView, type KpiView, type ReportView } from '../report-view';
import type { TextBlock } from '../text';
import { A4, BASELINE, COLORS, LINE_HEIGHT, PdfCanvas, type TextStyle } from './canvas';
import { drawCharts } from './chart';
import { cachingFontkit, reportFaces, type FaceName } from './fonts';
import { drawChange, drawStatusPill, drawTable } from './table';

export interface PdfRenderOptions {
  /** Written as the PDF Producer; default "Retainer". */
  producer?: string;
}

const MARGINS = { top: 62, right: 48, bottom: 58, left: 48 };

const STYLE = {
  body: { face: 'regular', size: 9.5, color: COLORS.text },
  small: { face: 'regular', size: 8, color: COLORS.subtlest },
  h2: { face: 'bold', size: 13.5, color: COLORS.text },
} satisfies Record<string, TextStyle>;

/** A 6-letter subset tag (PDF 32000 §9.6.4), stable for a report so re-renders are byte-comparable. */
function subsetTag(seed: string): string {
  const digest = createHash('sha1').update(seed).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + ((digest[i] ?? 0) % 26));
  return tag;
}

function drawHeader(c: PdfCanvas, v: ReportView): void {
  const y = 34;
  const brand: TextStyle = { face: 'bold', size: 8, color: COLORS.brand };
  const meta: TextStyle = { face: 'regular', size: 8, color: COLORS.subtlest };
  const agency = c.clean(v.agencyName, 'bold');
  const right = c.clean(`${v.clientName} · ${v.periodLabel}`);
  const agencyW = c.measure(agency, brand);
  const rightLine = c.wrap(right, meta, c.width - agencyW - 24)[0] ?? '';
  c.text(agency, c.left, y, brand);
  c.alignedText(rightLine, c.left, c.width, y, meta, 'right');
  c.line(c.left, y + 7, c.right, y + 7, COLORS.border, 0.6);
}

function drawFooters(c: PdfCanvas, v: ReportView): void {
  const style: TextStyle = { face: 'regular', size: 7.5, color: COLORS.subtlest };
  const y = A4.height - 30;
  const left = c.clean(`${v.preparedBy} · ${v.dataAsOf}`);
  const total = c.pages.length;
  c.pages.forEach((page, i) => {
    const pageOf = c.clean(fill(v.texts.pageOf, { n: i + 1, m: total }));
    const draw = (text: string, x: number): void => {
      page.drawText(text, { x, y: A4.height - y, size: style.size, font: c.fonts[style.face], color: style.color });
    };
    page.drawLine({ start: { x: c.left, y: A4.height - (y - 11) }, end: { x: c.right, y: A4.height - (y - 11) }, thickness: 0.6, color: COLORS.border });
    const pw = c.measure(pageOf, style);
    draw(c.wrap(left, style, c.width - pw - 24)[0] ?? '', c.left);
    draw(pageOf, c.right - pw);
  });
}

function titleBlock(c: PdfCanvas, v: ReportView): void {
  const kicker: TextStyle = { face: 'bold', size: 9, color: COLORS.brand };
  c.text(c.clean(v.title.toUpperCase(), 'bold'), c.left, c.y + kicker.size, kicker);
  if (v.draft) {
    drawStatusPill(c, v.texts.draft, 'at-risk', c.left, c.width, c.y + kicker.size, { face: 'bold', size: 7.5, color: COLORS.text }, 'right');
  }
  c.y += kicker.size * LINE_HEIGHT + 4;
  c.paragraph(v.clientName, { face: 'bold', size: 21, color: COLORS.text }, { lineHeight: 25 });
  c.y += 1;
  c.paragraph(v.serviceName, { face: 'regular', size: 12, color: COLORS.text }, { after: 3 });
  c.paragraph(`${v.periodLabel} · ${v.periodRange}`, { face: 'regular', size: 10, color: COLORS.subtle });
  const meta = [v.managerName ? `${v.texts.manager}: ${v.managerName}` : '', v.dataAsOf].filter((x) => x !== '').join(' · ');
  c.paragraph(meta, STYLE.small, { after: 8 });
  c.line(c.left, c.y, c.right, c.y, COLORS.border, 0.8);
  c.y += 16;
}

function heading(c: PdfCanvas, text: string, keepWith = 70): void {
  c.ensure(STYLE.h2.size * LINE_HEIGHT + keepWith);
  if (c.y > c.margins.top + 1) c.y += 8;
  c.paragraph(text, STYLE.h2, { after: 5 });
}

/** Headline KPIs as cards, three per row. */
function kpiCards(c: PdfCanvas, v: ReportView): void {
  if (v.kpis.length === 0) {
    c.paragraph(v.texts.noDataForPeriod, STYLE.small);
    return;
  }
  const cols = 3;
  const gap = 8;
  const w = (c.width - gap * (cols - 1)) / cols;
  const pad = 9;
  const label: TextStyle = { face: 'regular', size: 8.5, color: COLORS.subtle };
  const value: TextStyle = { face: 'bold', size: 16, color: COLORS.text };
  const cmp: TextStyle = { face: 'regular', size: 7, color: COLORS.subtlest };
  const pill: TextStyle = { face: 'bold', size: 6.5, color: COLORS.text };
  for (let start = 0; start < v.kpis.length; start += cols) {
    const row = v.kpis.slice(start, start + cols);
    const laid = row.map((k) => {
      const pillW = k.status ? c.measure(c.clean(k.status.label.toUpperCase(), 'bold'), pill) + 14 : 0;
      return { k, lines: c.wrap(k.label, label, w - 2 * pad - pillW).slice(0, 2) };
    });
    const labelLines = Math.max(...laid.map((l) => l.lines.length));
    const h = pad + labelLines * label.size * 1.3 + 4 + value.size * 1.15 + 5 + 2 * 11 + pad - 2;
    c.ensure(h + gap);
    laid.forEach(({ k, lines }, i) => kpiCard(c, k, lines, c.left + i * (w + gap), c.y, w, h, { pad, label, value, cmp, pill }, v));
    c.y += h + gap;
  }
  c.y += 4;
}

function kpiCard(
  c: PdfCanvas, k: KpiView, labelLines: string[], x: number, top: number, w: number, h: number,
  s: { pad: number; label: TextStyle; value: TextStyle; cmp: TextStyle; pill: TextStyle }, v: ReportView,
): void {
  c.roundedRect(x, top, w, h, 4, { fill: COLORS.surface, stroke: COLORS.border, strokeWidth: 0.6 });
  let y = top + s.pad;
  labelLines.forEach((line, i) => c.text(line, x + s.pad, y + s.label.size * BASELINE + i * s.label.size * 1.3, s.label));
  if (k.status) drawStatusPill(c, k.status.label, k.status.status, x + s.pad, w - 2 * s.pad, y + s.label.size * BASELINE, s.pill, 'right');
  y += Math.max(1, labelLines.length) * s.label.size * 1.3 + 4;
  let valueStyle = s.value;
  const valueText = c.clean(k.value, 'bold');
  const vw = c.measure(valueText, valueStyle);
  if (vw > w - 2 * s.pad) valueStyle = { ...valueStyle, size: (valueStyle.size * (w - 2 * s.pad)) / vw };
  y = top + h - s.pad - 2 * 11 - 5 - s.value.size * 0.25;
  c.text(valueText, x + s.pad, y, valueStyle);
  y += 5;
  const changes: [typeof k.vsPrevious, string][] = [[k.vsPrevious, v.texts.vsPreviousShort], [k.vsLastYear, v.texts.vsLastYearShort]];
  const size = 8;
  const widthOf = (ch: typeof k.vsPrevious): number =>
    c.measure(c.clean(ch.text, 'bold'), { face: 'bold', size }) + (ch.trend === 'up' || ch.trend === 'down' ? size * 0.62 + 3 : 0);
  // Both comparison labels start at the same x.
  const textW = Math.max(...changes.map(([ch]) => widthOf(ch)));
  for (const [change, what] of changes) {
    y += 11;
    drawChange(c, change, x + s.pad, widthOf(change), y, size, 'left');
    const label = c.wrap(what, s.cmp, w - 2 * s.pad - textW - 5)[0] ?? '';
    c.text(label, x + s.pad + textW + 5, y, s.cmp);
  }
}

function textBlocks(c: PdfCanvas, blocks: readonly TextBlock[], emptyText: string): void {
  if (blocks.length === 0) {
    c.paragraph(emptyText, { ...STYLE.body, color: COLORS.subtlest });
    return;
  }
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      c.paragraph(b.lines.join('\n'), STYLE.body, { after: 5 });
      continue;
    }
    const indent = 14;
    b.items.forEach((item, i) => {
      const marker = b.ordered ? `${i + 1}.` : '•';
      const lh = STYLE.body.size * LINE_HEIGHT;
      c.ensure(lh);
      c.text(marker, c.left + 2, c.y + STYLE.body.size * BASELINE, STYLE.body);
      c.paragraph(item, STYLE.body, { x: c.left + indent, after: 2 });
    });
    c.y += 4;
  }
}

function setMetadata(doc: PDFDocument, v: ReportView, model: ReportModel, producer: string): void {
  // The day the data is as of (what the report shows), not the instant the render ran: rendering the
  // same report again gives the same bytes, so a retried upload is not a new attachment version.
  const created = new Date(`${model.generatedAt.slice(0, 10)}T00:00:00Z`);
  doc.setTitle(`${v.title}: ${v.clientName} — ${v.periodLabel}`, { showInWindowTitleBar: true });
  doc.setAuthor(v.agencyName);
  doc.setSubject(v.serviceName);
  doc.setKeywords([[v.clientName, v.serviceName, v.periodLabel].join(', ')]);
  doc.setCreator('Retainer');
  doc.setProducer(producer);
  doc.setLanguage(localeOf(v.lang));
  if (!Number.isNaN(created.getTime())) {
    doc.setCreationDate(created);
    doc.setModificationDate(created);
  }
}

/** Renders the client report as an A4 PDF. */
export async function renderReportPdf(model: ReportModel, opts: PdfRenderOptions = {}): Promise<Uint8Array> {
  const v = buildReportView(model);
  const faces = reportFaces();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachingFontkit);
  const embed = (face: FaceName) =>
    doc.embedFont(faces[face].bytes, { subset: true, customName: `${subsetTag(`${model.reportId}|${model.generatedAt.slice(0, 10)}|${face}`)}+${faces[face].postscriptName}` });
  const fonts = { regular: await embed('regular'), bold: await embed('bold') };
  setMetadata(doc, v, model, opts.producer ?? 'Retainer');
  doc.catalog.set(PDFName.of('PageLayout'), PDFName.of('OneColumn'));

  const c = new PdfCanvas(doc, fonts, faces, MARGINS, (canvas) => drawHeader(canvas, v));
  c.addPage();
  titleBlock(c, v);

  heading(c, v.texts.keyResults);
  kpiCards(c, v);

  for (const s of v.sections) {
    heading(c, s.heading, 90);
    if (s.note) c.paragraph(s.note, { ...STYLE.small, color: COLORS.subtle }, { after: 4 });
    if (s.table) drawTable(c, s.table);
    else c.paragraph(v.texts.noDataForPeriod, STYLE.small);
    c.y += 12;
    drawCharts(c, s.charts, v.lang);
  }

  if (v.kpiStatus) {
    heading(c, v.texts.kpiStatus);
    drawTable(c, v.kpiStatus);
    c.y += 6;
  }
  heading(c, v.texts.workDone);
  if (v.workDone) drawTable(c, v.workDone);
  else c.paragraph(v.texts.workDoneEmpty, STYLE.small);
  c.y += 6;
  heading(c, v.texts.plan);
  if (v.plan) drawTable(c, v.plan);
  else c.paragraph(v.texts.planEmpty, STYLE.small);
  c.y += 6;
  heading(c, v.texts.analysis, 40);
  textBlocks(c, v.analysis, v.texts.notWrittenYet);
  heading(c, v.texts.proposals, 40);
  textBlocks(c, v.proposals, v.texts.notWrittenYet);
  if (v.feedback) {
    heading(c, v.texts.clientRating, 30);
    c.paragraph(v.feedback.ratingText, { ...STYLE.body, face: 'bold' }, { after: 3 });
    textBlocks(c, v.feedback.comment, '');
  }

  drawFooters(c, v);
  return doc.save({ useObjectStreams: true });
}
