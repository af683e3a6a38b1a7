// The product side of `window.__bridge.callBridge(cmd, payload)`: one function per command the
// sandbox emulates. Commands it doesn't emulate are refused loudly, never answered with a default.
import type { UiModule } from './modules';
import { isUnlicensed } from './modules';
import { frameContext, invokeContext, type SiteInfo } from './frames';
import { pathForLocation } from './navigation';
import { themeApply } from './theme';
import type { BridgeReply, FrameRecord, HostFlag, UiHostDeps, UiHostPersona } from './types';

export interface DispatchEnv {
  deps: Pick<UiHostDeps, 'invoke' | 'productFetch'>;
  modules: Map<string, UiModule>;
  site: SiteInfo;
  /** Origin of the host, for `getUrl`. */
  hostOrigin: string;
  personas: UiHostPersona[];
}

/** Commands @forge/bridge 7.2 can send that the sandbox knowingly does not emulate. */
export const UNSUPPORTED_COMMANDS: ReadonlySet<string> = new Set([
  'fetchRemote', 'submit', 'close', 'onClose', 'open', 'refresh', 'createHistory', 'getFrameDispatch', 'openModal',
  'emit', 'on', 'emitPublic', 'onPublic', 'subscribeRealtimeChannel', 'publishRealtimeChannel', 'openRovo',
  'isRovoEnabled', 'getCookieConsentPreferences', 'initFeatureFlags', 'emitFrontendCustomMetric',
  'requestTeamworkGraph', 'fetchUserRecommendations', 'trackObjectStoreAction', 'reconcile', 'onError',
]);

export const HANDLED_COMMANDS = [
  'invoke', 'getContext', 'fetchProduct', 'enableTheming', 'navigate', 'getUrl', 'showFlag', 'closeFlag',
  'getFrameId', 'changeWindowTitle', 'emitReadyEvent', 'reload',
] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (kind: Extract<BridgeReply, { ok: false }>['error']['kind'], message: string): BridgeReply => ({ ok: false, error: { kind, message } });
const okValue = (value: unknown): BridgeReply => ({ ok: true, value });

function accountType(frame: FrameRecord, personas: UiHostPersona[]): 'licensed' | 'unlicensed' | 'anonymous' {
  if (!frame.accountId) return 'anonymous';
  const p = personas.find((x) => x.accountId === frame.accountId);
  return p && isUnlicensed(p.role) ? 'unlicensed' : 'licensed';
}

async function invoke(frame: FrameRecord, payload: unknown, env: DispatchEnv): Promise<BridgeReply> {
  if (!isObj(payload) || typeof payload.functionKey !== 'string' || payload.functionKey.length === 0) {
    return fail('bad-payload', 'invoke: payload must be { functionKey: string, payload?, metadata? }');
  }
  if (!frame.hasResolver) return fail('invoke-failed', `invoke: module ${frame.moduleKey} declares no resolver in manifest.yml`);
  const r = await env.deps.invoke({
    moduleKey: frame.moduleKey,
    functionKey: payload.functionKey,
    payload: payload.payload ?? {},
    accountId: frame.accountId,
    context: invokeContext(frame, env.site, accountType(frame, env.personas)),
  });
  if (r.status < 200 || r.status >= 300) {
    const detail = isObj(r.body) && typeof r.body.message === 'string' ? r.body.message : JSON.stringify(r.body ?? null).slice(0, 300);
    return fail('invoke-failed', `There was an error invoking the function - ${payload.functionKey} (status ${r.status}): ${detail}`);
  }
  // With `metadata`, the product wraps the answer as { body, metadata } (bridge changelog 2026-08).
  if (isObj(payload.metadata)) {
    const metadata: Obj = {};
    if (payload.metadata.rateLimitProperties === true) metadata.rateLimitProperties = { rateLimitLimit: 500, rateLimitRemaining: 499, rateLimitReset: 25 };
    return okValue({ body: r.body, metadata });
  }
  return okValue(r.body);
}

function headerRecord(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(h)) {
    for (const pair of h) if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') out[pair[0].toLowerCase()] = pair[1];
  } else if (isObj(h)) {
    for (const [k, v] of Object.entries(h)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  }
  return out;
}

