// Refunding money to the client: from the prepaid ad budget or from a fee advance. The backend
// refuses a refund larger than what the account holds; its message says how much can go back.
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { Client, Service } from '../../../shared/api';
import { Field, fieldError } from '../../components/field';
import { SaveErrors } from '../../components/form-bits';
import { SingleSelect } from '../../components/selects';
import { useMutation } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { notifySuccess } from '../../services/navigation';
import { AmountDateFields, positiveAmount } from './amount-date-fields';
import { newRequestId } from './project-utils';

export function RefundModal({ service, client, today, onClose, onDone }: { service: Service; client: Client; today: string; onClose(): void; onDone(): void }): JSX.Element {
  const i18n = useI18n();
  const refund = useMutation('money/refunds/register');
  const [requestId] = useState(() => newRequestId());
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(today);
  const [account, setAccount] = useState<'wallet' | 'fees'>(service.billing.prepaidAdBudget ? 'wallet' : 'fees');
  const [reason, setReason] = useState('');
  const normal = positiveAmount(amount);
  const amountOk = normal !== null;
  const fields = refund.error?.fields;

  const submit = async () => {
    if (!normal) return;
    const r = await refund.run({ serviceId: service.id, requestId, amount: normal, date, account, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (r.ok) {
      notifySuccess(i18n.t('project.refund.done', { amount: i18n.money(r.data.amount, r.data.currency) }));
      onDone();
    }
  };

  return (
    <ModalTransition>
      <Modal onClose={onClose} width="medium" testId="refund-modal">
        <ModalHeader>
          <ModalTitle>{i18n.t('project.refund.title')}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.100">
            <AmountDateFields idPrefix="refund" currency={client.currency} amount={amount} onAmount={setAmount} date={date} onDate={setDate} dateLabel="project.refund.date" fields={fields} />
            <Field id="refund-account" label={i18n.t('project.refund.from')} error={fieldError(fields, 'account')}>
              <SingleSelect
                id="refund-account"
                options={[
                  ...(service.billing.prepaidAdBudget ? [{ value: 'wallet' as const, label: i18n.t('project.payment.account.wallet') }] : []),
                  { value: 'fees' as const, label: i18n.t('project.refund.fees') },
                ]}
                value={account}
                onChange={(v) => setAccount(v === 'wallet' ? 'wallet' : 'fees')}
              />
            </Field>
            <Field id="refund-reason" label={i18n.t('project.refund.reason')} help={i18n.t('common.optional')}>
              <Textfield id="refund-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.currentTarget.value)} />
            </Field>
            <SaveErrors error={refund.error} claimed={['amount', 'date', 'account', 'reason']} />
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose}>
            {i18n.t('common.cancel')}
          </Button>
          <Button appearance="warning" onClick={() => void submit()} isDisabled={!amountOk || !date} isLoading={refund.pending} testId="refund-submit">
            {i18n.t('project.refund.submit')}
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
