// Winning a lead: the client and its services with the agreed terms (from the estimate), their setup
// (Jira project, client space, the first month's task set, through the existing setup job) and the
// first invoice — nothing retyped. Idempotent: ids derive from the lead, and a re-run adopts what a
// crashed run already made.
import { ClientInputSchema, ServiceInputSchema } from '../../domain/schemas';
import { stableHash } from '../../domain/idempotency';
import type { Client, Role, ServiceType } from '../../domain/model';
import { type Money, allocate, feeAccrual, formatMoney, parseMoney, sum } from '../../domain/money';
import { estimateServiceTypes } from '../../domain/sales';
import { pushJobs } from '../../platform/queue';
import { tryLock, unlock } from '../../platform/kv';
import { ConflictError, RetryLaterError } from '../../shared/errors';
import { getAgencySettings } from '../../storage/agency.repo';
import { clientsRepo } from '../../storage/clients.repo';
import { createJob } from '../../storage/jobs.repo';
import type { ServiceRecord } from '../../storage/records';
import { type LeadRecord, leadsRepo } from '../../storage/sales.repo';
import { servicesRepo } from '../../storage/services.repo';
import { readInvoice } from '../../storage/invoices.repo';
import { getMoneySettings, loadMoneyService } from '../money/context';
import { autoInvoiceId, issueInvoice } from '../money/invoices';
import { queueInvoicePublish } from '../money/messages';
import { monthIn } from '../plan-daily-work';
import { loadLead } from './context';
import { queueNotification } from './notify';
import { moved, updateLead } from './pipeline';

const SERVICE_NAMES: Record<ServiceType, string> = { seo: 'SEO', 'google-ads': 'Google Ads', 'yandex-direct': 'Yandex Direct', smm: 'SMM', 'targeted-ads': 'Targeted ads' };
const ONE_OFF: Record<Client['language'], string> = { en: 'One-off work', uk: 'Разові роботи', ru: 'Разовые работы' };
const MONTHLY: Record<Client['language'], string> = { en: 'Monthly services', uk: 'Щомісячні послуги', ru: 'Ежемесячные услуги' };

export interface WinOptions {
  by: string;
  startDate?: string;
  managerAccountId?: string;
}

/** Team by role copied from the agency's latest service of the same type (people stay who they are). */
function teamFor(type: ServiceType, manager: string, services: readonly ServiceRecord[]): Partial<Record<Role, string[]>> {
  const like = services.filter((s) => s.type === type).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return { ...(like?.team ?? {}), manager: [manager] };
}

export async function winLead(leadId: string, opts: WinOptions, now: Date): Promise<LeadRecord> {
  const lock = `sales:win:${leadId}`;
  if (!(await tryLock(lock, 300))) throw new RetryLaterError(`Lead ${leadId} is being won`, 20, { leadId });
  try {
    return await winLocked(leadId, opts, now);
  } finally {
    await unlock(lock);
  }
}

