// Roles & rates: hourly cost per person and per role (profitability), and who is available how
// much (hours per day, days off, public holidays) for next month's capacity.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import TextArea from '@atlaskit/textarea';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { ROLES, type Role } from '../../../domain/model';
import type { AgencyMoneySettingsView } from '../../../shared/api-money';
import type { KpiCapacitySettings } from '../../../shared/api-kpi';
import { ErrorSection } from '../../components/error-flag';
import { Field } from '../../components/field';
import { LoadingState } from '../../components/loading-state';
import { roleOptions, type Option } from '../../components/options';
import { SingleSelect, useUserOptions } from '../../components/selects';
import { useUsers, useViewer } from '../../hooks/use-data';
import { useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { capacityDraft, capacityPayload, capacityProblems, ratesDraft, ratesPayload, ratesProblems, type CapacityDraft, type RatesDraft } from './settings-draft';
import { AdminForm, useSaveForm } from './use-save-form';

const wide = xcss({ maxWidth: '900px' });
const row = xcss({ paddingBlock: 'space.075', borderBlockEndColor: 'color.border', borderBlockEndStyle: 'solid', borderBlockEndWidth: 'border.width' });
const subtle = { color: token('color.text.subtle') };

function CostRates({ settings, people, canEdit }: { settings: AgencyMoneySettingsView; people: Option[]; canEdit: boolean }): JSX.Element {
  const i18n = useI18n();
  const [base, setBase] = useState(settings);
  const [d, setD] = useState<RatesDraft>(() => ratesDraft(settings));
  const f = useSaveForm('money/settings/save', {
    onSaved: (s) => {
      setBase(s);
      setD(ratesDraft(s));
    },
  });
  const setPerson = (i: number, patch: Partial<RatesDraft['people'][number]>) => setD({ ...d, people: d.people.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <AdminForm form={f} build={() => ratesPayload(d, base)} check={() => ratesProblems(d)} claimed={['costRates', 'people']} label={i18n.t('admin.rates.costTitle')}>
      <Heading size="medium" as="h2">
        {i18n.t('admin.rates.costTitle')}
      </Heading>
      <span style={subtle}>{i18n.t('admin.rates.costHelp')}</span>
      <Field id="rate-default" label={i18n.t('admin.rates.default')} error={f.err('costRates.default')}>
        <Textfield id="rate-default" width="small" inputMode="decimal" value={d.default} onChange={(e) => setD({ ...d, default: e.currentTarget.value })} isReadOnly={!canEdit} isInvalid={!!f.err('costRates.default')} />
      </Field>
      <Heading size="small" as="h3">
        {i18n.t('admin.rates.byRole')}
      </Heading>
      <Grid templateColumns="repeat(3, 1fr)" gap="space.150">
        {ROLES.map((r) => (
          <Field key={r} id={`rate-role-${r}`} label={i18n.role(r)} error={f.err(`costRates.byRole.${r}`)}>
            <Textfield id={`rate-role-${r}`} inputMode="decimal" value={d.byRole[r] ?? ''} placeholder={d.default || undefined} onChange={(e) => setD({ ...d, byRole: { ...d.byRole, [r]: e.currentTarget.value } })} isReadOnly={!canEdit} isInvalid={!!f.err(`costRates.byRole.${r}`)} />
          </Field>
        ))}
      </Grid>
      <Heading size="small" as="h3">
        {i18n.t('admin.rates.byPerson')}
      </Heading>
      {d.people.length === 0 ? <span style={subtle}>{i18n.t('admin.rates.noPeople')}</span> : null}
      {d.people.map((p, i) => (
        <Box key={i} xcss={row}>
          <Grid templateColumns="2fr 1fr auto" gap="space.150" alignItems="end">
            <Field id={`rate-person-${i}`} label={i18n.t('admin.rates.person')} error={f.err(`people.${i}.accountId`)}>
              <SingleSelect id={`rate-person-${i}`} options={people} value={p.accountId || null} onChange={(v) => setPerson(i, { accountId: v })} isDisabled={!canEdit} />
            </Field>
            <Field id={`rate-person-${i}-rate`} label={i18n.t('admin.rates.rate')} error={f.err(`people.${i}.rate`) ?? f.err(`costRates.byAccount.${p.accountId}`)}>
              <Textfield id={`rate-person-${i}-rate`} inputMode="decimal" value={p.rate} onChange={(e) => setPerson(i, { rate: e.currentTarget.value })} isReadOnly={!canEdit} />
            </Field>
            {canEdit ? (
              <Button appearance="subtle" onClick={() => setD({ ...d, people: d.people.filter((_, j) => j !== i) })}>
                {i18n.t('common.remove')}
              </Button>
            ) : null}
          </Grid>
        </Box>
      ))}
      {canEdit ? (
        <Inline space="space.100">
          <Button onClick={() => setD({ ...d, people: [...d.people, { accountId: '', rate: '' }] })}>{i18n.t('admin.rates.addPerson')}</Button>
          <Button type="submit" appearance="primary" isLoading={f.pending} testId="rates-save">
            {i18n.t('common.save')}
          </Button>
        </Inline>
      ) : null}
    </AdminForm>
  );
}

function Availability({ settings, people }: { settings: KpiCapacitySettings; people: Option[] }): JSX.Element {
  const i18n = useI18n();
  const [d, setD] = useState<CapacityDraft>(() => capacityDraft(settings));
  const f = useSaveForm('kpi/capacity/settings/set', { onSaved: (s) => setD(capacityDraft(s)) });
  const roles: Option<Role | ''>[] = [{ value: '', label: i18n.t('admin.rates.roleFromTeam') }, ...roleOptions(i18n)];
  const setPerson = (i: number, patch: Partial<CapacityDraft['people'][number]>) => setD({ ...d, people: d.people.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <AdminForm form={f} build={() => capacityPayload(d)} check={() => capacityProblems(d)} claimed={['defaultHoursPerDay', 'people', 'publicHolidays']} label={i18n.t('admin.rates.capacityTitle')}>
      <Heading size="medium" as="h2">
        {i18n.t('admin.rates.capacityTitle')}
      </Heading>
      <span style={subtle}>{i18n.t('admin.rates.capacityHelp')}</span>
      <Field id="cap-default" label={i18n.t('admin.rates.hoursPerDay')} error={f.err('defaultHoursPerDay')}>
        <Textfield id="cap-default" width="small" inputMode="decimal" value={d.defaultHoursPerDay} onChange={(e) => setD({ ...d, defaultHoursPerDay: e.currentTarget.value })} isInvalid={!!f.err('defaultHoursPerDay')} />
      </Field>
      <Field id="cap-holidays" label={i18n.t('admin.rates.holidays')} error={f.err('publicHolidays')} help={i18n.t('admin.rates.datesHelp')}>
        <TextArea id="cap-holidays" value={d.publicHolidays} onChange={(e) => setD({ ...d, publicHolidays: e.currentTarget.value })} minimumRows={2} isInvalid={!!f.err('publicHolidays')} />
      </Field>
      <Heading size="small" as="h3">
        {i18n.t('admin.rates.people')}
      </Heading>
      {d.people.map((p, i) => (
        <Box key={i} xcss={row}>
          <Grid templateColumns="2fr 1.5fr 1fr 2fr auto" gap="space.150" alignItems="end">
            <Field id={`cap-person-${i}`} label={i18n.t('admin.rates.person')} error={f.err(`people.${i}.accountId`)}>
              <SingleSelect id={`cap-person-${i}`} options={people} value={p.accountId || null} onChange={(v) => setPerson(i, { accountId: v })} />
            </Field>
            <Field id={`cap-role-${i}`} label={i18n.t('admin.rates.role')}>
              <SingleSelect id={`cap-role-${i}`} options={roles} value={p.role} onChange={(v) => setPerson(i, { role: v })} />
            </Field>
            <Field id={`cap-hours-${i}`} label={i18n.t('admin.rates.hoursPerDay')} error={f.err(`people.${i}.hoursPerDay`)}>
              <Textfield id={`cap-hours-${i}`} inputMode="decimal" value={p.hoursPerDay} placeholder={d.defaultHoursPerDay} onChange={(e) => setPerson(i, { hoursPerDay: e.currentTarget.value })} isInvalid={!!f.err(`people.${i}.hoursPerDay`)} />
            </Field>
            <Field id={`cap-off-${i}`} label={i18n.t('admin.rates.daysOff')} error={f.err(`people.${i}.daysOff`)}>
              <Textfield id={`cap-off-${i}`} value={p.daysOff} placeholder="2026-12-24, 2026-12-31" onChange={(e) => setPerson(i, { daysOff: e.currentTarget.value })} isInvalid={!!f.err(`people.${i}.daysOff`)} />
            </Field>
            <Button appearance="subtle" onClick={() => setD({ ...d, people: d.people.filter((_, j) => j !== i) })}>
              {i18n.t('common.remove')}
            </Button>
          </Grid>
        </Box>
      ))}
      <Inline space="space.100">
        <Button onClick={() => setD({ ...d, people: [...d.people, { accountId: '', role: '', hoursPerDay: '', daysOff: '' }] })}>{i18n.t('admin.rates.addPerson')}</Button>
        <Button type="submit" appearance="primary" isLoading={f.pending} testId="capacity-save">
          {i18n.t('common.save')}
        </Button>
      </Inline>
    </AdminForm>
  );
}

export function RatesTab(): JSX.Element {
  const viewer = useViewer();
  const users = useUsers();
  const people = useUserOptions(users.data);
  const money = useResolver('money/settings/get', {});
  const capacity = useResolver('kpi/capacity/settings/get', {});
  return (
    <Box xcss={wide}>
      <Stack space="space.400">
        {money.error ? <ErrorSection error={money.error} onRetry={money.reload} /> : !money.data || !users.data ? <LoadingState /> : <CostRates settings={money.data.settings} people={people} canEdit={viewer.data?.isAdmin ?? false} />}
        {capacity.error ? <ErrorSection error={capacity.error} onRetry={capacity.reload} /> : !capacity.data || !users.data ? <LoadingState /> : <Availability settings={capacity.data} people={people} />}
      </Stack>
    </Box>
  );
}
