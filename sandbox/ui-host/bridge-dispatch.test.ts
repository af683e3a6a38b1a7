// Bridge dispatch: each emulated command against a fake invoke / product fetch, and loud refusal
// of everything else.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { dispatchBridge, HANDLED_COMMANDS, UNSUPPORTED_COMMANDS, type DispatchEnv } from './bridge-dispatch';
import { FrameRegistry } from './frames';
import { readUiModules } from './modules';
import type { BridgeReply, FrameRecord, InvokeRequest, ProductFetchRequest, UiHostManifest } from './types';

const manifest: UiHostManifest = {
  modules: {
    'jira:issueContext': [{ key: 'ctx', resource: 'ui', resolver: { function: 'resolver' }, title: 'Ctx', label: 'Ctx' }],
    'jira:projectPage': [{ key: 'proj', resource: 'ui', resolver: { function: 'resolver' }, title: 'Dashboard' }],
    'jira:globalPage': [{ key: 'glob', resource: 'ui', title: 'Global (no resolver)' }],
    'jira:adminPage': [{ key: 'adm', resource: 'ui', resolver: { function: 'resolver' }, title: 'Settings' }],
    macro: [{ key: 'mac', resource: 'ui', resolver: { function: 'resolver' }, title: 'Macro' }],
  },
  resources: [{ key: 'ui', path: 'static/ui' }],
};

function setup(opts: { status?: number; body?: unknown; accountId?: string | null; moduleKey?: string; colorMode?: 'light' | 'dark' } = {}) {
  const modules = readUiModules(manifest, '/app');
  const invokes: InvokeRequest[] = [];
  const fetches: ProductFetchRequest[] = [];
  const env: DispatchEnv = {
    modules,
    site: { siteUrl: 'https://site.example', cloudId: 'cloud-1', timezone: 'Europe/Kyiv' },
    hostOrigin: 'http://127.0.0.1:4400',
    personas: [
      { accountId: 'u-1', displayName: 'One', role: 'manager' },
      { accountId: 'g-1', displayName: 'Guest', role: 'client-guest' },
    ],
    deps: {
      invoke: async (req) => {
        invokes.push(req);
        return { status: opts.status ?? 200, body: opts.body ?? { ok: true, data: { hello: 'world' } } };
      },
      productFetch: async (req) => {
        fetches.push(req);
        return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"key":"ABC-1"}' };
      },
    },
  };
  const m = modules.get(opts.moduleKey ?? 'ctx');
  assert.ok(m);
  const frame: FrameRecord = new FrameRegistry().create(m, {
    extension: { issue: { id: '1', key: 'ABC-1', type: 'Task' }, project: { id: '10', key: 'ABC', type: 'software' } },
    accountId: opts.accountId === undefined ? 'u-1' : opts.accountId,
    locale: 'uk-UA',
    colorMode: opts.colorMode ?? 'light',
  });
  return { env, frame, invokes, fetches };
}

function okOf(r: BridgeReply): Extract<BridgeReply, { ok: true }> {
  assert.equal(r.ok, true, JSON.stringify(r));
  return r as Extract<BridgeReply, { ok: true }>;
}
function errOf(r: BridgeReply): Extract<BridgeReply, { ok: false }>['error'] {
  assert.equal(r.ok, false, JSON.stringify(r));
  return (r as Extract<BridgeReply, { ok: false }>).error;
}

