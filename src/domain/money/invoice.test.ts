import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CurrencyMismatchError, InvalidAmountError, InvoiceInputError, InvoiceStateError } from './errors';
import {
  type BuildInvoiceInput,
  type Invoice,
  type InvoiceCounter,
  applyPayment,
  buildInvoice,
  cancelInvoice,
  computeLine,
  computeTotals,
  findGaps,
  formatInvoiceNumber,
  invoiceFromJson,
  invoiceStatus,
  invoiceToJson,
  invoiceVatBreakdown,
  nextInvoiceNumber,
  outstanding,
  parseInvoiceNumber,
  paymentSplit,
} from './invoice';
import { type Money, add, formatMoney, money, parseMoney } from './money';

const m = (text: string, currency = 'UAH'): Money => parseMoney(text, currency);

function input(overrides: Partial<BuildInvoiceInput> = {}): BuildInvoiceInput {
  return {
    id: 'inv-1',
    number: 'INV-2026-0007',
    serviceId: 'sv-kava',
    clientId: 'cl-kava',
    currency: 'UAH',
    purpose: 'fee',
    period: '2026-03',
    issueDate: '2026-03-01',
    dueDate: '2026-03-10',
    lines: [
      { description: 'SEO, March 2026', quantity: '1', unitPrice: m('15000'), vatRatePercent: '20' },
      { description: 'Extra hours', quantity: '2.5', unitPrice: m('333.33'), vatRatePercent: '20' },
      { description: 'Ad budget top-up', quantity: '1', unitPrice: m('10000'), vatRatePercent: '0' },
    ],
    ...overrides,
  };
}

