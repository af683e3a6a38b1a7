import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TaskSetView } from '../../../shared/api';
import { addDays, downloadBytes, lineTotals, monthEnd, monthsEnding, newRequestId, normaliseDecimal, sumDecimals, taskProgress, todayIn } from './project-utils';

type Item = TaskSetView['items'][number];
const item = (status: Item['status'], estimateHours: number, loggedHours: number): Item => ({
  issueKey: null, summary: 's', role: 'seo-specialist', assigneeAccountId: null, assigneeName: null, estimateHours, loggedHours, status, dueDate: '2026-11-30', extra: false,
});

describe('project page helpers', () => {
  test('should count done and in-progress tasks and hours against the estimate', () => {
    const p = taskProgress([item('done', 2, 2.5), item('in-progress', 4, 1), item('todo', 1.25, 0), item('done', 1, 0.5)]);
    assert.deepEqual(
      { total: p.total, done: p.done, inProgress: p.inProgress, todo: p.todo, estimate: p.estimateHours, logged: p.loggedHours, doneEst: p.doneEstimateHours, doneLogged: p.doneLoggedHours, share: p.doneShare },
      { total: 4, done: 2, inProgress: 1, todo: 1, estimate: 8.25, logged: 4, doneEst: 3, doneLogged: 3, share: 0.5 },
    );
    assert.equal(taskProgress([]).doneShare, 0);
  });

  test('should list months ending with a month across a year end', () => {
    assert.deepEqual(monthsEnding('2027-02', 4), ['2026-11', '2026-12', '2027-01', '2027-02']);
    assert.equal(monthEnd('2028-02'), '2028-02-29');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  });

  test('should make request ids the backend accepts', () => {
    const id = newRequestId(() => '1b2c-3d4e/5f');
    assert.match(id, /^[A-Za-z0-9_-]{8,80}$/);
    assert.notEqual(newRequestId(), newRequestId());
  });

  test('should read typed amounts and compute line totals exactly', () => {
    assert.equal(normaliseDecimal(' 1 500,5 '), '1500.5');
    assert.equal(normaliseDecimal('-3'), null);
    assert.equal(normaliseDecimal('1e3'), null);
    assert.deepEqual(lineTotals('3', '0.1', '20'), { net: '0.30', vat: '0.06', gross: '0.36' });
    assert.deepEqual(lineTotals('1', '10000.00', ''), { net: '10000.00', vat: '0.00', gross: '10000.00' });
    assert.deepEqual(lineTotals('1.5', '33.33', '7'), { net: '50.00', vat: '3.50', gross: '53.50' });
    assert.equal(lineTotals('x', '1', '0'), null);
    assert.equal(sumDecimals(['0.10', '0.20', '1']), '1.30');
  });

  test('should decode base64 and text downloads', () => {
    assert.deepEqual([...downloadBytes({ filename: 'a.pdf', contentType: 'application/pdf', encoding: 'base64', content: Buffer.from('%PDF-1').toString('base64') })], [...Buffer.from('%PDF-1')]);
    assert.deepEqual([...downloadBytes({ filename: 'a.csv', contentType: 'text/csv', encoding: 'utf8', content: 'є' })], [...Buffer.from('є')]);
  });

  test('should give today in the agency zone', () => {
    assert.equal(todayIn('Europe/Kyiv', new Date('2026-11-30T22:30:00Z')), '2026-12-01');
    assert.equal(todayIn('America/New_York', new Date('2026-11-30T22:30:00Z')), '2026-11-30');
  });
});
