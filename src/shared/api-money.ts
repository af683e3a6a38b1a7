// Resolver keys of the money feature (issue 5): payloads and results crossing the bridge. Types only.
// Amounts are decimal strings in major units of `currency` ("1500.00"); dates YYYY-MM-DD; months YYYY-MM.

export type MoneyInvoiceStatus = 'issued' | 'partially-paid' | 'paid' | 'overdue' | 'cancelled';
export type MoneyInvoicePurpose = 'fee' | 'top-up' | 'other';
export type MoneyAlertType = 'low-balance' | 'runway-below' | 'subscription-ending' | 'invoice-overdue' | 'overspend' | 'underspend' | 'ads-stopped';

/** What the issue panel and project page show: read in one KVS request (snapshot + month rollup). */
export interface MoneyPanel {
  serviceId: string;
  currency: string;
  prepaid: boolean;
  /** Prepaid ad budget left. */
  walletBalance: string;
  /** Negative: the client owes fees; positive: advance. */
  feesBalance: string;
  averageDailySpend: string | null;
  spentLast7Days: string;
  runwayDays: number | null;
  adsStopDate: string | null;
  /** End of the last fully paid subscription month (null: nothing paid yet or no fee). */
  paidUntil: string | null;
  month: {
    period: string;
    feesAccrued: string;
    commissionAccrued: string;
    spend: string;
    paymentsReceived: string;
  };
  asOf: string;
}

export interface InvoiceLineView {
  description: string;
  quantity: string;
  unitPrice: string;
  vatRatePercent: string;
  net: string;
  vat: string;
  gross: string;
}

export interface InvoiceSummary {
  id: string;
  number: string;
  serviceId: string;
  clientId: string;
  purpose: MoneyInvoicePurpose;
  period: string | null;
  status: MoneyInvoiceStatus;
  issueDate: string;
  dueDate: string;
  currency: string;
  net: string;
  vat: string;
  gross: string;
  paid: string;
  outstanding: string;
  origin: 'manual' | 'monthly-fee' | 'commission' | 'top-up';
  /** The live Confluence page (the client's copy) once published. */
  page: { state: 'pending' | 'published' | 'failed'; pageId: string | null; title: string | null };
}

export interface InvoiceDetail extends InvoiceSummary {
  lines: InvoiceLineView[];
  payments: Array<{ paymentId: string; date: string; amount: string; received: string }>;
  cancelledOn: string | null;
  note: string | null;
}

export interface InvoiceLineInputPayload {
  description: string;
  quantity: string;
  unitPrice: string;
  vatRatePercent?: string;
}

export interface PaymentView {
  id: string;
  source: 'manual' | 'bank' | 'webhook';
  state: 'booked' | 'review' | 'dismissed';
  date: string;
  amount: string;
  currency: string;
  serviceId: string | null;
  invoiceNumber: string | null;
  toWallet: string | null;
  toFees: string | null;
  payer: string | null;
  purpose: string | null;
  reference: string | null;
  review: { reason: string; message: string; invoiceNumbers: string[]; expected: string | null } | null;
}

export interface BankPreviewRowView {
  line: number;
  date: string;
  amount: string;
  currency: string;
  payer: string;
  purpose: string;
  paymentId: string;
  outcome: 'match' | 'review' | 'already-imported';
  invoiceNumber?: string;
  reason?: string;
  message?: string;
}

export interface BankImportView {
  importId: string;
  rows: number;
  matched: number;
  review: number;
  duplicates: number;
  skipped: number;
  preview: BankPreviewRowView[];
}

export interface BankImportStatusView {
  importId: string;
  fileName: string;
  state: 'queued' | 'done';
  rows: number;
  booked: number;
  review: number;
  duplicates: number;
  skipped: number;
  chunks: number;
  chunksDone: number;
}

export interface LedgerEntryView {
  id: string;
  date: string;
  period: string;
  kind: 'fee-accrual' | 'commission-accrual' | 'ad-spend' | 'payment' | 'adjustment' | 'refund';
  amount: string;
  vat: string | null;
  account: 'wallet' | 'fees' | 'memo' | 'split';
  invoiceId: string | null;
  paymentId: string | null;
  spendDay: string | null;
  source: string | null;
  note: string | null;
}

export interface LedgerView {
  serviceId: string;
  period: string;
  currency: string;
  entries: LedgerEntryView[];
  rollup: Record<string, string | number | null> | null;
}

export interface AlertView {
  key: string;
  type: MoneyAlertType;
  state: 'raising' | 'active' | 'clearing' | 'cleared';
  raisedAt: string;
  issueKey: string | null;
  invoiceId: string | null;
  details: Record<string, string | number | boolean | null>;
}

export interface ProfitView {
  serviceId: string;
  period: string;
  currency: string;
  revenue: string;
  fees: string;
  commission: string;
  labourCost: string;
  otherCosts: string;
  margin: string;
  marginPercent: string | null;
  hoursUsed: string;
  allowanceHours: string | null;
  allowanceUsedPercent: string | null;
  overAllowance: boolean;
  complete: boolean;
  people: Array<{ accountId: string; role: string | null; hours: string; rate: string | null; rateSource: string | null; cost: string }>;
  unrated: Array<{ accountId: string; hours: string }>;
  costs: Array<{ label: string; amount: string }>;
  computedAt: string;
}

