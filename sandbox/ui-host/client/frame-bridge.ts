// Runs first inside every Custom UI iframe (served as /__bridge.js?frame=<id>). Defines
// window.__bridge.callBridge the way the product does: each call goes to the parent page by
// postMessage and comes back as a promise. Also applies product theming after enableTheming,
// reports the frame's content height, and makes CSP violations and uncaught errors visible.
import type { ThemeApply } from '../types';

interface Pending {
  resolve(value: unknown): void;
  reject(reason: Error): void;
  cmd: string;
}

interface HostReply {
  source: 'forge-host';
  type: 'reply';
  callId: number;
  ok: boolean;
  value?: unknown;
  error?: { kind: string; message: string };
  theme?: ThemeApply;
}

interface HostTheme {
  source: 'forge-host';
  type: 'theme';
  theme: ThemeApply;
}

const WATCHDOG_MS = 10_000;

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const frameId = script ? (new URL(script.src).searchParams.get('frame') ?? '') : '';
  const origin = window.location.origin;
  const pending = new Map<number, Pending>();
  let seq = 0;

  const toParent = (msg: Record<string, unknown>): void => window.parent.postMessage({ source: 'forge-frame', frameId, ...msg }, origin);
  const report = (kind: string, message: string): void => toParent({ type: 'report', kind, message });

  // The product can't carry functions across frames; @forge/bridge callbacks would need proxying.
  function findFunction(value: unknown, path: string, seen: Set<unknown>): string | null {
    if (typeof value === 'function') return path;
    if (typeof value !== 'object' || value === null || seen.has(value)) return null;
    seen.add(value);
    for (const [k, v] of Object.entries(value)) {
      const hit = findFunction(v, `${path}.${k}`, seen);
      if (hit) return hit;
    }
    return null;
  }

  function applyTheme(theme: ThemeApply): Promise<void> {
    const html = document.documentElement;
    for (const [k, v] of Object.entries(theme.attrs)) html.setAttribute(k, v);
    const loads: Array<Promise<void>> = [];
    const wanted = new Set(theme.stylesheets);
    for (const link of Array.from(document.querySelectorAll<HTMLLinkElement>('link[data-forge-tokens]'))) {
      if (!wanted.has(link.getAttribute('href') ?? '')) link.remove();
      else wanted.delete(link.getAttribute('href') ?? '');
    }
    for (const href of wanted) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.setAttribute('data-forge-tokens', '');
      loads.push(
        new Promise<void>((resolve) => {
          link.onload = () => resolve();
          link.onerror = () => {
            report('error', `theme stylesheet ${href} failed to load`);
            resolve();
          };
        }),
      );
      document.head.appendChild(link);
    }
    return Promise.all(loads).then(() => undefined);
  }

  window.addEventListener('message', (ev: MessageEvent) => {
    if (ev.source !== window.parent || ev.origin !== origin) return;
    const data = ev.data as HostReply | HostTheme | null;
    if (!data || data.source !== 'forge-host') return;
    if (data.type === 'theme') {
      void applyTheme(data.theme);
      return;
    }
    if (data.type !== 'reply') return;
    const p = pending.get(data.callId);
    if (!p) return;
    pending.delete(data.callId);
    if (!data.ok) {
      p.reject(new Error(data.error?.message ?? `Bridge command "${p.cmd}" failed`));
      return;
    }
    if (data.theme) void applyTheme(data.theme).then(() => p.resolve(data.value));
    else p.resolve(data.value);
  });

  function callBridge(cmd: string, payload?: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (typeof cmd !== 'string' || cmd.length === 0) {
        reject(new Error('callBridge: command must be a non-empty string'));
        return;
      }
      const fn = findFunction(payload, 'payload', new Set());
      if (fn) {
        const message = `Bridge command "${cmd}": ${fn} is a function; the sandbox UI host does not proxy callbacks`;
        console.error(`[forge sandbox] ${message}`);
        report('unsupported', message);
        reject(new Error(message));
        return;
      }
      seq += 1;
      const callId = seq;
      pending.set(callId, { resolve, reject, cmd });
      // A call the host never answers would hang the app silently; say so (the call stays pending).
      setTimeout(() => {
        if (pending.has(callId)) report('bridge', `no answer to "${cmd}" after ${WATCHDOG_MS / 1000} s`);
      }, WATCHDOG_MS);
      try {
        toParent({ type: 'call', callId, cmd, payload });
      } catch (e) {
        pending.delete(callId);
        reject(new Error(`callBridge("${cmd}"): payload can't be sent to the host: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
  }

  Object.defineProperty(window, '__bridge', { value: Object.freeze({ callBridge }), writable: false, configurable: false });

  document.addEventListener('securitypolicyviolation', (e: SecurityPolicyViolationEvent) => {
    report('csp', `CSP ${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'}${e.sourceFile ? ` (${e.sourceFile}:${e.lineNumber})` : ''}`);
  });
  window.addEventListener('error', (e: ErrorEvent) => report('error', e.message || 'uncaught error'));
  window.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
    const r: unknown = e.reason;
    report('error', `unhandled rejection: ${r instanceof Error ? r.message : String(r)}`);
  });

  // Content height, for frames the host sizes to their content (modules without viewportSize).
  let last = -1;
  const measure = (): void => {
    const body = document.body;
    if (!body) return;
    const style = getComputedStyle(body);
    const h = Math.ceil(body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    if (h !== last) {
      last = h;
      toParent({ type: 'size', height: h });
    }
  };
  const observe = (): void => {
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(document.body);
  };
  if (document.body) observe();
  else document.addEventListener('DOMContentLoaded', observe, { once: true });
})();