describe('invoice numbers', () => {
  test('should format and parse the canonical form', () => {
    assert.equal(formatInvoiceNumber('INV', 2026, 7), 'INV-2026-0007');
    assert.equal(formatInvoiceNumber('INV', 2026, 12345), 'INV-2026-12345');
    assert.deepEqual(parseInvoiceNumber('INV-2026-0007'), { prefix: 'INV', year: 2026, seq: 7 });
    for (const bad of ['INV-2026-007', 'inv-2026-0007', 'INV-2026-0000', 'INV-26-0007', 'INV-2026-00012']) assert.equal(parseInvoiceNumber(bad), null, bad);
    assert.throws(() => formatInvoiceNumber('inv', 2026, 1), InvoiceInputError);
    assert.throws(() => formatInvoiceNumber('INV', 2026, 0), InvoiceInputError);
  });
  test('should hand out the next number from the counter read', () => {
    assert.deepEqual(nextInvoiceNumber(null, 'INV', 2026), { counter: { prefix: 'INV', year: 2026, last: 1 }, seq: 1, number: 'INV-2026-0001' });
    assert.equal(nextInvoiceNumber({ prefix: 'INV', year: 2026, last: 6 }, 'INV', 2026).number, 'INV-2026-0007');
    assert.throws(() => nextInvoiceNumber({ prefix: 'INV', year: 2025, last: 6 }, 'INV', 2026), InvoiceInputError);
  });
  test('should report gaps, duplicates and junk per prefix and year', () => {
    const r = findGaps(['INV-2026-0001', 'INV-2026-0003', 'INV-2026-0003', 'x', 'INV-2025-0002']);
    assert.deepEqual(r, { ok: false, missing: ['INV-2025-0001', 'INV-2026-0002'], duplicates: ['INV-2026-0003'], invalid: ['x'] });
    assert.equal(findGaps([]).ok, true);
  });
  test('property: racing issuers with compare-and-set get consecutive numbers with no gap', () => {
    // Each step: one of k issuers reads the counter, or commits what it read (refused if it changed).
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(), { maxLength: 300 }), (k, schedule) => {
        let stored: InvoiceCounter | null = null;
        let version = 0;
        const reads: Array<{ counter: InvoiceCounter | null; version: number } | null> = Array.from({ length: k }, () => null);
        const issued: string[] = [];
        for (const step of schedule) {
          const who = step % k;
          const read = reads[who];
          if (!read) reads[who] = { counter: stored, version };
          else {
            const next = nextInvoiceNumber(read.counter, 'INV', 2026);
            if (read.version === version) {
              stored = next.counter;
              version += 1;
              issued.push(next.number);
            }
            reads[who] = null;
          }
        }
        const report = findGaps(issued);
        assert.ok(report.ok, JSON.stringify(report));
        assert.equal(new Set(issued).size, issued.length);
        assert.equal(stored?.last ?? 0, issued.length);
      }),
      { numRuns: 200 },
    );
  });
  test('property: findGaps names exactly the removed number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.nat(), (n, pick) => {
        const all = Array.from({ length: n }, (_, i) => formatInvoiceNumber('INV', 2026, i + 1));
        const removed = all[pick % (n - 1)] as string; // never the last: a gap needs a later number
        assert.deepEqual(findGaps(all.filter((x) => x !== removed)).missing, [removed]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('lines and totals', () => {
  test('should compute hand-checked lines and totals per line', () => {
    const inv = buildInvoice(input());
    assert.deepEqual(inv.lines.map((l) => [formatMoney(l.net), formatMoney(l.vat), formatMoney(l.gross)]), [
      ['15000.00', '3000.00', '18000.00'],
      ['833.33', '166.67', '1000.00'], // 833.325 → 833.33; 166.666 → 166.67
      ['10000.00', '0.00', '10000.00'],
    ]);
    assert.deepEqual([inv.totals.net, inv.totals.vat, inv.totals.gross].map(formatMoney), ['25833.33', '3166.67', '29000.00']);
    assert.deepEqual(computeTotals(input().lines, 'UAH'), inv.totals);
    assert.deepEqual(invoiceVatBreakdown(inv).map((r) => [r.ratePercent, formatMoney(r.vat)]), [
      ['0', '0.00'],
      ['20', '3166.67'],
    ]);
    assert.equal(inv.status, 'issued');
    assert.equal(inv.seq, 7);
    assert.equal(inv.year, 2026);
  });
  test('should refuse bad input with a clear error', () => {
    const line = { description: 'x', quantity: '1', unitPrice: m('1'), vatRatePercent: '20' };
    assert.throws(() => buildInvoice(input({ lines: [] })), InvoiceInputError);
    assert.throws(() => buildInvoice(input({ lines: [{ ...line, unitPrice: m('1', 'USD') }] })), CurrencyMismatchError);
    assert.throws(() => buildInvoice(input({ lines: [{ ...line, unitPrice: m('-1') }] })), InvalidAmountError);
    assert.throws(() => buildInvoice(input({ lines: [{ ...line, quantity: '0' }] })), InvalidAmountError);
    assert.throws(() => buildInvoice(input({ lines: [{ ...line, quantity: '1,5' }] })), InvalidAmountError);
    assert.throws(() => buildInvoice(input({ lines: [{ ...line, description: '  ' }] })), InvoiceInputError);
    assert.throws(() => buildInvoice(input({ lines: [{ ...line, unitPrice: m('0') }] })), InvoiceInputError);
    assert.throws(() => buildInvoice(input({ dueDate: '2026-02-28' })), InvoiceInputError);
    assert.throws(() => buildInvoice(input({ number: 'INV-2025-0007' })), InvoiceInputError);
    assert.throws(() => buildInvoice(input({ number: 'INV-7' })), InvoiceInputError);
  });
  test('property: net + VAT = gross on every line and in total; totals are sums of lines', () => {
    const arbLine = fc.record({
      q: fc.integer({ min: 1, max: 100_000 }),
      price: fc.bigInt({ min: 0n, max: 10n ** 9n }),
      rate: fc.constantFrom('0', '7', '7.5', '20', '22'),
    });
    fc.assert(
      fc.property(fc.array(arbLine, { minLength: 1, maxLength: 10 }), (ls) => {
        const lines = ls.map((l) => ({ description: 'l', quantity: (l.q / 1000).toFixed(3), unitPrice: money(l.price, 'UAH'), vatRatePercent: l.rate }));
        const t = computeTotals(lines, 'UAH');
        assert.deepEqual(add(t.net, t.vat), t.gross);
        const inv = { currency: 'UAH', lines: lines.map((l, i) => computeLine(l, i)) };
        const rows = invoiceVatBreakdown(inv);
        assert.equal(rows.reduce((a, r) => a + r.vat.amountMinor, 0n), t.vat.amountMinor);
      }),
      { numRuns: 200 },
    );
  });
});

describe('status and payments', () => {
  const inv = (): Invoice => buildInvoice(input());

  test('should go issued → partially-paid → paid', () => {
    const a = applyPayment(inv(), { id: 'bp-1', date: '2026-03-05', amount: m('9000') });
    assert.equal(a.invoice.status, 'partially-paid');
    assert.equal(formatMoney(outstanding(a.invoice)), '20000.00');
    const b = applyPayment(a.invoice, { id: 'bp-2', date: '2026-03-09', amount: m('20000') });
    assert.equal(b.invoice.status, 'paid');
    assert.equal(formatMoney(b.excess), '0.00');
    assert.equal(formatMoney(outstanding(b.invoice)), '0.00');
  });
  test('should be overdue after the due date unless fully paid, and overdue wins over partial', () => {
    const i = inv();
    assert.equal(invoiceStatus(i, [], '2026-03-10'), 'issued');
    assert.equal(invoiceStatus(i, [], '2026-03-11'), 'overdue');
    const part = applyPayment(i, { id: 'bp-1', date: '2026-03-05', amount: m('1') }).invoice;
    assert.equal(invoiceStatus(part, part.payments, '2026-03-11'), 'overdue');
    const late = applyPayment(i, { id: 'bp-1', date: '2026-04-01', amount: m('29000') }).invoice;
    assert.equal(invoiceStatus(late, late.payments, '2026-04-02'), 'paid');
  });
  test('should return the over-payment as excess, booked as a fees credit', () => {
    const r = applyPayment(inv(), { id: 'bp-1', date: '2026-03-05', amount: m('30000') });
    assert.equal(r.invoice.status, 'paid');
    assert.equal(formatMoney(r.applied), '29000.00');
    assert.equal(formatMoney(r.excess), '1000.00');
    assert.deepEqual(paymentSplit('fee', r.applied, r.excess), { wallet: m('0'), fees: m('30000') });
    assert.deepEqual(paymentSplit('top-up', r.applied, r.excess), { wallet: m('29000'), fees: m('1000') });
    // Paying an already paid invoice: everything is excess.
    const again = applyPayment(r.invoice, { id: 'bp-2', date: '2026-03-06', amount: m('5') });
    assert.equal(formatMoney(again.excess), '5.00');
  });
  test('should treat the same payment id as a replay', () => {
    const a = applyPayment(inv(), { id: 'bp-1', date: '2026-03-05', amount: m('100') });
    const b = applyPayment(a.invoice, { id: 'bp-1', date: '2026-03-05', amount: m('100') });
    assert.equal(b.duplicate, true);
    assert.equal(b.invoice, a.invoice);
  });
  test('should refuse payments in another currency, non-positive ones, and on cancelled invoices', () => {
    assert.throws(() => applyPayment(inv(), { id: 'p', date: '2026-03-05', amount: m('1', 'USD') }), CurrencyMismatchError);
    assert.throws(() => applyPayment(inv(), { id: 'p', date: '2026-03-05', amount: m('0') }), InvalidAmountError);
    const cancelled = cancelInvoice(inv(), '2026-03-02');
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.number, 'INV-2026-0007');
    assert.equal(invoiceStatus(cancelled, [], '2027-01-01'), 'cancelled');
    assert.equal(cancelInvoice(cancelled, '2026-03-03'), cancelled);
    assert.throws(() => applyPayment(cancelled, { id: 'p', date: '2026-03-05', amount: m('1') }), InvoiceStateError);
    const paid = applyPayment(inv(), { id: 'p', date: '2026-03-05', amount: m('1') }).invoice;
    assert.throws(() => cancelInvoice(paid, '2026-03-06'), InvoiceStateError);
  });
  test('property: applied parts never exceed the gross and applied + excess = received', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 2_000_000n }), { maxLength: 10 }), (amounts) => {
        let i = inv();
        amounts.forEach((a, k) => {
          const r = applyPayment(i, { id: `p${k}`, date: '2026-03-05', amount: money(a, 'UAH') });
          assert.equal(r.applied.amountMinor + r.excess.amountMinor, a);
          i = r.invoice;
        });
        const paid = i.payments.reduce((s, p) => s + p.amount.amountMinor, 0n);
        assert.ok(paid <= i.totals.gross.amountMinor);
        assert.equal(paid, amounts.reduce((s, a) => s + a, 0n) < i.totals.gross.amountMinor ? amounts.reduce((s, a) => s + a, 0n) : i.totals.gross.amountMinor);
      }),
      { numRuns: 200 },
    );
  });
  test('should round-trip through JSON', () => {
    const i = applyPayment(inv(), { id: 'bp-1', date: '2026-03-05', amount: m('100') }).invoice;
    assert.deepEqual(invoiceFromJson(JSON.parse(JSON.stringify(invoiceToJson(i)))), i);
  });
});
