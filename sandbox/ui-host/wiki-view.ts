// Confluence-like page viewer: the rendered storage body with each Forge macro placeholder
// replaced by the macro's iframe (or a notice when the viewer may not see that app).
import type { UiModule } from './modules';
import { esc, frameTag } from './pages';
import type { FrameRecord, StoragePage } from './types';

export type MacroSlot = { placeholderId: string } & ({ kind: 'frame'; frame: FrameRecord; module: UiModule } | { kind: 'notice'; text: string });

/** The element the renderer left for a macro: data-forge-macro="id" or data-macro-placeholder="id". */
function placeholderPattern(id: string): RegExp {
  const safe = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<(div|span)\\b[^>]*\\bdata-(?:forge-macro|macro-placeholder)="${safe}"[^>]*>\\s*</\\1>`);
}

export function fillMacros(html: string, slots: MacroSlot[]): { html: string; missing: string[] } {
  let out = html;
  const missing: string[] = [];
  for (const slot of slots) {
    const content =
      slot.kind === 'frame'
        ? `<div class="wiki-macro" data-macro-key="${esc(slot.module.key)}">${frameTag(slot.frame, slot.module)}</div>`
        : `<div class="wiki-macro wiki-macro--denied">${esc(slot.text)}</div>`;
    const re = placeholderPattern(slot.placeholderId);
    if (re.test(out)) out = out.replace(re, () => content);
    else missing.push(slot.placeholderId);
  }
  return { html: out, missing };
}

export function wikiBody(page: StoragePage, pageId: string, html: string, problems: string[]): string {
  const warn = problems.length
    ? `<div class="banner" role="alert"><strong>Sandbox host error</strong><ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul></div>`
    : '';
  return `${warn}<main class="wiki">
<div class="breadcrumbs">Spaces / ${esc(page.spaceKey)} / <a href="/wiki/spaces/${esc(page.spaceKey)}/pages/${esc(pageId)}">${esc(page.title)}</a></div>
<h1 class="wiki__title" id="page-title">${esc(page.title)}</h1>
<div class="wiki__body">${html}</div>
</main>`;
}
