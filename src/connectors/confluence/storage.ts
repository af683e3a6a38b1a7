// Confluence storage format (XHTML) builders (atlassian-rest.md §4). Strings are always text:
// they are escaped (and stripped of characters XML cannot hold), so `<script>`, `]]>` and `&`
// stay literal. Builders return Xhtml fragments that know whether they are block or inline, so
// table cells and list items wrap inline runs in <p> the way the editor saves them. Pure.

export interface Xhtml {
  readonly xhtml: string;
  readonly block: boolean;
}

/** What builders accept: plain text (escaped) or fragments from these builders. */
export type Content = string | Xhtml | ReadonlyArray<string | Xhtml>;

// Characters XML 1.0 cannot contain, plus unpaired surrogates.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A CDATA section that survives `]]>` inside the text. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(INVALID_XML, '').split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

const inlineFrag = (xhtml: string): Xhtml => ({ xhtml, block: false });
const blockFrag = (xhtml: string): Xhtml => ({ xhtml, block: true });

/**
 * Wraps markup you already trust (e.g. a stored template rendered elsewhere). Never pass user
 * input here: that is what every other builder is for.
 */
export function trustedXhtml(xhtml: string, block = true): Xhtml {
  return { xhtml, block };
}

function parts(content: Content): Array<string | Xhtml> {
  return typeof content === 'string' || !Array.isArray(content) ? [content as string | Xhtml] : [...(content as ReadonlyArray<string | Xhtml>)];
}

/** Text with line breaks kept as <br />. */
function textXhtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(escapeXml)
    .join('<br />');
}

function inline(content: Content): string {
  return parts(content)
    .map((p) => (typeof p === 'string' ? textXhtml(p) : p.xhtml))
    .join('');
}

/** Block context: inline runs are wrapped in <p>, blocks pass through. */
function blocks(content: Content): string {
  let out = '';
  let run = '';
  const flush = (): void => {
    if (run !== '') out += `<p>${run}</p>`;
    run = '';
  };
  for (const p of parts(content)) {
    if (typeof p === 'string') run += textXhtml(p);
    else if (p.block) {
      flush();
      out += p.xhtml;
    } else run += p.xhtml;
  }
  flush();
  return out === '' ? '<p />' : out;
}

/** Joins fragments into one (block if any part is). */
export function fragment(...content: Content[]): Xhtml {
  const all = content.flatMap(parts);
  const block = all.some((p) => typeof p !== 'string' && p.block);
  return block ? blockFrag(blocks(all)) : inlineFrag(inline(all));
}

/** The final storage value for a page body. */
export function toStorage(...content: Content[]): string {
  return blocks(content.flatMap(parts));
}

// ---- text ----------------------------------------------------------------------------------

export const text = (value: string): Xhtml => inlineFrag(textXhtml(value));
export const strong = (...content: Content[]): Xhtml => inlineFrag(`<strong>${content.map(inline).join('')}</strong>`);
export const em = (...content: Content[]): Xhtml => inlineFrag(`<em>${content.map(inline).join('')}</em>`);
export const code = (value: string): Xhtml => inlineFrag(`<code>${escapeXml(value)}</code>`);
export const lineBreak = (): Xhtml => inlineFrag('<br />');

export function heading(level: 1 | 2 | 3 | 4 | 5 | 6, ...content: Content[]): Xhtml {
  return blockFrag(`<h${level}>${content.map(inline).join('')}</h${level}>`);
}

export function paragraph(...content: Content[]): Xhtml {
  const inner = content.map(inline).join('');
  return blockFrag(inner === '' ? '<p />' : `<p>${inner}</p>`);
}

