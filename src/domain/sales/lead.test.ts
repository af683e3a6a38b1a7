import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findDuplicates, normalizeEmail, normalizePhone, normalizeSite, plainLine, toLeadContact } from './lead';

describe('lead contact normalisation', () => {
  test('should lower-case e-mails and refuse non-addresses', () => {
    assert.equal(normalizeEmail('  Olena@Kitchens.EXAMPLE '), 'olena@kitchens.example');
    for (const bad of ['olena', 'a@b', '<a@b.example>', 'a b@c.example', '']) assert.equal(normalizeEmail(bad), null, bad);
  });

  test('should write phones as + and digits, with Ukrainian local and 00 prefixes', () => {
    assert.equal(normalizePhone('+380 (67) 123-45-67'), '+380671234567');
    assert.equal(normalizePhone('067 123 45 67'), '+380671234567');
    assert.equal(normalizePhone('00380671234567'), '+380671234567');
    assert.equal(normalizePhone('8 067 123 45 67'), '+380671234567');
    assert.equal(normalizePhone('12345'), null);
    assert.equal(normalizePhone('call me'), null);
  });

  test('should read the host of a site without www, scheme or path', () => {
    assert.equal(normalizeSite('https://www.Shop.example/contacts?x=1'), 'shop.example');
    assert.equal(normalizeSite('shop.example'), 'shop.example');
    assert.equal(normalizeSite('javascript:alert(1)'), null);
    assert.equal(normalizeSite('not a site'), null);
  });

  test('should strip control characters but keep markup as text for escaping later', () => {
    assert.equal(plainLine('A\u0000B\u202eC <b>x</b>\n y'), 'ABC <b>x</b> y');
  });

  test('should refuse unknown fields, wrong types and a lead nobody can be reached at', () => {
    assert.throws(() => toLeadContact({ name: 'x', email: 'a@b.example', extra: 1 }, 'web'));
    assert.throws(() => toLeadContact({ name: 42, email: 'a@b.example' }, 'web'));
    assert.throws(() => toLeadContact({ name: 'x' }, 'web'));
    assert.throws(() => toLeadContact({ name: 'x', email: 'a@b.example', serviceTypes: ['seo', 'poker'] }, 'web'));
    const c = toLeadContact({ name: ' Olena ', phone: '067 123 45 67', serviceTypes: ['seo', 'seo'] }, 'web');
    assert.deepEqual([c.name, c.phone, c.email, c.serviceTypes, c.source, c.language], ['Olena', '+380671234567', null, ['seo'], 'web', 'en']);
  });

  test('should find duplicates by e-mail, phone or site, strongest first', () => {
    const existing = [
      { id: 'ld-a', contact: { email: 'a@x.example', phone: null, siteHost: 'x.example' } },
      { id: 'ld-b', contact: { email: 'b@y.example', phone: '+380671234567', siteHost: null } },
      { id: 'ld-c', contact: { email: null, phone: null, siteHost: null } },
    ];
    assert.deepEqual(findDuplicates({ email: 'a@x.example', phone: '+380671234567', siteHost: 'x.example' }, existing), [
      { leadId: 'ld-a', by: ['email', 'site'] },
      { leadId: 'ld-b', by: ['phone'] },
    ]);
    assert.deepEqual(findDuplicates({ email: null, phone: null, siteHost: null }, existing), []);
  });

  test('property: normalised phones are + and 7–15 digits, and normalising twice changes nothing', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[+0-9 ()-]{0,24}$/), (raw) => {
        const p = normalizePhone(raw);
        if (p === null) return;
        assert.match(p, /^\+\d{7,15}$/);
        assert.equal(normalizePhone(p), p);
      }),
    );
  });

  test('property: e-mail normalisation is idempotent and lower-case', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (raw) => {
        const e = normalizeEmail(raw);
        if (e === null) return;
        assert.equal(e, e.toLowerCase());
        assert.equal(normalizeEmail(e), e);
      }),
    );
  });
});
