// Generates noto-sans-data.ts: Noto Sans Regular and Bold (SIL OFL 1.1, from @expo-google-fonts/noto-sans)
// as base64 strings, so the esbuild-bundled Forge app carries its fonts without reading node_modules.
//
// The full TTFs are ~630 KB each (Latin, Greek, Cyrillic, Vietnamese, lots of symbols, big GSUB/GPOS).
// A report needs Latin, Cyrillic, punctuation and currency signs, so this script keeps only those glyphs
// (plus composite components) and drops the OpenType layout tables (pdf-lib ignores GPOS positioning and
// GSUB ligatures would only hurt text extraction). The `name` table — copyright, OFL licence, URLs — is
// kept verbatim, as the OFL asks. pdf-lib then subsets again, per document, at embed time.
//
// Run from the repo root: node src/documents/fonts/generate-fonts.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const fontkit = require('@pdf-lib/fontkit');
const here = dirname(fileURLToPath(import.meta.url));
const pkg = dirname(require.resolve('@expo-google-fonts/noto-sans/package.json'));

const SOURCES = [
  { name: 'NOTO_SANS_REGULAR', file: join(pkg, '400Regular/NotoSans_400Regular.ttf') },
  { name: 'NOTO_SANS_BOLD', file: join(pkg, '700Bold/NotoSans_700Bold.ttf') },
];

// Unicode ranges kept (inclusive). Code points the font lacks are skipped.
const RANGES = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x00ff], // Latin-1 Supplement
  [0x0100, 0x017f], // Latin Extended-A (Polish, Czech, Baltic, Turkish names)
  [0x0218, 0x021b], // Romanian comma-below letters
  [0x02bc, 0x02bc], // modifier apostrophe (Ukrainian)
  [0x02c6, 0x02dd], // spacing accents
  [0x0300, 0x0308], // common combining accents (stress marks in Russian/Ukrainian text)
  [0x030c, 0x030c],
  [0x0400, 0x052f], // Cyrillic + Cyrillic Supplement (Ukrainian, Russian, Belarusian, Kazakh, …)
  [0x2000, 0x206f], // General Punctuation (dashes, quotes, bullets, ellipsis, special spaces)
  [0x20a0, 0x20cf], // Currency Symbols (₴ ₽ € ₸ ₺ ₾ …)
  [0x2116, 0x2116], // №
  [0x2122, 0x2122], // ™
  [0x2190, 0x2199], // arrows, where present
  [0x2212, 0x2212], // minus sign
  [0x2215, 0x2215],
  [0x221e, 0x221e],
  [0x2248, 0x2248],
  [0x2260, 0x2265], // ≠ ≤ ≥ (≤ ≥ are composed below when missing)
  [0xfffd, 0xfffd], // replacement character
];

// ---------------------------------------------------------------------------------------------
// Byte helpers

const u16 = (b, o) => (b[o] << 8) | b[o + 1];
const i16 = (b, o) => { const v = u16(b, o); return v & 0x8000 ? v - 0x10000 : v; };
const u32 = (b, o) => ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3];
const put16 = (b, o, v) => { b[o] = (v >>> 8) & 0xff; b[o + 1] = v & 0xff; };
const put32 = (b, o, v) => { b[o] = (v >>> 24) & 0xff; b[o + 1] = (v >>> 16) & 0xff; b[o + 2] = (v >>> 8) & 0xff; b[o + 3] = v & 0xff; };
const pad4 = (n) => (n + 3) & ~3;

function readTables(font) {
  const numTables = u16(font, 4);
  const tables = new Map();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(font[rec], font[rec + 1], font[rec + 2], font[rec + 3]);
    const offset = u32(font, rec + 8);
    const length = u32(font, rec + 12);
    tables.set(tag, font.subarray(offset, offset + length));
  }
  return tables;
}

function checksum(data) {
  let sum = 0;
  const padded = new Uint8Array(pad4(data.length));
  padded.set(data);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + u32(padded, i)) >>> 0;
  return sum;
}

// ---------------------------------------------------------------------------------------------
// Subsetting

