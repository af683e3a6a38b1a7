// A spinner with a label for whole-area loading, and grey skeleton lines for known layouts.
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { useI18n } from '../i18n/i18n';

const centered = xcss({ paddingBlock: 'space.400', display: 'flex', justifyContent: 'center' });

export function LoadingState({ label, compact = false }: { label?: string; compact?: boolean }): JSX.Element {
  const { t } = useI18n();
  const text = label ?? t('common.loading');
  return (
    <Box xcss={compact ? undefined : centered} role="status" aria-live="polite">
      <Inline space="space.100" alignBlock="center">
        <Spinner size={compact ? 'small' : 'medium'} label={text} />
        <span style={{ color: token('color.text.subtle') }}>{text}</span>
      </Inline>
    </Box>
  );
}

/** Placeholder lines with the rough shape of the content, so it doesn't jump when data arrives. */
export function SkeletonLines({ lines = 3, widths }: { lines?: number; widths?: string[] }): JSX.Element {
  const { t } = useI18n();
  return (
    <Stack space="space.100" aria-busy="true" aria-label={t('common.loading')}>
      {Array.from({ length: lines }, (_, i) => (
        <div
          key={i}
          style={{
            height: 12,
            width: widths?.[i] ?? `${90 - i * 15}%`,
            borderRadius: 3,
            backgroundColor: token('color.skeleton'),
          }}
        />
      ))}
    </Stack>
  );
}
