// Previous / next month around the shown month; "This month" jumps back.
import Button, { IconButton } from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives';
import { addMonths } from '../../domain/month-rules';
import { ChevronLeftIcon, ChevronRightIcon } from './icons';
import { useI18n } from '../i18n/i18n';

export function MonthSwitcher({ month, onChange, isCurrent }: { month: string; onChange(month: string | undefined): void; isCurrent: boolean }): JSX.Element {
  const i18n = useI18n();
  return (
    <Inline space="space.100" alignBlock="center">
      <IconButton icon={ChevronLeftIcon} label={i18n.t('common.previousMonth')} onClick={() => onChange(addMonths(month, -1))} />
      <Heading size="small" as="h2">
        {i18n.month(month)}
      </Heading>
      <IconButton icon={ChevronRightIcon} label={i18n.t('common.nextMonth')} onClick={() => onChange(addMonths(month, 1))} />
      {!isCurrent ? (
        <Button appearance="subtle" onClick={() => onChange(undefined)}>
          {i18n.t('common.thisMonth')}
        </Button>
      ) : null}
    </Inline>
  );
}
