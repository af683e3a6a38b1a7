// An in-process Confluence for contract tests and seeding: routes + a small user directory + a spec
// check of every request and response against the pinned OpenAPI files (the same validator the site uses).
import { APP_ACCOUNT_ID, type Principal } from '../../core/types';
import { createSpecValidator, type SpecValidator } from '../openapi';
import type { SiteContext, SiteUser, UserDirectory } from '../site-context';
import { createConfluenceRoutes, type ConfluenceRoutes } from './index';
import { callRoute, type InProcessResponse } from './in-process';
import type { ConfluenceOptions } from './state';

export class MemoryDirectory implements UserDirectory {
  private readonly users = new Map<string, SiteUser>();
  constructor(users: SiteUser[] = []) {
    for (const u of users) this.upsert(u);
  }
  get(accountId: string): SiteUser | undefined {
    return this.users.get(accountId);
  }
  all(): SiteUser[] {
    return [...this.users.values()];
  }
  upsert(user: SiteUser): void {
    this.users.set(user.accountId, user);
  }
  isSiteAdmin(accountId: string): boolean {
    return this.users.get(accountId)?.groups.includes('site-admins') ?? false;
  }
}

/** The people every Confluence test scenario can use. */
export const HARNESS_USERS = {
  app: { accountId: APP_ACCOUNT_ID, displayName: 'Retainer', accountType: 'app', active: true, groups: ['confluence-users'] },
  manager: { accountId: '5b10a2844c20165700ede21g', displayName: 'Olena Manager', accountType: 'atlassian', active: true, groups: ['confluence-users', 'jira-software-users', 'agency-staff'] },
  colleague: { accountId: '5b10a2844c20165700ede22h', displayName: 'Ihor Colleague', accountType: 'atlassian', active: true, groups: ['confluence-users', 'agency-staff'] },
  clientGuest: { accountId: '712020:client-guest-acme', displayName: 'Acme Client', accountType: 'atlassian', active: true, groups: [], guestOfSpaceKeys: ['ACME'] },
  otherGuest: { accountId: '712020:client-guest-beta', displayName: 'Beta Client', accountType: 'atlassian', active: true, groups: [], guestOfSpaceKeys: ['BETA'] },
  jiraOnly: { accountId: '5b10a2844c20165700ede23i', displayName: 'Jira Only', accountType: 'atlassian', active: true, groups: ['jira-software-users'] },
} satisfies Record<string, SiteUser>;

export interface HarnessCallOptions {
  /** 'app', 'anonymous', an accountId, or a Principal. Default: the app. */
  as?: Principal | string;
  body?: unknown;
  rawBody?: Buffer;
  headers?: Record<string, string>;
}

export interface ConfluenceHarness {
  ctx: SiteContext;
  directory: MemoryDirectory;
  routes: ConfluenceRoutes;
  /** Spec problems seen so far, one line per problem ("METHOD path: message"). */
  violations: string[];
  call(method: string, url: string, opts?: HarnessCallOptions): Promise<InProcessResponse>;
}

function toPrincipal(as: Principal | string | undefined): Principal {
  if (as === undefined || as === 'app') return { kind: 'app' };
  if (as === 'anonymous') return { kind: 'anonymous' };
  if (typeof as === 'string') return { kind: 'user', accountId: as };
  return as;
}

function validatorFor(path: string): SpecValidator | undefined {
  if (path.startsWith('/wiki/api/v2/')) return createSpecValidator('confluence-v2');
  if (path.startsWith('/wiki/rest/api/')) return createSpecValidator('confluence-v1');
  return undefined;
}

