// A strict little XML parser for tests: throws on anything that is not well-formed (unbalanced tags,
// unquoted attributes, stray '<' or '&', unknown entities, CDATA/comments/PIs, which we never emit).
// Returns a tree so tests can look inside macros.

export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: (XNode | string)[];
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

function decode(s: string, where: number): string {
  return s.replace(/&([^;&\s]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new Error(`Bare '&' at ${where}`);
    if (body in ENTITIES) return ENTITIES[body] ?? '';
    const num = /^#(\d+)$/.exec(body) ?? /^#x([0-9a-fA-F]+)$/.exec(body);
    if (num?.[1]) return String.fromCodePoint(Number.parseInt(num[1], body.startsWith('#x') ? 16 : 10));
    throw new Error(`Unknown entity &${body}; at ${where}`);
  });
}

/** Parses an XML fragment (several top-level nodes allowed) into a synthetic root named "#root". */
export function parseXmlStrict(xml: string): XNode {
  if (!XML_CHAR.test(xml)) throw new Error('Characters not allowed in XML');
  const root: XNode = { name: '#root', attrs: {}, children: [] };
  const stack: XNode[] = [root];
  let i = 0;
  const top = (): XNode => stack[stack.length - 1] ?? root;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      if (raw.includes(']]>')) throw new Error(`"]]>" in text at ${i}`);
      top().children.push(decode(raw, i));
    }
    if (lt === -1) break;
    i = lt + 1;
    if (xml[i] === '!' || xml[i] === '?') throw new Error(`Comment, CDATA or PI at ${lt}`);
    if (xml[i] === '/') {
      const m = NAME.exec(xml.slice(i + 1));
      if (!m) throw new Error(`Bad end tag at ${lt}`);
      i += 1 + m[0].length;
      while (xml[i] === ' ') i++;
      if (xml[i] !== '>') throw new Error(`Bad end tag at ${lt}`);
      i++;
      const open = stack.pop();
      if (!open || open === root || open.name !== m[0]) throw new Error(`</${m[0]}> closes <${open?.name ?? 'nothing'}> at ${lt}`);
      continue;
    }
    const m = NAME.exec(xml.slice(i));
    if (!m) throw new Error(`Bad start tag at ${lt}`);
    const el: XNode = { name: m[0], attrs: {}, children: [] };
    i += m[0].length;
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(i))?.[0].length ?? 0;
      i += ws;
      if (xml.startsWith('/>', i)) {
        i += 2;
        top().children.push(el);
        break;
      }
      if (xml[i] === '>') {
        i++;
        top().children.push(el);
        stack.push(el);
        break;
      }
      if (ws === 0) throw new Error(`Expected whitespace before attribute at ${i}`);
      const an = NAME.exec(xml.slice(i));
      if (!an) throw new Error(`Bad attribute at ${i}`);
      i += an[0].length;
      if (xml[i] !== '=' || (xml[i + 1] !== '"' && xml[i + 1] !== "'")) throw new Error(`Unquoted attribute ${an[0]} at ${i}`);
      const q = xml[i + 1] ?? '"';
      const end = xml.indexOf(q, i + 2);
      if (end === -1) throw new Error(`Unterminated attribute at ${i}`);
      const raw = xml.slice(i + 2, end);
      if (raw.includes('<')) throw new Error(`'<' in attribute at ${i}`);
      if (an[0] in el.attrs) throw new Error(`Duplicate attribute ${an[0]} at ${i}`);
      el.attrs[an[0]] = decode(raw, i);
      i = end + 1;
    }
  }
  if (stack.length !== 1) throw new Error(`Unclosed <${top().name}>`);
  return root;
}

export function textOf(n: XNode | string): string {
  return typeof n === 'string' ? n : n.children.map(textOf).join('');
}

export function findAll(n: XNode, pred: (x: XNode) => boolean, out: XNode[] = []): XNode[] {
  for (const c of n.children) {
    if (typeof c === 'string') continue;
    if (pred(c)) out.push(c);
    findAll(c, pred, out);
  }
  return out;
}

export function childrenNamed(n: XNode, name: string): XNode[] {
  return n.children.filter((c): c is XNode => typeof c !== 'string' && c.name === name);
}
