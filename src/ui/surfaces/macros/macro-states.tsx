// The states both report macros share: not linked to a report, and not available to this viewer
// (a draft, or a report of another client), told in a calm box rather than as an error.
import Heading from '@atlaskit/heading';
import { Box, Stack, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { ErrorSection } from '../../components/error-flag';
import { useI18n } from '../../i18n/i18n';
import type { UiError } from '../../services/invokes';

const box = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
  padding: 'space.200',
  backgroundColor: 'elevation.surface.sunken',
});

export function MacroNotice({ title, body, testId }: { title: string; body: string; testId: string }): JSX.Element {
  return (
    <Box xcss={box} testId={testId} role="status">
      <Stack space="space.075">
        <Heading size="xsmall" as="h2">
          {title}
        </Heading>
        <span style={{ color: token('color.text.subtle') }}>{body}</span>
      </Stack>
    </Box>
  );
}

/** Refused or unknown reports look the same (the backend does not say which). */
export function MacroLoadError({ error, onRetry }: { error: UiError; onRetry: () => void }): JSX.Element {
  const { t } = useI18n();
  if (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND') return <MacroNotice title={t('macros.unavailable.title')} body={t('macros.unavailable.body')} testId="macro-unavailable" />;
  return <ErrorSection error={error} onRetry={onRetry} />;
}

export function MacroNotLinked(): JSX.Element {
  const { t } = useI18n();
  return <MacroNotice title={t('macros.notLinked.title')} body={t('macros.notLinked.body')} testId="macro-not-linked" />;
}
