// What an invoice or an act shows, already computed: amounts are decimal strings in major units
// ("1500.00", the money domain's formatMoney), dates YYYY-MM-DD, the period YYYY-MM. The view
// formats every figure once, so the Confluence page and the PDF say exactly the same thing.
import { monthLabel } from '../../domain/month-rules';
import { formatDate, formatDecimal, formatMoney } from '../format';
import { fill } from '../i18n';
import type { ReportLanguage } from '../report-model';
import type { TableView } from '../report-view';
import { type MoneyDocStatus, type MoneyTexts, moneyTexts } from './money-texts';

export interface MoneyDocParty {
  name: string;
  taxId?: string;
  address?: string;
  bankDetails?: string;
}

export interface MoneyDocLine {
  description: string;
  quantity: string;
  unitPrice: string;
  vatRatePercent: string;
  net: string;
  vat: string;
  gross: string;
}

export interface MoneyDocTotals {
  net: string;
  vat: string;
  gross: string;
}

interface MoneyDocBase {
  /** Stable id (invoice id / act id): seeds the PDF's font subset tags so re-renders are byte-identical. */
  id: string;
  number: string;
  language: ReportLanguage;
  currency: string;
  issuer: MoneyDocParty;
  client: MoneyDocParty;
  serviceName: string;
  period?: string;
  lines: MoneyDocLine[];
  vatBreakdown: Array<MoneyDocTotals & { ratePercent: string }>;
  totals: MoneyDocTotals;
}

export interface InvoiceDocModel extends MoneyDocBase {
  kind: 'invoice';
  status: MoneyDocStatus;
  issueDate: string;
  dueDate: string;
  paid: string;
  outstanding: string;
  payments: Array<{ date: string; amount: string }>;
  cancelledOn?: string;
}

export interface ActDocModel extends MoneyDocBase {
  kind: 'act';
  date: string;
  period: string;
  hoursUsed: string;
  tasksDone: number;
  invoiceNumbers: string[];
}

export type MoneyDocModel = InvoiceDocModel | ActDocModel;

/** Everything the renderers print, as final strings. */
export interface MoneyDocView {
  lang: ReportLanguage;
  texts: MoneyTexts;
  title: string;
  number: string;
  status: { status: MoneyDocStatus; label: string } | null;
  facts: Array<[string, string]>;
  issuer: MoneyDocParty;
  client: MoneyDocParty;
  lines: TableView;
  totals: Array<{ label: string; value: string; strong: boolean }>;
  notes: string[];
  payments: Array<[string, string]>;
  paymentDetails: string[];
  statement: string | null;
}

export function pdfFilename(model: MoneyDocModel): string {
  return `${model.number}.pdf`;
}

export function docTitle(model: MoneyDocModel): string {
  const t = moneyTexts(model.language);
  return `${model.kind === 'invoice' ? t.invoice : t.act} ${model.number}`;
}

export function buildMoneyDocView(model: MoneyDocModel): MoneyDocView {
  const lang = model.language;
  const t = moneyTexts(lang);
  const money = (v: string): string => formatMoney(v, model.currency, lang);
  const qty = (q: string): string => (/^\d+(\.\d+)?$/.test(q) ? formatDecimal(Number(q), lang, 6) : q);
  const facts: Array<[string, string]> = [];
  if (model.kind === 'invoice') {
    facts.push([t.issueDate, formatDate(model.issueDate, lang)], [t.dueDate, formatDate(model.dueDate, lang)]);
  } else {
    facts.push([t.actDate, formatDate(model.date, lang)]);
  }
  if (model.period) facts.push([t.period, monthLabel(model.period, lang)]);
  facts.push([t.service, model.serviceName]);
  if (model.kind === 'act') facts.push([t.hoursWorked, formatDecimal(Number(model.hoursUsed), lang, 2)], [t.tasksDone, String(model.tasksDone)]);
  if (model.kind === 'act' && model.invoiceNumbers.length > 0) facts.push([t.relatedInvoices, model.invoiceNumbers.join(', ')]);

  const lines: TableView = {
    columns: [
      { label: t.colNo, align: 'right', numeric: true },
      { label: t.colDescription, align: 'left', numeric: false },
      { label: t.colQuantity, align: 'right', numeric: true },
      { label: t.colUnitPrice, align: 'right', numeric: true },
      { label: t.colVat, align: 'right', numeric: true },
      { label: t.colNet, align: 'right', numeric: true },
      { label: t.colTotal, align: 'right', numeric: true },
    ],
    rows: model.lines.map((l, i) => ({
      kind: 'data' as const,
      cells: [String(i + 1), l.description, qty(l.quantity), money(l.unitPrice), `${l.vatRatePercent}%`, money(l.net), money(l.gross)].map((text) => ({ kind: 'text' as const, text })),
    })),
  };

  const totals: MoneyDocView['totals'] = [{ label: t.netTotal, value: money(model.totals.net), strong: false }];
  for (const row of model.vatBreakdown) {
    totals.push({ label: row.ratePercent === '0' ? t.noVat : fill(t.vatAt, { rate: row.ratePercent }), value: money(row.vat), strong: false });
  }
  totals.push({ label: t.total, value: money(model.totals.gross), strong: true });

  const notes: string[] = [];
  let status: MoneyDocView['status'] = null;
  const payments: Array<[string, string]> = [];
  const paymentDetails: string[] = [];
  if (model.kind === 'invoice') {
    status = { status: model.status, label: t.status[model.status] };
    if (model.status !== 'cancelled' && model.payments.length > 0) {
      totals.push({ label: t.paid, value: money(model.paid), strong: false }, { label: t.outstanding, value: money(model.outstanding), strong: true });
    }
    if (model.status === 'cancelled') notes.push(fill(t.cancelledNote, { date: formatDate(model.cancelledOn ?? model.issueDate, lang) }));
    else if (model.status === 'overdue') notes.push(fill(t.overdueNote, { date: formatDate(model.dueDate, lang), amount: money(model.outstanding) }));
    else if (model.status === 'paid') notes.push(t.paidNote);
    for (const p of model.payments) payments.push([formatDate(p.date, lang), money(p.amount)]);
    if (model.status !== 'cancelled' && model.status !== 'paid') {
      if (model.issuer.bankDetails) paymentDetails.push(...model.issuer.bankDetails.split('\n').map((s) => s.trim()).filter(Boolean));
      paymentDetails.push(fill(t.paymentReference, { number: model.number }));
    }
  }
  return {
    lang,
    texts: t,
    title: model.kind === 'invoice' ? t.invoice : t.act,
    number: model.number,
    status,
    facts,
    issuer: model.issuer,
    client: model.client,
    lines,
    totals,
    notes,
    payments,
    paymentDetails,
    statement: model.kind === 'act' ? t.actStatement : null,
  };
}
