// Demo money: what an agency's finance side looks like after a few months, made through the app's own
// resolvers and web trigger. At setup: money settings (issuer, cost rates, exchange rates, the payment
// provider's secret) and per-service thresholds and budgets. Each simulated day: ad spend for prepaid
// services (entered by hand until the metrics connections exist, then re-synced from the metrics store),
// and clients paying their invoices — by hand, through the payment provider's signed web trigger, or
// in a weekly bank statement (with a row for the review list) — most on time, one client late, one
// never topping up its ad budget, so the panels show every state. Deterministic for a scenario.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { createRng, hashString } from '../core/rng';
import type { Sandbox } from '../platform';
import { actAs, type Envelope } from './act';
import type { Scenario } from './scenario';

export const ScenarioMoneySchema = z.object({
  /** Clients that pay late (their invoices become overdue before they pay). */
  latePayers: z.array(z.string()).default([]),
  /** Services whose clients never top up the ad budget (low balance and runway alerts stay up). */
  noTopUp: z.array(z.string()).default([]),
  /** Typical daily ad spend of prepaid services, in the client's currency (major units). */
  dailySpend: z.record(z.string(), z.number()).default({}),
  /** The payment provider's shared secret for the demo web trigger. */
  webhookSecret: z.string().min(16).default('demo-provider-secret-0001'),
});
export type ScenarioMoney = z.infer<typeof ScenarioMoneySchema>;

const AD_TYPES = new Set(['google-ads', 'yandex-direct', 'targeted-ads']);
const DAY = 86_400_000;

function call<T>(sb: Sandbox, as: string, key: string, payload: unknown): Promise<Envelope<T>> {
  return actAs<T>(sb, as, key, payload, 'retainer-project-page');
}

interface InvoiceRow {
  id: string;
  number: string;
  serviceId: string;
  purpose: string;
  status: string;
  issueDate: string;
  dueDate: string;
  outstanding: string;
  currency: string;
}

const ymd = (t: number): string => new Date(t).toISOString().slice(0, 10);

function services(s: Scenario): Array<{ id: string; clientId: string; type: string; prepaid: boolean; currency: string; manager: string; startDate: string; status: string }> {
  return s.clients.flatMap((c) => c.services.map((sv) => ({ id: sv.id, clientId: c.id, type: sv.type, prepaid: sv.prepaid, currency: c.currency, manager: sv.manager, startDate: sv.startDate, status: sv.status })));
}

async function setup(sb: Sandbox, s: Scenario, m: ScenarioMoney, log: (line: string) => void): Promise<void> {
  const admin = s.users.find((u) => u.role === 'admin')?.accountId as string;
  const current = await call<{ settings: Record<string, unknown> }>(sb, admin, 'money/settings/get', {});
  if (!current.ok) throw new Error(`money settings: ${current.error?.message}`);
  const saved = await call(sb, admin, 'money/settings/save', {
    ...current.data?.settings,
    costRates: {
      byAccount: {},
      byRole: { manager: '450', 'seo-specialist': '350', 'ppc-specialist': '380', 'smm-specialist': '300', targetologist: '350', copywriter: '250', designer: '320', developer: '400', analyst: '400' },
      default: '300',
    },
    exchangeRates: { EUR: '45.50', USD: '41.30', RUB: '0.45' },
    issuer: { legalName: `ТОВ «${s.agency.name}»`, taxId: '44001122', address: 'Київ, вул. Хрещатик, 22', bankDetails: 'IBAN UA21 3052 9900 0002 6007 0123 4567 8\nАТ КБ «ПриватБанк», МФО 305299' },
  });
  if (!saved.ok) throw new Error(`money settings: ${saved.error?.message}`);
  await call(sb, admin, 'money/webhook/configure', { secret: m.webhookSecret });
  for (const sv of services(s).filter((x) => x.prepaid && AD_TYPES.has(x.type))) {
    const daily = m.dailySpend[sv.id] ?? (sv.currency === 'UAH' ? 1500 : 40);
    await call(sb, admin, 'money/service-settings/save', { serviceId: sv.id, settings: { lowBalanceThreshold: String(daily * 5), monthlyAdBudget: String(daily * 30), runwayDays: 5 } });
  }
  log('  money: settings, cost rates, payment provider secret, ad budgets and thresholds');
}

/** The demo's ad spend of a prepaid service on a day (weekends lower; deterministic). */
function spendOf(serviceId: string, day: string, base: number): number {
  const rng = createRng(`${serviceId}|${day}`);
  const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
  return Math.round(base * (weekend ? 0.6 : 1) * (0.75 + rng.next() * 0.5) * 100) / 100;
}

function signed(secret: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex')}`;
}