async function winLocked(leadId: string, opts: WinOptions, now: Date): Promise<LeadRecord> {
  const lead = await loadLead(leadId);
  if (lead.won) return lead;
  const est = lead.estimate?.result;
  if (!est) throw new ConflictError(`Lead ${lead.number} has no estimate`, { leadId });
  if (lead.stage !== 'proposal-sent') throw new ConflictError(`Lead ${lead.number} must have its proposal sent before it is won`, { leadId, stage: lead.stage });
  const [agency, settings, services] = await Promise.all([getAgencySettings(), getMoneySettings(), servicesRepo.all()]);
  const { today } = monthIn(now, agency.timeZone);
  const startDate = opts.startDate ?? today;
  const manager = opts.managerAccountId ?? lead.managerAccountId ?? agency.headAccountIds[0] ?? agency.adminAccountIds[0];
  const head = agency.headAccountIds[0] ?? manager;
  if (!manager || !head) throw new ConflictError('Set a head of department in Retainer settings first', { leadId });
  const at = now.toISOString();
  const c = lead.contact;

  // Client (id from the lead: a re-run finds it).
  const clientId = `cl-l${stableHash(lead.id).slice(0, 14)}`;
  let client = await clientsRepo.get(clientId);
  if (!client) {
    const input = ClientInputSchema.parse({ id: clientId, name: c.company ?? c.name, legal: { legalName: '' }, language: c.language, currency: est.currency, contacts: [{ name: c.name, ...(c.email ? { email: c.email } : {}), ...(c.phone ? { phone: c.phone } : {}) }] });
    client = { ...input, id: clientId, guestAccountIds: [], createdAt: at, updatedAt: at };
    await clientsRepo.put(clientId, client);
  }

  // One service per service type sold; the monthly net is split over them by their lines' amounts.
  const types = estimateServiceTypes(est);
  const sold: ServiceType[] = types.length > 0 ? types : lead.brief.serviceTypes.slice(0, 1);
  const monthlyNet = parseMoney(est.monthly.net, est.currency);
  const weight = (t: ServiceType): Money => sum(est.currency, est.lines.filter((l) => l.billing === 'monthly' && (l.serviceType === t || (l.serviceType === null && t === sold[0]))).map((l) => parseMoney(l.amount, est.currency)));
  const weights = sold.map((t) => formatMoney(weight(t)));
  const fees = weights.every((w) => parseMoney(w, est.currency).amountMinor === 0n) ? sold.map((_, i) => (i === 0 ? monthlyNet : parseMoney('0', est.currency))) : allocate(monthlyNet, weights);
  const hoursOf = (t: ServiceType): number => est.lines.filter((l) => l.billing === 'monthly' && (l.serviceType === t || (l.serviceType === null && t === sold[0]))).reduce((a, l) => a + l.hours, 0);
  const serviceIds: string[] = [];
  for (const [i, type] of sold.entries()) {
    const id = `sv-l${stableHash(`${lead.id}|${type}`).slice(0, 14)}`;
    serviceIds.push(id);
    if (await servicesRepo.get(id)) continue;
    const input = ServiceInputSchema.parse({
      id,
      clientId,
      type,
      name: SERVICE_NAMES[type],
      managerAccountId: manager,
      headAccountId: head,
      team: teamFor(type, manager, services),
      startDate,
      status: 'active',
      billing: { monthlyFee: formatMoney(fees[i] as Money), commissionPercent: '0', vatRatePercent: est.vatRatePercent, prepaidAdBudget: false },
      monthlyHourAllowance: Math.min(hoursOf(type), 1000),
      reportSchedule: { weekly: { enabled: false, weekday: 1 }, monthly: { enabled: true, dayOfMonth: 3 }, autoSend: false },
    });
    const record: ServiceRecord = { ...input, id, setup: { state: 'not-started' }, createdAt: at, updatedAt: at };
    await servicesRepo.put(id, record);
    const jobId = `job-win-${stableHash(id).slice(0, 10)}`;
    await createJob(jobId, 'service-setup', 3, opts.by);
    // Setup makes the project and space, then queues this month's task set (service-setup job).
    await pushJobs([{ kind: 'service-setup', serviceId: id, jobId }]);
  }

  // The first invoice: the first month's fee of each service, one-off work on the first one. Each is
  // the service's fee invoice of the start month, so monthly billing never bills that month again.
  const period = startDate.slice(0, 7);
  let first: { id: string; number: string } | null = null;
  for (const [i, sid] of serviceIds.entries()) {
    const ms = await loadMoneyService(sid);
    const lines = [{ description: `${MONTHLY[client.language]}: ${ms.service.name} (${period})`, quantity: '1', unitPrice: ms.service.billing.monthlyFee, vatRatePercent: est.vatRatePercent }];
    if (i === 0 && est.once.net !== formatMoney(parseMoney('0', est.currency))) lines.push({ description: ONE_OFF[client.language], quantity: '1', unitPrice: est.once.net, vatRatePercent: est.vatRatePercent });
    const invoiceId = autoInvoiceId('fee', sid, period);
    const r = (await readInvoice(invoiceId))?.value ?? (
      await issueInvoice(ms, settings, {
        id: invoiceId,
        origin: 'monthly-fee',
        purpose: 'fee',
        period,
        issueDate: today,
        lines,
        createdBy: opts.by,
        note: `lead ${lead.number}`,
        accrual: (inv) => [feeAccrual({ serviceId: sid, period, date: today, amount: inv.totals.net, ...(inv.totals.vat.amountMinor !== 0n ? { vat: inv.totals.vat } : {}), invoiceId: inv.id })],
      })
    ).record;
    if (i === 0) first = { id: r.invoice.id, number: r.invoice.number };
  }

  const won = await updateLead(leadId, (l) => ({
    ...moved(l, 'won', opts.by, at),
    won: { at, clientId, serviceIds, invoiceId: first?.id ?? null, invoiceNumber: first?.number ?? null, startDate },
    firstInvoiceAt: l.firstInvoiceAt ?? at,
  }));
  await pushJobs([{ kind: 'sales-after-win', leadId }, { kind: 'sales-lead-sync', leadId }]);
  return won;
}

/** After setup made the client's space: publish the first invoice there and tell the prospect. */
export async function afterWin(leadId: string): Promise<'done' | 'waiting'> {
  const lead = await leadsRepo.get(leadId);
  if (!lead?.won) return 'done';
  const primary = await servicesRepo.get(lead.won.serviceIds[0] ?? '');
  if (primary?.setup.state === 'failed') return 'done';
  if (primary?.setup.state !== 'done') throw new RetryLaterError(`Setup of ${lead.won.serviceIds[0]} is not finished`, 30, { leadId });
  const invoiceIds = lead.won.serviceIds.map((sid) => autoInvoiceId('fee', sid, (lead.won as NonNullable<LeadRecord['won']>).startDate.slice(0, 7)));
  const present = (await Promise.all(invoiceIds.map(readInvoice))).filter((x) => x !== undefined).map((x) => x.value.invoice.id);
  await queueInvoicePublish(present.length > 0 ? present : lead.won.invoiceId ? [lead.won.invoiceId] : []);
  await queueNotification(lead, 'invoice-issued', null, new Date().toISOString(), lead.won.invoiceNumber ?? lead.number);
  return 'done';
}
