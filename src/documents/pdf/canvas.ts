// A thin layer over pdf-lib for flowing documents: A4 pages, a cursor measured from the top of the page,
// page breaks, text measuring and wrapping with our own font metrics, and drawing in top-down coordinates.
import { rgb, type Color, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { FaceName, FontFace } from './fonts';

export const A4 = { width: 595.28, height: 841.89 } as const;

export interface TextStyle {
  face: FaceName;
  size: number;
  color: Color;
}

export function hex(code: string): Color {
  const n = Number.parseInt(code.replace('#', ''), 16);
  return rgb(((n >> 16) & 0xff) / 255, ((n >> 8) & 0xff) / 255, (n & 0xff) / 255);
}

/** The report palette (Atlassian design tokens, light theme). */
export const COLORS = {
  text: hex('#172B4D'),
  subtle: hex('#44546F'),
  subtlest: hex('#626F86'),
  border: hex('#DCDFE4'),
  borderStrong: hex('#B7B9BE'),
  surface: hex('#F7F8F9'),
  headerFill: hex('#F1F2F4'),
  brand: hex('#0C66E4'),
  good: hex('#1F845A'),
  bad: hex('#C9372C'),
  neutral: hex('#626F86'),
  white: rgb(1, 1, 1),
} as const;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Distance from the top of a line box to the baseline, and line box height, as multiples of the font size. */
export const BASELINE = 1.0;
export const LINE_HEIGHT = 1.38;

export class PdfCanvas {
  readonly pages: PDFPage[] = [];
  /** Cursor: distance from the top edge of the current page, in points. */
  y = 0;
  private current: PDFPage | undefined;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Readonly<Record<FaceName, PDFFont>>,
    readonly faces: Readonly<Record<FaceName, FontFace>>,
    readonly margins: Margins,
    private readonly onNewPage: (canvas: PdfCanvas, page: PDFPage) => void = () => undefined,
  ) {}

  get page(): PDFPage {
    if (!this.current) throw new Error('No page yet: call addPage() first');
    return this.current;
  }

  get left(): number {
    return this.margins.left;
  }

  get right(): number {
    return A4.width - this.margins.right;
  }

  get width(): number {
    return this.right - this.left;
  }

  get bottom(): number {
    return A4.height - this.margins.bottom;
  }

  addPage(): void {
    this.current = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.current);
    this.y = this.margins.top;
    this.onNewPage(this, this.current);
  }

  /** Room left on the current page below the cursor. */
  remaining(): number {
    return this.bottom - this.y;
  }

  /** Starts a new page unless `height` more points fit below the cursor. Returns true on a page break. */
  ensure(height: number): boolean {
    if (this.current && this.y + height <= this.bottom + 0.01) return false;
    this.addPage();
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Text

  clean(text: string, face: FaceName = 'regular'): string {
    return this.faces[face].clean(text);
  }

  /** Width of cleaned text. */
  measure(text: string, style: Pick<TextStyle, 'face' | 'size'>): number {
    return this.faces[style.face].widthOf(text, style.size);
  }

  /** Draws cleaned text with its baseline `baseline` points below the top edge. */
  text(text: string, x: number, baseline: number, style: TextStyle): void {
    if (text === '') return;
    this.page.drawText(text, { x, y: A4.height - baseline, size: style.size, font: this.fonts[style.face], color: style.color });
  }

  /** Text aligned inside [x, x + width]. */
  alignedText(text: string, x: number, width: number, baseline: number, style: TextStyle, align: 'left' | 'right' | 'center'): void {
    const w = align === 'left' ? 0 : this.measure(text, style);
    const dx = align === 'right' ? width - w : align === 'center' ? (width - w) / 2 : 0;
    this.text(text, x + dx, baseline, style);
  }

  /**
   * Wraps text to `width`: cleans it for the face, breaks at spaces (and inside words longer than a line),
   * keeps explicit newlines. Always returns at least one line.
   */
  wrap(text: string, style: Pick<TextStyle, 'face' | 'size'>, width: number): string[] {
    const face = this.faces[style.face];
    const lines: string[] = [];
    // Widths come back from sums like (w + pad) - pad: allow for floating-point dust.
    width += 0.01;
    const spaceW = face.widthOf(' ', style.size);
    for (const para of text.split('\n')) {
      const words = face.clean(para).split(' ').filter((w) => w !== '');
      let line = '';
      let lineW = 0;
      for (const word of words) {
        let w = face.widthOf(word, style.size);
        if (line !== '' && lineW + spaceW + w <= width) {
          line += ` ${word}`;
          lineW += spaceW + w;
          continue;
        }
        if (line !== '') lines.push(line);
        line = word;
        lineW = w;
        // A word wider than the line: cut it where it overflows.
        while (lineW > width && [...line].length > 1) {
          const chars = [...line];
          let cut = 1;
          let cw = face.widthOf(chars[0] ?? '', style.size);
          while (cut < chars.length) {
            const next = cw + face.widthOf(chars[cut] ?? '', style.size);
            if (next > width) break;
            cw = next;
            cut++;
          }
          lines.push(chars.slice(0, cut).join(''));
          line = chars.slice(cut).join('');
          w = face.widthOf(line, style.size);
          lineW = w;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /**
   * Flows wrapped text from the cursor down, breaking pages between lines.
   * `x`/`width` default to the content box.
   */
  paragraph(text: string, style: TextStyle, opts: { x?: number; width?: number; after?: number; lineHeight?: number } = {}): void {
    const x = opts.x ?? this.left;
    const width = opts.width ?? this.right - x;
    const lh = opts.lineHeight ?? style.size * LINE_HEIGHT;
    for (const line of this.wrap(text, style, width)) {
      this.ensure(lh);
      this.text(line, x, this.y + style.size * BASELINE, style);
      this.y += lh;
    }
    this.y += opts.after ?? 0;
  }

  // -------------------------------------------------------------------------------------------
  // Shapes (top-down coordinates)

  rect(x: number, top: number, width: number, height: number, opts: { fill?: Color; stroke?: Color; strokeWidth?: number }): void {
    this.page.drawRectangle({
      x, y: A4.height - top - height, width, height,
      ...(opts.fill ? { color: opts.fill } : {}),
      ...(opts.stroke ? { borderColor: opts.stroke, borderWidth: opts.strokeWidth ?? 0.5 } : {}),
    });
  }

  line(x1: number, y1: number, x2: number, y2: number, color: Color, thickness = 0.5): void {
    this.page.drawLine({ start: { x: x1, y: A4.height - y1 }, end: { x: x2, y: A4.height - y2 }, thickness, color });
  }

  /** An SVG path (y down) with its origin at (x, top). */
  path(d: string, x: number, top: number, opts: { fill?: Color; stroke?: Color; strokeWidth?: number; fillOpacity?: number }): void {
    this.page.drawSvgPath(d, {
      x, y: A4.height - top,
      ...(opts.fill ? { color: opts.fill } : {}),
      ...(opts.fillOpacity !== undefined ? { opacity: opts.fillOpacity } : {}),
      ...(opts.stroke ? { borderColor: opts.stroke, borderWidth: opts.strokeWidth ?? 1 } : {}),
    });
  }

  roundedRect(x: number, top: number, width: number, height: number, radius: number, opts: { fill?: Color; stroke?: Color; strokeWidth?: number }): void {
    const r = Math.min(radius, width / 2, height / 2);
    const d = `M${r},0 H${width - r} A${r},${r} 0 0 1 ${width},${r} V${height - r} A${r},${r} 0 0 1 ${width - r},${height}`
      + ` H${r} A${r},${r} 0 0 1 0,${height - r} V${r} A${r},${r} 0 0 1 ${r},0 Z`;
    this.path(d, x, top, opts);
  }

  /** A small triangle pointing up or down, centred at (cx, cy). */
  triangle(cx: number, cy: number, size: number, direction: 'up' | 'down', color: Color): void {
    const h = size * 0.86;
    const d = direction === 'up'
      ? `M0,${h} L${size},${h} L${size / 2},0 Z`
      : `M0,0 L${size},0 L${size / 2},${h} Z`;
    this.path(d, cx - size / 2, cy - h / 2, { fill: color });
  }
}
