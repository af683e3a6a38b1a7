// One record per service per month: the planned items, what Jira has confirmed, and the chunk in
// flight (written before each bulk call so a crash mid-call can be resolved by label search).
import { z } from 'zod';
import { ROLES } from '../domain/model';
import { entityStore } from '../platform/entity-store';

const Item = z.object({
  itemKey: z.string(),
  label: z.string(),
  templateId: z.string(),
  summary: z.string(),
  description: z.string(),
  role: z.enum(ROLES),
  assigneeAccountId: z.string().nullable(),
  estimateHours: z.number(),
  dueDate: z.string(),
  labels: z.array(z.string()),
  checklist: z.array(z.string()),
  extra: z.boolean(),
  issueKey: z.string().optional(),
  failure: z.string().optional(),
});

export const TaskSetRecordSchema = z.object({
  serviceId: z.string(),
  month: z.string(),
  monthNumber: z.number().int(),
  state: z.enum(['planned', 'creating', 'created', 'failed']),
  projectKey: z.string(),
  epic: z.object({ summary: z.string(), label: z.string(), issueKey: z.string().optional() }),
  items: z.array(Item),
  /** Labels of issues sent in a bulk call whose answer was not recorded yet. */
  pending: z.array(z.string()).default([]),
  message: z.string().optional(),
  updatedAt: z.string(),
});

export type TaskSetRecord = z.infer<typeof TaskSetRecordSchema>;
export type TaskSetItem = z.infer<typeof Item>;

export const taskSetKey = (serviceId: string, month: string): string => `${serviceId}:${month}`;

export const taskSetsRepo = entityStore('task-set', TaskSetRecordSchema, (r) => ({ serviceId: r.serviceId, month: r.month, state: r.state }));

export async function taskSetsForMonth(month: string): Promise<TaskSetRecord[]> {
  return taskSetsRepo.byIndex('by-month', { partition: [month] });
}
