// Plans & bonus: per month, each manager's turnover target per service line, and the bonus formula.
// A month without its own plans shows the last one carried over until a head saves it.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { SERVICE_TYPES } from '../../../domain/model';
import type { KpiPlanView } from '../../../shared/api-kpi';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection } from '../../components/error-flag';
import { Field } from '../../components/field';
import { LoadingState } from '../../components/loading-state';
import { MonthSwitcher } from '../../components/month-switcher';
import type { Option } from '../../components/options';
import { SingleSelect, useUserOptions } from '../../components/selects';
import { useAgency, useUsers, useViewer } from '../../hooks/use-data';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { monthIn } from './kpi-draft';
import { planDraft, planPayload, type FormulaDraft, type PlanDraft, type RangeDraft } from './plan-draft';
import { AdminForm, useSaveForm } from './use-save-form';

const box = xcss({ padding: 'space.150', borderColor: 'color.border', borderStyle: 'solid', borderWidth: 'border.width', borderRadius: 'radius.medium', maxWidth: '760px' });
const adder = xcss({ width: '280px' });
const CLAIMED = ['month', 'currency', 'plans', 'formula'];

function Factor({ id, label, value, onChange, err, readOnly }: { id: string; label: string; value: RangeDraft; onChange(v: RangeDraft): void; err(p: string): string | undefined; readOnly: boolean }): JSX.Element {
  const i18n = useI18n();
  return (
    <Stack space="space.050">
      <Checkbox name={id} label={label} isChecked={value.on} isDisabled={readOnly} onChange={(e) => onChange({ ...value, on: e.currentTarget.checked })} />
      {value.on ? (
        <Grid templateColumns="1fr 1fr" gap="space.150">
          <Field id={`${id}-min`} label={i18n.t('admin.plan.factorMin')} error={err(`formula.${id}.min`)}>
            <Textfield id={`${id}-min`} inputMode="decimal" value={value.min} onChange={(e) => onChange({ ...value, min: e.currentTarget.value })} isReadOnly={readOnly} isInvalid={!!err(`formula.${id}.min`)} />
          </Field>
          <Field id={`${id}-max`} label={i18n.t('admin.plan.factorMax')} error={err(`formula.${id}.max`)}>
            <Textfield id={`${id}-max`} inputMode="decimal" value={value.max} onChange={(e) => onChange({ ...value, max: e.currentTarget.value })} isReadOnly={readOnly} isInvalid={!!err(`formula.${id}.max`)} />
          </Field>
        </Grid>
      ) : null}
    </Stack>
  );
}

