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
