// Invoices of the service: status, amounts, the live page and the PDF; issuing one by hand (lines,
// VAT, currency, due date) and cancelling one after a confirmation.
import Button from '@atlaskit/button/new';
import { DatePicker } from '@atlaskit/datetime-picker';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Grid, Inline, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useMemo, useState } from 'react';
import type { Client, Service } from '../../../shared/api';
import type { InvoiceSummary, MoneyInvoicePurpose, MoneyInvoiceStatus } from '../../../shared/api-money';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { LoadableTable } from '../../components/loadable-table';
import { useErrorFlag } from '../../components/error-flag';
import { Field, fieldError } from '../../components/field';
import { SaveErrors } from '../../components/form-bits';
import { SingleSelect } from '../../components/selects';
import type { Loadable } from '../../hooks/use-resolver';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';
import { openConfluencePage } from './links';
import { addDays, lineTotals, newRequestId, normaliseDecimal, saveFile, sumDecimals } from './project-utils';

const STATUS: Record<MoneyInvoiceStatus, ThemeAppearance> = { issued: 'inprogress', 'partially-paid': 'moved', paid: 'success', overdue: 'removed', cancelled: 'default' };

export function InvoiceStatusLozenge({ status }: { status: MoneyInvoiceStatus }): JSX.Element {
  const { t } = useI18n();
  return <Lozenge appearance={STATUS[status]}>{t(`project.invoice.status.${status}` as MessageKey)}</Lozenge>;
}

interface LineDraft {
  description: string;
  quantity: string;
  unitPrice: string;
  vatRatePercent: string;
}

