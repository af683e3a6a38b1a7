import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { targetInput, targetText } from './kpi-targets';

describe('KPI target fields', () => {
  test('should send percent targets as fractions and show them back in percent', () => {
    assert.equal(targetInput('percent', '5,1'), 0.051);
    assert.equal(targetText('percent', 0.051), '5.1');
    assert.equal(targetText('percent', targetInput('percent', '12.5') as number), '12.5');
  });

  test('should keep money as a decimal string and counts as numbers', () => {
    assert.equal(targetInput('money', ' 1500.50 '), '1500.50');
    assert.equal(targetInput('count', '300'), 300);
    assert.equal(targetText('count', 300), '300');
  });

  test('should remove a target when emptied and refuse what is not a number', () => {
    assert.equal(targetInput('count', '  '), null);
    assert.equal(targetInput('count', 'ten'), undefined);
    assert.equal(targetInput('percent', '5%'), undefined);
    assert.equal(targetText('count', undefined), '');
  });
});
