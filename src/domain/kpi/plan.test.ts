import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CurrencyMismatchError, InvalidAmountError } from '../money/errors';
import { type BonusFormula, type ManagerFulfilment, type ManagerPlan, type TurnoverActual, estimateBonus, planFulfilment, validateBonusFormula, visibleTo } from './plan';

const month = '2026-11';
const plans: ManagerPlan[] = [
  { managerAccountId: 'acc-anna', month, currency: 'UAH', targets: { seo: '100000', 'google-ads': '50000' } },
  { managerAccountId: 'acc-boris', month, currency: 'UAH', targets: { seo: '0' } },
];
const actuals: TurnoverActual[] = [
  { managerAccountId: 'acc-anna', serviceType: 'seo', amount: '60000' },
  { managerAccountId: 'acc-anna', serviceType: 'seo', amount: '45000.50' },
  { managerAccountId: 'acc-anna', serviceType: 'google-ads', amount: '40000' },
  { managerAccountId: 'acc-anna', serviceType: 'smm', amount: '5000' },
  { managerAccountId: 'acc-carl', serviceType: 'google-ads', amount: '1000' },
];
const all = planFulfilment({ month, currency: 'UAH', plans, actuals });
const of = (id: string): ManagerFulfilment => {
  const f = all.find((x) => x.managerAccountId === id);
  assert.ok(f, id);
  return f;
};

describe('planFulfilment', () => {
  test('should compute fulfilment per line and in total with exact decimals', () => {
    const anna = of('acc-anna');
    assert.deepEqual(anna.lines, [
      { serviceType: 'seo', target: '100000.00', actual: '105000.50', percent: '105.00' },
      { serviceType: 'google-ads', target: '50000.00', actual: '40000.00', percent: '80.00' },
      { serviceType: 'smm', target: null, actual: '5000.00', percent: null },
    ]);
    assert.deepEqual(anna.total, { target: '150000.00', actual: '150000.50', percent: '100.00' });
    assert.equal(anna.hasPlan, true);
  });
  test('should list zero targets, plans without turnover and turnover without a plan', () => {
    assert.deepEqual(of('acc-boris').lines, [{ serviceType: 'seo', target: '0.00', actual: '0.00', percent: null }]);
    const carl = of('acc-carl');
    assert.equal(carl.hasPlan, false);
    assert.deepEqual(carl.total, { target: null, actual: '1000.00', percent: null });
    assert.deepEqual(all.map((f) => f.managerAccountId), ['acc-anna', 'acc-boris', 'acc-carl']);
  });
  test('should refuse bad amounts, other currencies and duplicate plans', () => {
    assert.throws(() => planFulfilment({ month, currency: 'UAH', plans: [], actuals: [{ managerAccountId: 'a', serviceType: 'seo', amount: '1,5' }] }), InvalidAmountError);
    assert.throws(() => planFulfilment({ month, currency: 'UAH', plans: [{ ...plans[0]!, currency: 'USD' }], actuals: [] }), CurrencyMismatchError);
    assert.throws(() => planFulfilment({ month, currency: 'UAH', plans: [plans[0]!, plans[0]!], actuals: [] }), InvalidAmountError);
    assert.throws(() => planFulfilment({ month, currency: 'UAH', plans: [{ ...plans[0]!, month: '2026-10' }], actuals: [] }), InvalidAmountError);
  });
  test('the total actual is the exact sum of the amounts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { maxLength: 30 }), (cents) => {
        const rows: TurnoverActual[] = cents.map((c, i) => ({
          managerAccountId: 'acc-x',
          serviceType: i % 2 === 0 ? 'seo' : 'smm',
          amount: `${c / 100n}.${String(c % 100n).padStart(2, '0')}`,
        }));
        const [f] = planFulfilment({ month, currency: 'UAH', plans: [], actuals: rows });
        const total = cents.reduce((a, b) => a + b, 0n);
        if (cents.length === 0) assert.equal(f, undefined);
        else assert.equal(f?.total.actual, `${total / 100n}.${String(total % 100n).padStart(2, '0')}`);
      }),
      { numRuns: 100 },
    );
  });
  test('managers see their own rows, heads see everyone', () => {
    assert.deepEqual(visibleTo(all, { accountId: 'acc-boris', isHead: false }).map((f) => f.managerAccountId), ['acc-boris']);
    assert.equal(visibleTo(all, { accountId: 'acc-head', isHead: true }).length, 3);
    assert.equal(visibleTo(all, { accountId: 'acc-nobody', isHead: false }).length, 0);
  });
});

