// Jira-specific failure modes on top of the shared Atlassian ones.
import { ConflictError } from '../../shared/errors';

/** createProject: the key belongs to an existing project (Jira answers 400 with errors.projectKey). */
export class ProjectKeyTakenError extends ConflictError {
  constructor(readonly key: string, message: string) {
    super(`Jira project key ${key} is already taken: ${message}`, { key, service: 'Jira' });
  }
}

/** transitionIssue: the workflow offers no transition into the wanted status category. */
export class NoTransitionError extends ConflictError {
  constructor(readonly issueKey: string, readonly toCategory: string) {
    super(`Jira issue ${issueKey} has no transition into a '${toCategory}' status`, { issueKey, toCategory, service: 'Jira' });
  }
}
