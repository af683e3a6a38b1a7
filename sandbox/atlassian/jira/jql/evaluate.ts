// Compiles a parsed JQL query into a predicate and a comparator over emulated issues.
// Values are resolved once at compile time (project keys → ids, currentUser() → accountId, dates →
// epoch ms) and unknown fields or values fail with Jira's 400 messages.
import type { SiteUser } from '../../site-context';
import { adfText } from '../adf';
import { splitKey } from '../state';
import { PRIORITIES, STATUSES, STATUS_CATEGORIES, type JiraIssue } from '../model';
import { can, type JiraActor } from '../permissions';
import type { JiraState } from '../state';
import { JqlError, parseJql, type Clause, type FieldRef, type JqlQuery, type Operand, type Operator } from './parser';

export interface JqlEnv {
  state: JiraState;
  actor: JiraActor;
  now: number;
}

export interface CompiledJql {
  query: JqlQuery;
  /** True when the query has at least one search restriction (Jira rejects unbounded queries). */
  bounded: boolean;
  matches(issue: JiraIssue): boolean;
  compare(a: JiraIssue, b: JiraIssue): number;
}

type Scalar = string | number;
type Getter = (issue: JiraIssue) => Scalar[];

interface FieldImpl {
  /** Values the issue has for the field ([] = EMPTY). */
  get: Getter;
  /** Turns one operand value into comparable values (may be several, e.g. a status name). */
  resolve?: (text: string, quoted: boolean) => Scalar[];
  kind: 'id' | 'text' | 'date' | 'day' | 'number' | 'string';
  ops: Operator[];
  /** Sort value (undefined = empty, sorted last ascending). */
  sortKey?: (issue: JiraIssue) => Scalar | undefined;
}

const EQ_OPS: Operator[] = ['=', '!=', 'in', 'not in', 'is', 'is not'];
const ORD_OPS: Operator[] = [...EQ_OPS, '>', '>=', '<', '<='];
const TEXT_OPS: Operator[] = ['~', '!~', 'is', 'is not'];

const notExist = (raw: string): JqlError => new JqlError(`Field '${raw}' does not exist or you do not have permission to view it.`);
const badValue = (value: string, field: string): JqlError => new JqlError(`The value '${value}' does not exist for the field '${field}'.`);

const DAY = 86_400_000;
const EMPTY_MARK = '\u0000empty';

export function compileJql(src: string, env: JqlEnv): CompiledJql {
  const query = parseJql(src);
  const fields = new FieldTable(env);
  const matches = query.where ? compileClause(query.where, fields, env) : () => true;
  const sorters = query.orderBy.map((o) => {
    const impl = fields.get(o.field);
    if (!impl.sortKey) throw new JqlError(`Field '${o.field.raw}' does not support sorting.`);
    const key = impl.sortKey;
    const dir = o.direction === 'desc' ? -1 : 1;
    return (a: JiraIssue, b: JiraIssue): number => {
      const x = key(a);
      const y = key(b);
      if (x === y) return 0;
      // Empty values sort after everything when ascending.
      if (x === undefined) return dir;
      if (y === undefined) return -dir;
      return (x < y ? -1 : 1) * dir;
    };
  });
  // Without ORDER BY, newest first (by id); id also breaks ties so pages are stable.
  const compare = (a: JiraIssue, b: JiraIssue): number => {
    for (const s of sorters) {
      const r = s(a, b);
      if (r !== 0) return r;
    }
    return sorters.length === 0 ? Number(b.id) - Number(a.id) : Number(a.id) - Number(b.id);
  };
  return { query, bounded: query.where !== null, matches, compare };
}

function compileClause(c: Clause, fields: FieldTable, env: JqlEnv): (i: JiraIssue) => boolean {
  switch (c.kind) {
    case 'and': {
      const parts = c.items.map((x) => compileClause(x, fields, env));
      return (i) => parts.every((p) => p(i));
    }
    case 'or': {
      const parts = c.items.map((x) => compileClause(x, fields, env));
      return (i) => parts.some((p) => p(i));
    }
    case 'not': {
      const inner = compileClause(c.item, fields, env);
      return (i) => !inner(i);
    }
    case 'compare':
      return compileCompare(c.field, c.op, c.operand, fields, env);
  }
}

