// Report macros (charts, client feedback) are built later; until then they say so politely.
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useI18n } from '../../i18n/i18n';

const card = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
  padding: 'space.200',
  backgroundColor: 'elevation.surface.sunken',
});

export function MacroPlaceholder({ kind }: { kind: 'charts' | 'feedback' }): JSX.Element {
  const { t } = useI18n();
  return (
    <Box xcss={card} testId={`macro-${kind}`}>
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center">
          <Heading size="small" as="h2">
            {t(kind === 'charts' ? 'macro.charts.title' : 'macro.feedback.title')}
          </Heading>
          <Lozenge appearance="new">{t('macro.coming')}</Lozenge>
        </Inline>
        <span style={{ color: token('color.text.subtle') }}>{t('macro.coming.body')}</span>
      </Stack>
    </Box>
  );
}
