// Plain-text hygiene for anything that comes from people or outside systems.

// C0 controls other than tab/newline/CR, DEL..C1 controls, lone surrogates, U+FFFE/U+FFFF: not allowed in XML
// (and invisible or harmful in a PDF).
const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters XML 1.0 cannot carry; normalizes line ends to \n and tabs to spaces. */
export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(INVALID_CHARS, '');
}

/** Single-line text: cleaned, with runs of whitespace (including newlines) collapsed to one space. */
export function cleanLine(s: string): string {
  return cleanText(s).replace(/\s+/g, ' ').trim();
}

export type TextBlock = { kind: 'paragraph'; lines: string[] } | { kind: 'list'; ordered: boolean; items: string[] };

const BULLET = /^\s*(?:[-*•–—]|\d{1,3}[.)])\s+/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+/;

/**
 * Free text (the manager's analysis, proposals, client comments) → blocks: blank lines separate
 * paragraphs, single newlines are line breaks, and runs of lines starting with "- ", "* ", "• " or
 * "1. " become lists. Markup is never interpreted: the words stay words.
 */
export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const raw of cleanText(text).split(/\n\s*\n/)) {
    const lines = raw.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '');
    let i = 0;
    while (i < lines.length) {
      const bullet = BULLET.test(lines[i] ?? '');
      let j = i;
      while (j < lines.length && BULLET.test(lines[j] ?? '') === bullet) j++;
      const run = lines.slice(i, j);
      if (bullet) blocks.push({ kind: 'list', ordered: run.every((l) => NUMBERED.test(l)), items: run.map((l) => l.replace(BULLET, '')) });
      else blocks.push({ kind: 'paragraph', lines: run });
      i = j;
    }
  }
  return blocks;
}
