// A tiny DOM for Confluence storage format (XHTML with ac:/ri: namespaces), built on htmlparser2's
// event parser in XML mode. We keep our own node types so nothing depends on domhandler's version,
// and we record well-formedness problems so writes of broken XHTML can be rejected like Confluence does.
import { Parser } from 'htmlparser2';

export interface StorageElement {
  type: 'element';
  name: string;
  attrs: Record<string, string>;
  children: StorageNode[];
}

export interface StorageText {
  type: 'text';
  data: string;
  /** True for CDATA sections (their content was never entity-decoded). */
  cdata: boolean;
}

export type StorageNode = StorageElement | StorageText;

export interface ParsedStorage {
  children: StorageNode[];
  /** Well-formedness problems (unclosed or mismatched tags), in document order. */
  errors: string[];
}

// Named entities Confluence pages commonly carry. XML mode knows only the five XML ones.
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '\u2013', mdash: '\u2014',
  hellip: '\u2026', laquo: '\u00ab', raquo: '\u00bb', lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c',
  rdquo: '\u201d', bull: '\u2022', middot: '\u00b7', copy: '\u00a9', reg: '\u00ae', trade: '\u2122',
  euro: '\u20ac', pound: '\u00a3', yen: '\u00a5', cent: '\u00a2', deg: '\u00b0', times: '\u00d7',
  divide: '\u00f7', plusmn: '\u00b1', minus: '\u2212', larr: '\u2190', rarr: '\u2192', uarr: '\u2191',
  darr: '\u2193', le: '\u2264', ge: '\u2265', ne: '\u2260', sect: '\u00a7', para: '\u00b6', shy: '\u00ad',
  zwj: '\u200d', zwnj: '\u200c', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003', iexcl: '\u00a1',
  iquest: '\u00bf', frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be', check: '\u2713', hearts: '\u2665',
};

/** Decodes XML, numeric and common HTML entities; unknown ones stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Parses a storage-format fragment. Never throws; problems go to `errors`. */
export function parseStorage(xhtml: string): ParsedStorage {
  const root: StorageElement = { type: 'element', name: '#root', attrs: {}, children: [] };
  const stack: StorageElement[] = [root];
  const errors: string[] = [];
  const openEnds: number[] = [];
  let inCdata = false;
  const top = (): StorageElement => stack[stack.length - 1] as StorageElement;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const attrs: Record<string, string> = {};
        for (const [k, v] of Object.entries(attribs)) attrs[k] = decodeEntities(v);
        const el: StorageElement = { type: 'element', name, attrs, children: [] };
        top().children.push(el);
        stack.push(el);
        openEnds.push(parser.endIndex);
      },
      onclosetag(name, isImplied) {
        // htmlparser2 reports self-closing tags (<br/>) as implied closes too; tell them apart by
        // the close arriving at the very "/>" that ended the element's own open tag.
        const openEnd = openEnds[openEnds.length - 1];
        const selfClosing = openEnd === parser.endIndex && xhtml[parser.endIndex - 1] === '/';
        if (isImplied && !selfClosing) errors.push(`Unexpected end of input or mismatched close tag: <${name}> is never closed`);
        if (stack.length > 1 && top().name === name) {
          stack.pop();
          openEnds.pop();
        }
      },
      ontext(data) {
        const text = inCdata ? data : decodeEntities(data);
        const parent = top();
        const last = parent.children[parent.children.length - 1];
        // Merge adjacent text of the same kind so consumers see whole strings.
        if (last && last.type === 'text' && last.cdata === inCdata) last.data += text;
        else parent.children.push({ type: 'text', data: text, cdata: inCdata });
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true },
  );
  parser.write(xhtml);
  parser.end();
  return { children: root.children, errors };
}

/** Concatenated text content of a node (CDATA included). */
export function textContent(node: StorageNode | StorageNode[]): string {
  if (Array.isArray(node)) return node.map((n) => textContent(n)).join('');
  if (node.type === 'text') return node.data;
  return node.children.map((c) => textContent(c)).join('');
}

/** Element children only. */
export function childElements(el: StorageElement): StorageElement[] {
  return el.children.filter((c): c is StorageElement => c.type === 'element');
}

/** First direct child element with this name. */
export function firstChild(el: StorageElement, name: string): StorageElement | undefined {
  return childElements(el).find((c) => c.name === name);
}

/** Escapes text for HTML/XML element content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
