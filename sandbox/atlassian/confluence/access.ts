// Who may see and change what in the emulated Confluence.
// - the app user sees and edits everything (as the brief for the sandbox asks);
// - members (confluence-users and admins) see every non-private space and may write;
// - guests (SiteUser.guestOfSpaceKeys) see only their spaces and may not write;
// - anonymous callers and users without Confluence access see nothing.
// Page read restrictions (inherited from ancestors) and update restrictions apply to everyone but the app.
import { APP_ACCOUNT_ID, type Principal } from '../../core/types';
import type { UserDirectory } from '../site-context';
import type { PrincipalSet, SpaceRecord } from './model';

export type Viewer =
  | { kind: 'app'; accountId: string }
  | { kind: 'member'; accountId: string; groups: ReadonlySet<string> }
  | { kind: 'guest'; accountId: string; groups: ReadonlySet<string>; spaceKeys: ReadonlySet<string> }
  | { kind: 'unlicensed'; accountId: string; groups: ReadonlySet<string> }
  | { kind: 'anonymous' };

export const MEMBER_GROUPS = ['confluence-users', 'confluence-admins', 'site-admins', 'administrators'];

export function resolveViewer(directory: UserDirectory, principal: Principal): Viewer {
  if (principal.kind === 'app') return { kind: 'app', accountId: APP_ACCOUNT_ID };
  if (principal.kind === 'anonymous') return { kind: 'anonymous' };
  if (principal.accountId === APP_ACCOUNT_ID) return { kind: 'app', accountId: APP_ACCOUNT_ID };
  const user = directory.get(principal.accountId);
  if (!user || !user.active) return { kind: 'unlicensed', accountId: principal.accountId, groups: new Set() };
  const groups = new Set(user.groups);
  if (MEMBER_GROUPS.some((g) => groups.has(g))) return { kind: 'member', accountId: user.accountId, groups };
  if (user.guestOfSpaceKeys && user.guestOfSpaceKeys.length > 0) {
    return { kind: 'guest', accountId: user.accountId, groups, spaceKeys: new Set(user.guestOfSpaceKeys.map((k) => k.toUpperCase())) };
  }
  return { kind: 'unlicensed', accountId: user.accountId, groups };
}

export function viewerAccountId(v: Viewer): string | undefined {
  return v.kind === 'anonymous' ? undefined : v.accountId;
}

export function canSeeSpace(v: Viewer, space: SpaceRecord): boolean {
  switch (v.kind) {
    case 'app':
      return true;
    case 'member':
      return !space.private || space.authorId === v.accountId;
    case 'guest':
      return !space.private && v.spaceKeys.has(space.key.toUpperCase());
    default:
      return false;
  }
}

/** May create content (pages, attachments, properties) and change restrictions in a visible space. */
export function canWriteIn(v: Viewer, space: SpaceRecord): boolean {
  return (v.kind === 'app' || v.kind === 'member') && canSeeSpace(v, space);
}

export function canCreateSpace(v: Viewer): boolean {
  return v.kind === 'app' || v.kind === 'member';
}

/** Is the viewer named in a restriction (directly or through a group)? Empty sets restrict nobody. */
export function inPrincipalSet(v: Viewer, set: PrincipalSet): boolean {
  if (set.users.length === 0 && set.groups.length === 0) return true;
  if (v.kind === 'anonymous') return false;
  if (set.users.includes(v.accountId)) return true;
  if (v.kind === 'app') return false;
  return set.groups.some((g) => v.groups.has(g));
}
