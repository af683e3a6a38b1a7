import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  type SpendDayTotal,
  addDays,
  adsStopDate,
  adsStopped,
  averageDailySpend,
  daysBetween,
  invoiceOverdue,
  lowBalance,
  overspend,
  runwayBelow,
  runwayDays,
  subscriptionEnding,
  subscriptionPaidUntil,
  subscriptionPaidUntilFromInvoices,
  underspend,
  walletBalance,
  walletBalanceFromRollups,
  walletSummary,
} from './balance';
import { CurrencyMismatchError } from './errors';
import { type Invoice, applyPayment, buildInvoice, cancelInvoice } from './invoice';
import { type LedgerEntry, adSpend, groupRollups, paymentEntry, refund } from './ledger';
import { type Money, formatMoney, money, parseMoney } from './money';

const m = (text: string): Money => parseMoney(text, 'UAH');
const day = (date: string, amount: string): SpendDayTotal => ({ date, amount: m(amount) });
const SV = 'sv-kava';

function feeInvoice(period: string, seq: number): Invoice {
  return buildInvoice({
    id: `inv-${seq}`,
    number: `INV-2026-${String(seq).padStart(4, '0')}`,
    serviceId: SV,
    clientId: 'cl-kava',
    currency: 'UAH',
    purpose: 'fee',
    period,
    issueDate: `${period}-01`,
    dueDate: `${period}-10`,
    lines: [{ description: 'Fee', quantity: '1', unitPrice: m('1500'), vatRatePercent: '20' }],
  });
}
const pay = (inv: Invoice, id: string): Invoice => applyPayment(inv, { id, date: inv.issueDate, amount: inv.totals.gross }).invoice;

describe('calendar helpers', () => {
  test('should add days across months and years', () => {
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(daysBetween('2026-03-01', '2026-04-01'), 31);
  });
  test('property: daysBetween(d, addDays(d, n)) = n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: -1000, max: 1000 }), (offset, n) => {
        const d = addDays('2020-01-01', offset);
        assert.equal(daysBetween(d, addDays(d, n)), n);
      }),
      { numRuns: 200 },
    );
  });
});

describe('wallet balance and runway', () => {
  test('should be credits minus debits, the same from entries and from rollups', () => {
    const entries: LedgerEntry[] = [
      paymentEntry({ serviceId: SV, period: '2026-02', date: '2026-02-27', paymentId: 'p1', amount: m('5000'), split: { wallet: m('5000'), fees: m('0') } }),
      adSpend({ serviceId: SV, day: '2026-02-28', amount: m('400'), vat: m('80') }),
      adSpend({ serviceId: SV, day: '2026-03-01', amount: m('500'), account: 'memo' }),
      refund({ serviceId: SV, period: '2026-03', date: '2026-03-02', refundId: 'r1', account: 'wallet', amount: m('20') }),
    ];
    assert.equal(formatMoney(walletBalance('UAH', entries)), '4500.00'); // 5000 − 480 − 20; memo spend moves nothing
    assert.deepEqual(walletBalanceFromRollups('UAH', groupRollups(entries)), walletBalance('UAH', entries));
    assert.throws(() => walletBalanceFromRollups('USD', groupRollups(entries)), CurrencyMismatchError);
  });
  test('should average the last 7 full days over days with data only', () => {
    const days = [
      day('2026-03-02', '9999'), // outside the window
      day('2026-03-03', '100'),
      day('2026-03-04', '200'),
      // 2026-03-05: no data
      day('2026-03-06', '0'),
      day('2026-03-07', '100'),
      day('2026-03-07', '50'), // a second source the same day
      day('2026-03-08', '50'),
      day('2026-03-09', '100.01'),
      day('2026-03-10', '9999'), // today: incomplete, ignored
    ];
    const avg = averageDailySpend('UAH', days, '2026-03-10');
    assert.equal(avg.from, '2026-03-03');
    assert.equal(avg.to, '2026-03-09');
    assert.equal(avg.daysWithData, 6);
    assert.equal(formatMoney(avg.total), '600.01');
    assert.equal(avg.average && formatMoney(avg.average), '100.00'); // 100.0016…
    assert.equal(averageDailySpend('UAH', [], '2026-03-10').average, null);
  });
  test('should give the runway in full days, null without spend', () => {
    assert.equal(runwayDays(m('1000'), m('100')), 10);
    assert.equal(runwayDays(m('999.99'), m('100')), 9);
    assert.equal(runwayDays(m('0'), m('100')), 0);
    assert.equal(runwayDays(m('-5'), m('100')), 0);
    assert.equal(runwayDays(m('1000'), m('0')), null);
    assert.equal(runwayDays(m('1000'), null), null);
    assert.equal(adsStopDate('2026-03-10', 9), '2026-03-19');
    const s = walletSummary({ currency: 'UAH', balance: m('950'), days: [day('2026-03-09', '100')], today: '2026-03-10' });
    assert.deepEqual([s.runwayDays, s.adsStopDate], [9, '2026-03-19']);
  });
  test('property: runway × average ≤ balance < (runway + 1) × average', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 8n }), (b, a) => {
        const r = BigInt(runwayDays(money(b, 'UAH'), money(a, 'UAH')) ?? -1);
        assert.ok(r * a <= b && b < (r + 1n) * a);
      }),
      { numRuns: 200 },
    );
  });
});

