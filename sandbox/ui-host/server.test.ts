// The UI host over HTTP: frame HTML gets the bridge first and the production CSP, files stay inside
// the resource, access rules per persona, the bridge endpoint, Confluence macro slots.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { injectBridge } from './http-util';
import { RESOURCE_CSP, startUiHost, type UiHost } from './server';
import type { InvokeRequest, UiHostDeps } from './types';

let dir: string;
let host: UiHost;
const invokes: InvokeRequest[] = [];

const deps = (): UiHostDeps => ({
  appRoot: dir,
  siteUrl: 'https://site.example',
  cloudId: 'cloud-1',
  manifest: {
    modules: {
      'jira:issueContext': [{ key: 'ctx', resource: 'ui', resolver: { function: 'resolver' }, title: 'Ctx', label: 'Ctx', status: { type: 'badge', value: { label: 'Client' } } }],
      'jira:issuePanel': [{ key: 'pnl', resource: 'ui', resolver: { function: 'resolver' }, title: 'Panel', icon: 'resource:ui;icon.svg', viewportSize: 'medium' }],
      'jira:projectPage': [{ key: 'proj', resource: 'ui', resolver: { function: 'resolver' }, title: 'Dashboard' }],
      'jira:globalPage': [{ key: 'glob', resource: 'ui', resolver: { function: 'resolver' }, title: 'Global' }],
      'jira:adminPage': [{ key: 'adm', resource: 'ui', resolver: { function: 'resolver' }, title: 'Settings' }],
      macro: [
        { key: 'charts', resource: 'ui', resolver: { function: 'resolver' }, title: 'Charts', viewportSize: 'large' },
        { key: 'feedback', resource: 'ui', resolver: { function: 'resolver' }, title: 'Feedback', unlicensedAccess: ['unlicensed', 'anonymous'] },
      ],
    },
    resources: [{ key: 'ui', path: 'static/ui' }],
  },
  personas: [
    { accountId: 'u-admin', displayName: 'Admin', role: 'admin' },
    { accountId: 'u-man', displayName: 'Manager', role: 'manager' },
    { accountId: 'g-1', displayName: 'Guest', role: 'client-guest' },
    { accountId: null, displayName: 'Anonymous', role: 'anonymous' },
  ],
  invoke: async (req) => {
    invokes.push(req);
    return { status: 200, body: { ok: true, data: req.functionKey } };
  },
  productFetch: async (req) => {
    if (req.path.startsWith('/rest/api/3/issue/ABC-1')) {
      return {
        status: 200,
        headers: {},
        body: JSON.stringify({ id: '100', key: 'ABC-1', fields: { summary: 'Do <b>it</b>', status: { name: 'To Do' }, project: { id: '10', key: 'ABC', name: 'Abc', projectTypeKey: 'software' } } }),
      };
    }
    if (req.path === '/rest/api/3/project/ABC') return { status: 200, headers: {}, body: JSON.stringify({ id: '10', key: 'ABC', name: 'Abc' }) };
    return { status: 404, headers: {}, body: '{}' };
  },
  renderStoragePage: async (pageId) =>
    pageId === '5'
      ? {
          title: 'Report',
          spaceKey: 'SP',
          html: '<p>Intro</p><div class="cf-forge-macro" data-forge-macro="m1"></div><div data-forge-macro="m2"></div>',
          macros: [
            { placeholderId: 'm1', extensionKey: 'app/env/static/charts', localId: 'l1', parameters: {} },
            { placeholderId: 'm2', extensionKey: 'app/env/static/feedback', localId: 'l2', parameters: { guestParams: { x: 1 } } },
          ],
        }
      : null,
});

async function get(path: string, persona?: string | null): Promise<{ status: number; headers: Headers; text: string }> {
  const cookie = persona === undefined ? undefined : `uihost_persona=${persona ?? '__anonymous'}`;
  const r = await fetch(`${host.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: r.status, headers: r.headers, text: await r.text() };
}

async function bridge(frameId: string, cmd: string, payload: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${host.url}/__bridge/call`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frameId, cmd, payload }) });
  return (await r.json()) as Record<string, unknown>;
}

