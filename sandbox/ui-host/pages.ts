// HTML of the host's pages: a Jira/Confluence-like shell around the app's iframes. Everything
// dynamic is escaped; the only scripts are /__host.js (page) and /__bridge.js (frames).
// /__host.js loads blocking in <head> so its message listener exists before any iframe runs.
import { frameSizing, type UiModule } from './modules';
import { themeAttrs } from './theme';
import type { FrameRecord, UiHostPersona, Viewer } from './types';

export const LOCALES: Array<{ value: string; label: string }> = [
  { value: 'en-US', label: 'English' },
  { value: 'uk-UA', label: 'Українська' },
  { value: 'ru-RU', label: 'Русский' },
];

export const ANONYMOUS = '__anonymous';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const personaValue = (p: UiHostPersona): string => p.accountId ?? ANONYMOUS;

export interface LayoutOptions {
  title: string;
  product: 'jira' | 'confluence' | 'sandbox';
  viewer: Viewer;
  personas: UiHostPersona[];
  /** Current path (for switchers to come back to). */
  path: string;
  body: string;
  /** Links in the top bar. */
  nav?: Array<{ href: string; label: string }>;
}

function switchers(o: LayoutOptions): string {
  const back = esc(o.path);
  const personaOptions = o.personas
    .map((p) => `<option value="${esc(personaValue(p))}"${p.accountId === o.viewer.persona.accountId ? ' selected' : ''}>${esc(p.displayName)} (${esc(p.role)})</option>`)
    .join('');
  const localeOptions = LOCALES.map((l) => `<option value="${l.value}"${l.value === o.viewer.locale ? ' selected' : ''}>${esc(l.label)}</option>`).join('');
  const nextTheme = o.viewer.colorMode === 'dark' ? 'light' : 'dark';
  return `<div class="switchers">
  <form method="get" action="/__set" data-autosubmit>
    <input type="hidden" name="back" value="${back}">
    <label for="persona-switch">Viewing as</label>
    <select id="persona-switch" name="persona">${personaOptions}</select>
    <label for="locale-switch">Language</label>
    <select id="locale-switch" name="locale">${localeOptions}</select>
    <noscript><button type="submit">Apply</button></noscript>
  </form>
  <form method="get" action="/__set">
    <input type="hidden" name="back" value="${back}">
    <input type="hidden" name="theme" value="${nextTheme}">
    <button type="submit" id="theme-toggle" aria-label="Switch to ${nextTheme} theme">${o.viewer.colorMode === 'dark' ? '☀ Light' : '☾ Dark'}</button>
  </form>
</div>`;
}

export function layout(o: LayoutOptions): string {
  const attrs = Object.entries(themeAttrs(o.viewer.colorMode))
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  const productName = o.product === 'confluence' ? 'Confluence' : o.product === 'jira' ? 'Jira' : 'Forge sandbox';
  const logo = o.product === 'confluence' ? 'C' : o.product === 'jira' ? 'J' : 'F';
  const nav = (o.nav ?? []).map((n) => `<a href="${esc(n.href)}">${esc(n.label)}</a>`).join('');
  const lang = o.viewer.locale.slice(0, 2);
  return `<!doctype html>
<html lang="${esc(lang)}"${attrs}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} · ${productName} (sandbox)</title>
<link rel="stylesheet" href="/__tokens/${o.viewer.colorMode}.css">
<link rel="stylesheet" href="/__tokens/spacing.css">
<link rel="stylesheet" href="/__tokens/typography.css">
<link rel="stylesheet" href="/__tokens/shape.css">
<link rel="stylesheet" href="/__host.css">
<script src="/__host.js"></script>
</head>
<body data-host-errors="0">
<header class="topbar">
  <a class="topbar__product" href="/"><span class="topbar__logo" aria-hidden="true">${logo}</span>${productName}</a>
  <span class="sandbox-tag">sandbox</span>
  <nav class="topbar__nav" aria-label="Product">${nav}</nav>
  <span class="topbar__spacer"></span>
  ${switchers(o)}
</header>
<div id="host-banner" class="banner" role="alert" hidden><strong>Sandbox host error</strong><ul></ul><button type="button" id="host-banner-close">Dismiss</button></div>
${o.body}
<div id="host-flags" aria-live="polite"></div>
</body>
</html>`;
}

/** The iframe of one Custom UI module, sized as the product would. */
export function frameTag(frame: FrameRecord, m: UiModule): string {
  const sizing = frameSizing(m);
  const style = sizing.mode === 'fill' ? '' : ` style="height:${sizing.height}px"`;
  const cls = sizing.mode === 'fill' ? 'forge-frame forge-frame--fill' : 'forge-frame';
  return `<iframe class="${cls}" id="frame-${esc(frame.id)}" data-frame-id="${esc(frame.id)}" data-module-key="${esc(m.key)}" data-sizing="${sizing.mode}" data-min-height="${sizing.mode === 'auto' ? 48 : sizing.height}" title="${esc(m.title)}" src="/__frames/${esc(frame.id)}/index.html" sandbox="allow-scripts allow-same-origin allow-forms allow-popups"${style}></iframe>`;
}

export function messagePage(title: string, text: string): string {
  return `<main class="message-page"><h1>${esc(title)}</h1><p class="muted">${esc(text)}</p><p><a href="/">Back to the sandbox index</a></p></main>`;
}

export function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .map((w) => w[0] ?? '')
      .join('')
      .slice(0, 2)
      .toUpperCase() || '?'
  );
}
