// The money operations behind the resolvers: each checks who is asking (money is only for people
// access.canSeeMoney allows; agency-wide money for admins and heads), calls the use case and maps the
// result to its view.
import { webTrigger } from '@forge/api';
import { stableHash } from '../../domain/idempotency';
import { daysBetween, moneyToJson, parseMoney } from '../../domain/money';
import { pushJobs } from '../../platform/queue';
import type { AccountingExport } from './export';
import type {
  ActView,
  AgencyMoneySettingsView,
  AlertView,
  BankImportStatusView,
  BankImportView,
  FileDownload,
  InvoiceDetail,
  InvoiceSummary,
  LedgerCheckView,
  LedgerView,
  MoneyApi,
  MoneyPanel,
  PaymentView,
  ProfitView,
  ServiceMoneySettingsView,
} from '../../shared/api-money';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import { entriesOf, readPanelDocs } from '../../storage/ledger.repo';
import { invoicesOfService, invoicesWithStatus, openInvoices, readInvoice } from '../../storage/invoices.repo';
import {
  AGENCY_SETTINGS_KEY,
  ActRecordSchema,
  AgencyMoneySettingsSchema,
  OtherCostsSchema,
  ProfitRecordSchema,
  ServiceMoneySettingsSchema,
  costsKey,
  docWrite,
  docsOfService,
  profitKey,
  readDoc,
  serviceSettingsKey,
} from '../../storage/money-docs.repo';
import { withRetry } from '../../storage/money-store';
import { paymentsInState, paymentsOfService, readPayment } from '../../storage/payments.repo';
import { canSeeMoney, type Access } from '../access';
import { activeAlerts } from './alerts';
import { getBankImport, startBankImport } from './bank-import';
import { agencyToday, getMoneySettings, getServiceMoneySettings, loadMoneyService, requireAgencyMoney, requireMoneyAccess } from './context';
import { renderPdfOf } from './documents';
import { buildExport, exportToCsv } from './export';
import { cancelInvoice, issueInvoice, manualInvoiceId } from './invoices';
import { checkLedger } from './ledger';
import { queueInvoicePublish } from './messages';
import { bookPayment, dismissReview } from './payments';
import { recomputeProfit } from './profitability';
import { recordManualSpend } from './spend';
import { configureWebhookSecret, webhookConfigured } from './webhook';
import { actView, alertView, entryView, invoiceDetail, invoiceSummary, moneyPanel, paymentView, profitView, rollupView } from './views';
import type { z } from 'zod';
import { validate } from '../../domain/schemas';

type P<K extends keyof MoneyApi> = MoneyApi[K]['payload'];

const today = (a: Access): string => agencyToday(new Date(), a.agency.timeZone).today;

export async function panel(a: Access, p: P<'money/panel'>): Promise<MoneyPanel | null> {
  const s = p.serviceId ? a.services.find((x) => x.id === p.serviceId) : a.services.find((x) => x.jiraProjectKey === p.projectKey);
  if (!s || !canSeeMoney(a, s)) {
    if (p.serviceId) throw new ForbiddenError('You do not have access to the money of this service', { serviceId: p.serviceId });
    return null;
  }
  const day = today(a);
  const ms = await loadMoneyService(s);
  const docs = await readPanelDocs(s.id, day.slice(0, 7));
  return moneyPanel(s.id, s.billing.prepaidAdBudget, ms.currency, docs.snapshot, docs.rollup, day);
}

export async function ledger(a: Access, p: P<'money/ledger'>): Promise<LedgerView> {
  requireMoneyAccess(a, p.serviceId);
  const ms = await loadMoneyService(p.serviceId);
  const [entries, docs] = await Promise.all([entriesOf(p.serviceId, p.period), readPanelDocs(p.serviceId, p.period)]);
  return { serviceId: p.serviceId, period: p.period, currency: ms.currency, entries: entries.filter((e) => e.period === p.period).sort((x, y) => x.date.localeCompare(y.date) || x.id.localeCompare(y.id)).map(entryView), rollup: docs.rollup ? rollupView(docs.rollup) : null };
}

export async function ledgerCheck(a: Access, p: P<'money/ledger/check'>): Promise<LedgerCheckView> {
  requireAgencyMoney(a);
  const ms = await loadMoneyService(p.serviceId);
  return checkLedger(p.serviceId, ms.currency);
}