const frameIds = (html: string, moduleKey?: string): string[] =>
  [...html.matchAll(/<iframe[^>]*data-frame-id="([^"]+)"[^>]*data-module-key="([^"]+)"/g)].filter((m) => !moduleKey || m[2] === moduleKey).map((m) => m[1] as string);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ui-host-'));
  mkdirSync(join(dir, 'static/ui'), { recursive: true });
  writeFileSync(join(dir, 'static/ui/index.html'), '<!doctype html><html><head><meta charset="utf-8"><script src="./main.js" defer></script></head><body></body></html>');
  writeFileSync(join(dir, 'static/ui/main.js'), 'console.log(1)');
  writeFileSync(join(dir, 'static/ui/icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'secret.txt'), 'not for frames');
  host = await startUiHost(deps());
});

after(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

test('injectBridge puts exactly one bridge script first in <head>', () => {
  const out = injectBridge('<html><head><title>x</title><script src="./main.js"></script></head></html>', 'F1');
  assert.match(out, /^<html><head><script src="\/__bridge\.js\?frame=F1"><\/script><title>/);
  assert.equal(out.match(/__bridge\.js/g)?.length, 1);
  assert.match(injectBridge('<p>no head</p>', 'F2'), /^<script src="\/__bridge\.js\?frame=F2"><\/script><p>/);
});

describe('issue view', () => {
  test('renders the issue, escapes product data, and embeds both modules with their declared sizes', async () => {
    const r = await get('/jira/browse/ABC-1', 'u-man');
    assert.equal(r.status, 200);
    assert.match(r.text, /Do &lt;b&gt;it&lt;\/b&gt;/);
    assert.equal(frameIds(r.text).length, 2);
    assert.match(r.text, /data-module-key="pnl" data-sizing="fixed" data-min-height="360"/);
    assert.match(r.text, /data-module-key="ctx" data-sizing="auto"/);
    assert.match(r.text, /sandbox="allow-scripts allow-same-origin allow-forms allow-popups"/);
    assert.match(r.text, /class="card__badge"[^>]*>Client</);
  });

  test('frame HTML carries the bridge and the production CSP; files outside the resource are refused', async () => {
    const page = await get('/jira/browse/ABC-1', 'u-man');
    const id = frameIds(page.text, 'ctx')[0] as string;
    const html = await get(`/__frames/${id}/index.html`);
    assert.equal(html.status, 200);
    assert.equal(html.headers.get('content-security-policy'), RESOURCE_CSP);
    assert.match(html.text, /<head><script src="\/__bridge\.js\?frame=/);
    const js = await get(`/__frames/${id}/main.js`);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('content-security-policy'), RESOURCE_CSP);
    assert.notEqual((await get(`/__frames/${id}/..%2F..%2Fsecret.txt`)).status, 200);
    assert.equal((await get('/__frames/nope/index.html')).status, 404);
    const bridgeJs = await get(`/__bridge.js?frame=${id}`);
    assert.match(bridgeJs.text, /__bridge/);
  });

  test('bridge calls run as the persona the page was rendered for', async () => {
    const page = await get('/jira/browse/ABC-1', 'u-man');
    const id = frameIds(page.text, 'ctx')[0] as string;
    const r = await bridge(id, 'invoke', { functionKey: 'panel/issue', payload: {} });
    assert.deepEqual(r, { ok: true, value: { ok: true, data: 'panel/issue' } });
    const last = invokes.at(-1) as InvokeRequest;
    assert.equal(last.accountId, 'u-man');
    assert.deepEqual((last.context.extension as Record<string, unknown>).issue, { id: '100', key: 'ABC-1', type: '', typeId: '' });
    const unknown = await bridge(id, 'nope', {});
    assert.deepEqual(unknown.ok, false);
    assert.equal((unknown.error as Record<string, unknown>).kind, 'unknown-command');
    const gone = await bridge('missing', 'getContext', null);
    assert.equal((gone.error as Record<string, unknown>).kind, 'frame-gone');
  });

  test('a missing issue is a 404 page without frames', async () => {
    const r = await get('/jira/browse/ZZZ-9', 'u-man');
    assert.equal(r.status, 404);
    assert.equal(frameIds(r.text).length, 0);
  });
});

describe('pages and access', () => {
  test('project page gets the project in its context', async () => {
    const r = await get('/jira/projects/ABC/apps/proj', 'u-man');
    assert.equal(r.status, 200);
    const id = frameIds(r.text, 'proj')[0] as string;
    const ctx = (await bridge(id, 'getContext', null)).value as Record<string, unknown>;
    assert.deepEqual((ctx.extension as Record<string, unknown>).project, { id: '10', key: 'ABC', type: 'software' });
    assert.equal((await get('/jira/projects/NOPE/apps/proj', 'u-man')).status, 404);
  });

  test('admin page only for admins; global page not for anonymous or unlicensed', async () => {
    assert.equal((await get('/jira/settings/apps/adm', 'u-admin')).status, 200);
    assert.equal((await get('/jira/settings/apps/adm', 'u-man')).status, 403);
    assert.equal((await get('/jira/apps/glob', 'u-man')).status, 200);
    assert.equal((await get('/jira/apps/glob', null)).status, 401);
    assert.equal((await get('/jira/apps/glob', 'g-1')).status, 403);
    assert.equal((await get('/jira/apps/adm', 'u-admin')).status, 404, 'an admin page is not a global page');
  });

  test('switchers set cookies and never redirect off the host', async () => {
    const r = await get('/__set?theme=dark&locale=uk-UA&persona=u-man&back=/jira/apps/glob');
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/jira/apps/glob');
    const cookies = r.headers.getSetCookie().join('\n');
    assert.match(cookies, /uihost_theme=dark/);
    assert.match(cookies, /uihost_locale=uk-UA/);
    assert.match(cookies, /uihost_persona=u-man/);
    assert.equal((await get('/__set?back=//evil.example/x')).headers.get('location'), '/');
  });
});

describe('Confluence page', () => {
  test('macros fill their placeholders with the macro config in the context', async () => {
    const r = await get('/wiki/spaces/SP/pages/5', 'u-man');
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.text, /data-forge-macro=/);
    const [charts] = frameIds(r.text, 'charts');
    const [feedback] = frameIds(r.text, 'feedback');
    assert.ok(charts && feedback);
    assert.match(r.text, /data-module-key="charts" data-sizing="fixed" data-min-height="520"/);
    const ctx = (await bridge(feedback, 'getContext', null)).value as Record<string, unknown>;
    assert.equal(ctx.localId, 'l2');
    const ext = ctx.extension as Record<string, unknown>;
    assert.equal(ext.type, 'macro');
    assert.deepEqual(ext.config, { x: 1 });
    assert.deepEqual(ext.content, { id: '5', type: 'page', subtype: null });
    assert.deepEqual(ext.space, { key: 'SP' });
  });

  test('unlicensed and anonymous viewers see only macros that allow them', async () => {
    for (const persona of ['g-1', null]) {
      const r = await get('/wiki/spaces/SP/pages/5', persona);
      assert.equal(frameIds(r.text, 'charts').length, 0);
      assert.equal(frameIds(r.text, 'feedback').length, 1);
      assert.match(r.text, /“Charts” isn&#39;t available to you\./);
    }
  });

  test('short page links redirect to the canonical URL; missing pages are 404', async () => {
    const r = await get('/wiki/pages/5', 'u-man');
    assert.equal(r.status, 302);
    assert.equal(r.headers.get('location'), '/wiki/spaces/SP/pages/5');
    assert.equal((await get('/wiki/spaces/SP/pages/6', 'u-man')).status, 404);
  });
});
