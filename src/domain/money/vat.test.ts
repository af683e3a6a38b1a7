import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidAmountError } from './errors';
import { type Money, add, formatMoney, money, parseMoney } from './money';
import { canonicalRate, fromGross, fromNet, vatBreakdown, vatOnNet } from './vat';

const m = (text: string, currency = 'UAH'): Money => parseMoney(text, currency);
const f = (x: { net: Money; vat: Money; gross: Money }): string[] => [formatMoney(x.net), formatMoney(x.vat), formatMoney(x.gross)];
const arbRate = fc.integer({ min: 0, max: 10_000 }).map((bp) => (bp / 100).toFixed(2));

describe('VAT from net', () => {
  test('should add 20 % VAT to a net amount', () => {
    assert.deepEqual(f(fromNet(m('1500.00'), '20')), ['1500.00', '300.00', '1800.00']);
  });
  test('should round VAT half-up to the minor unit', () => {
    assert.equal(formatMoney(vatOnNet(m('0.03'), '20')), '0.01'); // 0.006
    assert.equal(formatMoney(vatOnNet(m('0.02'), '20')), '0.00'); // 0.004
    assert.equal(formatMoney(vatOnNet(m('0.05'), '10')), '0.01'); // 0.005 tie → away from zero
    assert.equal(formatMoney(vatOnNet(m('-0.05'), '10')), '-0.01');
    assert.equal(formatMoney(vatOnNet(m('999.99'), '7.5')), '75.00'); // 74.99925
  });
  test('should reject rates outside 0–100 and non-decimal text', () => {
    for (const bad of ['-1', '100.01', '20%', '20,5', '']) assert.throws(() => vatOnNet(m('1'), bad), InvalidAmountError, bad);
    assert.equal(formatMoney(vatOnNet(m('1'), '0')), '0.00');
  });
});

describe('VAT included in gross', () => {
  test('should extract 20 % VAT from a gross amount', () => {
    assert.deepEqual(f(fromGross(m('1800.00'), '20')), ['1500.00', '300.00', '1800.00']);
    assert.deepEqual(f(fromGross(m('100.00'), '20')), ['83.33', '16.67', '100.00']); // 16.666…
    assert.deepEqual(f(fromGross(m('1.00'), '22')), ['0.82', '0.18', '1.00']); // 0.1803…
    assert.deepEqual(f(fromGross(m('0.01'), '100')), ['0.00', '0.01', '0.01']); // 0.005 tie
    assert.deepEqual(f(fromGross(money(2160n, 'JPY'), '20')), ['1800', '360', '2160']);
  });
  test('property: net + VAT = gross, and VAT on that net is within one unit', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), arbRate, (g, rate) => {
        const gross = money(g, 'UAH');
        const split = fromGross(gross, rate);
        assert.deepEqual(add(split.net, split.vat), gross);
        const d = vatOnNet(split.net, rate).amountMinor - split.vat.amountMinor;
        assert.ok(d >= -1n && d <= 1n);
      }),
      { numRuns: 300 },
    );
  });
  test('property: fromNet then fromGross gives back the net within one unit', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), arbRate, (n, rate) => {
        const back = fromGross(fromNet(money(n, 'USD'), rate).gross, rate).net.amountMinor - n;
        assert.ok(back >= -1n && back <= 1n);
      }),
      { numRuns: 300 },
    );
  });
});

describe('per-line rounding', () => {
  test('should total the rounded lines, not round the invoice total', () => {
    const lines = ['0.03', '0.03', '0.03'].map((n) => ({ vatRatePercent: '20', ...fromNet(m(n), '20') }));
    const [row] = vatBreakdown('UAH', lines);
    // Per line: 3 × round(0.006) = 0.03. Per invoice would be round(0.018) = 0.02: not our rule.
    assert.deepEqual(row && f(row), ['0.09', '0.03', '0.12']);
  });
  test('should group lines by canonical rate, ascending', () => {
    const lines = [
      { vatRatePercent: '20.00', ...fromNet(m('100'), '20') },
      { vatRatePercent: '0', ...fromNet(m('50'), '0') },
      { vatRatePercent: '20', ...fromNet(m('10'), '20') },
      { vatRatePercent: '7.50', ...fromNet(m('10'), '7.5') },
    ];
    const rows = vatBreakdown('UAH', lines);
    assert.deepEqual(rows.map((r) => [r.ratePercent, ...f(r)]), [
      ['0', '50.00', '0.00', '50.00'],
      ['7.5', '10.00', '0.75', '10.75'],
      ['20', '110.00', '22.00', '132.00'],
    ]);
    assert.equal(canonicalRate('020.50'), '20.5');
  });
});
