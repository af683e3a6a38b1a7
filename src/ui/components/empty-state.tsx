// Empty states: the @atlaskit one for pages, a compact one for narrow panels.
import AkEmptyState from '@atlaskit/empty-state';
import Heading from '@atlaskit/heading';
import { Box, Stack, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';

const compactBox = xcss({ paddingBlock: 'space.150' });

export function EmptyState({ title, body, action, compact = false }: { title: string; body?: string; action?: ReactNode; compact?: boolean }): JSX.Element {
  if (!compact) return <AkEmptyState header={title} description={body} primaryAction={action} headingLevel={2} width="narrow" />;
  return (
    <Box xcss={compactBox} testId="empty-state">
      <Stack space="space.075">
        <Heading size="xsmall" as="h3">
          {title}
        </Heading>
        {body ? <span style={{ color: token('color.text.subtle') }}>{body}</span> : null}
        {action}
      </Stack>
    </Box>
  );
}