async function fetchProduct(frame: FrameRecord, payload: unknown, env: DispatchEnv): Promise<BridgeReply> {
  if (!isObj(payload) || typeof payload.restPath !== 'string' || !payload.restPath.startsWith('/')) {
    return fail('bad-payload', 'fetchProduct: payload must be { product, restPath: "/rest/…", fetchRequestInit }');
  }
  const product = payload.product;
  if (product !== 'jira' && product !== 'confluence') return fail('unsupported', `fetchProduct: product "${String(product)}" is not emulated`);
  if (payload.isMultipartFormData === true) return fail('unsupported', 'fetchProduct: multipart uploads are not emulated');
  const init = isObj(payload.fetchRequestInit) ? payload.fetchRequestInit : {};
  const method = typeof init.method === 'string' ? init.method.toUpperCase() : 'GET';
  const body = typeof init.body === 'string' ? init.body : undefined;
  const r = await env.deps.productFetch({ product, accountId: frame.accountId, method, path: payload.restPath, headers: headerRecord(init.headers), body });
  return okValue({ status: r.status, statusText: statusText(r.status), headers: r.headers, body: r.body, isAttachment: false });
}

function statusText(status: number): string {
  const texts: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' };
  return texts[status] ?? '';
}

function flagFrom(payload: unknown): HostFlag | null {
  if (!isObj(payload)) return null;
  const id = typeof payload.id === 'string' || typeof payload.id === 'number' ? String(payload.id) : null;
  if (!id) return null;
  const kinds = ['info', 'success', 'warning', 'error'] as const;
  const pickKind = (v: unknown) => kinds.find((k) => k === v);
  return {
    id,
    title: typeof payload.title === 'string' ? payload.title : '',
    description: typeof payload.description === 'string' ? payload.description : '',
    type: pickKind(payload.appearance) ?? pickKind(payload.type) ?? 'info',
    isAutoDismiss: payload.isAutoDismiss === true,
  };
}

export async function dispatchBridge(frame: FrameRecord, cmd: string, payload: unknown, env: DispatchEnv): Promise<BridgeReply> {
  switch (cmd) {
    case 'invoke':
      return invoke(frame, payload, env);
    case 'getContext':
      return okValue(frameContext(frame, env.site));
    case 'fetchProduct':
      return fetchProduct(frame, payload, env);
    case 'enableTheming':
      return { ok: true, value: undefined, effect: { kind: 'theme', theme: themeApply(frame.colorMode) } };
    case 'navigate': {
      if (!isObj(payload)) return fail('bad-payload', 'navigate: payload must be { url } or { target, … }');
      const nav = pathForLocation(payload, env.modules, env.site.siteUrl);
      if (!nav.ok) return fail('unsupported', nav.message);
      return { ok: true, value: undefined, effect: { kind: 'navigate', url: nav.path, newTab: payload.type === 'new-tab' || nav.external } };
    }
    case 'getUrl': {
      if (!isObj(payload)) return fail('bad-payload', 'getUrl: payload must be a navigation location');
      const nav = pathForLocation(payload, env.modules, env.site.siteUrl);
      if (!nav.ok) return fail('unsupported', nav.message);
      return okValue(nav.external ? nav.path : `${env.hostOrigin}${nav.path}`);
    }
    case 'showFlag': {
      const flag = flagFrom(payload);
      if (!flag) return fail('bad-payload', 'showFlag: "id" must be defined in flag options');
      return { ok: true, value: undefined, effect: { kind: 'showFlag', flag } };
    }
    case 'closeFlag': {
      if (!isObj(payload) || (typeof payload.id !== 'string' && typeof payload.id !== 'number')) return fail('bad-payload', 'closeFlag: payload must be { id }');
      return { ok: true, value: true, effect: { kind: 'closeFlag', id: String(payload.id) } };
    }
    case 'getFrameId':
      return okValue(frame.id);
    case 'changeWindowTitle': {
      if (!isObj(payload) || typeof payload.title !== 'string') return fail('bad-payload', 'changeWindowTitle: payload must be { title }');
      return { ok: true, value: undefined, effect: { kind: 'title', title: payload.title } };
    }
    case 'emitReadyEvent':
      return okValue(undefined);
    case 'reload':
      return { ok: true, value: undefined, effect: { kind: 'reload' } };
    default:
      if (UNSUPPORTED_COMMANDS.has(cmd)) return fail('unsupported', `Bridge command "${cmd}" exists in @forge/bridge but the sandbox UI host does not emulate it`);
      return fail('unknown-command', `Unknown bridge command "${cmd}"`);
  }
}
