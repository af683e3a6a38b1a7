// Helpers for the sales integration tests and bench: sign and post the website form, read tokens
// out of the pages the app published, walk a lead through the pipeline.
import { randomBytes } from 'node:crypto';
import type { Sandbox } from '../../sandbox/platform';
import { signForm } from '../../src/usecases/sales/intake';
import { call, ok, pageStorage } from './money-kit';

export const FORM_SECRET = 'lead-form-secret-0123456789abcdef0123';

export const nonce = (): string => randomBytes(12).toString('hex');

export async function postForm(sb: Sandbox, body: string, opts: { secret?: string; timestamp?: number; nonce?: string; signature?: string | null; method?: string; contentType?: string } = {}) {
  const t = opts.timestamp ?? Math.floor(sb.clock.now() / 1000);
  const sig = opts.signature === undefined ? signForm(opts.secret ?? FORM_SECRET, body, t, opts.nonce ?? nonce()) : opts.signature;
  const r = await sb.callWebTrigger('lead-intake', { method: opts.method ?? 'POST', headers: { 'content-type': opts.contentType ?? 'application/json', ...(sig ? { 'X-Retainer-Signature': sig } : {}) }, body });
  return { statusCode: r.statusCode, body: typeof r.body === 'string' && r.body ? (JSON.parse(r.body) as Record<string, unknown>) : {} };
}

/** The signed-link token the app put in a page's macro parameters. */
export async function tokenOnPage(sb: Sandbox, pageId: string): Promise<string> {
  const page = await pageStorage(sb, pageId);
  const m = /<ac:adf-parameter key="token">([0-9a-f]{40})<\/ac:adf-parameter>/.exec(page.body);
  if (!m) throw new Error(`no token on page ${pageId}`);
  return m[1] as string;
}

export interface LeadDetailLike {
  id: string;
  number: string;
  stage: string;
  jiraIssueKey: string | null;
  brief: { pageId: string | null; answers: Record<string, string> | null };
  estimate: { result: { firstInvoiceGross: string; monthly: { gross: string }; once: { gross: string } } } | null;
  docs: Array<{ kind: string; pageId: string; pdf: string | null; title: string }>;
  won: { clientId: string; serviceIds: string[]; invoiceNumber: string | null } | null;
  notifications: Array<{ step: string; state: string }>;
}

export const briefAnswers = { business: 'Kitchen furniture made to order', goal: '30 qualified leads a month', keywords: 'kitchens to order, custom kitchen', regions: 'Kyiv' };

export const estimateInput = { lines: [{ itemId: 'seo-start', quantity: 1 }, { itemId: 'audit', quantity: 1 }], discountPercent: '10' };

/** From a lead that exists to a won lead with its first invoice, as the manager and the prospect would. */
export async function walkLead(sb: Sandbox, leadId: string, manager = 'u-head'): Promise<LeadDetailLike> {
  const sent = await ok<LeadDetailLike>(sb, manager, 'sales/brief/request', { leadId });
  const briefToken = await tokenOnPage(sb, sent.brief.pageId as string);
  const b = await call(sb, null, 'sales/brief-form/submit', { leadId, token: briefToken, answers: briefAnswers }, 'retainer-sales-brief');
  if (!b.ok) throw new Error(`brief submit: ${JSON.stringify(b.error)}`);
  await ok(sb, manager, 'sales/estimate/save', { leadId, input: estimateInput });
  await ok(sb, manager, 'sales/documents/send', { leadId });
  await sb.drain();
  const withDocs = await ok<LeadDetailLike>(sb, manager, 'sales/leads/get', { leadId });
  const proposal = withDocs.docs.find((d) => d.kind === 'proposal');
  if (!proposal) throw new Error('no proposal page');
  const acceptToken = await tokenOnPage(sb, proposal.pageId);
  const a = await call(sb, null, 'sales/accept/submit', { leadId, token: acceptToken }, 'retainer-sales-accept');
  if (!a.ok) throw new Error(`accept: ${JSON.stringify(a.error)}`);
  await sb.drain();
  return ok<LeadDetailLike>(sb, manager, 'sales/leads/get', { leadId });
}
