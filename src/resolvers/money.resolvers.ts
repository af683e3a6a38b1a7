// Ledger, invoices, payments, alerts, profitability, closing documents (issue 5). Registered in
// resolvers/index.ts. Thin: payload schema → operations.ts (access check + use case + view).
import { z } from 'zod';
import { ROLES } from '../domain/model';
import type { ApiKey } from '../shared/api';
import { loadAccess } from '../usecases/access';
import * as money from '../usecases/money/operations';
import { defineResolver, type ResolverDef } from './define';
import { registerRefund } from '../usecases/money/refunds';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Month must be YYYY-MM');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date must be YYYY-MM-DD');
// Ids end up in storage keys: only the characters a key may hold (anything else is not one of ours).
const Id = z.string().min(1).max(200).regex(/^[A-Za-z0-9:._#-]+$/, 'Not a valid id');
const ServiceId = z.string().regex(/^sv-[A-Za-z0-9_-]{1,80}$/, 'Service is not valid');
const Amount = z.string().trim().min(1, 'Amount is required').max(40);
const Currency = z.string().regex(/^[A-Z]{3}$/, 'Currency must be a 3-letter ISO code');
const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,80}$/, 'requestId: 8–80 letters, digits, - or _');
const InvoiceStatus = z.enum(['issued', 'partially-paid', 'paid', 'overdue', 'cancelled']);
const Decimal = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/);
const Percent = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/);

const AgencySettingsPayload = z.object({
  invoicePrefix: z.string(),
  actPrefix: z.string(),
  paymentTermsDays: z.number().int(),
  costRates: z.object({ byAccount: z.record(z.string(), Decimal), byRole: z.partialRecord(z.enum(ROLES), Decimal), default: Decimal.optional() }),
  exchangeRates: z.record(z.string(), Decimal).optional(),
  alerts: z.object({ runwayDays: z.number().int(), subscriptionDays: z.number().int(), spendTolerancePercent: Percent }),
  platformVatRatePercent: Percent,
  autoInvoices: z.object({ monthlyFee: z.boolean(), commission: z.boolean(), topUp: z.boolean() }),
  notifyClientOnOverdue: z.boolean(),
  issuer: z.object({ legalName: z.string().max(200), taxId: z.string().max(60).optional(), address: z.string().max(300).optional(), bankDetails: z.string().max(500).optional() }),
});

const ServiceSettingsPayload = z.object({
  lowBalanceThreshold: Decimal.optional(),
  runwayDays: z.number().int().min(1).max(90).optional(),
  subscriptionDays: z.number().int().min(0).max(60).optional(),
  monthlyAdBudget: Decimal.optional(),
  spendTolerancePercent: Percent.optional(),
  topUpAmount: Decimal.optional(),
});

const access = (accountId: string | null) => loadAccess(accountId);

