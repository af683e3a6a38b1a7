// What a month's task set looks like now: the record's plan joined with Jira's live status and
// logged time (one search call), and the plan's hours against the allowance.
import type { TaskSetView } from '../shared/api';
import { taskSetKey, taskSetsRepo } from '../storage/tasksets.repo';
import { requireServiceAccess, type Access } from './access';
import { monthIn } from './plan-daily-work';
import type { UserDirectory } from './services';

export interface EpicProgress {
  issuesUnder(epicKey: string): Promise<Array<{ key: string; statusCategory: 'new' | 'indeterminate' | 'done'; timeSpentSeconds: number }>>;
}

export async function taskSetView(a: Access, serviceId: string, month: string | undefined, jira: EpicProgress, users: UserDirectory): Promise<TaskSetView> {
  const s = requireServiceAccess(a, serviceId, 'see');
  const m = month ?? monthIn(new Date(), a.agency.timeZone).month;
  const record = await taskSetsRepo.get(taskSetKey(s.id, m));
  if (!record) {
    return { serviceId: s.id, month: m, monthNumber: 0, state: 'none', epicKey: null, items: [], plannedHours: 0, loggedHours: 0, allowanceHours: s.monthlyHourAllowance, overAllowance: false };
  }
  const assignees = [...new Set(record.items.map((i) => i.assigneeAccountId).filter((x): x is string => !!x))];
  const [live, names] = await Promise.all([record.epic.issueKey ? jira.issuesUnder(record.epic.issueKey) : Promise.resolve([]), users.names(assignees)]);
  const byKey = new Map(live.map((i) => [i.key, i]));
  const items = record.items.map((it) => {
    const l = it.issueKey ? byKey.get(it.issueKey) : undefined;
    return {
      issueKey: it.issueKey ?? null,
      summary: it.summary,
      role: it.role,
      assigneeAccountId: it.assigneeAccountId,
      assigneeName: it.assigneeAccountId ? (names.get(it.assigneeAccountId) ?? null) : null,
      estimateHours: it.estimateHours,
      loggedHours: l ? round2(l.timeSpentSeconds / 3600) : 0,
      status: l?.statusCategory === 'done' ? ('done' as const) : l?.statusCategory === 'indeterminate' ? ('in-progress' as const) : ('todo' as const),
      dueDate: it.dueDate,
      extra: it.extra,
    };
  });
  const plannedHours = round2(items.reduce((x, i) => x + i.estimateHours, 0));
  return {
    serviceId: s.id,
    month: m,
    monthNumber: record.monthNumber,
    state: record.state,
    epicKey: record.epic.issueKey ?? null,
    items,
    plannedHours,
    loggedHours: round2(live.reduce((x, i) => x + i.timeSpentSeconds, 0) / 3600),
    allowanceHours: s.monthlyHourAllowance,
    overAllowance: plannedHours > s.monthlyHourAllowance,
  };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
