// Issue 5: invoices — gap-free numbers under concurrency, live Confluence pages with PDFs, payments
// and statuses, cancellation, bad input and access.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findGaps } from '../../src/domain/money';
import type { Sandbox } from '../../sandbox/platform';
import { smallAgency, startAgency } from '../helpers/agency';
import { call, confluence, download, entityData, ok, pageStorage, requestId } from './money-kit';

interface Summary {
  id: string;
  number: string;
  status: string;
  gross: string;
  outstanding: string;
  page: { state: string; pageId: string | null; title: string | null };
}

const line = (price: string, vat = '20') => ({ description: 'SEO audit', quantity: '1', unitPrice: price, vatRatePercent: vat });

describe('money: invoices', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startAgency(smallAgency({ services: 2 }));
  });
  after(async () => {
    await sb.close();
  });

  test('should give 20 invoices issued at once 20 unique consecutive numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call<Summary>(sb, i % 2 === 0 ? 'u-man-a' : 'u-head', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: requestId('conc'), purpose: 'other', lines: [line(`${100 + i}.00`)] })),
    );
    const failed = results.filter((r) => !r.ok);
    assert.deepEqual(failed.map((f) => f.error), []);
    const numbers = results.map((r) => (r.data as Summary).number).sort();
    assert.equal(new Set(numbers).size, 20);
    assert.deepEqual(numbers, Array.from({ length: 20 }, (_, i) => `INV-2026-${String(i + 1).padStart(4, '0')}`));
    // What is stored agrees: 20 invoices, counter at 20, no gaps or duplicates.
    const stored = [...entityData<{ invoice: { number: string } }>(sb, 'invoice').values()].map((r) => r.invoice.number);
    assert.equal(stored.length, 20);
    assert.deepEqual(findGaps(stored), { ok: true, missing: [], duplicates: [], invalid: [] });
    assert.equal((entityData<{ last: number }>(sb, 'money-doc').get('invoice-counter:INV:2026') as { last: number }).last, 20);
  });

  test('should return the same invoice for a repeated request', async () => {
    const rid = requestId('dup');
    const a = await ok<Summary>(sb, 'u-man-a', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: rid, purpose: 'other', lines: [line('50.00')] });
    const b = await ok<Summary>(sb, 'u-man-a', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: rid, purpose: 'other', lines: [line('50.00')] });
    assert.equal(a.id, b.id);
    assert.equal(a.number, b.number);
  });

  test('should publish each invoice as a page under "Invoices" with its PDF, and re-render it when paid', async () => {
    const inv = await ok<Summary>(sb, 'u-man-a', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: requestId('page'), purpose: 'other', lines: [line('1000.00'), { description: 'Copywriting', quantity: '2.5', unitPrice: '333.33', vatRatePercent: '20' }] });
    // 1000.00 + 20% = 1200.00; 2.5 × 333.33 = 833.325 → 833.33 (half-up), VAT 166.67 → 1000.00; total 2200.00.
    assert.equal(inv.gross, '2200.00');
    await sb.drain();
    const published = await ok<Summary>(sb, 'u-man-a', 'money/invoices/get', { invoiceId: inv.id });
    assert.equal(published.page.state, 'published');
    const pageId = published.page.pageId as string;
    const page = await pageStorage(sb, pageId);
    assert.equal(page.title, `Invoice ${inv.number}`);
    assert.match(page.body, /Issued/);
    const parent = await pageStorage(sb, page.parentId as string);
    assert.equal(parent.title, 'Invoices');
    const atts = await confluence<{ results: Array<{ title: string; version: { number: number } }> }>(sb, `/wiki/api/v2/pages/${pageId}/attachments`);
    assert.deepEqual(atts.json.results.map((a) => a.title), [`${inv.number}.pdf`]);
    const pdf = await download(sb, pageId, `${inv.number}.pdf`);
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
    // The client's guest reads the invoice (it is for them).
    const asGuest = await download(sb, pageId, `${inv.number}.pdf`, 'user:g-client0');
    assert.equal(asGuest.status, 200);

    await ok(sb, 'u-man-a', 'money/payments/register', { serviceId: 'sv-t0', requestId: requestId('pay'), amount: '1000.00', date: '2026-10-30', invoiceId: inv.id });
    await sb.drain();
    const partly = await pageStorage(sb, pageId);
    assert.ok(partly.version > page.version);
    assert.match(partly.body, /Partially paid/);
    await ok(sb, 'u-man-a', 'money/payments/register', { serviceId: 'sv-t0', requestId: requestId('pay'), amount: '1200.00', date: '2026-10-30', invoiceId: inv.id });
    await sb.drain();
    const paid = await ok<Summary>(sb, 'u-man-a', 'money/invoices/get', { invoiceId: inv.id });
    assert.equal(paid.status, 'paid');
    assert.equal(paid.outstanding, '0.00');
    assert.match((await pageStorage(sb, pageId)).body, /Paid in full/);
    const after = await confluence<{ results: Array<{ version: { number: number } }> }>(sb, `/wiki/api/v2/pages/${pageId}/attachments`);
    assert.ok((after.json.results[0]?.version.number ?? 0) >= 3, 'the PDF was uploaded again for each status');
    assert.equal(sb.meter().specViolations, 0);
  });

  test('should cancel an unpaid invoice, keep its number and show it on the page', async () => {
    const inv = await ok<Summary>(sb, 'u-head', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: requestId('cancel'), purpose: 'other', lines: [line('10.00')] });
    const c = await ok<Summary>(sb, 'u-head', 'money/invoices/cancel', { invoiceId: inv.id });
    assert.equal(c.status, 'cancelled');
    assert.equal(c.number, inv.number);
    await sb.drain();
    const got = await ok<Summary>(sb, 'u-head', 'money/invoices/get', { invoiceId: inv.id });
    assert.match((await pageStorage(sb, got.page.pageId as string)).body, /Cancelled/);
    const pay = await call(sb, 'u-head', 'money/payments/register', { serviceId: 'sv-t0', requestId: requestId('x'), amount: '12.00', date: '2026-10-30', invoiceId: inv.id });
    assert.equal(pay.error?.code, 'CONFLICT');
    const numbers = [...entityData<{ invoice: { number: string } }>(sb, 'invoice').values()].map((r) => r.invoice.number);
    assert.ok(findGaps(numbers).ok);
  });

  test('should refuse bad input with a clear error and write nothing', async () => {
    const before = sb.kvs.snapshot();
    const count = (s: typeof before): number => Object.keys(s.entities['invoice'] ?? {}).length + Object.keys(s.entities['ledger-entry'] ?? {}).length + Object.keys(s.entities['payment'] ?? {}).length;
    const neg = await call(sb, 'u-man-a', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: requestId('bad'), purpose: 'other', lines: [line('-5.00')] });
    assert.equal(neg.error?.code, 'VALIDATION');
    const cur = await call(sb, 'u-man-a', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: requestId('bad'), purpose: 'other', currency: 'USD', lines: [line('5.00')] });
    assert.equal(cur.error?.code, 'VALIDATION');
    // Settings that pass the payload's shape but break the stored rules come back as field errors.
    const settings = await ok<{ settings: Record<string, unknown> }>(sb, 'u-admin', 'money/settings/get', {});
    const badPrefix = await call(sb, 'u-admin', 'money/settings/save', { ...settings.settings, invoicePrefix: 'inv-1' });
    assert.equal(badPrefix.error?.code, 'VALIDATION');
    assert.ok(badPrefix.error?.fields?.['invoicePrefix'], JSON.stringify(badPrefix.error));
    assert.match(cur.error?.message ?? '', /UAH.*USD/);
    const digits = await call(sb, 'u-man-a', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: requestId('bad'), purpose: 'other', lines: [line('5.001')] });
    assert.equal(digits.error?.code, 'VALIDATION');
    const negPay = await call(sb, 'u-man-a', 'money/payments/register', { serviceId: 'sv-t0', requestId: requestId('bad'), amount: '-10.00', date: '2026-10-30', account: 'fees' });
    assert.equal(negPay.error?.code, 'VALIDATION');
    const wrongCurPay = await call(sb, 'u-man-a', 'money/payments/register', { serviceId: 'sv-t0', requestId: requestId('bad'), amount: '10.00', currency: 'EUR', date: '2026-10-30', account: 'fees' });
    assert.equal(wrongCurPay.error?.code, 'VALIDATION');
    const unknown = await call(sb, 'u-man-a', 'money/payments/register', { serviceId: 'sv-t0', requestId: requestId('bad'), amount: '10.00', date: '2026-10-30', invoiceId: 'inv-m-nope' });
    assert.equal(unknown.error?.code, 'NOT_FOUND');
    assert.equal(count(sb.kvs.snapshot()), count(before));
  });

  test('should keep money from people who may not see it', async () => {
    // Specialists never see money; a manager sees only their own services; heads see all.
    for (const key of ['money/panel', 'money/invoices/list', 'money/alerts']) {
      const r = await call(sb, 'u-seo', key, { serviceId: 'sv-t0' });
      assert.equal(r.error?.code, 'FORBIDDEN', `${key} for a specialist`);
    }
    assert.equal((await call(sb, 'u-man-b', 'money/panel', { serviceId: 'sv-t0' })).error?.code, 'FORBIDDEN');
    assert.equal((await call(sb, 'u-man-b', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: requestId('f'), purpose: 'other', lines: [line('1.00')] })).error?.code, 'FORBIDDEN');
    assert.ok((await call(sb, 'u-man-b', 'money/panel', { serviceId: 'sv-t1' })).ok);
    assert.ok((await call(sb, 'u-head', 'money/panel', { serviceId: 'sv-t0' })).ok);
    const someInvoice = [...entityData<{ invoice: { id: string } }>(sb, 'invoice').values()][0]?.invoice.id as string;
    assert.equal((await call(sb, 'u-seo', 'money/invoices/get', { invoiceId: someInvoice })).error?.code, 'NOT_FOUND');
    assert.equal((await call(sb, 'u-man-a', 'money/export', { month: '2026-10', format: 'csv' })).error?.code, 'FORBIDDEN');
    assert.equal((await call(sb, null, 'money/panel', { serviceId: 'sv-t0' })).error?.code, 'FORBIDDEN');
  });
});
