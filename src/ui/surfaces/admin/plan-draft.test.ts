// Plans and the bonus formula: what is typed becomes the payload the backend validates, formulas
// round-trip, "no formula" leaves the stored one alone, and empty lines are no targets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateBonusFormula, type BonusFormula } from '../../../domain/kpi';
import { formulaDraft, formulaOf, planDraft, planPayload } from './plan-draft';

test('should round-trip both formula kinds and produce formulas the domain accepts', () => {
  const share: BonusFormula = { kind: 'share-above-threshold', thresholdPercent: '80', sharePercent: '5', kpiFactor: { min: '0.8', max: '1.2' }, capAmount: '20000.00' };
  const tiered: BonusFormula = { kind: 'tiered', tiers: [{ fromPercent: '90', sharePercent: '2' }, { fromPercent: '110', sharePercent: '4' }], ratingFactor: { min: '0.9', max: '1.1' } };
  for (const f of [share, tiered]) {
    const back = formulaOf(formulaDraft(f));
    assert.deepEqual(back, f);
    assert.ok(validateBonusFormula(back).ok);
  }
});

test('should send no formula for "none" and clean decimal commas', () => {
  assert.equal(formulaOf(formulaDraft(null)), undefined);
  const d = { ...formulaDraft(null), kind: 'share-above-threshold' as const, thresholdPercent: ' 75,5 ', sharePercent: '3' };
  assert.deepEqual(formulaOf(d), { kind: 'share-above-threshold', thresholdPercent: '75.5', sharePercent: '3' });
});

test('should keep typed targets per line and leave empty lines out', () => {
  const v = { month: '2026-12', currency: 'UAH', own: false, formula: null, plans: [{ managerAccountId: 'u-man-a', targets: { seo: '100000.00' } }] };
  const d = planDraft(v);
  d.rows[0] = { managerAccountId: 'u-man-a', targets: { seo: '120000', smm: ' ', 'google-ads': '5 000' } };
  d.currency = 'uah';
  const p = planPayload(d);
  assert.deepEqual(p, { month: '2026-12', currency: 'UAH', plans: [{ managerAccountId: 'u-man-a', targets: { seo: '120000', 'google-ads': '5 000' } }] });
});
