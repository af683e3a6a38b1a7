import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CurrencyMismatchError, InvalidAmountError } from './errors';
import { feeAccrual, commissionAccrual, rollupFromEntries } from './ledger';
import { type Money, formatMoney, money, parseMoney } from './money';
import { type ProfitabilityInput, labourCost, profitability, revenueFromRollup, roleOf } from './profitability';

const m = (text: string): Money => parseMoney(text, 'UAH');

function input(overrides: Partial<ProfitabilityInput> = {}): ProfitabilityInput {
  return {
    serviceId: 'sv-kava',
    period: '2026-03',
    currency: 'UAH',
    fees: m('15000'),
    commission: m('1833.33'),
    worklogs: [
      { accountId: 'acc-manager', seconds: 7200 },
      { accountId: 'acc-manager', seconds: 1800 },
      { accountId: 'acc-seo', seconds: 37200 },
      { accountId: 'acc-designer', seconds: 3601, role: 'designer' },
    ],
    team: { manager: ['acc-manager'], 'seo-specialist': ['acc-seo'] },
    rates: { byAccount: { 'acc-manager': '400' }, byRole: { 'seo-specialist': '350.5' }, default: '300' },
    otherCosts: [{ label: 'Tools', amount: m('500') }],
    allowanceHours: 20,
    ...overrides,
  };
}

describe('profitability of a month', () => {
  test('should compute a hand-checked month', () => {
    const p = profitability(input());
    assert.deepEqual(
      p.people.map((x) => [x.accountId, x.role, x.hours, x.rateSource, formatMoney(x.cost)]),
      [
        ['acc-designer', 'designer', '1.00', 'default', '300.08'], // 3601 s × 300 / 3600 = 300.083…
        ['acc-manager', 'manager', '2.50', 'person', '1000.00'],
        ['acc-seo', 'seo-specialist', '10.33', 'role', '3621.83'], // 37200 s × 350.5 / 3600 = 3621.833…
      ],
    );
    assert.equal(formatMoney(p.revenue), '16833.33');
    assert.equal(formatMoney(p.labourCost), '4921.91');
    assert.equal(formatMoney(p.otherCosts), '500.00');
    assert.equal(formatMoney(p.margin), '11411.42');
    assert.equal(p.marginPercent, '67.79');
    assert.equal(p.complete, true);
    assert.deepEqual([p.hoursUsed, p.allowanceHours, p.hoursLeft, p.allowanceUsedPercent, p.overAllowance], ['13.83', '20.00', '6.17', '69.17', false]);
  });
  test('should list time without a rate instead of guessing', () => {
    const p = profitability(input({ rates: { byAccount: { 'acc-manager': '400' } } }));
    assert.equal(p.complete, false);
    assert.deepEqual(p.unrated, [
      { accountId: 'acc-designer', seconds: 3601 },
      { accountId: 'acc-seo', seconds: 37200 },
    ]);
    assert.equal(formatMoney(p.labourCost), '1000.00');
  });
  test('should handle no revenue, going over the allowance and a loss', () => {
    const p = profitability(input({ fees: m('0'), commission: m('0'), allowanceHours: 10 }));
    assert.equal(p.marginPercent, null);
    assert.equal(formatMoney(p.margin), '-5421.91');
    assert.deepEqual([p.overAllowance, p.hoursLeft, p.allowanceUsedPercent], [true, '-3.83', '138.34']);
    assert.equal(profitability(input({ allowanceHours: 0 })).allowanceUsedPercent, null);
    assert.equal(profitability(input({ allowanceHours: undefined })).allowanceHours, null);
  });
  test('should refuse bad input', () => {
    assert.throws(() => profitability(input({ fees: parseMoney('1', 'USD') })), CurrencyMismatchError);
    assert.throws(() => profitability(input({ otherCosts: [{ label: 'x', amount: parseMoney('1', 'USD') }] })), CurrencyMismatchError);
    assert.throws(() => profitability(input({ worklogs: [{ accountId: 'a', seconds: -1 }] })), InvalidAmountError);
    assert.throws(() => profitability(input({ worklogs: [{ accountId: 'a', seconds: 1.5 }] })), InvalidAmountError);
    assert.throws(() => profitability(input({ rates: { default: '-1' } })), InvalidAmountError);
  });
  test('should take revenue from the ledger rollup, net of VAT', () => {
    const key = { serviceId: 'sv-kava', period: '2026-03', currency: 'UAH' };
    const r = rollupFromEntries(key, [
      feeAccrual({ serviceId: 'sv-kava', period: '2026-03', date: '2026-03-01', amount: m('15000'), vat: m('3000') }),
      commissionAccrual({ serviceId: 'sv-kava', period: '2026-03', date: '2026-03-31', amount: m('1833.33'), vat: m('366.67') }),
    ]);
    const rev = revenueFromRollup(r);
    assert.deepEqual([formatMoney(rev.fees), formatMoney(rev.commission)], ['15000.00', '1833.33']);
    assert.equal(roleOf({ analyst: ['x'], manager: ['y'] }, 'y'), 'manager');
    assert.equal(roleOf(undefined, 'y'), null);
  });
  test('property: margin = revenue − labour − other exactly; each cost within half a unit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ who: fc.integer({ min: 0, max: 4 }), seconds: fc.integer({ min: 0, max: 200 * 3600 }) }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 200_000 }),
        (logs, rateCents) => {
          const rate = (rateCents / 100).toFixed(2);
          const p = profitability(input({ worklogs: logs.map((l) => ({ accountId: `acc-${l.who}`, seconds: l.seconds })), rates: { default: rate } }));
          assert.equal(p.margin.amountMinor, p.revenue.amountMinor - p.labourCost.amountMinor - p.otherCosts.amountMinor);
          for (const person of p.people) {
            // |cost·3600·100 − seconds·rateCents·100| ≤ 3600·100/2
            const diff = person.cost.amountMinor * 360000n - BigInt(person.seconds) * BigInt(rateCents) * 100n;
            assert.ok(diff <= 180000n && diff >= -180000n);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
  test('should cost one person exactly', () => {
    assert.equal(formatMoney(labourCost(1800, '333.33', 'UAH')), '166.67'); // 166.665 → half-up
    assert.equal(formatMoney(labourCost(3600, '1000', 'JPY')), '1000');
    assert.deepEqual(labourCost(0, '500', 'UAH'), money(0n, 'UAH'));
  });
});
