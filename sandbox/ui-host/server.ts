// The UI host: a small HTTP server on loopback that shows the app's Custom UI the way Jira and
// Confluence would: product-like pages, each module in a sandboxed iframe served with the
// production CSP and the bridge script injected first, and the bridge commands answered here.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { clientScript, hostCss } from './assets';
import { cookies, injectBridge, MIME, readBody, send } from './http-util';
import { dispatchBridge, type DispatchEnv } from './bridge-dispatch';
import { FrameRegistry, type SiteInfo } from './frames';
import { indexBody } from './index-view';
import { appPageBody, fetchJson, ISSUE_FIELDS, issueBody, projectPageBody, toIssueView, type IssueFrames } from './jira-views';
import { isJiraAdmin, isUnlicensed, moduleKeyFromExtensionKey, readUiModules, type UiModule } from './modules';
import { ANONYMOUS, esc, layout, LOCALES, messagePage } from './pages';
import { tokenCss } from './theme';
import type { BridgeReply, ColorMode, UiHostDeps, UiHostOptions, UiHostPersona, Viewer } from './types';
import { fillMacros, wikiBody, type MacroSlot } from './wiki-view';

/** What production serves Custom UI resources with (plus our declared `styles: unsafe-inline`). */
export const RESOURCE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'";
export const HOST_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'";

const COOKIE = { persona: 'uihost_persona', theme: 'uihost_theme', locale: 'uihost_locale' } as const;
const ANONYMOUS_PERSONA: UiHostPersona = { accountId: null, displayName: 'Anonymous visitor', role: 'anonymous' };
const MAX_BRIDGE_BODY = 1024 * 1024;

export interface UiHost {
  url: string;
  close(): Promise<void>;
}

