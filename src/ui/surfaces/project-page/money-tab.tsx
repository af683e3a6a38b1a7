// The "Money" tab: balance, runway and paid-until; active alerts; invoices and payments; a month's
// ledger and profitability; closing acts; the service's money settings. Only people who may see the
// service's money get data: the backend refuses everyone else and the tab says so.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState, type FormEvent } from 'react';
import type { Client, Service } from '../../../shared/api';
import type { AlertView, MoneyPanel, ServiceMoneySettingsView } from '../../../shared/api-money';
import { EmptyState } from '../../components/empty-state';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { Field, fieldError } from '../../components/field';
import { SkeletonLines } from '../../components/loading-state';
import { useActs, useInvoices, useMoneyAlerts, useMoneyPanel, usePayments, useServiceMoneySettings } from '../../hooks/use-project';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { notifySuccess, openIssue } from '../../services/navigation';
import { InvoicesSection } from './money-invoices';
import { MoneyMonth } from './money-month';
import { PaymentsSection } from './money-payments';
import { normaliseDecimal, saveFile, todayIn } from './project-utils';

const card = xcss({ padding: 'space.150', borderRadius: 'radius.medium', backgroundColor: 'elevation.surface.sunken', minHeight: '72px' });

function PanelFacts({ panel }: { panel: MoneyPanel }): JSX.Element {
  const i18n = useI18n();
  const m = (v: string) => i18n.money(v, panel.currency);
  const facts: Array<{ label: string; value: string; danger?: boolean }> = [
    ...(panel.prepaid ? [{ label: i18n.t('project.money.wallet'), value: m(panel.walletBalance), danger: panel.walletBalance.startsWith('-') }] : []),
    { label: i18n.t('project.money.fees'), value: m(panel.feesBalance), danger: panel.feesBalance.startsWith('-') },
    ...(panel.prepaid
      ? [{ label: i18n.t('project.money.runway'), value: panel.runwayDays === null ? i18n.t('common.none') : i18n.t('project.money.runwayDays', { n: panel.runwayDays }), danger: panel.runwayDays !== null && panel.runwayDays < 7 }]
      : []),
    { label: i18n.t('project.money.paidUntil'), value: panel.paidUntil ? i18n.date(panel.paidUntil) : i18n.t('project.money.notPaid') },
    { label: i18n.t('project.money.monthFees', { month: i18n.month(panel.month.period) }), value: m(sumText(panel.month.feesAccrued, panel.month.commissionAccrued)) },
    { label: i18n.t('project.money.monthSpend'), value: m(panel.month.spend) },
    { label: i18n.t('project.money.monthPayments'), value: m(panel.month.paymentsReceived) },
  ];
  return (
    <Stack space="space.100">
      <Grid templateColumns="repeat(auto-fit, minmax(170px, 1fr))" gap="space.150" testId="money-facts">
        {facts.map((f) => (
          <Box key={f.label} xcss={card}>
            <Stack space="space.050">
              <span className="rt-small rt-muted">{f.label}</span>
              <strong className="rt-num" style={{ color: f.danger ? token('color.text.danger') : undefined }}>
                {f.value}
              </strong>
            </Stack>
          </Box>
        ))}
      </Grid>
      <span className="rt-small rt-muted">
        {[panel.adsStopDate ? i18n.t('project.money.adsStop', { date: i18n.date(panel.adsStopDate) }) : null, panel.averageDailySpend ? i18n.t('project.money.avgSpend', { amount: m(panel.averageDailySpend) }) : null, i18n.t('project.money.asOf', { time: i18n.dateTime(panel.asOf) })]
          .filter(Boolean)
          .join(' · ')}
      </span>
    </Stack>
  );
}

