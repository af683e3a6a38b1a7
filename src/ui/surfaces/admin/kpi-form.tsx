// Add or edit a custom KPI built from the normalised metrics. The backend validates the whole
// definition; its messages appear next to the fields they name.
import Heading from '@atlaskit/heading';
import { Box, Grid, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import TextArea from '@atlaskit/textarea';
import { useState } from 'react';
import type { MetricSource } from '../../../connectors/metrics/types';
import type { KpiDefinitionsView } from '../../../shared/api-kpi';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-bits';
import { serviceTypeOptions, type Option } from '../../components/options';
import { MultiSelect, SingleSelect } from '../../components/selects';
import { useI18n } from '../../i18n/i18n';
import { sourceName } from './connection-draft';
import { DIRECTIONS, FIELDS, PACINGS, SOURCES, UNITS, definitionOf, draftFromDefinition, newKpiDraft, type Agg, type Combine, type ExprKind, type KpiDraft, type MetricPart } from './kpi-draft';
import { AdminForm, useSaveForm } from './use-save-form';

const form = xcss({ maxWidth: '820px' });
const partBox = xcss({ padding: 'space.150', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium' });
const CLAIMED = ['id', 'label', 'appliesTo', 'metric', 'direction', 'unit', 'pacing', 'defaultTarget', 'definition'];

function PartEditor({ id, title, value, onChange, error }: { id: string; title: string; value: MetricPart; onChange(p: MetricPart): void; error: string | undefined }): JSX.Element {
  const i18n = useI18n();
  const fields: Option<MetricPart['field']>[] = FIELDS.map((f) => ({ value: f, label: i18n.t(`admin.kpi.field.${f}`) }));
  const sources: Option<MetricSource>[] = SOURCES.map((s) => ({ value: s, label: sourceName(i18n, s) }));
  const combines: Option<Combine>[] = [
    { value: 'sum', label: i18n.t('admin.kpi.combine.sum') },
    { value: 'first', label: i18n.t('admin.kpi.combine.first') },
  ];
  const aggs: Option<Agg>[] = [
    { value: 'total', label: i18n.t('admin.kpi.agg.total') },
    { value: 'per-day', label: i18n.t('admin.kpi.agg.per-day') },
  ];
  return (
    <Box xcss={partBox}>
      <Stack space="space.050">
        <Heading size="xsmall" as="h4">
          {title}
        </Heading>
        <Grid templateColumns="1fr 2fr" gap="space.150">
          <Field id={`${id}-field`} label={i18n.t('admin.kpi.metricField')} error={error}>
            <SingleSelect id={`${id}-field`} options={fields} value={value.field} onChange={(v) => onChange({ ...value, field: v })} isInvalid={!!error} />
          </Field>
          <Field id={`${id}-sources`} label={i18n.t('admin.kpi.sources')} help={i18n.t('admin.kpi.sourcesHelp')}>
            <MultiSelect id={`${id}-sources`} options={sources} value={value.sources} onChange={(v) => onChange({ ...value, sources: v })} />
          </Field>
          <Field id={`${id}-combine`} label={i18n.t('admin.kpi.combine')}>
            <SingleSelect id={`${id}-combine`} options={combines} value={value.combine} onChange={(v) => onChange({ ...value, combine: v })} />
          </Field>
          <Field id={`${id}-agg`} label={i18n.t('admin.kpi.agg')}>
            <SingleSelect id={`${id}-agg`} options={aggs} value={value.agg} onChange={(v) => onChange({ ...value, agg: v })} />
          </Field>
        </Grid>
      </Stack>
    </Box>
  );
}

export function KpiForm({ definition, onCancel, onSaved }: { definition: KpiDefinitionsView['custom'][number] | null; onCancel(): void; onSaved(v: KpiDefinitionsView): void }): JSX.Element {
  const i18n = useI18n();
  const [d, setD] = useState<KpiDraft>(() => (definition ? draftFromDefinition(definition) : newKpiDraft()));
  const f = useSaveForm('kpi/definitions/save', { onSaved });
  // The resolver takes { definition }; the use case reports paths inside it without that prefix.
  const err = (p: string) => f.err(p) ?? f.err(`definition.${p}`);
  const title = definition ? i18n.t('admin.kpi.editTitle') : i18n.t('admin.kpi.createTitle');
  const kinds: Option<ExprKind>[] = (['metric', 'ratio', 'goal', 'json'] as const).map((k) => ({ value: k, label: i18n.t(`admin.kpi.kind.${k}`) }));
  const units: Option<KpiDraft['unit']>[] = UNITS.map((u) => ({ value: u, label: i18n.t(`admin.kpi.unit.${u}`) }));
  const directions: Option<KpiDraft['direction']>[] = DIRECTIONS.map((u) => ({ value: u, label: i18n.t(`admin.kpi.direction.${u}`) }));
  const pacings: Option<KpiDraft['pacing']>[] = PACINGS.map((u) => ({ value: u, label: i18n.t(`admin.kpi.pacing.${u}`) }));

  return (
    <Box xcss={form}>
      <AdminForm form={f} build={() => ({ definition: definitionOf(d) })} claimed={CLAIMED} label={title}>
        <Heading size="medium" as="h2">
          {title}
        </Heading>
        <Grid templateColumns="1fr 1fr" gap="space.200">
          <Field id="kpi-id" label={i18n.t('admin.kpi.id')} error={err('id')} help={i18n.t('admin.kpi.idHelp')}>
            <Textfield id="kpi-id" value={d.id} onChange={(e) => setD({ ...d, id: e.currentTarget.value })} isReadOnly={d.existing} isInvalid={!!err('id')} />
          </Field>
          <Field id="kpi-applies" label={i18n.t('admin.kpi.appliesTo')} error={err('appliesTo')}>
            <MultiSelect id="kpi-applies" options={serviceTypeOptions(i18n)} value={d.appliesTo} onChange={(v) => setD({ ...d, appliesTo: v })} isInvalid={!!err('appliesTo')} />
          </Field>
        </Grid>
        <Grid templateColumns="1fr 1fr 1fr" gap="space.200">
          {(['en', 'uk', 'ru'] as const).map((l) => (
            <Field key={l} id={`kpi-label-${l}`} label={i18n.t('admin.kpi.labelIn', { lang: i18n.t(`lang.${l}`) })} error={err(`label.${l}`)}>
              <Textfield id={`kpi-label-${l}`} value={d.label[l]} onChange={(e) => setD({ ...d, label: { ...d.label, [l]: e.currentTarget.value } })} isInvalid={!!err(`label.${l}`)} />
            </Field>
          ))}
        </Grid>
        <Grid templateColumns="1fr 1fr 1fr 1fr" gap="space.200">
          <Field id="kpi-unit" label={i18n.t('admin.kpi.unit')} error={err('unit')}>
            <SingleSelect id="kpi-unit" options={units} value={d.unit} onChange={(v) => setD({ ...d, unit: v })} />
          </Field>
          <Field id="kpi-direction" label={i18n.t('admin.kpi.direction')} error={err('direction')}>
            <SingleSelect id="kpi-direction" options={directions} value={d.direction} onChange={(v) => setD({ ...d, direction: v })} />
          </Field>
          <Field id="kpi-pacing" label={i18n.t('admin.kpi.pacing')} error={err('pacing')}>
            <SingleSelect id="kpi-pacing" options={pacings} value={d.pacing} onChange={(v) => setD({ ...d, pacing: v })} />
          </Field>
          <Field id="kpi-default" label={d.unit === 'percent' ? i18n.t('admin.kpi.defaultTargetPercent') : i18n.t('admin.kpi.defaultTarget')} error={err('defaultTarget')}>
            <Textfield id="kpi-default" inputMode="decimal" value={d.defaultTarget} onChange={(e) => setD({ ...d, defaultTarget: e.currentTarget.value })} isInvalid={!!err('defaultTarget')} />
          </Field>
        </Grid>
        <Field id="kpi-kind" label={i18n.t('admin.kpi.kind')}>
          <SingleSelect id="kpi-kind" options={kinds} value={d.kind} onChange={(v) => setD({ ...d, kind: v })} />
        </Field>
        {d.kind === 'metric' ? <PartEditor id="kpi-metric" title={i18n.t('admin.kpi.kind.metric')} value={d.metric} onChange={(p) => setD({ ...d, metric: p })} error={err('metric')} /> : null}
        {d.kind === 'ratio' ? (
          <Grid templateColumns="1fr 1fr" gap="space.150">
            <PartEditor id="kpi-num" title={i18n.t('admin.kpi.numerator')} value={d.metric} onChange={(p) => setD({ ...d, metric: p })} error={err('metric.left') ?? (err('metric.right') ? undefined : err('metric'))} />
            <PartEditor id="kpi-den" title={i18n.t('admin.kpi.denominator')} value={d.denominator} onChange={(p) => setD({ ...d, denominator: p })} error={err('metric.right')} />
          </Grid>
        ) : null}
        {d.kind === 'goal' ? (
          <Grid templateColumns="1fr 1fr" gap="space.150">
            <Field id="kpi-goals" label={i18n.t('admin.conn.goalIds')} error={err('metric.goalIds') ?? err('metric')}>
              <Textfield id="kpi-goals" value={d.goalIds} onChange={(e) => setD({ ...d, goalIds: e.currentTarget.value })} isInvalid={!!err('metric')} />
            </Field>
            <Field id="kpi-goal-sources" label={i18n.t('admin.kpi.sources')} help={i18n.t('admin.kpi.sourcesHelp')}>
              <MultiSelect id="kpi-goal-sources" options={SOURCES.map((s) => ({ value: s, label: sourceName(i18n, s) }))} value={d.goalSources} onChange={(v) => setD({ ...d, goalSources: v })} />
            </Field>
          </Grid>
        ) : null}
        {d.kind === 'json' ? (
          <Field id="kpi-json" label={i18n.t('admin.kpi.json')} error={err('metric')} help={i18n.t('admin.kpi.jsonHelp')}>
            <TextArea id="kpi-json" value={d.json} onChange={(e) => setD({ ...d, json: e.currentTarget.value })} minimumRows={6} isMonospaced isInvalid={!!err('metric')} />
          </Field>
        ) : null}
        <FormActions pending={f.pending} onCancel={onCancel} />
      </AdminForm>
    </Box>
  );
}
