// Edits when a template's task appears: first month, every month, every N months (with a shift),
// from month N, or listed months, with a preview of the first months it fires in.
import { Grid, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { describeRule, firingMonths } from '../../../domain/month-rules';
import type { MonthRule } from '../../../shared/api';
import { Field } from '../../components/field';
import type { Option } from '../../components/options';
import { SingleSelect } from '../../components/selects';
import { useI18n } from '../../i18n/i18n';

type Kind = MonthRule['kind'];
const KINDS: Kind[] = ['first-month', 'every-month', 'every-n-months', 'from-month', 'listed-months'];

function defaultRule(kind: Kind): MonthRule {
  switch (kind) {
    case 'every-n-months':
      return { kind, n: 3 };
    case 'from-month':
      return { kind, from: 2 };
    case 'listed-months':
      return { kind, months: [1] };
    default:
      return { kind };
  }
}

/** "1, 3 6" → [1, 3, 6]; junk entries become NaN so the server names the problem. */
export function parseMonthList(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter((x) => x.length > 0)
    .map((x) => (/^\d+$/.test(x) ? Number(x) : Number.NaN));
}

const int = (s: string): number => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

export function MonthRuleEditor({ rule, onChange, error }: { rule: MonthRule; onChange(rule: MonthRule): void; error?: (path: string) => string | undefined }): JSX.Element {
  const i18n = useI18n();
  const [listText, setListText] = useState(rule.kind === 'listed-months' ? rule.months.join(', ') : '1');
  const options: Option<Kind>[] = KINDS.map((k) => ({ value: k, label: i18n.t(`rule.${k}`) }));
  const err = (p: string) => error?.(`rule.${p}`) ?? error?.('rule');
  const valid = rule.kind !== 'listed-months' || rule.months.every((m) => Number.isInteger(m) && m > 0);
  const firing = valid ? firingMonths(rule, 36).slice(0, 8) : [];

  return (
    <Stack space="space.050">
      <Grid templateColumns="1fr 1fr 1fr" gap="space.150" alignItems="start">
        <Field id="rule-kind" label={i18n.t('rule.kind')} error={error?.('rule.kind')}>
          <SingleSelect id="rule-kind" options={options} value={rule.kind} onChange={(k) => onChange(defaultRule(k))} />
        </Field>
        {rule.kind === 'every-n-months' ? (
          <>
            <Field id="rule-n" label={i18n.t('rule.n')} error={err('n')}>
              <Textfield id="rule-n" type="number" min={2} max={24} value={Number.isNaN(rule.n) ? '' : String(rule.n)} onChange={(e) => onChange({ ...rule, n: int(e.currentTarget.value) })} />
            </Field>
            <Field id="rule-offset" label={i18n.t('rule.offset')} error={error?.('rule.offset')}>
              <Textfield
                id="rule-offset"
                type="number"
                min={0}
                value={rule.offset === undefined ? '' : String(rule.offset)}
                onChange={(e) => {
                  const v = e.currentTarget.value.trim();
                  onChange(v === '' ? { kind: rule.kind, n: rule.n } : { ...rule, offset: int(v) });
                }}
              />
            </Field>
          </>
        ) : null}
        {rule.kind === 'from-month' ? (
          <Field id="rule-from" label={i18n.t('rule.from')} error={err('from')}>
            <Textfield id="rule-from" type="number" min={1} value={Number.isNaN(rule.from) ? '' : String(rule.from)} onChange={(e) => onChange({ ...rule, from: int(e.currentTarget.value) })} />
          </Field>
        ) : null}
        {rule.kind === 'listed-months' ? (
          <Field id="rule-months" label={i18n.t('rule.months')} error={err('months')} help={i18n.t('rule.months.help')}>
            <Textfield
              id="rule-months"
              value={listText}
              onChange={(e) => {
                setListText(e.currentTarget.value);
                onChange({ kind: 'listed-months', months: parseMonthList(e.currentTarget.value) });
              }}
            />
          </Field>
        ) : null}
      </Grid>
      <span className="rt-small" style={{ color: token('color.text.subtle') }} data-testid="rule-preview">
        {valid ? `${describeRule(rule, i18n.lang)} · ` : ''}
        {firing.length ? i18n.t('rule.preview', { list: `${firing.join(', ')}${firing.length === 8 ? ', …' : ''}` }) : i18n.t('rule.previewNone')}
      </span>
    </Stack>
  );
}
