// The month's tasks: one row per task with role, assignee, hours and status; issue keys open the issue.
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { TaskSetView } from '../../../shared/api';
import { TaskStatusLozenge } from '../../components/status-lozenge';
import { useI18n } from '../../i18n/i18n';
import { openIssue } from '../../services/navigation';

export function TaskTable({ view, names }: { view: TaskSetView; names: Map<string, string> }): JSX.Element {
  const i18n = useI18n();
  const head = {
    cells: [
      { key: 'task', content: i18n.t('project.col.task'), isSortable: true, width: 34 },
      { key: 'role', content: i18n.t('project.col.role'), isSortable: true, width: 14 },
      { key: 'assignee', content: i18n.t('project.col.assignee'), isSortable: true, width: 14 },
      { key: 'estimate', content: i18n.t('project.col.estimate'), isSortable: true, width: 9 },
      { key: 'logged', content: i18n.t('project.col.logged'), isSortable: true, width: 9 },
      { key: 'status', content: i18n.t('project.col.status'), isSortable: true, width: 10 },
      { key: 'due', content: i18n.t('project.col.due'), isSortable: true, width: 10 },
    ],
  };
  const rows = view.items.map((item, idx) => {
    const over = item.loggedHours > item.estimateHours;
    const assignee = item.assigneeAccountId ? (item.assigneeName ?? names.get(item.assigneeAccountId) ?? item.assigneeAccountId) : null;
    return {
      key: item.issueKey ?? `planned-${idx}`,
      cells: [
        {
          key: item.summary,
          content: (
            <Inline space="space.100" alignBlock="center" shouldWrap>
              {item.issueKey ? (
                <button type="button" className="rt-link-button" onClick={() => void openIssue(item.issueKey as string)}>
                  {item.issueKey}
                </button>
              ) : null}
              <span>{item.summary}</span>
              {item.extra ? <Lozenge appearance="new">{i18n.t('project.extraTag')}</Lozenge> : null}
            </Inline>
          ),
        },
        { key: i18n.role(item.role), content: i18n.role(item.role) },
        { key: assignee ?? '', content: assignee ?? <span style={{ color: token('color.text.subtlest') }}>{i18n.t('project.unassigned')}</span> },
        { key: item.estimateHours, content: <span className="rt-num">{i18n.hours(item.estimateHours)}</span> },
        {
          key: item.loggedHours,
          content: <span className="rt-num" style={{ color: over ? token('color.text.danger') : undefined }}>{i18n.hours(item.loggedHours)}</span>,
        },
        { key: item.status, content: <TaskStatusLozenge status={item.status} /> },
        { key: item.dueDate, content: <span className="rt-num">{i18n.date(item.dueDate)}</span> },
      ],
    };
  });
  return <DynamicTable head={head} rows={rows} label={i18n.t('project.taskSet')} testId="task-table" />;
}
