// Monthly task sets, created exactly once per service per month.
//
// How "exactly once" holds under duplicate fires, redelivery, crashes and 429 storms:
// - a per-service-month lock (FAIL_IF_EXISTS + TTL) keeps two deliveries from working on one set;
// - the set's record is the source of truth: every created issue's key is written back after
//   each bulk call, so a re-run only creates what is still missing;
// - before a bulk call the labels of its issues go into `pending`; if the run dies before the
//   answer is recorded, the next run searches Jira for those labels and adopts what exists.
// Work is batched across services: epics of up to 50 services in one bulk call, then their tasks
// packed 50 to a call, so 300 services × 12 tasks cost about 80 Jira calls.
import type { Language, TaskPlanItem } from '../domain/model';
import { markerLabel } from '../domain/idempotency';
import { epicLabels, planTaskSet } from '../domain/task-plan';
import { tryLock, unlock } from '../platform/kv';
import { clientsRepo } from '../storage/clients.repo';
import { servicesRepo } from '../storage/services.repo';
import { taskSetKey, taskSetsRepo, type TaskSetItem, type TaskSetRecord } from '../storage/tasksets.repo';
import { templatesFor } from '../storage/templates.repo';
import type { ServiceRecord } from '../storage/records';
import type { TemplateTask } from '../domain/model';
import { enqueuePanelRefresh } from './panels/enqueue';

export const BULK_LIMIT = 50;
const LOCK_TTL_SECONDS = 900;

export interface IssueDraft {
  projectKey: string;
  issueType: 'Epic' | 'Task';
  /** The project's id for that issue type (stored at setup). */
  issueTypeId: string;
  summary: string;
  description: string;
  labels: string[];
  dueDate?: string;
  assigneeAccountId?: string | null;
  parentKey?: string;
  estimateHours?: number;
  checklist?: string[];
}

export interface BulkResult {
  created: Array<{ index: number; key: string }>;
  failed: Array<{ index: number; message: string }>;
}

/** The Jira operations task sets need; the app wires the real client, tests a fake. */
export interface TaskSetJira {
  bulkCreate(drafts: IssueDraft[]): Promise<BulkResult>;
  /** Issues carrying any of these labels (for adopting what a crashed run created). */
  findByLabels(labels: string[]): Promise<Array<{ key: string; labels: string[] }>>;
}

export interface TaskSetBatchResult {
  created: string[];
  alreadyDone: string[];
  skipped: Array<{ serviceId: string; reason: string }>;
  failed: Array<{ serviceId: string; message: string }>;
  issuesCreated: number;
}

const lockKey = (serviceId: string, month: string): string => `lock:taskset:${serviceId}:${month}`;

/** Builds the stored record for a plan: every item gets a deterministic marker label. */
export function recordFromPlan(service: ServiceRecord, month: string, epicSummary: string, monthNumber: number, items: TaskPlanItem[], extra: boolean, now: string): TaskSetRecord {
  const counts = new Map<string, number>();
  return {
    serviceId: service.id,
    month,
    monthNumber,
    state: 'creating',
    projectKey: service.jiraProjectKey ?? '',
    epic: { summary: epicSummary, label: markerLabel(`${service.id}:${month}:epic`) },
    items: items.map((it) => toItem(service.id, month, it, extra, counts)),
    pending: [],
    updatedAt: now,
  };
}

function toItem(serviceId: string, month: string, it: TaskPlanItem, extra: boolean, counts: Map<string, number>, prefix = ''): TaskSetItem {
  const ordinal = (counts.get(it.templateId) ?? 0) + 1;
  counts.set(it.templateId, ordinal);
  const itemKey = `${serviceId}:${month}:${prefix}${it.templateId}:${ordinal}`;
  const label = markerLabel(itemKey);
  return {
    itemKey,
    label,
    templateId: it.templateId,
    summary: it.summary,
    description: it.description,
    role: it.role,
    assigneeAccountId: it.assigneeAccountId,
    estimateHours: it.estimateHours,
    dueDate: it.dueDate,
    labels: [...new Set([...it.labels, label])],
    checklist: it.checklist,
    extra,
  };
}

/** Adds extra items (from the catalog) to an existing record; keys use the request id so a retry adds nothing twice. */
export function appendExtraItems(record: TaskSetRecord, requestId: string, items: TaskPlanItem[], now: string): TaskSetRecord {
  const counts = new Map<string, number>();
  const fresh = items.map((it) => toItem(record.serviceId, record.month, it, true, counts, `extra-${requestId}:`));
  const known = new Set(record.items.map((i) => i.itemKey));
  return { ...record, state: 'creating', items: [...record.items, ...fresh.filter((i) => !known.has(i.itemKey))], updatedAt: now };
}

