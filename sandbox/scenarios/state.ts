// What an agency's run ended with, as comparable items: Jira projects, issues (with worklogs and
// comments) and notifications, Confluence pages and attachments, and the app's money records
// (ledger, invoices, payments) and sales outbox. Each item has an identity that does not depend on
// generated keys or ids (a Jira key depends on creation order, which faults change) and a value
// without the timestamps of when the work happened to run. Two runs of the same scenario — one clean,
// one under faults — must give the same items: none changed, none missing (lost), none twice
// (duplicated).
import { createHash } from 'node:crypto';
import type { Sandbox } from '../platform';

export type StateCategory = 'project' | 'issue' | 'notification' | 'space' | 'page' | 'attachment' | 'ledger' | 'invoice' | 'payment' | 'outbox' | 'lead';

export interface StateItem {
  category: StateCategory;
  identity: string;
  value: string;
}

/** identity → the values of every item with that identity (more than one is a duplicate). */
export type AgencyState = Map<string, { category: StateCategory; values: string[] }>;

const sha = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Invoice numbers are consecutive in the order invoices are issued, which faults change: name invoices by what they bill. */
const INVOICE_NUMBER = /\b[A-Z]{2,6}-\d{4}-\d{3,6}\b/g;

/** Fields that say when (or how many times) something ran, not what it is. */
const RUN_FIELDS = new Set(['seq', 'pageId', 'importId', 'renderedHash', 'createdAt', 'updatedAt', 'at', 'bookedAt', 'recordedAt', 'receivedAt', 'importedAt', 'sentAt', 'notifiedAt', 'processedAt', 'version', 'attempts', 'lockedUntil', 'lastAttemptAt', 'jobId', 'requestedAt']);

/** Drops run fields and replaces generated ids — Jira keys (creation-order dependent), lead ids and numbers (random) — with stable names. */
function normalize(v: unknown, keyMap: Map<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => normalize(x, keyMap));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) if (!RUN_FIELDS.has(k)) out[k] = normalize((v as Record<string, unknown>)[k], keyMap);
    return out;
  }
  if (typeof v === 'string') return v.replace(/\bcn-[0-9a-f]{12}\b/g, 'cn-*').replace(INVOICE_NUMBER, (k) => keyMap.get(k) ?? k).replace(/\bld-[0-9a-f]{16}\b|\bL-[0-9A-F]{6}\b|\b[A-Z][A-Z0-9]{1,9}-\d+\b/g, (k) => keyMap.get(k) ?? k);
  return v;
}

interface JiraIssueSnap {
  key: string;
  issueType: string;
  summary: string;
  parent: string | null;
  labels: string[];
  duedate: string | null;
  assignee: string | null;
  status: string;
  resolved: unknown;
  originalEstimateSeconds: number | null;
  timeSpentSeconds: number;
  worklogs: unknown[];
  comments: unknown[];
}

interface PageSnap {
  space: string;
  path: string;
  status: string;
  current: { title: string; body: string };
  restrictions: unknown;
  attachments: Array<{ filename: string; status: string; versions: Array<{ mediaType: string; sha256: string; size: number }> }>;
}

/**
 * Collects the state items of a sandbox's site and KVS. `artifacts` matches what a fault adds on
 * purpose (the reconnect issue of an expired token): table rows naming it are left out of page bodies,
 * as a weekly report lists that week's issues.
 */