export async function listInvoices(a: Access, p: P<'money/invoices/list'>): Promise<InvoiceSummary[]> {
  let records;
  if (p.serviceId) {
    requireMoneyAccess(a, p.serviceId);
    records = await invoicesOfService(p.serviceId);
  } else {
    requireAgencyMoney(a);
    records = p.status ? (await invoicesWithStatus(p.status)).map((r) => r.value) : await openInvoices();
  }
  return records
    .map(invoiceSummary)
    .filter((i) => !p.status || i.status === p.status)
    .sort((x, y) => y.number.localeCompare(x.number));
}

async function invoiceFor(a: Access, invoiceId: string) {
  const cur = await readInvoice(invoiceId);
  const s = cur ? a.services.find((x) => x.id === cur.value.invoice.serviceId) : undefined;
  // Unknown and forbidden look the same.
  if (!cur || !s || !canSeeMoney(a, s)) throw new NotFoundError('Invoice', invoiceId);
  return cur.value;
}

export async function getInvoice(a: Access, p: P<'money/invoices/get'>): Promise<InvoiceDetail> {
  return invoiceDetail(await invoiceFor(a, p.invoiceId));
}

export async function issueManual(a: Access, p: P<'money/invoices/issue'>): Promise<InvoiceSummary> {
  const s = requireMoneyAccess(a, p.serviceId);
  const ms = await loadMoneyService(s);
  const r = await issueInvoice(ms, await getMoneySettings(), {
    id: manualInvoiceId(s.id, p.requestId),
    origin: 'manual',
    purpose: p.purpose,
    ...(p.period ? { period: p.period } : {}),
    issueDate: today(a),
    ...(p.dueDate ? { dueDate: p.dueDate } : {}),
    lines: p.lines,
    ...(p.currency ? { currency: p.currency } : {}),
    requestId: p.requestId,
    createdBy: a.accountId,
    ...(p.note ? { note: p.note } : {}),
  });
  if (r.created) await queueInvoicePublish([r.record.invoice.id]);
  return invoiceSummary(r.record);
}

export async function cancel(a: Access, p: P<'money/invoices/cancel'>): Promise<InvoiceSummary> {
  const rec = await invoiceFor(a, p.invoiceId);
  const ms = await loadMoneyService(rec.invoice.serviceId);
  const r = await cancelInvoice(ms, p.invoiceId, today(a), a.accountId);
  await queueInvoicePublish([p.invoiceId]);
  return invoiceSummary(r);
}

export async function invoicePdf(a: Access, p: P<'money/invoices/pdf'>): Promise<FileDownload> {
  await invoiceFor(a, p.invoiceId);
  const f = await renderPdfOf('invoice', { invoiceId: p.invoiceId });
  if (!f) throw new NotFoundError('Invoice', p.invoiceId);
  return { filename: f.filename, contentType: 'application/pdf', encoding: 'base64', content: Buffer.from(f.bytes).toString('base64') };
}

export async function registerPayment(a: Access, p: P<'money/payments/register'>): Promise<PaymentView> {
  const s = requireMoneyAccess(a, p.serviceId);
  const ms = await loadMoneyService(s);
  const currency = p.currency ?? ms.currency;
  const amount = parseMoney(p.amount, currency);
  if (p.invoiceId) {
    const rec = await invoiceFor(a, p.invoiceId);
    if (rec.invoice.serviceId !== s.id) throw new ValidationError(`Invoice ${rec.invoice.number} is not an invoice of this service`, { invoiceId: 'other service' });
  } else if (!p.account) throw new ValidationError('Choose the invoice this payment is for, or the account it goes to', { invoiceId: 'required' });
  const r = await bookPayment({
    id: `mp-${stableHash(`${s.id}|${p.requestId}`)}`,
    source: 'manual',
    date: p.date,
    amount,
    ...(p.invoiceId ? { invoiceId: p.invoiceId } : { target: { serviceId: s.id, account: p.account ?? 'fees' } }),
    ...(p.reference ? { reference: p.reference } : {}),
    createdBy: a.accountId,
  });
  if (p.invoiceId && !r.duplicate) await queueInvoicePublish([p.invoiceId]);
  return paymentView(r.payment);
}

export async function listPayments(a: Access, p: P<'money/payments/list'>): Promise<PaymentView[]> {
  requireMoneyAccess(a, p.serviceId);
  return (await paymentsOfService(p.serviceId, 200)).map(paymentView);
}

