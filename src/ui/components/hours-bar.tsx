// Hours used against an allowance: a label, a progress bar, and an "over by" warning.
import ProgressBar from '@atlaskit/progress-bar';
import { Inline, Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useI18n } from '../i18n/i18n';

export function HoursBar({ value, allowance, label }: { value: number; allowance: number; label: string }): JSX.Element {
  const i18n = useI18n();
  const ratio = allowance > 0 ? value / allowance : 0;
  const over = allowance > 0 && value > allowance;
  const text = allowance > 0 ? i18n.t('hours.label', { logged: i18n.number(value), allowance: i18n.number(allowance) }) : i18n.t('hours.noAllowance');
  return (
    <Stack space="space.050">
      <Inline spread="space-between" alignBlock="baseline">
        <span style={{ color: token('color.text.subtle'), font: token('font.body.small') }}>{label}</span>
        <span style={{ font: token('font.body.small'), color: over ? token('color.text.danger') : token('color.text') }}>{text}</span>
      </Inline>
      <ProgressBar value={Math.min(1, Math.max(0, ratio))} appearance={ratio >= 1 && !over ? 'success' : 'default'} ariaLabel={`${label}: ${text}`} />
      {over ? (
        <span style={{ color: token('color.text.danger'), font: token('font.body.small') }}>{i18n.t('hours.over', { n: i18n.number(value - allowance) })}</span>
      ) : null}
    </Stack>
  );
}