function epicDraft(r: TaskSetRecord, service: ServiceRecord): IssueDraft {
  return { projectKey: r.projectKey, issueType: 'Epic', issueTypeId: service.jiraIssueTypes?.epic ?? '', summary: r.epic.summary, description: `Retainer task set for ${r.month} (month ${r.monthNumber} of the engagement).`, labels: [...epicLabels(r.month), r.epic.label], assigneeAccountId: service.managerAccountId };
}

function taskDraft(r: TaskSetRecord, service: ServiceRecord, it: TaskSetItem, withAssignee: boolean): IssueDraft {
  return {
    projectKey: r.projectKey,
    issueType: 'Task',
    issueTypeId: service.jiraIssueTypes?.task ?? '',
    summary: it.summary,
    description: it.description,
    labels: it.labels,
    dueDate: it.dueDate,
    assigneeAccountId: withAssignee ? it.assigneeAccountId : null,
    parentKey: r.epic.issueKey,
    estimateHours: it.estimateHours,
    checklist: it.checklist,
  };
}

interface Loaded {
  service: ServiceRecord;
  record: TaskSetRecord;
}

/**
 * Creates (or finishes creating) the month's task sets for a batch of services.
 * Safe to run any number of times, concurrently, after a crash at any point.
 */
export async function createTaskSets(
  month: string,
  serviceIds: string[],
  deps: { jira: TaskSetJira; language: Language; now: () => Date },
): Promise<TaskSetBatchResult> {
  const result: TaskSetBatchResult = { created: [], alreadyDone: [], skipped: [], failed: [], issuesCreated: 0 };
  const locked: string[] = [];
  const work: Loaded[] = [];
  const templatesByType = new Map<string, TemplateTask[]>();
  try {
    for (const serviceId of serviceIds) {
      const existing = await taskSetsRepo.get(taskSetKey(serviceId, month));
      if (existing?.state === 'created') {
        result.alreadyDone.push(serviceId);
        continue;
      }
      if (!(await tryLock(lockKey(serviceId, month), LOCK_TTL_SECONDS))) {
        result.skipped.push({ serviceId, reason: 'another run holds the lock' });
        continue;
      }
      locked.push(serviceId);
      const service = await servicesRepo.get(serviceId);
      if (!service) {
        result.skipped.push({ serviceId, reason: 'service not found' });
        continue;
      }
      if (!service.jiraProjectKey || !service.jiraIssueTypes || service.setup.state !== 'done') {
        result.skipped.push({ serviceId, reason: 'service is not set up in Jira yet' });
        continue;
      }
      let record = existing;
      if (!record) {
        const client = await clientsRepo.get(service.clientId);
        let templates = templatesByType.get(service.type);
        if (!templates) {
          templates = await templatesFor(service.type);
          templatesByType.set(service.type, templates);
        }
        const plan = planTaskSet({ service, clientName: client?.name ?? service.clientId, templates, month, language: deps.language });
        if (plan.items.length === 0) {
          result.skipped.push({ serviceId, reason: 'nothing planned for this month' });
          continue;
        }
        record = recordFromPlan(service, month, plan.epicSummary, plan.monthNumber, plan.items, false, deps.now().toISOString());
        await taskSetsRepo.put(taskSetKey(serviceId, month), record);
      }
      work.push({ service, record });
    }
    if (work.length === 0) return result;

    await adoptPending(work, deps.jira);
    await createEpics(work, deps.jira, deps.now);
    result.issuesCreated += await createTasks(work, deps.jira, deps.now);
    for (const w of work) {
      const r = w.record;
      const missing = r.items.filter((i) => !i.issueKey);
      if (!r.epic.issueKey || missing.length > 0) {
        const message = r.message ?? `${missing.length} task(s) could not be created`;
        w.record = { ...r, state: 'failed', message, updatedAt: deps.now().toISOString() };
        result.failed.push({ serviceId: r.serviceId, message });
      } else {
        w.record = { ...r, state: 'created', message: undefined, updatedAt: deps.now().toISOString() };
        result.created.push(r.serviceId);
      }
      await taskSetsRepo.put(taskSetKey(r.serviceId, month), w.record);
    }
    await enqueuePanelRefresh(work.map((w) => w.record.serviceId), 'task set');
    return result;
  } finally {
    for (const serviceId of locked) await unlock(lockKey(serviceId, month));
  }
}

