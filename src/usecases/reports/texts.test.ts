// The Jira texts of the report cycle exist in every language and carry the ids people need.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportIssueTexts } from './texts';

test('review, notification and escalation texts are translated and name the report', () => {
  const en = reportIssueTexts('en');
  for (const lang of ['uk', 'ru'] as const) {
    const t = reportIssueTexts(lang);
    assert.notEqual(t.reviewSummary('Acme', '2026-10-01', '2026-10-31'), en.reviewSummary('Acme', '2026-10-01', '2026-10-31'));
    assert.match(t.reviewBody('Звіт', 'rp-1'), /rp-1/);
    assert.match(t.escalationSummary(2, 'X'), /2\/5/);
    assert.match(t.feedbackBody(4, 'Дякуємо'), /Дякуємо$/);
  }
  assert.equal(en.feedbackBody(5, ''), 'The client rated the report 5 of 5.');
  assert.match(reportIssueTexts('uk').reviewSummary('Acme', 'a', 'b'), /^Перевірити/);
  assert.match(reportIssueTexts('ru').reviewSummary('Acme', 'a', 'b'), /^Проверить/);
});
