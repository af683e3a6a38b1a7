// Scenario helpers for contract tests of the emulated site: standard personas, a started site with a
// controllable clock, and a small fetch client that speaks as a principal.
import { FaultInjector } from '../core/faults';
import { RequestLog, type RequestLogEntry } from '../core/request-log';
import { PRINCIPAL_HEADER } from '../core/types';
import { AtlassianSite } from './site';
import type { SiteUser } from './site-context';

const user = (accountId: string, displayName: string, groups: string[], extra: Partial<SiteUser> = {}): SiteUser => ({
  accountId,
  displayName,
  emailAddress: `${displayName.toLowerCase().replace(/\s+/g, '.')}@agency.example`,
  accountType: 'atlassian',
  active: true,
  timeZone: 'Europe/Kyiv',
  locale: 'en_US',
  groups,
  ...extra,
});

/** Personas: an admin, a manager and a specialist (Jira users), a Confluence-only colleague, a client guest. */
export const PEOPLE = {
  admin: user('712020:admin-olena', 'Olena Admin', ['site-admins', 'jira-admins', 'jira-software-users', 'confluence-users']),
  manager: user('712020:manager-ivan', 'Ivan Manager', ['jira-software-users', 'confluence-users']),
  specialist: user('712020:spec-maria', 'Maria Specialist', ['jira-software-users', 'confluence-users']),
  writer: user('712020:writer-oksana', 'Oksana Writer', ['confluence-users']),
  guest: user('712020:guest-acme', 'Acme Client', [], { guestOfSpaceKeys: ['ACME'], emailAddress: 'client@acme.example' }),
} satisfies Record<string, SiteUser>;

export type Who = 'app' | 'anonymous' | keyof typeof PEOPLE | { accountId: string };

export interface CallResult<T = unknown> {
  status: number;
  headers: Headers;
  json: T;
  text: string;
}

export interface TestSite {
  site: AtlassianSite;
  /** The site clock in epoch ms; tests move it with `advance` / `setTime`. */
  clock: { now(): number; advance(ms: number): void; set(ms: number | string): void };
  call<T = unknown>(method: string, path: string, opts?: { as?: Who; body?: unknown; headers?: Record<string, string>; rawBody?: string | Buffer }): Promise<CallResult<T>>;
  /** Log entries where the emulator's response broke the spec. */
  responseViolations(): RequestLogEntry[];
  close(): Promise<void>;
}

export function principalFor(who: Who): string {
  if (who === 'app') return 'app';
  if (who === 'anonymous') return 'none';
  if (typeof who === 'object') return `user:${who.accountId}`;
  return `user:${PEOPLE[who].accountId}`;
}

/** Starts a site seeded with PEOPLE (plus `users`), a movable clock, and the given fault injector. */
export async function setupSite(opts: { users?: SiteUser[]; start?: string | number; faults?: FaultInjector; strict?: boolean } = {}): Promise<TestSite> {
  let t = typeof opts.start === 'number' ? opts.start : Date.parse(opts.start ?? '2026-11-02T09:00:00.000Z');
  const site = await AtlassianSite.start({ now: () => new Date(t), faults: opts.faults ?? new FaultInjector(), log: new RequestLog(), strict: opts.strict ?? true });
  site.seed({ users: [...Object.values(PEOPLE), ...(opts.users ?? [])] });
  const clock = {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    set: (ms: number | string) => {
      t = typeof ms === 'number' ? ms : Date.parse(ms);
    },
  };
  const call = async <T>(method: string, path: string, o: { as?: Who; body?: unknown; headers?: Record<string, string>; rawBody?: string | Buffer } = {}): Promise<CallResult<T>> => {
    const headers: Record<string, string> = { [PRINCIPAL_HEADER]: principalFor(o.as ?? 'app'), accept: 'application/json', ...(o.headers ?? {}) };
    let body: string | Uint8Array<ArrayBuffer> | undefined = o.rawBody === undefined ? undefined : typeof o.rawBody === 'string' ? o.rawBody : Uint8Array.from(o.rawBody);
    if (body === undefined && o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${site.baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json: json as T, text };
  };
  return { site, clock, call, responseViolations: () => site.responseViolations(), close: () => site.close() };
}

/** ADF document with one paragraph. */
export function adf(text: string): { type: 'doc'; version: 1; content: unknown[] } {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/** Creates a project as the app (company-managed software unless a template is given). */
export async function createProject(t: TestSite, key: string, opts: { name?: string; lead?: string; template?: string; type?: string } = {}): Promise<{ id: number; key: string }> {
  const body: Record<string, unknown> = { key, name: opts.name ?? `Client ${key}`, leadAccountId: opts.lead ?? PEOPLE.manager.accountId, projectTypeKey: opts.type ?? 'software' };
  if (opts.template) body.projectTemplateKey = opts.template;
  const r = await t.call<{ id: number; key: string }>('POST', '/rest/api/3/project', { body });
  if (r.status !== 201) throw new Error(`createProject ${key}: ${r.status} ${r.text}`);
  return r.json;
}

/** Creates an issue as the app; returns its key and id. */
export async function createIssue(t: TestSite, fields: Record<string, unknown>, as: Who = 'app'): Promise<{ id: string; key: string }> {
  const r = await t.call<{ id: string; key: string }>('POST', '/rest/api/3/issue', { as, body: { fields } });
  if (r.status !== 201) throw new Error(`createIssue: ${r.status} ${r.text}`);
  return r.json;
}
