// Small pieces every admin form shares: the save/cancel row and the "other errors" message.
import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import type { UiError } from '../services/invokes';
import { ErrorSection } from './error-flag';
import { unclaimedErrors } from './field';

export function FormActions({ pending, onCancel, extra }: { pending: boolean; onCancel(): void; extra?: ReactNode }): JSX.Element {
  const { t } = useI18n();
  return (
    <Inline space="space.100" alignBlock="center">
      <Button type="submit" appearance="primary" isLoading={pending}>
        {t('common.save')}
      </Button>
      <Button appearance="subtle" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      {extra}
    </Inline>
  );
}

/** The save error: a general message, plus field messages no field on the form shows. */
export function SaveErrors({ error, claimed }: { error: UiError | undefined; claimed: readonly string[] }): JSX.Element | null {
  const { t } = useI18n();
  if (!error) return null;
  if (!error.hasFieldErrors) return <ErrorSection error={error} title={t('error.saveTitle')} />;
  const other = unclaimedErrors(error.fields, claimed);
  return (
    <SectionMessage appearance="error" title={t('error.validation')}>
      {other.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </SectionMessage>
  );
}
