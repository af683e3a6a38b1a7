// Payments of the service (by hand, bank statements, webhook) and registering one by hand: amount,
// date, and either an open invoice or the account (ad wallet or fees) it goes to.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Inline, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { Client, Service } from '../../../shared/api';
import type { InvoiceSummary, PaymentView } from '../../../shared/api-money';
import { LoadableTable } from '../../components/loadable-table';
import { Field, fieldError } from '../../components/field';
import { SaveErrors } from '../../components/form-bits';
import { SingleSelect } from '../../components/selects';
import { useMutation, type Loadable } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';
import { RefundModal } from './money-refund';
import { AmountDateFields, positiveAmount } from './amount-date-fields';
import { newRequestId } from './project-utils';

const NO_INVOICE = '-';

function RegisterPaymentModal({ service, client, today, open, onClose, onDone }: { service: Service; client: Client; today: string; open: InvoiceSummary[]; onClose(): void; onDone(): void }): JSX.Element {
  const i18n = useI18n();
  const register = useMutation('money/payments/register');
  const [requestId] = useState(() => newRequestId());
  const [amount, setAmount] = useState(open[0]?.outstanding ?? '');
  const [date, setDate] = useState(today);
  const [invoiceId, setInvoiceId] = useState<string>(open[0]?.id ?? NO_INVOICE);
  const [account, setAccount] = useState<'wallet' | 'fees'>(service.billing.prepaidAdBudget ? 'wallet' : 'fees');
  const [reference, setReference] = useState('');
  const amountOk = positiveAmount(amount) !== null;
  const fields = register.error?.fields;

  const submit = async () => {
    const normal = positiveAmount(amount);
    if (!normal) return;
    const r = await register.run({
      serviceId: service.id,
      requestId,
      amount: normal,
      currency: client.currency,
      date,
      ...(invoiceId !== NO_INVOICE ? { invoiceId } : { account }),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    });
    if (r.ok) {
      notifySuccess(i18n.t('project.payment.registered', { amount: i18n.money(r.data.amount, r.data.currency) }));
      onDone();
    }
  };

  return (
    <ModalTransition>
      <Modal onClose={onClose} width="medium" testId="register-payment-modal">
        <ModalHeader>
          <ModalTitle>{i18n.t('project.payment.registerTitle')}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.100">
            <AmountDateFields idPrefix="pay" currency={client.currency} amount={amount} onAmount={setAmount} date={date} onDate={setDate} dateLabel="project.payment.date" fields={fields} />
            <Field id="pay-invoice" label={i18n.t('project.payment.invoice')} error={fieldError(fields, 'invoiceId')}>
              <SingleSelect
                id="pay-invoice"
                options={[
                  { value: NO_INVOICE, label: i18n.t('project.payment.noInvoice') },
                  ...open.map((inv) => ({ value: inv.id, label: i18n.t('project.payment.invoiceOption', { number: inv.number, amount: i18n.money(inv.outstanding, inv.currency) }) })),
                ]}
                value={invoiceId}
                onChange={setInvoiceId}
              />
            </Field>
            {invoiceId === NO_INVOICE ? (
              <Field id="pay-account" label={i18n.t('project.payment.account')} error={fieldError(fields, 'account')}>
                <SingleSelect
                  id="pay-account"
                  options={[
                    ...(service.billing.prepaidAdBudget ? [{ value: 'wallet' as const, label: i18n.t('project.payment.account.wallet') }] : []),
                    { value: 'fees' as const, label: i18n.t('project.payment.account.fees') },
                  ]}
                  value={account}
                  onChange={(v) => setAccount(v === 'wallet' ? 'wallet' : 'fees')}
                />
              </Field>
            ) : null}
            <Field id="pay-ref" label={i18n.t('project.payment.reference')} help={i18n.t('common.optional')}>
              <Textfield id="pay-ref" value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
            </Field>
            <SaveErrors error={register.error} claimed={['amount', 'date', 'invoiceId', 'account', 'reference']} />
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose}>
            {i18n.t('common.cancel')}
          </Button>
          <Button appearance="primary" onClick={() => void submit()} isDisabled={!amountOk || !date} isLoading={register.pending} testId="register-payment-submit">
            {i18n.t('project.payment.register')}
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}

