// A labelled form field with helper text and the server's message for its path.
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Box, xcss } from '@atlaskit/primitives';
import type { ReactNode } from 'react';

const fieldBox = xcss({ marginBlockEnd: 'space.150' });

export interface FieldProps {
  id: string;
  label: string;
  error?: string;
  help?: string;
  children: ReactNode;
}

export function Field({ id, label, error, help, children }: FieldProps): JSX.Element {
  return (
    <Box xcss={fieldBox}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? <ErrorMessage>{error}</ErrorMessage> : help ? <HelperMessage>{help}</HelperMessage> : null}
    </Box>
  );
}

/** The message for `path` or any of its children ("contacts.0.email" for "contacts.0"). */
export function fieldError(fields: Record<string, string> | undefined, path: string): string | undefined {
  if (!fields) return undefined;
  if (fields[path]) return fields[path];
  const prefix = `${path}.`;
  const child = Object.keys(fields).find((k) => k.startsWith(prefix));
  return child ? fields[child] : undefined;
}

/** Messages whose paths no field on the form claims, so none is lost. */
export function unclaimedErrors(fields: Record<string, string> | undefined, claimed: readonly string[]): string[] {
  if (!fields) return [];
  return Object.entries(fields)
    .filter(([k]) => !claimed.some((c) => k === c || k.startsWith(`${c}.`)))
    .map(([k, v]) => (k === '_' ? v : `${k}: ${v}`));
}
