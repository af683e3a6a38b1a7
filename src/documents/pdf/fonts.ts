// The report's fonts: Noto Sans Regular/Bold from the generated base64 module, parsed once per process.
// pdf-lib parses font bytes on every embedFont call; handing it a fontkit whose create() returns the
// cached parse for our own buffers keeps repeated renders fast (glyph and metric caches stay warm).
import * as fontkitModule from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';
import { NOTO_SANS_BOLD_TTF_BASE64, NOTO_SANS_REGULAR_TTF_BASE64 } from '../fonts/noto-sans-data';

interface FontkitApi {
  create(buffer: Uint8Array, postscriptName?: string): Font;
}

// @pdf-lib/fontkit is a UMD/CommonJS module without __esModule: under Node ESM (tsx) the object is the
// namespace's default export, in an esbuild CJS bundle the namespace itself carries create().
const fontkit: FontkitApi = (fontkitModule as unknown as { default?: FontkitApi }).default ?? (fontkitModule as unknown as FontkitApi);

type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

export type FaceName = 'regular' | 'bold';

// Characters the fonts lack but that have a readable ASCII stand-in.
const STAND_INS: Readonly<Record<string, string>> = {
  '≠': '!=', '→': '->', '←': '<-', '⇒': '=>', '✓': 'v', '✔': 'v', '✗': 'x', '✘': 'x',
  '▲': '+', '▼': '-', '★': '*', '☆': '*',
};
// Emoji and their joiners/modifiers are dropped rather than shown as '?'.
const EMOJI = /[\p{Extended_Pictographic}\u200d\ufe0e\ufe0f\u20e3\u{1f3fb}-\u{1f3ff}\u{1f1e6}-\u{1f1ff}\u{e0020}-\u{e007f}]/u;

export class FontFace {
  readonly bytes: Uint8Array;
  readonly font: Font;
  readonly unitsPerEm: number;
  private readonly advances = new Map<number, number>();
  private readonly coverage = new Map<number, boolean>();

  constructor(base64: string) {
    this.bytes = Uint8Array.from(Buffer.from(base64, 'base64'));
    this.font = fontkit.create(this.bytes);
    this.unitsPerEm = this.font.unitsPerEm;
  }

  get postscriptName(): string {
    return this.font.postscriptName ?? 'NotoSans';
  }

  has(cp: number): boolean {
    let v = this.coverage.get(cp);
    if (v === undefined) {
      v = this.font.hasGlyphForCodePoint(cp);
      this.coverage.set(cp, v);
    }
    return v;
  }

  /** Text the font can draw: missing characters become stand-ins, '?', or nothing (emoji). */
  clean(input: string): string {
    // Soft hyphens are invisible unless a line breaks there, and we never break there.
    const text = input.includes('\u00ad') ? input.replace(/\u00ad/g, '') : input;
    let out = '';
    let clean = true;
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0x3f;
      if (this.has(cp)) {
        out += ch;
        continue;
      }
      clean = false;
      if (ch === '\n' || ch === '\t' || /\s/u.test(ch)) out += ' ';
      else if (ch in STAND_INS) out += STAND_INS[ch];
      else if (!EMOJI.test(ch) && cp >= 0x20) out += '?';
    }
    return clean ? text : out.replace(/ {2,}/g, ' ');
  }

  /** Width in points of already-cleaned text (no kerning: pdf-lib positions glyphs by advance width). */
  widthOf(text: string, size: number): number {
    let units = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      let a = this.advances.get(cp);
      if (a === undefined) {
        a = this.font.glyphForCodePoint(cp).advanceWidth;
        this.advances.set(cp, a);
      }
      units += a;
    }
    return (units * size) / this.unitsPerEm;
  }
}

let faces: Readonly<Record<FaceName, FontFace>> | undefined;

/** Both faces, decoded and parsed on first use, then reused for the life of the process. */
export function reportFaces(): Readonly<Record<FaceName, FontFace>> {
  faces ??= { regular: new FontFace(NOTO_SANS_REGULAR_TTF_BASE64), bold: new FontFace(NOTO_SANS_BOLD_TTF_BASE64) };
  return faces;
}

/** A fontkit for pdf-lib that returns our cached parse for our own font buffers. */
export const cachingFontkit: PdfLibFontkit = {
  create(buffer: Uint8Array, postscriptName?: string) {
    const f = faces ? Object.values(faces).find((x) => x.bytes === buffer) : undefined;
    return (f ? f.font : fontkit.create(buffer, postscriptName)) as unknown as ReturnType<PdfLibFontkit['create']>;
  },
};