export const moneyResolvers = [
  defineResolver({
    key: 'money/panel',
    payload: z.object({ serviceId: ServiceId.optional(), projectKey: z.string().max(20).optional() }).strict(),
    run: async (p, call) => {
      // The project key may come from the issue's context (untrusted: we look the service up ourselves).
      const ctx = (call.extension as { project?: { key?: unknown } }).project?.key;
      const projectKey = p.projectKey ?? (typeof ctx === 'string' ? ctx : undefined);
      return money.panel(await access(call.accountId), { ...(p.serviceId ? { serviceId: p.serviceId } : {}), ...(projectKey ? { projectKey } : {}) });
    },
  }),
  defineResolver({ key: 'money/ledger', payload: z.object({ serviceId: ServiceId, period: Month }).strict(), run: async (p, call) => money.ledger(await access(call.accountId), p) }),
  defineResolver({ key: 'money/ledger/check', payload: z.object({ serviceId: ServiceId }).strict(), run: async (p, call) => money.ledgerCheck(await access(call.accountId), p) }),
  defineResolver({ key: 'money/invoices/list', payload: z.object({ serviceId: ServiceId.optional(), status: InvoiceStatus.optional() }).strict(), run: async (p, call) => money.listInvoices(await access(call.accountId), p) }),
  defineResolver({ key: 'money/invoices/get', payload: z.object({ invoiceId: Id }).strict(), run: async (p, call) => money.getInvoice(await access(call.accountId), p) }),
  defineResolver({
    key: 'money/invoices/issue',
    payload: z
      .object({
        serviceId: ServiceId,
        requestId: RequestId,
        purpose: z.enum(['fee', 'top-up', 'other']),
        period: Month.optional(),
        dueDate: Day.optional(),
        currency: Currency.optional(),
        lines: z
          .array(z.object({ description: z.string().trim().min(1, 'Description is required').max(500), quantity: z.string().trim().min(1).max(20), unitPrice: Amount, vatRatePercent: Percent.optional() }).strict())
          .min(1, 'Add at least one line')
          .max(200),
        note: z.string().max(1000).optional(),
      })
      .strict(),
    run: async (p, call) => money.issueManual(await access(call.accountId), p),
  }),
  defineResolver({ key: 'money/invoices/cancel', payload: z.object({ invoiceId: Id }).strict(), run: async (p, call) => money.cancel(await access(call.accountId), p) }),
  defineResolver({ key: 'money/invoices/pdf', payload: z.object({ invoiceId: Id }).strict(), run: async (p, call) => money.invoicePdf(await access(call.accountId), p) }),
  defineResolver({
    key: 'money/payments/register',
    payload: z
      .object({ serviceId: ServiceId, requestId: RequestId, amount: Amount, currency: Currency.optional(), date: Day, invoiceId: Id.optional(), account: z.enum(['wallet', 'fees']).optional(), reference: z.string().max(200).optional() })
      .strict(),
    run: async (p, call) => money.registerPayment(await access(call.accountId), p),
  }),
  defineResolver({
    key: 'money/refunds/register',
    payload: z
      .object({ serviceId: ServiceId, requestId: RequestId, amount: Amount, date: Day, account: z.enum(['wallet', 'fees'], { error: () => 'Refund from the ad budget (wallet) or the fee advance (fees)' }), paymentId: Id.optional(), reason: z.string().max(500).optional() })
      .strict(),
    run: async (p, call) => registerRefund(await access(call.accountId), p),
  }),
  defineResolver({ key: 'money/payments/list', payload: z.object({ serviceId: ServiceId }).strict(), run: async (p, call) => money.listPayments(await access(call.accountId), p) }),
  defineResolver({
    key: 'money/bank/import',
    payload: z
      .object({
        fileName: z.string().trim().min(1).max(200),
        content: z.string().min(1, 'The file is empty').max(400_000, 'The file is too large'),
        delimiter: z.enum([';', ',', '\t']).optional(),
        decimalSeparator: z.enum(['.', ',']).optional(),
        defaultCurrency: Currency.optional(),
      })
      .strict(),
    run: async (p, call) => money.bankImport(await access(call.accountId), p),
  }),
  defineResolver({ key: 'money/bank/status', payload: z.object({ importId: Id }).strict(), run: async (p, call) => money.bankStatus(await access(call.accountId), p) }),
  defineResolver({ key: 'money/review/list', payload: z.object({}).strict(), run: async (_p, call) => money.reviewList(await access(call.accountId)) }),
  defineResolver({
    key: 'money/review/resolve',
    payload: z.discriminatedUnion('action', [
      z.object({ paymentId: Id, action: z.literal('assign'), invoiceId: Id.optional(), serviceId: ServiceId.optional(), account: z.enum(['wallet', 'fees']).optional() }).strict(),
      z.object({ paymentId: Id, action: z.literal('dismiss'), reason: z.string().trim().min(1, 'Say why').max(300) }).strict(),
    ]),
    run: async (p, call) => money.reviewResolve(await access(call.accountId), p),
  }),
  defineResolver({ key: 'money/spend/sync', payload: z.object({ serviceId: ServiceId, from: Day, to: Day }).strict(), run: async (p, call) => money.syncSpend(await access(call.accountId), p) }),
  defineResolver({
    key: 'money/spend/record',
    payload: z.object({ serviceId: ServiceId, day: Day, amount: Amount, currency: Currency.optional(), vatIncluded: z.boolean().optional(), label: z.string().max(40).optional() }).strict(),
    run: async (p, call) => money.recordSpend(await access(call.accountId), p),
  }),
  defineResolver({ key: 'money/alerts', payload: z.object({ serviceId: ServiceId }).strict(), run: async (p, call) => money.alerts(await access(call.accountId), p) }),
  defineResolver({ key: 'money/profitability', payload: z.object({ serviceId: ServiceId, period: Month }).strict(), run: async (p, call) => money.profit(await access(call.accountId), p) }),
  defineResolver({
    key: 'money/costs/save',
    payload: z.object({ serviceId: ServiceId, period: Month, items: z.array(z.object({ label: z.string().trim().min(1).max(120), amount: Amount }).strict()).max(50) }).strict(),
    run: async (p, call) => money.saveCosts(await access(call.accountId), p),
  }),
  defineResolver({ key: 'money/acts/list', payload: z.object({ serviceId: ServiceId }).strict(), run: async (p, call) => money.acts(await access(call.accountId), p) }),
  defineResolver({ key: 'money/acts/pdf', payload: z.object({ serviceId: ServiceId, period: Month }).strict(), run: async (p, call) => money.actPdf(await access(call.accountId), p) }),
  defineResolver({ key: 'money/export', payload: z.object({ month: Month, format: z.enum(['csv', 'json']) }).strict(), run: async (p, call) => money.exportMonth(await access(call.accountId), p) }),
  defineResolver({ key: 'money/settings/get', payload: z.object({}).strict(), run: async (_p, call) => money.settingsGet(await access(call.accountId)) }),
  defineResolver({ key: 'money/settings/save', payload: AgencySettingsPayload, run: async (p, call) => money.settingsSave(await access(call.accountId), p) }),
  defineResolver({ key: 'money/service-settings/get', payload: z.object({ serviceId: ServiceId }).strict(), run: async (p, call) => money.serviceSettingsGet(await access(call.accountId), p) }),
  defineResolver({
    key: 'money/service-settings/save',
    payload: z.object({ serviceId: ServiceId, settings: ServiceSettingsPayload }).strict(),
    run: async (p, call) => money.serviceSettingsSave(await access(call.accountId), p),
  }),
  defineResolver({
    key: 'money/webhook/configure',
    payload: z.object({ secret: z.string().min(16, 'Use a secret of at least 16 characters').max(256) }).strict(),
    run: async (p, call) => money.configureWebhook(await access(call.accountId), p),
  }),
] as unknown as Array<ResolverDef<ApiKey>>;
