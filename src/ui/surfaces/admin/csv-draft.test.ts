// CSV upload helpers: costs shown exactly from micros, and only filled optional fields sent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvPayload, microsToDecimal } from './csv-draft';

test('should show micros exactly as a decimal string', () => {
  assert.equal(microsToDecimal('1500000000'), '1500.00');
  assert.equal(microsToDecimal('1234567'), '1.234567');
  assert.equal(microsToDecimal('50000'), '0.05');
  assert.equal(microsToDecimal('0'), '0.00');
  assert.equal(microsToDecimal('-2500000'), '-2.50');
  assert.equal(microsToDecimal('9007199254740993000000'), '9007199254740993.00');
  assert.equal(microsToDecimal('n/a'), 'n/a');
});

test('should send account and currency only when typed, and say whether it is a preview', () => {
  const d = { serviceId: 'sv-1', accountId: ' ', currency: 'uah', fileName: 'x.csv', content: 'date\n' };
  assert.deepEqual(csvPayload(d, true), { serviceId: 'sv-1', fileName: 'x.csv', content: 'date\n', currency: 'UAH', preview: true });
  assert.equal(csvPayload({ ...d, accountId: 'shop' }, false).accountId, 'shop');
});