function FormulaEditor({ value, onChange, err, currency, readOnly }: { value: FormulaDraft; onChange(v: FormulaDraft): void; err(p: string): string | undefined; currency: string; readOnly: boolean }): JSX.Element {
  const i18n = useI18n();
  const kinds: Option<FormulaDraft['kind']>[] = (['none', 'share-above-threshold', 'tiered'] as const).map((k) => ({ value: k, label: i18n.t(`admin.plan.kind.${k}`) }));
  const pct = (k: 'thresholdPercent' | 'sharePercent', label: string) => (
    <Field id={`formula-${k}`} label={label} error={err(`formula.${k}`)}>
      <Textfield id={`formula-${k}`} inputMode="decimal" value={value[k]} onChange={(e) => onChange({ ...value, [k]: e.currentTarget.value })} isReadOnly={readOnly} isInvalid={!!err(`formula.${k}`)} />
    </Field>
  );
  return (
    <Box xcss={box} testId="bonus-formula">
      <Stack space="space.100">
        <Heading size="small" as="h3">
          {i18n.t('admin.plan.formula')}
        </Heading>
        <Field id="formula-kind" label={i18n.t('admin.plan.formulaKind')} help={i18n.t(`admin.plan.kindHelp.${value.kind}`)}>
          <SingleSelect id="formula-kind" options={kinds} value={value.kind} onChange={(v) => onChange({ ...value, kind: v })} isDisabled={readOnly} />
        </Field>
        {value.kind === 'share-above-threshold' ? (
          <Grid templateColumns="1fr 1fr" gap="space.150">
            {pct('thresholdPercent', i18n.t('admin.plan.threshold'))}
            {pct('sharePercent', i18n.t('admin.plan.share'))}
          </Grid>
        ) : null}
        {value.kind === 'tiered' ? (
          <Stack space="space.050">
            {err('formula.tiers') ? <span style={{ color: token('color.text.danger') }}>{err('formula.tiers')}</span> : null}
            {value.tiers.map((t, i) => (
              <Grid key={i} templateColumns="1fr 1fr auto" gap="space.150" alignItems="end">
                <Field id={`tier-${i}-from`} label={i18n.t('admin.plan.tierFrom')} error={err(`formula.tiers.${i}.fromPercent`)}>
                  <Textfield id={`tier-${i}-from`} inputMode="decimal" value={t.fromPercent} isReadOnly={readOnly} onChange={(e) => onChange({ ...value, tiers: value.tiers.map((x, j) => (j === i ? { ...x, fromPercent: e.currentTarget.value } : x)) })} />
                </Field>
                <Field id={`tier-${i}-share`} label={i18n.t('admin.plan.tierShare')} error={err(`formula.tiers.${i}.sharePercent`)}>
                  <Textfield id={`tier-${i}-share`} inputMode="decimal" value={t.sharePercent} isReadOnly={readOnly} onChange={(e) => onChange({ ...value, tiers: value.tiers.map((x, j) => (j === i ? { ...x, sharePercent: e.currentTarget.value } : x)) })} />
                </Field>
                {!readOnly ? (
                  <Button appearance="subtle" onClick={() => onChange({ ...value, tiers: value.tiers.filter((_, j) => j !== i) })}>
                    {i18n.t('common.remove')}
                  </Button>
                ) : null}
              </Grid>
            ))}
            {!readOnly ? (
              <div>
                <Button onClick={() => onChange({ ...value, tiers: [...value.tiers, { fromPercent: '', sharePercent: '' }] })}>{i18n.t('admin.plan.addTier')}</Button>
              </div>
            ) : null}
          </Stack>
        ) : null}
        {value.kind !== 'none' ? (
          <>
            <Factor id="kpiFactor" label={i18n.t('admin.plan.kpiFactor')} value={value.kpiFactor} onChange={(v) => onChange({ ...value, kpiFactor: v })} err={err} readOnly={readOnly} />
            <Factor id="ratingFactor" label={i18n.t('admin.plan.ratingFactor')} value={value.ratingFactor} onChange={(v) => onChange({ ...value, ratingFactor: v })} err={err} readOnly={readOnly} />
            <Field id="formula-cap" label={i18n.t('admin.plan.cap', { currency })} error={err('formula.capAmount')} help={i18n.t('admin.plan.capHelp')}>
              <Textfield id="formula-cap" inputMode="decimal" value={value.capAmount} onChange={(e) => onChange({ ...value, capAmount: e.currentTarget.value })} isReadOnly={readOnly} isInvalid={!!err('formula.capAmount')} />
            </Field>
          </>
        ) : null}
      </Stack>
    </Box>
  );
}

