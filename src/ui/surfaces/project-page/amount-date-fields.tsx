// The amount and date pair every money dialog asks for (payments, refunds): a decimal amount in the
// client's currency, checked as typed, and the day it happened. Backend field errors win over ours.
import { DatePicker } from '@atlaskit/datetime-picker';
import { Grid } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { Field, fieldError } from '../../components/field';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages-en';
import { normaliseDecimal } from './project-utils';

/** The amount as a decimal string when it is a positive number, else null. */
export function positiveAmount(text: string): string | null {
  const normal = normaliseDecimal(text);
  return normal !== null && Number(normal) > 0 ? normal : null;
}

export function AmountDateFields({ idPrefix, currency, amount, onAmount, date, onDate, dateLabel, fields }: {
  idPrefix: string;
  currency: string;
  amount: string;
  onAmount(v: string): void;
  date: string;
  onDate(v: string): void;
  dateLabel: MessageKey;
  fields: Record<string, string> | undefined;
}): JSX.Element {
  const i18n = useI18n();
  const invalid = amount !== '' && positiveAmount(amount) === null;
  return (
    <Grid templateColumns="1fr 1fr" gap="space.200">
      <Field id={`${idPrefix}-amount`} label={i18n.t('project.payment.amount', { currency })} error={fieldError(fields, 'amount') ?? (invalid ? i18n.t('project.payment.amountInvalid') : undefined)}>
        <Textfield id={`${idPrefix}-amount`} value={amount} inputMode="decimal" onChange={(e) => onAmount(e.currentTarget.value)} />
      </Field>
      <Field id={`${idPrefix}-date`} label={i18n.t(dateLabel)} error={fieldError(fields, 'date')}>
        <DatePicker id={`${idPrefix}-date`} value={date} onChange={onDate} locale={i18n.intlLocale} />
      </Field>
    </Grid>
  );
}
