import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { niceScale } from './chart';

describe('niceScale', () => {
  test('should include zero and the data in round steps', () => {
    assert.deepEqual(niceScale(0, 25), { lo: 0, hi: 30, step: 10, ticks: [0, 10, 20, 30] });
    const s = niceScale(1200, 2650);
    assert.equal(s.lo, 0);
    assert.ok(s.hi >= 2650 && s.hi <= 3000);
    assert.ok([500, 1000].includes(s.step));
    const neg = niceScale(-1200.5, 300);
    assert.ok(neg.lo <= -1200.5 && neg.hi >= 300 && neg.ticks.includes(0));
  });

  test('should avoid floating-point dust and fractional steps for integer data', () => {
    const s = niceScale(0, 0.0131);
    assert.deepEqual(s.ticks, [0, 0.005, 0.01, 0.015]);
    assert.deepEqual(niceScale(0, 2, 5, true).ticks, [0, 1, 2]);
    assert.deepEqual(niceScale(0, 0).ticks, [0, 0.25, 0.5, 0.75, 1]);
  });
});
