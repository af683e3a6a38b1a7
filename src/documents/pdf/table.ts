// Tables that fill the content width, wrap text cells, split across pages and repeat their header row.
import type { Color } from 'pdf-lib';
import type { KpiStatus } from '../report-model';
import type { CellView, TableRowView, TableView, Tone } from '../report-view';
import { BASELINE, COLORS, hex, type PdfCanvas, type TextStyle } from './canvas';

export interface TableOptions {
  fontSize?: number;
}

const PAD_X = 5;
const PAD_Y = 3.6;
const LINE = 1.3;

export const TONE_COLORS: Readonly<Record<Tone, Color>> = { good: COLORS.good, bad: COLORS.bad, neutral: COLORS.neutral };

/** Lozenge colours (Atlassian "success", "moved", "removed" lozenges). */
export const STATUS_COLORS: Readonly<Record<KpiStatus, { fill: Color; text: Color }>> = {
  'on-track': { fill: hex('#DCFFF1'), text: hex('#216E4E') },
  'at-risk': { fill: hex('#FFF7D6'), text: hex('#7F5F01') },
  'off-track': { fill: hex('#FFECEB'), text: hex('#AE2E24') },
};

interface Styles {
  body: TextStyle;
  bold: TextStyle;
  header: TextStyle;
  pill: TextStyle;
}

function stylesFor(size: number): Styles {
  return {
    body: { face: 'regular', size, color: COLORS.text },
    bold: { face: 'bold', size, color: COLORS.text },
    header: { face: 'bold', size: size - 0.5, color: COLORS.subtle },
    pill: { face: 'bold', size: size - 1.5, color: COLORS.text },
  };
}

const ARROW_W = (size: number): number => size * 0.62;

/** Width of a cell drawn on one line. */
function cellWidth(c: PdfCanvas, cell: CellView, style: TextStyle, s: Styles): number {
  switch (cell.kind) {
    case 'text': return c.measure(c.clean(cell.text, style.face), style);
    case 'change': {
      const t = c.measure(c.clean(cell.text, 'bold'), { face: 'bold', size: style.size });
      return cell.trend === 'up' || cell.trend === 'down' ? t + ARROW_W(style.size) + 3 : t;
    }
    case 'status': return c.measure(c.clean(cell.text.toUpperCase(), 'bold'), s.pill) + 10;
  }
}

function longestWord(c: PdfCanvas, text: string, style: TextStyle): number {
  let max = 0;
  for (const w of c.clean(text, style.face).split(' ')) max = Math.max(max, c.measure(w, style));
  return max;
}

/** Column widths that add up to the content width. */
function columnWidths(c: PdfCanvas, table: TableView, s: Styles): number[] {
  const n = table.columns.length;
  const natural = new Array<number>(n).fill(0);
  const min = new Array<number>(n).fill(0);
  table.columns.forEach((col, i) => {
    natural[i] = c.measure(c.clean(col.label, 'bold'), s.header);
    min[i] = Math.min(longestWord(c, col.label, s.header), 70);
  });
  for (const row of table.rows) {
    if (row.kind === 'group') continue;
    const style = row.kind === 'total' ? s.bold : s.body;
    row.cells.forEach((cell, i) => {
      const w = cellWidth(c, cell, style, s);
      natural[i] = Math.max(natural[i] ?? 0, w);
      const col = table.columns[i];
      // Numbers, changes and lozenges never wrap; text wraps down to its longest word (capped).
      const m = cell.kind !== 'text' || col?.numeric ? w : Math.min(longestWord(c, cell.text, style), 90);
      min[i] = Math.max(min[i] ?? 0, m);
    });
  }
  const nat = natural.map((w) => w + 2 * PAD_X);
  const mins = min.map((w, i) => Math.min(w + 2 * PAD_X, nat[i] ?? 0));
  const total = c.width;
  const sum = nat.reduce((a, b) => a + b, 0);
  if (sum <= total) {
    // Spare room goes to text columns (in proportion to their content), or to all columns.
    const text = table.columns.map((col) => !col.numeric);
    const base = nat.reduce((a, w, i) => a + (text[i] ? w : 0), 0);
    return nat.map((w, i) => (base > 0 ? (text[i] ? w + ((total - sum) * w) / base : w) : w + (total - sum) / n));
  }
  const over = sum - total;
  const flex = nat.map((w, i) => w - (mins[i] ?? 0));
  const flexSum = flex.reduce((a, b) => a + b, 0);
  if (flexSum >= over) return nat.map((w, i) => w - ((flex[i] ?? 0) * over) / flexSum);
  const minSum = mins.reduce((a, b) => a + b, 0);
  return mins.map((w) => (w * total) / minSum);
}

interface LaidOutCell {
  cell: CellView;
  lines: string[];
}

function layoutRow(c: PdfCanvas, row: Exclude<TableRowView, { kind: 'group' }>, widths: number[], s: Styles): LaidOutCell[] {
  const style = row.kind === 'total' ? s.bold : s.body;
  return row.cells.map((cell, i) => ({
    cell,
    lines: cell.kind === 'text' ? c.wrap(cell.text, style, (widths[i] ?? 0) - 2 * PAD_X) : [cell.text],
  }));
}

const rowHeight = (lines: number, size: number): number => lines * size * LINE + 2 * PAD_Y;