async function payDay(sb: Sandbox, s: Scenario, m: ScenarioMoney, day: string, log: (line: string) => void): Promise<number> {
  const head = s.users.find((u) => u.role === 'head')?.accountId ?? (s.users.find((u) => u.role === 'admin')?.accountId as string);
  const list = await call<InvoiceRow[]>(sb, head, 'money/invoices/list', {});
  if (!list.ok) return 0;
  const byService = new Map(services(s).map((x) => [x.id, x]));
  const bank: string[] = [];
  let paid = 0;
  for (const inv of list.data ?? []) {
    const sv = byService.get(inv.serviceId);
    if (!sv || inv.outstanding === '0.00') continue;
    const rng = createRng(hashString(inv.number));
    const late = m.latePayers.includes(sv.clientId);
    if (inv.purpose === 'top-up' && m.noTopUp.includes(sv.id)) continue;
    const wait = inv.purpose === 'top-up' ? rng.int(0, 2) : late ? rng.int(25, 40) : rng.int(1, 6);
    const payOn = ymd(Date.parse(`${inv.issueDate}T00:00:00Z`) + wait * DAY);
    // Anything due to be paid by today and still open (the simulation steps a day at a time).
    if (payOn > day) continue;
    const channel = rng.pick(['manual', 'manual', 'webhook', 'bank', 'bank'] as const);
    if (channel === 'manual') {
      const r = await call(sb, sv.manager, 'money/payments/register', { serviceId: sv.id, requestId: `demo-${inv.id.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 80), amount: inv.outstanding, date: day, invoiceId: inv.id, reference: 'demo' });
      if (r.ok) paid++;
    } else if (channel === 'webhook') {
      const t = Math.floor(sb.clock.now() / 1000);
      const body = JSON.stringify({ id: `evt_${hashString(inv.number)}`, type: 'payment.succeeded', created: t, data: { paymentId: `pay_${hashString(inv.id)}`, invoiceNumber: inv.number, amount: inv.outstanding, currency: inv.currency, paidAt: day } });
      const r = await sb.callWebTrigger('payment-webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'x-retainer-signature': signed(m.webhookSecret, body, t) }, body });
      if (r.statusCode === 200) paid++;
    } else {
      const [d, mo, y] = [day.slice(8, 10), day.slice(5, 7), day.slice(0, 4)];
      bank.push(`${d}.${mo}.${y};${inv.outstanding.replace('.', ',')};${inv.currency};Client of ${sv.clientId};Оплата згідно рахунку ${inv.number};B-${hashString(inv.id)}`);
    }
  }
  if (bank.length > 0) {
    // On Mondays, a row nobody can match, for the review list.
    if (new Date(`${day}T00:00:00Z`).getUTCDay() === 1) bank.push(`${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)};750,00;UAH;ФОП Невідомий;Оплата послуг;B-${hashString(`unknown|${day}`)}`);
    const r = await call<{ matched: number; review: number }>(sb, head, 'money/bank/import', { fileName: `statement-${day}.csv`, content: ['Дата;Сума;Валюта;Платник;Призначення платежу;Номер документа', ...bank].join('\n') });
    if (r.ok) paid += r.data?.matched ?? 0;
  }
  if (paid > 0 && day.endsWith('-01')) log(`  money ${day}: ${paid} payment(s)`);
  return paid;
}

/**
 * The demo's money at `at`: 'setup' once after the agency is set up, then once per simulated day.
 * Does nothing for scenarios without a `money` section.
 */
export async function applyMoney(sb: Sandbox, s: Scenario & { money?: ScenarioMoney }, at: 'setup' | Date, log: (line: string) => void = () => undefined): Promise<void> {
  const m = s.money;
  if (!m) return;
  if (at === 'setup') {
    await setup(sb, s, m, log);
    return;
  }
  const day = ymd(at.getTime());
  const yesterday = ymd(at.getTime() - DAY);
  // With metrics connections, spend comes from the metrics store (history booked the day after
  // connecting); without them, it is entered by hand. Never both, so no day is counted twice.
  const metrics = (s as { metrics?: { connect?: string; connectOn?: string } }).metrics;
  const connectedFrom = metrics && metrics.connect !== 'none' ? (metrics.connectOn ?? ymd(s.start.getTime())) : null;
  for (const sv of services(s).filter((x) => x.prepaid && AD_TYPES.has(x.type) && x.status === 'active' && x.startDate <= yesterday)) {
    if (connectedFrom) {
      if (day === ymd(Date.parse(`${connectedFrom}T00:00:00Z`) + DAY)) {
        const from = ymd(Math.max(Date.parse(`${sv.startDate}T00:00:00Z`), s.start.getTime(), Date.parse(`${yesterday}T00:00:00Z`) - 92 * DAY));
        await call(sb, sv.manager, 'money/spend/sync', { serviceId: sv.id, from, to: yesterday });
        await sb.drain();
        // The manager sets budget and threshold from the real pace, as they would after connecting.
        const panel = await call<{ averageDailySpend: string | null }>(sb, sv.manager, 'money/panel', { serviceId: sv.id });
        const avg = Number(panel.data?.averageDailySpend ?? 0);
        if (avg > 0) await call(sb, sv.manager, 'money/service-settings/save', { serviceId: sv.id, settings: { lowBalanceThreshold: String(Math.ceil(avg * 5)), monthlyAdBudget: String(Math.ceil(avg * 30)), runwayDays: 5 } });
      }
      continue;
    }
    const base = m.dailySpend[sv.id] ?? (sv.currency === 'UAH' ? 1500 : 40);
    await call(sb, sv.manager, 'money/spend/record', { serviceId: sv.id, day: yesterday, amount: spendOf(sv.id, yesterday, base).toFixed(2), label: 'demo' });
  }
  await payDay(sb, s, m, day, log);
  await sb.drain();
}