export interface ActView {
  id: string;
  number: string;
  period: string;
  date: string;
  currency: string;
  net: string;
  vat: string;
  gross: string;
  hoursUsed: string;
  tasksDone: number;
  invoiceNumbers: string[];
  page: { state: 'pending' | 'published' | 'failed'; pageId: string | null; title: string | null };
}

export interface FileDownload {
  filename: string;
  contentType: string;
  /** base64 for binary files (PDF), plain text otherwise. */
  encoding: 'base64' | 'utf8';
  content: string;
}

export interface AgencyMoneySettingsView {
  invoicePrefix: string;
  actPrefix: string;
  paymentTermsDays: number;
  costRates: { byAccount: Record<string, string>; byRole: Partial<Record<string, string>>; default?: string };
  exchangeRates?: Record<string, string>;
  alerts: { runwayDays: number; subscriptionDays: number; spendTolerancePercent: string };
  platformVatRatePercent: string;
  autoInvoices: { monthlyFee: boolean; commission: boolean; topUp: boolean };
  notifyClientOnOverdue: boolean;
  issuer: { legalName: string; taxId?: string; address?: string; bankDetails?: string };
}

export interface ServiceMoneySettingsView {
  lowBalanceThreshold?: string;
  runwayDays?: number;
  subscriptionDays?: number;
  monthlyAdBudget?: string;
  spendTolerancePercent?: string;
  topUpAmount?: string;
}

export interface LedgerCheckView {
  ok: boolean;
  entries: number;
  rollupMismatches: string[];
  walletBalance: string;
  feesBalance: string;
  snapshotMatches: boolean;
}

export interface RefundView {
  /** The ledger entry (deterministic from the request id: sending the same refund twice books it once). */
  entryId: string;
  duplicate: boolean;
  serviceId: string;
  account: 'wallet' | 'fees';
  amount: string;
  currency: string;
  date: string;
  walletBalance: string;
  feesBalance: string;
}

export interface MoneyApi {
  'money/panel': { payload: { serviceId?: string; projectKey?: string }; result: MoneyPanel | null };
  'money/ledger': { payload: { serviceId: string; period: string }; result: LedgerView };
  'money/ledger/check': { payload: { serviceId: string }; result: LedgerCheckView };
  'money/invoices/list': { payload: { serviceId?: string; status?: MoneyInvoiceStatus }; result: InvoiceSummary[] };
  'money/invoices/get': { payload: { invoiceId: string }; result: InvoiceDetail };
  'money/invoices/issue': {
    payload: { serviceId: string; requestId: string; purpose: MoneyInvoicePurpose; period?: string; dueDate?: string; currency?: string; lines: InvoiceLineInputPayload[]; note?: string };
    result: InvoiceSummary;
  };
  'money/invoices/cancel': { payload: { invoiceId: string }; result: InvoiceSummary };
  'money/invoices/pdf': { payload: { invoiceId: string }; result: FileDownload };
  'money/payments/register': {
    payload: { serviceId: string; requestId: string; amount: string; currency?: string; date: string; invoiceId?: string; account?: 'wallet' | 'fees'; reference?: string };
    result: PaymentView;
  };
  'money/refunds/register': {
    payload: { serviceId: string; requestId: string; amount: string; date: string; account: 'wallet' | 'fees'; paymentId?: string; reason?: string };
    result: RefundView;
  };
  'money/payments/list': { payload: { serviceId: string }; result: PaymentView[] };
  'money/bank/import': { payload: { fileName: string; content: string; delimiter?: ';' | ',' | '\t'; decimalSeparator?: '.' | ','; defaultCurrency?: string }; result: BankImportView };
  'money/bank/status': { payload: { importId: string }; result: BankImportStatusView };
  'money/review/list': { payload: Record<string, never>; result: PaymentView[] };
  'money/review/resolve': {
    payload: { paymentId: string; action: 'assign'; invoiceId?: string; serviceId?: string; account?: 'wallet' | 'fees' } | { paymentId: string; action: 'dismiss'; reason: string };
    result: PaymentView;
  };
  /** Books spend from the metrics store again for a range (e.g. after a connection was added); queued. */
  'money/spend/sync': { payload: { serviceId: string; from: string; to: string }; result: { queued: boolean } };
  'money/spend/record': { payload: { serviceId: string; day: string; amount: string; currency?: string; vatIncluded?: boolean; label?: string }; result: { booked: number } };
  'money/alerts': { payload: { serviceId: string }; result: AlertView[] };
  'money/profitability': { payload: { serviceId: string; period: string }; result: ProfitView };
  'money/costs/save': { payload: { serviceId: string; period: string; items: Array<{ label: string; amount: string }> }; result: ProfitView };
  'money/acts/list': { payload: { serviceId: string }; result: ActView[] };
  'money/acts/pdf': { payload: { serviceId: string; period: string }; result: FileDownload };
  'money/export': { payload: { month: string; format: 'csv' | 'json' }; result: FileDownload };
  'money/settings/get': { payload: Record<string, never>; result: { settings: AgencyMoneySettingsView; webhook: { url: string | null; configured: boolean } } };
  'money/settings/save': { payload: AgencyMoneySettingsView; result: AgencyMoneySettingsView };
  'money/service-settings/get': { payload: { serviceId: string }; result: ServiceMoneySettingsView };
  'money/service-settings/save': { payload: { serviceId: string; settings: ServiceMoneySettingsView }; result: ServiceMoneySettingsView };
  'money/webhook/configure': { payload: { secret: string }; result: { configured: boolean } };
}