export function agencyState(sb: Sandbox, artifacts?: RegExp): AgencyState {
  const items: StateItem[] = [];
  const site = sb.site.snapshot() as { jira: { projects: Array<{ key: string; name: string }>; issues: Array<Record<string, unknown>>; notifications: Array<{ issue: string | null; subject: string; recipients: string[] }> }; confluence: unknown };
  const projectName = new Map(site.jira.projects.map((p) => [p.key, p.name]));
  const entities = sb.kvs.snapshot().entities;
  // Leads get random ids and numbers; name them by their e-mail instead.
  const leadNames = new Map<string, string>();
  for (const [id, raw] of Object.entries(entities['sales-lead'] ?? {})) {
    const d = dataOf((raw ?? {}) as Record<string, unknown>) as { number?: string; contact?: { email?: string } };
    const name = `<lead ${d.contact?.email ?? id}>`;
    leadNames.set(id, name);
    if (d.number) leadNames.set(d.number, name);
  }
  for (const raw of Object.values(entities.invoice ?? {})) {
    const inv = invoiceOf(raw);
    if (inv?.number) leadNames.set(inv.number, `<invoice ${inv.serviceId} ${inv.purpose} ${inv.period ?? inv.issueDate}>`);
  }
  const issues = site.jira.issues as unknown as JiraIssueSnap[];
  const byKey = new Map(issues.map((i) => [i.key, i]));
  const identityOf = (key: string): string => {
    const i = byKey.get(key);
    if (!i) return key;
    const project = projectName.get(key.split('-')[0] as string) ?? '?';
    // A money alert's title carries the figures of the moment it opened (a balance, a percentage);
    // which moment that is depends on when the check ran. It is the same alert by service and type.
    const moneyType = i.labels.find((l) => l.startsWith('retainer-money-'));
    if (moneyType) return `${project} | money alert ${moneyType.slice('retainer-money-'.length)}`;
    const parent = i.parent ? byKey.get(i.parent)?.summary ?? '' : '';
    return `${project} | ${i.issueType} | ${normalize(i.summary, leadNames) as string} | ${parent}`;
  };
  const keyMap = new Map([...leadNames, ...issues.map((i): [string, string] => [i.key, `<${identityOf(i.key)}>`])]);
  for (const p of site.jira.projects) items.push({ category: 'project', identity: `project | ${p.name}`, value: p.key });
  for (const i of issues) {
    if (i.labels.some((l) => l.startsWith('retainer-money-'))) {
      items.push({ category: 'issue', identity: `issue | ${identityOf(i.key)}`, value: JSON.stringify({ status: i.status, assignee: i.assignee }) });
      continue;
    }
    const value = { labels: i.labels, duedate: i.duedate, assignee: i.assignee, status: i.status, resolved: i.resolved, estimate: i.originalEstimateSeconds, spent: i.timeSpentSeconds, worklogs: i.worklogs, comments: i.comments.length };
    items.push({ category: 'issue', identity: `issue | ${identityOf(i.key)}`, value: JSON.stringify(normalize(value, keyMap)) });
  }
  for (const n of site.jira.notifications) {
    const about = n.issue ? identityOf(n.issue) : '-';
    const subject = about.includes(' | money alert ') ? '' : (normalize(n.subject, keyMap) as string);
    items.push({ category: 'notification', identity: `notification | ${about} | ${subject} | ${n.recipients.join(',')}`, value: '' });
  }

  const conf = site.confluence as { spaces: Array<{ key: string; name: string }>; pages: PageSnap[] };
  for (const s of conf.spaces) items.push({ category: 'space', identity: `space | ${s.key}`, value: s.name });
  for (const p of conf.pages) {
    const where = `${p.space} | ${normalize(p.path, keyMap) as string} | ${p.status}`;
    const raw = artifacts ? p.current.body.replace(/<tr>(?:(?!<\/tr>)[\s\S])*<\/tr>/g, (row) => (artifacts.test(row) ? '' : row)) : p.current.body;
    const body = normalize(raw, keyMap) as string;
    items.push({ category: 'page', identity: `page | ${where}`, value: JSON.stringify({ title: p.current.title, body: sha(body), restrictions: p.restrictions }) });
    // Attachments (the PDFs) are compared by name, presence and type. Their content is the page's
    // (rendered from the same model, and the page body is compared above); their bytes also carry
    // document numbers that follow the order of issue, and the render day.
    for (const a of p.attachments) {
      const last = a.versions[a.versions.length - 1];
      const name = normalize(a.filename, keyMap) as string;
      items.push({ category: 'attachment', identity: `attachment | ${normalize(where, keyMap) as string} | ${name} | ${a.status}`, value: JSON.stringify({ mediaType: last?.mediaType }) });
    }
  }

  const add = (category: StateCategory, entity: string, identity: (key: string, v: Record<string, unknown>) => string): void => {
    for (const [key, raw] of Object.entries(entities[entity] ?? {})) {
      const v = (raw ?? {}) as Record<string, unknown>;
      items.push({ category, identity: `${category} | ${normalize(identity(key, v), keyMap) as string}`, value: JSON.stringify(normalize(v, keyMap)) });
    }
  };
  add('ledger', 'ledger-entry', (key) => key);
  add('invoice', 'invoice', (key, v) => String(invoiceOf(v)?.number ?? key));
  add('payment', 'payment', (key) => key);
  add('outbox', 'sales-outbox', (key) => key);
  add('lead', 'sales-lead', (key, v) => String(dataOf(v).email ?? dataOf(v).company ?? key));

  const state: AgencyState = new Map();
  for (const it of items) {
    const cur = state.get(it.identity) ?? { category: it.category, values: [] };
    cur.values.push(it.value);
    state.set(it.identity, cur);
  }
  return state;
}

