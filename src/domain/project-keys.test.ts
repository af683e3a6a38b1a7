import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SERVICE_TYPES } from './model';
import {
  JIRA_PROJECT_KEY_RE,
  checkProjectKey,
  cyrillicLanguage,
  deriveProjectKey,
  deriveProjectName,
  deriveSpaceKey,
  nameWords,
  transliterate,
} from './project-keys';

const none = new Set<string>();

describe('transliterate', () => {
  test('Ukrainian, official 2010 table', () => {
    assert.equal(transliterate('Кавова Хата'), 'Kavova Khata');
    assert.equal(transliterate('Згорани'), 'Zghorany');
    assert.equal(transliterate('Юрій Їжакевич'), 'Yurii Yizhakevych');
    assert.equal(transliterate('Щастя'), 'Shchastia');
    assert.equal(transliterate("Мар'їне"), 'Marine');
    assert.equal(transliterate('Ґалаґан'), 'Galagan');
    assert.equal(transliterate('Єнакієве'), 'Yenakiieve');
  });

  test('Russian when the text has Russian-only letters or when asked', () => {
    assert.equal(cyrillicLanguage('Строймарт'), 'uk');
    assert.equal(cyrillicLanguage('Объём'), 'ru');
    assert.equal(transliterate('Объём Быта'), 'Obem Byta');
    assert.equal(transliterate('Медлайн Гид', 'ru'), 'Medlayn Gid');
    assert.equal(transliterate('Медлайн Гид', 'uk'), 'Medlain Hyd');
  });

  test('accented Latin becomes plain ASCII', () => {
    assert.equal(transliterate('Café Łódź Straße'), 'Cafe Lodz Strasse');
    assert.equal(transliterate('Ґанок і ёлка'), 'Ganok i elka', 'a letter missing from the chosen table comes from the other');
    assert.equal(transliterate('Қазақ'), 'Kazak');
  });

  test('property: Cyrillic and Latin letters always come out as ASCII', () => {
    const letters = 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёъыэАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯЁЪЫЭ abcXYZ-0123';
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { maxLength: 40 }), (cs) => {
        assert.match(transliterate(cs.join('')), /^[\x20-\x7e]*$/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('deriveProjectKey', () => {
  test('hand-checked keys', () => {
    assert.equal(deriveProjectKey('Кавова Хата', 'seo', none), 'KKSEO');
    assert.equal(deriveProjectKey('Acme Ltd', 'google-ads', none), 'ACMEGA');
    assert.equal(deriveProjectKey('ТОВ «Тепло Дім»', 'yandex-direct', none), 'TDYD');
    assert.equal(deriveProjectKey('ООО Медлайн', 'targeted-ads', none), 'MEDLTA');
    assert.equal(deriveProjectKey('Nordic Lingua School Kyiv Branch', 'smm', none), 'NLSKSMM');
    assert.equal(deriveProjectKey('7 Days', 'seo', none), 'C7DSEO');
    assert.equal(deriveProjectKey('!!!', 'seo', none), 'CLSEO');
    assert.equal(deriveProjectKey('LLC', 'seo', none), 'LLCSEO');
  });

  test('collisions add a number and stay within 10 characters', () => {
    assert.equal(deriveProjectKey('Кавова Хата', 'seo', new Set(['KKSEO'])), 'KKSEO2');
    assert.equal(deriveProjectKey('Кавова Хата', 'seo', new Set(['kkseo', 'KKSEO2'])), 'KKSEO3');
    const taken = new Set<string>(['NLSKSMM']);
    for (let n = 2; n <= 120; n++) taken.add(deriveProjectKey('Nordic Lingua School Kyiv', 'smm', taken));
    for (const k of taken) assert.match(k, JIRA_PROJECT_KEY_RE);
    assert.equal(taken.size, 120);
    assert.ok(taken.has('NLSKSMM100'));
  });

  test('property: always a valid, free Jira key', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.constantFrom(...SERVICE_TYPES),
        fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Z0-9]{1,9}$/), { maxLength: 20 }),
        (name, type, takenList) => {
          const taken = new Set(takenList);
          const key = deriveProjectKey(name, type, taken);
          assert.match(key, JIRA_PROJECT_KEY_RE);
          assert.ok(!taken.has(key));
          assert.equal(deriveProjectKey(name, type, taken), key, 'deterministic');
        },
      ),
      { numRuns: 300 },
    );
  });

  test('checkProjectKey', () => {
    assert.deepEqual(checkProjectKey('ACMESEO', none), { ok: true });
    assert.equal(checkProjectKey('acme', none).ok, false);
    assert.equal(checkProjectKey('A', none).ok, false);
    assert.equal(checkProjectKey('ABCDEFGHIJK', none).ok, false);
    const clash = checkProjectKey('KKSEO', new Set(['kkseo']));
    assert.equal(clash.ok === false && clash.message, 'Project key KKSEO is already taken');
  });
});

describe('names and space keys', () => {
  test('project names', () => {
    assert.equal(deriveProjectName('Кавова Хата', 'seo', 'uk'), 'Кавова Хата · SEO');
    assert.equal(deriveProjectName(' Медлайн ', 'targeted-ads', 'ru'), 'Медлайн · Таргетированная реклама');
    assert.equal(deriveProjectName('Acme  Ltd', 'yandex-direct', 'en'), 'Acme Ltd · Yandex Direct');
    const long = deriveProjectName('x'.repeat(200), 'google-ads', 'en');
    assert.equal(long.length, 80);
    assert.ok(long.endsWith('… · Google Ads'));
  });

  test('space keys', () => {
    assert.equal(deriveSpaceKey('Кавова Хата', none), 'KAVOVAKHAT');
    assert.equal(deriveSpaceKey('Acme Ltd', none), 'ACME');
    assert.equal(deriveSpaceKey('Acme Ltd', new Set(['acme'])), 'ACME2');
    assert.equal(deriveSpaceKey('Кавова Хата', new Set(['KAVOVAKHAT'])), 'KAVOVAKHA2');
    assert.equal(deriveSpaceKey('42', none), 'C42');
    assert.equal(deriveSpaceKey('', none), 'CLIENT');
    assert.deepEqual(nameWords('ТОВ «Зелений Світ»'), ['ZELENYI', 'SVIT']);
  });

  test('property: space keys are upper-case alphanumeric, ≤ 10, free', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Z0-9]{0,9}$/), { maxLength: 20 }), (name, takenList) => {
        const taken = new Set(takenList);
        const key = deriveSpaceKey(name, taken);
        assert.match(key, /^[A-Z][A-Z0-9]{0,9}$/);
        assert.ok(!taken.has(key));
      }),
      { numRuns: 300 },
    );
  });
});