export function PaymentsSection({ service, client, today, payments, invoices, onChanged }: { service: Service; client: Client; today: string; payments: Loadable<PaymentView[]>; invoices: InvoiceSummary[]; onChanged(): void }): JSX.Element {
  const i18n = useI18n();
  const [registering, setRegistering] = useState(false);
  const [refunding, setRefunding] = useState(false);
  const open = invoices.filter((i) => i.status === 'issued' || i.status === 'overdue' || i.status === 'partially-paid');
  const head = {
    cells: [
      { key: 'date', content: i18n.t('project.payment.col.date'), width: 12 },
      { key: 'amount', content: i18n.t('project.payment.col.amount'), width: 14 },
      { key: 'source', content: i18n.t('project.payment.col.source'), width: 12 },
      { key: 'to', content: i18n.t('project.payment.col.to'), width: 30 },
      { key: 'ref', content: i18n.t('project.payment.col.reference'), width: 20 },
      { key: 'state', content: i18n.t('project.payment.col.state'), width: 12 },
    ],
  };
  const rows = (payments.data ?? []).map((p) => ({
    key: p.id,
    cells: [
      { key: p.date, content: <span className="rt-num">{i18n.date(p.date)}</span> },
      { key: 'a', content: <span className="rt-num">{i18n.money(p.amount, p.currency)}</span> },
      { key: 's', content: i18n.t(`project.payment.source.${p.source}`) },
      {
        key: 't',
        content: (
          <span className="rt-small">
            {[
              p.invoiceNumber ? i18n.t('project.payment.toInvoice', { number: p.invoiceNumber }) : null,
              p.toWallet ? i18n.t('project.payment.toWallet', { amount: i18n.money(p.toWallet, p.currency) }) : null,
              p.toFees ? i18n.t('project.payment.toFees', { amount: i18n.money(p.toFees, p.currency) }) : null,
            ]
              .filter(Boolean)
              .join(' · ') || i18n.t('common.none')}
          </span>
        ),
      },
      { key: 'r', content: <span className="rt-small">{p.reference ?? p.purpose ?? i18n.t('common.none')}</span> },
      { key: p.state, content: <Lozenge appearance={p.state === 'booked' ? 'success' : p.state === 'review' ? 'moved' : 'default'}>{i18n.t(`project.payment.state.${p.state}`)}</Lozenge> },
    ],
  }));
  return (
    <Stack space="space.150" testId="payments-section">
      <Inline spread="space-between" alignBlock="center">
        <h3>{i18n.t('project.payment.title')}</h3>
        <Inline space="space.100">
          <Button appearance="subtle" onClick={() => setRefunding(true)} testId="refund-open">
            {i18n.t('project.refund.button')}
          </Button>
          <Button onClick={() => setRegistering(true)} testId="register-payment">
            {i18n.t('project.payment.registerButton')}
          </Button>
        </Inline>
      </Inline>
      <LoadableTable list={payments} head={head} rows={rows} label={i18n.t('project.payment.title')} empty={{ title: i18n.t('project.payment.empty.title'), body: i18n.t('project.payment.empty.body') }} testId="payment-table" />
      {refunding ? (
        <RefundModal
          service={service}
          client={client}
          today={today}
          onClose={() => setRefunding(false)}
          onDone={() => {
            setRefunding(false);
            onChanged();
          }}
        />
      ) : null}
      {registering ? (
        <RegisterPaymentModal
          service={service}
          client={client}
          today={today}
          open={open}
          onClose={() => setRegistering(false)}
          onDone={() => {
            setRegistering(false);
            onChanged();
          }}
        />
      ) : null}
    </Stack>
  );
}
