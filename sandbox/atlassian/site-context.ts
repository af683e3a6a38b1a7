// What the Jira and Confluence route modules share: one user directory, one clock, one base URL.
// Both products are one coherent site (same users, same groups, same app user).

export type AccountType = 'atlassian' | 'app' | 'customer';

export interface SiteUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  accountType: AccountType;
  active: boolean;
  locale?: string;
  timeZone?: string;
  /** Group names, e.g. 'jira-software-users', 'site-admins', 'confluence-users'. */
  groups: string[];
  /** A Confluence guest: may only see the spaces listed here (and nothing in Jira). */
  guestOfSpaceKeys?: string[];
}

export interface UserDirectory {
  get(accountId: string): SiteUser | undefined;
  all(): SiteUser[];
  upsert(user: SiteUser): void;
  isSiteAdmin(accountId: string): boolean;
}

export interface SiteContext {
  directory: UserDirectory;
  /** The site's clock (the sandbox's virtual clock). */
  now(): Date;
  /** e.g. http://127.0.0.1:4100 — used in `self` and `_links` values. */
  baseUrl: string;
  /** Monotonic id source shared by both products so ids never clash. */
  nextId(): number;
}