describe('subscription paid until', () => {
  test('should count whole months from the start month', () => {
    const r = subscriptionPaidUntil({ startDate: '2026-01-15', monthlyCharge: m('1800'), feePaymentsTotal: m('5000') });
    assert.deepEqual(r && [r.monthsCovered, r.paidUntil, formatMoney(r.remainder)], [2, '2026-02-28', '1400.00']);
    assert.equal(subscriptionPaidUntil({ startDate: '2025-11-03', monthlyCharge: m('1800'), feePaymentsTotal: m('5400') })?.paidUntil, '2026-01-31');
    assert.equal(subscriptionPaidUntil({ startDate: '2026-01-15', monthlyCharge: m('1800'), feePaymentsTotal: m('0') })?.paidUntil, null);
    assert.equal(subscriptionPaidUntil({ startDate: '2026-01-15', monthlyCharge: m('0'), feePaymentsTotal: m('10') }), null);
  });
  test('should stop at the first fee invoice not fully paid', () => {
    const invoices = [pay(feeInvoice('2026-01', 1), 'a'), pay(feeInvoice('2026-02', 2), 'b'), feeInvoice('2026-03', 3), pay(feeInvoice('2026-04', 4), 'c')];
    assert.equal(subscriptionPaidUntilFromInvoices(invoices), '2026-02-28');
    assert.equal(subscriptionPaidUntilFromInvoices([feeInvoice('2026-01', 1)]), null);
    // A cancelled month does not block the months after it.
    assert.equal(subscriptionPaidUntilFromInvoices([pay(feeInvoice('2026-01', 1), 'a'), cancelInvoice(feeInvoice('2026-02', 2), '2026-02-02')]), '2026-01-31');
  });
});

