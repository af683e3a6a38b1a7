// Renders Confluence storage format into safe HTML for the sandbox's Confluence page viewer.
// Allow-list only: known elements become plain HTML, Forge macros become placeholders the UI host
// fills with an iframe, and anything else is dropped or shown as escaped text. Text and attribute
// values always go through escaping, so hostile markup in page bodies can never become live HTML.
import { forgeExtensionProblem, readAdfExtension } from './forge-extension';
import { childElements, escapeXml, firstChild, parseStorage, textContent, type StorageElement, type StorageNode } from './storage-dom';

export interface RenderStorageOptions {
  pageId: string;
  /** URL of an attachment of this page, by filename. */
  attachmentUrl(filename: string): string;
  /** Optional: URL of another page (by title, optionally in another space). Without it, page links render as text. */
  pageUrl?(title: string, spaceKey?: string): string | undefined;
  /** Optional: display name for a user mention. */
  userName?(accountId: string): string | undefined;
}

export interface RenderedMacro {
  placeholderId: string;
  extensionKey: string;
  localId: string;
  /** The macro's ADF parameters (camelCase keys); its saved config is `parameters.guestParams`. */
  parameters: Record<string, unknown>;
  title?: string;
}

export interface RenderedStorage {
  html: string;
  macros: RenderedMacro[];
}

// Plain elements passed through (without attributes unless listed in ATTRS).
const PASS_THROUGH = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot',
  'tr', 'th', 'td', 'colgroup', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'code', 'small',
  'mark', 'kbd', 'q', 'cite', 'span', 'div', 'dl', 'dt', 'dd', 'caption',
]);
const VOID = new Set(['br', 'hr', 'col']);
// Dropped together with everything inside them.
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript', 'template', 'svg', 'math',
  'link', 'meta', 'base', 'head', 'title', 'form', 'input', 'button', 'textarea', 'select', 'option', 'audio', 'video',
  'source', 'track', 'canvas', 'portal', 'ac:placeholder', 'ac:parameter',
]);
const STRIKE_ALIASES: Record<string, string> = { strike: 's' };
const STATUS_COLOURS = new Set(['grey', 'red', 'yellow', 'green', 'blue', 'purple']);
const PANEL_MACROS = new Set(['info', 'note', 'warning', 'tip', 'panel']);
const EMOTICONS: Record<string, string> = {
  smile: '\u{1F642}', sad: '\u{1F641}', cheeky: '\u{1F61B}', laugh: '\u{1F600}', wink: '\u{1F609}', 'thumbs-up': '\u{1F44D}',
  'thumbs-down': '\u{1F44E}', information: '\u2139\uFE0F', tick: '\u2705', cross: '\u274C', warning: '\u26A0\uFE0F',
  plus: '\u2795', minus: '\u2796', question: '\u2753', 'light-on': '\u{1F4A1}', 'light-off': '\u{1F4A1}',
  'yellow-star': '\u2B50', 'red-star': '\u2B50', 'green-star': '\u2B50', 'blue-star': '\u2B50', heart: '\u2764\uFE0F',
};

/** True for URLs safe to put in href/src: http(s), mailto, site-relative and fragment links. */
export function isSafeUrl(raw: string, kind: 'link' | 'image' = 'link'): boolean {
  // Browsers ignore control characters and whitespace inside the scheme ("java\nscript:"), so we do too.
  const url = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (url === '') return false;
  if (url.startsWith('#')) return kind === 'link';
  if (url.startsWith('/')) return !url.startsWith('//') && !url.startsWith('/\\');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (!m) return !url.includes(':') && !url.includes('\\'); // plain relative path
  const scheme = (m[1] as string).toLowerCase();
  if (scheme === 'http' || scheme === 'https') return true;
  return kind === 'link' && scheme === 'mailto';
}

function attr(name: string, value: string): string {
  return ` ${name}="${escapeXml(value)}"`;
}

function slugify(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'section';
}

class StorageRenderer {
  private readonly macros: RenderedMacro[] = [];
  private readonly headingIds = new WeakMap<StorageElement, string>();
  private readonly headings: Array<{ level: number; id: string; text: string }> = [];
  private macroCount = 0;

  constructor(private readonly opts: RenderStorageOptions) {}

