// Shared plumbing for the Jira route modules: who is calling, error translation, small parsers.
import type { ApiRequest, ApiResponse, RouteHandler } from '../router';
import { badRequest, JiraError, notFound, projectNotFound, unauthorized, ISSUE_NOT_FOUND } from './errors';
import { can, resolveActor, type JiraActor } from './permissions';
import type { JiraIssue, JiraProject } from './model';
import { Renderer } from './render';
import type { JiraState } from './state';

export interface JiraEnv {
  state: JiraState;
  r: Renderer;
}

export type JiraHandler = (req: ApiRequest, actor: Exclude<JiraActor, { kind: 'anonymous' }>) => ApiResponse | Promise<ApiResponse>;

/** Wraps a handler: anonymous callers get 401, thrown JiraErrors become ErrorCollection bodies. */
export function jiraRoute(env: JiraEnv, fn: JiraHandler): RouteHandler {
  return async (req) => {
    try {
      const actor = resolveActor(env.state.ctx.directory, req.principal);
      if (actor.kind === 'anonymous') throw unauthorized();
      return await fn(req, actor);
    } catch (e) {
      if (e instanceof JiraError) return e.toResponse();
      throw e;
    }
  };
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): ApiResponse => ({ status, body, headers });
export const noContent = (): ApiResponse => ({ status: 204 });

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Integer query parameter with a default, clamped at `max` (Jira caps silently). */
export function intParam(q: URLSearchParams, name: string, def: number, opts: { min?: number; max?: number } = {}): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return def;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`The value '${raw}' is not a valid number for '${name}'.`);
  let n = Number(raw);
  if (opts.min !== undefined && n < opts.min) n = opts.min;
  if (opts.max !== undefined && n > opts.max) n = opts.max;
  return n;
}

export function boolParam(q: URLSearchParams, name: string, def: boolean): boolean {
  const raw = q.get(name);
  if (raw === null || raw === '') return def;
  return raw === 'true';
}

/** A list parameter that may repeat and/or hold comma-separated values. */
export function listParam(q: URLSearchParams, name: string): string[] {
  return q
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** The issue, if it exists and the actor may browse its project; otherwise 404 like Jira. */
export function visibleIssue(env: JiraEnv, actor: JiraActor, idOrKey: string): { issue: JiraIssue; project: JiraProject } {
  const issue = env.state.findIssue(idOrKey);
  const project = issue ? env.state.projects.get(issue.projectId) : undefined;
  if (!issue || !project || !can(actor, project, 'BROWSE_PROJECTS')) throw notFound(ISSUE_NOT_FOUND);
  return { issue, project };
}

export function visibleProject(env: JiraEnv, actor: JiraActor, idOrKey: string): JiraProject {
  const p = env.state.findProject(idOrKey);
  if (!p || !can(actor, p, 'BROWSE_PROJECTS')) {
    throw notFound(/^\d+$/.test(idOrKey) ? `No project could be found with id '${idOrKey}'.` : projectNotFound(idOrKey));
  }
  return p;
}

export function requireProjectPermission(actor: JiraActor, project: JiraProject, permission: string, message: string): void {
  if (!can(actor, project, permission)) throw new JiraError(403, [message]);
}

export function makeEnv(state: JiraState): JiraEnv {
  return { state, r: new Renderer(state) };
}
