import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { definitionsFor } from './definitions';
import { type ServiceMonthTargets, carryOverTargets, defaultTargets, resolveTargets, targetsFromInput, validateTargetsInput } from './targets';

const defs = definitionsFor('google-ads');
const set: ServiceMonthTargets = {
  serviceId: 'sv-kava',
  month: '2026-10',
  values: { 'target-actions': 120, ctr: 0.05 },
  origin: 'set',
  setInMonth: '2026-10',
  setBy: 'acc-head',
  setAt: '2026-10-01T08:00:00.000Z',
};

describe('targets', () => {
  test('defaults come from the definitions', () => {
    assert.deepEqual(defaultTargets('sv-kava', '2026-11', defs).values, { 'client-rating': 4, 'hours-used': 1 });
  });
  test('carry over keeps the values and remembers where they were set', () => {
    const next = carryOverTargets(set, '2026-11', { 'hours-used': 1, ctr: 0.03 });
    assert.deepEqual(next, {
      serviceId: 'sv-kava',
      month: '2026-11',
      values: { ctr: 0.05, 'hours-used': 1, 'target-actions': 120 },
      origin: 'carried-over',
      setInMonth: '2026-10',
      setBy: 'acc-head',
      setAt: '2026-10-01T08:00:00.000Z',
    });
    // Carried twice (and across a gap): still "set in October".
    assert.equal(carryOverTargets(next, '2027-02').setInMonth, '2026-10');
    assert.throws(() => carryOverTargets(set, '2026-10'), RangeError);
    assert.throws(() => carryOverTargets(set, '2026-09'), RangeError);
  });
  test('resolveTargets prefers the month’s own, then carry-over, then defaults, and drops unknown KPIs', () => {
    const own = { ...set, month: '2026-11', values: { ctr: 0.04, 'gone-kpi': 5 } };
    assert.deepEqual(resolveTargets({ serviceId: 'sv-kava', month: '2026-11', definitions: defs, stored: own, latestBefore: set }).values, { ctr: 0.04 });
    const carried = resolveTargets({ serviceId: 'sv-kava', month: '2026-11', definitions: defs, stored: null, latestBefore: set });
    assert.equal(carried.origin, 'carried-over');
    assert.deepEqual(carried.values, { 'client-rating': 4, ctr: 0.05, 'hours-used': 1, 'target-actions': 120 });
    assert.equal(resolveTargets({ serviceId: 'sv-kava', month: '2026-11', definitions: defs }).origin, 'default');
  });
  test('the head’s input is checked against the service’s KPIs and units', () => {
    const ok = validateTargetsInput({ serviceId: 'sv-kava', month: '2026-11', values: { 'target-actions': '150', ctr: '0,045', 'cost-per-action': null, 'client-rating': '' } }, defs);
    assert.ok(ok.ok);
    assert.deepEqual(ok.value.values, { 'target-actions': 150, ctr: 0.045, 'cost-per-action': null, 'client-rating': null });
    const stored = targetsFromInput(ok.value, 'acc-head', '2026-11-01T09:00:00.000Z');
    assert.deepEqual(stored.values, { ctr: 0.045, 'target-actions': 150 });
    assert.equal(stored.origin, 'set');

    const bad = validateTargetsInput(
      { serviceId: 'sv-kava', month: '2026-11', values: { 'client-rating': 7, 'target-actions': -1, 'organic-growth-mom': 0.1 } },
      defs,
    );
    const notNumber = validateTargetsInput({ serviceId: 'sv-kava', month: '2026-11', values: { ctr: 'lots' } }, defs);
    assert.deepEqual(notNumber, { ok: false, fields: { 'values.ctr': 'Enter a number' } });
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.match(bad.fields['values.client-rating'] ?? '', /1 and 5/);
      assert.match(bad.fields['values.target-actions'] ?? '', /negative/);
      assert.match(bad.fields['values.organic-growth-mom'] ?? '', /does not apply/);
    }
    const extra = validateTargetsInput({ serviceId: 'sv-kava', month: '2026-13', values: {}, note: 'x' }, defs);
    assert.equal(extra.ok, false);
  });
});
