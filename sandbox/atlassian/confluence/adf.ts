// Conversions between ADF (atlas_doc_format) and storage format, for bodies written in one
// representation and read in the other. Confluence converts server-side; the sandbox covers the
// node types the app writes (text, headings, lists, tables, panels, status, code, Forge macros,
// attachment images) and degrades the rest to their text content.
import { readAdfExtension, writeAdfExtension, type ForgeExtensionAttrs } from './forge-extension';
import { childElements, escapeXml, firstChild, parseStorage, textContent, type StorageElement, type StorageNode } from './storage-dom';

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  text?: string;
}

export interface AdfDoc extends AdfNode {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

export interface AdfConversionHooks {
  /** Attachment filename for an ADF media file id (media nodes reference files by id). */
  filenameForFileId?(fileId: string): string | undefined;
  /** ADF media file id for an attachment filename of the page. */
  fileIdForFilename?(filename: string): string | undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses and minimally checks an ADF document string; returns a problem message when invalid. */
export function parseAdf(value: string): { doc: AdfDoc } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { problem: 'atlas_doc_format value is not valid JSON' };
  }
  if (!isRecord(parsed) || parsed['type'] !== 'doc') return { problem: 'atlas_doc_format value must be an ADF document with type "doc"' };
  if (parsed['version'] !== 1) return { problem: 'atlas_doc_format document must have version 1' };
  if (!Array.isArray(parsed['content'])) return { problem: 'atlas_doc_format document must have a content array' };
  const bad = findBadNode(parsed['content']);
  if (bad) return { problem: bad };
  return { doc: parsed as unknown as AdfDoc };
}

