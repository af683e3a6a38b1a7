// The template catalog per service type: list, create, edit, delete.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { useState } from 'react';
import { describeRule } from '../../../domain/month-rules';
import type { ServiceType, TemplateTask } from '../../../shared/api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { localize } from '../../components/localize';
import { serviceTypeOptions } from '../../components/options';
import { SingleSelect } from '../../components/selects';
import { useTemplates } from '../../hooks/use-data';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';
import { TemplateForm } from './template-form';

const picker = xcss({ width: '260px' });

export function TemplatesTab(): JSX.Element {
  const i18n = useI18n();
  const [type, setType] = useState<ServiceType>('seo');
  const templates = useTemplates(type);
  const [editing, setEditing] = useState<TemplateTask | 'new' | null>(null);
  const [deleting, setDeleting] = useState<TemplateTask | null>(null);
  const remove = useMutation('templates/delete');
  const flagError = useErrorFlag();

  if (editing) {
    return (
      <TemplateForm
        template={editing === 'new' ? null : editing}
        serviceType={type}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          templates.reload();
        }}
      />
    );
  }

  const del = async (t: TemplateTask) => {
    const r = await remove.run({ id: t.id });
    setDeleting(null);
    if (r.ok) {
      notifySuccess(i18n.t('templates.deleted'));
      templates.reload();
    } else flagError(r.error);
  };

  const head = {
    cells: [
      { key: 'title', content: i18n.t('templates.col.title'), isSortable: true, width: 32 },
      { key: 'role', content: i18n.t('templates.col.role'), isSortable: true },
      { key: 'estimate', content: i18n.t('templates.col.estimate'), isSortable: true },
      { key: 'rule', content: i18n.t('templates.col.rule') },
      { key: 'due', content: i18n.t('templates.col.due'), isSortable: true },
      { key: 'active', content: i18n.t('templates.col.active') },
      { key: 'actions', content: '' },
    ],
  };
  const rows = (templates.data ?? []).map((t) => {
    const title = localize(t.title, i18n.lang);
    return {
      key: t.id,
      cells: [
        { key: title, content: <strong>{title}</strong> },
        { key: t.role, content: i18n.role(t.role) },
        { key: t.estimateHours, content: <span className="rt-num">{i18n.hours(t.estimateHours)}</span> },
        { key: 'rule', content: describeRule(t.rule, i18n.lang) },
        { key: t.dueDayOffset, content: i18n.t('templates.dueDay', { n: t.dueDayOffset + 1 }) },
        { key: String(t.active), content: <Lozenge appearance={t.active ? 'success' : 'default'}>{t.active ? i18n.t('common.yes') : i18n.t('common.no')}</Lozenge> },
        {
          key: 'actions',
          content: (
            <Inline space="space.050">
              <Button appearance="subtle" onClick={() => setEditing(t)} aria-label={`${i18n.t('common.edit')}: ${title}`}>
                {i18n.t('common.edit')}
              </Button>
              <Button appearance="subtle" onClick={() => setDeleting(t)} aria-label={`${i18n.t('common.delete')}: ${title}`}>
                {i18n.t('common.delete')}
              </Button>
            </Inline>
          ),
        },
      ],
    };
  });

  return (
    <Stack space="space.200">
      <Inline spread="space-between" alignBlock="end">
        <Box xcss={picker}>
          <label htmlFor="tpl-type" className="rt-small rt-muted">
            {i18n.t('templates.serviceType')}
          </label>
          <SingleSelect id="tpl-type" options={serviceTypeOptions(i18n)} value={type} onChange={(v) => setType(v)} />
        </Box>
        <Button appearance="primary" onClick={() => setEditing('new')}>
          {i18n.t('templates.create')}
        </Button>
      </Inline>
      {templates.error ? <ErrorSection error={templates.error} onRetry={templates.reload} /> : null}
      <DynamicTable
        head={head}
        rows={rows}
        isLoading={templates.loading}
        label={i18n.t('admin.tab.templates')}
        emptyView={<EmptyState title={i18n.t('templates.empty.title')} body={i18n.t('templates.empty.body')} />}
        testId="templates-table"
      />
      {deleting ? (
        <ConfirmDialog
          title={i18n.t('common.delete')}
          body={i18n.t('templates.deleteConfirm', { title: localize(deleting.title, i18n.lang) })}
          confirmLabel={i18n.t('common.delete')}
          pending={remove.pending}
          onConfirm={() => void del(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </Stack>
  );
}
