// What the UI host needs from a running sandbox: resolvers through the real runtime, product calls
// to the emulated site as the persona, and Confluence pages rendered from their storage format.
import { renderStorage } from './atlassian/confluence/render-storage';
import { PRINCIPAL_HEADER } from './core/types';
import type { Sandbox } from './platform';
import type { UiHostDeps, UiHostPersona } from './ui-host/types';

export function sandboxUiDeps(sb: Sandbox, personas: UiHostPersona[]): UiHostDeps {
  const asHeader = (accountId: string | null): Record<string, string> => ({ [PRINCIPAL_HEADER]: accountId ? `user:${accountId}` : 'none' });
  return {
    manifest: { modules: sb.manifest.raw.modules, resources: sb.manifest.raw.resources ?? [] },
    appRoot: sb.appRoot,
    siteUrl: sb.site.baseUrl,
    cloudId: 'sandbox-cloud',
    personas,
    invoke: async (req) => {
      const extension = (req.context.extension ?? {}) as Record<string, unknown>;
      const locale = typeof req.context.locale === 'string' ? req.context.locale : undefined;
      const r = await sb.invokeResolver(req.moduleKey, req.functionKey, req.payload, { accountId: req.accountId, extension, locale });
      if (r.record.outcome !== 'ok') return { status: 500, body: { message: r.record.error ?? r.record.outcome } };
      return { status: 200, body: r.value };
    },
    productFetch: async (req) => {
      const res = await fetch(`${sb.site.baseUrl}${req.path}`, { method: req.method, headers: { ...req.headers, ...asHeader(req.accountId) }, body: req.body });
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        headers[k] = v;
      });
      return { status: res.status, headers, body: await res.text() };
    },
    renderStoragePage: async (pageId, accountId) => {
      const page = await fetch(`${sb.site.baseUrl}/wiki/api/v2/pages/${encodeURIComponent(pageId)}?body-format=storage`, { headers: asHeader(accountId) });
      if (page.status !== 200) return null;
      const p = (await page.json()) as { title: string; spaceId: string; body?: { storage?: { value?: string } } };
      const space = await fetch(`${sb.site.baseUrl}/wiki/api/v2/spaces/${encodeURIComponent(p.spaceId)}`, { headers: asHeader(accountId) });
      const spaceKey = space.status === 200 ? ((await space.json()) as { key: string }).key : '';
      const rendered = renderStorage(p.body?.storage?.value ?? '', {
        pageId,
        attachmentUrl: (filename) => `/wiki/download/attachments/${encodeURIComponent(pageId)}/${encodeURIComponent(filename)}`,
      });
      return { title: p.title, spaceKey, html: rendered.html, macros: rendered.macros };
    },
  };
}
