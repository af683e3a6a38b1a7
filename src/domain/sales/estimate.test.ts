import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMoney } from '../money';
import { DEFAULT_PRICE_LIST, EstimateError, PriceListSchema, computeEstimate, estimateServiceTypes, type PriceList } from './estimate';

const list: PriceList = {
  currency: 'UAH',
  vatRatePercent: '20',
  items: [
    { id: 'seo', kind: 'package', serviceType: 'seo', billing: 'monthly', price: '18000.00', hours: 30, name: { en: 'SEO', uk: 'SEO', ru: 'SEO' } },
    { id: 'odd', kind: 'option', billing: 'monthly', price: '333.33', hours: 1, name: { en: 'Odd', uk: 'Непарне', ru: 'Нечётное' } },
    { id: 'audit', kind: 'option', billing: 'once', price: '9000.00', name: { en: 'Audit', uk: 'Аудит', ru: 'Аудит' } },
  ],
};

describe('estimate arithmetic', () => {
  test('should apply the discount to each group and VAT to the discounted net', () => {
    const e = computeEstimate(list, { lines: [{ itemId: 'seo', quantity: 1 }, { itemId: 'audit', quantity: 1 }], discountPercent: '10' }, 'uk');
    assert.deepEqual(e.monthly, { subtotal: '18000.00', discount: '1800.00', net: '16200.00', vat: '3240.00', gross: '19440.00' });
    assert.deepEqual(e.once, { subtotal: '9000.00', discount: '900.00', net: '8100.00', vat: '1620.00', gross: '9720.00' });
    assert.equal(e.firstInvoiceGross, '29160.00');
    assert.equal(e.hoursPerMonth, 30);
    assert.equal(e.lines[1]?.name, 'Аудит');
    assert.deepEqual(estimateServiceTypes(e), ['seo']);
  });

  test('should round half-up to the kopiyka at each step', () => {
    // 3 × 333.33 = 999.99; 7.5 % of it = 74.99925 → 75.00; net 924.99; VAT 20 % = 184.998 → 185.00
    const e = computeEstimate(list, { lines: [{ itemId: 'odd', quantity: 3 }], discountPercent: '7.5' }, 'en');
    assert.deepEqual(e.monthly, { subtotal: '999.99', discount: '75.00', net: '924.99', vat: '185.00', gross: '1109.99' });
    assert.equal(e.once.gross, '0.00');
  });

  test('should refuse items that are not in the price list', () => {
    assert.throws(() => computeEstimate(list, { lines: [{ itemId: 'nope', quantity: 1 }], discountPercent: '0' }, 'en'), EstimateError);
  });

  test('should accept the default price list and refuse duplicate ids', () => {
    assert.ok(PriceListSchema.safeParse(DEFAULT_PRICE_LIST).success);
    assert.equal(PriceListSchema.safeParse({ ...list, items: [list.items[0], list.items[0]] }).success, false);
  });

  test('property: net + VAT = gross exactly, and the discount never exceeds the subtotal', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ itemId: fc.constantFrom('seo', 'odd', 'audit'), quantity: fc.integer({ min: 1, max: 100 }) }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 10_000 }).map((bp) => (bp / 100).toFixed(2)),
        fc.integer({ min: 0, max: 3_000 }).map((bp) => (bp / 100).toFixed(2)),
        (lines, discount, vat) => {
          const e = computeEstimate(list, { lines, discountPercent: discount, vatRatePercent: vat }, 'en');
          for (const g of [e.monthly, e.once]) {
            const m = (s: string) => parseMoney(s, 'UAH').amountMinor;
            assert.equal(m(g.net) + m(g.vat), m(g.gross));
            assert.equal(m(g.subtotal) - m(g.discount), m(g.net));
            assert.ok(m(g.discount) <= m(g.subtotal) && m(g.discount) >= 0n);
          }
          const sumLines = e.lines.reduce((a, l) => a + parseMoney(l.amount, 'UAH').amountMinor, 0n);
          assert.equal(sumLines, parseMoney(e.monthly.subtotal, 'UAH').amountMinor + parseMoney(e.once.subtotal, 'UAH').amountMinor);
        },
      ),
    );
  });
});