describe('invoke', () => {
  test('calls the resolver as the frame, with the frame context, and returns its body', async () => {
    const { env, frame, invokes } = setup();
    const r = okOf(await dispatchBridge(frame, 'invoke', { functionKey: 'panel/issue', payload: { a: 1 } }, env));
    assert.deepEqual(r.value, { ok: true, data: { hello: 'world' } });
    assert.equal(invokes.length, 1);
    const req = invokes[0] as InvokeRequest;
    assert.equal(req.moduleKey, 'ctx');
    assert.equal(req.functionKey, 'panel/issue');
    assert.deepEqual(req.payload, { a: 1 });
    assert.equal(req.accountId, 'u-1');
    assert.equal(req.context.accountType, 'licensed');
    assert.equal(req.context.moduleKey, 'ctx');
    assert.deepEqual((req.context.extension as Record<string, unknown>).project, { id: '10', key: 'ABC', type: 'software' });
    assert.equal('theme' in req.context, false, 'the resolver context carries no theme');
  });

  test('missing payload becomes {}; guests are unlicensed, no account is anonymous', async () => {
    const guest = setup({ accountId: 'g-1' });
    await dispatchBridge(guest.frame, 'invoke', { functionKey: 'k' }, guest.env);
    assert.deepEqual(guest.invokes[0]?.payload, {});
    assert.equal(guest.invokes[0]?.context.accountType, 'unlicensed');
    const anon = setup({ accountId: null });
    await dispatchBridge(anon.frame, 'invoke', { functionKey: 'k' }, anon.env);
    assert.equal(anon.invokes[0]?.accountId, null);
    assert.equal(anon.invokes[0]?.context.accountType, 'anonymous');
    assert.equal('accountId' in (anon.invokes[0]?.context ?? {}), false);
  });

  test('with metadata the answer is wrapped as { body, metadata }', async () => {
    const { env, frame } = setup();
    const r = okOf(await dispatchBridge(frame, 'invoke', { functionKey: 'k', payload: {}, metadata: { rateLimitProperties: true } }, env));
    const v = r.value as { body: unknown; metadata: { rateLimitProperties?: Record<string, number> } };
    assert.deepEqual(v.body, { ok: true, data: { hello: 'world' } });
    assert.equal(typeof v.metadata.rateLimitProperties?.rateLimitRemaining, 'number');
  });

  test('a failing invocation rejects with its status', async () => {
    const { env, frame } = setup({ status: 500, body: { message: 'boom' } });
    const e = errOf(await dispatchBridge(frame, 'invoke', { functionKey: 'k' }, env));
    assert.equal(e.kind, 'invoke-failed');
    assert.match(e.message, /status 500.*boom/);
  });

  test('bad payloads and modules without a resolver are refused', async () => {
    const { env, frame } = setup();
    assert.equal(errOf(await dispatchBridge(frame, 'invoke', { payload: {} }, env)).kind, 'bad-payload');
    assert.equal(errOf(await dispatchBridge(frame, 'invoke', 'x', env)).kind, 'bad-payload');
    const g = setup({ moduleKey: 'glob' });
    const e = errOf(await dispatchBridge(g.frame, 'invoke', { functionKey: 'k' }, g.env));
    assert.equal(e.kind, 'invoke-failed');
    assert.equal(g.invokes.length, 0);
  });
});

test('getContext returns the product context of the frame', async () => {
  const { env, frame } = setup({ colorMode: 'dark' });
  const ctx = okOf(await dispatchBridge(frame, 'getContext', undefined, env)).value as Record<string, unknown>;
  assert.equal(ctx.moduleKey, 'ctx');
  assert.equal(ctx.accountId, 'u-1');
  assert.equal(ctx.cloudId, 'cloud-1');
  assert.equal(ctx.siteUrl, 'https://site.example');
  assert.equal(ctx.locale, 'uk-UA');
  assert.equal(ctx.timezone, 'Europe/Kyiv');
  assert.equal(ctx.environmentType, 'DEVELOPMENT');
  assert.equal(typeof ctx.localId, 'string');
  const ext = ctx.extension as Record<string, unknown>;
  assert.equal(ext.type, 'jira:issueContext');
  assert.deepEqual(ext.issue, { id: '1', key: 'ABC-1', type: 'Task' });
  assert.equal((ctx.theme as Record<string, unknown>).colorMode, 'dark');
});

test('fetchProduct goes to the product as the frame user and answers like the bridge expects', async () => {
  const { env, frame, fetches } = setup();
  const payload = {
    product: 'jira',
    restPath: '/rest/api/3/issue/ABC-1',
    fetchRequestInit: { method: 'post', body: '{"x":1}', headers: [['Content-Type', 'application/json'], ['X-Atlassian-Token', 'no-check']] },
    isMultipartFormData: false,
  };
  const v = okOf(await dispatchBridge(frame, 'fetchProduct', payload, env)).value as Record<string, unknown>;
  assert.deepEqual(v, { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: '{"key":"ABC-1"}', isAttachment: false });
  assert.deepEqual(fetches[0], {
    product: 'jira',
    accountId: 'u-1',
    method: 'POST',
    path: '/rest/api/3/issue/ABC-1',
    headers: { 'content-type': 'application/json', 'x-atlassian-token': 'no-check' },
    body: '{"x":1}',
  });
  assert.equal(errOf(await dispatchBridge(frame, 'fetchProduct', { ...payload, product: 'bitbucket' }, env)).kind, 'unsupported');
  assert.equal(errOf(await dispatchBridge(frame, 'fetchProduct', { ...payload, restPath: 'rest/x' }, env)).kind, 'bad-payload');
});

