import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { LANGUAGES, SERVICE_TYPES } from '../model';
import { BriefAnswersSchema, briefQuestions, checkBriefAnswers } from './brief';
import { funnelStats, median } from './funnel';
import { linkToken, parseSignature, sameToken } from './signing';
import { canMove, LEAD_STAGES } from './stages';
import { DEFAULT_TEMPLATES, DOC_KINDS, PLACEHOLDERS, renderTemplate, unknownPlaceholders, type PlaceholderValues } from './templates';

const hmac = (secret: string, msg: string): string => createHmac('sha256', secret).update(msg).digest('hex');
const values = Object.fromEntries(PLACEHOLDERS.map((p) => [p, `<${p}>`])) as unknown as PlaceholderValues;

describe('stages', () => {
  test('should allow the funnel moves and refuse jumps and moves out of won', () => {
    assert.ok(canMove('new', 'brief-sent'));
    assert.ok(canMove('proposal-sent', 'won'));
    assert.ok(canMove('lost', 'new'));
    assert.equal(canMove('new', 'won'), false);
    assert.equal(canMove('estimate', 'won'), false);
    for (const s of LEAD_STAGES) assert.equal(canMove('won', s), false);
  });
});

describe('brief questionnaires', () => {
  test('should ask common questions plus each service type’s, without repeats, in every language', () => {
    const qs = briefQuestions(['google-ads', 'yandex-direct']);
    const ids = qs.map((q) => q.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.includes('business') && ids.includes('ads-before') && ids.includes('regions'));
    for (const t of SERVICE_TYPES) for (const q of briefQuestions([t])) for (const l of LANGUAGES) assert.ok(q.label[l].length > 3, `${t}/${q.id}/${l}`);
  });

  test('should keep known answers only and report missing, non-numeric and unknown choices', () => {
    const qs = briefQuestions(['google-ads']);
    const r = checkBriefAnswers(qs, { business: 'Bikes', goal: 'Sales', budget: 'lots', 'ads-before': 'maybe', conversion: 'call', regions: 'Lviv', hack: 'x' });
    assert.deepEqual(r, { ok: false, fields: { budget: 'A number, e.g. 25000', 'ads-before': 'Choose one of the options' } });
    const ok = checkBriefAnswers(qs, { business: 'Bikes', goal: 'Sales', budget: '25 000', 'ads-before': 'no', conversion: 'call', regions: 'Lviv', hack: 'x' });
    assert.deepEqual(ok, { ok: true, answers: { business: 'Bikes', goal: 'Sales', budget: '25000', 'ads-before': 'no', conversion: 'call', regions: 'Lviv' } });
    assert.equal(BriefAnswersSchema.safeParse({ 'Bad Key': 'x' }).success, false);
  });
});

describe('document templates', () => {
  test('should fill placeholders as text, split headings and paragraphs, and mark blocks', () => {
    const blocks = renderTemplate('# Offer for {{client.company}}\nline one\nline two\n\n[[services]]\n{{nope}} stays\n[[accept]]', values);
    assert.deepEqual(blocks, [
      { kind: 'heading', text: 'Offer for <client.company>' },
      { kind: 'paragraph', text: 'line one\nline two' },
      { kind: 'services' },
      { kind: 'paragraph', text: '{{nope}} stays' },
      { kind: 'accept' },
    ]);
    assert.deepEqual(unknownPlaceholders('{{client.name}} {{nope}} {{nope}}'), ['nope']);
  });

  test('should leave out optional lines whose placeholders have no value', () => {
    const v = { ...values, 'once.gross': '', 'discount.percent': '10' } as PlaceholderValues;
    assert.deepEqual(renderTemplate('Monthly.\n? Once: {{once.gross}}\n? Discount: {{discount.percent}}%', v), [{ kind: 'paragraph', text: 'Monthly.\nDiscount: 10%' }]);
  });

  test('should ship default templates in en/uk/ru that use only known placeholders', () => {
    for (const k of DOC_KINDS) for (const l of LANGUAGES) {
      assert.deepEqual(unknownPlaceholders(DEFAULT_TEMPLATES[k][l]), [], `${k}/${l}`);
      assert.ok(renderTemplate(DEFAULT_TEMPLATES[k][l], values).some((b) => b.kind === 'services'));
    }
    assert.notEqual(DEFAULT_TEMPLATES.proposal.uk, DEFAULT_TEMPLATES.proposal.en);
  });
});

