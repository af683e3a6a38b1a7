// The three catalogues stay complete and consistent; formatting is exact and locale-aware.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageOf, toAppContext } from '../platform/context';
import { createI18n, formatMoney, interpolate } from './i18n';
import { en, type MessageKey } from './messages-en';
import { ru } from './messages-ru';
import { uk } from './messages-uk';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
// Texts that are legitimately the same in every language.
const SAME_EVERYWHERE = new Set<MessageKey>(['common.none', 'project.monthTitle']);

for (const [name, cat] of [['uk', uk], ['ru', ru]] as const) {
  test(`${name}: every key translated, same placeholders, nothing left in English`, () => {
    const keys = Object.keys(en) as MessageKey[];
    assert.deepEqual(Object.keys(cat).sort(), [...keys].sort());
    const untranslated: string[] = [];
    for (const k of keys) {
      assert.ok(cat[k].trim().length > 0, `${name} ${k} is empty`);
      assert.deepEqual(placeholders(cat[k]), placeholders(en[k]), `${name} ${k} placeholders`);
      if (cat[k] === en[k] && !SAME_EVERYWHERE.has(k)) untranslated.push(k);
    }
    assert.deepEqual(untranslated, []);
  });
}

test('uk and ru differ where the languages differ', () => {
  assert.notEqual(uk['issue.notService.title'], ru['issue.notService.title']);
  assert.match(uk['common.hours'], /год/);
  assert.match(ru['common.hours'], /ч/);
});

test('interpolate fills known names and leaves unknown ones visible', () => {
  assert.equal(interpolate('{a} of {b}', { a: 1, b: 'x' }), '1 of x');
  assert.equal(interpolate('{a} {missing}', { a: 1 }), '1 {missing}');
});

test('money is formatted from the decimal string, exactly, per locale', () => {
  // The currency sign depends on the ICU version (грн or ₴); the digits must not.
  assert.match(formatMoney('15000.00', 'UAH', 'uk-UA').replace(/\s/g, ' '), /^15 000,00 (грн|₴)$/);
  assert.match(formatMoney('123456789012.35', 'USD', 'en-GB'), /123,456,789,012\.35$/);
  assert.match(formatMoney('0.1', 'EUR', 'en-GB'), /0\.10$/);
  assert.equal(formatMoney('oops', 'EUR', 'en-GB'), 'oops EUR');
});

test('hours, months, dates and labels in each language', () => {
  const u = createI18n('uk');
  assert.equal(u.hours(17.25).replace(/\s/g, ' '), '17,25 год');
  assert.equal(u.month('2026-11'), 'Листопад 2026');
  assert.equal(u.serviceType('targeted-ads'), 'Таргетована реклама');
  assert.equal(createI18n('en').date('2026-11-04'), '4 Nov');
  assert.equal(createI18n('ru').role('copywriter'), 'Копирайтер');
});

test('locale → language with English fallback; context parsing is defensive', () => {
  assert.equal(languageOf('uk-UA'), 'uk');
  assert.equal(languageOf('ru_RU'), 'ru');
  assert.equal(languageOf('de-DE'), 'en');
  assert.equal(languageOf(undefined), 'en');
  const c = toAppContext({ moduleKey: 'm', locale: 'uk-UA', extension: { type: 'jira:issueContext', project: { id: 10, key: 'ABC' }, issue: 'junk' }, theme: { colorMode: 'dark' } });
  assert.equal(c.language, 'uk');
  assert.deepEqual(c.project, { id: '10', key: 'ABC', type: '' });
  assert.equal(c.issue, null);
  assert.equal(c.colorMode, 'dark');
  assert.equal(c.accountId, null);
});
