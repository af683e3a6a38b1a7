import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeEstimate, DEFAULT_PRICE_LIST, PLACEHOLDERS, renderTemplate, type PlaceholderValues } from '../../domain/sales';
import { renderBriefStorage, renderDocPdf, renderDocStorage } from './render';

const evil = '<script>alert(1)</script><ac:structured-macro ac:name="html">x</ac:structured-macro>&amp;"\'';
const values = Object.fromEntries(PLACEHOLDERS.map((p) => [p, evil])) as unknown as PlaceholderValues;
const estimate = computeEstimate(DEFAULT_PRICE_LIST, { lines: [{ itemId: 'seo-start', quantity: 1 }], discountPercent: '0' }, 'en');
const macro = { appId: 'app-1', environmentId: 'env-1' };

describe('sales documents rendering', () => {
  test('should escape every value and template text in the page, and keep only our own macro', () => {
    const blocks = renderTemplate(`# ${evil} {{client.company}}\n{{client.name}}\n[[services]]\n[[accept]]`, values);
    const r = renderDocStorage({ title: 't', blocks, estimate, language: 'en', macro, leadId: 'ld-abcdef12', acceptToken: 'a'.repeat(40) });
    assert.doesNotMatch(r.storage, /<script/);
    assert.doesNotMatch(r.storage, /<ac:structured-macro/);
    assert.match(r.storage, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(r.storage, /&amp;amp;/);
    assert.equal((r.storage.match(/<ac:adf-extension>/g) ?? []).length, 1);
    assert.match(r.storage, /app-1\/env-1\/static\/retainer-sales-accept/);
  });

  test('should leave the accept macro out once accepted, and hash renders deterministically', () => {
    const blocks = renderTemplate('[[accept]]', values);
    const a = renderDocStorage({ title: 't', blocks, estimate, language: 'uk', macro, leadId: 'ld-abcdef12', acceptToken: null });
    assert.doesNotMatch(a.storage, /adf-extension/);
    const b = renderDocStorage({ title: 't', blocks, estimate, language: 'uk', macro, leadId: 'ld-abcdef12', acceptToken: null });
    assert.equal(a.hash, b.hash);
    const brief = renderBriefStorage({ title: 'Brief', language: 'ru', macro, leadId: 'ld-abcdef12', token: 'b'.repeat(40) });
    assert.match(brief.storage, /retainer-sales-brief/);
    assert.match(brief.storage, /<ac:adf-parameter key="token">b{40}<\/ac:adf-parameter>/);
  });

  test('should draw the same blocks into a PDF, byte-identical for the same input, markup as text', async () => {
    const blocks = renderTemplate('# Offer {{client.company}}\n[[services]]', values);
    const one = await renderDocPdf({ title: 'Offer', blocks, estimate, language: 'ru' });
    const two = await renderDocPdf({ title: 'Offer', blocks, estimate, language: 'ru' });
    assert.equal(Buffer.from(one).subarray(0, 5).toString(), '%PDF-');
    assert.deepEqual(Buffer.from(one), Buffer.from(two));
  });
});
