// How errors reach people: load failures as a section message with a retry, failed writes as
// an error flag (@atlaskit/flag) inside the app, field errors next to the fields.
import Button from '@atlaskit/button/new';
import { FlagsProvider, useFlags } from '@atlaskit/flag';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { useCallback, type ReactNode } from 'react';
import { useI18n, type I18n, type MessageKey } from '../i18n/i18n';
import type { UiError } from '../services/invokes';

const CODE_TEXT: Record<UiError['code'], MessageKey> = {
  VALIDATION: 'error.validation',
  NOT_FOUND: 'error.notFound',
  FORBIDDEN: 'error.forbidden',
  CONFLICT: 'error.conflict',
  RATE_LIMITED: 'error.rateLimited',
  UPSTREAM: 'error.upstream',
  INTERNAL: 'error.internal',
  BRIDGE: 'error.bridge',
};

/** A localized sentence for the error, plus the server's own words when they add something. */
export function describeError(i18n: I18n, error: UiError): { text: string; details: string | null } {
  const text = i18n.t(CODE_TEXT[error.code]);
  const showServer = error.code === 'VALIDATION' || error.code === 'NOT_FOUND' || error.code === 'CONFLICT' || error.code === 'FORBIDDEN' || error.code === 'BRIDGE';
  return { text, details: showServer && error.message && error.message !== text ? i18n.t('error.details', { message: error.message }) : null };
}

export function ErrorSection({ error, onRetry, title }: { error: UiError; onRetry?: () => void; title?: string }): JSX.Element {
  const i18n = useI18n();
  const { text, details } = describeError(i18n, error);
  return (
    <SectionMessage
      appearance={error.code === 'FORBIDDEN' ? 'warning' : 'error'}
      title={title ?? i18n.t('error.loadTitle')}
      actions={onRetry ? [<SectionMessageAction key="retry" onClick={onRetry}>{i18n.t('common.retry')}</SectionMessageAction>] : undefined}
    >
      <p>{text}</p>
      {details ? <p>{details}</p> : null}
    </SectionMessage>
  );
}

/** Wrap a surface once; then `useErrorFlag()` shows failed writes as flags. */
export function ErrorFlags({ children }: { children: ReactNode }): JSX.Element {
  return <FlagsProvider>{children}</FlagsProvider>;
}

export function useErrorFlag(): (error: UiError, title?: string) => void {
  const { showFlag } = useFlags();
  const i18n = useI18n();
  return useCallback(
    (error: UiError, title?: string) => {
      const { text, details } = describeError(i18n, error);
      showFlag({
        title: title ?? i18n.t('error.saveTitle'),
        description: details ? `${text} ${details}` : text,
        appearance: 'error',
        isAutoDismiss: false,
      });
    },
    [showFlag, i18n],
  );
}

export function RetryButton({ onClick }: { onClick: () => void }): JSX.Element {
  const { t } = useI18n();
  return <Button onClick={onClick}>{t('common.retry')}</Button>;
}