describe('estimateBonus', () => {
  const share: BonusFormula = {
    kind: 'share-above-threshold',
    thresholdPercent: '90',
    sharePercent: '10',
    kpiFactor: { min: '0.5', max: '1.5' },
    ratingFactor: { min: '0.8', max: '1.2' },
  };
  test('share above threshold, scaled by KPI and rating factors (hand-checked)', () => {
    // Threshold 150000 × 90 % = 135000; excess 15000.50; × 10 % = 1500.05;
    // K = 0.5 + 1 × 0.75 = 1.25; R = 0.8 + 0.4 × (4.2 − 1) / 4 = 1.12; 1500.05 × 1.4 = 2100.07.
    const b = estimateBonus(of('acc-anna'), share, { kpiScore: 0.75, clientRating: 4.2 });
    assert.deepEqual([b.amount, b.base, b.sharePercent, b.kpiFactor, b.ratingFactor, b.assumptions], ['2100.07', '15000.50', '10', '1.2500', '1.1200', []]);
    assert.equal(b.explanation.en, '10 % of 15000.50 above the 90 % threshold × KPI factor 1.2500 × rating factor 1.1200 = 2100.07.');
    assert.match(b.explanation.uk, /понад поріг 90 %/);
    assert.match(b.explanation.ru, /сверх порога 90 %/);
  });
  test('rounds once, half-up, to the minor unit', () => {
    const [f] = planFulfilment({
      month,
      currency: 'UAH',
      plans: [{ managerAccountId: 'acc-x', month, currency: 'UAH', targets: { seo: '100' } }],
      actuals: [{ managerAccountId: 'acc-x', serviceType: 'seo', amount: '100.02' }],
    });
    assert.ok(f);
    // 0.02 × 25 % = 0.005 → 0.01
    assert.equal(estimateBonus(f, { kind: 'share-above-threshold', thresholdPercent: '100', sharePercent: '25' }, { kpiScore: null, clientRating: null }).amount, '0.01');
  });
  test('below the threshold, no plan, missing factors and a cap', () => {
    const high = { ...share, thresholdPercent: '101' };
    assert.deepEqual(estimateBonus(of('acc-anna'), high, { kpiScore: 1, clientRating: 5 }).assumptions, ['below-threshold']);
    const carl = estimateBonus(of('acc-carl'), share, { kpiScore: 1, clientRating: 5 });
    assert.deepEqual([carl.amount, carl.assumptions], ['0.00', ['no-plan']]);
    assert.equal(estimateBonus(of('acc-boris'), share, { kpiScore: 1, clientRating: 5 }).assumptions[0], 'no-plan');
    // Missing score: neutral 1, kept inside [0.5, 0.9] → 0.9; missing rating: 1 inside [0.8, 1.2].
    const assumed = estimateBonus(of('acc-anna'), { ...share, kpiFactor: { min: '0.5', max: '0.9' } }, { kpiScore: null, clientRating: null });
    assert.deepEqual([assumed.kpiFactor, assumed.ratingFactor, assumed.assumptions], ['0.9000', '1.0000', ['kpi-score-missing', 'rating-missing']]);
    assert.equal(assumed.amount, '1350.05'); // 1500.05 × 0.9 = 1350.045 → half-up
    const capped = estimateBonus(of('acc-anna'), { ...share, capAmount: '1000' }, { kpiScore: 1, clientRating: 5 });
    assert.deepEqual([capped.amount, capped.assumptions], ['1000.00', ['capped']]);
    assert.match(capped.explanation.en, /= 1000.00 \(capped\)\.$/);
  });
  test('tiered: the reached tier’s share of the whole turnover, reached exactly', () => {
    const tiered: BonusFormula = {
      kind: 'tiered',
      tiers: [
        { fromPercent: '80', sharePercent: '3' },
        { fromPercent: '100', sharePercent: '5' },
        { fromPercent: '120', sharePercent: '7' },
      ],
    };
    // 150000.50 / 150000 = 100.0003 % → tier 100: 5 % × 150000.50 = 7500.025 → 7500.03
    const b = estimateBonus(of('acc-anna'), tiered, { kpiScore: null, clientRating: null });
    assert.deepEqual([b.amount, b.sharePercent, b.assumptions], ['7500.03', '5', []]);
    // 149999.99 is 99.99999 %, shown rounded as 100.00 % but below the 100 % tier: 3 % → 4499.9997 → 4500.00
    const [f] = planFulfilment({
      month,
      currency: 'UAH',
      plans: [{ managerAccountId: 'acc-y', month, currency: 'UAH', targets: { seo: '150000' } }],
      actuals: [{ managerAccountId: 'acc-y', serviceType: 'seo', amount: '149999.99' }],
    });
    assert.ok(f);
    assert.equal(f.total.percent, '100.00');
    const edge = estimateBonus(f, tiered, { kpiScore: null, clientRating: null });
    assert.deepEqual([edge.amount, edge.sharePercent], ['4500.00', '3']);
    const [low] = planFulfilment({ month, currency: 'UAH', plans: [{ managerAccountId: 'z', month, currency: 'UAH', targets: { seo: '100' } }], actuals: [] });
    assert.ok(low);
    assert.deepEqual(estimateBonus(low, tiered, { kpiScore: null, clientRating: null }).assumptions, ['below-threshold']);
  });
  test('the formula schema refuses what the head cannot mean', () => {
    assert.ok(validateBonusFormula({ kind: 'share-above-threshold', thresholdPercent: 90, sharePercent: '7,5' }).ok);
    const bad = (input: unknown, pattern: RegExp) => {
      const r = validateBonusFormula(input);
      assert.equal(r.ok, false);
      if (!r.ok) assert.ok(Object.values(r.fields).some((m) => pattern.test(m)), JSON.stringify(r.fields));
    };
    bad({ kind: 'tiered', tiers: [{ fromPercent: '100', sharePercent: '5' }, { fromPercent: '90', sharePercent: '3' }] }, /increasing/);
    bad({ kind: 'tiered', tiers: [] }, /at least one tier/);
    bad({ kind: 'share-above-threshold', thresholdPercent: '90', sharePercent: '150' }, /cannot exceed 100/);
    bad({ kind: 'share-above-threshold', thresholdPercent: '90', sharePercent: '10', kpiFactor: { min: '2', max: '1' } }, /minimum factor/);
    bad({ kind: 'share-above-threshold', thresholdPercent: '90', sharePercent: '10', bonusForMe: true }, /Unknown field/);
    bad({ kind: 'lottery' }, /./);
    bad({ kind: 'share-above-threshold', thresholdPercent: '-5', sharePercent: '10' }, /non-negative/);
  });
});