function compileCompare(field: FieldRef, op: Operator, operand: Operand, fields: FieldTable, env: JqlEnv): (i: JiraIssue) => boolean {
  const impl = fields.get(field);
  const isEmptyTest = operand.kind === 'empty';
  if (isEmptyTest) {
    if (op === 'is' || op === '=') return (i) => impl.get(i).length === 0;
    if (op === 'is not' || op === '!=') return (i) => impl.get(i).length > 0;
    throw new JqlError(`The operator '${op.toUpperCase()}' does not support the value EMPTY.`);
  }
  if (!impl.ops.includes(op)) throw new JqlError(`The operator '${op.toUpperCase()}' is not supported by the '${field.raw}' field.`);
  const values = resolveOperand(operand, impl, field, env);
  if (op === '~' || op === '!~') {
    const needles = values.map((v) => String(v).toLowerCase().replace(/\*/g, ''));
    const hit = (i: JiraIssue): boolean => impl.get(i).some((h) => needles.some((n) => String(h).toLowerCase().includes(n)));
    return op === '~' ? hit : (i) => !hit(i);
  }
  // A value may stand for EMPTY (e.g. `resolution = Unresolved`).
  const set = new Set(values);
  const emptyMatches = set.has(EMPTY_MARK);
  if (op === '=' || op === 'in') {
    return (i) => {
      const vs = impl.get(i);
      return (emptyMatches && vs.length === 0) || vs.some((v) => set.has(v));
    };
  }
  if (op === '!=' || op === 'not in') {
    // Jira's != never matches issues where the field is empty.
    return (i) => {
      const vs = impl.get(i);
      return vs.length > 0 && !vs.some((v) => set.has(v));
    };
  }
  const target = values[0];
  if (target === undefined) return () => false;
  const test = (v: Scalar): boolean => (op === '>' ? v > target : op === '>=' ? v >= target : op === '<' ? v < target : v <= target);
  return (i) => impl.get(i).some((v) => typeof v === typeof target && test(v));
}

function resolveOperand(operand: Operand, impl: FieldImpl, field: FieldRef, env: JqlEnv): Scalar[] {
  if (operand.kind === 'list') return operand.items.flatMap((x) => resolveOperand(x, impl, field, env));
  if (operand.kind === 'empty') return [];
  if (operand.kind === 'function') return resolveFunction(operand.name, operand.args, impl, field, env);
  if (impl.kind === 'date' || impl.kind === 'day') return [parseDateOperand(operand.text, env.now, field.raw, impl.kind)];
  if (impl.resolve) return impl.resolve(operand.text, operand.quoted);
  if (impl.kind === 'number') {
    const n = Number(operand.text);
    return Number.isFinite(n) ? [n] : [operand.text];
  }
  return [operand.text];
}

function resolveFunction(name: string, args: string[], impl: FieldImpl, field: FieldRef, env: JqlEnv): Scalar[] {
  if (name === 'currentuser') {
    if (env.actor.kind === 'anonymous') return [];
    return [env.actor.accountId];
  }
  if (name === 'now') return [env.now];
  const m = /^(start|end)of(day|week|month|year)$/.exec(name);
  if (m) {
    if (impl.kind !== 'date' && impl.kind !== 'day') throw new JqlError(`The function '${name}' is not valid for the field '${field.raw}'.`);
    return [periodBoundary(m[1] as 'start' | 'end', m[2] as 'day' | 'week' | 'month' | 'year', args[0], env.now)];
  }
  if (name === 'standardissuetypes' || name === 'subtaskissuetypes') {
    const sub = name === 'subtaskissuetypes';
    return env.state.issueTypes.filter((t) => t.subtask === sub).map((t) => t.id);
  }
  throw new JqlError(`Unable to find JQL function '${name}(${args.join(', ')})'.`);
}