/** Only absolute http(s) and mailto targets become links; anything else is shown as text. */
export function safeHref(href: string): string | undefined {
  try {
    const u = new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function link(href: string, label?: Content): Xhtml {
  const safe = safeHref(href);
  const body = label === undefined ? textXhtml(href) : inline(label);
  return inlineFrag(safe ? `<a href="${escapeXml(safe)}">${body}</a>` : body);
}

export function bulletList(items: ReadonlyArray<Content>): Xhtml {
  return blockFrag(`<ul>${items.map((i) => `<li>${blocks(i)}</li>`).join('')}</ul>`);
}

export function orderedList(items: ReadonlyArray<Content>): Xhtml {
  return blockFrag(`<ol>${items.map((i) => `<li>${blocks(i)}</li>`).join('')}</ol>`);
}

// ---- tables --------------------------------------------------------------------------------

export interface TableInput {
  /** Header row, rendered as <th> cells inside <tbody> (as the editor does). */
  header?: ReadonlyArray<Content>;
  rows: ReadonlyArray<ReadonlyArray<Content>>;
  /** Column widths in px, if any. */
  widths?: ReadonlyArray<number>;
  layout?: 'default' | 'wide' | 'full-width';
}

export function table(input: TableInput): Xhtml {
  const cols = input.widths && input.widths.length > 0 ? `<colgroup>${input.widths.map((w) => `<col style="width: ${Math.max(1, Math.round(w))}px;" />`).join('')}</colgroup>` : '';
  const head = input.header ? `<tr>${input.header.map((c) => `<th>${blocks(c)}</th>`).join('')}</tr>` : '';
  const body = input.rows.map((r) => `<tr>${r.map((c) => `<td>${blocks(c)}</td>`).join('')}</tr>`).join('');
  const layout = input.layout ? ` data-layout="${input.layout}"` : '';
  return blockFrag(`<table${layout}>${cols}<tbody>${head}${body}</tbody></table>`);
}

// ---- macros --------------------------------------------------------------------------------

function param(name: string, value: string): string {
  return `<ac:parameter ac:name="${escapeXml(name)}">${escapeXml(value)}</ac:parameter>`;
}

export type PanelKind = 'info' | 'note' | 'warning' | 'tip';

/** Info / note / warning / tip panel; the body is rich text. */
export function infoPanel(kind: PanelKind, body: Content, title?: string): Xhtml {
  const t = title ? param('title', title) : '';
  return blockFrag(`<ac:structured-macro ac:name="${kind}">${t}<ac:rich-text-body>${blocks(body)}</ac:rich-text-body></ac:structured-macro>`);
}

export type LozengeColour = 'Grey' | 'Red' | 'Yellow' | 'Green' | 'Blue' | 'Purple';

export function statusLozenge(colour: LozengeColour, title: string, subtle = false): Xhtml {
  const s = subtle ? param('subtle', 'true') : '';
  return inlineFrag(`<ac:structured-macro ac:name="status">${param('colour', colour)}${param('title', title)}${s}</ac:structured-macro>`);
}

export function expand(title: string, body: Content): Xhtml {
  return blockFrag(`<ac:structured-macro ac:name="expand">${param('title', title)}<ac:rich-text-body>${blocks(body)}</ac:rich-text-body></ac:structured-macro>`);
}

export function codeBlock(value: string, language?: string): Xhtml {
  const lang = language ? param('language', language) : '';
  return blockFrag(`<ac:structured-macro ac:name="code">${lang}<ac:plain-text-body>${cdata(value)}</ac:plain-text-body></ac:structured-macro>`);
}

export function tableOfContents(): Xhtml {
  return blockFrag('<ac:structured-macro ac:name="toc" />');
}

export function jiraIssue(key: string): Xhtml {
  return inlineFrag(`<ac:structured-macro ac:name="jira">${param('key', key)}</ac:structured-macro>`);
}

// ---- resources -----------------------------------------------------------------------------

export interface ImageOptions {
  width?: number;
  height?: number;
  alt?: string;
  /** For an attachment on another page. */
  pageTitle?: string;
  spaceKey?: string;
}

/** An attachment shown as an image. Upload it before saving the page that references it. */
export function attachmentImage(filename: string, opts: ImageOptions = {}): Xhtml {
  const attrs = [
    opts.width !== undefined ? ` ac:width="${Math.round(opts.width)}"` : '',
    opts.height !== undefined ? ` ac:height="${Math.round(opts.height)}"` : '',
    opts.alt !== undefined ? ` ac:alt="${escapeXml(opts.alt)}"` : '',
  ].join('');
  const page = opts.pageTitle ? `<ri:page ri:content-title="${escapeXml(opts.pageTitle)}"${opts.spaceKey ? ` ri:space-key="${escapeXml(opts.spaceKey)}"` : ''} />` : '';
  const att = page ? `<ri:attachment ri:filename="${escapeXml(filename)}">${page}</ri:attachment>` : `<ri:attachment ri:filename="${escapeXml(filename)}" />`;
  return inlineFrag(`<ac:image${attrs}>${att}</ac:image>`);
}

export function pageLink(title: string, opts: { spaceKey?: string; label?: string } = {}): Xhtml {
  const space = opts.spaceKey ? ` ri:space-key="${escapeXml(opts.spaceKey)}"` : '';
  const body = opts.label !== undefined ? `<ac:plain-text-link-body>${cdata(opts.label)}</ac:plain-text-link-body>` : '';
  return inlineFrag(`<ac:link><ri:page ri:content-title="${escapeXml(title)}"${space} />${body}</ac:link>`);
}

export function userMention(accountId: string): Xhtml {
  return inlineFrag(`<ac:link><ri:user ri:account-id="${escapeXml(accountId)}" /></ac:link>`);
}

// ---- this app's Forge macro (atlassian-rest.md §4.1) ----------------------------------------

export type ForgeEnvironmentType = 'PRODUCTION' | 'STAGING' | 'DEVELOPMENT';
export type GuestParamValue = string | number | boolean | ReadonlyArray<string>;

export interface ForgeMacroInput {
  /** The app UUID, or the manifest's `ari:cloud:ecosystem::app/<uuid>`. */
  appId: string;
  /** Forge environment id (differs per environment: read it at runtime, never hard-code). */
  environmentId: string;
  /** The macro's module key in manifest.yml. */
  macroKey: string;
  /** Macro title as shown in the editor. */
  title: string;
  /** Instance id: a fresh UUID per macro instance, kept stable across page updates. */
  localId: string;
  environmentType?: ForgeEnvironmentType;
  /** The macro's saved config (what useConfig / view.getContext returns). */
  guestParams?: Readonly<Record<string, GuestParamValue>>;
  layout?: 'default' | 'wide' | 'full-width';
  /** Shown by viewers that cannot load the macro; defaults to the title. */
  fallbackText?: string;
}

/** `ari:cloud:ecosystem::app/<uuid>` → `<uuid>`; a bare id is returned as is. */
export function appIdFromAri(appIdOrAri: string): string {
  const m = /^ari:cloud:ecosystem::app\/(.+)$/.exec(appIdOrAri.trim());
  return (m ? (m[1] as string) : appIdOrAri).trim();
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** The short key Confluence loads macros by: `<appId>/<envId>/static/<macroKey>` (never the ARI). */
export function forgeExtensionKey(input: Pick<ForgeMacroInput, 'appId' | 'environmentId' | 'macroKey'>): string {
  const appId = appIdFromAri(input.appId);
  for (const [name, v] of [['appId', appId], ['environmentId', input.environmentId], ['macroKey', input.macroKey]] as const) {
    if (!SEGMENT.test(v)) throw new RangeError(`Forge macro ${name} "${v}" is not a plain id`);
  }
  return `${appId}/${input.environmentId}/static/${input.macroKey}`;
}

function macroParameters(input: ForgeMacroInput, extensionKey: string): Array<[string, unknown]> {
  if (input.localId.trim() === '') throw new RangeError('Forge macro localId is required');
  return [
    ['localId', input.localId],
    ['extensionId', `ari:cloud:ecosystem::extension/${extensionKey}`],
    ['extensionTitle', input.title],
    ['forgeEnvironment', input.environmentType ?? 'PRODUCTION'],
    ['render', 'native'],
    ['guestParams', { ...input.guestParams }],
  ];
}

const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function adfParameter(key: string, value: unknown): string {
  const k = escapeXml(key);
  if (Array.isArray(value)) return `<ac:adf-parameter key="${k}">${value.map((v) => `<ac:adf-parameter-value>${escapeXml(String(v))}</ac:adf-parameter-value>`).join('')}</ac:adf-parameter>`;
  if (typeof value === 'object' && value !== null) {
    return `<ac:adf-parameter key="${k}">${Object.entries(value).map(([ck, cv]) => adfParameter(ck, cv)).join('')}</ac:adf-parameter>`;
  }
  return `<ac:adf-parameter key="${k}">${escapeXml(String(value))}</ac:adf-parameter>`;
}

/**
 * This app's Forge macro in storage form: an <ac:adf-extension> wrapping the ADF extension node.
 * Top-level parameter keys are kebab-case; guest parameter keys are kept as written.
 */
export function forgeMacro(input: ForgeMacroInput): Xhtml {
  const extensionKey = forgeExtensionKey(input);
  const params = macroParameters(input, extensionKey)
    .map(([k, v]) => adfParameter(kebab(k), v))
    .join('');
  const attrs = [
    `<ac:adf-attribute key="extension-type">com.atlassian.ecosystem</ac:adf-attribute>`,
    `<ac:adf-attribute key="extension-key">${escapeXml(extensionKey)}</ac:adf-attribute>`,
    `<ac:adf-attribute key="parameters">${params}</ac:adf-attribute>`,
    `<ac:adf-attribute key="text">${escapeXml(input.title)}</ac:adf-attribute>`,
    `<ac:adf-attribute key="layout">${escapeXml(input.layout ?? 'default')}</ac:adf-attribute>`,
    `<ac:adf-attribute key="local-id">${escapeXml(input.localId)}</ac:adf-attribute>`,
  ].join('');
  const fallback = escapeXml(input.fallbackText ?? input.title);
  return blockFrag(`<ac:adf-extension><ac:adf-node type="extension">${attrs}</ac:adf-node><ac:adf-fallback>${fallback}</ac:adf-fallback></ac:adf-extension>`);
}

export interface ForgeExtensionAdfNode {
  type: 'extension';
  attrs: {
    extensionType: 'com.atlassian.ecosystem';
    extensionKey: string;
    text: string;
    layout: string;
    localId: string;
    parameters: Record<string, unknown>;
  };
}

/** The same macro as an ADF node, for pages written with representation atlas_doc_format. */
export function forgeMacroAdf(input: ForgeMacroInput): ForgeExtensionAdfNode {
  const extensionKey = forgeExtensionKey(input);
  return {
    type: 'extension',
    attrs: {
      extensionType: 'com.atlassian.ecosystem',
      extensionKey,
      text: input.title,
      layout: input.layout ?? 'default',
      localId: input.localId,
      parameters: Object.fromEntries(macroParameters(input, extensionKey)),
    },
  };
}
