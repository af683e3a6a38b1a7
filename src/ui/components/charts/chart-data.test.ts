import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REFERENCE_TOKEN, SERIES_TOKENS, hasAnyValue, resolveCssColor, tableRows, toDatasets, valueFormatter } from './chart-data';

describe('chart data', () => {
  test('should resolve a token variable from the document, else its fallback', () => {
    const vars: Record<string, string> = { '--ds-chart-categorical-1': ' #1d7afc ' };
    const read = (n: string) => vars[n] ?? '';
    assert.equal(resolveCssColor('var(--ds-chart-categorical-1, #0000ff)', read), '#1d7afc');
    assert.equal(resolveCssColor('var(--ds-chart-categorical-2, #ff0000)', read), '#ff0000');
    assert.equal(resolveCssColor('var(--ds-missing)', read), 'currentColor');
    assert.equal(resolveCssColor('#abcdef', read), '#abcdef');
  });

  test('should map series to datasets aligned with x, with gaps kept as null and colours in turn', () => {
    const ds = toDatasets('line', ['a', 'b', 'c'], [{ label: 'Clicks', values: [1, null, 3, 99] }, { label: 'Cost', values: [Number.NaN, 2] }], { series: ['red'], reference: 'grey' });
    assert.deepEqual(ds.map((d) => d.data), [[1, null, 3], [null, 2, null]]);
    assert.deepEqual(ds.map((d) => d.borderColor), ['red', 'red']);
    assert.equal(ds[0]?.label, 'Clicks');
    const bars = toDatasets('bar', ['a'], [{ label: 'x', values: [1] }], { series: ['red', 'blue'], reference: 'grey' });
    assert.equal(bars[0]?.borderWidth, 0);
  });

  test('should colour a reference series (plan) apart from every ordinary series', () => {
    // The reference token is none of the series tokens, so no number of series can share its colour.
    assert.ok(!(SERIES_TOKENS as readonly string[]).includes(REFERENCE_TOKEN));
    const palette = { series: ['c1', 'c2', 'c3', 'c4', 'c5'], reference: 'plan' };
    const lines = ['seo', 'ads', 'smm', 'google', 'target'].map((label) => ({ label, values: [1] }));
    // The plan comes last, after as many lines as the palette has colours: it still gets its own colour,
    // and it does not shift the colours of the lines.
    const ds = toDatasets('bar', ['m'], [...lines, { label: 'Plan', values: [2], reference: true }], palette);
    assert.deepEqual(ds.map((d) => d.backgroundColor), ['c1', 'c2', 'c3', 'c4', 'c5', 'plan']);
    // A reference series placed first does not use up a palette place either.
    const first = toDatasets('line', ['m'], [{ label: 'Target', values: [2], reference: true }, { label: 'Value', values: [1] }], palette);
    assert.deepEqual(first.map((d) => d.borderColor), ['plan', 'c1']);
  });

  test('should tell an all-gaps chart from one with data', () => {
    assert.equal(hasAnyValue([{ label: 'a', values: [null, null] }]), false);
    assert.equal(hasAnyValue([{ label: 'a', values: [null, 0] }]), true);
    assert.equal(hasAnyValue([]), false);
  });

  test('should build table rows with a dash for gaps', () => {
    assert.deepEqual(tableRows(['1 Nov', '2 Nov'], [{ label: 'a', values: [1.5, null] }], (n) => `#${n}`), [['1 Nov', '#1.5'], ['2 Nov', '—']]);
  });

  test('should format currency, percent fractions and units', () => {
    assert.match(valueFormatter('en-GB', { currency: 'EUR' })(12.5), /€12\.50|€12\.5/);
    assert.equal(valueFormatter('en-GB', { unit: '%' })(0.054), '5.4%');
    assert.equal(valueFormatter('en-GB', { unit: 'count' })(1200), '1,200');
    assert.equal(valueFormatter('en-GB', { unit: 'h' })(3), '3 h');
    assert.equal(valueFormatter('en-GB', {})(1234.567), '1,234.57');
  });
});