describe('signed links and form signatures', () => {
  test('should give each lead and purpose its own token', () => {
    const a = linkToken(hmac, 's', 'ld-aaaaaa', 'brief');
    assert.match(a, /^[0-9a-f]{40}$/);
    assert.notEqual(a, linkToken(hmac, 's', 'ld-aaaaaa', 'accept'));
    assert.notEqual(a, linkToken(hmac, 's', 'ld-bbbbbb', 'brief'));
    assert.notEqual(a, linkToken(hmac, 't', 'ld-aaaaaa', 'brief'));
    assert.ok(sameToken(a, a));
    assert.equal(sameToken(a, a.slice(0, 39) + (a.endsWith('0') ? '1' : '0')), false);
  });

  test('should parse signatures and reject malformed ones', () => {
    const mac = 'a'.repeat(64);
    assert.deepEqual(parseSignature(`t=1700000000,n=abcdefghijklmnop,v1=${mac}`), { timestamp: 1700000000, nonce: 'abcdefghijklmnop', mac });
    for (const bad of [undefined, 't=1,v1=x', `t=abc,n=abcdefghijklmnop,v1=${mac}`, `t=1,n=short,v1=${mac}`, `t=1,n=abcdefghijklmnop,v1=${mac.toUpperCase()}`]) assert.equal(typeof parseSignature(bad), 'string');
  });
});

describe('funnel', () => {
  test('should count leads per month in the agency time zone, reach and conversion per stage, and the median time to invoice', () => {
    const h = (stages: string[], start: string) => stages.map((stage, i) => ({ stage: stage as (typeof LEAD_STAGES)[number], at: new Date(Date.parse(start) + i * 3_600_000).toISOString() }));
    const stats = funnelStats(
      [
        { createdAt: '2026-10-31T22:30:00Z', history: h(['new', 'brief-sent', 'brief-received', 'estimate', 'proposal-sent', 'won'], '2026-10-31T22:30:00Z'), firstInvoiceAt: '2026-11-01T04:30:00Z' },
        { createdAt: '2026-11-02T10:00:00Z', history: h(['new', 'estimate', 'proposal-sent', 'won'], '2026-11-02T10:00:00Z'), firstInvoiceAt: '2026-11-02T12:00:00Z' },
        { createdAt: '2026-11-03T10:00:00Z', history: h(['new', 'brief-sent', 'lost'], '2026-11-03T10:00:00Z'), lostReason: 'price' },
        { createdAt: '2026-10-10T10:00:00Z', history: h(['new'], '2026-10-10T10:00:00Z') },
      ],
      'Europe/Kyiv',
    );
    // 22:30 UTC on 31 Oct is 1 Nov in Kyiv.
    assert.deepEqual(stats.months, [{ month: '2026-10', leads: 1, won: 0, lost: 0 }, { month: '2026-11', leads: 3, won: 2, lost: 1 }]);
    assert.deepEqual(stats.stages.map((s) => [s.stage, s.reached, s.conversionPercent]), [
      ['new', 4, null],
      ['brief-sent', 3, 75],
      ['brief-received', 2, 66.7],
      ['estimate', 2, 100],
      ['proposal-sent', 2, 100],
      ['won', 2, 100],
    ]);
    assert.deepEqual(stats.lostReasons, [{ reason: 'price', count: 1 }]);
    assert.equal(stats.medianHoursToInvoice, 4);
  });

  test('property: the median lies between the smallest and largest value', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 50 }), (xs) => {
      const m = median(xs) as number;
      assert.ok(m >= Math.min(...xs) && m <= Math.max(...xs));
    }));
  });
});
