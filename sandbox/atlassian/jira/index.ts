// The emulated Jira Cloud platform REST API v3: state plus routes, mounted by site.ts.
import { Router } from '../router';
import type { SiteContext } from '../site-context';
import { makeEnv } from './route-kit';
import { registerIssueRoutes } from './routes-issues';
import { registerPermissionRoutes } from './routes-permissions';
import { registerProjectRoutes } from './routes-projects';
import { registerSearchRoutes } from './routes-search';
import { registerUserRoutes } from './routes-users';
import { registerWorklogRoutes } from './routes-worklogs';
import { JiraState, type JiraSnapshot } from './state';

export interface JiraModule {
  router: Router;
  state: JiraState;
  snapshot(): JiraSnapshot;
}

export function createJiraRoutes(ctx: SiteContext): JiraModule {
  const state = new JiraState(ctx);
  const env = makeEnv(state);
  const router = new Router();
  registerUserRoutes(router, env);
  registerProjectRoutes(router, env);
  registerIssueRoutes(router, env);
  registerSearchRoutes(router, env);
  registerWorklogRoutes(router, env);
  registerPermissionRoutes(router, env);
  return { router, state, snapshot: () => state.snapshot() };
}

export { JiraState, type JiraSnapshot } from './state';
export { JiraError } from './errors';
export { SEARCH_REMOVED_MESSAGE, UNBOUNDED_JQL_MESSAGE } from './routes-search';
export { BULK_CREATE_MAX } from './routes-issues';
export type { JiraIssue, JiraProject, JiraWorklog, JiraComment, IssueType } from './model';
