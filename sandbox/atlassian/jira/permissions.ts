// Who may do what in the emulated Jira. A deliberately small model of permission schemes:
//  - the app user (asApp) has every permission;
//  - site admins (groups site-admins, jira-admins, administrators) administer Jira and every project;
//  - Jira users (jira-software-users, jira-users) work in every project they may browse;
//  - the project lead also administers their project;
//  - Confluence guests, customers, users without a Jira group and anonymous callers get nothing.
// A project may be restricted to a list of users (JiraState.setProjectAccess).
import { APP_ACCOUNT_ID, type Principal } from '../../core/types';
import type { SiteUser, UserDirectory } from '../site-context';
import type { JiraProject } from './model';

export const ADMIN_GROUPS = ['site-admins', 'jira-admins', 'administrators'];
export const JIRA_USER_GROUPS = ['jira-software-users', 'jira-users', 'jira-core-users', 'jira-work-management-users'];

export interface PermissionDef {
  key: string;
  id: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

const def = (key: string, id: string, name: string, type: 'GLOBAL' | 'PROJECT', description: string): PermissionDef => ({ key, id, name, type, description });

export const PERMISSIONS: PermissionDef[] = [
  def('ADMINISTER', '0', 'Administer Jira', 'GLOBAL', 'Create and administer projects, issue types, fields, workflows and schemes.'),
  def('SYSTEM_ADMIN', '44', 'Administer Jira system', 'GLOBAL', 'Configure Jira system settings.'),
  def('USER_PICKER', '27', 'Browse users and groups', 'GLOBAL', 'View and select users or groups from the user picker.'),
  def('CREATE_SHARED_OBJECTS', '22', 'Share dashboards and filters', 'GLOBAL', 'Share dashboards and filters with other users.'),
  def('MANAGE_GROUP_FILTER_SUBSCRIPTIONS', '24', 'Manage group filter subscriptions', 'GLOBAL', 'Create and delete group filter subscriptions.'),
  def('BULK_CHANGE', '33', 'Make bulk changes', 'GLOBAL', 'Modify collections of issues at once.'),
  def('ADMINISTER_PROJECTS', '23', 'Administer projects', 'PROJECT', 'Ability to administer a project in Jira.'),
  def('BROWSE_PROJECTS', '10', 'Browse projects', 'PROJECT', 'Ability to browse projects and the issues within them.'),
  def('VIEW_DEV_TOOLS', '29', 'View development tools', 'PROJECT', 'Ability to see development information.'),
  def('VIEW_READONLY_WORKFLOW', '45', 'View read-only workflow', 'PROJECT', 'Ability to view a read-only version of a workflow.'),
  def('CREATE_ISSUES', '11', 'Create issues', 'PROJECT', 'Ability to create issues.'),
  def('EDIT_ISSUES', '12', 'Edit issues', 'PROJECT', 'Ability to edit issues.'),
  def('TRANSITION_ISSUES', '46', 'Transition issues', 'PROJECT', 'Ability to transition issues.'),
  def('SCHEDULE_ISSUES', '28', 'Schedule issues', 'PROJECT', 'Ability to set or edit due dates.'),
  def('MOVE_ISSUES', '25', 'Move issues', 'PROJECT', 'Ability to move issues between projects.'),
  def('ASSIGN_ISSUES', '13', 'Assign issues', 'PROJECT', 'Ability to assign issues to other people.'),
  def('ASSIGNABLE_USER', '17', 'Assignable user', 'PROJECT', 'Users with this permission may be assigned to issues.'),
  def('RESOLVE_ISSUES', '14', 'Resolve issues', 'PROJECT', 'Ability to resolve and reopen issues.'),
  def('CLOSE_ISSUES', '18', 'Close issues', 'PROJECT', 'Ability to close issues.'),
  def('MODIFY_REPORTER', '30', 'Modify reporter', 'PROJECT', 'Ability to modify the reporter when creating or editing an issue.'),
  def('DELETE_ISSUES', '16', 'Delete issues', 'PROJECT', 'Ability to delete issues.'),
  def('LINK_ISSUES', '21', 'Link issues', 'PROJECT', 'Ability to link issues together.'),
  def('SET_ISSUE_SECURITY', '26', 'Set issue security', 'PROJECT', 'Ability to set the level of security on an issue.'),
  def('VIEW_VOTERS_AND_WATCHERS', '31', 'View voters and watchers', 'PROJECT', 'Ability to view the voters and watchers of an issue.'),
  def('MANAGE_WATCHERS', '32', 'Manage watchers', 'PROJECT', 'Ability to manage the watchers of an issue.'),
  def('ADD_COMMENTS', '15', 'Add comments', 'PROJECT', 'Ability to comment on issues.'),
  def('EDIT_ALL_COMMENTS', '34', 'Edit all comments', 'PROJECT', 'Ability to edit all comments made on issues.'),
  def('EDIT_OWN_COMMENTS', '35', 'Edit own comments', 'PROJECT', 'Ability to edit own comments made on issues.'),
  def('DELETE_ALL_COMMENTS', '36', 'Delete all comments', 'PROJECT', 'Ability to delete all comments made on issues.'),
  def('DELETE_OWN_COMMENTS', '37', 'Delete own comments', 'PROJECT', 'Ability to delete own comments made on issues.'),
  def('CREATE_ATTACHMENTS', '19', 'Create attachments', 'PROJECT', 'Users with this permission may create attachments.'),
  def('DELETE_ALL_ATTACHMENTS', '38', 'Delete all attachments', 'PROJECT', 'Users with this permission may delete all attachments.'),
  def('DELETE_OWN_ATTACHMENTS', '39', 'Delete own attachments', 'PROJECT', 'Users with this permission may delete own attachments.'),
  def('WORK_ON_ISSUES', '20', 'Work on issues', 'PROJECT', 'Ability to log work done against an issue.'),
  def('EDIT_OWN_WORKLOGS', '40', 'Edit own worklogs', 'PROJECT', 'Ability to edit own worklogs made on issues.'),
  def('EDIT_ALL_WORKLOGS', '41', 'Edit all worklogs', 'PROJECT', 'Ability to edit all worklogs made on issues.'),
  def('DELETE_OWN_WORKLOGS', '42', 'Delete own worklogs', 'PROJECT', 'Ability to delete own worklogs made on issues.'),
  def('DELETE_ALL_WORKLOGS', '43', 'Delete all worklogs', 'PROJECT', 'Ability to delete all worklogs made on issues.'),
];

export const PERMISSION_BY_KEY = new Map(PERMISSIONS.map((p) => [p.key, p]));

/** What a plain Jira user gets in a project they can browse. */
const MEMBER_PROJECT_PERMISSIONS = [
  'BROWSE_PROJECTS',
  'VIEW_DEV_TOOLS',
  'VIEW_READONLY_WORKFLOW',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'SCHEDULE_ISSUES',
  'MOVE_ISSUES',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'RESOLVE_ISSUES',
  'CLOSE_ISSUES',
  'LINK_ISSUES',
  'VIEW_VOTERS_AND_WATCHERS',
  'MANAGE_WATCHERS',
  'ADD_COMMENTS',
  'EDIT_OWN_COMMENTS',
  'DELETE_OWN_COMMENTS',
  'CREATE_ATTACHMENTS',
  'DELETE_OWN_ATTACHMENTS',
  'WORK_ON_ISSUES',
  'EDIT_OWN_WORKLOGS',
  'DELETE_OWN_WORKLOGS',
];
const MEMBER_GLOBAL_PERMISSIONS = ['USER_PICKER', 'CREATE_SHARED_OBJECTS', 'BULK_CHANGE'];
const ALL_PROJECT = PERMISSIONS.filter((p) => p.type === 'PROJECT').map((p) => p.key);
const ALL_GLOBAL = PERMISSIONS.filter((p) => p.type === 'GLOBAL').map((p) => p.key);

export type JiraActor =
  | { kind: 'app'; accountId: string }
  | { kind: 'admin'; accountId: string; user: SiteUser }
  | { kind: 'member'; accountId: string; user: SiteUser }
  /** Known user without Jira access (a guest, a customer, no Jira group, deactivated). */
  | { kind: 'outsider'; accountId: string; user?: SiteUser }
  | { kind: 'anonymous' };

export function hasJiraAccess(user: SiteUser | undefined): boolean {
  if (!user || !user.active || user.accountType !== 'atlassian') return false;
  if (user.guestOfSpaceKeys !== undefined && !user.groups.some((g) => ADMIN_GROUPS.includes(g))) return false;
  return user.groups.some((g) => ADMIN_GROUPS.includes(g) || JIRA_USER_GROUPS.includes(g));
}

export function resolveActor(directory: UserDirectory, principal: Principal): JiraActor {
  if (principal.kind === 'app') return { kind: 'app', accountId: APP_ACCOUNT_ID };
  if (principal.kind === 'anonymous') return { kind: 'anonymous' };
  if (principal.accountId === APP_ACCOUNT_ID) return { kind: 'app', accountId: APP_ACCOUNT_ID };
  const user = directory.get(principal.accountId);
  if (!user || !hasJiraAccess(user)) return { kind: 'outsider', accountId: principal.accountId, user };
  if (user.groups.some((g) => ADMIN_GROUPS.includes(g))) return { kind: 'admin', accountId: user.accountId, user };
  return { kind: 'member', accountId: user.accountId, user };
}

export function actorAccountId(a: JiraActor): string | undefined {
  return a.kind === 'anonymous' ? undefined : a.accountId;
}

export function globalPermissions(a: JiraActor): Set<string> {
  if (a.kind === 'app' || a.kind === 'admin') return new Set(ALL_GLOBAL);
  if (a.kind === 'member') return new Set(MEMBER_GLOBAL_PERMISSIONS);
  return new Set();
}

export function projectPermissions(a: JiraActor, project: JiraProject): Set<string> {
  if (a.kind === 'app' || a.kind === 'admin') return new Set(ALL_PROJECT);
  if (a.kind !== 'member') return new Set();
  if (project.browseAccountIds && !project.browseAccountIds.has(a.accountId) && project.leadAccountId !== a.accountId) return new Set();
  const out = new Set(MEMBER_PROJECT_PERMISSIONS);
  if (project.leadAccountId === a.accountId) for (const p of ALL_PROJECT) out.add(p);
  return out;
}

export function can(a: JiraActor, project: JiraProject, permission: string): boolean {
  return projectPermissions(a, project).has(permission);
}

export function isJiraAdmin(a: JiraActor): boolean {
  return a.kind === 'app' || a.kind === 'admin';
}

/** May this user be an issue's assignee in the project? */
export function isAssignable(directory: UserDirectory, accountId: string, project: JiraProject): boolean {
  const actor = resolveActor(directory, { kind: 'user', accountId });
  if (actor.kind !== 'member' && actor.kind !== 'admin') return false;
  return can(actor, project, 'ASSIGNABLE_USER');
}