export function drawTable(c: PdfCanvas, table: TableView, opts: TableOptions = {}): void {
  const size = opts.fontSize ?? 8.5;
  const s = stylesFor(size);
  const widths = columnWidths(c, table, s);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), c.left);
  const align = (i: number): 'left' | 'right' | 'center' => table.columns[i]?.align ?? 'left';

  const headerLines = table.columns.map((col, i) => c.wrap(col.label, s.header, (widths[i] ?? 0) - 2 * PAD_X));
  const headerH = rowHeight(Math.max(...headerLines.map((l) => l.length)), s.header.size);

  const drawHeader = (): void => {
    c.rect(c.left, c.y, c.width, headerH, { fill: COLORS.headerFill });
    headerLines.forEach((lines, i) => {
      lines.forEach((line, k) => {
        const baseline = c.y + PAD_Y + s.header.size * BASELINE + k * s.header.size * LINE;
        c.alignedText(line, (xs[i] ?? 0) + PAD_X, (widths[i] ?? 0) - 2 * PAD_X, baseline, s.header, align(i));
      });
    });
    c.line(c.left, c.y + headerH, c.right, c.y + headerH, COLORS.borderStrong, 0.75);
    c.y += headerH;
  };

  const firstH = table.rows[0] ? measureRow(table.rows[0]) : 0;
  c.ensure(headerH + firstH);
  drawHeader();

  function measureRow(row: TableRowView): number {
    if (row.kind === 'group') return rowHeight(1, size);
    const cells = layoutRow(c, row, widths, s);
    return rowHeight(Math.max(1, ...cells.map((x) => x.lines.length)), size);
  }

  for (const row of table.rows) {
    if (row.kind === 'group') {
      const h = rowHeight(1, size);
      // Keep a group header with at least its first item.
      if (c.y + h * 2 > c.bottom) {
        c.addPage();
        drawHeader();
      }
      c.rect(c.left, c.y, c.width, h, { fill: COLORS.surface });
      const baseline = c.y + PAD_Y + size * BASELINE;
      const value = c.clean(row.value, 'bold');
      const valueW = c.measure(value, s.bold);
      const label = c.wrap(row.label, s.bold, c.width - valueW - 4 * PAD_X)[0] ?? '';
      c.text(label, c.left + PAD_X, baseline, s.bold);
      c.text(value, c.right - PAD_X - valueW, baseline, s.bold);
      c.line(c.left, c.y + h, c.right, c.y + h, COLORS.border);
      c.y += h;
      continue;
    }
    const cells = layoutRow(c, row, widths, s);
    const h = rowHeight(Math.max(1, ...cells.map((x) => x.lines.length)), size);
    if (c.y + h > c.bottom) {
      c.addPage();
      drawHeader();
    }
    const style = row.kind === 'total' ? s.bold : s.body;
    if (row.kind === 'total') c.line(c.left, c.y, c.right, c.y, COLORS.borderStrong, 0.9);
    cells.forEach(({ cell, lines }, i) => {
      const x = (xs[i] ?? 0) + PAD_X;
      const w = (widths[i] ?? 0) - 2 * PAD_X;
      const baseline = c.y + PAD_Y + size * BASELINE;
      if (cell.kind === 'text') {
        lines.forEach((line, k) => c.alignedText(line, x, w, baseline + k * size * LINE, style, align(i)));
      } else if (cell.kind === 'change') {
        drawChange(c, cell, x, w, baseline, size, align(i));
      } else {
        drawStatusPill(c, cell.text, cell.status, x, w, baseline, s.pill, align(i));
      }
    });
    if (row.kind !== 'total') c.line(c.left, c.y + h, c.right, c.y + h, COLORS.border);
    c.y += h;
  }
}

/** "▲ +12 %" in the tone's colour, with a vector triangle (the font has no arrows). */
export function drawChange(
  c: PdfCanvas, cell: { text: string; trend: string; tone: Tone }, x: number, width: number, baseline: number, size: number,
  align: 'left' | 'right' | 'center',
): void {
  const style: TextStyle = { face: 'bold', size, color: cell.trend === 'none' ? COLORS.subtlest : TONE_COLORS[cell.tone] };
  const text = c.clean(cell.text, 'bold');
  const arrow = cell.trend === 'up' || cell.trend === 'down';
  const aw = arrow ? ARROW_W(size) + 3 : 0;
  const total = aw + c.measure(text, style);
  const x0 = align === 'right' ? x + width - total : align === 'center' ? x + (width - total) / 2 : x;
  if (arrow) c.triangle(x0 + ARROW_W(size) / 2, baseline - size * 0.36, ARROW_W(size), cell.trend === 'up' ? 'up' : 'down', style.color);
  c.text(text, x0 + aw, baseline, style);
}

export function drawStatusPill(
  c: PdfCanvas, label: string, status: KpiStatus, x: number, width: number, baseline: number, style: TextStyle,
  align: 'left' | 'right' | 'center' = 'left',
): void {
  const colors = STATUS_COLORS[status];
  const text = c.clean(label.toUpperCase(), 'bold');
  const tw = c.measure(text, style);
  const pw = tw + 8;
  const ph = style.size * 1.75;
  const x0 = align === 'right' ? x + width - pw : align === 'center' ? x + (width - pw) / 2 : x;
  // Centre the pill on the x-height of the surrounding (slightly larger) text; caps are 0.714 em tall.
  const centerY = baseline - style.size * 0.45;
  c.roundedRect(x0, centerY - ph / 2, pw, ph, 2, { fill: colors.fill });
  c.text(text, x0 + 4, centerY + style.size * 0.357, { ...style, color: colors.text });
}