function IssueInvoiceModal({ service, client, today, onClose, onIssued }: { service: Service; client: Client; today: string; onClose(): void; onIssued(inv: InvoiceSummary): void }): JSX.Element {
  const i18n = useI18n();
  const issue = useMutation('money/invoices/issue');
  const [requestId] = useState(() => newRequestId());
  const [purpose, setPurpose] = useState<MoneyInvoicePurpose>('other');
  const [currency, setCurrency] = useState(client.currency);
  const [dueDate, setDueDate] = useState(addDays(today, 7));
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([{ description: '', quantity: '1', unitPrice: '', vatRatePercent: service.billing.vatRatePercent }]);
  const totals = useMemo(() => lines.map((l) => lineTotals(l.quantity, l.unitPrice, l.vatRatePercent)), [lines]);
  const complete = totals.every((t) => t !== null) && lines.every((l) => l.description.trim() !== '');
  const gross = complete ? sumDecimals(totals.map((t) => t?.gross ?? '0')) : null;
  const setLine = (i: number, patch: Partial<LineDraft>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const fields = issue.error?.fields;

  const submit = async () => {
    const r = await issue.run({
      serviceId: service.id,
      requestId,
      purpose,
      currency,
      dueDate,
      ...(note.trim() ? { note: note.trim() } : {}),
      lines: lines.map((l) => ({
        description: l.description.trim(),
        quantity: normaliseDecimal(l.quantity) ?? l.quantity,
        unitPrice: normaliseDecimal(l.unitPrice) ?? l.unitPrice,
        ...(l.vatRatePercent.trim() ? { vatRatePercent: normaliseDecimal(l.vatRatePercent) ?? l.vatRatePercent } : {}),
      })),
    });
    if (r.ok) {
      notifySuccess(i18n.t('project.invoice.issued', { number: r.data.number }));
      onIssued(r.data);
    }
  };

  return (
    <ModalTransition>
      <Modal onClose={onClose} width="large" testId="issue-invoice-modal">
        <ModalHeader>
          <ModalTitle>{i18n.t('project.invoice.issueTitle')}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150">
            <Grid templateColumns="repeat(3, minmax(0, 1fr))" gap="space.200">
              <Field id="inv-purpose" label={i18n.t('project.invoice.purpose')} error={fieldError(fields, 'purpose')}>
                <SingleSelect
                  id="inv-purpose"
                  options={(['other', 'fee', 'top-up'] as const).map((p) => ({ value: p, label: i18n.t(`project.invoice.purpose.${p}`) }))}
                  value={purpose}
                  onChange={(v) => setPurpose(v as MoneyInvoicePurpose)}
                />
              </Field>
              <Field id="inv-currency" label={i18n.t('project.invoice.currency')} error={fieldError(fields, 'currency')}>
                <Textfield id="inv-currency" value={currency} maxLength={3} onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())} />
              </Field>
              <Field id="inv-due" label={i18n.t('project.invoice.dueDate')} error={fieldError(fields, 'dueDate')}>
                <DatePicker id="inv-due" value={dueDate} onChange={(v) => setDueDate(v)} locale={i18n.intlLocale} dateFormat="YYYY-MM-DD" />
              </Field>
            </Grid>
            {lines.map((l, i) => (
              <Grid key={i} templateColumns="3fr 1fr 1.3fr 1fr 1.3fr auto" gap="space.100" alignItems="end" testId={`invoice-line-${i}`}>
                <Field id={`line-${i}-desc`} label={i18n.t('project.invoice.line.description')} error={fieldError(fields, `lines.${i}.description`)}>
                  <Textfield id={`line-${i}-desc`} value={l.description} onChange={(e) => setLine(i, { description: e.currentTarget.value })} />
                </Field>
                <Field id={`line-${i}-qty`} label={i18n.t('project.invoice.line.quantity')} error={fieldError(fields, `lines.${i}.quantity`)}>
                  <Textfield id={`line-${i}-qty`} value={l.quantity} inputMode="decimal" onChange={(e) => setLine(i, { quantity: e.currentTarget.value })} />
                </Field>
                <Field id={`line-${i}-price`} label={i18n.t('project.invoice.line.unitPrice')} error={fieldError(fields, `lines.${i}.unitPrice`)}>
                  <Textfield id={`line-${i}-price`} value={l.unitPrice} inputMode="decimal" onChange={(e) => setLine(i, { unitPrice: e.currentTarget.value })} />
                </Field>
                <Field id={`line-${i}-vat`} label={i18n.t('project.invoice.line.vat')} error={fieldError(fields, `lines.${i}.vatRatePercent`)}>
                  <Textfield id={`line-${i}-vat`} value={l.vatRatePercent} inputMode="decimal" onChange={(e) => setLine(i, { vatRatePercent: e.currentTarget.value })} />
                </Field>
                <Field id={`line-${i}-gross`} label={i18n.t('project.invoice.line.gross')}>
                  <span className="rt-num" id={`line-${i}-gross`}>
                    {totals[i] ? i18n.money(totals[i]?.gross ?? '0', currency) : i18n.t('common.none')}
                  </span>
                </Field>
                <Button appearance="subtle" isDisabled={lines.length === 1} onClick={() => setLines(lines.filter((_, j) => j !== i))} aria-label={i18n.t('project.invoice.line.remove', { n: i + 1 })}>
                  {i18n.t('common.remove')}
                </Button>
              </Grid>
            ))}
            <Inline spread="space-between" alignBlock="center">
              <Button onClick={() => setLines([...lines, { description: '', quantity: '1', unitPrice: '', vatRatePercent: service.billing.vatRatePercent }])}>{i18n.t('project.invoice.addLine')}</Button>
              <strong className="rt-num">{gross ? i18n.t('project.invoice.total', { amount: i18n.money(gross, currency) }) : null}</strong>
            </Inline>
            <Field id="inv-note" label={i18n.t('project.invoice.note')} help={i18n.t('common.optional')}>
              <Textfield id="inv-note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            </Field>
            <SaveErrors error={issue.error} claimed={['purpose', 'currency', 'dueDate', 'lines', 'note']} />
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose}>
            {i18n.t('common.cancel')}
          </Button>
          <Button appearance="primary" onClick={() => void submit()} isDisabled={!complete || !/^[A-Z]{3}$/.test(currency)} isLoading={issue.pending} testId="issue-invoice-submit">
            {i18n.t('project.invoice.issue')}
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}