/** start/endOf(day|week|month|year) with an optional offset such as -1, "+2", "-1M", "1w". */
function periodBoundary(which: 'start' | 'end', unit: 'day' | 'week' | 'month' | 'year', offsetArg: string | undefined, now: number): number {
  const d = new Date(now);
  let y = d.getUTCFullYear();
  let mo = d.getUTCMonth();
  let day = d.getUTCDate();
  let extraMs = 0;
  if (offsetArg) {
    const m = /^([+-]?\d+)([yMwdhm])?$/.exec(offsetArg.trim());
    if (!m) throw new JqlError(`The offset '${offsetArg}' is not valid.`);
    const n = Number(m[1]);
    const u = m[2] ?? { day: 'd', week: 'w', month: 'M', year: 'y' }[unit];
    if (u === 'y') y += n;
    else if (u === 'M') mo += n;
    else if (u === 'w') day += 7 * n;
    else if (u === 'd') day += n;
    else if (u === 'h') extraMs = n * 3_600_000;
    else if (u === 'm') extraMs = n * 60_000;
  }
  const base = new Date(Date.UTC(y, mo, day));
  let start: number;
  let end: number;
  if (unit === 'day') {
    start = base.getTime();
    end = start + DAY - 1;
  } else if (unit === 'week') {
    // Weeks start on Monday.
    const dow = (base.getUTCDay() + 6) % 7;
    start = base.getTime() - dow * DAY;
    end = start + 7 * DAY - 1;
  } else if (unit === 'month') {
    start = Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), 1);
    end = Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + 1, 1) - 1;
  } else {
    start = Date.UTC(base.getUTCFullYear(), 0, 1);
    end = Date.UTC(base.getUTCFullYear() + 1, 0, 1) - 1;
  }
  return (which === 'start' ? start : end) + extraMs;
}

