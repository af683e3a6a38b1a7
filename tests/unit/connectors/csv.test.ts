import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { csvConnector, detectDelimiter, normaliseNumber, parseCsv } from '../../../src/connectors/metrics/csv';
import { ParseError } from '../../../src/connectors/metrics/errors';
import { account, collect, rejection } from './helpers';

const ACC = 'upload-kavova';

describe('csv parser', () => {
  test('comma file with campaign columns, cost → micros, percentages and fractions', () => {
    const text = 'date,campaign_id,campaign,impressions,clicks,cost,currency,conversions,ctr\n2026-11-20,111,"Brand, UA",820,41,16.40,UAH,2.5,5%\n2026-11-21,111,"Brand, UA",100,0,0,UAH,,\n';
    const r = parseCsv(text, { accountId: ACC });
    assert.deepEqual(r.issues, []);
    assert.equal(r.delimiter, ',');
    assert.deepEqual(r.rows.map((x) => [x.date, x.dimension.kind, x.dimension.id, x.dimension.name, x.costMicros, x.conversions, x.ctr]), [
      ['2026-11-20', 'campaign', '111', 'Brand, UA', '16400000', 2.5, 0.05],
      ['2026-11-21', 'campaign', '111', 'Brand, UA', '0', null, null],
    ]);
    assert.equal(r.rows[1]?.clicks, 0, 'an explicit 0 stays 0; an empty cell is null');
  });

  test('semicolon file from Excel: BOM, decimal commas, DD.MM.YYYY, thousands spaces, aliases', () => {
    const text = '\uFEFFDate;Campaign;Spend;Clicks;Visits\r\n20.11.2026;Пошук | Бренд;1 234,50;17;\r\n21.11.2026;Пошук | Бренд;702,5;9;30\r\n';
    const r = parseCsv(text, { accountId: ACC, currency: 'UAH' });
    assert.deepEqual(r.issues, []);
    assert.equal(r.delimiter, ';');
    assert.deepEqual(r.rows.map((x) => [x.date, x.dimension.name, x.costMicros, x.currency, x.sessions]), [
      ['2026-11-20', 'Пошук | Бренд', '1234500000', 'UAH', null],
      ['2026-11-21', 'Пошук | Бренд', '702500000', 'UAH', 30],
    ]);
  });

  test('quoted fields with "" and line breaks; line numbers follow physical lines', () => {
    const text = 'date,dimension_kind,dimension_id,dimension_name,sessions\n2026-11-20,channel,organic,"Organic ""search""\nwith a break",12\n2026-11-2x,channel,direct,Direct,3\n';
    const r = parseCsv(text, { accountId: ACC });
    assert.equal(r.rows[0]?.dimension.name, 'Organic "search"\nwith a break');
    assert.deepEqual(r.issues.map((i) => [i.line, i.field]), [[4, 'date']]);
  });

  test('every bad line is reported with its line number, and nothing is accepted from it', () => {
    const text = [
      'date,campaign_id,impressions,clicks,cost,currency,top10_share,vat_included',
      '2026-11-20,1,10,1,1.00,UAH,0.5,yes',
      '2026-11-20,1,10,1,1.00,UAH,0.5,yes',
      '2026-11-21,2,-5,1,1.00,UAH,,no',
      '2026-11-22,3,10,1.5,abc,UAH,150%,maybe',
      '2026-11-23,4,10,1,1.00,hryvnia,,',
      '2026-11-24,5,10',
    ].join('\n');
    const r = parseCsv(text, { accountId: ACC });
    assert.deepEqual(r.issues.map((i) => `${i.line}:${i.field ?? '-'}`), ['3:-', '4:impressions', '5:clicks', '5:top10_share', '5:cost', '5:vat_included', '6:currency', '7:-']);
    assert.equal(r.rows.length, 1);
    assert.match(r.issues[0]?.message ?? '', /duplicate.*line 2/);
  });

  test('header problems: unknown column, missing date, cost with cost_micros', () => {
    const r = parseCsv('day,clickz,cost,cost_micros\n', { accountId: ACC });
    assert.ok(r.issues.some((i) => i.message.includes('unknown column "clickz"')));
    assert.ok(r.issues.some((i) => i.field === 'cost'));
    assert.ok(!r.issues.some((i) => i.field === 'date'), '"day" is an alias of date');
    assert.ok(parseCsv('clicks\n1\n', { accountId: ACC }).issues.some((i) => i.field === 'date'));
  });

  test('delimiter detection ignores delimiters inside quotes; number normalisation', () => {
    assert.equal(detectDelimiter('"a;b",c,d'), ',');
    assert.equal(detectDelimiter('a;b;"c,d"'), ';');
    assert.equal(detectDelimiter('a\tb\tc'), '\t');
    assert.equal(normaliseNumber('1,234.56'), '1234.56');
    assert.equal(normaliseNumber('1.234,56'), '1234.56');
    assert.equal(normaliseNumber('12,5'), '12.5');
    assert.equal(normaliseNumber('1 000'), '1000');
    assert.equal(normaliseNumber('abc'), null);
  });
});

describe('csv connector', () => {
  test('a bad upload throws ParseError with every issue and yields nothing', async () => {
    const e = await rejection(() => collect(csvConnector.fetchDaily({ account: account('csv', ACC), from: '2026-11-01', to: '2026-11-30', credentials: {}, http: fetch, upload: 'date,clicks\n2026-11-01,x\n2026-13-01,1\n' })));
    assert.ok(e instanceof ParseError);
    assert.deepEqual(e.issues.map((i) => i.line), [2, 3]);
    assert.equal(e.line, 2);
    assert.equal(e.toBody().code, 'VALIDATION');
  });

  test('a streamed upload is decoded across chunk boundaries and filtered to the range', async () => {
    const text = 'date;sessions;organic_sessions\n2026-10-31;5;1\n2026-11-01;7;2\n2026-11-02;8;3\n';
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 5) c.enqueue(bytes.slice(i, i + 5));
        c.close();
      },
    });
    const out = await collect(csvConnector.fetchDaily({ account: account('csv', ACC), from: '2026-11-01', to: '2026-11-30', credentials: {}, http: fetch, upload: stream }));
    assert.deepEqual(out.rows.map((r) => [r.date, r.dimension.kind, r.sessions, r.organicSessions]), [['2026-11-01', 'account', 7, 2], ['2026-11-02', 'account', 8, 3]]);
  });
});
