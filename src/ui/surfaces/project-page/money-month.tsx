// One month of the service's money: the ledger entries, profitability (revenue, labour and other
// costs, margin, hours) and editing the month's other costs.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { ProfitView } from '../../../shared/api-money';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { SkeletonLines } from '../../components/loading-state';
import { MonthSwitcher } from '../../components/month-switcher';
import { useLedger, useProfit } from '../../hooks/use-project';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';
import { normaliseDecimal } from './project-utils';

const card = xcss({ padding: 'space.150', borderRadius: 'radius.medium', backgroundColor: 'elevation.surface.sunken' });

function CostsEditor({ profit, onSaved, onCancel }: { profit: ProfitView; onSaved(): void; onCancel(): void }): JSX.Element {
  const i18n = useI18n();
  const save = useMutation('money/costs/save');
  const flagError = useErrorFlag();
  const [items, setItems] = useState(profit.costs.length > 0 ? profit.costs.map((c) => ({ ...c })) : [{ label: '', amount: '' }]);
  const valid = items.every((c) => (c.label.trim() === '' && c.amount.trim() === '') || (c.label.trim() !== '' && normaliseDecimal(c.amount) !== null));
  const submit = async () => {
    const kept = items.filter((c) => c.label.trim() !== '').map((c) => ({ label: c.label.trim(), amount: normaliseDecimal(c.amount) ?? c.amount }));
    const r = await save.run({ serviceId: profit.serviceId, period: profit.period, items: kept });
    if (r.ok) {
      notifySuccess(i18n.t('project.profit.costsSaved'));
      onSaved();
    } else flagError(r.error);
  };
  return (
    <Stack space="space.100" testId="costs-editor">
      {items.map((c, i) => (
        <Inline key={i} space="space.100" alignBlock="center">
          <Textfield aria-label={i18n.t('project.profit.costLabel')} placeholder={i18n.t('project.profit.costLabel')} value={c.label} onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, label: e.currentTarget.value } : x)))} />
          <Textfield aria-label={i18n.t('project.profit.costAmount', { currency: profit.currency })} placeholder={i18n.t('project.profit.costAmount', { currency: profit.currency })} inputMode="decimal" value={c.amount} onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, amount: e.currentTarget.value } : x)))} />
          <Button appearance="subtle" onClick={() => setItems(items.filter((_, j) => j !== i))}>
            {i18n.t('common.remove')}
          </Button>
        </Inline>
      ))}
      <Inline space="space.100">
        <Button onClick={() => setItems([...items, { label: '', amount: '' }])}>{i18n.t('project.profit.addCost')}</Button>
        <Button appearance="primary" onClick={() => void submit()} isDisabled={!valid} isLoading={save.pending}>
          {i18n.t('common.save')}
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          {i18n.t('common.cancel')}
        </Button>
      </Inline>
    </Stack>
  );
}