/** "2026-11-02", "2026/11/02", "2026-11-02 14:30", relative "-1d", "2w", "-4h", or epoch ms. */
function parseDateOperand(text: string, now: number, field: string, kind: 'date' | 'day'): number {
  const t = text.trim();
  const abs = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(t);
  if (abs) {
    const ms = Date.UTC(Number(abs[1]), Number(abs[2]) - 1, Number(abs[3]), Number(abs[4] ?? 0), Number(abs[5] ?? 0));
    if (!Number.isNaN(ms)) return ms;
  }
  const rel = /^([+-]?)(\d+)([wdhm])$/.exec(t);
  if (rel) {
    const size = { w: 7 * DAY, d: DAY, h: 3_600_000, m: 60_000 }[rel[3] as 'w' | 'd' | 'h' | 'm'];
    const ms = now + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * size;
    // Relative dates on a date-only field compare by day.
    return kind === 'day' ? Math.floor(ms / DAY) * DAY : ms;
  }
  if (/^\d{10,}$/.test(t)) return Number(t);
  throw new JqlError(
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

const dayMs = (s: string | null): number | undefined => (s ? Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) : undefined);

class FieldTable {
  private readonly impls = new Map<string, FieldImpl>();

  constructor(env: JqlEnv) {
    const { state } = env;
    const visibleProject = (text: string): Scalar[] => {
      const p = state.findProject(text) ?? state.projectByName(text);
      if (!p || !can(env.actor, p, 'BROWSE_PROJECTS')) throw badValue(text, 'project');
      return [p.id];
    };
    const issueRef = (fieldName: string) => (text: string): Scalar[] => {
      const i = state.findIssue(text);
      const p = i ? state.projects.get(i.projectId) : undefined;
      if (!i || !p || !can(env.actor, p, 'BROWSE_PROJECTS')) {
        throw new JqlError(/^\d+$/.test(text) ? `An issue with id '${text}' does not exist for field '${fieldName}'.` : `An issue with key '${text}' does not exist for field '${fieldName}'.`);
      }
      return [i.id];
    };
    const user = (text: string): Scalar[] => {
      const dir = state.ctx.directory;
      const direct = dir.get(text);
      if (direct) return [direct.accountId];
      const lower = text.toLowerCase();
      const found = dir.all().filter((u: SiteUser) => u.emailAddress?.toLowerCase() === lower || u.displayName.toLowerCase() === lower);
      // Unknown account ids simply match nothing (Jira cannot tell them from hidden users).
      return found.length > 0 ? found.map((u) => u.accountId) : [text];
    };
    const text = (pick: (i: JiraIssue) => string[]): FieldImpl => ({ get: (i) => pick(i).filter((s) => s.length > 0), kind: 'text', ops: TEXT_OPS });
    const userField = (pick: (i: JiraIssue) => string | null): FieldImpl => ({
      get: (i) => {
        const v = pick(i);
        return v ? [v] : [];
      },
      resolve: user,
      kind: 'id',
      ops: EQ_OPS,
      sortKey: (i) => {
        const v = pick(i);
        return v ? (state.ctx.directory.get(v)?.displayName ?? v) : undefined;
      },
    });
    const dateField = (pick: (i: JiraIssue) => number | null): FieldImpl => ({
      get: (i) => {
        const v = pick(i);
        return v === null ? [] : [v];
      },
      kind: 'date',
      ops: ORD_OPS,
      sortKey: (i) => pick(i) ?? undefined,
    });

    const project: FieldImpl = { get: (i) => [i.projectId], resolve: visibleProject, kind: 'id', ops: EQ_OPS, sortKey: (i) => state.projects.get(i.projectId)?.key };
    const key: FieldImpl = {
      get: (i) => [i.id],
      resolve: issueRef('key'),
      kind: 'id',
      ops: EQ_OPS,
      sortKey: (i) => {
        const [p, n] = splitKey(i.key);
        return `${p}-${String(n).padStart(10, '0')}`;
      },
    };
    this.add(['project'], project);
    this.add(['key', 'issuekey', 'id', 'issue'], key);
    this.add(['issuetype', 'type'], {
      get: (i) => [i.issueTypeId],
      resolve: (t) => {
        const byId = state.issueTypes.filter((x) => x.id === t);
        const byName = state.issueTypes.filter((x) => x.name.toLowerCase() === t.toLowerCase());
        const all = [...byId, ...byName];
        if (all.length === 0) throw badValue(t, 'issuetype');
        return all.map((x) => x.id);
      },
      kind: 'id',
      ops: EQ_OPS,
      sortKey: (i) => state.issueType(i.issueTypeId)?.name,
    });
    this.add(['parent'], {
      get: (i) => (i.parentId ? [i.parentId] : []),
      resolve: issueRef('parent'),
      kind: 'id',
      ops: EQ_OPS,
      sortKey: (i) => (i.parentId ? state.issues.get(i.parentId)?.key : undefined),
    });
    this.add(['labels', 'label'], { get: (i) => i.labels, kind: 'string', ops: EQ_OPS });
    this.add(['status'], {
      get: (i) => [i.statusId],
      resolve: (t) => {
        const s = STATUSES.filter((x) => x.id === t || x.name.toLowerCase() === t.toLowerCase());
        if (s.length === 0) throw badValue(t, 'status');
        return s.map((x) => x.id);
      },
      kind: 'id',
      ops: EQ_OPS,
      sortKey: (i) => STATUSES.findIndex((s) => s.id === i.statusId),
    });
    this.add(['statuscategory'], {
      get: (i) => [STATUSES.find((s) => s.id === i.statusId)?.categoryId ?? 2],
      resolve: (t) => {
        const l = t.toLowerCase();
        const c = STATUS_CATEGORIES.filter((x) => String(x.id) === t || x.key === l || x.name.toLowerCase() === l);
        if (c.length === 0) throw badValue(t, 'statusCategory');
        return c.map((x) => x.id);
      },
      kind: 'id',
      ops: EQ_OPS,
    });
    this.add(['assignee'], userField((i) => i.assigneeId));
    this.add(['reporter'], userField((i) => i.reporterId));
    this.add(['creator'], userField((i) => i.creatorId));
    this.add(['resolution'], {
      get: (i) => (i.resolution ? ['done'] : []),
      resolve: (t) => {
        const l = t.toLowerCase();
        if (l === 'unresolved') return [EMPTY_MARK];
        if (l === 'done' || t === '10000') return ['done'];
        throw badValue(t, 'resolution');
      },
      kind: 'id',
      ops: EQ_OPS,
    });
    this.add(['priority'], {
      get: (i) => [i.priorityId],
      resolve: (t) => {
        const p = PRIORITIES.filter((x) => x.id === t || x.name.toLowerCase() === t.toLowerCase());
        if (p.length === 0) throw badValue(t, 'priority');
        return p.map((x) => x.id);
      },
      kind: 'id',
      ops: EQ_OPS,
      sortKey: (i) => 5 - PRIORITIES.findIndex((p) => p.id === i.priorityId),
    });
    this.add(['summary'], { ...text((i) => [i.summary]), sortKey: (i) => i.summary.toLowerCase() });
    this.add(['description'], text((i) => (i.description === null ? [] : [adfText(i.description)])));
    this.add(['comment'], text((i) => state.commentsOf(i.id).map((c) => adfText(c.body))));
    this.add(['text'], text((i) => [i.summary, i.description === null ? '' : adfText(i.description), ...state.commentsOf(i.id).map((c) => adfText(c.body))]));
    this.add(['created', 'createddate'], dateField((i) => i.created));
    this.add(['updated', 'updateddate'], dateField((i) => i.updated));
    this.add(['resolved', 'resolutiondate'], dateField((i) => i.resolutionDate));
    this.add(['statuscategorychangeddate'], dateField((i) => i.statusCategoryChangeDate));
    this.add(['duedate', 'due'], { get: (i) => (i.duedate ? [dayMs(i.duedate) as number] : []), kind: 'day', ops: ORD_OPS, sortKey: (i) => dayMs(i.duedate) });
    this.add(['worklogdate'], { get: (i) => state.worklogsOf(i.id).map((w) => w.startedMs), kind: 'date', ops: ORD_OPS });
    this.add(['worklogauthor'], { get: (i) => state.worklogsOf(i.id).map((w) => w.authorId), resolve: user, kind: 'id', ops: EQ_OPS });
    this.add(['timespent'], { get: (i) => (i.timeSpentSeconds > 0 ? [i.timeSpentSeconds] : []), kind: 'number', ops: ORD_OPS, sortKey: (i) => i.timeSpentSeconds });
    this.add(['originalestimate', 'timeoriginalestimate'], {
      get: (i) => (i.originalEstimateSeconds === null ? [] : [i.originalEstimateSeconds]),
      kind: 'number',
      ops: ORD_OPS,
      sortKey: (i) => i.originalEstimateSeconds ?? undefined,
    });
    this.add(['rank'], { get: (i) => [Number(i.id)], kind: 'number', ops: [], sortKey: (i) => Number(i.id) });
  }

  private add(names: string[], impl: FieldImpl): void {
    for (const n of names) this.impls.set(n, impl);
  }

  get(field: FieldRef): FieldImpl {
    if (field.property) return this.propertyField(field.property.key, field.property.path);
    const impl = this.impls.get(field.name);
    if (!impl) throw notExist(field.raw);
    return impl;
  }

  /** issue.property[key].a.b: values are compared as strings or numbers, like Jira's indexed properties. */
  private propertyField(key: string, path: string[]): FieldImpl {
    const read = (i: JiraIssue): Scalar[] => {
      let v: unknown = i.properties.get(key)?.value;
      for (const p of path) v = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[p] : undefined;
      const list = Array.isArray(v) ? v : [v];
      return list.flatMap((x) => (typeof x === 'string' || typeof x === 'number' ? [x] : typeof x === 'boolean' ? [String(x)] : []));
    };
    return {
      get: read,
      resolve: (t, quoted) => (!quoted && /^-?\d+(\.\d+)?$/.test(t) ? [Number(t), t] : [t]),
      kind: 'string',
      ops: [...ORD_OPS, '~', '!~'],
      sortKey: (i) => read(i)[0],
    };
  }
}
