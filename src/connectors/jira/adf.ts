// Atlassian Document Format builders for Jira rich-text fields (description, comments, worklog
// comments). Plain text always becomes text nodes: nothing in a string is read as markup, links
// only come from link() and only for http(s)/mailto targets. Pure: no I/O, no @forge/*.

export type AdfMark = { type: 'strong' } | { type: 'em' } | { type: 'code' } | { type: 'link'; attrs: { href: string } };

export interface AdfText {
  type: 'text';
  text: string;
  marks?: AdfMark[];
}
export interface AdfHardBreak {
  type: 'hardBreak';
}
export interface AdfMention {
  type: 'mention';
  attrs: { id: string; text?: string };
}
export type AdfInline = AdfText | AdfHardBreak | AdfMention;

export interface AdfParagraph {
  type: 'paragraph';
  content?: AdfInline[];
}
export interface AdfHeading {
  type: 'heading';
  attrs: { level: 1 | 2 | 3 | 4 | 5 | 6 };
  content?: AdfInline[];
}
export interface AdfListItem {
  type: 'listItem';
  content: Array<AdfParagraph | AdfBulletList | AdfOrderedList>;
}
export interface AdfBulletList {
  type: 'bulletList';
  content: AdfListItem[];
}
export interface AdfOrderedList {
  type: 'orderedList';
  attrs?: { order: number };
  content: AdfListItem[];
}
export interface AdfTaskItem {
  type: 'taskItem';
  attrs: { localId: string; state: 'TODO' | 'DONE' };
  content?: AdfInline[];
}
export interface AdfTaskList {
  type: 'taskList';
  attrs: { localId: string };
  content: AdfTaskItem[];
}
export interface AdfCodeBlock {
  type: 'codeBlock';
  attrs?: { language: string };
  content?: AdfText[];
}
export interface AdfRule {
  type: 'rule';
}
export interface AdfPanel {
  type: 'panel';
  attrs: { panelType: 'info' | 'note' | 'warning' | 'success' | 'error' };
  content: Array<AdfParagraph | AdfHeading | AdfBulletList | AdfOrderedList>;
}
export type AdfBlock = AdfParagraph | AdfHeading | AdfBulletList | AdfOrderedList | AdfTaskList | AdfCodeBlock | AdfRule | AdfPanel;

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfBlock[];
}

/** What inline builders accept: plain text (kept literal) or nodes from the builders below. */
export type InlineInput = string | AdfInline | ReadonlyArray<string | AdfInline>;

// C0 controls other than tab/newline are not allowed in ADF text (and are never meaningful here).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Normalises line endings and drops control characters. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** A text node; empty strings produce nothing (ADF rejects empty text nodes). */
export function text(value: string, marks: AdfMark[] = []): AdfInline[] {
  const lines = cleanText(value).split('\n');
  const out: AdfInline[] = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push({ type: 'hardBreak' });
    if (line !== '') out.push(marks.length > 0 ? { type: 'text', text: line, marks: [...marks] } : { type: 'text', text: line });
  });
  return out;
}

export const strong = (value: string): AdfInline[] => text(value, [{ type: 'strong' }]);
export const em = (value: string): AdfInline[] => text(value, [{ type: 'em' }]);
export const code = (value: string): AdfInline[] => text(value.replace(/\n/g, ' '), [{ type: 'code' }]);

