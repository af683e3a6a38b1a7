// What the prospect sees on shared pages: the brief form and the "accept the proposal" button. Both
// read the lead id and the signed token from the macro's parameters; the backend checks the token.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { AcceptView, BriefFormView, BriefQuestionView } from '../../../shared/api-sales';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { Field } from '../../components/field';
import { LoadingState } from '../../components/loading-state';
import { useMutation, useResolver } from '../../hooks/use-resolver';
import { useI18n } from '../../i18n/i18n';
import { useAppContext } from '../../platform/app-context';

const frame = xcss({ padding: 'space.100' });

function useSignedParams(): { leadId: string; token: string } | null {
  const config = useAppContext().config;
  const leadId = config?.['leadId'];
  const token = config?.['token'];
  return typeof leadId === 'string' && /^ld-[a-z0-9]{6,40}$/.test(leadId) && typeof token === 'string' && /^[0-9a-f]{40}$/.test(token) ? { leadId, token } : null;
}

function Invalid(): JSX.Element {
  const { t } = useI18n();
  return <SectionMessage appearance="warning"><p>{t('sales.form.invalid')}</p></SectionMessage>;
}

function Question({ q, value, error, onChange }: { q: BriefQuestionView; value: string; error?: string; onChange(v: string): void }): JSX.Element {
  const { t } = useI18n();
  const id = `brief-${q.id}`;
  const label = q.required ? `${q.label} (${t('sales.form.required')})` : q.label;
  return (
    <Field id={id} label={label} error={error}>
      {q.kind === 'long-text' ? (
        <TextArea id={id} value={value} minimumRows={3} maxLength={4000} isInvalid={!!error} onChange={(e) => onChange(e.currentTarget.value)} />
      ) : q.kind === 'choice' ? (
        <div role="radiogroup" aria-labelledby={`${id}-label`}>
          <Inline space="space.200">
            {(q.options ?? []).map((o) => (
              <label key={o.id}>
                <input type="radio" name={id} value={o.id} checked={value === o.id} onChange={() => onChange(o.id)} /> {o.label}
              </label>
            ))}
          </Inline>
        </div>
      ) : (
        <Textfield id={id} value={value} inputMode={q.kind === 'number' ? 'decimal' : undefined} maxLength={4000} isInvalid={!!error} onChange={(e) => onChange(e.currentTarget.value)} />
      )}
    </Field>
  );
}

function BriefForm({ params, view, onSaved }: { params: { leadId: string; token: string }; view: BriefFormView; onSaved(v: BriefFormView): void }): JSX.Element {
  const { t } = useI18n();
  const showError = useErrorFlag();
  const submit = useMutation('sales/brief-form/submit');
  const [answers, setAnswers] = useState<Record<string, string>>(view.answers ?? {});
  const [thanks, setThanks] = useState(false);
  const send = async (): Promise<void> => {
    const r = await submit.run({ ...params, answers });
    if (!r.ok) {
      if (!r.error.hasFieldErrors) showError(r.error, t('sales.form.failed'));
      return;
    }
    setThanks(true);
    onSaved(r.data);
  };
  return (
    <Stack space="space.150" testId="brief-form">
      <Heading size="small" as="h2">{t('sales.form.title', { company: view.company })}</Heading>
      <span className="rt-muted">{t('sales.form.intro')}</span>
      {view.questions.map((q) => (
        <Question key={q.id} q={q} value={answers[q.id] ?? ''} error={submit.error?.fields[q.id]} onChange={(v) => setAnswers({ ...answers, [q.id]: v })} />
      ))}
      {thanks ? <SectionMessage appearance="success" testId="brief-thanks"><p>{t('sales.form.thanks')}</p></SectionMessage> : null}
      <Inline>
        <Button appearance="primary" isLoading={submit.pending} onClick={() => void send()} testId="brief-submit">
          {view.submittedAt ? t('sales.form.resubmit') : t('sales.form.submit')}
        </Button>
      </Inline>
    </Stack>
  );
}

export function BriefFormMacro(): JSX.Element {
  const params = useSignedParams();
  const loaded = useResolver('sales/brief-form/get', params);
  const [saved, setSaved] = useState<BriefFormView>();
  if (!params) return <Box xcss={frame}><Invalid /></Box>;
  const view = saved ?? loaded.data;
  return (
    <Box xcss={frame}>
      {loaded.error ? (loaded.error.code === 'FORBIDDEN' ? <Invalid /> : <ErrorSection error={loaded.error} onRetry={loaded.reload} />) : !view ? <LoadingState /> : <BriefForm params={params} view={view} onSaved={setSaved} />}
    </Box>
  );
}

function Accept({ params, view, onSaved }: { params: { leadId: string; token: string }; view: AcceptView; onSaved(v: AcceptView): void }): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const showError = useErrorFlag();
  const submit = useMutation('sales/accept/submit');
  const accept = async (): Promise<void> => {
    const r = await submit.run(params);
    if (!r.ok) return showError(r.error, t('sales.accept.failed'));
    onSaved(r.data);
  };
  return (
    <Stack space="space.100" testId="accept-macro">
      <Heading size="xsmall" as="h2">{t('sales.accept.title')}</Heading>
      {view.firstInvoiceGross && view.currency ? <span>{t('sales.accept.amount', { amount: i18n.money(view.firstInvoiceGross, view.currency) })}</span> : null}
      {view.acceptedAt ? (
        <SectionMessage appearance="success" testId="accept-done"><p>{t('sales.accept.done', { date: i18n.dateTime(view.acceptedAt) })}</p></SectionMessage>
      ) : view.canAccept ? (
        <Inline>
          <Button appearance="primary" isLoading={submit.pending} onClick={() => void accept()} testId="accept-button">{t('sales.accept.button')}</Button>
        </Inline>
      ) : (
        <span className="rt-muted">{t('sales.accept.closed')}</span>
      )}
    </Stack>
  );
}

export function AcceptMacro(): JSX.Element {
  const params = useSignedParams();
  const loaded = useResolver('sales/accept/get', params);
  const [saved, setSaved] = useState<AcceptView>();
  if (!params) return <Box xcss={frame}><Invalid /></Box>;
  const view = saved ?? loaded.data;
  return (
    <Box xcss={frame}>
      {loaded.error ? (loaded.error.code === 'FORBIDDEN' ? <Invalid /> : <ErrorSection error={loaded.error} onRetry={loaded.reload} />) : !view ? <LoadingState /> : <Accept params={params} view={view} onSaved={setSaved} />}
    </Box>
  );
}
