import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SERVICE_TYPES } from '../model';
import { ruleAppliesInMonth } from '../month-rules';
import { TemplateInputSchema, toFieldErrors } from '../schemas';
import { DEFAULT_CATALOG, defaultTemplatesFor } from './index';

const CYRILLIC = /[\u0400-\u04FF]/;
const UK_ONLY = /[іїєґІЇЄҐ]/;
const RU_ONLY = /[ыэёъЫЭЁЪ]/;

describe('default catalog', () => {
  test('every template passes the same validation as user input', () => {
    for (const t of DEFAULT_CATALOG) {
      const r = TemplateInputSchema.safeParse(t);
      assert.ok(r.success, `${t.id}: ${r.success ? '' : JSON.stringify(toFieldErrors(r.error))}`);
    }
  });

  test('ids are unique, deterministic and prefixed by type', () => {
    const ids = DEFAULT_CATALOG.map((t) => t.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const t of DEFAULT_CATALOG) assert.ok(t.id.startsWith(`tt-${t.serviceType}-`), t.id);
    assert.ok(ids.includes('tt-seo-keyword-research'));
  });

  test('all five types have 10–16 tasks, first month and month 2 are both non-empty', () => {
    for (const type of SERVICE_TYPES) {
      const ts = defaultTemplatesFor(type);
      assert.ok(ts.length >= 10 && ts.length <= 16, `${type}: ${ts.length}`);
      for (const m of [1, 2, 3, 6, 12]) assert.ok(ts.some((t) => ruleAppliesInMonth(t.rule, m)), `${type} month ${m}`);
      // Month 1 is not month 6: the sets differ.
      const ids = (m: number) => ts.filter((t) => ruleAppliesInMonth(t.rule, m)).map((t) => t.id).join();
      assert.notEqual(ids(1), ids(6), type);
      assert.ok(ts.some((t) => t.rule.kind === 'every-month' && t.labels.includes('reporting')), `${type} has a monthly report`);
    }
  });

  test('texts exist in all three languages and look like the right language', () => {
    for (const t of DEFAULT_CATALOG) {
      for (const text of [t.title, t.description, ...t.checklist]) {
        assert.ok(text.en && text.uk && text.ru, `${t.id}: missing translation`);
        assert.ok(!CYRILLIC.test(text.en), `${t.id}: Cyrillic in English "${text.en}"`);
        assert.ok(!RU_ONLY.test(text.uk ?? ''), `${t.id}: Russian letters in Ukrainian "${text.uk}"`);
        assert.ok(!UK_ONLY.test(text.ru ?? ''), `${t.id}: Ukrainian letters in Russian "${text.ru}"`);
      }
      assert.ok(t.checklist.length >= 2, `${t.id}: checklist`);
    }
  });

  test('defaultTemplatesFor returns copies', () => {
    const a = defaultTemplatesFor('seo');
    a[0]!.labels.push('changed');
    assert.ok(!defaultTemplatesFor('seo')[0]!.labels.includes('changed'));
  });

  test('roles fit the service type', () => {
    const seoRoles = new Set(defaultTemplatesFor('seo').map((t) => t.role));
    assert.ok(seoRoles.has('seo-specialist') && seoRoles.has('copywriter') && seoRoles.has('manager'));
    assert.ok(defaultTemplatesFor('smm').some((t) => t.role === 'designer'));
    assert.ok(defaultTemplatesFor('targeted-ads').some((t) => t.role === 'targetologist'));
  });
});
