// Issue 5: payments from bank statements (CSV: matching, review list, idempotent re-import, crashes
// mid-import) and from a payment provider's web trigger (HMAC: valid, forged, replayed, stale,
// malformed, oversized).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signPayload } from '../../src/usecases/money/webhook';
import type { Sandbox } from '../../sandbox/platform';
import { smallAgency, startAgency } from '../helpers/agency';
import { call, entityData, ok, requestId } from './money-kit';

interface Summary {
  id: string;
  number: string;
  status: string;
  paid: string;
  outstanding: string;
}

const issue = (sb: Sandbox, serviceId: string, price: string): Promise<Summary> =>
  ok<Summary>(sb, 'u-head', 'money/invoices/issue', { serviceId, requestId: requestId('inv'), purpose: 'other', lines: [{ description: 'Services', quantity: '1', unitPrice: price, vatRatePercent: '20' }] });

const counts = (sb: Sandbox): Record<string, number> => {
  const e = sb.kvs.snapshot().entities;
  return {
    payments: Object.keys(e['payment'] ?? {}).length,
    entries: Object.keys(e['ledger-entry'] ?? {}).length,
    events: Object.keys(e['money-doc'] ?? {}).filter((k) => k.startsWith('webhook-event')).length,
  };
};

describe('money: bank statement import', () => {
  let sb: Sandbox;
  let inv: Summary[];
  before(async () => {
    sb = await startAgency(smallAgency({ services: 2 }));
    inv = [await issue(sb, 'sv-t0', '1000.00'), await issue(sb, 'sv-t0', '2000.00'), await issue(sb, 'sv-t0', '500.00')];
  });
  after(async () => {
    await sb.close();
  });

  const header = 'Дата;Сума;Валюта;Платник;Призначення платежу;Номер документа';
  const rows = () => [
    `30.10.2026;1 200,00;UAH;ТОВ «Тест»;Оплата згідно рахунку ${inv[0]?.number};D-1`,
    `30.10.2026;2 000,00;UAH;ТОВ «Тест»;Оплата inv ${inv[1]?.number.slice(4, 8)}/${Number(inv[1]?.number.slice(9))};D-2`,
    '30.10.2026;600,00;UAH;Невідомий;Поповнення без номера;D-3',
    '30.10.2026;-500,00;UAH;Банк;Комісія банку;D-4',
    `30.10.2026;600,00;UAH;ТОВ «Тест»;"Оплата; ${inv[2]?.number}";D-5`,
  ];

  test('should refuse a malformed file with the reason and write nothing', async () => {
    const before = counts(sb);
    const noColumn = await call(sb, 'u-head', 'money/bank/import', { fileName: 'x.csv', content: 'Date;Payer\n30.10.2026;X\n' });
    assert.equal(noColumn.error?.code, 'VALIDATION');
    assert.match(noColumn.error?.message ?? '', /amount/);
    const badLine = await call(sb, 'u-head', 'money/bank/import', { fileName: 'x.csv', content: [header, rows()[0], '31.02.2026;5,00;UAH;X;Y;D-9'].join('\n') });
    assert.equal(badLine.error?.code, 'VALIDATION');
    assert.match(badLine.error?.message ?? '', /line 3/);
    const quotes = await call(sb, 'u-head', 'money/bank/import', { fileName: 'x.csv', content: `${header}\n30.10.2026;5,00;UAH;"X;Y;D-9` });
    assert.equal(quotes.error?.code, 'VALIDATION');
    assert.equal((await call(sb, 'u-man-a', 'money/bank/import', { fileName: 'x.csv', content: `${header}\n${rows()[0]}` })).error?.code, 'FORBIDDEN');
    await sb.drain();
    assert.deepEqual(counts(sb), before);
  });

  test('should book matches, list the rest for review, and book nothing twice when a half-imported file comes again', async () => {
    // The first half of the statement was imported before (as if the import had stopped there).
    const half = await ok<{ matched: number; review: number }>(sb, 'u-head', 'money/bank/import', { fileName: 'statement.csv', content: [header, ...rows().slice(0, 2)].join('\n') });
    assert.deepEqual([half.matched, half.review], [1, 1]);
    await sb.drain();
    const full = await ok<{ importId: string; rows: number; matched: number; review: number; duplicates: number; skipped: number; preview: Array<{ line: number; outcome: string; reason?: string }> }>(sb, 'u-head', 'money/bank/import', { fileName: 'statement.csv', content: [header, ...rows()].join('\n') });
    assert.equal(full.rows, 4);
    assert.equal(full.skipped, 1);
    assert.equal(full.duplicates, 2);
    assert.deepEqual(full.preview.map((p) => [p.line, p.outcome, p.reason ?? '']), [
      [2, 'already-imported', ''],
      [3, 'already-imported', ''],
      [4, 'review', 'no-invoice-number'],
      [6, 'match', ''],
    ]);
    await sb.drain();
    const status = await ok<{ state: string; booked: number; review: number }>(sb, 'u-head', 'money/bank/status', { importId: full.importId });
    assert.deepEqual([status.state, status.booked, status.review], ['done', 1, 1]);
    const payments = [...entityData<{ state: string; invoiceNumber?: string }>(sb, 'payment').values()];
    assert.equal(payments.length, 4, 'one record per bank row, however often the file was imported');
    assert.equal(payments.filter((p) => p.state === 'booked').length, 2);
    const first = await ok<Summary>(sb, 'u-head', 'money/invoices/get', { invoiceId: inv[0]?.id });
    assert.equal(first.status, 'paid');
    assert.equal(first.paid, '1200.00');
    // And once more, the whole file: nothing new at all.
    const again = await ok<{ duplicates: number; matched: number; review: number }>(sb, 'u-head', 'money/bank/import', { fileName: 'statement.csv', content: [header, ...rows()].join('\n') });
    assert.deepEqual([again.duplicates, again.matched, again.review], [4, 0, 0]);
    await sb.drain();
    assert.equal(entityData(sb, 'payment').size, 4);
  });

  test('should let the review list be resolved: assigned to an invoice, or dismissed', async () => {
    const review = await ok<Array<{ id: string; amount: string; review: { reason: string; expected: string | null } }>>(sb, 'u-head', 'money/review/list', {});
    assert.equal(review.length, 2);
    const mismatch = review.find((r) => r.review.reason === 'amount-mismatch');
    assert.equal(mismatch?.review.expected, '2400.00');
    const assigned = await ok<{ state: string; invoiceNumber: string }>(sb, 'u-head', 'money/review/resolve', { paymentId: mismatch?.id, action: 'assign', invoiceId: inv[1]?.id });
    assert.equal(assigned.state, 'booked');
    assert.equal((await ok<Summary>(sb, 'u-head', 'money/invoices/get', { invoiceId: inv[1]?.id })).status, 'partially-paid');
    const other = review.find((r) => r.review.reason === 'no-invoice-number');
    assert.equal((await ok<{ state: string }>(sb, 'u-head', 'money/review/resolve', { paymentId: other?.id, action: 'dismiss', reason: 'refund from a supplier' })).state, 'dismissed');
    assert.equal((await call(sb, 'u-head', 'money/review/resolve', { paymentId: other?.id, action: 'dismiss', reason: 'again' })).error?.code, 'CONFLICT');
    assert.deepEqual(await ok(sb, 'u-head', 'money/review/list', {}), []);
  });

  test('should book every row exactly once when the import job is killed mid-way', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `29.10.2026;${100 + i},00;UAH;Payer ${i};Deposit ${i};K-${i}`);
    const before = entityData(sb, 'payment').size;
    sb.runtime.killMidway((fn) => fn === 'jobs-worker', 30, 2);
    await ok(sb, 'u-head', 'money/bank/import', { fileName: 'big.csv', content: [header, ...many].join('\n') });
    await sb.drain();
    assert.ok(sb.runtime.records.some((r) => r.outcome === 'killed'), 'an import job was killed');
    assert.equal(entityData(sb, 'payment').size, before + 60);
    await ok(sb, 'u-head', 'money/bank/import', { fileName: 'big.csv', content: [header, ...many].join('\n') });
    await sb.drain();
    assert.equal(entityData(sb, 'payment').size, before + 60);
  });
});