export async function bankImport(a: Access, p: P<'money/bank/import'>): Promise<BankImportView> {
  requireAgencyMoney(a);
  return startBankImport(p, a.accountId);
}

export async function bankStatus(a: Access, p: P<'money/bank/status'>): Promise<BankImportStatusView> {
  requireAgencyMoney(a);
  const d = await getBankImport(p.importId);
  if (!d) throw new NotFoundError('Import', p.importId);
  return { importId: d.importId, fileName: d.fileName, state: d.state, rows: d.rows, booked: d.booked, review: d.review, duplicates: d.duplicates, skipped: d.skipped, chunks: d.chunks, chunksDone: d.chunksDone.length };
}

export async function reviewList(a: Access): Promise<PaymentView[]> {
  requireAgencyMoney(a);
  return (await paymentsInState('review', 500)).map(paymentView);
}

export async function reviewResolve(a: Access, p: P<'money/review/resolve'>): Promise<PaymentView> {
  requireAgencyMoney(a);
  if (p.action === 'dismiss') return paymentView(await dismissReview(p.paymentId, a.accountId, p.reason));
  const cur = await readPayment(p.paymentId);
  if (!cur) throw new NotFoundError('Payment', p.paymentId);
  if (!p.invoiceId && !(p.serviceId && p.account)) throw new ValidationError('Choose an invoice, or a service and an account', { invoiceId: 'required' });
  const amount = { amountMinor: BigInt(cur.value.amount.amountMinor), currency: cur.value.amount.currency };
  const r = await bookPayment({
    id: p.paymentId,
    source: cur.value.source,
    date: cur.value.date,
    amount,
    ...(p.invoiceId ? { invoiceId: p.invoiceId } : { target: { serviceId: p.serviceId as string, account: p.account ?? 'fees' } }),
    ...(cur.value.payer ? { payer: cur.value.payer } : {}),
    ...(cur.value.purpose ? { purpose: cur.value.purpose } : {}),
    createdBy: a.accountId,
    fromReview: true,
  });
  if (p.invoiceId) await queueInvoicePublish([p.invoiceId]);
  return paymentView(r.payment);
}

export async function syncSpend(a: Access, p: P<'money/spend/sync'>): Promise<{ queued: boolean }> {
  requireMoneyAccess(a, p.serviceId);
  if (p.from > p.to) throw new ValidationError('The range ends before it starts', { to: 'before from' });
  if (daysBetween(p.from, p.to) > 92) throw new ValidationError('At most 93 days at a time', { from: 'range too long' });
  if (p.to >= today(a)) throw new ValidationError('Only days before today can be synced (today is still running)', { to: 'not a past day' });
  await pushJobs([{ kind: 'money-spend-sync', from: p.from, to: p.to, serviceIds: [p.serviceId] }]);
  return { queued: true };
}

export async function recordSpend(a: Access, p: P<'money/spend/record'>): Promise<{ booked: number }> {
  const s = requireMoneyAccess(a, p.serviceId);
  return recordManualSpend(await loadMoneyService(s), p);
}

export async function alerts(a: Access, p: P<'money/alerts'>): Promise<AlertView[]> {
  requireMoneyAccess(a, p.serviceId);
  return (await activeAlerts(p.serviceId)).map(alertView);
}

export async function profit(a: Access, p: P<'money/profitability'>): Promise<ProfitView> {
  requireMoneyAccess(a, p.serviceId);
  const [stored, costs] = await Promise.all([readDoc(profitKey(p.serviceId, p.period), ProfitRecordSchema), readDoc(costsKey(p.serviceId, p.period), OtherCostsSchema)]);
  const rec = stored?.value ?? (await recomputeProfit(p.serviceId, p.period));
  return profitView(rec, costs?.value);
}

export async function saveCosts(a: Access, p: P<'money/costs/save'>): Promise<ProfitView> {
  const s = requireMoneyAccess(a, p.serviceId);
  const ms = await loadMoneyService(s);
  const items = p.items.map((i, n) => {
    const amount = parseMoney(i.amount, ms.currency);
    if (amount.amountMinor < 0n) throw new ValidationError('A cost cannot be negative', { [`items.${n}.amount`]: 'negative' });
    return { label: i.label, amount: moneyToJson(amount) };
  });
  const doc = OtherCostsSchema.parse({ items });
  await withRetry(`Costs of ${s.id} ${p.period}`, async () => {
    const cur = await readDoc(costsKey(s.id, p.period), OtherCostsSchema);
    return { writes: [docWrite('costs', costsKey(s.id, p.period), doc, cur?.version ?? 'absent', { serviceId: s.id, sortKey: p.period })], result: undefined };
  });
  return profitView(await recomputeProfit(s.id, p.period), doc);
}