/** Adds two 2-place decimal strings exactly. */
function sumText(a: string, b: string): string {
  const cents = (s: string) => {
    const neg = s.startsWith('-');
    const [i = '0', f = ''] = s.replace('-', '').split('.');
    const v = BigInt(i + f.padEnd(2, '0').slice(0, 2));
    return neg ? -v : v;
  };
  const total = cents(a) + cents(b);
  const abs = (total < 0n ? -total : total).toString().padStart(3, '0');
  return `${total < 0n ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

function Alerts({ alerts }: { alerts: AlertView[] }): JSX.Element | null {
  const i18n = useI18n();
  const live = alerts.filter((a) => a.state !== 'cleared');
  if (live.length === 0) return null;
  return (
    <SectionMessage appearance="warning" title={i18n.t('project.alerts.title', { n: live.length })} testId="money-alerts">
      <Stack space="space.050">
        {live.map((a) => (
          <Inline key={a.key} space="space.100" alignBlock="center" shouldWrap>
            <span>{i18n.t(`project.alert.${a.type}` as MessageKey)}</span>
            <span className="rt-small rt-muted">{i18n.t('project.alerts.since', { time: i18n.dateTime(a.raisedAt) })}</span>
            {a.issueKey ? (
              <button type="button" className="rt-link-button" onClick={() => void openIssue(a.issueKey as string)}>
                {a.issueKey}
              </button>
            ) : null}
          </Inline>
        ))}
      </Stack>
    </SectionMessage>
  );
}

function Acts({ serviceId }: { serviceId: string }): JSX.Element {
  const i18n = useI18n();
  const acts = useActs(serviceId);
  const pdf = useMutation('money/acts/pdf');
  const flagError = useErrorFlag();
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (period: string) => {
    setBusy(period);
    const r = await pdf.run({ serviceId, period });
    setBusy(null);
    if (r.ok) saveFile(r.data);
    else flagError(r.error, i18n.t('project.invoice.pdfFailed'));
  };
  if (acts.error) return <ErrorSection error={acts.error} onRetry={acts.reload} />;
  if (!acts.data) return <SkeletonLines lines={2} />;
  if (acts.data.length === 0) return <EmptyState compact title={i18n.t('project.acts.empty')} />;
  const head = {
    cells: [
      { key: 'n', content: i18n.t('project.acts.col.number') },
      { key: 'p', content: i18n.t('project.acts.col.period') },
      { key: 'g', content: i18n.t('project.acts.col.gross') },
      { key: 'h', content: i18n.t('project.acts.col.work') },
      { key: 'a', content: '' },
    ],
  };
  const rows = acts.data.map((a) => ({
    key: a.id,
    cells: [
      { key: 'n', content: <span className="rt-num">{a.number}</span> },
      { key: 'p', content: i18n.month(a.period) },
      { key: 'g', content: <span className="rt-num">{i18n.money(a.gross, a.currency)}</span> },
      { key: 'h', content: <span className="rt-small">{i18n.t('project.acts.workValue', { hours: a.hoursUsed, tasks: a.tasksDone })}</span> },
      {
        key: 'a',
        content: (
          <Button appearance="subtle" spacing="compact" isLoading={busy === a.period} onClick={() => void download(a.period)} aria-label={i18n.t('project.invoice.pdfOf', { number: a.number })}>
            {i18n.t('project.invoice.pdf')}
          </Button>
        ),
      },
    ],
  }));
  return <DynamicTable head={head} rows={rows} label={i18n.t('project.acts.title')} testId="acts-table" />;
}

const SETTING_FIELDS = ['monthlyAdBudget', 'lowBalanceThreshold', 'topUpAmount', 'spendTolerancePercent', 'runwayDays', 'subscriptionDays'] as const;
type SettingField = (typeof SETTING_FIELDS)[number];
const INT_FIELDS: ReadonlySet<SettingField> = new Set(['runwayDays', 'subscriptionDays']);

function Settings({ serviceId, service, client }: { serviceId: string; service: Service; client: Client }): JSX.Element {
  const i18n = useI18n();
  const settings = useServiceMoneySettings(serviceId);
  const save = useMutation('money/service-settings/save');
  const flagError = useErrorFlag();
  const [draft, setDraft] = useState<Partial<Record<SettingField, string>> | null>(null);
  if (settings.error) return <ErrorSection error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <SkeletonLines lines={2} />;
  const values: Partial<Record<SettingField, string>> = draft ?? Object.fromEntries(SETTING_FIELDS.map((f) => [f, settings.data?.[f] === undefined ? '' : String(settings.data[f])]));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const out: ServiceMoneySettingsView = {};
    for (const f of SETTING_FIELDS) {
      const v = (values[f] ?? '').trim();
      if (v === '') continue;
      if (INT_FIELDS.has(f)) (out as Record<string, number>)[f] = Number.parseInt(v, 10);
      else (out as Record<string, string>)[f] = normaliseDecimal(v) ?? v;
    }
    const r = await save.run({ serviceId, settings: out });
    if (r.ok) {
      notifySuccess(i18n.t('project.settings.saved'));
      setDraft(null);
      settings.reload();
    } else flagError(r.error);
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="money-settings">
      <span className="rt-small rt-muted">
        {i18n.t('project.settings.billing', { fee: i18n.money(service.billing.monthlyFee, client.currency), commission: service.billing.commissionPercent, vat: service.billing.vatRatePercent })}
      </span>
      <Grid templateColumns="repeat(auto-fill, minmax(220px, 1fr))" gap="space.200">
        {SETTING_FIELDS.map((f) => (
          <Field key={f} id={`ms-${f}`} label={i18n.t(`project.settings.${f}`, { currency: client.currency })} error={fieldError(save.error?.fields, `settings.${f}`)}>
            <Textfield id={`ms-${f}`} inputMode={INT_FIELDS.has(f) ? 'numeric' : 'decimal'} value={values[f] ?? ''} onChange={(e) => setDraft({ ...values, [f]: e.currentTarget.value })} />
          </Field>
        ))}
      </Grid>
      <Button type="submit" appearance="primary" isLoading={save.pending} isDisabled={draft === null}>
        {i18n.t('common.save')}
      </Button>
    </form>
  );
}

export function MoneyTab({ service, client, currentMonth, timeZone }: { service: Service; client: Client; currentMonth: string; timeZone: string }): JSX.Element {
  const i18n = useI18n();
  const panel = useMoneyPanel(service.id);
  const allowed = !panel.error || panel.error.code !== 'FORBIDDEN';
  const invoices = useInvoices(allowed ? service.id : null);
  const payments = usePayments(allowed ? service.id : null);
  const alerts = useMoneyAlerts(allowed ? service.id : null);
  const today = todayIn(timeZone);

  if (!allowed) {
    return (
      <SectionMessage appearance="warning" title={i18n.t('project.money.hidden.title')} testId="money-hidden">
        <p>{i18n.t('project.money.hidden.body')}</p>
      </SectionMessage>
    );
  }
  const refreshAll = () => {
    panel.reload();
    invoices.reload();
    payments.reload();
    alerts.reload();
  };
  return (
    <Stack space="space.400" testId="money-tab">
      <Stack space="space.150">
        <Heading size="medium" as="h2">
          {i18n.t('project.money.title')}
        </Heading>
        {panel.error ? <ErrorSection error={panel.error} onRetry={panel.reload} /> : null}
        {!panel.data && panel.loading ? <div style={{ minHeight: 160 }}><SkeletonLines lines={4} /></div> : null}
        {panel.data ? <PanelFacts panel={panel.data} /> : null}
        {!panel.loading && panel.data === null ? <EmptyState compact title={i18n.t('project.money.noData')} /> : null}
        {alerts.error ? <ErrorSection error={alerts.error} onRetry={alerts.reload} /> : null}
        {alerts.data ? <Alerts alerts={alerts.data} /> : null}
      </Stack>
      <InvoicesSection service={service} client={client} today={today} invoices={invoices} onChanged={refreshAll} />
      <PaymentsSection service={service} client={client} today={today} payments={payments} invoices={invoices.data ?? []} onChanged={refreshAll} />
      <MoneyMonth serviceId={service.id} currentMonth={currentMonth} />
      <Stack space="space.150">
        <Heading size="small" as="h3">
          {i18n.t('project.acts.title')}
        </Heading>
        <Acts serviceId={service.id} />
      </Stack>
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="center">
          <Heading size="small" as="h3">
            {i18n.t('project.settings.title')}
          </Heading>
          <Lozenge>{client.currency}</Lozenge>
        </Inline>
        <Settings serviceId={service.id} service={service} client={client} />
      </Stack>
    </Stack>
  );
}