/** Component glyph ids of a composite glyph, with the byte offsets of their glyphIndex fields. */
function components(glyph) {
  const out = [];
  if (glyph.length < 10 || i16(glyph, 0) >= 0) return out;
  let p = 10;
  for (;;) {
    const flags = u16(glyph, p);
    out.push({ at: p + 2, gid: u16(glyph, p + 2) });
    p += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) p += 2;
    else if (flags & 0x0040) p += 4;
    else if (flags & 0x0080) p += 8;
    if (!(flags & 0x0020)) break;
  }
  return out;
}

/**
 * A composite glyph: `angle` (< or >) squeezed to 80 % height and raised, over the minus sign moved down to
 * the baseline — the usual shape of ≤ and ≥. Component ids are the new (subset) glyph ids.
 */
function composeOverBar(angle, angleId, bar, barId, advance) {
  const box = (g) => ({ xMin: i16(g, 2), yMin: i16(g, 4), xMax: i16(g, 6), yMax: i16(g, 8) });
  const a = box(angle);
  const b = box(bar);
  const scale = 0.8;
  const barDy = 12 - b.yMin;
  const barTop = b.yMax + barDy;
  const angleDy = Math.round(barTop + 100 - a.yMin * scale);
  const glyph = new Uint8Array(10 + 12 + 8);
  put16(glyph, 0, 0xffff); // numberOfContours = -1: composite
  put16(glyph, 2, Math.min(a.xMin, b.xMin) & 0xffff);
  put16(glyph, 4, (b.yMin + barDy) & 0xffff);
  put16(glyph, 6, Math.max(a.xMax, b.xMax) & 0xffff);
  put16(glyph, 8, Math.round(a.yMax * scale + angleDy) & 0xffff);
  // ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES | MORE_COMPONENTS | WE_HAVE_AN_X_AND_Y_SCALE | UNSCALED_COMPONENT_OFFSET
  put16(glyph, 10, 0x0001 | 0x0002 | 0x0020 | 0x0040 | 0x1000);
  put16(glyph, 12, angleId);
  put16(glyph, 14, 0);
  put16(glyph, 16, angleDy & 0xffff);
  put16(glyph, 18, 0x4000); // x scale 1.0 (F2Dot14)
  put16(glyph, 20, Math.round(scale * 0x4000));
  put16(glyph, 22, 0x0001 | 0x0002 | 0x1000);
  put16(glyph, 24, barId);
  put16(glyph, 26, 0);
  put16(glyph, 28, barDy & 0xffff);
  return { glyph, advance };
}

