// The "client feedback" macro: a 1–5 rating (a radio group drawn as stars, arrow keys move between
// them) with an optional comment. The client sees their previous answer and can send a new one; agency
// people see the last rating instead of the form. Failed sends are flags; refusals a calm notice.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import { token } from '@atlaskit/tokens';
import { useId, useState } from 'react';
import type { ReportFeedbackView } from '../../../shared/api-reports';
import { useErrorFlag } from '../../components/error-flag';
import { LoadingState } from '../../components/loading-state';
import { useMutation, useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { MacroLoadError, MacroNotLinked } from './macro-states';
import { useReportMacroParams } from './macro-context';

const frame = xcss({ padding: 'space.100' });
const MAX_COMMENT = 2000;

// Native radios (arrow keys move between them) drawn as stars; the focus ring follows the radio.
const STAR_CSS = `
.rt-stars { display: inline-flex; gap: var(--ds-space-050, 4px); }
.rt-star { position: relative; cursor: pointer; padding: 2px; border-radius: var(--ds-border-radius, 3px); }
.rt-star input { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
.rt-star:focus-within { outline: var(--ds-border-width-focused, 2px) solid var(--ds-border-focused); outline-offset: 1px; }
`;

function Stars({ value, onChange, disabled }: { value: number; onChange(n: number): void; disabled: boolean }): JSX.Element {
  const { t } = useI18n();
  const name = useId();
  return (
    <div role="radiogroup" aria-label={t('macros.feedback.rating')} className="rt-stars" data-testid="feedback-stars">
      <style>{STAR_CSS}</style>
      {[1, 2, 3, 4, 5].map((n) => (
        <label key={n} className="rt-star" title={t('macros.feedback.star', { n })}>
          <input type="radio" name={name} value={n} checked={value === n} disabled={disabled} onChange={() => onChange(n)} aria-label={t('macros.feedback.star', { n })} />
          <span aria-hidden="true" style={{ color: n <= value ? token('color.icon.warning') : token('color.icon.subtle'), fontSize: 28, lineHeight: 1 }}>
            {n <= value ? '★' : '☆'}
          </span>
        </label>
      ))}
    </div>
  );
}

function ClientForm({ reportId, view, onSaved }: { reportId: string; view: ReportFeedbackView; onSaved(v: ReportFeedbackView): void }): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const showError = useErrorFlag();
  const submit = useMutation('report/feedback/submit');
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [thanks, setThanks] = useState(false);
  const send = async (): Promise<void> => {
    if (rating < 1) {
      setMissing(true);
      return;
    }
    const r = await submit.run({ reportId, rating, comment: comment.trim() });
    if (!r.ok) {
      showError(r.error, t('macros.feedback.failed'));
      return;
    }
    setThanks(true);
    setRating(0);
    setComment('');
    onSaved(r.data);
  };
  return (
    <Stack space="space.150">
      {thanks ? (
        <SectionMessage appearance="success" title={t('macros.feedback.thanks')} testId="feedback-thanks">
          <p>{t('macros.feedback.thanksBody')}</p>
        </SectionMessage>
      ) : null}
      {view.mine ? (
        <span className="rt-muted" data-testid="feedback-previous">
          {t('macros.feedback.previous', { rating: view.mine.rating, date: i18n.dateTime(view.mine.at) })}
          {view.mine.comment ? ` · “${view.mine.comment}”` : ''}
        </span>
      ) : null}
      <Stars
        value={rating}
        disabled={submit.pending}
        onChange={(n) => {
          setRating(n);
          setMissing(false);
        }}
      />
      {missing ? (
        <span role="alert" style={{ color: token('color.text.danger') }}>
          {t('macros.feedback.chooseRating')}
        </span>
      ) : null}
      <Stack space="space.050">
        <label htmlFor="feedback-comment">{t('macros.feedback.comment')}</label>
        <TextArea id="feedback-comment" value={comment} maxLength={MAX_COMMENT} minimumRows={2} resize="vertical" isDisabled={submit.pending} onChange={(e) => setComment(e.currentTarget.value)} />
        <span className="rt-small rt-muted">{t('macros.feedback.count', { n: comment.length, max: MAX_COMMENT })}</span>
      </Stack>
      <Inline>
        <Button appearance="primary" isLoading={submit.pending} onClick={() => void send()} testId="feedback-submit">
          {view.mine ? t('macros.feedback.sendAgain') : t('macros.feedback.send')}
        </Button>
      </Inline>
    </Stack>
  );
}

export function ReportFeedbackMacro(): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const { reportId } = useReportMacroParams();
  const loaded = useResolver('report/feedback/get', reportId ? { reportId } : null);
  const [saved, setSaved] = useState<ReportFeedbackView>();
  if (!reportId) return <MacroNotLinked />;
  const view = saved ?? loaded.data;
  let body: JSX.Element;
  if (loaded.error) body = <MacroLoadError error={loaded.error} onRetry={loaded.reload} />;
  else if (!view) body = <LoadingState />;
  else if (!view.canSubmit)
    body = (
      <span className="rt-muted" data-testid="feedback-agency">
        {view.mine ? t('macros.feedback.agencyLast', { rating: view.mine.rating, date: i18n.dateTime(view.mine.at) }) : t('macros.feedback.agencyNone')}
      </span>
    );
  else body = <ClientForm reportId={reportId} view={view} onSaved={setSaved} />;
  return (
    <Box xcss={frame} testId="macro-feedback">
      <Stack space="space.150">
        <Heading size="small" as="h2">
          {t('macros.feedback.title')}
        </Heading>
        {body}
      </Stack>
    </Box>
  );
}