function Profit({ profit, onChanged }: { profit: ProfitView; onChanged(): void }): JSX.Element {
  const i18n = useI18n();
  const [editing, setEditing] = useState(false);
  const m = (v: string) => i18n.money(v, profit.currency);
  const negative = profit.margin.startsWith('-');
  const facts: Array<[string, string, boolean?]> = [
    [i18n.t('project.profit.revenue'), m(profit.revenue)],
    [i18n.t('project.profit.labour'), m(profit.labourCost)],
    [i18n.t('project.profit.other'), m(profit.otherCosts)],
    [i18n.t('project.profit.margin'), `${m(profit.margin)}${profit.marginPercent ? ` · ${profit.marginPercent} %` : ''}`, negative],
    [i18n.t('project.profit.hours'), profit.allowanceHours ? i18n.t('common.hoursOf', { a: profit.hoursUsed, b: profit.allowanceHours }) : i18n.hours(Number(profit.hoursUsed))],
  ];
  return (
    <Stack space="space.150" testId="profit-section">
      <Grid templateColumns="repeat(auto-fit, minmax(170px, 1fr))" gap="space.150">
        {facts.map(([label, value, bad]) => (
          <Box key={label} xcss={card}>
            <Stack space="space.050">
              <span className="rt-small rt-muted">{label}</span>
              <strong className="rt-num" style={{ color: bad ? token('color.text.danger') : undefined }}>
                {value}
              </strong>
            </Stack>
          </Box>
        ))}
      </Grid>
      {!profit.complete || profit.unrated.length > 0 ? <span className="rt-small rt-muted">{i18n.t('project.profit.incomplete', { n: profit.unrated.length })}</span> : null}
      <Inline spread="space-between" alignBlock="center">
        <Heading size="xsmall" as="h4">
          {i18n.t('project.profit.costs')}
        </Heading>
        {!editing ? <Button onClick={() => setEditing(true)}>{i18n.t('project.profit.editCosts')}</Button> : null}
      </Inline>
      {editing ? (
        <CostsEditor
          profit={profit}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      ) : profit.costs.length === 0 ? (
        <span className="rt-small rt-muted">{i18n.t('project.profit.noCosts')}</span>
      ) : (
        <Stack space="space.050">
          {profit.costs.map((c) => (
            <span key={c.label} className="rt-small">
              {c.label}: <span className="rt-num">{m(c.amount)}</span>
            </span>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export function MoneyMonth({ serviceId, currentMonth }: { serviceId: string; currentMonth: string }): JSX.Element {
  const i18n = useI18n();
  const [month, setMonth] = useState<string | undefined>(undefined);
  const period = month ?? currentMonth;
  const ledger = useLedger(serviceId, period);
  const profit = useProfit(serviceId, period);
  const head = {
    cells: [
      { key: 'date', content: i18n.t('project.ledger.col.date'), width: 12 },
      { key: 'kind', content: i18n.t('project.ledger.col.kind'), width: 20 },
      { key: 'account', content: i18n.t('project.ledger.col.account'), width: 14 },
      { key: 'amount', content: i18n.t('project.ledger.col.amount'), width: 16 },
      { key: 'note', content: i18n.t('project.ledger.col.note'), width: 38 },
    ],
  };
  const rows = (ledger.data?.entries ?? []).map((e) => ({
    key: e.id,
    cells: [
      { key: e.date, content: <span className="rt-num">{i18n.date(e.date)}</span> },
      { key: e.kind, content: i18n.t(`project.ledger.kind.${e.kind}`) },
      { key: e.account, content: i18n.t(`project.ledger.account.${e.account}`) },
      { key: e.amount, content: <span className="rt-num">{i18n.money(e.amount, ledger.data?.currency ?? 'UAH')}</span> },
      { key: 'n', content: <span className="rt-small">{[e.source, e.note].filter(Boolean).join(' · ') || i18n.t('common.none')}</span> },
    ],
  }));
  return (
    <Stack space="space.200" testId="money-month">
      <Inline spread="space-between" alignBlock="center" shouldWrap>
        <Heading size="small" as="h3">
          {i18n.t('project.money.month')}
        </Heading>
        <MonthSwitcher month={period} onChange={setMonth} isCurrent={month === undefined} />
      </Inline>
      <Heading size="xsmall" as="h4">
        {i18n.t('project.profit.title')}
      </Heading>
      {profit.error ? <ErrorSection error={profit.error} onRetry={profit.reload} /> : null}
      {!profit.data && profit.loading ? <SkeletonLines lines={3} /> : null}
      {profit.data ? <Profit profit={profit.data} onChanged={profit.reload} /> : null}
      <Heading size="xsmall" as="h4">
        {i18n.t('project.ledger.title')}
      </Heading>
      {ledger.error ? <ErrorSection error={ledger.error} onRetry={ledger.reload} /> : null}
      {!ledger.data && ledger.loading ? <SkeletonLines lines={4} /> : null}
      {ledger.data && ledger.data.entries.length === 0 ? <EmptyState compact title={i18n.t('project.ledger.empty')} /> : null}
      {ledger.data && ledger.data.entries.length > 0 ? <DynamicTable head={head} rows={rows} rowsPerPage={15} label={i18n.t('project.ledger.title')} testId="ledger-table" /> : null}
    </Stack>
  );
}
