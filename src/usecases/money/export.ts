// The monthly accounting export for the bookkeeper's system: invoices issued in the month, payments
// received in it and the acts of the month, as CSV (one table, a `record` column tells the kinds
// apart; UTF-8 with BOM, comma-separated, RFC 4180 quoting, amounts with a decimal point) or JSON.
import { formatMoney, invoiceFromJson, moneyFromJson, outstanding, paidAmount } from '../../domain/money';
import type { Client } from '../../domain/model';
import { clientsRepo } from '../../storage/clients.repo';
import { invoicesIssuedIn } from '../../storage/invoices.repo';
import { ActRecordSchema, docsOfKind } from '../../storage/money-docs.repo';
import { paymentsOfMonth } from '../../storage/payments.repo';
import { servicesRepo } from '../../storage/services.repo';

export interface ExportInvoice {
  number: string;
  issueDate: string;
  dueDate: string;
  period: string | null;
  status: string;
  purpose: string;
  client: string;
  clientTaxId: string | null;
  service: string;
  currency: string;
  net: string;
  vat: string;
  gross: string;
  paid: string;
  outstanding: string;
  cancelledOn: string | null;
}

export interface ExportPayment {
  paymentId: string;
  date: string;
  source: string;
  client: string | null;
  service: string | null;
  invoiceNumber: string | null;
  currency: string;
  amount: string;
  toWallet: string | null;
  toFees: string | null;
  payer: string | null;
  reference: string | null;
}

export interface ExportAct {
  number: string;
  date: string;
  period: string;
  client: string;
  clientTaxId: string | null;
  service: string;
  currency: string;
  net: string;
  vat: string;
  gross: string;
  invoiceNumbers: string;
}

export interface AccountingExport {
  month: string;
  generatedAt: string;
  invoices: ExportInvoice[];
  payments: ExportPayment[];
  acts: ExportAct[];
}

export async function buildExport(month: string): Promise<AccountingExport> {
  const [invoices, payments, acts, clients, services] = await Promise.all([invoicesIssuedIn(month), paymentsOfMonth(month), docsOfKind('act', ActRecordSchema, month), clientsRepo.all(), servicesRepo.all()]);
  const clientById = new Map<string, Client>(clients.map((c) => [c.id, c]));
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const clientOfService = new Map(services.map((s) => [s.id, s.clientId]));
  const legal = (id: string | undefined): { name: string; taxId: string | null } => {
    const c = id ? clientById.get(id) : undefined;
    return { name: c?.legal.legalName || c?.name || (id ?? ''), taxId: c?.legal.taxId ?? null };
  };
  return {
    month,
    generatedAt: new Date().toISOString(),
    invoices: invoices
      .map((r) => invoiceFromJson(r.invoice))
      .sort((a, b) => a.number.localeCompare(b.number))
      .map((inv) => ({
        number: inv.number,
        issueDate: inv.issueDate,
        dueDate: inv.dueDate,
        period: inv.period ?? null,
        status: inv.status,
        purpose: inv.purpose,
        client: legal(inv.clientId).name,
        clientTaxId: legal(inv.clientId).taxId,
        service: serviceName.get(inv.serviceId) ?? inv.serviceId,
        currency: inv.currency,
        net: formatMoney(inv.totals.net),
        vat: formatMoney(inv.totals.vat),
        gross: formatMoney(inv.totals.gross),
        paid: formatMoney(paidAmount(inv, inv.payments)),
        outstanding: formatMoney(outstanding(inv)),
        cancelledOn: inv.cancelledOn ?? null,
      })),
    payments: payments
      .filter((p) => p.state === 'booked')
      .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
      .map((p) => ({
        paymentId: p.id,
        date: p.date,
        source: p.source,
        client: p.serviceId ? legal(clientOfService.get(p.serviceId)).name : null,
        service: p.serviceId ? (serviceName.get(p.serviceId) ?? p.serviceId) : null,
        invoiceNumber: p.invoiceNumber ?? null,
        currency: p.amount.currency,
        amount: formatMoney(moneyFromJson(p.amount)),
        toWallet: p.split ? formatMoney(moneyFromJson(p.split.wallet)) : null,
        toFees: p.split ? formatMoney(moneyFromJson(p.split.fees)) : null,
        payer: p.payer ?? null,
        reference: p.reference ?? null,
      })),
    acts: acts
      .map((r) => r.value)
      .filter((a) => a.period === month)
      .sort((a, b) => a.number.localeCompare(b.number))
      .map((a) => ({
        number: a.number,
        date: a.date,
        period: a.period,
        client: legal(a.clientId).name,
        clientTaxId: legal(a.clientId).taxId,
        service: serviceName.get(a.serviceId) ?? a.serviceId,
        currency: a.currency,
        net: formatMoney(moneyFromJson(a.totals.net)),
        vat: formatMoney(moneyFromJson(a.totals.vat)),
        gross: formatMoney(moneyFromJson(a.totals.gross)),
        invoiceNumbers: a.invoiceNumbers.join(' '),
      })),
  };
}

const COLUMNS = ['record', 'number', 'date', 'dueDate', 'period', 'status', 'purpose', 'client', 'clientTaxId', 'service', 'currency', 'net', 'vat', 'gross', 'paid', 'outstanding', 'invoiceNumber', 'paymentId', 'source', 'toWallet', 'toFees', 'payer', 'reference'] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string | null>>;

function cell(v: string | null | undefined): string {
  const s = v ?? '';
  // Leading = + - @ would run as formulas in spreadsheets: prefix them with an apostrophe.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function exportToCsv(e: AccountingExport): string {
  const rows: Row[] = [
    ...e.invoices.map((i): Row => ({ record: 'invoice', number: i.number, date: i.issueDate, dueDate: i.dueDate, period: i.period, status: i.status, purpose: i.purpose, client: i.client, clientTaxId: i.clientTaxId, service: i.service, currency: i.currency, net: i.net, vat: i.vat, gross: i.gross, paid: i.paid, outstanding: i.outstanding })),
    ...e.payments.map((p): Row => ({ record: 'payment', date: p.date, client: p.client, service: p.service, currency: p.currency, gross: p.amount, invoiceNumber: p.invoiceNumber, paymentId: p.paymentId, source: p.source, toWallet: p.toWallet, toFees: p.toFees, payer: p.payer, reference: p.reference })),
    ...e.acts.map((a): Row => ({ record: 'act', number: a.number, date: a.date, period: a.period, client: a.client, clientTaxId: a.clientTaxId, service: a.service, currency: a.currency, net: a.net, vat: a.vat, gross: a.gross, invoiceNumber: a.invoiceNumbers })),
  ];
  const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
