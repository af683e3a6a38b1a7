// One lead: contact and request, stage actions, the brief's answers, the estimate builder, the live
// documents and the notices sent to the prospect.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import { useState } from 'react';
import type { LeadDetail, PriceListView } from '../../../shared/api-sales';
import { ErrorSection, useErrorFlag } from '../../components/error-flag';
import { Field } from '../../components/field';
import { LoadingState } from '../../components/loading-state';
import { SingleSelect } from '../../components/selects';
import { useMutation, useResolver } from '../../hooks/use-resolver';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { notifySuccess, openIssue } from '../../services/navigation';
import { EstimateBuilder } from './estimate-builder';
import { StageLozenge } from './stage-lozenge';

const REASONS = ['price', 'no-answer', 'competitor', 'not-a-fit', 'postponed', 'duplicate', 'other'] as const;
const section = xcss({ padding: 'space.200', borderRadius: 'radius.medium', backgroundColor: 'elevation.surface.raised', boxShadow: 'elevation.shadow.raised' });

function LoseDialog({ leadId, onClose, onDone }: { leadId: string; onClose(): void; onDone(d: LeadDetail): void }): JSX.Element {
  const { t } = useI18n();
  const showError = useErrorFlag();
  const move = useMutation('sales/leads/move');
  const [reason, setReason] = useState<(typeof REASONS)[number]>('price');
  const [note, setNote] = useState('');
  const confirm = async (): Promise<void> => {
    const r = await move.run({ leadId, to: 'lost', reason, ...(note.trim() ? { note: note.trim() } : {}) });
    if (!r.ok) return showError(r.error, t('sales.action.failed'));
    onDone(r.data);
  };
  return (
    <ModalDialog onClose={onClose} testId="lose-dialog">
      <ModalHeader>
        <ModalTitle>{t('sales.lose.title')}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Field id="lose-reason" label={t('sales.lose.reason')}>
          <SingleSelect<(typeof REASONS)[number]> id="lose-reason" options={REASONS.map((r) => ({ value: r, label: t(`sales.reason.${r}` as MessageKey) }))} value={reason} onChange={setReason} />
        </Field>
        <Field id="lose-note" label={t('sales.lose.note')}>
          <TextArea id="lose-note" value={note} maxLength={1000} onChange={(e) => setNote(e.currentTarget.value)} />
        </Field>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>{t('sales.new.cancel')}</Button>
        <Button appearance="danger" isLoading={move.pending} onClick={() => void confirm()} testId="lose-confirm">{t('sales.lose.confirm')}</Button>
      </ModalFooter>
    </ModalDialog>
  );
}

function Actions({ lead, onChange }: { lead: LeadDetail; onChange(d: LeadDetail): void }): JSX.Element {
  const { t } = useI18n();
  const showError = useErrorFlag();
  const brief = useMutation('sales/brief/request');
  const send = useMutation('sales/documents/send');
  const win = useMutation('sales/leads/win');
  const move = useMutation('sales/leads/move');
  const [losing, setLosing] = useState(false);
  const done = (r: { ok: true; data: LeadDetail } | { ok: false; error: Parameters<typeof showError>[0] }): void => {
    if (!r.ok) return showError(r.error, t('sales.action.failed'));
    notifySuccess(t('sales.action.done'));
    onChange(r.data);
  };
  const can = (s: LeadDetail['stage']): boolean => lead.nextStages.includes(s);
  return (
    <Inline space="space.100" shouldWrap>
      {lead.stage === 'new' || lead.stage === 'brief-sent' ? (
        <Button appearance={lead.stage === 'new' ? 'primary' : 'default'} isLoading={brief.pending} onClick={() => void brief.run({ leadId: lead.id }).then(done)} testId="action-brief">{t('sales.action.requestBrief')}</Button>
      ) : null}
      {can('proposal-sent') && lead.estimate ? (
        <Button appearance="primary" isLoading={send.pending} onClick={() => void send.run({ leadId: lead.id }).then(done)} testId="action-send">{t('sales.action.sendDocs')}</Button>
      ) : null}
      {can('won') ? (
        <Button appearance="primary" isLoading={win.pending} onClick={() => void win.run({ leadId: lead.id }).then(done)} testId="action-win">{t('sales.action.win')}</Button>
      ) : null}
      {can('new') ? <Button isLoading={move.pending} onClick={() => void move.run({ leadId: lead.id, to: 'new' }).then(done)}>{t('sales.action.reopen')}</Button> : null}
      {can('lost') ? <Button appearance="subtle" onClick={() => setLosing(true)} testId="action-lose">{t('sales.action.lose')}</Button> : null}
      <ModalTransition>
        {losing ? <LoseDialog leadId={lead.id} onClose={() => setLosing(false)} onDone={(d) => { setLosing(false); onChange(d); }} /> : null}
      </ModalTransition>
    </Inline>
  );
}