export function startUiHost(deps: UiHostDeps, opts: UiHostOptions = {}): Promise<UiHost> {
  const modules = readUiModules(deps.manifest, deps.appRoot);
  const registry = new FrameRegistry();
  const site: SiteInfo = { siteUrl: deps.siteUrl, cloudId: deps.cloudId, timezone: opts.timezone ?? 'Europe/Kyiv' };
  let hostOrigin = '';
  const list = (type: string): UiModule[] => [...modules.values()].filter((m) => m.type === type);

  const viewerOf = (req: IncomingMessage): Viewer => {
    const c = cookies(req);
    const chosen = c[COOKIE.persona];
    const persona =
      (chosen === ANONYMOUS ? deps.personas.find((p) => p.accountId === null) : deps.personas.find((p) => p.accountId === chosen)) ??
      deps.personas[0] ??
      ANONYMOUS_PERSONA;
    const colorMode: ColorMode = c[COOKIE.theme] === 'dark' ? 'dark' : 'light';
    const locale = LOCALES.some((l) => l.value === c[COOKIE.locale]) ? (c[COOKIE.locale] as string) : 'en-US';
    return { persona, colorMode, locale };
  };

  const personasForSwitcher = (): UiHostPersona[] => (deps.personas.length ? deps.personas : [ANONYMOUS_PERSONA]);

  const nav = (): Array<{ href: string; label: string }> => [
    { href: '/', label: 'Home' },
    ...list('jira:globalPage').map((m) => ({ href: `/jira/apps/${m.key}`, label: m.title })),
    ...list('jira:adminPage').map((m) => ({ href: `/jira/settings/apps/${m.key}`, label: 'Settings' })),
  ];

  const page = (res: ServerResponse, req: IncomingMessage, status: number, title: string, body: string, product: 'jira' | 'confluence' | 'sandbox' = 'jira'): void => {
    const url = new URL(req.url ?? '/', 'http://host');
    const html = layout({ title, product, viewer: viewerOf(req), personas: personasForSwitcher(), path: url.pathname + url.search, body, nav: nav() });
    send(res, status, MIME['.html'] as string, html, { 'content-security-policy': HOST_CSP });
  };

  const newFrame = (m: UiModule, viewer: Viewer, extension: Record<string, unknown>, localId?: string) =>
    registry.create(m, { extension, accountId: viewer.persona.accountId, locale: viewer.locale, colorMode: viewer.colorMode, localId });

  const env = (): DispatchEnv => ({ deps, modules, site, hostOrigin, personas: deps.personas });

  async function serveFrameFile(req: IncomingMessage, res: ServerResponse, frameId: string, rel: string): Promise<void> {
    const frame = registry.get(frameId);
    const headers = { 'content-security-policy': RESOURCE_CSP };
    if (!frame) return send(res, 404, 'text/plain; charset=utf-8', 'Unknown or expired frame: reload the page', headers);
    const root = frame.resourceDir;
    const file = resolve(root, rel === '' ? 'index.html' : rel);
    if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden', headers);
    let etag: string;
    try {
      const st = await stat(file);
      if (!st.isFile()) return send(res, 404, 'text/plain; charset=utf-8', 'Not found', headers);
      etag = `W/"${st.size}-${Math.floor(st.mtimeMs)}"`;
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', `Not found: ${rel} (is the UI built? npm run build)`, headers);
    }
    const ext = extname(file).toLowerCase();
    const type = MIME[ext] ?? 'application/octet-stream';
    if (ext === '.html') return send(res, 200, type, injectBridge(await readFile(file, 'utf8'), frame.id), headers);
    // Bundles may be revalidated instead of re-sent to every frame of a page.
    const cache = { ...headers, 'cache-control': 'no-cache', etag };
    if (req.headers['if-none-match'] === etag) return send(res, 304, type, '', cache);
    send(res, 200, type, await readFile(file), cache);
  }

  async function bridgeCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, MAX_BRIDGE_BODY);
    const reply = (r: BridgeReply, status = 200) => send(res, status, MIME['.json'] as string, JSON.stringify(r));
    if (raw === null) return reply({ ok: false, error: { kind: 'bad-payload', message: `bridge payload is larger than ${MAX_BRIDGE_BODY} bytes` } }, 413);
    let msg: { frameId?: unknown; cmd?: unknown; payload?: unknown };
    try {
      msg = JSON.parse(raw) as typeof msg;
    } catch {
      return reply({ ok: false, error: { kind: 'bad-payload', message: 'bridge call is not JSON' } }, 400);
    }
    const frame = typeof msg.frameId === 'string' ? registry.get(msg.frameId) : undefined;
    if (!frame) return reply({ ok: false, error: { kind: 'frame-gone', message: 'This frame is unknown to the host (expired or host restarted): reload the page' } });
    if (typeof msg.cmd !== 'string') return reply({ ok: false, error: { kind: 'bad-payload', message: 'bridge command must be a string' } });
    try {
      reply(await dispatchBridge(frame, msg.cmd, msg.payload, env()));
    } catch (e) {
      reply({ ok: false, error: { kind: 'invoke-failed', message: `${msg.cmd} failed in the host: ${e instanceof Error ? e.message : String(e)}` } });
    }
  }

  async function issuePage(req: IncomingMessage, res: ServerResponse, issueKey: string): Promise<void> {
    const viewer = viewerOf(req);
    const r = await fetchJson(deps, 'jira', viewer.persona.accountId, `/rest/api/3/issue/${encodeURIComponent(issueKey)}?fields=${ISSUE_FIELDS}`);
    const issue = r.status === 200 ? toIssueView(r.json) : null;
    if (!issue) {
      const text = r.status === 401 ? 'Log in to see this issue.' : r.status === 404 || r.status === 403 ? "It may have been deleted, or you don't have permission to see it." : `Jira answered ${r.status}.`;
      return page(res, req, r.status === 200 ? 502 : r.status, issueKey, messagePage(`${issueKey} can't be shown`, text));
    }
    const extension = { issue: { id: issue.id, key: issue.key, type: issue.issueType, typeId: '' }, project: { id: issue.project.id, key: issue.project.key, type: issue.project.type }, location: `${site.siteUrl}/browse/${issue.key}` };
    const frames: IssueFrames = {
      context: list('jira:issueContext').map((m) => ({ module: m, frame: newFrame(m, viewer, extension) })),
      panel: list('jira:issuePanel').map((m) => ({ module: m, frame: newFrame(m, viewer, { ...extension, isNewToIssue: false }) })),
    };
    page(res, req, 200, `[${issue.key}] ${issue.summary}`, issueBody(issue, frames));
  }

  async function projectPage(req: IncomingMessage, res: ServerResponse, projectKey: string, moduleKey: string): Promise<void> {
    const viewer = viewerOf(req);
    const m = modules.get(moduleKey);
    if (!m || m.type !== 'jira:projectPage') return page(res, req, 404, 'Not found', messagePage('Page not found', `No project page module "${moduleKey}" in manifest.yml.`));
    const r = await fetchJson(deps, 'jira', viewer.persona.accountId, `/rest/api/3/project/${encodeURIComponent(projectKey)}`);
    const p = typeof r.json === 'object' && r.json !== null ? (r.json as Record<string, unknown>) : {};
    if (r.status !== 200) return page(res, req, r.status === 401 ? 401 : 404, projectKey, messagePage('Project not found', `${projectKey} doesn't exist or you don't have permission to see it.`));
    const project = { id: String(p.id ?? ''), key: String(p.key ?? projectKey), name: String(p.name ?? projectKey), type: String(p.projectTypeKey ?? 'software') };
    const frame = newFrame(m, viewer, { project: { id: project.id, key: project.key, type: project.type } });
    page(res, req, 200, `${m.title} · ${project.name}`, projectPageBody(project, m, frame, list('jira:projectPage')));
  }

  function appPage(req: IncomingMessage, res: ServerResponse, moduleKey: string, type: 'jira:globalPage' | 'jira:adminPage'): void {
    const viewer = viewerOf(req);
    const m = modules.get(moduleKey);
    if (!m || m.type !== type) return page(res, req, 404, 'Not found', messagePage('Page not found', `No ${type} module "${moduleKey}" in manifest.yml.`));
    if (!viewer.persona.accountId) return page(res, req, 401, m.title, messagePage('Log in to continue', `${m.title} is not available to anonymous visitors.`));
    if (type === 'jira:adminPage' && !isJiraAdmin(viewer.persona.role)) {
      return page(res, req, 403, m.title, messagePage("You don't have permission to view this page", 'Only Jira administrators can open app settings. Switch to an admin persona.'));
    }
    if (type === 'jira:globalPage' && isUnlicensed(viewer.persona.role)) {
      return page(res, req, 403, m.title, messagePage("You don't have access to Jira", 'Global pages are not available to unlicensed users.'));
    }
    const frame = newFrame(m, viewer, {});
    const sidebar = type === 'jira:adminPage' ? { heading: 'Apps', pages: list('jira:adminPage'), hrefFor: (x: UiModule) => `/jira/settings/apps/${x.key}` } : null;
    page(res, req, 200, m.title, appPageBody(m, frame, sidebar));
  }

  async function wikiPage(req: IncomingMessage, res: ServerResponse, pageId: string, spaceKey: string | null): Promise<void> {
    const viewer = viewerOf(req);
    if (!deps.renderStoragePage) return page(res, req, 501, 'Confluence', messagePage('Confluence viewer not connected', 'The sandbox did not give the UI host a renderStoragePage function.'), 'confluence');
    const p = await deps.renderStoragePage(pageId, viewer.persona.accountId);
    if (!p) return page(res, req, 404, 'Page not found', messagePage('Page not found', "It may have been deleted, or you don't have permission to see it."), 'confluence');
    if (spaceKey === null) {
      res.writeHead(302, { location: `/wiki/spaces/${encodeURIComponent(p.spaceKey)}/pages/${encodeURIComponent(pageId)}` });
      res.end();
      return;
    }
    const role = viewer.persona.accountId === null ? 'anonymous' : isUnlicensed(viewer.persona.role) ? 'unlicensed' : 'licensed';
    const slots: MacroSlot[] = [];
    const problems: string[] = [];
    for (const macro of p.macros) {
      const m = modules.get(moduleKeyFromExtensionKey(macro.extensionKey));
      if (!m || m.type !== 'macro') {
        slots.push({ placeholderId: macro.placeholderId, kind: 'notice', text: `Unknown macro ${macro.extensionKey}` });
        continue;
      }
      if (role !== 'licensed' && !m.unlicensedAccess.includes(role)) {
        slots.push({ placeholderId: macro.placeholderId, kind: 'notice', text: `“${m.title}” isn't available to you.` });
        continue;
      }
      const guest = macro.parameters.guestParams;
      const config = typeof guest === 'object' && guest !== null && !Array.isArray(guest) ? guest : {};
      const extension = { content: { id: pageId, type: 'page', subtype: null }, space: { key: p.spaceKey }, isEditing: false, config, references: [] };
      slots.push({ placeholderId: macro.placeholderId, kind: 'frame', module: m, frame: newFrame(m, viewer, extension, macro.localId) });
    }
    const filled = fillMacros(p.html, slots);
    for (const id of filled.missing) problems.push(`macro placeholder ${id} is not in the page HTML`);
    page(res, req, 200, p.title, wikiBody(p, pageId, filled.html, problems), 'confluence');
  }

  async function indexPage(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const viewer = viewerOf(req);
    const [projects, issues] = await Promise.all([
      fetchJson(deps, 'jira', viewer.persona.accountId, '/rest/api/3/project/search?maxResults=50'),
      fetchJson(deps, 'jira', viewer.persona.accountId, '/rest/api/3/search/jql?jql=order%20by%20created%20DESC&maxResults=15&fields=summary'),
    ]);
    const values = (j: unknown, k: string): Array<Record<string, unknown>> => {
      const v = typeof j === 'object' && j !== null ? (j as Record<string, unknown>)[k] : undefined;
      return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
    };
    const body = indexBody({
      modules: [...modules.values()],
      persona: viewer.persona,
      isAdmin: isJiraAdmin(viewer.persona.role),
      projects: projects.status === 200 ? values(projects.json, 'values').map((p) => ({ key: String(p.key ?? ''), name: String(p.name ?? '') })) : [],
      issues:
        issues.status === 200
          ? values(issues.json, 'issues').map((i) => ({ key: String(i.key ?? ''), summary: String((i.fields as Record<string, unknown> | undefined)?.summary ?? '') }))
          : [],
    });
    page(res, req, 200, 'Sandbox', body, 'sandbox');
  }

  function setPrefs(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const set: string[] = [];
    const cookie = (name: string, value: string) => set.push(`${name}=${encodeURIComponent(value)}; Path=/; SameSite=Lax; Max-Age=31536000`);
    const persona = url.searchParams.get('persona');
    if (persona !== null) cookie(COOKIE.persona, persona);
    const theme = url.searchParams.get('theme');
    if (theme === 'light' || theme === 'dark') cookie(COOKIE.theme, theme);
    const locale = url.searchParams.get('locale');
    if (locale && LOCALES.some((l) => l.value === locale)) cookie(COOKIE.locale, locale);
    const back = url.searchParams.get('back') ?? '/';
    res.writeHead(303, { location: back.startsWith('/') && !back.startsWith('//') ? back : '/', 'set-cookie': set });
    res.end();
  }

  function go(res: ServerResponse, url: URL): void {
    const clean = (v: string | null) => (v ?? '').trim();
    const issue = clean(url.searchParams.get('issue'));
    const project = clean(url.searchParams.get('project'));
    const pageId = clean(url.searchParams.get('page'));
    const projectPage = list('jira:projectPage')[0];
    const location = issue
      ? `/jira/browse/${encodeURIComponent(issue.toUpperCase())}`
      : project && projectPage
        ? `/jira/projects/${encodeURIComponent(project.toUpperCase())}/apps/${encodeURIComponent(projectPage.key)}`
        : pageId
          ? `/wiki/pages/${encodeURIComponent(pageId)}`
          : '/';
    res.writeHead(303, { location });
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://host');
    const path = url.pathname;
    const parts = path.split('/').slice(1).map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
    if (req.method === 'POST' && path === '/__bridge/call') return bridgeCall(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');

    if (path === '/') return indexPage(req, res);
    if (path === '/__set') return setPrefs(req, res, url);
    if (path === '/__go') return go(res, url);
    if (path === '/__host.js') return send(res, 200, MIME['.js'] as string, await clientScript('host-page'));
    if (path === '/__bridge.js') return send(res, 200, MIME['.js'] as string, await clientScript('frame-bridge'), { 'content-security-policy': RESOURCE_CSP });
    if (path === '/__host.css') return send(res, 200, MIME['.css'] as string, await hostCss());
    if (parts[0] === '__tokens' && parts.length === 2) {
      const css = tokenCss((parts[1] ?? '').replace(/\.css$/, ''));
      return css === null ? send(res, 404, 'text/plain', 'Unknown token sheet') : send(res, 200, MIME['.css'] as string, css, { 'cache-control': 'max-age=3600' });
    }
    if (parts[0] === '__frames' && parts.length >= 3) return serveFrameFile(req, res, parts[1] ?? '', parts.slice(2).join('/'));
    if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');

    // /jira/browse/KEY
    if (parts[0] === 'jira' && parts[1] === 'browse' && parts.length === 3) return issuePage(req, res, parts[2] ?? '');
    // /jira/projects/KEY/apps/MODULE
    if (parts[0] === 'jira' && parts[1] === 'projects' && parts[3] === 'apps' && parts.length === 5) return projectPage(req, res, parts[2] ?? '', parts[4] ?? '');
    // /jira/apps/MODULE
    if (parts[0] === 'jira' && parts[1] === 'apps' && parts.length === 3) return appPage(req, res, parts[2] ?? '', 'jira:globalPage');
    // /jira/settings/apps/MODULE
    if (parts[0] === 'jira' && parts[1] === 'settings' && parts[2] === 'apps' && parts.length === 4) return appPage(req, res, parts[3] ?? '', 'jira:adminPage');
    // /wiki/spaces/SPACE/pages/ID[/slug]
    if (parts[0] === 'wiki' && parts[1] === 'spaces' && parts[3] === 'pages' && parts.length >= 5) return wikiPage(req, res, parts[4] ?? '', parts[2] ?? '');
    if (parts[0] === 'wiki' && parts[1] === 'pages' && parts.length === 3) return wikiPage(req, res, parts[2] ?? '', null);

    page(res, req, 404, 'Not found', messagePage('Page not found', `The sandbox has no page at ${path}.`), 'sandbox');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('ui-host:', e);
      if (!res.headersSent) send(res, 500, 'text/html; charset=utf-8', `<h1>UI host error</h1><pre>${esc(e instanceof Error ? (e.stack ?? e.message) : String(e))}</pre>`);
      else res.end();
    });
  });

  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      hostOrigin = `http://127.0.0.1:${port}`;
      resolveStart({
        url: hostOrigin,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