  render(xhtml: string): RenderedStorage {
    const { children } = parseStorage(xhtml);
    this.collectHeadings(children);
    const html = this.nodes(children);
    return { html, macros: this.macros };
  }

  // First pass: give every heading a unique id so the toc macro can link to headings anywhere on the page.
  private collectHeadings(nodes: StorageNode[]): void {
    const used = new Map<string, number>();
    const walk = (list: StorageNode[]): void => {
      for (const n of list) {
        if (n.type !== 'element') continue;
        const m = /^h([1-6])$/.exec(n.name);
        if (m) {
          const text = textContent(n).trim();
          const base = `h-${slugify(text)}`;
          const seen = used.get(base) ?? 0;
          used.set(base, seen + 1);
          const id = seen === 0 ? base : `${base}-${seen}`;
          this.headingIds.set(n, id);
          this.headings.push({ level: Number(m[1]), id, text });
        }
        walk(n.children);
      }
    };
    walk(nodes);
  }

  private nodes(list: StorageNode[]): string {
    return list.map((n) => this.node(n)).join('');
  }

  private node(n: StorageNode): string {
    if (n.type === 'text') return escapeXml(n.data);
    const name = n.name.toLowerCase();
    if (DROP_WITH_CONTENT.has(name)) return '';
    if (name.startsWith('ac:')) return this.acElement(n, name);
    if (name.startsWith('ri:')) return '';
    if (name === 'a') return this.anchor(n);
    if (name === 'img') return this.rawImage(n);
    if (name === 'time') return escapeXml(n.attrs['datetime'] ?? textContent(n));
    if (VOID.has(name)) return `<${name}>`;
    const tag = STRIKE_ALIASES[name] ?? name;
    if (PASS_THROUGH.has(tag)) return `<${tag}${this.safeAttrs(n, tag)}>${this.nodes(n.children)}</${tag}>`;
    // Unknown element: keep its (sanitised) content, drop the tag itself.
    return this.nodes(n.children);
  }

  private safeAttrs(n: StorageElement, tag: string): string {
    let out = '';
    const id = this.headingIds.get(n);
    if (id) out += attr('id', id);
    if (tag === 'th' || tag === 'td') {
      for (const k of ['colspan', 'rowspan']) {
        const v = n.attrs[k];
        if (v && /^[1-9][0-9]{0,2}$/.test(v)) out += attr(k, v);
      }
    }
    if (tag === 'ol') {
      const start = n.attrs['start'];
      if (start && /^-?[0-9]{1,6}$/.test(start)) out += attr('start', start);
    }
    if (tag === 'table') out += attr('class', 'cf-table');
    return out;
  }

  private anchor(n: StorageElement): string {
    const href = (n.attrs['href'] ?? '').trim();
    const inner = this.nodes(n.children) || escapeXml(href);
    if (!isSafeUrl(href)) return `<span class="cf-link-blocked">${inner}</span>`;
    const external = /^(https?:|mailto:)/i.test(href.replace(/[\u0000-\u0020]/g, ''));
    return `<a${attr('href', href)}${external ? ' rel="noopener noreferrer" target="_blank"' : ''}>${inner}</a>`;
  }

  private rawImage(n: StorageElement): string {
    const src = (n.attrs['src'] ?? '').trim();
    if (!isSafeUrl(src, 'image')) return '';
    return `<img${attr('src', src)}${attr('alt', n.attrs['alt'] ?? '')}>`;
  }

  private acElement(n: StorageElement, name: string): string {
    switch (name) {
      case 'ac:structured-macro':
      case 'ac:macro':
        return this.macro(n);
      case 'ac:image':
        return this.image(n);
      case 'ac:link':
        return this.link(n);
      case 'ac:adf-extension':
        return this.adfExtension(n);
      case 'ac:emoticon': {
        const fallback = n.attrs['ac:emoji-fallback'];
        const glyph = EMOTICONS[n.attrs['ac:name'] ?? ''] ?? fallback ?? '';
        return glyph ? `<span class="cf-emoticon">${escapeXml(glyph)}</span>` : '';
      }
      case 'ac:task-list':
        return `<ul class="cf-task-list">${childElements(n).filter((c) => c.name === 'ac:task').map((t) => this.task(t)).join('')}</ul>`;
      case 'ac:layout':
        return `<div class="cf-layout">${this.nodes(n.children)}</div>`;
      case 'ac:layout-section': {
        const type = (n.attrs['ac:type'] ?? 'single').replace(/[^a-z_-]/gi, '');
        return `<div class="cf-layout-section"${attr('data-type', type)}>${this.nodes(n.children)}</div>`;
      }
      case 'ac:layout-cell':
        return `<div class="cf-layout-cell">${this.nodes(n.children)}</div>`;
      default:
        // ac:rich-text-body, ac:inline-comment-marker and other wrappers: keep the content, drop the tag.
        return this.nodes(n.children);
    }
  }