function Body({ lead, prices, onChange }: { lead: LeadDetail; prices: PriceListView | undefined; onChange(d: LeadDetail): void }): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Stack space="space.200">
      <Inline space="space.150" alignBlock="center" shouldWrap>
        <Heading size="medium" as="h2">{lead.number}: {lead.company ?? lead.name}</Heading>
        <StageLozenge stage={lead.stage} />
        {lead.jiraIssueKey ? <Button appearance="subtle" onClick={() => void openIssue(lead.jiraIssueKey as string)}>{t('sales.detail.jira', { key: lead.jiraIssueKey })}</Button> : null}
      </Inline>
      <Actions lead={lead} onChange={onChange} />
      {lead.won ? (
        <SectionMessage appearance="success" title={t('sales.won.title')} testId="lead-won">
          <p>{t('sales.won.body', { n: lead.won.invoiceNumber ?? '—' })}</p>
        </SectionMessage>
      ) : null}
      <Inline space="space.200" shouldWrap alignBlock="start">
        <Box xcss={section}>
          <Stack space="space.075">
            <Heading size="xsmall" as="h3">{t('sales.detail.contact')}</Heading>
            <span>{lead.name}</span>
            {lead.email ? <span>{lead.email}</span> : null}
            {lead.phone ? <span>{lead.phone}</span> : null}
            {lead.siteHost ? <span>{lead.siteHost}</span> : null}
            <span className="rt-muted">{t('sales.detail.source', { source: lead.source })}</span>
            {lead.repeats > 0 ? <span className="rt-muted">{t('sales.repeats', { n: lead.repeats })}</span> : null}
          </Stack>
        </Box>
        <Box xcss={xcss({ ...{}, flexGrow: 1, maxWidth: '560px' })}>
          <Stack space="space.075">
            <Heading size="xsmall" as="h3">{t('sales.detail.request')}</Heading>
            <p style={{ whiteSpace: 'pre-wrap' }}>{lead.message ?? t('sales.detail.noMessage')}</p>
          </Stack>
        </Box>
      </Inline>
      <Box xcss={section}>
        <Stack space="space.100" testId="lead-brief">
          <Heading size="xsmall" as="h3">{t('sales.brief.title')}</Heading>
          {lead.brief.submittedAt && lead.brief.answers ? (
            <>
              <span className="rt-muted">{t('sales.brief.received', { date: i18n.dateTime(lead.brief.submittedAt) })}</span>
              <dl style={{ margin: 0 }}>
                {lead.brief.questions.filter((q) => lead.brief.answers?.[q.id]).map((q) => (
                  <div key={q.id} style={{ marginBlockEnd: 8 }}>
                    <dt style={{ fontWeight: 600 }}>{q.label}</dt>
                    <dd style={{ marginInlineStart: 0, whiteSpace: 'pre-wrap' }}>{q.options?.find((o) => o.id === lead.brief.answers?.[q.id])?.label ?? lead.brief.answers?.[q.id]}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : lead.brief.requestedAt ? (
            <span>{t('sales.brief.waiting', { date: i18n.dateTime(lead.brief.requestedAt), n: lead.brief.reminders })}</span>
          ) : (
            <span className="rt-muted">{t('sales.brief.notSent')}</span>
          )}
          {lead.brief.url ? <a href={lead.brief.url} target="_blank" rel="noreferrer">{t('sales.brief.open')}</a> : null}
        </Stack>
      </Box>
      <Box xcss={section}>
        {prices && (lead.estimate || (lead.stage !== 'won' && lead.stage !== 'lost')) ? (
          <EstimateBuilder key={lead.estimate ? lead.updatedAt : 'new'} lead={lead} prices={prices} onSaved={onChange} />
        ) : (
          <span className="rt-muted">{t('sales.estimate.noMoney')}</span>
        )}
      </Box>
      <Box xcss={section}>
        <Stack space="space.100" testId="lead-docs">
          <Heading size="xsmall" as="h3">{t('sales.docs.title')}</Heading>
          {lead.docs.length === 0 ? <span className="rt-muted">{t('sales.docs.none')}</span> : null}
          {lead.docs.map((d) => (
            <Inline key={d.kind} space="space.150" alignBlock="center" shouldWrap>
              <strong>{t(d.kind === 'proposal' ? 'sales.docs.proposal' : 'sales.docs.contract')}</strong>
              <a href={d.url} target="_blank" rel="noreferrer">{t('sales.docs.open')}</a>
              {d.pdf ? <span className="rt-muted">{t('sales.docs.pdf', { name: d.pdf })}</span> : null}
            </Inline>
          ))}
          {lead.acceptedAt ? <span>{t('sales.docs.accepted', { date: i18n.dateTime(lead.acceptedAt) })}</span> : null}
        </Stack>
      </Box>
      <Box xcss={section}>
        <Stack space="space.075" testId="lead-notices">
          <Heading size="xsmall" as="h3">{t('sales.notes.title')}</Heading>
          {lead.notifications.length === 0 ? <span className="rt-muted">{t('sales.notes.none')}</span> : null}
          {lead.notifications.map((n) => (
            <span key={n.step}>
              {i18n.dateTime(n.createdAt)} · {n.subject} · <span className="rt-muted">{t(`sales.notes.state.${n.state}` as MessageKey)}</span>
            </span>
          ))}
        </Stack>
      </Box>
      <Stack space="space.050">
        <Heading size="xxsmall" as="h4">{t('sales.detail.history')}</Heading>
        <ol>
          {lead.history.map((h, i) => (
            <li key={i}>
              {i18n.dateTime(h.at)} · {t(`sales.stage.${h.stage}` as MessageKey)}
            </li>
          ))}
        </ol>
      </Stack>
    </Stack>
  );
}

export function LeadDetailView({ leadId, onBack }: { leadId: string; onBack(): void }): JSX.Element {
  const { t } = useI18n();
  const loaded = useResolver('sales/leads/get', { leadId });
  const prices = useResolver('sales/price-list/get', {});
  const [fresh, setFresh] = useState<LeadDetail>();
  const lead = fresh && fresh.id === leadId ? fresh : loaded.data;
  return (
    <Stack space="space.150" testId="lead-detail">
      <Inline>
        <Button appearance="subtle" onClick={onBack} testId="lead-back">← {t('sales.detail.back')}</Button>
      </Inline>
      {loaded.error ? <ErrorSection error={loaded.error} onRetry={loaded.reload} /> : !lead ? <LoadingState /> : <Body lead={lead} prices={lead.estimate || prices.data ? prices.data : undefined} onChange={setFresh} />}
    </Stack>
  );
}