function subsetFont(bytes) {
  const tables = readTables(bytes);
  const parsed = fontkit.create(Buffer.from(bytes));
  const head = tables.get('head');
  const longLoca = i16(head, 50) === 1;
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  const numGlyphs = u16(tables.get('maxp'), 4);
  const glyphAt = (gid) => {
    const start = longLoca ? u32(loca, gid * 4) : u16(loca, gid * 2) * 2;
    const end = longLoca ? u32(loca, gid * 4 + 4) : u16(loca, gid * 2 + 2) * 2;
    return glyf.subarray(start, end);
  };
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const numHMetrics = u16(hhea, 34);
  const metricsOf = (gid) => {
    if (gid < numHMetrics) return { advance: u16(hmtx, gid * 4), lsb: i16(hmtx, gid * 4 + 2) };
    return { advance: u16(hmtx, (numHMetrics - 1) * 4), lsb: i16(hmtx, numHMetrics * 4 + (gid - numHMetrics) * 2) };
  };

  // Code points → old glyph ids, in code point order.
  const cmap = [];
  for (const [from, to] of RANGES) {
    for (let cp = from; cp <= to; cp++) {
      if (!parsed.hasGlyphForCodePoint(cp)) continue;
      const gid = parsed.glyphForCodePoint(cp).id;
      if (gid > 0 && gid < numGlyphs) cmap.push({ cp, gid });
    }
  }

  // New glyph order: .notdef, then mapped glyphs in code point order, then composite components.
  const order = [0];
  const newId = new Map([[0, 0]]);
  const include = (gid) => {
    if (newId.has(gid)) return;
    newId.set(gid, order.length);
    order.push(gid);
  };
  for (const { gid } of cmap) include(gid);
  for (let i = 0; i < order.length; i++) for (const c of components(glyphAt(order[i]))) include(c.gid);

  // glyf + loca (long offsets), with component ids rewritten.
  const glyphData = order.map((gid) => {
    const data = Uint8Array.from(glyphAt(gid));
    for (const c of components(data)) put16(data, c.at, newId.get(c.gid));
    return data;
  });
  const metrics = order.map(metricsOf);

  // Noto Sans has no ≤ ≥, which KPI targets use all the time: compose them from < > and the minus sign.
  const mapped = cmap.map(({ cp, gid }) => ({ cp, g: newId.get(gid) }));
  const minusGid = parsed.glyphForCodePoint(0x2212).id;
  for (const [cp, base] of [[0x2264, 0x3c], [0x2265, 0x3e]]) {
    if (parsed.hasGlyphForCodePoint(cp)) continue;
    const angleGid = parsed.glyphForCodePoint(base).id;
    const { glyph, advance } = composeOverBar(glyphAt(angleGid), newId.get(angleGid), glyphAt(minusGid), newId.get(minusGid), metricsOf(angleGid).advance);
    mapped.push({ cp, g: glyphData.length });
    glyphData.push(glyph);
    metrics.push({ advance, lsb: i16(glyph, 2) });
  }
  mapped.sort((a, b) => a.cp - b.cp);
  const glyfOut = new Uint8Array(glyphData.reduce((n, g) => n + pad4(g.length), 0));
  const locaOut = new Uint8Array((glyphData.length + 1) * 4);
  let off = 0;
  glyphData.forEach((g, i) => {
    put32(locaOut, i * 4, off);
    glyfOut.set(g, off);
    off += pad4(g.length);
  });
  put32(locaOut, glyphData.length * 4, off);

  const numOut = glyphData.length;
  const hmtxOut = new Uint8Array(numOut * 4);
  metrics.forEach((m, i) => {
    put16(hmtxOut, i * 4, m.advance);
    put16(hmtxOut, i * 4 + 2, m.lsb & 0xffff);
  });

  // cmap: one format 4 subtable (all kept code points are in the BMP), referenced as (0,3) and (3,1).
  const segments = [];
  for (const { cp, g } of mapped) {
    const last = segments[segments.length - 1];
    if (last && cp === last.end + 1 && g - cp === last.delta) last.end = cp;
    else segments.push({ start: cp, end: cp, delta: g - cp });
  }
  segments.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const segCount = segments.length;
  const pow = 2 ** Math.floor(Math.log2(segCount));
  const sub = new Uint8Array(16 + segCount * 8);
  put16(sub, 0, 4);
  put16(sub, 2, sub.length);
  put16(sub, 4, 0);
  put16(sub, 6, segCount * 2);
  put16(sub, 8, pow * 2);
  put16(sub, 10, Math.log2(pow));
  put16(sub, 12, segCount * 2 - pow * 2);
  segments.forEach((s, i) => {
    put16(sub, 14 + i * 2, s.end);
    put16(sub, 16 + segCount * 2 + i * 2, s.start);
    put16(sub, 16 + segCount * 4 + i * 2, s.delta & 0xffff);
    put16(sub, 16 + segCount * 6 + i * 2, 0);
  });
  const cmapOut = new Uint8Array(4 + 2 * 8 + sub.length);
  put16(cmapOut, 0, 0);
  put16(cmapOut, 2, 2);
  put16(cmapOut, 4, 0); put16(cmapOut, 6, 3); put32(cmapOut, 8, 20);
  put16(cmapOut, 12, 3); put16(cmapOut, 14, 1); put32(cmapOut, 16, 20);
  cmapOut.set(sub, 20);

  const headOut = Uint8Array.from(head);
  put32(headOut, 8, 0); // checkSumAdjustment, set below
  put16(headOut, 50, 1); // indexToLocFormat: long
  const maxpOut = Uint8Array.from(tables.get('maxp'));
  put16(maxpOut, 4, numOut);
  const hheaOut = Uint8Array.from(hhea);
  put16(hheaOut, 34, numOut);
  const postOut = Uint8Array.from(tables.get('post').subarray(0, 32));
  put32(postOut, 0, 0x00030000); // no glyph names
  const os2Out = Uint8Array.from(tables.get('OS/2'));
  put16(os2Out, 64, mapped[0].cp);
  put16(os2Out, 66, Math.min(0xffff, mapped[mapped.length - 1].cp));

  const out = new Map([
    ['OS/2', os2Out], ['cmap', cmapOut], ['glyf', glyfOut], ['head', headOut], ['hhea', hheaOut],
    ['hmtx', hmtxOut], ['loca', locaOut], ['maxp', maxpOut], ['name', tables.get('name')], ['post', postOut],
  ]);
  for (const keep of ['cvt ', 'fpgm', 'prep', 'gasp']) if (tables.has(keep)) out.set(keep, tables.get(keep));
  return { font: writeFont(out), glyphs: numOut, codePoints: mapped.length };
}