interface InvoiceLike {
  number?: string;
  serviceId?: string;
  purpose?: string;
  period?: string;
  issueDate?: string;
}

function invoiceOf(raw: unknown): InvoiceLike | undefined {
  const v = dataOf((raw ?? {}) as Record<string, unknown>);
  const inv = (v.invoice ?? v) as InvoiceLike;
  return typeof inv.number === 'string' ? inv : undefined;
}

function dataOf(v: Record<string, unknown>): Record<string, unknown> {
  const inner = v.data ?? v.value;
  return inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : v;
}

export interface StateComparison {
  /** Items in the reference run. */
  items: number;
  byCategory: Record<string, number>;
  /** Identities whose values differ, or that only one run has. */
  stateDiffItems: number;
  /** Items the other run has more often than the reference. */
  duplicates: number;
  /** Items the reference has and the other run lacks. */
  lost: number;
  /** stateDiffItems by category. */
  diffByCategory: Record<string, number>;
  /** Up to 20 examples of each kind, for the report. */
  samples: { changed: string[]; duplicated: string[]; lost: string[]; extra: string[] };
}

/** Compares a run (`other`) to the reference; `ignore` leaves out items a fault is expected to add. */
export function compareStates(reference: AgencyState, other: AgencyState, ignore: (identity: string) => boolean = () => false): StateComparison {
  const samples: StateComparison['samples'] = { changed: [], duplicated: [], lost: [], extra: [] };
  const note = (list: string[], s: string): void => {
    if (list.length < 20) list.push(s);
  };
  let diff = 0;
  let duplicates = 0;
  let lost = 0;
  let items = 0;
  const byCategory: Record<string, number> = {};
  const diffByCategory: Record<string, number> = {};
  const differ = (category: string): void => {
    diff++;
    diffByCategory[category] = (diffByCategory[category] ?? 0) + 1;
  };
  for (const [id, ref] of reference) {
    if (ignore(id)) continue;
    items += ref.values.length;
    byCategory[ref.category] = (byCategory[ref.category] ?? 0) + ref.values.length;
    const got = other.get(id);
    if (!got) {
      differ(ref.category);
      lost += ref.values.length;
      note(samples.lost, id);
      continue;
    }
    const a = [...ref.values].sort();
    const b = [...got.values].sort();
    if (b.length > a.length) {
      duplicates += b.length - a.length;
      note(samples.duplicated, `${id} ×${b.length} (reference ×${a.length})`);
    } else if (b.length < a.length) {
      lost += a.length - b.length;
      note(samples.lost, `${id} ×${b.length} (reference ×${a.length})`);
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      differ(ref.category);
      if (a.length === b.length) note(samples.changed, `${id}: ${a.join(' ; ').slice(0, 300)} → ${b.join(' ; ').slice(0, 300)}`);
    }
  }
  for (const [id, got] of other) {
    if (ignore(id) || reference.has(id)) continue;
    differ(got.category);
    note(samples.extra, `${id}: ${got.values.join(' ; ').slice(0, 200)}`);
  }
  return { items, byCategory, stateDiffItems: diff, diffByCategory, duplicates, lost, samples };
}

/** States travel between processes as JSON. */
export function stateToJson(s: AgencyState): Array<[string, StateCategory, string[]]> {
  return [...s].map(([id, v]) => [id, v.category, v.values]);
}

export function stateFromJson(rows: Array<[string, StateCategory, string[]]>): AgencyState {
  return new Map(rows.map(([id, category, values]) => [id, { category, values }]));
}
