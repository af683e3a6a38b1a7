// Demo leads: a few requests from the agency's website form, posted to the app's lead-intake web
// trigger exactly as the site would (HMAC-signed, with a timestamp and a one-time nonce), so the Sales
// project, its leads and the funnel have something to show.
import { randomBytes } from 'node:crypto';
import { signForm } from '../../src/usecases/sales/intake';
import type { Sandbox } from '../platform';
import { callAs } from './runner';

const DEMO_FORM_SECRET = 'demo-website-form-secret-0123456789abcdef';

const LEADS = [
  { name: 'Оксана Мельник', company: 'Меблі Поділля', email: 'oksana@mebli-podillia.example', phone: '+380672223344', site: 'mebli-podillia.example', serviceTypes: ['seo', 'google-ads'], message: 'Хочемо більше замовлень з Києва та Львова.', language: 'uk' },
  { name: 'Игорь Соколов', company: 'АвтоСервис Плюс', email: 'igor@autoservice-plus.example', phone: '+79161234567', site: 'autoservice-plus.example', serviceTypes: ['yandex-direct'], message: 'Нужна реклама в Яндекс Директ на Москву.', language: 'ru' },
  { name: 'Emma Clarke', company: 'Northwind Tea', email: 'emma@northwind-tea.example', site: 'northwind-tea.example', serviceTypes: ['smm', 'targeted-ads'], message: 'Launching in Ukraine next spring, need social and paid social.', language: 'en' },
] as const;

/** Posts the demo leads and lets the app's jobs create their Jira issues; returns how many were accepted. */
export async function postDemoLeads(sb: Sandbox, adminAccountId: string): Promise<number> {
  await callAs(sb, adminAccountId, 'sales/form-secret/configure', { secret: DEMO_FORM_SECRET });
  let accepted = 0;
  for (const lead of LEADS) if ((await postSignedLead(sb, DEMO_FORM_SECRET, JSON.stringify(lead))) === 200) accepted++;
  await sb.drain();
  return accepted;
}

/**
 * Posts one form as the website does: signed with a timestamp and a fresh nonce, sent again (newly
 * signed) when the platform gave no answer (5xx, 424, 429). Returns the last status.
 */
export async function postSignedLead(sb: Sandbox, secret: string, body: string): Promise<number> {
  let status = 0;
  for (let attempt = 0; attempt < 6; attempt++) {
    const signature = signForm(secret, body, Math.floor(sb.clock.now() / 1000), randomBytes(12).toString('hex'));
    const r = await sb.callWebTrigger('lead-intake', { method: 'POST', headers: { 'content-type': 'application/json', 'X-Retainer-Signature': signature }, body });
    status = r.statusCode;
    if (status < 500 && status !== 429 && status !== 424) break;
  }
  return status;
}
