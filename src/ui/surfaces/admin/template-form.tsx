// Create or edit a template task: titles and descriptions in three languages, estimate, role,
// month rule, due day, checklist, labels, active.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Heading from '@atlaskit/heading';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { ServiceType, TemplateInput, TemplateTask } from '../../../shared/api';
import { Field, fieldError } from '../../components/field';
import { FormActions, SaveErrors } from '../../components/form-bits';
import { roleOptions, serviceTypeOptions } from '../../components/options';
import { SingleSelect } from '../../components/selects';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';
import { LocalizedFields } from './localized-fields';
import { MonthRuleEditor } from './month-rule-editor';

const form = xcss({ maxWidth: '900px' });
const line = xcss({ paddingBlockEnd: 'space.100', borderBottomColor: 'color.border', borderBottomStyle: 'solid', borderBottomWidth: 'border.width' });
const sectionHead = xcss({ paddingBlockStart: 'space.200' });
const CLAIMED = ['serviceType', 'title', 'description', 'estimateHours', 'role', 'rule', 'dueDayOffset', 'checklist', 'labels', 'active'];

function toInput(t: TemplateTask | null, serviceType: ServiceType): TemplateInput {
  if (!t) return { serviceType, title: { en: '' }, description: { en: '' }, estimateHours: 1, role: 'seo-specialist', rule: { kind: 'every-month' }, dueDayOffset: 5, checklist: [], labels: [], active: true };
  return { ...t, title: { ...t.title }, description: { ...t.description }, checklist: t.checklist.map((c) => ({ ...c })), labels: [...t.labels] };
}

const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.replace(',', '.')));

export function TemplateForm({ template, serviceType, onCancel, onSaved }: { template: TemplateTask | null; serviceType: ServiceType; onCancel(): void; onSaved(): void }): JSX.Element {
  const i18n = useI18n();
  const [d, setD] = useState<TemplateInput>(() => toInput(template, serviceType));
  const [estimate, setEstimate] = useState(String(d.estimateHours));
  const [due, setDue] = useState(String(d.dueDayOffset));
  const [labels, setLabels] = useState(d.labels.join(', '));
  const save = useMutation('templates/save');
  const err = (p: string) => fieldError(save.error?.fields, p);

  const submit = async () => {
    const payload: TemplateInput = {
      ...d,
      estimateHours: num(estimate),
      dueDayOffset: num(due),
      labels: labels.split(',').map((x) => x.trim()).filter((x) => x.length > 0),
    };
    const r = await save.run(payload);
    if (r.ok) {
      notifySuccess(i18n.t('admin.saved'));
      onSaved();
    }
  };

  return (
    <Box xcss={form}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
        aria-label={template ? i18n.t('templates.editTitle') : i18n.t('templates.createTitle')}
      >
        <Stack space="space.100">
          <Heading size="medium" as="h2">
            {template ? i18n.t('templates.editTitle') : i18n.t('templates.createTitle')}
          </Heading>
          <SaveErrors error={save.error} claimed={CLAIMED} />
          <LocalizedFields id="tpl-title" label={i18n.t('templates.title')} value={d.title} onChange={(title) => setD({ ...d, title })} error={(l) => err(`title.${l}`)} />
          <LocalizedFields id="tpl-desc" label={i18n.t('templates.description')} value={d.description} onChange={(description) => setD({ ...d, description })} multiline error={(l) => err(`description.${l}`)} />
          <Grid templateColumns="1fr 1fr 1fr 1fr" gap="space.150">
            <Field id="tpl-type" label={i18n.t('templates.serviceType')} error={err('serviceType')}>
              <SingleSelect id="tpl-type" options={serviceTypeOptions(i18n)} value={d.serviceType} onChange={(v) => setD({ ...d, serviceType: v })} />
            </Field>
            <Field id="tpl-role" label={i18n.t('templates.role')} error={err('role')}>
              <SingleSelect id="tpl-role" options={roleOptions(i18n)} value={d.role} onChange={(v) => setD({ ...d, role: v })} />
            </Field>
            <Field id="tpl-estimate" label={i18n.t('templates.estimate')} error={err('estimateHours')} help={i18n.t('templates.estimate.help')}>
              <Textfield id="tpl-estimate" type="number" min={0.25} step={0.25} value={estimate} onChange={(e) => setEstimate(e.currentTarget.value)} isInvalid={!!err('estimateHours')} />
            </Field>
            <Field id="tpl-due" label={i18n.t('templates.dueOffset')} error={err('dueDayOffset')}>
              <Textfield id="tpl-due" type="number" min={0} max={30} value={due} onChange={(e) => setDue(e.currentTarget.value)} isInvalid={!!err('dueDayOffset')} />
            </Field>
          </Grid>
          <Box xcss={sectionHead}>
            <Heading size="small" as="h3">
              {i18n.t('templates.rule')}
            </Heading>
          </Box>
          <MonthRuleEditor rule={d.rule} onChange={(rule) => setD({ ...d, rule })} error={err} />
          <Box xcss={sectionHead}>
            <Heading size="small" as="h3">
              {i18n.t('templates.checklist')}
            </Heading>
          </Box>
          {d.checklist.map((item, i) => (
            <Box key={i} xcss={line}>
              <LocalizedFields
                id={`tpl-check-${i}`}
                label={`${i + 1}`}
                value={item}
                onChange={(v) => setD({ ...d, checklist: d.checklist.map((c, j) => (j === i ? v : c)) })}
                error={(l) => err(`checklist.${i}.${l}`)}
              />
              <Inline alignInline="end">
                <Button appearance="subtle" onClick={() => setD({ ...d, checklist: d.checklist.filter((_, j) => j !== i) })}>
                  {i18n.t('common.remove')}
                </Button>
              </Inline>
            </Box>
          ))}
          <div>
            <Button onClick={() => setD({ ...d, checklist: [...d.checklist, { en: '' }] })}>{i18n.t('templates.checklist.add')}</Button>
          </div>
          <Field id="tpl-labels" label={i18n.t('templates.labels')} error={err('labels')} help={i18n.t('templates.labels.help')}>
            <Textfield id="tpl-labels" value={labels} onChange={(e) => setLabels(e.currentTarget.value)} isInvalid={!!err('labels')} />
          </Field>
          <Checkbox isChecked={d.active} onChange={(e) => setD({ ...d, active: e.currentTarget.checked })} label={i18n.t('templates.active')} name="active" />
          <FormActions pending={save.pending} onCancel={onCancel} />
        </Stack>
      </form>
    </Box>
  );
}
