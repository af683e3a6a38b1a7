// A tiny XML serializer for Confluence storage format. Text and attribute values are always escaped;
// there is no way to pass raw markup through, so outside strings can only ever end up as text.
import { cleanText } from './text';

export interface XmlElement {
  readonly name: string;
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: readonly XmlNode[];
}

/** Strings are text nodes. */
export type XmlNode = XmlElement | string;

type Child = XmlNode | readonly Child[] | null | undefined | false;

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;

/** Builds an element. Attributes keep their insertion order, so output is deterministic. */
export function h(name: string, attrs?: Readonly<Record<string, string>> | null, ...children: Child[]): XmlElement {
  if (!NAME.test(name)) throw new Error(`Invalid XML element name: ${name}`);
  const list = Object.entries(attrs ?? {});
  for (const [k] of list) if (!NAME.test(k)) throw new Error(`Invalid XML attribute name: ${k}`);
  const flat: XmlNode[] = [];
  const add = (c: Child): void => {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) for (const x of c as readonly Child[]) add(x);
    else flat.push(c as XmlNode);
  };
  for (const c of children) add(c);
  return { name, attrs: list, children: flat };
}

export function escapeText(s: string): string {
  return cleanText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\n/g, '&#10;');
}

export function serialize(nodes: XmlNode | readonly XmlNode[]): string {
  const out: string[] = [];
  const write = (n: XmlNode): void => {
    if (typeof n === 'string') {
      out.push(escapeText(n));
      return;
    }
    out.push('<', n.name);
    for (const [k, v] of n.attrs) out.push(' ', k, '="', escapeAttr(v), '"');
    if (n.children.length === 0) {
      out.push('/>');
      return;
    }
    out.push('>');
    for (const c of n.children) write(c);
    out.push('</', n.name, '>');
  };
  if (typeof nodes === 'string' || !Array.isArray(nodes)) write(nodes as XmlNode);
  else for (const n of nodes as readonly XmlNode[]) write(n);
  return out.join('');
}
