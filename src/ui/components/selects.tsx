// Typed wrappers over @atlaskit/select for the form fields the admin page uses.
import Select from '@atlaskit/select';
import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n';
import { pick, pickMany, type Option } from './options';

interface SingleProps<T extends string> {
  id: string;
  options: readonly Option<T>[];
  value: T | null | undefined;
  onChange(value: T): void;
  isInvalid?: boolean;
  isDisabled?: boolean;
  ariaLabel?: string;
}

export function SingleSelect<T extends string>({ id, options, value, onChange, isInvalid, isDisabled, ariaLabel }: SingleProps<T>): JSX.Element {
  const { t } = useI18n();
  return (
    <Select<Option<T>, false>
      inputId={id}
      options={[...options]}
      value={pick(options, value)}
      onChange={(o) => {
        if (o) onChange(o.value);
      }}
      isInvalid={isInvalid}
      isDisabled={isDisabled}
      placeholder={t('common.choose')}
      aria-label={ariaLabel}
      menuPortalTarget={document.body}
      styles={{ menuPortal: (base) => ({ ...base, zIndex: 1000 }) }}
    />
  );
}

interface MultiProps<T extends string> {
  id: string;
  options: readonly Option<T>[];
  value: readonly T[] | undefined;
  onChange(value: T[]): void;
  isInvalid?: boolean;
  ariaLabel?: string;
}

export function MultiSelect<T extends string>({ id, options, value, onChange, isInvalid, ariaLabel }: MultiProps<T>): JSX.Element {
  const { t } = useI18n();
  return (
    <Select<Option<T>, true>
      inputId={id}
      isMulti
      options={[...options]}
      value={pickMany(options, value)}
      onChange={(os) => onChange(os.map((o) => o.value))}
      isInvalid={isInvalid}
      placeholder={t('common.choose')}
      aria-label={ariaLabel}
      menuPortalTarget={document.body}
      styles={{ menuPortal: (base) => ({ ...base, zIndex: 1000 }) }}
    />
  );
}

/** People options from 'users/list' (names), keeping ids we can't name so nothing disappears. */
export function useUserOptions(users: Array<{ accountId: string; displayName: string }> | undefined): Option[] {
  return useMemo(() => (users ?? []).map((u) => ({ value: u.accountId, label: u.displayName })).sort((a, b) => a.label.localeCompare(b.label)), [users]);
}
