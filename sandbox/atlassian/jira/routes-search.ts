// JQL search (/search/jql with token paging), approximate count, bulk fetch, and the removed /search.
import { createHash } from 'node:crypto';
import type { Router } from '../router';
import { fieldErrors, JiraError } from './errors';
import { compileJql, type CompiledJql } from './jql/evaluate';
import { JqlError } from './jql/parser';
import type { JiraIssue } from './model';
import { can, type JiraActor } from './permissions';
import { issueBean } from './routes-issues';
import { isObj, jiraRoute, json, listParam, type JiraEnv } from './route-kit';

type Actor = Exclude<JiraActor, { kind: 'anonymous' }>;

export const SEARCH_REMOVED_MESSAGE =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';
export const UNBOUNDED_JQL_MESSAGE = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
const MAX_IDS_PAGE = 5000;
const MAX_FIELDS_PAGE = 100;
const MAX_PROPERTIES = 5;
const TOKEN_TTL_MS = 7 * 86_400_000;

interface SearchInput {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields?: string[];
  expand?: string[];
  properties?: string[];
}

export function registerSearchRoutes(router: Router, env: JiraEnv): void {
  const { state } = env;

  const compile = (jql: string, actor: Actor): CompiledJql => {
    let compiled: CompiledJql;
    try {
      compiled = compileJql(jql, { state, actor, now: state.now() });
    } catch (e) {
      if (e instanceof JqlError) throw fieldErrors({}, [e.message]);
      throw e;
    }
    if (!compiled.bounded) throw fieldErrors({}, [UNBOUNDED_JQL_MESSAGE]);
    return compiled;
  };

  const run = (compiled: CompiledJql, actor: Actor): JiraIssue[] => {
    const browsable = new Set([...state.projects.values()].filter((p) => can(actor, p, 'BROWSE_PROJECTS')).map((p) => p.id));
    return [...state.issues.values()].filter((i) => browsable.has(i.projectId) && compiled.matches(i)).sort(compiled.compare);
  };

  const search = (input: SearchInput, actor: Actor): Record<string, unknown> => {
    const compiled = compile(input.jql, actor);
    const props = input.properties ?? [];
    if (props.length > MAX_PROPERTIES) throw fieldErrors({}, [`A maximum of ${MAX_PROPERTIES} issue properties can be requested.`]);
    const fields = input.fields ?? [];
    const idsOnly = fields.every((f) => f === 'id' || f === 'key');
    const cap = idsOnly ? MAX_IDS_PAGE : MAX_FIELDS_PAGE;
    const maxResults = Math.min(Math.max(input.maxResults ?? 50, 1), cap);
    const queryHash = createHash('sha256').update(input.jql).digest('base64url').slice(0, 16);
    const offset = input.nextPageToken ? decodeToken(input.nextPageToken, queryHash, state.now()) : 0;
    const all = run(compiled, actor);
    const page = all.slice(offset, offset + maxResults);
    const isLast = offset + page.length >= all.length;
    const out: Record<string, unknown> = {
      issues: page.map((i) => issueBean(env, i, { fields, fallback: 'id', properties: props, expand: input.expand })),
      isLast,
    };
    if (!isLast) out.nextPageToken = encodeToken({ v: 1, o: offset + page.length, h: queryHash, t: state.now() });
    if (input.expand?.includes('names')) {
      const names: Record<string, string> = {};
      for (const i of out.issues as Array<{ names?: Record<string, string> }>) Object.assign(names, i.names);
      for (const i of out.issues as Array<{ names?: unknown }>) delete i.names;
      out.names = names;
    }
    return out;
  };

  router.post(
    '/rest/api/3/search/jql',
    jiraRoute(env, (req, actor) => {
      const b = isObj(req.body) ? req.body : {};
      return json(
        200,
        search(
          {
            jql: typeof b.jql === 'string' ? b.jql : '',
            nextPageToken: typeof b.nextPageToken === 'string' ? b.nextPageToken : undefined,
            maxResults: typeof b.maxResults === 'number' ? b.maxResults : undefined,
            fields: Array.isArray(b.fields) ? b.fields.filter((f): f is string => typeof f === 'string') : undefined,
            expand: typeof b.expand === 'string' ? splitList(b.expand) : undefined,
            properties: Array.isArray(b.properties) ? b.properties.filter((f): f is string => typeof f === 'string') : undefined,
          },
          actor,
        ),
      );
    }),
  );

  router.get(
    '/rest/api/3/search/jql',
    jiraRoute(env, (req, actor) => {
      const q = req.query;
      const max = q.get('maxResults');
      return json(
        200,
        search(
          {
            jql: q.get('jql') ?? '',
            nextPageToken: q.get('nextPageToken') ?? undefined,
            maxResults: max === null ? undefined : Number(max),
            fields: q.has('fields') ? listParam(q, 'fields') : undefined,
            expand: q.has('expand') ? listParam(q, 'expand') : undefined,
            properties: q.has('properties') ? listParam(q, 'properties') : undefined,
          },
          actor,
        ),
      );
    }),
  );

  router.post(
    '/rest/api/3/search/approximate-count',
    jiraRoute(env, (req, actor) => {
      const b = isObj(req.body) ? req.body : {};
      const compiled = compile(typeof b.jql === 'string' ? b.jql : '', actor);
      return json(200, { count: run(compiled, actor).length });
    }),
  );

  router.post(
    '/rest/api/3/issue/bulkfetch',
    jiraRoute(env, (req, actor) => {
      const b = isObj(req.body) ? req.body : {};
      const refs = Array.isArray(b.issueIdsOrKeys) ? b.issueIdsOrKeys.filter((x): x is string => typeof x === 'string') : [];
      if (refs.length === 0) throw fieldErrors({}, ['At least one issue id or key must be provided.']);
      if (refs.length > 100) throw fieldErrors({}, ['A maximum of 100 issues can be fetched at once.']);
      const fields = Array.isArray(b.fields) ? b.fields.filter((f): f is string => typeof f === 'string') : undefined;
      const properties = Array.isArray(b.properties) ? b.properties.filter((f): f is string => typeof f === 'string') : undefined;
      const expand = Array.isArray(b.expand) ? b.expand.filter((f): f is string => typeof f === 'string') : undefined;
      const issues: unknown[] = [];
      const issueErrors: unknown[] = [];
      for (const ref of refs) {
        const issue = state.findIssue(ref);
        const p = issue ? state.projects.get(issue.projectId) : undefined;
        if (!issue || !p || !can(actor, p, 'BROWSE_PROJECTS')) issueErrors.push({ id: ref, errorMessage: 'Issue does not exist or you do not have permission to see it.' });
        else issues.push(issueBean(env, issue, { fields, fallback: '*navigable', properties, expand }));
      }
      return json(200, { issues, issueErrors });
    }),
  );

  // Removed in 2025 (CHANGE-2046); real sites answer 410 Gone.
  const gone = jiraRoute(env, () => {
    throw new JiraError(410, [SEARCH_REMOVED_MESSAGE]);
  });
  router.get('/rest/api/3/search', gone, { undocumented: true });
  router.post('/rest/api/3/search', gone, { undocumented: true });
}

function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

interface PageToken {
  v: 1;
  o: number;
  h: string;
  t: number;
}

function encodeToken(t: PageToken): string {
  return Buffer.from(JSON.stringify(t), 'utf8').toString('base64url');
}

function decodeToken(raw: string, queryHash: string, now: number): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const t = parsed as Partial<PageToken> | undefined;
  if (!t || t.v !== 1 || typeof t.o !== 'number' || typeof t.t !== 'number' || t.h !== queryHash) {
    throw fieldErrors({}, ['The provided next page token is invalid or does not match the query.']);
  }
  if (now - t.t > TOKEN_TTL_MS) throw fieldErrors({}, ['The provided next page token has expired.']);
  return t.o;
}
