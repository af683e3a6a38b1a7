// Resolver keys of the sales pipeline (issue 9): payloads and results crossing the bridge.
import type { Language, ServiceType } from '../domain/model';

export type LeadStageView = 'new' | 'brief-sent' | 'brief-received' | 'estimate' | 'proposal-sent' | 'won' | 'lost';

export interface LeadSummary {
  id: string;
  number: string;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  siteHost: string | null;
  stage: LeadStageView;
  serviceTypes: ServiceType[];
  createdAt: string;
  updatedAt: string;
  jiraIssueKey: string | null;
  repeats: number;
  /** Gross of the estimate's first invoice (money viewers only). */
  estimateGross: string | null;
  currency: string | null;
}

export interface BriefQuestionView {
  id: string;
  kind: 'text' | 'long-text' | 'number' | 'choice';
  required: boolean;
  label: string;
  options?: Array<{ id: string; label: string }>;
}

export interface EstimateView {
  currency: string;
  discountPercent: string;
  vatRatePercent: string;
  lines: Array<{ itemId: string; name: string; billing: 'monthly' | 'once'; quantity: number; unitPrice: string; amount: string; hours: number }>;
  monthly: { subtotal: string; discount: string; net: string; vat: string; gross: string };
  once: { subtotal: string; discount: string; net: string; vat: string; gross: string };
  firstInvoiceGross: string;
  hoursPerMonth: number;
}

export interface LeadDocView {
  kind: 'proposal' | 'contract';
  pageId: string;
  title: string;
  url: string;
  pdf: string | null;
  updatedAt: string;
}

export interface LeadDetail extends LeadSummary {
  language: Language;
  message: string | null;
  source: string;
  history: Array<{ stage: LeadStageView; at: string; by: string }>;
  nextStages: LeadStageView[];
  lostReason: string | null;
  lostNote: string | null;
  brief: { pageId: string | null; url: string | null; requestedAt: string | null; submittedAt: string | null; reminders: number; questions: BriefQuestionView[]; answers: Record<string, string> | null };
  estimate: { input: EstimateInputView; result: EstimateView } | null;
  docs: LeadDocView[];
  acceptedAt: string | null;
  won: { clientId: string; serviceIds: string[]; invoiceNumber: string | null; startDate: string } | null;
  notifications: Array<{ step: string; subject: string; state: string; createdAt: string }>;
}

export interface EstimateInputView {
  lines: Array<{ itemId: string; quantity: number }>;
  discountPercent: string;
  vatRatePercent?: string;
  note?: string;
}

export interface PriceItemView {
  id: string;
  kind: 'package' | 'option';
  serviceType?: ServiceType;
  name: Record<Language, string>;
  billing: 'monthly' | 'once';
  price: string;
  hours?: number;
}

export interface PriceListView {
  currency: string;
  vatRatePercent: string;
  items: PriceItemView[];
}

export interface SalesTemplatesView {
  proposal: Record<Language, string>;
  contract: Record<Language, string>;
  placeholders: string[];
}

export interface FunnelView {
  months: Array<{ month: string; leads: number; won: number; lost: number }>;
  stages: Array<{ stage: LeadStageView; reached: number; conversionPercent: number | null }>;
  lostReasons: Array<{ reason: string; count: number }>;
  medianHoursToInvoice: number | null;
  total: number;
}

export interface LeadInputView {
  name: string;
  company?: string;
  email?: string;
  phone?: string;
  site?: string;
  serviceTypes?: ServiceType[];
  message?: string;
  language?: Language;
}

/** What the prospect's form macro shows (no internal data: questions and their own answers only). */
export interface BriefFormView {
  leadId: string;
  language: Language;
  company: string;
  questions: BriefQuestionView[];
  submittedAt: string | null;
  answers: Record<string, string> | null;
}

export interface AcceptView {
  leadId: string;
  language: Language;
  company: string;
  firstInvoiceGross: string | null;
  currency: string | null;
  acceptedAt: string | null;
  canAccept: boolean;
}

export interface SalesApi {
  'sales/leads/list': { payload: { stage?: LeadStageView }; result: LeadSummary[] };
  'sales/leads/get': { payload: { leadId: string }; result: LeadDetail };
  'sales/leads/create': { payload: LeadInputView; result: { lead: LeadSummary; duplicateOf: string | null } };
  'sales/leads/move': { payload: { leadId: string; to: LeadStageView; reason?: string; note?: string }; result: LeadDetail };
  'sales/brief/request': { payload: { leadId: string }; result: LeadDetail };
  'sales/estimate/preview': { payload: { leadId: string; input: EstimateInputView }; result: EstimateView };
  'sales/estimate/save': { payload: { leadId: string; input: EstimateInputView }; result: LeadDetail };
  'sales/documents/send': { payload: { leadId: string }; result: LeadDetail };
  'sales/leads/win': { payload: { leadId: string; startDate?: string; managerAccountId?: string }; result: LeadDetail };
  'sales/funnel': { payload: { months?: number }; result: FunnelView };
  'sales/price-list/get': { payload: Record<string, never>; result: PriceListView };
  'sales/price-list/save': { payload: PriceListView; result: PriceListView };
  'sales/templates/get': { payload: Record<string, never>; result: SalesTemplatesView };
  'sales/templates/save': { payload: { proposal: Record<Language, string>; contract: Record<Language, string> }; result: SalesTemplatesView };
  'sales/form-secret/configure': { payload: { secret: string }; result: { configured: boolean } };
  'sales/brief-form/get': { payload: { leadId: string; token: string }; result: BriefFormView };
  'sales/brief-form/submit': { payload: { leadId: string; token: string; answers: Record<string, string> }; result: BriefFormView };
  'sales/accept/get': { payload: { leadId: string; token: string }; result: AcceptView };
  'sales/accept/submit': { payload: { leadId: string; token: string }; result: AcceptView };
}

/** Key of the Jira project leads live in; its project page shows the sales pipeline. */
export const SALES_PROJECT_KEY = 'SALES';