describe('alerts', () => {
  test('low balance: active strictly below the threshold, with a stable key', () => {
    const a = lowBalance({ serviceId: SV, balance: m('499.99'), threshold: m('500') });
    assert.deepEqual([a.active, a.key], [true, 'alert:low-balance:sv-kava']);
    assert.equal(lowBalance({ serviceId: SV, balance: m('500'), threshold: m('500') }).active, false);
    assert.deepEqual(a.details, { balance: '499.99', threshold: '500.00', currency: 'UAH' });
  });
  test('runway below N days', () => {
    assert.equal(runwayBelow({ serviceId: SV, runwayDays: 2, days: 3 }).active, true);
    assert.equal(runwayBelow({ serviceId: SV, runwayDays: 3, days: 3 }).active, false);
    assert.equal(runwayBelow({ serviceId: SV, runwayDays: null, days: 3 }).active, false);
  });
  test('subscription ending within N days', () => {
    assert.equal(subscriptionEnding({ serviceId: SV, paidUntil: '2026-03-31', today: '2026-03-25', days: 7 }).active, true);
    assert.equal(subscriptionEnding({ serviceId: SV, paidUntil: '2026-03-31', today: '2026-03-24', days: 7 }).active, false);
    assert.equal(subscriptionEnding({ serviceId: SV, paidUntil: '2026-03-31', today: '2026-04-05', days: 7 }).details.daysLeft, -5);
    assert.equal(subscriptionEnding({ serviceId: SV, paidUntil: null, today: '2026-04-05', days: 7 }).active, false);
  });
  test('invoice overdue: per invoice, cleared by payment or cancellation', () => {
    const inv = feeInvoice('2026-03', 7);
    const a = invoiceOverdue({ invoice: inv, today: '2026-03-11' });
    assert.deepEqual([a.active, a.key, a.details.daysOverdue, a.details.outstanding], [true, 'alert:invoice-overdue:sv-kava:inv-7', 1, '1800.00']);
    assert.equal(invoiceOverdue({ invoice: inv, today: '2026-03-10' }).active, false);
    assert.equal(invoiceOverdue({ invoice: pay(inv, 'p'), today: '2026-03-11' }).active, false);
    assert.equal(invoiceOverdue({ invoice: cancelInvoice(inv, '2026-03-02'), today: '2026-03-11' }).active, false);
  });
  test('over- and underspend against the budget pro-rated to elapsed days', () => {
    const base = { serviceId: SV, month: '2026-03', monthBudget: m('31000'), today: '2026-03-11', tolerancePercent: '10' };
    // 10 of 31 days elapsed → 10,000 expected; ±10 % → 9,000 … 11,000 is fine.
    assert.equal(overspend({ ...base, spentToDate: m('11000') }).active, false);
    const over = overspend({ ...base, spentToDate: m('11000.01') });
    assert.equal(over.active, true);
    assert.deepEqual([over.details.expected, over.details.elapsedDays, over.details.deviationPercent], ['10000.00', 10, '10.00']);
    assert.equal(underspend({ ...base, spentToDate: m('9000') }).active, false);
    assert.equal(underspend({ ...base, spentToDate: m('8999.99') }).active, true);
    // The first days: too little elapsed to judge (yesterday's spend may not be synced yet). After the month: the whole budget.
    assert.equal(underspend({ ...base, today: '2026-03-01', spentToDate: m('0') }).active, false);
    assert.equal(underspend({ ...base, today: '2026-03-03', spentToDate: m('0') }).active, false);
    assert.equal(underspend({ ...base, today: '2026-03-04', spentToDate: m('0') }).active, true);
    assert.equal(overspend({ ...base, today: '2026-04-15', spentToDate: m('34100.01') }).active, true);
    assert.equal(overspend({ ...base, today: '2026-04-15', spentToDate: m('34100') }).active, false);
  });
  test('property: over and under are never active together, and neither at exactly the expected pace', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 50 }), (budget, spent, d, tol) => {
        const input = { serviceId: SV, month: '2026-03', monthBudget: money(budget * 31n, 'UAH'), spentToDate: money(spent, 'UAH'), today: addDays('2026-03-01', d), tolerancePercent: String(tol) };
        assert.ok(!(overspend(input).active && underspend(input).active));
        const exact = { ...input, spentToDate: money(budget * BigInt(d), 'UAH') };
        assert.equal(overspend(exact).active || underspend(exact).active, false);
      }),
      { numRuns: 200 },
    );
  });
  test('ads stopped: zero spend reported for yesterday on an active service', () => {
    const input = { serviceId: SV, status: 'active' as const, today: '2026-03-10' };
    assert.equal(adsStopped({ ...input, days: [day('2026-03-09', '0')] }).active, true);
    assert.equal(adsStopped({ ...input, days: [day('2026-03-09', '0'), day('2026-03-09', '5')] }).active, false);
    const noData = adsStopped({ ...input, days: [day('2026-03-08', '0')] });
    assert.deepEqual([noData.active, noData.details.hasData], [false, false]);
    assert.equal(adsStopped({ ...input, status: 'paused', days: [day('2026-03-09', '0')] }).active, false);
    assert.equal(adsStopped({ ...input, days: [day('2026-03-09', '0')] }).key, 'alert:ads-stopped:sv-kava');
  });
});