function findBadNode(list: unknown[]): string | undefined {
  for (const n of list) {
    if (!isRecord(n) || typeof n['type'] !== 'string') return 'every ADF node needs a string "type"';
    if (n['type'] === 'text' && typeof n['text'] !== 'string') return 'ADF text nodes need a string "text"';
    if (n['content'] !== undefined) {
      if (!Array.isArray(n['content'])) return `ADF node "${n['type']}" has a non-array content`;
      const inner = findBadNode(n['content']);
      if (inner) return inner;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- ADF → storage

function cdata(s: string): string {
  return `<![CDATA[${s.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

const PANEL_TO_MACRO: Record<string, string> = { info: 'info', note: 'note', warning: 'warning', error: 'warning', success: 'tip', tip: 'tip', custom: 'panel' };
const STATUS_COLOUR: Record<string, string> = { neutral: 'Grey', grey: 'Grey', red: 'Red', yellow: 'Yellow', green: 'Green', blue: 'Blue', purple: 'Purple' };

function macro(name: string, params: Record<string, string>, body = ''): string {
  const p = Object.entries(params).map(([k, v]) => `<ac:parameter ac:name="${escapeXml(k)}">${escapeXml(v)}</ac:parameter>`).join('');
  return `<ac:structured-macro ac:name="${escapeXml(name)}">${p}${body}</ac:structured-macro>`;
}

function textWithMarks(n: AdfNode): string {
  let out = escapeXml(n.text ?? '');
  for (const m of n.marks ?? []) {
    const a = m.attrs ?? {};
    switch (m.type) {
      case 'strong': out = `<strong>${out}</strong>`; break;
      case 'em': out = `<em>${out}</em>`; break;
      case 'code': out = `<code>${out}</code>`; break;
      case 'strike': out = `<s>${out}</s>`; break;
      case 'underline': out = `<u>${out}</u>`; break;
      case 'subsup': out = a['type'] === 'sub' ? `<sub>${out}</sub>` : `<sup>${out}</sup>`; break;
      case 'link': out = `<a href="${escapeXml(str(a['href']))}">${out}</a>`; break;
      case 'textColor': {
        const c = str(a['color']);
        if (/^#[0-9a-fA-F]{3,8}$/.test(c)) out = `<span style="color: ${c};">${out}</span>`;
        break;
      }
      default: break;
    }
  }
  return out;
}

function cellAttrs(a: Record<string, unknown>): string {
  let s = '';
  for (const k of ['colspan', 'rowspan']) {
    const v = a[k];
    if (typeof v === 'number' && Number.isInteger(v) && v > 1) s += ` ${k}="${v}"`;
  }
  return s;
}

function adfNodesToStorage(list: AdfNode[] | undefined, hooks: AdfConversionHooks): string {
  return (list ?? []).map((n) => adfNodeToStorage(n, hooks)).join('');
}

function adfNodeToStorage(n: AdfNode, hooks: AdfConversionHooks): string {
  const a = n.attrs ?? {};
  const inner = (): string => adfNodesToStorage(n.content, hooks);
  switch (n.type) {
    case 'doc': return inner();
    case 'paragraph': return `<p>${inner()}</p>`;
    case 'heading': {
      const level = typeof a['level'] === 'number' && a['level'] >= 1 && a['level'] <= 6 ? a['level'] : 1;
      return `<h${level}>${inner()}</h${level}>`;
    }
    case 'text': return textWithMarks(n);
    case 'hardBreak': return '<br />';
    case 'rule': return '<hr />';
    case 'bulletList': return `<ul>${inner()}</ul>`;
    case 'orderedList': {
      const order = typeof a['order'] === 'number' && a['order'] !== 1 ? ` start="${a['order']}"` : '';
      return `<ol${order}>${inner()}</ol>`;
    }
    case 'listItem': return `<li>${inner()}</li>`;
    case 'blockquote': return `<blockquote>${inner()}</blockquote>`;
    case 'codeBlock': {
      const code = (n.content ?? []).map((c) => c.text ?? '').join('');
      const params: Record<string, string> = {};
      if (str(a['language'])) params['language'] = str(a['language']);
      return macro('code', params, `<ac:plain-text-body>${cdata(code)}</ac:plain-text-body>`);
    }
    case 'panel':
      return macro(PANEL_TO_MACRO[str(a['panelType'])] ?? 'info', {}, `<ac:rich-text-body>${inner()}</ac:rich-text-body>`);
    case 'expand':
    case 'nestedExpand':
      return macro('expand', str(a['title']) ? { title: str(a['title']) } : {}, `<ac:rich-text-body>${inner()}</ac:rich-text-body>`);
    case 'status':
      return macro('status', { colour: STATUS_COLOUR[str(a['color'])] ?? 'Grey', title: str(a['text']) });
    case 'table': return `<table><tbody>${inner()}</tbody></table>`;
    case 'tableRow': return `<tr>${inner()}</tr>`;
    case 'tableHeader': return `<th${cellAttrs(a)}>${inner()}</th>`;
    case 'tableCell': return `<td${cellAttrs(a)}>${inner()}</td>`;
    case 'mention': return `<ac:link><ri:user ri:account-id="${escapeXml(str(a['id']))}" /></ac:link>`;
    case 'emoji': return escapeXml(str(a['text']) || str(a['shortName']));
    case 'date': {
      const ts = Number(a['timestamp']);
      return Number.isFinite(ts) ? `<time datetime="${new Date(ts).toISOString().slice(0, 10)}" />` : '';
    }
    case 'inlineCard':
    case 'blockCard':
    case 'embedCard': {
      const url = str(a['url']);
      const link = url ? `<a href="${escapeXml(url)}">${escapeXml(url)}</a>` : '';
      return n.type === 'inlineCard' ? link : `<p>${link}</p>`;
    }
    case 'mediaSingle':
    case 'mediaGroup':
      return inner();
    case 'media':
    case 'mediaInline': {
      const filename = hooks.filenameForFileId?.(str(a['id']));
      if (!filename) return '';
      const alt = str(a['alt']);
      return `<ac:image${alt ? ` ac:alt="${escapeXml(alt)}"` : ''}><ri:attachment ri:filename="${escapeXml(filename)}" /></ac:image>`;
    }
    case 'taskList':
      return `<ac:task-list>${inner()}</ac:task-list>`;
    case 'taskItem':
      return `<ac:task><ac:task-status>${a['state'] === 'DONE' ? 'complete' : 'incomplete'}</ac:task-status><ac:task-body>${inner()}</ac:task-body></ac:task>`;
    case 'layoutSection': return `<ac:layout><ac:layout-section ac:type="fixed-width">${inner()}</ac:layout-section></ac:layout>`;
    case 'layoutColumn': return `<ac:layout-cell>${inner()}</ac:layout-cell>`;
    case 'extension':
    case 'bodiedExtension':
    case 'inlineExtension': {
      const attrs: ForgeExtensionAttrs = {
        extensionType: str(a['extensionType']),
        extensionKey: str(a['extensionKey']),
        parameters: isRecord(a['parameters']) ? a['parameters'] : {},
      };
      if (typeof a['text'] === 'string') attrs.text = a['text'];
      if (typeof a['layout'] === 'string') attrs.layout = a['layout'];
      if (typeof a['localId'] === 'string') attrs.localId = a['localId'];
      return writeAdfExtension({ nodeType: n.type, attrs }, n.type === 'bodiedExtension' ? inner() : '');
    }
    default:
      return inner();
  }
}

/** Converts an ADF document to storage XHTML. */
export function adfToStorage(doc: AdfNode, hooks: AdfConversionHooks = {}): string {
  return adfNodeToStorage(doc, hooks);
}

// ---------------------------------------------------------------- storage → ADF

const MARKS: Record<string, { type: string; attrs?: Record<string, unknown> }> = {
  strong: { type: 'strong' }, b: { type: 'strong' }, em: { type: 'em' }, i: { type: 'em' }, u: { type: 'underline' },
  s: { type: 'strike' }, del: { type: 'strike' }, strike: { type: 'strike' }, code: { type: 'code' },
  sub: { type: 'subsup', attrs: { type: 'sub' } }, sup: { type: 'subsup', attrs: { type: 'sup' } },
};
const MACRO_TO_PANEL: Record<string, string> = { info: 'info', note: 'note', warning: 'warning', tip: 'success', panel: 'info' };
const BLOCK_TYPES = new Set(['paragraph', 'heading', 'bulletList', 'orderedList', 'blockquote', 'codeBlock', 'panel', 'table', 'rule', 'expand', 'extension', 'bodiedExtension', 'mediaSingle', 'taskList', 'layoutSection']);

type Mark = NonNullable<AdfNode['marks']>[number];

class StorageToAdf {
  constructor(private readonly hooks: AdfConversionHooks) {}

  /** Converts a list of nodes that may mix blocks and inline content into blocks. */
  blocks(list: StorageNode[]): AdfNode[] {
    const out: AdfNode[] = [];
    let pending: AdfNode[] = [];
    const flush = (): void => {
      const meaningful = pending.some((p) => p.type !== 'text' || (p.text ?? '').trim() !== '');
      if (meaningful) out.push({ type: 'paragraph', content: pending });
      pending = [];
    };
    for (const n of list) {
      for (const converted of this.node(n, [])) {
        if (BLOCK_TYPES.has(converted.type)) {
          flush();
          out.push(converted);
        } else pending.push(converted);
      }
    }
    flush();
    return out;
  }

  inline(list: StorageNode[], marks: Mark[]): AdfNode[] {
    return list.flatMap((n) => this.node(n, marks)).filter((n) => !BLOCK_TYPES.has(n.type));
  }

  private node(n: StorageNode, marks: Mark[]): AdfNode[] {
    if (n.type === 'text') {
      if (n.data === '') return [];
      const t: AdfNode = { type: 'text', text: n.data };
      if (marks.length > 0) t.marks = marks;
      return [t];
    }
    const name = n.name;
    const mark = MARKS[name];
    if (mark) return this.inline(n.children, [...marks, mark]);
    if (name === 'a') {
      const href = n.attrs['href'] ?? '';
      return this.inline(n.children, href ? [...marks, { type: 'link', attrs: { href } }] : marks);
    }
    const h = /^h([1-6])$/.exec(name);
    if (h) return [{ type: 'heading', attrs: { level: Number(h[1]) }, content: this.inline(n.children, []) }];
    switch (name) {
      case 'p': return [{ type: 'paragraph', content: this.inline(n.children, []) }];
      case 'br': return [{ type: 'hardBreak' }];
      case 'hr': return [{ type: 'rule' }];
      case 'ul': return [{ type: 'bulletList', content: this.listItems(n) }];
      case 'ol': return [{ type: 'orderedList', attrs: { order: Number(n.attrs['start'] ?? 1) || 1 }, content: this.listItems(n) }];
      case 'blockquote': return [{ type: 'blockquote', content: this.blocks(n.children) }];
      case 'pre': return [{ type: 'codeBlock', content: [{ type: 'text', text: textContent(n) }] }];
      case 'table': return [{ type: 'table', content: this.rows(n) }];
      case 'time': {
        const ts = Date.parse(n.attrs['datetime'] ?? '');
        return Number.isFinite(ts) ? [{ type: 'date', attrs: { timestamp: String(ts) } }] : [];
      }
      case 'ac:structured-macro': return this.macro(n);
      case 'ac:adf-extension': return this.extension(n);
      case 'ac:image': {
        const filename = firstChild(n, 'ri:attachment')?.attrs['ri:filename'];
        const id = filename ? this.hooks.fileIdForFilename?.(filename) : undefined;
        if (!id) return [];
        return [{ type: 'mediaSingle', attrs: { layout: 'center' }, content: [{ type: 'media', attrs: { id, type: 'file', collection: '' } }] }];
      }
      case 'ac:link': {
        const user = firstChild(n, 'ri:user');
        if (user) return [{ type: 'mention', attrs: { id: user.attrs['ri:account-id'] ?? '' } }];
        const body = firstChild(n, 'ac:plain-text-link-body') ?? firstChild(n, 'ac:link-body');
        const text = body ? textContent(body) : firstChild(n, 'ri:page')?.attrs['ri:content-title'] ?? firstChild(n, 'ri:attachment')?.attrs['ri:filename'] ?? '';
        return text ? [{ type: 'text', text, ...(marks.length ? { marks } : {}) }] : [];
      }
      case 'ac:task-list':
        return [{
          type: 'taskList',
          attrs: { localId: '' },
          content: childElements(n).filter((c) => c.name === 'ac:task').map((t) => ({
            type: 'taskItem',
            attrs: { localId: '', state: textContent(firstChild(t, 'ac:task-status') ?? []).trim() === 'complete' ? 'DONE' : 'TODO' },
            content: this.inline(firstChild(t, 'ac:task-body')?.children ?? [], []),
          })),
        }];
      case 'ac:placeholder':
      case 'ac:parameter':
      case 'script':
      case 'style':
        return [];
      default:
        return n.children.flatMap((c) => this.node(c, marks));
    }
  }

  private listItems(list: StorageElement): AdfNode[] {
    return childElements(list).filter((c) => c.name === 'li').map((li) => ({ type: 'listItem', content: this.blocks(li.children) }));
  }

  private rows(table: StorageElement): AdfNode[] {
    const rows: StorageElement[] = [];
    const collect = (el: StorageElement): void => {
      for (const c of childElements(el)) {
        if (c.name === 'tr') rows.push(c);
        else if (c.name === 'tbody' || c.name === 'thead' || c.name === 'tfoot') collect(c);
      }
    };
    collect(table);
    return rows.map((tr) => ({
      type: 'tableRow',
      content: childElements(tr).filter((c) => c.name === 'th' || c.name === 'td').map((cell) => {
        const attrs: Record<string, unknown> = {};
        for (const k of ['colspan', 'rowspan']) if (cell.attrs[k]) attrs[k] = Number(cell.attrs[k]);
        const content = this.blocks(cell.children);
        return { type: cell.name === 'th' ? 'tableHeader' : 'tableCell', attrs, content: content.length ? content : [{ type: 'paragraph', content: [] }] };
      }),
    }));
  }

  private macro(n: StorageElement): AdfNode[] {
    const name = (n.attrs['ac:name'] ?? '').toLowerCase();
    const params: Record<string, string> = {};
    for (const c of childElements(n)) if (c.name === 'ac:parameter' && c.attrs['ac:name']) params[c.attrs['ac:name']] = textContent(c);
    const body = firstChild(n, 'ac:rich-text-body');
    if (MACRO_TO_PANEL[name]) return [{ type: 'panel', attrs: { panelType: MACRO_TO_PANEL[name] }, content: this.blocks(body?.children ?? []) }];
    switch (name) {
      case 'status': {
        const colour = (params['colour'] ?? 'Grey').toLowerCase();
        return [{ type: 'status', attrs: { text: params['title'] ?? '', color: colour === 'grey' ? 'neutral' : colour, localId: '' } }];
      }
      case 'code':
      case 'noformat': {
        const code = textContent(firstChild(n, 'ac:plain-text-body') ?? []);
        const attrs: Record<string, unknown> = {};
        if (params['language']) attrs['language'] = params['language'];
        return [{ type: 'codeBlock', attrs, content: code ? [{ type: 'text', text: code }] : [] }];
      }
      case 'expand':
        return [{ type: 'expand', attrs: { title: params['title'] ?? '' }, content: this.blocks(body?.children ?? []) }];
      default:
        return body ? this.blocks(body.children) : [];
    }
  }

  private extension(n: StorageElement): AdfNode[] {
    const ext = readAdfExtension(n);
    if (!ext) return [];
    const a = ext.attrs;
    const attrs: Record<string, unknown> = { extensionType: a.extensionType, extensionKey: a.extensionKey, parameters: a.parameters };
    if (a.text !== undefined) attrs['text'] = a.text;
    if (a.layout !== undefined) attrs['layout'] = a.layout;
    if (a.localId !== undefined) attrs['localId'] = a.localId;
    const node: AdfNode = { type: ext.nodeType, attrs };
    if (ext.nodeType === 'bodiedExtension') node.content = this.blocks(ext.content?.children ?? []);
    return [node];
  }
}

/** Converts storage XHTML to an ADF document (best effort; unknown markup keeps its text). */
export function storageToAdf(xhtml: string, hooks: AdfConversionHooks = {}): AdfDoc {
  const { children } = parseStorage(xhtml);
  return { type: 'doc', version: 1, content: new StorageToAdf(hooks).blocks(children) };
}
