// Where router.navigate / router.open / getUrl lead inside the host.
import type { UiModule } from './modules';

export type NavResult = { ok: true; path: string; external: boolean } | { ok: false; message: string };

type Obj = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const seg = (s: string): string => encodeURIComponent(s);

/** Host path for a product URL: site-absolute URLs are rebased onto the host. */
export function pathForUrl(url: string, siteUrl: string): NavResult {
  if (url.startsWith('/') && !url.startsWith('//')) return { ok: true, path: url, external: false };
  const site = siteUrl.replace(/\/+$/, '');
  if (site && (url === site || url.startsWith(`${site}/`))) return { ok: true, path: url.slice(site.length) || '/', external: false };
  if (/^https?:\/\//i.test(url)) return { ok: true, path: url, external: true };
  return { ok: false, message: `navigate: "${url}" is neither a site path nor an http(s) URL` };
}

export function pathForLocation(location: Obj, modules: Map<string, UiModule>, siteUrl: string): NavResult {
  const url = str(location.url);
  if (url) return pathForUrl(url, siteUrl);
  const target = str(location.target);
  switch (target) {
    case 'issue': {
      const key = str(location.issueKey);
      return key ? { ok: true, path: `/jira/browse/${seg(key)}`, external: false } : { ok: false, message: 'navigate target "issue" needs issueKey' };
    }
    case 'module': {
      const moduleKey = str(location.moduleKey);
      const m = moduleKey ? modules.get(moduleKey) : undefined;
      if (!moduleKey || !m) return { ok: false, message: `navigate target "module": no Custom UI module "${String(moduleKey)}" in manifest.yml` };
      if (m.type === 'jira:projectPage') {
        const projectKey = str(location.projectKey);
        return projectKey
          ? { ok: true, path: `/jira/projects/${seg(projectKey)}/apps/${seg(moduleKey)}`, external: false }
          : { ok: false, message: `navigate to project page ${moduleKey} needs projectKey` };
      }
      if (m.type === 'jira:globalPage') return { ok: true, path: `/jira/apps/${seg(moduleKey)}`, external: false };
      if (m.type === 'jira:adminPage') return { ok: true, path: `/jira/settings/apps/${seg(moduleKey)}`, external: false };
      return { ok: false, message: `navigate target "module": ${moduleKey} is a ${m.type}, which has no page of its own` };
    }
    case 'contentView': {
      const id = str(location.contentId);
      return id ? { ok: true, path: `/wiki/pages/${seg(id)}`, external: false } : { ok: false, message: 'navigate target "contentView" needs contentId' };
    }
    default:
      return { ok: false, message: `navigate target "${String(target)}" is not emulated by the sandbox UI host` };
  }
}
