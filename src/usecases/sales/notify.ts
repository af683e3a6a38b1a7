// Notifications to the prospect. The platform has no e-mail API, so each notice is an outbox record
// with a deterministic key (lead × step: a step notifies once however often it runs) plus a comment on
// the lead's Jira issue with the text and link, which the manager forwards; a mail relay can later
// read the outbox (state `commented` → `sent`).
import { doc, paragraph } from '../../connectors/jira/adf';
import type { Language } from '../../domain/model';
import { pushJobs } from '../../platform/queue';
import { tryLock } from '../../platform/kv';
import { RetryLaterError } from '../../shared/errors';
import { type LeadRecord, type OutboxRecord, type OutboxStep, getSalesSetup, outboxKey, outboxRepo } from '../../storage/sales.repo';
import type { SalesDeps } from './ports';

const TEXTS: Record<OutboxStep, Record<Language, { subject: string; body: string }>> = {
  'brief-requested': {
    en: { subject: 'A short brief for your request {n}', body: 'Hello {name}! Please answer a few questions on the brief page so we can prepare an exact proposal.' },
    uk: { subject: 'Короткий бриф до вашої заявки {n}', body: 'Вітаємо, {name}! Дайте, будь ласка, відповіді на кілька запитань на сторінці брифу, щоб ми підготували точну пропозицію.' },
    ru: { subject: 'Короткий бриф к вашей заявке {n}', body: 'Здравствуйте, {name}! Пожалуйста, ответьте на несколько вопросов на странице брифа, чтобы мы подготовили точное предложение.' },
  },
  'brief-reminder-1': {
    en: { subject: 'Reminder: the brief for {n}', body: 'Hello {name}! The brief is still waiting for your answers; it takes about ten minutes.' },
    uk: { subject: 'Нагадування: бриф до {n}', body: 'Вітаємо, {name}! Бриф досі чекає на ваші відповіді; це займе близько десяти хвилин.' },
    ru: { subject: 'Напоминание: бриф к {n}', body: 'Здравствуйте, {name}! Бриф всё ещё ждёт ваших ответов; это займёт около десяти минут.' },
  },
  'brief-reminder-2': {
    en: { subject: 'Last reminder: the brief for {n}', body: 'Hello {name}! If the request is still current, please fill in the brief; otherwise just ignore this message.' },
    uk: { subject: 'Останнє нагадування: бриф до {n}', body: 'Вітаємо, {name}! Якщо заявка ще актуальна, заповніть, будь ласка, бриф; інакше просто проігноруйте цей лист.' },
    ru: { subject: 'Последнее напоминание: бриф к {n}', body: 'Здравствуйте, {name}! Если заявка ещё актуальна, заполните, пожалуйста, бриф; иначе просто проигнорируйте это письмо.' },
  },
  'proposal-ready': {
    en: { subject: 'Your commercial proposal {n}', body: 'Hello {name}! Your proposal is ready; you can accept it right on its page.' },
    uk: { subject: 'Ваша комерційна пропозиція {n}', body: 'Вітаємо, {name}! Ваша пропозиція готова; прийняти її можна прямо на її сторінці.' },
    ru: { subject: 'Ваше коммерческое предложение {n}', body: 'Здравствуйте, {name}! Ваше предложение готово; принять его можно прямо на его странице.' },
  },
  'contract-ready': {
    en: { subject: 'The contract for {n}', body: 'Hello {name}! The contract is ready for your review.' },
    uk: { subject: 'Договір до {n}', body: 'Вітаємо, {name}! Договір готовий до ознайомлення.' },
    ru: { subject: 'Договор к {n}', body: 'Здравствуйте, {name}! Договор готов к ознакомлению.' },
  },
  'invoice-issued': {
    en: { subject: 'Invoice {n}', body: 'Hello {name}! Your first invoice is issued; work starts once it is paid.' },
    uk: { subject: 'Рахунок {n}', body: 'Вітаємо, {name}! Ваш перший рахунок виставлено; роботи почнуться після оплати.' },
    ru: { subject: 'Счёт {n}', body: 'Здравствуйте, {name}! Ваш первый счёт выставлен; работы начнутся после оплаты.' },
  },
};

const fill = (s: string, v: Record<string, string>): string => s.replace(/\{(\w+)\}/g, (w, k: string) => v[k] ?? w);

/** Records the notice (once per lead × step) and queues its delivery. */
export async function queueNotification(lead: LeadRecord, step: OutboxStep, link: string | null, at: string, ref?: string): Promise<boolean> {
  const key = outboxKey(lead.id, step);
  if (!(await tryLock(`sales:outbox:${key}`, 3600))) return false;
  if (await outboxRepo.get(key)) return false;
  const t = TEXTS[step][lead.contact.language];
  const v = { n: ref ?? lead.number, name: lead.contact.name };
  const record: OutboxRecord = { key, leadId: lead.id, step, to: lead.contact.email, language: lead.contact.language, subject: fill(t.subject, v), body: fill(t.body, v), link, state: 'pending', createdAt: at, commentId: null };
  await outboxRepo.put(key, record);
  await pushJobs([{ kind: 'sales-notify', key }]);
  return true;
}

/** Posts the notice as a comment on the lead's issue (the manager's copy to forward). */
export async function deliverNotification(key: string, deps: SalesDeps, leadIssueKey: (leadId: string) => Promise<string | null>): Promise<'commented' | 'already'> {
  const rec = await outboxRepo.get(key);
  if (!rec || rec.state !== 'pending') return 'already';
  const issueKey = await leadIssueKey(rec.leadId);
  if (!issueKey) throw new RetryLaterError(`The Jira issue of ${rec.leadId} is not there yet`, 30, { leadId: rec.leadId });
  const setup = await getSalesSetup();
  const link = rec.link && setup?.spaceKey ? `/wiki/spaces/${setup.spaceKey}/pages/${rec.link}` : null;
  const commentId = await deps.jira.comment(
    issueKey,
    doc(paragraph(`To ${rec.to ?? '(no e-mail: phone the prospect)'} — ${rec.subject}`), paragraph(rec.body), ...(link ? [paragraph(link)] : [])),
  );
  await outboxRepo.put(key, { ...rec, state: 'commented', commentId });
  return 'commented';
}
