// The host page's side of the bridge (served as /__host.js): relays each frame's bridge calls to
// the server, performs what only the page can (navigate, flags, theme, sizing), and shows every
// refusal, CSP violation or frame error in a red banner and the console. Nothing fails silently.
import type { BridgeReply, HostEffect, HostFlag } from '../types';

interface FrameMessage {
  source: 'forge-frame';
  frameId: string;
  type: 'call' | 'size' | 'report';
  callId?: number;
  cmd?: string;
  payload?: unknown;
  height?: number;
  kind?: string;
  message?: string;
}

const LOUD = new Set(['unknown-command', 'unsupported', 'bad-payload', 'frame-gone']);
const origin = window.location.origin;

function frames(): Map<string, HTMLIFrameElement> {
  const map = new Map<string, HTMLIFrameElement>();
  for (const f of Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe[data-frame-id]'))) map.set(f.dataset.frameId ?? '', f);
  return map;
}

/** Every problem ends up here: console.error and a line in the red banner. */
function loud(where: string, message: string): void {
  console.error(`[forge sandbox] ${where}: ${message}`);
  const banner = document.getElementById('host-banner');
  if (!banner) return;
  const list = banner.querySelector('ul');
  const li = document.createElement('li');
  li.textContent = `${where}: ${message}`;
  list?.appendChild(li);
  banner.hidden = false;
  document.body.dataset.hostErrors = String((list?.children.length ?? 0));
}

function showFlag(flag: HostFlag): void {
  const region = document.getElementById('host-flags');
  if (!region) return;
  region.querySelector(`[data-flag-id="${CSS.escape(flag.id)}"]`)?.remove();
  const el = document.createElement('div');
  el.className = `host-flag host-flag--${flag.type}`;
  el.dataset.flagId = flag.id;
  el.setAttribute('role', flag.type === 'error' || flag.type === 'warning' ? 'alert' : 'status');
  const icon = document.createElement('span');
  icon.className = 'host-flag__icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = { info: 'i', success: '✓', warning: '!', error: '×' }[flag.type];
  const text = document.createElement('div');
  text.className = 'host-flag__text';
  const title = document.createElement('strong');
  title.textContent = flag.title;
  text.appendChild(title);
  if (flag.description) {
    const d = document.createElement('p');
    d.textContent = flag.description;
    text.appendChild(d);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'host-flag__close';
  close.setAttribute('aria-label', 'Dismiss');
  close.textContent = '×';
  close.addEventListener('click', () => el.remove());
  el.append(icon, text, close);
  region.appendChild(el);
  if (flag.isAutoDismiss) setTimeout(() => el.remove(), 8000);
}

function applyEffect(effect: HostEffect): void {
  switch (effect.kind) {
    case 'navigate':
      if (effect.newTab) window.open(effect.url, '_blank', 'noopener');
      else window.location.assign(effect.url);
      return;
    case 'showFlag':
      showFlag(effect.flag);
      return;
    case 'closeFlag':
      document.querySelector(`#host-flags [data-flag-id="${CSS.escape(effect.id)}"]`)?.remove();
      return;
    case 'title':
      document.title = effect.title;
      return;
    case 'reload':
      window.location.reload();
      return;
    case 'theme':
      return; // applied by the frame itself when the reply arrives
  }
}

async function relay(frame: HTMLIFrameElement, msg: FrameMessage): Promise<void> {
  const label = frame.dataset.moduleKey ?? msg.frameId;
  let reply: BridgeReply;
  try {
    const r = await fetch('/__bridge/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ frameId: msg.frameId, cmd: msg.cmd, payload: msg.payload ?? null }),
    });
    reply = (await r.json()) as BridgeReply;
  } catch (e) {
    reply = { ok: false, error: { kind: 'frame-gone', message: `host server unreachable: ${e instanceof Error ? e.message : String(e)}` } };
  }
  if (!reply.ok) {
    if (LOUD.has(reply.error.kind)) loud(`${label} → ${String(msg.cmd)}`, reply.error.message);
    else console.warn(`[forge sandbox] ${label} → ${String(msg.cmd)}: ${reply.error.message}`);
  }
  const theme = reply.ok && reply.effect?.kind === 'theme' ? reply.effect.theme : undefined;
  frame.contentWindow?.postMessage(
    { source: 'forge-host', type: 'reply', callId: msg.callId, ok: reply.ok, value: reply.ok ? reply.value : undefined, error: reply.ok ? undefined : reply.error, theme },
    origin,
  );
  if (reply.ok && reply.effect) applyEffect(reply.effect);
}

window.addEventListener('message', (ev: MessageEvent) => {
  if (ev.origin !== origin) return;
  const msg = ev.data as FrameMessage | null;
  if (!msg || msg.source !== 'forge-frame') return;
  const frame = frames().get(msg.frameId);
  if (!frame || frame.contentWindow !== ev.source) {
    loud('bridge', `message from an unknown frame "${String(msg.frameId)}"`);
    return;
  }
  if (msg.type === 'size' && typeof msg.height === 'number') {
    if (frame.dataset.sizing === 'auto') frame.style.height = `${Math.max(Number(frame.dataset.minHeight ?? 0), msg.height)}px`;
    return;
  }
  if (msg.type === 'report') {
    loud(`${frame.dataset.moduleKey ?? msg.frameId} (${String(msg.kind)})`, String(msg.message));
    return;
  }
  if (msg.type === 'call') void relay(frame, msg);
});

// The host page's own CSP violations count too.
document.addEventListener('securitypolicyviolation', (e: SecurityPolicyViolationEvent) => {
  loud('host page CSP', `${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'}`);
});

// Switchers submit on change; without JS they still work with their button.
document.addEventListener('change', (ev) => {
  const t = ev.target;
  if (t instanceof HTMLSelectElement && t.form?.hasAttribute('data-autosubmit')) t.form.submit();
});

// This script runs in <head> (before any frame exists); page elements are wired once parsed.
document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('host-banner-close')?.addEventListener('click', () => {
    const banner = document.getElementById('host-banner');
    if (banner) banner.hidden = true;
  });
});