  private task(t: StorageElement): string {
    const done = textContent(firstChild(t, 'ac:task-status') ?? []).trim() === 'complete';
    const body = firstChild(t, 'ac:task-body');
    return `<li class="cf-task"><input type="checkbox" disabled${done ? ' checked' : ''}> ${body ? this.nodes(body.children) : ''}</li>`;
  }

  private params(n: StorageElement): Record<string, string> {
    const out: Record<string, string> = {};
    for (const c of childElements(n)) {
      if (c.name === 'ac:parameter' && c.attrs['ac:name'] !== undefined) out[c.attrs['ac:name']] = textContent(c);
    }
    return out;
  }

  private macro(n: StorageElement): string {
    const name = (n.attrs['ac:name'] ?? '').toLowerCase();
    const p = this.params(n);
    const richBody = firstChild(n, 'ac:rich-text-body');
    const body = richBody ? this.nodes(richBody.children) : '';
    if (PANEL_MACROS.has(name)) {
      const title = p['title'] ? `<div class="cf-panel-title">${escapeXml(p['title'])}</div>` : '';
      return `<div class="cf-panel cf-panel-${name}" role="note">${title}<div class="cf-panel-body">${body}</div></div>`;
    }
    switch (name) {
      case 'status': {
        const colour = (p['colour'] ?? p['color'] ?? 'grey').toLowerCase();
        const cls = `cf-status cf-status-${STATUS_COLOURS.has(colour) ? colour : 'grey'}${p['subtle'] === 'true' ? ' cf-status-subtle' : ''}`;
        return `<span class="${cls}">${escapeXml(p['title'] ?? '')}</span>`;
      }
      case 'toc':
        return this.toc(p);
      case 'expand':
        return `<details class="cf-expand"><summary>${escapeXml(p['title'] || 'Click here to expand...')}</summary>${body}</details>`;
      case 'code':
      case 'noformat': {
        const code = textContent(firstChild(n, 'ac:plain-text-body') ?? []);
        const lang = (p['language'] ?? '').replace(/[^a-z0-9+#_-]/gi, '');
        const title = p['title'] ? `<div class="cf-code-title">${escapeXml(p['title'])}</div>` : '';
        return `<div class="cf-code">${title}<pre${lang ? attr('data-language', lang) : ''}><code>${escapeXml(code)}</code></pre></div>`;
      }
      case 'jira':
        return `<span class="cf-jira-issue">${escapeXml(p['key'] ?? 'Jira issues')}</span>`;
      case 'excerpt':
      case 'section':
      case 'column':
      case 'details':
        return `<div class="cf-${name}">${body}</div>`;
      case 'anchor':
        return '';
      default:
        return `<div class="cf-macro-unsupported"${attr('data-macro', name)}>Macro "${escapeXml(name)}" is not available in the sandbox viewer</div>`;
    }
  }

  private toc(p: Record<string, string>): string {
    const min = Math.max(1, Number(p['minLevel'] ?? '1') || 1);
    const max = Math.min(6, Number(p['maxLevel'] ?? '6') || 6);
    const items = this.headings
      .filter((h) => h.level >= min && h.level <= max)
      .map((h) => `<li class="cf-toc-level-${h.level}"><a${attr('href', `#${h.id}`)}>${escapeXml(h.text)}</a></li>`)
      .join('');
    return `<nav class="cf-toc"><ul>${items}</ul></nav>`;
  }

  private image(n: StorageElement): string {
    const alt = n.attrs['ac:alt'] ?? n.attrs['ac:title'] ?? '';
    let size = '';
    for (const k of ['width', 'height']) {
      const v = n.attrs[`ac:${k}`];
      if (v && /^[0-9]{1,5}$/.test(v)) size += attr(k, v);
    }
    const att = firstChild(n, 'ri:attachment');
    if (att) {
      const filename = att.attrs['ri:filename'] ?? '';
      if (firstChild(att, 'ri:page') || firstChild(att, 'ri:blog-post')) {
        return `<span class="cf-image-missing">${escapeXml(alt || filename)}</span>`;
      }
      const src = this.opts.attachmentUrl(filename);
      return `<img class="cf-image"${attr('src', src)}${attr('alt', alt || filename)}${size}>`;
    }
    const url = firstChild(n, 'ri:url')?.attrs['ri:value'] ?? '';
    if (url && isSafeUrl(url, 'image')) return `<img class="cf-image"${attr('src', url)}${attr('alt', alt)}${size}>`;
    return `<span class="cf-image-missing">${escapeXml(alt)}</span>`;
  }

  private link(n: StorageElement): string {
    const plain = firstChild(n, 'ac:plain-text-link-body');
    const rich = firstChild(n, 'ac:link-body');
    const body = plain ? escapeXml(textContent(plain)) : rich ? this.nodes(rich.children) : '';
    const att = firstChild(n, 'ri:attachment');
    if (att) {
      const filename = att.attrs['ri:filename'] ?? '';
      const href = this.opts.attachmentUrl(filename);
      return `<a class="cf-attachment-link"${attr('href', href)}>${body || escapeXml(filename)}</a>`;
    }
    const page = firstChild(n, 'ri:page');
    if (page) {
      const title = page.attrs['ri:content-title'] ?? '';
      const href = this.opts.pageUrl?.(title, page.attrs['ri:space-key']);
      const text = body || escapeXml(title);
      if (href && isSafeUrl(href)) return `<a class="cf-page-link"${attr('href', href)}>${text}</a>`;
      return `<span class="cf-page-link">${text}</span>`;
    }
    const user = firstChild(n, 'ri:user');
    if (user) {
      const id = user.attrs['ri:account-id'] ?? '';
      const name = this.opts.userName?.(id) ?? 'user';
      return `<span class="cf-mention"${attr('data-account-id', id)}>@${escapeXml(name)}</span>`;
    }
    const url = firstChild(n, 'ri:url')?.attrs['ri:value'];
    if (url && isSafeUrl(url)) return `<a${attr('href', url)} rel="noopener noreferrer" target="_blank">${body || escapeXml(url)}</a>`;
    return body ? `<span class="cf-link">${body}</span>` : '';
  }

  private adfExtension(n: StorageElement): string {
    const ext = readAdfExtension(n);
    if (!ext) return '';
    const a = ext.attrs;
    const inline = ext.nodeType === 'inlineExtension';
    // Non-Forge extensions (Connect, legacy macros) show their fallback content, sanitised.
    if (a.extensionType !== 'com.atlassian.ecosystem') return ext.fallback ? this.nodes(ext.fallback.children) : '';
    const problem = forgeExtensionProblem(a);
    if (problem) {
      const tag = inline ? 'span' : 'div';
      return `<${tag} class="cf-macro-error"${attr('data-problem', problem)}>Error loading the extension!</${tag}>`;
    }
    const localId = String(a.parameters['localId'] ?? a.localId ?? '');
    const placeholderId = `forge-macro-${this.opts.pageId}-${++this.macroCount}`;
    const title = typeof a.parameters['extensionTitle'] === 'string' ? (a.parameters['extensionTitle'] as string) : a.text;
    const macro: RenderedMacro = { placeholderId, extensionKey: a.extensionKey, localId, parameters: a.parameters };
    if (title !== undefined) macro.title = title;
    this.macros.push(macro);
    const tag = inline ? 'span' : 'div';
    return `<${tag} class="cf-forge-macro"${attr('data-forge-macro', placeholderId)}${attr('data-local-id', localId)}${attr('data-layout', a.layout ?? 'default')}></${tag}>`;
  }
}

/** Renders storage XHTML to safe HTML plus the Forge macros the UI host must mount. */
export function renderStorage(storageXhtml: string, opts: RenderStorageOptions): RenderedStorage {
  return new StorageRenderer(opts).render(storageXhtml);
}