describe('navigation', () => {
  test('urls and targets map onto host pages', async () => {
    const { env, frame } = setup();
    const nav = async (p: unknown) => okOf(await dispatchBridge(frame, 'navigate', p, env)).effect;
    assert.deepEqual(await nav({ url: '/jira/browse/ABC-2', type: 'same-tab' }), { kind: 'navigate', url: '/jira/browse/ABC-2', newTab: false });
    assert.deepEqual(await nav({ url: 'https://site.example/jira/browse/ABC-2', type: 'new-tab' }), { kind: 'navigate', url: '/jira/browse/ABC-2', newTab: true });
    assert.deepEqual(await nav({ target: 'issue', issueKey: 'ABC-3', type: 'same-tab' }), { kind: 'navigate', url: '/jira/browse/ABC-3', newTab: false });
    assert.deepEqual(await nav({ target: 'module', moduleKey: 'proj', projectKey: 'ABC', type: 'same-tab' }), { kind: 'navigate', url: '/jira/projects/ABC/apps/proj', newTab: false });
    assert.deepEqual(await nav({ target: 'module', moduleKey: 'adm', type: 'same-tab' }), { kind: 'navigate', url: '/jira/settings/apps/adm', newTab: false });
    assert.deepEqual(await nav({ url: 'https://example.org/x', type: 'same-tab' }), { kind: 'navigate', url: 'https://example.org/x', newTab: true });
  });

  test('targets the host cannot show are refused, not ignored', async () => {
    const { env, frame } = setup();
    assert.equal(errOf(await dispatchBridge(frame, 'navigate', { target: 'dashboard', dashboardId: '1' }, env)).kind, 'unsupported');
    assert.equal(errOf(await dispatchBridge(frame, 'navigate', { target: 'module', moduleKey: 'proj' }, env)).kind, 'unsupported');
    assert.equal(errOf(await dispatchBridge(frame, 'navigate', { target: 'module', moduleKey: 'nope' }, env)).kind, 'unsupported');
    assert.equal(errOf(await dispatchBridge(frame, 'navigate', { url: 'javascript:alert(1)' }, env)).kind, 'unsupported');
  });

  test('getUrl gives an absolute host URL', async () => {
    const { env, frame } = setup();
    assert.equal(okOf(await dispatchBridge(frame, 'getUrl', { target: 'issue', issueKey: 'ABC-1' }, env)).value, 'http://127.0.0.1:4400/jira/browse/ABC-1');
  });
});

test('flags, theming, frame id, title', async () => {
  const { env, frame } = setup({ colorMode: 'dark' });
  assert.deepEqual(okOf(await dispatchBridge(frame, 'showFlag', { id: 7, title: 'Saved', type: 'success', isAutoDismiss: true }, env)).effect, {
    kind: 'showFlag',
    flag: { id: '7', title: 'Saved', description: '', type: 'success', isAutoDismiss: true },
  });
  assert.equal(errOf(await dispatchBridge(frame, 'showFlag', { title: 'no id' }, env)).kind, 'bad-payload');
  assert.deepEqual(okOf(await dispatchBridge(frame, 'closeFlag', { id: '7' }, env)).effect, { kind: 'closeFlag', id: '7' });
  const theme = okOf(await dispatchBridge(frame, 'enableTheming', undefined, env)).effect;
  assert.equal(theme?.kind, 'theme');
  if (theme?.kind === 'theme') {
    assert.equal(theme.theme.attrs['data-color-mode'], 'dark');
    assert.match(theme.theme.attrs['data-theme'] ?? '', /dark:dark light:light/);
    assert.ok(theme.theme.stylesheets.includes('/__tokens/dark.css'));
    assert.ok(!theme.theme.stylesheets.includes('/__tokens/light.css'));
  }
  assert.equal(okOf(await dispatchBridge(frame, 'getFrameId', undefined, env)).value, frame.id);
  assert.deepEqual(okOf(await dispatchBridge(frame, 'changeWindowTitle', { title: 'T' }, env)).effect, { kind: 'title', title: 'T' });
});

test('unknown commands and known-but-unemulated ones are refused with distinct kinds', async () => {
  const { env, frame } = setup();
  const unknown = errOf(await dispatchBridge(frame, 'teleport', {}, env));
  assert.equal(unknown.kind, 'unknown-command');
  assert.match(unknown.message, /teleport/);
  const modal = errOf(await dispatchBridge(frame, 'openModal', {}, env));
  assert.equal(modal.kind, 'unsupported');
  assert.match(modal.message, /openModal/);
});

test('every command @forge/bridge can send is either emulated or knowingly refused', () => {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@forge/bridge')); // …/out
  const seen = new Set<string>();
  const walk = (dir: string): void => {
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.js')) for (const m of readFileSync(p, 'utf8').matchAll(/callBridge\)?\(\s*'([A-Za-z]+)'/g)) seen.add(m[1] as string);
    }
  };
  walk(root);
  assert.ok(seen.has('invoke') && seen.has('getContext'), 'the scan finds bridge commands');
  const handled = new Set<string>(HANDLED_COMMANDS);
  const missing = [...seen].filter((c) => !handled.has(c) && !UNSUPPORTED_COMMANDS.has(c));
  assert.deepEqual(missing, [], 'commands of @forge/bridge the host neither emulates nor lists as unsupported');
  assert.deepEqual([...handled].filter((c) => UNSUPPORTED_COMMANDS.has(c)), []);
});
