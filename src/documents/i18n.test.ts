import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fill, kpiStatusLabel, reportTexts, roleLabel, serviceTypeName, sourceLabel } from './i18n';
import { REPORT_SOURCES } from './report-model';

describe('report texts', () => {
  const en = reportTexts('en');
  const uk = reportTexts('uk');
  const ru = reportTexts('ru');
  const keys = Object.keys(en) as (keyof typeof en)[];

  test('should have every text, non-empty, in all three languages', () => {
    for (const t of [uk, ru]) assert.deepEqual(Object.keys(t).sort(), [...keys].sort());
    for (const t of [en, uk, ru]) for (const k of keys) assert.notEqual(t[k].trim(), '', k);
  });

  test('should really be translated: Ukrainian and Russian letters where they belong', () => {
    const untranslated = keys.filter((k) => uk[k] === en[k] && !k.startsWith('source') && k !== 'kpi' && k !== 'noData');
    assert.deepEqual(untranslated, []);
    for (const k of keys) {
      assert.doesNotMatch(uk[k], /[ыэъё]/i, `uk.${k} has Russian-only letters`);
      assert.doesNotMatch(ru[k], /[іїєґ]/i, `ru.${k} has Ukrainian-only letters`);
    }
  });

  test('should keep the same placeholders in every language', () => {
    const ph = (s: string): string[] => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of keys) {
      assert.deepEqual(ph(uk[k]), ph(en[k]), `uk.${k}`);
      assert.deepEqual(ph(ru[k]), ph(en[k]), `ru.${k}`);
    }
  });

  test('should fill placeholders without interpreting replacement patterns', () => {
    assert.equal(fill(uk.pageOf, { n: 2, m: 5 }), 'Сторінка 2 з 5');
    assert.equal(fill(en.chartData, { title: "$& $' {m}" }), "Chart data: $& $' {m}");
    assert.equal(fill('{a} {b}', { a: 1 }), '1 {b}');
  });

  test('should name sources, statuses, roles and service types', () => {
    for (const s of REPORT_SOURCES) for (const l of ['en', 'uk', 'ru'] as const) assert.ok(sourceLabel(s, l));
    assert.equal(sourceLabel('yandex-metrica', 'uk'), 'Яндекс Метрика');
    assert.equal(kpiStatusLabel('off-track', 'ru'), 'Не выполняется');
    assert.equal(roleLabel('ppc-specialist', 'uk'), 'PPC-спеціаліст');
    assert.equal(roleLabel('Epic: Launch', 'uk'), 'Epic: Launch');
    assert.equal(serviceTypeName('targeted-ads', 'ru'), 'Таргетированная реклама');
  });
});
