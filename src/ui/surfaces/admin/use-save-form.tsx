// The save pattern every admin form repeats, written once: run the resolver, confirm with a flag,
// show field messages next to their fields, other failures as an error flag, and leftovers above.
import { Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiKey, ApiPayload, ApiResult } from '../../../shared/api';
import { useErrorFlag } from '../../components/error-flag';
import { fieldError, unclaimedErrors } from '../../components/field';
import { useMutation, type MutationResult } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import type { UiError } from '../../services/invokes';
import { notifySuccess } from '../../services/navigation';
import type { LocalProblem } from './settings-draft';

export interface SaveForm<K extends ApiKey> {
  save(payload: ApiPayload<K>): Promise<MutationResult<ApiResult<K>>>;
  pending: boolean;
  error: UiError | undefined;
  /** The message for a field path (or any of its children): a local check's, else the server's. */
  err(path: string): string | undefined;
  /** Problems found before sending (shown like the server's field messages). */
  setLocal(problems: Record<string, LocalProblem>): void;
  hasLocal: boolean;
  reset(): void;
}

export interface SaveFormOptions<K extends ApiKey> {
  onSaved?(data: ApiResult<K>): void;
  /** Flag text after a save; default "Saved". */
  successText?: string;
}

export function useSaveForm<K extends ApiKey>(key: K, opts: SaveFormOptions<K> = {}): SaveForm<K> {
  const i18n = useI18n();
  const m = useMutation(key);
  const flagError = useErrorFlag();
  const { onSaved, successText } = opts;
  const save = useCallback(
    async (payload: ApiPayload<K>) => {
      const r = await m.run(payload);
      if (r.ok) {
        notifySuccess(successText ?? i18n.t('admin.saved'));
        onSaved?.(r.data);
      } else if (!r.error.hasFieldErrors) flagError(r.error);
      return r;
    },
    // m.run is stable per key; the callbacks may change every render.
    [m.run, onSaved, successText, i18n, flagError],
  );
  const [local, setLocalState] = useState<Record<string, string>>({});
  const setLocal = useCallback((problems: Record<string, LocalProblem>) => setLocalState(Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, i18n.t(`admin.problem.${v}`)]))), [i18n]);
  const errors = m.error?.fields;
  return {
    save,
    pending: m.pending,
    error: m.error,
    err: (path: string) => fieldError(local, path) ?? fieldError(errors, path),
    setLocal,
    hasLocal: Object.keys(local).length > 0,
    reset: m.reset,
  };
}

/** A form around a SaveForm: submit runs `build()` through it; messages no field claims show on top. */
export function AdminForm<K extends ApiKey>({
  form,
  build,
  check,
  claimed,
  label,
  children,
}: {
  form: SaveForm<K>;
  build(): ApiPayload<K>;
  /** Local checks run before sending; any problem stops the save. */
  check?(): Record<string, LocalProblem>;
  claimed: readonly string[];
  label: string;
  children: ReactNode;
}): JSX.Element {
  const { t } = useI18n();
  const other = form.error?.hasFieldErrors ? unclaimedErrors(form.error.fields, claimed) : [];
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems = check?.() ?? {};
    form.setLocal(problems);
    if (Object.keys(problems).length === 0) void form.save(build());
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      <Stack space="space.100">
        {form.hasLocal ? (
          <SectionMessage appearance="error" testId="admin-form-problems">
            <p>{t('error.validation')}</p>
          </SectionMessage>
        ) : null}
        {form.error?.hasFieldErrors ? (
          <SectionMessage appearance="error" title={t('error.validation')} testId="admin-form-errors">
            {other.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </SectionMessage>
        ) : null}
        {children}
      </Stack>
    </form>
  );
}