/** Only absolute http(s) and mailto links survive; anything else renders as plain text. */
export function safeHref(href: string): string | undefined {
  const h = href.trim();
  try {
    const u = new URL(h);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function link(label: string, href: string): AdfInline[] {
  const safe = safeHref(href);
  const shown = label.trim() === '' ? href : label;
  return safe ? text(shown.replace(/\n/g, ' '), [{ type: 'link', attrs: { href: safe } }]) : text(shown);
}

export function mention(accountId: string, displayName?: string): AdfMention {
  return displayName ? { type: 'mention', attrs: { id: accountId, text: `@${displayName}` } } : { type: 'mention', attrs: { id: accountId } };
}

function inlines(input: InlineInput): AdfInline[] {
  if (typeof input === 'string') return text(input);
  if (!Array.isArray(input)) return [input as AdfInline];
  return (input as ReadonlyArray<string | AdfInline>).flatMap((part) => (typeof part === 'string' ? text(part) : [part]));
}

function withContent<T extends { content?: AdfInline[] }>(node: T, content: AdfInline[]): T {
  if (content.length > 0) node.content = content;
  return node;
}

/** `paragraph('Hello ', strong('world'))`; strings stay literal. */
export function paragraph(...parts: InlineInput[]): AdfParagraph {
  return withContent<AdfParagraph>({ type: 'paragraph' }, parts.flatMap(inlines));
}

export function heading(level: 1 | 2 | 3 | 4 | 5 | 6, ...parts: InlineInput[]): AdfHeading {
  return withContent<AdfHeading>({ type: 'heading', attrs: { level } }, parts.flatMap(inlines));
}

type ListEntry = InlineInput | AdfListItem;

function listItem(entry: ListEntry): AdfListItem {
  if (typeof entry === 'object' && !Array.isArray(entry) && (entry as { type?: string }).type === 'listItem') return entry as AdfListItem;
  return { type: 'listItem', content: [paragraph(entry as InlineInput)] };
}

export function bulletList(items: ReadonlyArray<ListEntry>): AdfBulletList {
  return { type: 'bulletList', content: items.map(listItem) };
}

export function orderedList(items: ReadonlyArray<ListEntry>, start = 1): AdfOrderedList {
  const list: AdfOrderedList = { type: 'orderedList', content: items.map(listItem) };
  if (start !== 1) list.attrs = { order: start };
  return list;
}

/** A list item holding a paragraph followed by a nested list. */
export function nestedItem(label: InlineInput, children: AdfBulletList | AdfOrderedList): AdfListItem {
  return { type: 'listItem', content: [paragraph(label), children] };
}

export interface TaskEntry {
  text: InlineInput;
  done?: boolean;
}

/**
 * A checklist. ADF needs a localId on the list and each item; pass `localId` to keep them stable
 * across re-renders (e.g. a prefix derived from the issue marker), else random UUIDs are used.
 */
export function taskList(items: ReadonlyArray<TaskEntry | string>, localId: (index: number | 'list') => string = () => globalThis.crypto.randomUUID()): AdfTaskList {
  return {
    type: 'taskList',
    attrs: { localId: localId('list') },
    content: items.map((item, i) => {
      const entry = typeof item === 'string' ? { text: item } : item;
      return withContent<AdfTaskItem>({ type: 'taskItem', attrs: { localId: localId(i), state: entry.done ? 'DONE' : 'TODO' } }, inlines(entry.text));
    }),
  };
}

export function codeBlock(value: string, language?: string): AdfCodeBlock {
  const cleaned = cleanText(value);
  const node: AdfCodeBlock = { type: 'codeBlock' };
  if (language) node.attrs = { language };
  if (cleaned !== '') node.content = [{ type: 'text', text: cleaned }];
  return node;
}

export const rule = (): AdfRule => ({ type: 'rule' });

export function panel(panelType: AdfPanel['attrs']['panelType'], ...content: AdfPanel['content']): AdfPanel {
  return { type: 'panel', attrs: { panelType }, content: content.length > 0 ? content : [paragraph()] };
}

/** A document; an empty one gets an empty paragraph (Jira rejects `content: []` in some fields). */
export function doc(...blocks: AdfBlock[]): AdfDoc {
  return { type: 'doc', version: 1, content: blocks.length > 0 ? blocks : [paragraph()] };
}

/** Plain text → document: blank lines separate paragraphs, single newlines become line breaks. */
export function docFromText(value: string): AdfDoc {
  const paragraphs = cleanText(value)
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  return doc(...paragraphs.map((p) => paragraph(p)));
}

/** The plain text of any ADF value (for reading worklog comments and descriptions back). */
export function adfToText(value: unknown): string {
  const blocks: string[] = [];
  const inline = (n: unknown): string => {
    if (typeof n !== 'object' || n === null) return '';
    const node = n as { type?: unknown; text?: unknown; content?: unknown; attrs?: { text?: unknown } };
    if (node.type === 'text' && typeof node.text === 'string') return node.text;
    if (node.type === 'hardBreak') return '\n';
    if (node.type === 'mention' && typeof node.attrs?.text === 'string') return node.attrs.text;
    return Array.isArray(node.content) ? node.content.map(inline).join('') : '';
  };
  const walk = (n: unknown): void => {
    if (typeof n !== 'object' || n === null) return;
    const node = n as { type?: unknown; content?: unknown };
    const kids = Array.isArray(node.content) ? node.content : [];
    const holdsInline = kids.some((k) => typeof k === 'object' && k !== null && ['text', 'hardBreak', 'mention'].includes(String((k as { type?: unknown }).type)));
    if (holdsInline || node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock' || node.type === 'taskItem') blocks.push(inline(node));
    else kids.forEach(walk);
  };
  walk(value);
  return blocks.join('\n').trim();
}