function writeFont(tables) {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const pow = 2 ** Math.floor(Math.log2(n));
  const headerSize = 12 + n * 16;
  const total = headerSize + tags.reduce((s, t) => s + pad4(tables.get(t).length), 0);
  const font = new Uint8Array(total);
  put32(font, 0, 0x00010000);
  put16(font, 4, n);
  put16(font, 6, pow * 16);
  put16(font, 8, Math.log2(pow));
  put16(font, 10, n * 16 - pow * 16);
  let off = headerSize;
  let headOffset = 0;
  tags.forEach((tag, i) => {
    const data = tables.get(tag);
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) font[rec + k] = tag.charCodeAt(k);
    put32(font, rec + 4, checksum(data));
    put32(font, rec + 8, off);
    put32(font, rec + 12, data.length);
    font.set(data, off);
    if (tag === 'head') headOffset = off;
    off += pad4(data.length);
  });
  put32(font, headOffset + 8, (0xb1b0afba - checksum(font)) >>> 0);
  return font;
}

// ---------------------------------------------------------------------------------------------
// Verification: every kept code point has the same outline and advance as in the original font.

function verify(original, subset) {
  const a = fontkit.create(Buffer.from(original));
  const b = fontkit.create(Buffer.from(subset));
  let checked = 0;
  for (const [from, to] of RANGES) {
    for (let cp = from; cp <= to; cp++) {
      if (!a.hasGlyphForCodePoint(cp)) continue;
      if (!b.hasGlyphForCodePoint(cp)) throw new Error(`U+${cp.toString(16)} lost`);
      const ga = a.glyphForCodePoint(cp);
      const gb = b.glyphForCodePoint(cp);
      if (ga.advanceWidth !== gb.advanceWidth) throw new Error(`U+${cp.toString(16)} advance differs`);
      if (ga.path.toSVG() !== gb.path.toSVG()) throw new Error(`U+${cp.toString(16)} outline differs`);
      checked++;
    }
  }
  for (const cp of [0x2264, 0x2265]) {
    const g = b.glyphForCodePoint(cp);
    if (!b.hasGlyphForCodePoint(cp) || g.path.commands.length === 0) throw new Error(`U+${cp.toString(16)} not composed`);
  }
  return checked;
}

// ---------------------------------------------------------------------------------------------

const lines = [
  '// GENERATED by generate-fonts.mjs — do not edit. Regenerate: node src/documents/fonts/generate-fonts.mjs',
  '// Noto Sans Regular and Bold, Latin + Cyrillic subsets, TrueType, base64.',
  '// Copyright 2022 The Noto Project Authors (https://github.com/notofonts/latin-greek-cyrillic).',
  '// Licensed under the SIL Open Font License, Version 1.1 (https://openfontlicense.org); the fonts\' own',
  '// `name` tables carry the copyright and licence notices unchanged.',
  '',
];
for (const src of SOURCES) {
  const original = readFileSync(src.file);
  const { font, glyphs, codePoints } = subsetFont(new Uint8Array(original));
  const checked = verify(original, font);
  const b64 = Buffer.from(font).toString('base64');
  const chunks = b64.match(/.{1,120}/g) ?? [];
  lines.push(`/** ${glyphs} glyphs, ${codePoints} code points, ${font.length} bytes (original ${original.length}). */`);
  lines.push(`export const ${src.name}_TTF_BASE64: string = [`);
  for (const c of chunks) lines.push(`  '${c}',`);
  lines.push("].join('');", '');
  console.log(`${src.name}: ${original.length} → ${font.length} bytes, ${glyphs} glyphs, ${codePoints} code points, ${checked} verified`);
}
writeFileSync(join(here, 'noto-sans-data.ts'), lines.join('\n'));
