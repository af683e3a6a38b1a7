// Jira's error body is the ErrorCollection: { errorMessages: string[], errors: { field: message } }.
// Route code throws JiraError; the router wrapper turns it into that body.
import type { ApiResponse } from '../router';

export interface ErrorCollectionBody {
  errorMessages: string[];
  errors: Record<string, string>;
  status?: number;
}

export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
    this.name = 'JiraError';
  }

  toResponse(): ApiResponse {
    return jiraErrorResponse(this.status, this.errorMessages, this.errors);
  }
}

export function jiraErrorResponse(status: number, errorMessages: string[], errors: Record<string, string> = {}): ApiResponse {
  const body: ErrorCollectionBody = { errorMessages, errors };
  return { status, body };
}

export const badRequest = (message: string): JiraError => new JiraError(400, [message]);
export const fieldErrors = (errors: Record<string, string>, messages: string[] = []): JiraError => new JiraError(400, messages, errors);
export const notFound = (message: string): JiraError => new JiraError(404, [message]);
export const forbidden = (message: string): JiraError => new JiraError(403, [message]);
export const unauthorized = (): JiraError => new JiraError(401, ['You are not authenticated. Authentication required to perform this operation.']);

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
export const projectNotFound = (idOrKey: string): string => `No project could be found with key '${idOrKey}'.`;