describe('money: payment provider web trigger', () => {
  let sb: Sandbox;
  let invoice: Summary;
  const secret = 'whsec_test_0123456789abcdef';
  const now = (): number => Math.floor(sb.clock.now() / 1000);
  const event = (id: string, data: Partial<Record<string, string>> = {}): string =>
    JSON.stringify({ id, type: 'payment.succeeded', created: now(), data: { paymentId: `pay_${id}`, invoiceNumber: invoice.number, amount: '600.00', currency: 'UAH', paidAt: '2026-10-30', ...data } });
  const send = (body: string, signature: string | null, method = 'POST') =>
    sb.callWebTrigger('payment-webhook', { method, headers: { 'content-type': 'application/json', ...(signature ? { 'X-Retainer-Signature': signature } : {}) }, body });

  before(async () => {
    sb = await startAgency(smallAgency({ services: 1 }));
    invoice = await issue(sb, 'sv-t0', '1000.00');
  });
  after(async () => {
    await sb.close();
  });

  test('should answer 503 until an admin sets the shared secret, and keep the secret write-only', async () => {
    const body = event('evt_0');
    assert.equal((await send(body, signPayload(secret, body, now()))).statusCode, 503);
    assert.equal((await call(sb, 'u-head', 'money/webhook/configure', { secret })).error?.code, 'FORBIDDEN');
    await ok(sb, 'u-admin', 'money/webhook/configure', { secret });
    const settings = await ok<{ webhook: { url: string | null; configured: boolean } }>(sb, 'u-admin', 'money/settings/get', {});
    assert.equal(settings.webhook.configured, true);
    assert.match(settings.webhook.url ?? '', /^http/);
    assert.ok(!JSON.stringify(settings).includes(secret));
    assert.ok(sb.kvs.snapshot().secrets.length > 0);
  });

  test('should book a correctly signed payment and re-render the invoice', async () => {
    const body = event('evt_1');
    const r = await send(body, signPayload(secret, body, now()));
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(JSON.parse(r.body).status, 'partially-paid');
    await sb.drain();
    const got = await ok<Summary & { page: { state: string } }>(sb, 'u-head', 'money/invoices/get', { invoiceId: invoice.id });
    assert.equal(got.paid, '600.00');
    assert.equal(got.page.state, 'published');
  });

  test('should reject replays, forgeries, stale, malformed and oversized requests and write nothing', async () => {
    const before = counts(sb);
    const replayBody = event('evt_1');
    const replay = await send(replayBody, signPayload(secret, replayBody, now()));
    assert.equal(replay.statusCode, 409);
    const samePayment = event('evt_1b', { paymentId: 'pay_evt_1' });
    assert.equal((await send(samePayment, signPayload(secret, samePayment, now()))).statusCode, 409);
    const body = event('evt_2');
    assert.equal((await send(body, signPayload('not-the-secret-at-all', body, now()))).statusCode, 401);
    assert.equal((await send(body, null)).statusCode, 401);
    assert.equal((await send(body, 't=abc,v1=xyz')).statusCode, 401);
    assert.equal((await send(body, signPayload(secret, body, now() - 600))).statusCode, 401);
    const tampered = body.replace('600.00', '6000.00');
    assert.equal((await send(tampered, signPayload(secret, body, now()))).statusCode, 401);
    const notJson = '{"id": "evt_3", ';
    assert.equal((await send(notJson, signPayload(secret, notJson, now()))).statusCode, 400);
    const badShape = JSON.stringify({ id: 'evt_4', type: 'payment.succeeded', created: now(), data: { amount: '5.00' } });
    assert.equal((await send(badShape, signPayload(secret, badShape, now()))).statusCode, 400);
    const unknown = event('evt_5', { invoiceNumber: 'INV-2026-0999' });
    assert.equal((await send(unknown, signPayload(secret, unknown, now()))).statusCode, 400);
    const negative = event('evt_6', { amount: '-5.00' });
    assert.equal((await send(negative, signPayload(secret, negative, now()))).statusCode, 400);
    const wrongCurrency = event('evt_7', { currency: 'EUR' });
    assert.equal((await send(wrongCurrency, signPayload(secret, wrongCurrency, now()))).statusCode, 400);
    const huge = event('evt_8', { paymentId: 'x'.repeat(70_000) });
    assert.equal((await send(huge, signPayload(secret, huge, now()))).statusCode, 413);
    assert.equal((await send(body, signPayload(secret, body, now()), 'GET')).statusCode, 405);
    const other = JSON.stringify({ id: 'evt_9', type: 'payment.failed', created: now(), data: {} });
    assert.equal((await send(other, signPayload(secret, other, now()))).statusCode, 202);
    await sb.drain();
    assert.deepEqual(counts(sb), before);
  });

  test('should book a payment once when the provider delivers it twice at the same time', async () => {
    const body = event('evt_10', { amount: '100.00' });
    const sig = signPayload(secret, body, now());
    const [a, b] = await Promise.all([send(body, sig), send(body, sig)]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    const got = await ok<Summary>(sb, 'u-head', 'money/invoices/get', { invoiceId: invoice.id });
    assert.equal(got.paid, '700.00');
  });
});

describe('money: refunds', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startAgency(smallAgency({ services: 2 }));
    // 3,000 into the prepaid ad budget of sv-t0.
    await ok(sb, 'u-head', 'money/payments/register', { serviceId: 'sv-t0', requestId: requestId('top'), amount: '3000.00', date: '2026-10-30', account: 'wallet' });
  });
  after(async () => {
    await sb.close();
  });

  test('should refund from the ad budget once per request, never below zero, and only for people who see money', async () => {
    const before = await ok<{ walletBalance: string }>(sb, 'u-man-a', 'money/panel', { serviceId: 'sv-t0' });
    const rid = requestId('refund');
    const first = await ok<{ duplicate: boolean; walletBalance: string; entryId: string }>(sb, 'u-man-a', 'money/refunds/register', { serviceId: 'sv-t0', requestId: rid, amount: '1000.00', date: '2026-10-30', account: 'wallet', reason: 'Campaign paused by the client' });
    assert.equal(first.duplicate, false);
    const again = await ok<{ duplicate: boolean; walletBalance: string }>(sb, 'u-man-a', 'money/refunds/register', { serviceId: 'sv-t0', requestId: rid, amount: '1000.00', date: '2026-10-30', account: 'wallet' });
    assert.equal(again.duplicate, true);
    assert.equal(again.walletBalance, first.walletBalance);
    const after1 = await ok<{ walletBalance: string }>(sb, 'u-man-a', 'money/panel', { serviceId: 'sv-t0' });
    assert.equal(Number(before.walletBalance) - Number(after1.walletBalance), 1000);
    const entries = () => [...entityData(sb, 'ledger-entry').values()].filter((e) => (e as { kind?: string }).kind === 'refund').length;
    assert.equal(entries(), 1);

    const tooMuch = await call(sb, 'u-man-a', 'money/refunds/register', { serviceId: 'sv-t0', requestId: requestId('r2'), amount: '999999.00', date: '2026-10-30', account: 'wallet' });
    assert.equal(tooMuch.error?.code, 'VALIDATION');
    assert.match(tooMuch.error?.message ?? '', /can be refunded/);
    // A fee advance the client does not have: nothing to refund, said plainly (no negative "at most").
    const noAdvance = await call(sb, 'u-man-a', 'money/refunds/register', { serviceId: 'sv-t0', requestId: requestId('r5'), amount: '1.00', date: '2026-10-30', account: 'fees' });
    assert.equal(noAdvance.error?.code, 'VALIDATION');
    assert.match(noAdvance.error?.message ?? '', /Nothing can be refunded from the fee advance/);
    assert.equal((await call(sb, 'u-seo', 'money/refunds/register', { serviceId: 'sv-t0', requestId: requestId('r3'), amount: '1.00', date: '2026-10-30', account: 'wallet' })).error?.code, 'FORBIDDEN');
    assert.equal((await call(sb, 'u-man-a', 'money/refunds/register', { serviceId: 'sv-t0', requestId: requestId('r4'), amount: '-5.00', date: '2026-10-30', account: 'wallet' })).error?.code, 'VALIDATION');
    assert.equal(entries(), 1, 'refused refunds write nothing');
    const check = await ok<{ ok: boolean }>(sb, 'u-head', 'money/ledger/check', { serviceId: 'sv-t0' });
    assert.equal(check.ok, true);
  });
});