export async function acts(a: Access, p: P<'money/acts/list'>): Promise<ActView[]> {
  requireMoneyAccess(a, p.serviceId);
  return (await docsOfService(p.serviceId, 'act', ActRecordSchema)).map((r) => actView(r.value)).sort((x, y) => y.period.localeCompare(x.period));
}

export async function actPdf(a: Access, p: P<'money/acts/pdf'>): Promise<FileDownload> {
  requireMoneyAccess(a, p.serviceId);
  const f = await renderPdfOf('act', { serviceId: p.serviceId, period: p.period });
  if (!f) throw new NotFoundError('Act', `${p.serviceId} ${p.period}`);
  return { filename: f.filename, contentType: 'application/pdf', encoding: 'base64', content: Buffer.from(f.bytes).toString('base64') };
}

export async function exportMonth(a: Access, p: P<'money/export'>): Promise<FileDownload> {
  requireAgencyMoney(a);
  const e: AccountingExport = await buildExport(p.month);
  return p.format === 'csv'
    ? { filename: `retainer-${p.month}.csv`, contentType: 'text/csv; charset=utf-8', encoding: 'utf8', content: exportToCsv(e) }
    : { filename: `retainer-${p.month}.json`, contentType: 'application/json', encoding: 'utf8', content: JSON.stringify(e, null, 2) };
}

async function webhookUrl(): Promise<string | null> {
  try {
    return await webTrigger.getUrl('payment-webhook');
  } catch {
    return null;
  }
}

export async function settingsGet(a: Access): Promise<{ settings: AgencyMoneySettingsView; webhook: { url: string | null; configured: boolean } }> {
  requireAgencyMoney(a);
  const [settings, configured, url] = await Promise.all([getMoneySettings(), webhookConfigured(), a.isAdmin ? webhookUrl() : Promise.resolve(null)]);
  return { settings, webhook: { url, configured } };
}

/** The stored settings' full rules (cross-field ones included) as field errors, not an internal failure. */
function validOrThrow<S extends z.ZodType>(schema: S, input: unknown, message: string): z.output<S> {
  const r = validate(schema, input);
  if (!r.ok) throw new ValidationError(message, r.fields);
  return r.value;
}

export async function settingsSave(a: Access, p: P<'money/settings/save'>): Promise<AgencyMoneySettingsView> {
  if (!a.isAdmin) throw new ForbiddenError('Only Retainer admins can change money settings');
  const valid = validOrThrow(AgencyMoneySettingsSchema, p, 'The money settings are not valid');
  await withRetry('Saving money settings', async () => {
    const cur = await readDoc(AGENCY_SETTINGS_KEY, AgencyMoneySettingsSchema);
    return { writes: [docWrite('settings', AGENCY_SETTINGS_KEY, valid, cur?.version ?? 'absent')], result: undefined };
  });
  return valid;
}

export async function serviceSettingsGet(a: Access, p: P<'money/service-settings/get'>): Promise<ServiceMoneySettingsView> {
  requireMoneyAccess(a, p.serviceId);
  return getServiceMoneySettings(p.serviceId);
}

export async function serviceSettingsSave(a: Access, p: P<'money/service-settings/save'>): Promise<ServiceMoneySettingsView> {
  const s = requireMoneyAccess(a, p.serviceId);
  const valid = validOrThrow(ServiceMoneySettingsSchema, p.settings, `The money settings of ${s.id} are not valid`);
  await withRetry(`Saving money settings of ${s.id}`, async () => {
    const cur = await readDoc(serviceSettingsKey(s.id), ServiceMoneySettingsSchema);
    return { writes: [docWrite('settings', serviceSettingsKey(s.id), valid, cur?.version ?? 'absent', { serviceId: s.id })], result: undefined };
  });
  return valid;
}

export async function configureWebhook(a: Access, p: P<'money/webhook/configure'>): Promise<{ configured: boolean }> {
  if (!a.isAdmin) throw new ForbiddenError('Only Retainer admins can set the payment provider secret');
  await configureWebhookSecret(p.secret);
  return { configured: true };
}