/** Resolves bulk calls whose answer a crashed run never recorded: adopt the issues Jira has. */
async function adoptPending(work: Loaded[], jira: TaskSetJira): Promise<void> {
  const pending = work.flatMap((w) => w.record.pending);
  if (pending.length === 0) return;
  const byLabel = new Map<string, string>();
  for (let i = 0; i < pending.length; i += BULK_LIMIT) {
    for (const issue of await jira.findByLabels(pending.slice(i, i + BULK_LIMIT))) {
      for (const l of issue.labels) if (l.startsWith('rt-')) byLabel.set(l, issue.key);
    }
  }
  for (const w of work) {
    const r = w.record;
    const epicKey = r.epic.issueKey ?? byLabel.get(r.epic.label);
    w.record = {
      ...r,
      epic: { ...r.epic, ...(epicKey ? { issueKey: epicKey } : {}) },
      items: r.items.map((it) => (it.issueKey || !byLabel.has(it.label) ? it : { ...it, issueKey: byLabel.get(it.label) })),
      pending: [],
    };
    await taskSetsRepo.put(taskSetKey(r.serviceId, r.month), w.record);
  }
}

async function markPending(targets: Loaded[], labelsOf: (w: Loaded) => string[]): Promise<void> {
  for (const w of targets) {
    w.record = { ...w.record, pending: labelsOf(w) };
    await taskSetsRepo.put(taskSetKey(w.record.serviceId, w.record.month), w.record);
  }
}

async function createEpics(work: Loaded[], jira: TaskSetJira, now: () => Date): Promise<void> {
  const need = work.filter((w) => !w.record.epic.issueKey);
  for (let i = 0; i < need.length; i += BULK_LIMIT) {
    const chunk = need.slice(i, i + BULK_LIMIT);
    await markPending(chunk, (w) => [w.record.epic.label]);
    const res = await jira.bulkCreate(chunk.map((w) => epicDraft(w.record, w.service)));
    const failedAt = new Map(res.failed.map((f) => [f.index, f.message]));
    for (const c of res.created) {
      const w = chunk[c.index];
      if (w) w.record = { ...w.record, epic: { ...w.record.epic, issueKey: c.key } };
    }
    for (const [index, message] of failedAt) {
      const w = chunk[index];
      if (w) w.record = { ...w.record, message: `The month's epic could not be created: ${message}` };
    }
    for (const w of chunk) {
      w.record = { ...w.record, pending: [], updatedAt: now().toISOString() };
      await taskSetsRepo.put(taskSetKey(w.record.serviceId, w.record.month), w.record);
    }
  }
}

async function createTasks(work: Loaded[], jira: TaskSetJira, now: () => Date): Promise<number> {
  let created = 0;
  const queue: Array<{ w: Loaded; item: TaskSetItem; withAssignee: boolean }> = [];
  for (const w of work) {
    if (!w.record.epic.issueKey) continue;
    for (const item of w.record.items) if (!item.issueKey) queue.push({ w, item, withAssignee: true });
  }
  while (queue.length > 0) {
    const chunk = queue.splice(0, BULK_LIMIT);
    const touched = [...new Set(chunk.map((c) => c.w))];
    await markPending(touched, (w) => chunk.filter((c) => c.w === w).map((c) => c.item.label));
    const res = await jira.bulkCreate(chunk.map((c) => taskDraft(c.w.record, c.w.service, c.item, c.withAssignee)));
    for (const c of res.created) {
      const entry = chunk[c.index];
      if (!entry) continue;
      setItem(entry.w, entry.item.itemKey, { issueKey: c.key, failure: undefined });
      created++;
    }
    for (const f of res.failed) {
      const entry = chunk[f.index];
      if (!entry) continue;
      // The usual cause is an assignee Jira won't accept (left the project, no licence): retry once unassigned.
      if (entry.withAssignee && entry.item.assigneeAccountId) queue.push({ ...entry, withAssignee: false });
      else setItem(entry.w, entry.item.itemKey, { failure: f.message });
    }
    for (const w of touched) {
      w.record = { ...w.record, pending: [], updatedAt: now().toISOString() };
      await taskSetsRepo.put(taskSetKey(w.record.serviceId, w.record.month), w.record);
    }
  }
  return created;
}

function setItem(w: Loaded, itemKey: string, patch: Partial<TaskSetItem>): void {
  w.record = { ...w.record, items: w.record.items.map((i) => (i.itemKey === itemKey ? { ...i, ...patch } : i)) };
}