export function InvoicesSection({ service, client, today, invoices, onChanged }: { service: Service; client: Client; today: string; invoices: Loadable<InvoiceSummary[]>; onChanged(): void }): JSX.Element {
  const i18n = useI18n();
  const [issuing, setIssuing] = useState(false);
  const [cancelling, setCancelling] = useState<InvoiceSummary | null>(null);
  const cancel = useMutation('money/invoices/cancel');
  const pdf = useMutation('money/invoices/pdf');
  const [pdfFor, setPdfFor] = useState<string | null>(null);
  const flagError = useErrorFlag();

  const download = async (inv: InvoiceSummary) => {
    setPdfFor(inv.id);
    const r = await pdf.run({ invoiceId: inv.id });
    setPdfFor(null);
    if (r.ok) saveFile(r.data);
    else flagError(r.error, i18n.t('project.invoice.pdfFailed'));
  };
  const confirmCancel = async () => {
    if (!cancelling) return;
    const r = await cancel.run({ invoiceId: cancelling.id });
    if (r.ok) {
      notifySuccess(i18n.t('project.invoice.cancelled', { number: r.data.number }));
      setCancelling(null);
      onChanged();
    } else {
      setCancelling(null);
      flagError(r.error);
    }
  };

  const head = {
    cells: [
      { key: 'number', content: i18n.t('project.invoice.col.number'), isSortable: true, width: 14 },
      { key: 'purpose', content: i18n.t('project.invoice.col.purpose'), width: 11 },
      { key: 'dates', content: i18n.t('project.invoice.col.dates'), width: 14 },
      { key: 'gross', content: i18n.t('project.invoice.col.gross'), width: 13 },
      { key: 'outstanding', content: i18n.t('project.invoice.col.outstanding'), width: 13 },
      { key: 'status', content: i18n.t('project.invoice.col.status'), width: 11 },
      { key: 'actions', content: i18n.t('project.invoice.col.actions'), width: 24 },
    ],
  };
  const rows = (invoices.data ?? []).map((inv) => ({
    key: inv.id,
    cells: [
      { key: inv.number, content: <span className="rt-num">{inv.number}</span> },
      { key: 'p', content: i18n.t(`project.invoice.purpose.${inv.purpose}`) },
      { key: inv.issueDate, content: <span className="rt-num rt-small">{i18n.t('project.invoice.datesValue', { issued: i18n.date(inv.issueDate), due: i18n.date(inv.dueDate) })}</span> },
      { key: 'g', content: <span className="rt-num">{i18n.money(inv.gross, inv.currency)}</span> },
      { key: 'o', content: <span className="rt-num">{i18n.money(inv.outstanding, inv.currency)}</span> },
      { key: inv.status, content: <InvoiceStatusLozenge status={inv.status} /> },
      {
        key: 'a',
        content: (
          <Inline space="space.050" shouldWrap>
            <Button appearance="subtle" spacing="compact" onClick={() => void download(inv)} isLoading={pdfFor === inv.id} aria-label={i18n.t('project.invoice.pdfOf', { number: inv.number })}>
              {i18n.t('project.invoice.pdf')}
            </Button>
            {inv.page.pageId ? (
              <Button appearance="subtle" spacing="compact" onClick={() => void openConfluencePage(inv.page.pageId as string)} aria-label={i18n.t('project.invoice.pageOf', { number: inv.number })}>
                {i18n.t('project.invoice.page')}
              </Button>
            ) : null}
            {inv.status === 'issued' || inv.status === 'overdue' ? (
              <Button appearance="subtle" spacing="compact" onClick={() => setCancelling(inv)} aria-label={i18n.t('project.invoice.cancelOf', { number: inv.number })}>
                {i18n.t('project.invoice.cancel')}
              </Button>
            ) : null}
          </Inline>
        ),
      },
    ],
  }));

  return (
    <Stack space="space.150" testId="invoices-section">
      <Inline spread="space-between" alignBlock="center">
        <h3>{i18n.t('project.invoice.title')}</h3>
        <Button appearance="primary" onClick={() => setIssuing(true)} testId="issue-invoice">
          {i18n.t('project.invoice.issueButton')}
        </Button>
      </Inline>
      <LoadableTable list={invoices} head={head} rows={rows} label={i18n.t('project.invoice.title')} empty={{ title: i18n.t('project.invoice.empty.title'), body: i18n.t('project.invoice.empty.body') }} testId="invoice-table" />
      {issuing ? (
        <IssueInvoiceModal
          service={service}
          client={client}
          today={today}
          onClose={() => setIssuing(false)}
          onIssued={() => {
            setIssuing(false);
            onChanged();
          }}
        />
      ) : null}
      {cancelling ? (
        <ConfirmDialog
          title={i18n.t('project.invoice.cancelTitle', { number: cancelling.number })}
          body={i18n.t('project.invoice.cancelBody', { amount: i18n.money(cancelling.gross, cancelling.currency) })}
          confirmLabel={i18n.t('project.invoice.cancel')}
          onConfirm={() => void confirmCancel()}
          onCancel={() => setCancelling(null)}
          pending={cancel.pending}
        />
      ) : null}
    </Stack>
  );
}
