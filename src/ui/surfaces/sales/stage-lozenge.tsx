// A lead's stage as a lozenge, coloured by how far it got.
import Lozenge from '@atlaskit/lozenge';
import type { LeadStageView } from '../../../shared/api-sales';
import { useI18n, type MessageKey } from '../../i18n/i18n';

const APPEARANCE: Record<LeadStageView, 'default' | 'inprogress' | 'moved' | 'success' | 'removed' | 'new'> = {
  new: 'new',
  'brief-sent': 'inprogress',
  'brief-received': 'inprogress',
  estimate: 'moved',
  'proposal-sent': 'moved',
  won: 'success',
  lost: 'removed',
};

export function StageLozenge({ stage }: { stage: LeadStageView }): JSX.Element {
  const { t } = useI18n();
  return <Lozenge appearance={APPEARANCE[stage]} testId={`stage-${stage}`}>{t(`sales.stage.${stage}` as MessageKey)}</Lozenge>;
}
