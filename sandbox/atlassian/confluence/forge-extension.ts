// Forge macros inside Confluence bodies (docs/atlassian-rest.md §4.1): reading and writing the storage
// form (<ac:adf-extension>) and checking that a node is one Confluence could actually load.
import { childElements, escapeXml, firstChild, textContent, type StorageElement } from './storage-dom';

export const FORGE_EXTENSION_TYPE = 'com.atlassian.ecosystem';

/** The ADF `extension` node attributes of a Forge macro, in ADF (camelCase) form. */
export interface ForgeExtensionAttrs {
  extensionType: string;
  extensionKey: string;
  text?: string;
  layout?: string;
  localId?: string;
  parameters: Record<string, unknown>;
}

export interface ForgeExtensionNode {
  /** ADF node type: extension | bodiedExtension | inlineExtension. */
  nodeType: 'extension' | 'bodiedExtension' | 'inlineExtension';
  attrs: ForgeExtensionAttrs;
  /** For bodied extensions in storage form: the <ac:adf-content> element, if any. */
  content?: StorageElement;
  /** The <ac:adf-fallback> element, if any. */
  fallback?: StorageElement;
}

const NODE_TYPES: Record<string, ForgeExtensionNode['nodeType']> = {
  extension: 'extension',
  'bodied-extension': 'bodiedExtension',
  'inline-extension': 'inlineExtension',
};

/** local-id → localId */
export function kebabToCamel(s: string): string {
  return s.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** localId → local-id */
export function camelToKebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Reads an <ac:adf-parameter> value: nested parameters → object, <ac:adf-parameter-value> → array, else text. */
function readParameterValue(el: StorageElement): unknown {
  const kids = childElements(el);
  const values = kids.filter((k) => k.name === 'ac:adf-parameter-value');
  if (values.length > 0) return values.map((v) => textContent(v));
  const nested = kids.filter((k) => k.name === 'ac:adf-parameter');
  if (nested.length > 0) {
    const out: Record<string, unknown> = {};
    for (const n of nested) {
      const key = n.attrs['key'];
      if (key) out[key] = readParameterValue(n);
    }
    return out;
  }
  return textContent(el);
}

/** Parses an <ac:adf-extension> element; undefined when it holds no ADF extension node. */
export function readAdfExtension(el: StorageElement): ForgeExtensionNode | undefined {
  const node = firstChild(el, 'ac:adf-node');
  if (!node) return undefined;
  const nodeType = NODE_TYPES[node.attrs['type'] ?? ''];
  if (!nodeType) return undefined;
  const attrs: ForgeExtensionAttrs = { extensionType: '', extensionKey: '', parameters: {} };
  for (const a of childElements(node)) {
    if (a.name !== 'ac:adf-attribute') continue;
    const key = a.attrs['key'] ?? '';
    if (key === 'parameters') {
      // Top-level parameter keys are kebab-case in storage; nested (guest) parameter keys are kept as written.
      for (const p of childElements(a)) {
        if (p.name !== 'ac:adf-parameter' || !p.attrs['key']) continue;
        attrs.parameters[kebabToCamel(p.attrs['key'])] = readParameterValue(p);
      }
    } else if (key === 'extension-type') attrs.extensionType = textContent(a).trim();
    else if (key === 'extension-key') attrs.extensionKey = textContent(a).trim();
    else if (key === 'text') attrs.text = textContent(a);
    else if (key === 'layout') attrs.layout = textContent(a).trim();
    else if (key === 'local-id') attrs.localId = textContent(a).trim();
  }
  return { nodeType, attrs, content: firstChild(node, 'ac:adf-content'), fallback: firstChild(el, 'ac:adf-fallback') };
}

function writeParameterValue(key: string, value: unknown): string {
  const k = escapeXml(key);
  if (Array.isArray(value)) {
    return `<ac:adf-parameter key="${k}">${value.map((v) => `<ac:adf-parameter-value>${escapeXml(scalar(v))}</ac:adf-parameter-value>`).join('')}</ac:adf-parameter>`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>).map(([ck, cv]) => writeParameterValue(ck, cv)).join('');
    return `<ac:adf-parameter key="${k}">${inner}</ac:adf-parameter>`;
  }
  return `<ac:adf-parameter key="${k}">${escapeXml(scalar(value))}</ac:adf-parameter>`;
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Writes the storage form of an ADF extension node (inner XHTML for bodied nodes is passed already serialised). */
export function writeAdfExtension(node: { nodeType: ForgeExtensionNode['nodeType']; attrs: ForgeExtensionAttrs }, contentXhtml = ''): string {
  const type = node.nodeType === 'bodiedExtension' ? 'bodied-extension' : node.nodeType === 'inlineExtension' ? 'inline-extension' : 'extension';
  const a = node.attrs;
  const params = Object.entries(a.parameters).map(([k, v]) => writeParameterValue(camelToKebab(k), v)).join('');
  const parts = [
    `<ac:adf-attribute key="extension-type">${escapeXml(a.extensionType)}</ac:adf-attribute>`,
    `<ac:adf-attribute key="extension-key">${escapeXml(a.extensionKey)}</ac:adf-attribute>`,
    `<ac:adf-attribute key="parameters">${params}</ac:adf-attribute>`,
  ];
  if (a.text !== undefined) parts.push(`<ac:adf-attribute key="text">${escapeXml(a.text)}</ac:adf-attribute>`);
  if (a.layout !== undefined) parts.push(`<ac:adf-attribute key="layout">${escapeXml(a.layout)}</ac:adf-attribute>`);
  if (a.localId !== undefined) parts.push(`<ac:adf-attribute key="local-id">${escapeXml(a.localId)}</ac:adf-attribute>`);
  if (node.nodeType === 'bodiedExtension') parts.push(`<ac:adf-content>${contentXhtml}</ac:adf-content>`);
  const fallback = escapeXml(a.text ?? a.extensionKey);
  return `<ac:adf-extension><ac:adf-node type="${type}">${parts.join('')}</ac:adf-node><ac:adf-fallback>${fallback}</ac:adf-fallback></ac:adf-extension>`;
}

/**
 * Checks a Forge macro the way loading it would: the short extensionKey form, an extensionId that
 * agrees with it, and a localId. Returns the problem, or undefined when the macro would load.
 */
export function forgeExtensionProblem(attrs: ForgeExtensionAttrs): string | undefined {
  if (attrs.extensionType !== FORGE_EXTENSION_TYPE) return `extensionType is "${attrs.extensionType}", not ${FORGE_EXTENSION_TYPE}`;
  const key = attrs.extensionKey;
  if (!key) return 'extensionKey is missing';
  if (key.startsWith('ari:')) return 'extensionKey must be the short form <appId>/<envId>/static/<moduleKey>, not an ARI';
  if (!/^[^/\s]+\/[^/\s]+\/static\/[^/\s]+$/.test(key)) return `extensionKey "${key}" is not of the form <appId>/<envId>/static/<moduleKey>`;
  const p = attrs.parameters;
  const extensionId = p['extensionId'];
  if (extensionId !== undefined && extensionId !== `ari:cloud:ecosystem::extension/${key}`) {
    return `parameters.extensionId "${String(extensionId)}" does not match extensionKey "${key}"`;
  }
  const localId = p['localId'] ?? attrs.localId;
  if (typeof localId !== 'string' || localId.trim() === '') return 'parameters.localId is missing';
  return undefined;
}