function PlanForm({ view, people, canEdit, onSaved }: { view: KpiPlanView; people: Option[]; canEdit: boolean; onSaved(v: KpiPlanView): void }): JSX.Element {
  const i18n = useI18n();
  const [d, setD] = useState<PlanDraft>(() => planDraft(view));
  const f = useSaveForm('kpi/plan/set', { onSaved });
  const nameOf = new Map(people.map((p) => [p.value, p.label]));
  const free = people.filter((p) => !d.rows.some((r) => r.managerAccountId === p.value));
  const head = {
    cells: [
      { key: 'manager', content: i18n.t('admin.plan.manager') },
      ...SERVICE_TYPES.map((t) => ({ key: t, content: i18n.serviceType(t) })),
      { key: 'actions', content: '' },
    ],
  };
  const rows = d.rows.map((r, i) => ({
    key: r.managerAccountId,
    cells: [
      { key: 'manager', content: <strong>{nameOf.get(r.managerAccountId) ?? r.managerAccountId}</strong> },
      ...SERVICE_TYPES.map((t) => {
        const err = f.err(`plans.${i}.targets.${t}`);
        return {
          key: t,
          content: (
            <Stack space="space.025">
              <Textfield
                inputMode="decimal"
                aria-label={`${nameOf.get(r.managerAccountId) ?? r.managerAccountId}: ${i18n.serviceType(t)}`}
                value={r.targets[t] ?? ''}
                isReadOnly={!canEdit}
                isInvalid={!!err}
                testId={`plan-${i}-${t}`}
                onChange={(e) => setD({ ...d, rows: d.rows.map((x, j) => (j === i ? { ...x, targets: { ...x.targets, [t]: e.currentTarget.value } } : x)) })}
              />
              {err ? <span style={{ color: token('color.text.danger') }}>{err}</span> : null}
            </Stack>
          ),
        };
      }),
      {
        key: 'actions',
        content: canEdit ? (
          <Button appearance="subtle" onClick={() => setD({ ...d, rows: d.rows.filter((_, j) => j !== i) })} aria-label={`${i18n.t('common.remove')}: ${nameOf.get(r.managerAccountId) ?? r.managerAccountId}`}>
            {i18n.t('common.remove')}
          </Button>
        ) : null,
      },
    ],
  }));
  return (
    <AdminForm form={f} build={() => planPayload(d)} claimed={CLAIMED} label={i18n.t('admin.tab.plans')}>
      {!view.own && view.plans.length > 0 ? (
        <SectionMessage appearance="information" testId="plan-carried">
          <p>{i18n.t('admin.plan.carried')}</p>
        </SectionMessage>
      ) : null}
      <Field id="plan-currency" label={i18n.t('admin.plan.currency')} error={f.err('currency')}>
        <Textfield id="plan-currency" width="small" maxLength={3} value={d.currency} onChange={(e) => setD({ ...d, currency: e.currentTarget.value.toUpperCase() })} isReadOnly={!canEdit} isInvalid={!!f.err('currency')} />
      </Field>
      <DynamicTable head={head} rows={rows} label={i18n.t('admin.plan.targets')} emptyView={<EmptyState title={i18n.t('admin.plan.empty.title')} body={i18n.t('admin.plan.empty.body')} />} testId="plan-table" />
      {canEdit && free.length > 0 ? (
        <Box xcss={adder}>
          <Field id="plan-add" label={i18n.t('admin.plan.addManager')}>
            <SingleSelect id="plan-add" options={free} value={null} onChange={(v) => setD({ ...d, rows: [...d.rows, { managerAccountId: v, targets: {} }] })} />
          </Field>
        </Box>
      ) : null}
      <FormulaEditor value={d.formula} onChange={(formula) => setD({ ...d, formula })} err={f.err} currency={d.currency} readOnly={!canEdit} />
      {canEdit ? (
        <div>
          <Button type="submit" appearance="primary" isLoading={f.pending} testId="plan-save">
            {i18n.t('admin.plan.save')}
          </Button>
        </div>
      ) : null}
    </AdminForm>
  );
}

export function PlansTab(): JSX.Element {
  const i18n = useI18n();
  const agency = useAgency();
  const viewer = useViewer();
  const users = useUsers();
  const people = useUserOptions(users.data);
  const thisMonth = agency.data ? monthIn(agency.data.timeZone) : null;
  const [picked, setPicked] = useState<string>();
  const month = picked ?? thisMonth;
  const plan = useResolver('kpi/plan/get', month ? { month } : null);
  const [saved, setSaved] = useState<KpiPlanView>();
  if (agency.error) return <ErrorSection error={agency.error} onRetry={agency.reload} />;
  if (!month || !thisMonth) return <LoadingState />;
  const view = saved && saved.month === month ? saved : plan.data && plan.data.month === month ? plan.data : undefined;
  const canEdit = viewer.data?.isHead ?? false;
  return (
    <Stack space="space.200">
      <Inline spread="space-between" alignBlock="center" shouldWrap>
        <MonthSwitcher month={month} isCurrent={month === thisMonth} onChange={(m) => setPicked(m)} />
        {!canEdit ? <span role="note">{i18n.t('admin.headOnly')}</span> : null}
      </Inline>
      {plan.error ? <ErrorSection error={plan.error} onRetry={plan.reload} /> : null}
      {view && users.data ? <PlanForm key={`${view.month}:${view.own ? 'own' : 'carried'}:${saved === view ? 'saved' : 'loaded'}`} view={view} people={people} canEdit={canEdit} onSaved={setSaved} /> : !plan.error ? <LoadingState /> : null}
    </Stack>
  );
}