export function createConfluenceHarness(opts: { users?: SiteUser[]; start?: Date; baseUrl?: string; confluence?: ConfluenceOptions } = {}): ConfluenceHarness {
  const directory = new MemoryDirectory(opts.users ?? Object.values(HARNESS_USERS));
  let clock = (opts.start ?? new Date('2026-03-01T09:00:00.000Z')).getTime();
  let id = 10_000;
  const ctx: SiteContext = {
    directory,
    // Each reading advances a second, so versions and uploads get distinct, ordered times.
    now: () => new Date((clock += 1000)),
    baseUrl: opts.baseUrl ?? 'http://127.0.0.1:4100',
    nextId: () => ++id,
  };
  const routes = createConfluenceRoutes(ctx, opts.confluence);
  const violations: string[] = [];
  return {
    ctx,
    directory,
    routes,
    violations,
    async call(method, url, o = {}) {
      const res = await callRoute(routes.router, { method, url, principal: toPrincipal(o.as), body: o.body, rawBody: o.rawBody, headers: o.headers });
      const u = new URL(url, 'http://x');
      const route = routes.router.match(method, u.pathname);
      const undocumented = route.route ? route.route.undocumented === true : true;
      const validator = validatorFor(u.pathname);
      if (validator && !undocumented) {
        const op = validator.findOperation(method, u.pathname);
        if (!op) violations.push(`${method} ${u.pathname}: no such operation in the spec`);
        else {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(o.headers ?? {})) headers[k.toLowerCase()] = v;
          const contentType = headers['content-type'] ?? (o.body !== undefined ? 'application/json' : undefined);
          const reqBody = o.rawBody ?? o.body;
          const problems = [
            ...validator.validateRequest(op, { query: u.searchParams, headers, body: reqBody, contentType }),
            ...validator.validateResponse(op, res.status, res.headers['content-type'], res.body),
          ];
          for (const p of problems) violations.push(`${method} ${u.pathname}: ${p}`);
        }
      }
      return res;
    },
  };
}

// ------------------------------------------------------------------ scenario helpers

interface IdBody {
  id: string;
}

function idOf(body: unknown): string {
  const id = (body as Partial<IdBody> | undefined)?.id;
  if (typeof id !== 'string') throw new Error(`expected an entity with an id, got ${JSON.stringify(body)}`);
  return id;
}

/** A client space (created by the app through v2) with the standard "Reports" page under its homepage. */
export async function setupSpaceWithReportsPage(h: ConfluenceHarness, opts: { key?: string; name?: string } = {}): Promise<{ spaceId: string; homepageId: string; reportsPageId: string }> {
  const space = await h.call('POST', '/wiki/api/v2/spaces', { body: { key: opts.key ?? 'ACME', name: opts.name ?? 'Acme Client' } });
  if (space.status !== 201) throw new Error(`space create failed: ${space.status} ${JSON.stringify(space.body)}`);
  const spaceId = idOf(space.body);
  const homepageId = String((space.body as { homepageId?: unknown }).homepageId);
  const reports = await h.call('POST', '/wiki/api/v2/pages', {
    body: { spaceId, status: 'current', title: 'Reports', body: { representation: 'storage', value: '<p>Monthly reports</p>' } },
  });
  if (reports.status !== 200) throw new Error(`page create failed: ${reports.status} ${JSON.stringify(reports.body)}`);
  return { spaceId, homepageId, reportsPageId: idOf(reports.body) };
}

/** Creates a page and returns its id (throws on failure so scenario set-up errors are loud). */
export async function createPage(
  h: ConfluenceHarness,
  input: { spaceId: string; title: string; parentId?: string; status?: 'current' | 'draft'; storage?: string },
  as?: Principal | string,
): Promise<string> {
  const res = await h.call('POST', '/wiki/api/v2/pages', {
    as,
    body: {
      spaceId: input.spaceId,
      status: input.status ?? 'current',
      title: input.title,
      ...(input.parentId ? { parentId: input.parentId } : {}),
      body: { representation: 'storage', value: input.storage ?? `<p>${input.title.replace(/[<&>]/g, '')}</p>` },
    },
  });
  if (res.status !== 200) throw new Error(`page create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return idOf(res.body);
}

export interface MultipartField {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/** Builds a multipart/form-data body the way HTTP clients do. */
export function multipartBody(fields: MultipartField[], boundary = '----retainer-sandbox-boundary-7d1f'): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const f of fields) {
    let disposition = `form-data; name="${f.name}"`;
    if (f.filename !== undefined) disposition += `; filename="${f.filename.replace(/"/g, '%22')}"`;
    const headers = [`Content-Disposition: ${disposition}`];
    if (f.contentType) headers.push(`Content-Type: ${f.contentType}`);
    chunks.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`, 'utf8'));
    chunks.push(typeof f.data === 'string' ? Buffer.from(f.data, 'utf8') : f.data);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
