// Issue 9: the sales pipeline through the sandbox — a lead from the website form to a paid first
// invoice, the web trigger's defences, duplicates, live documents, access.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sandbox } from '../../sandbox/platform';
import { smallAgency, startAgency } from '../helpers/agency';
import { call, download, entityData, jiraSearch, ok, pageStorage, requestId } from './money-kit';
import { FORM_SECRET, briefAnswers, estimateInput, nonce, postForm, tokenOnPage, walkLead, type LeadDetailLike } from './sales-kit';

interface LeadSummaryLike {
  id: string;
  number: string;
  stage: string;
  email: string | null;
  phone: string | null;
  siteHost: string | null;
  repeats: number;
}

const form = (over: Record<string, unknown> = {}): string =>
  JSON.stringify({ name: 'Olena Kovalenko', company: 'Kitchens & Co', email: 'Olena@Kitchens.example', phone: '+380 (67) 123-45-67', site: 'https://www.kitchens.example/contacts', serviceTypes: ['seo'], message: 'We need more orders', language: 'en', ...over });

describe('sales: lead to paid first invoice', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startAgency(smallAgency({ services: 1 }));
    await ok(sb, 'u-admin', 'sales/form-secret/configure', { secret: FORM_SECRET });
  });
  after(async () => {
    await sb.close();
  });

  test('should walk a lead from the web form to a paid first invoice with client, service, tasks and documents', async () => {
    const r = await postForm(sb, form({ company: 'Kitchens <script>alert(1)</script> & Co' }));
    assert.equal(r.statusCode, 200, JSON.stringify(r.body));
    assert.equal(r.body.duplicate, false);
    await sb.drain();
    const leads = await ok<LeadSummaryLike[]>(sb, 'u-head', 'sales/leads/list', {});
    assert.equal(leads.length, 1);
    const lead = leads[0] as LeadSummaryLike;
    // Normalised contacts.
    assert.deepEqual([lead.email, lead.phone, lead.siteHost], ['olena@kitchens.example', '+380671234567', 'kitchens.example']);
    // The lead is an issue in the Sales project.
    const issues = await jiraSearch(sb, `labels = "retainer-lead-${lead.id}"`);
    assert.equal(issues.length, 1);
    assert.match(issues[0]?.key ?? '', /^SALES-\d+$/);

    const won = await walkLead(sb, lead.id);
    assert.equal(won.stage, 'won');
    assert.ok(won.won, 'won');
    assert.deepEqual(won.brief.answers, briefAnswers);
    // 18000 × 1 monthly, 9000 once; −10 %: 16200 + 8100 net; +20 % VAT: 19440 + 9720 = 29160.00.
    assert.equal(won.estimate?.result.monthly.gross, '19440.00');
    assert.equal(won.estimate?.result.once.gross, '9720.00');
    assert.equal(won.estimate?.result.firstInvoiceGross, '29160.00');

    // Documents: live pages with PDFs; the script in the company name is text, not markup.
    assert.deepEqual(won.docs.map((d) => d.kind).sort(), ['contract', 'proposal']);
    for (const d of won.docs) {
      const page = await pageStorage(sb, d.pageId);
      assert.doesNotMatch(page.body, /<script/i);
      assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.match(page.body, /19440\.00/);
      const pdf = await download(sb, d.pageId, d.pdf as string);
      assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
    }

    // Client and service with the agreed terms; setup made the project and the first task set.
    const clients = entityData<{ name: string; currency: string }>(sb, 'client');
    assert.equal(clients.get(won.won.clientId)?.name, 'Kitchens <script>alert(1)</script> & Co');
    const services = entityData<{ billing: { monthlyFee: string; vatRatePercent: string }; monthlyHourAllowance: number; setup: { state: string; projectKey?: string } }>(sb, 'service');
    const sv = services.get(won.won.serviceIds[0] as string);
    assert.equal(sv?.billing.monthlyFee, '16200.00');
    assert.equal(sv?.billing.vatRatePercent, '20');
    assert.equal(sv?.monthlyHourAllowance, 30);
    assert.equal(sv?.setup.state, 'done');
    const tasks = await jiraSearch(sb, `project = ${sv?.setup.projectKey} AND labels = retainer`);
    assert.ok(tasks.length > 0, 'first month task set created');

    // The first invoice: issued, published in the client's space, then paid.
    const invoices = [...entityData<{ invoice: { id: string; number: string; status: string; totals: { gross: { amountMinor: string } } }; document: { state: string } }>(sb, 'invoice').values()].filter((i) => i.invoice.number === won.won?.invoiceNumber);
    assert.equal(invoices.length, 1);
    const inv = invoices[0]?.invoice;
    assert.equal(inv?.totals.gross.amountMinor, '2916000');
    assert.equal(invoices[0]?.document.state, 'published');
    await ok(sb, 'u-head', 'money/payments/register', { serviceId: won.won.serviceIds[0], requestId: requestId('pay'), amount: '29160.00', date: '2026-10-30', invoiceId: inv?.id });
    await sb.drain();
    const paid = [...entityData<{ invoice: { id: string; status: string } }>(sb, 'invoice').values()].find((i) => i.invoice.id === inv?.id);
    assert.equal(paid?.invoice.status, 'paid');

    // Every notice went out once, as a comment on the lead's issue.
    const steps = won.notifications.map((n) => `${n.step}:${n.state}`).sort();
    assert.deepEqual(steps, ['brief-requested:commented', 'contract-ready:commented', 'invoice-issued:commented', 'proposal-ready:commented']);
    const [withComments] = await jiraSearch(sb, `labels = "retainer-lead-${lead.id}"`);
    const comments = (withComments?.fields.comment as { comments: Array<{ body: unknown }> }).comments;
    assert.equal(comments.length, 4);
    assert.match(JSON.stringify(comments[0]?.body), /olena@kitchens\.example/);
    // The issue follows the stage.
    assert.ok((withComments?.fields.labels as string[]).includes('sales-won'));

    // The funnel counts it.
    const funnel = await ok<{ total: number; stages: Array<{ stage: string; reached: number }>; medianHoursToInvoice: number | null }>(sb, 'u-head', 'sales/funnel', {});
    assert.equal(funnel.total, 1);
    assert.equal(funnel.stages.find((s) => s.stage === 'won')?.reached, 1);
    assert.notEqual(funnel.medianHoursToInvoice, null);
  });

  test('should record a repeat request instead of a second lead when e-mail, phone or site match', async () => {
    const before = entityData(sb, 'sales-lead').size;
    const r = await postForm(sb, form({ name: 'O. Kovalenko', email: 'OLENA@kitchens.example', phone: undefined, site: undefined }));
    assert.equal(r.statusCode, 200);
    assert.equal(r.body.duplicate, true);
    const bySite = await postForm(sb, form({ email: 'other@mail.example', phone: undefined, site: 'kitchens.example' }));
    assert.equal(bySite.body.duplicate, true);
    assert.equal(entityData(sb, 'sales-lead').size, before);
    const leads = await ok<LeadSummaryLike[]>(sb, 'u-head', 'sales/leads/list', {});
    assert.equal(leads[0]?.repeats, 2);
  });

  test('should take the very same form resent by the site (no answer the first time) as one request', async () => {
    const body = form({ name: 'Resent Once', email: 'resent@mail.example', phone: undefined, site: undefined });
    const first = await postForm(sb, body);
    const again = await postForm(sb, body);
    assert.equal(first.statusCode, 200);
    assert.equal(again.statusCode, 200);
    const mine = (await ok<LeadSummaryLike[]>(sb, 'u-head', 'sales/leads/list', {})).filter((l) => l.email === 'resent@mail.example');
    assert.equal(mine.length, 1);
    assert.equal(mine[0]?.repeats, 0, 'a resent form is not a repeat request');
  });

  test('should make one lead of the same person posting twice at once', async () => {
    const before = entityData(sb, 'sales-lead').size;
    const body = form({ email: 'twice@same.example', phone: undefined, site: undefined });
    const rs = await Promise.all([postForm(sb, body), postForm(sb, body), postForm(sb, body)]);
    assert.deepEqual(rs.map((r) => r.statusCode), [200, 200, 200]);
    assert.equal(rs.filter((r) => r.body.duplicate === false).length, 1);
    assert.equal(entityData(sb, 'sales-lead').size, before + 1);
  });

  test('should remind a prospect who has not answered the brief, twice at most', async () => {
    const { lead } = await ok<{ lead: LeadSummaryLike }>(sb, 'u-head', 'sales/leads/create', { name: 'Slow', email: 'slow@answer.example', serviceTypes: ['smm'] });
    await ok(sb, 'u-head', 'sales/brief/request', { leadId: lead.id });
    await sb.drain();
    await sb.runUntil(new Date(sb.clock.now() + 8 * 86_400_000));
    const d = await ok<LeadDetailLike & { brief: { reminders: number } }>(sb, 'u-head', 'sales/leads/get', { leadId: lead.id });
    assert.equal(d.brief.reminders, 2);
    assert.deepEqual(d.notifications.map((n) => n.step).sort(), ['brief-reminder-1', 'brief-reminder-2', 'brief-requested']);
  });

  test('should reject hostile web form requests and write nothing', async () => {
    const t = Math.floor(sb.clock.now() / 1000);
    const leadsBefore = entityData(sb, 'sales-lead').size;
    const good = form({ email: 'new@shop.example', phone: '0501112233', site: 'shop.example' });
    const cases: Array<[string, Promise<{ statusCode: number }>, number]> = [
      ['oversized', postForm(sb, JSON.stringify({ name: 'x', email: 'a@b.example', message: 'x'.repeat(20_000) })), 413],
      ['malformed JSON', postForm(sb, '{"name": "x", '), 400],
      ['wrong types', postForm(sb, JSON.stringify({ name: 42, email: ['a@b.example'] })), 400],
      ['unknown field', postForm(sb, JSON.stringify({ name: 'x', email: 'a@b.example', admin: true })), 400],
      ['no contact', postForm(sb, JSON.stringify({ name: 'x' })), 400],
      ['forged signature', postForm(sb, good, { secret: 'not-the-secret-0123456789abcdefghij' }), 401],
      ['no signature', postForm(sb, good, { signature: null }), 401],
      ['stale timestamp', postForm(sb, good, { timestamp: t - 3600 }), 401],
      ['GET', postForm(sb, good, { method: 'GET' }), 405],
      ['not JSON content', postForm(sb, good, { contentType: 'text/plain' }), 415],
    ];
    for (const [name, p, status] of cases) assert.equal((await p).statusCode, status, name);
    assert.equal(entityData(sb, 'sales-lead').size, leadsBefore);

    // Replay: the same signed request twice; the second is refused.
    const n = nonce();
    assert.equal((await postForm(sb, good, { nonce: n, timestamp: t })).statusCode, 200);
    assert.equal((await postForm(sb, good, { nonce: n, timestamp: t })).statusCode, 409);
    assert.equal(entityData(sb, 'sales-lead').size, leadsBefore + 1);
  });

  test('should keep prospects to their own signed links and staff to their roles', async () => {
    const leads = await ok<LeadSummaryLike[]>(sb, 'u-head', 'sales/leads/list', {});
    const fresh = leads.find((l) => l.stage === 'new') as LeadSummaryLike;
    const sent = await ok<LeadDetailLike>(sb, 'u-man-a', 'sales/brief/request', { leadId: fresh.id });
    const token = await tokenOnPage(sb, sent.brief.pageId as string);
    const other = leads.find((l) => l.id !== fresh.id) as LeadSummaryLike;
    // A token of one lead does not open another, nor the acceptance of the same lead.
    assert.equal((await call(sb, null, 'sales/brief-form/get', { leadId: other.id, token }, 'retainer-sales-brief')).error?.code, 'FORBIDDEN');
    assert.equal((await call(sb, null, 'sales/accept/get', { leadId: fresh.id, token }, 'retainer-sales-accept')).error?.code, 'FORBIDDEN');
    const view = await call<{ questions: Array<{ id: string }> }>(sb, null, 'sales/brief-form/get', { leadId: fresh.id, token }, 'retainer-sales-brief');
    assert.ok(view.ok && (view.data?.questions.length ?? 0) > 3);
    // Missing required answers are refused and nothing changes.
    const bad = await call(sb, null, 'sales/brief-form/submit', { leadId: fresh.id, token, answers: { business: 'x' } }, 'retainer-sales-brief');
    assert.equal(bad.error?.code, 'VALIDATION');
    // Staff-only keys refuse anonymous callers; specialists have no sales access.
    assert.equal((await call(sb, null, 'sales/leads/list', {})).error?.code, 'FORBIDDEN');
    assert.equal((await call(sb, 'u-seo', 'sales/leads/list', {})).error?.code, 'FORBIDDEN');
    assert.equal((await call(sb, 'u-man-a', 'sales/funnel', {})).error?.code, 'FORBIDDEN');
    assert.equal((await call(sb, 'u-man-a', 'sales/price-list/save', { currency: 'UAH', vatRatePercent: '20', items: [{ id: 'cheap', kind: 'option', billing: 'once', price: '1.00', name: { en: 'a', uk: 'б', ru: 'в' } }] })).error?.code, 'FORBIDDEN');
    // Losing needs a reason.
    assert.equal((await call(sb, 'u-man-a', 'sales/leads/move', { leadId: fresh.id, to: 'lost' })).error?.code, 'VALIDATION');
    const lost = await ok<LeadDetailLike>(sb, 'u-man-a', 'sales/leads/move', { leadId: fresh.id, to: 'lost', reason: 'price' });
    assert.equal(lost.stage, 'lost');
  });

  test('should re-render shared documents when the estimate changes', async () => {
    const { lead } = await ok<{ lead: LeadSummaryLike }>(sb, 'u-head', 'sales/leads/create', { name: 'Petro', company: 'Bikes', email: 'petro@bikes.example', serviceTypes: ['google-ads'] });
    await ok(sb, 'u-head', 'sales/estimate/save', { leadId: lead.id, input: { lines: [{ itemId: 'gads-standard', quantity: 1 }], discountPercent: '0' } });
    await ok(sb, 'u-head', 'sales/documents/send', { leadId: lead.id });
    await sb.drain();
    const first = await ok<LeadDetailLike>(sb, 'u-head', 'sales/leads/get', { leadId: lead.id });
    const proposal = first.docs.find((d) => d.kind === 'proposal') as LeadDetailLike['docs'][number];
    const v1 = await pageStorage(sb, proposal.pageId);
    assert.match(v1.body, /18000\.00/);
    await ok(sb, 'u-head', 'sales/estimate/save', { leadId: lead.id, input: { lines: [{ itemId: 'gads-standard', quantity: 1 }, { itemId: 'extra-creatives', quantity: 2 }], discountPercent: '5' } });
    await sb.drain();
    const v2 = await pageStorage(sb, proposal.pageId);
    assert.ok(v2.version > v1.version);
    // (15000 + 5000) × 0.95 = 19000; + 20 % = 22800.00
    assert.match(v2.body, /22800\.00/);
    void estimateInput;
  });
});
