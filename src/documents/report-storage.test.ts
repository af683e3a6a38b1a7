import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReportModel } from './report-model';
import { forgeExtensionKey, macroLocalId, renderReportStorage, type StorageRenderOptions } from './report-storage';
import { sampleReportModel } from './testing/fixtures';
import { childrenNamed, findAll, parseXmlStrict, textOf, type XNode } from './testing/xml-check';

const APP_UUID = '7d0c3a52-5b8e-4f61-9a3e-2f9c1e6b4a10';
const OPTS: StorageRenderOptions = {
  appId: `ari:cloud:ecosystem::app/${APP_UUID}`,
  environmentId: 'b1d2c3e4-0000-4000-8000-000000000001',
  macroKeys: { charts: 'retainer-report-charts', feedback: 'retainer-report-feedback' },
};

interface Macro {
  extensionType: string;
  extensionKey: string;
  text: string;
  layout: string;
  localId: string;
  params: Record<string, string>;
  guest: Record<string, string>;
  fallback: string;
}

/** Reads the Forge macros (storage form of ADF extension nodes, docs/atlassian-rest.md §4.1). */
function macros(root: XNode): Macro[] {
  return findAll(root, (n) => n.name === 'ac:adf-extension').map((ext) => {
    const node = childrenNamed(ext, 'ac:adf-node')[0];
    assert.ok(node, 'ac:adf-node');
    assert.equal(node.attrs['type'], 'extension');
    const attr = (key: string): XNode | undefined => childrenNamed(node, 'ac:adf-attribute').find((a) => a.attrs['key'] === key);
    const params: Record<string, string> = {};
    const guest: Record<string, string> = {};
    for (const p of childrenNamed(attr('parameters') ?? node, 'ac:adf-parameter')) {
      const key = p.attrs['key'] ?? '';
      if (key === 'guest-params') for (const g of childrenNamed(p, 'ac:adf-parameter')) guest[g.attrs['key'] ?? ''] = textOf(g);
      else params[key] = textOf(p);
    }
    return {
      extensionType: textOf(attr('extension-type') ?? ''),
      extensionKey: textOf(attr('extension-key') ?? ''),
      text: textOf(attr('text') ?? ''),
      layout: textOf(attr('layout') ?? ''),
      localId: textOf(attr('local-id') ?? ''),
      params,
      guest,
      fallback: textOf(childrenNamed(ext, 'ac:adf-fallback')[0] ?? ''),
    };
  });
}

function statusMacros(root: XNode): { colour: string; title: string; subtle: boolean }[] {
  return findAll(root, (n) => n.name === 'ac:structured-macro' && n.attrs['ac:name'] === 'status').map((m) => {
    const p = (name: string): string => textOf(childrenNamed(m, 'ac:parameter').find((x) => x.attrs['ac:name'] === name) ?? '');
    return { colour: p('colour'), title: p('title'), subtle: p('subtle') === 'true' };
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('renderReportStorage', () => {
  for (const lang of ['en', 'uk', 'ru'] as const) {
    test(`should produce well-formed storage XHTML for the ${lang} sample`, () => {
      const xml = renderReportStorage(sampleReportModel(lang), OPTS);
      const root = parseXmlStrict(xml);
      const headings = findAll(root, (n) => n.name === 'h2').map(textOf);
      assert.ok(headings.length >= 9, headings.join(' | '));
      assert.equal(findAll(root, (n) => n.name === 'table').length >= 8, true);
    });
  }

  test('should be deterministic: the same model gives the same string', () => {
    const a = renderReportStorage(sampleReportModel('uk'), OPTS);
    const b = renderReportStorage(structuredClone(sampleReportModel('uk')), { ...OPTS, macroKeys: { ...OPTS.macroKeys } });
    assert.equal(a, b);
    assert.notEqual(a, renderReportStorage(sampleReportModel('ru'), OPTS));
  });

  test('should embed one charts macro per chart with the report id, chart id and a derived localId', () => {
    const model = sampleReportModel('en');
    const root = parseXmlStrict(renderReportStorage(model, OPTS));
    const all = macros(root);
    const charts = model.sections.flatMap((s) => s.charts);
    assert.equal(all.length, charts.length + 1);
    const key = `${APP_UUID}/${OPTS.environmentId}/static/retainer-report-charts`;
    charts.forEach((chart, i) => {
      const m = all[i];
      assert.ok(m);
      assert.equal(m.extensionType, 'com.atlassian.ecosystem');
      assert.equal(m.extensionKey, key);
      assert.equal(m.params['extension-id'], `ari:cloud:ecosystem::extension/${key}`);
      assert.equal(m.params['extension-title'], 'Retainer report charts');
      assert.equal(m.text, 'Retainer report charts');
      assert.equal(m.layout, 'default');
      assert.equal(m.params['local-id'], m.localId);
      assert.match(m.localId, UUID);
      assert.equal(m.localId, macroLocalId(model.reportId, `chart:${chart.id}`));
      assert.deepEqual(m.guest, { reportId: model.reportId, chartId: chart.id });
      assert.equal(m.fallback, chart.title);
    });
    assert.equal(new Set(all.map((m) => m.localId)).size, all.length);
    assert.equal('forge-environment' in (all[0]?.params ?? {}), false);
  });

  test('should end with the feedback macro carrying the report id', () => {
    const model = sampleReportModel('uk');
    const xml = renderReportStorage(model, { ...OPTS, environmentType: 'DEVELOPMENT' });
    const root = parseXmlStrict(xml);
    const last = macros(root).at(-1);
    assert.ok(last);
    assert.equal(last.extensionKey, `${APP_UUID}/${OPTS.environmentId}/static/retainer-report-feedback`);
    assert.deepEqual(last.guest, { reportId: model.reportId });
    assert.equal(last.localId, macroLocalId(model.reportId, 'feedback'));
    assert.equal(last.params['forge-environment'], 'DEVELOPMENT');
    // Nothing but the closing paragraph after it.
    const tail = root.children.slice(root.children.findIndex((c) => typeof c !== 'string' && c.name === 'ac:adf-extension' && textOf(c).includes('feedback')) + 1);
    assert.deepEqual(tail.map((c) => (typeof c === 'string' ? '#text' : c.name)), ['p']);
  });

  test('should give each chart a static fallback table of its series in an expand macro', () => {
    const model = sampleReportModel('en');
    const root = parseXmlStrict(renderReportStorage(model, OPTS));
    const expands = findAll(root, (n) => n.name === 'ac:structured-macro' && n.attrs['ac:name'] === 'expand');
    assert.equal(expands.length, 4);
    const leads = expands[0];
    assert.ok(leads);
    const rows = findAll(leads, (n) => n.name === 'tr');
    assert.equal(rows.length, 1 + 31);
    assert.match(textOf(rows[0] ?? ''), /Date.*Leads/);
    assert.match(textOf(rows[1] ?? ''), /^1 March 2026\d+$/);
  });

  test('should colour KPI changes by direction and statuses with lozenges', () => {
    const root = parseXmlStrict(renderReportStorage(sampleReportModel('en'), OPTS));
    const lozenges = statusMacros(root);
    // Clicks up (good) → green; cost per lead down with lower-is-better → green; CTR down → red; spend neutral → grey.
    assert.ok(lozenges.some((l) => l.subtle && l.colour === 'Green' && l.title === '▲ +11.2%'));
    assert.ok(lozenges.some((l) => l.subtle && l.colour === 'Green' && l.title === '▼ −9%'));
    assert.ok(lozenges.some((l) => l.subtle && l.colour === 'Red' && l.title === '▼ −2.1%'));
    assert.ok(lozenges.some((l) => l.subtle && l.colour === 'Grey' && l.title === '▲ +7.4%'));
    assert.ok(lozenges.some((l) => !l.subtle && l.colour === 'Green' && l.title === 'On track'));
    assert.ok(lozenges.some((l) => !l.subtle && l.colour === 'Yellow' && l.title === 'At risk'));
    assert.ok(lozenges.some((l) => !l.subtle && l.colour === 'Red' && l.title === 'Off track'));
  });

  test('should show the draft note only on drafts', () => {
    const draft = renderReportStorage(sampleReportModel('en'), OPTS);
    const published = renderReportStorage({ ...sampleReportModel('en'), status: 'published' }, OPTS);
    assert.match(draft, /ac:name="note"/);
    assert.doesNotMatch(published, /ac:name="note"/);
  });

  test('should turn the manager text into paragraphs, line breaks and lists without interpreting markup', () => {
    const model: ReportModel = {
      ...sampleReportModel('en'),
      manager: { analysis: 'First line\nsecond line\n\n\nNext paragraph\n- one\n- two <b>bold</b>', proposals: '' },
    };
    const root = parseXmlStrict(renderReportStorage(model, OPTS));
    const h2 = root.children.findIndex((c) => typeof c !== 'string' && c.name === 'h2' && textOf(c) === 'Analysis of results');
    const [p1, p2, ul, proposalsHeading, empty] = root.children.slice(h2 + 1) as XNode[];
    assert.equal(p1?.name, 'p');
    assert.deepEqual(p1?.children.map((c) => (typeof c === 'string' ? c : c.name)), ['First line', 'br', 'second line']);
    assert.equal(textOf(p2 ?? ''), 'Next paragraph');
    assert.equal(ul?.name, 'ul');
    assert.deepEqual(findAll(ul ?? root, (n) => n.name === 'li').map(textOf), ['one', 'two <b>bold</b>']);
    assert.equal(findAll(ul ?? root, (n) => n.name === 'b').length, 0);
    assert.equal(textOf(proposalsHeading ?? ''), 'Proposals');
    assert.equal(textOf(empty ?? ''), 'To be added by the account manager.');
  });

  test('should keep hostile strings as text everywhere', () => {
    const evil = `<script>alert("x")</script> ]]> <![CDATA[ & &amp; 'q' "qq" $& $' \u0000\u0007\u001b\uFFFE\uD800 <ac:structured-macro ac:name="html">`;
    const base = sampleReportModel('en');
    const model: ReportModel = {
      ...base,
      reportId: `rp-${evil}`,
      agency: { name: evil },
      client: { ...base.client, name: evil },
      service: { name: evil, type: evil },
      period: { ...base.period, label: evil },
      kpis: base.kpis.map((k) => ({ ...k, label: evil })),
      sections: base.sections.map((s, si) => ({
        ...s,
        title: evil,
        note: evil,
        table: {
          columns: s.table.columns.map((c) => ({ ...c, label: evil })),
          rows: s.table.rows.map((r) => Object.fromEntries(Object.keys(r).map((k) => [k, evil]))),
        },
        charts: s.charts.map((c, i) => ({ ...c, id: `${evil}-${si}-${i}`, title: evil, x: c.x.map(() => evil), series: c.series.map((x) => ({ ...x, label: evil })) })),
      })),
      kpiStatus: [{ label: evil, target: evil, actual: evil, verdict: 'at-risk', note: evil }],
      workDone: [{ group: evil, hours: 1, items: [{ key: evil, summary: evil, hours: 1 }] }],
      plan: [{ summary: evil, role: evil, estimateHours: 1 }],
      manager: { name: evil, analysis: `${evil}\n\n- ${evil}`, proposals: evil },
      feedback: { rating: 1, comment: evil },
    };
    const xml = renderReportStorage(model, OPTS);
    const root = parseXmlStrict(xml);
    const names = new Set(findAll(root, () => true).map((n) => n.name));
    assert.equal(names.has('script'), false);
    assert.equal(findAll(root, (n) => n.attrs['ac:name'] === 'html').length, 0);
    assert.doesNotMatch(xml, /<script|<!\[CDATA\[|]]>|\u0000/);
    // The words survive as text (control characters and lone surrogates removed, whitespace collapsed).
    const expected = `<script>alert("x")</script> ]]> <![CDATA[ & &amp; 'q' "qq" $& $' <ac:structured-macro ac:name="html">`;
    const cells = findAll(root, (n) => n.name === 'td').map(textOf);
    assert.ok(cells.includes(expected), 'client name cell');
    const m = macros(root)[0];
    assert.equal(m?.guest['reportId'], `rp-${evil}`.replace(/[\u0000\u0007\u001b\uFFFE\uD800]/g, ''));
    assert.ok(findAll(root, (n) => n.name === 'h2').map(textOf).includes(expected));
  });

  test('should refuse malformed macro identity and duplicate chart ids', () => {
    const model = sampleReportModel('en');
    assert.throws(() => renderReportStorage(model, { ...OPTS, environmentId: 'a/b' }), /environmentId/);
    assert.throws(() => renderReportStorage(model, { ...OPTS, macroKeys: { charts: 'x y', feedback: 'f' } }), /macro key/);
    const first = model.sections[0];
    assert.ok(first);
    const dup: ReportModel = { ...model, sections: [first, { ...first, source: 'csv' }] };
    assert.throws(() => renderReportStorage(dup, OPTS), /appears twice/);
    assert.equal(forgeExtensionKey(APP_UUID, 'env', 'm'), `${APP_UUID}/env/static/m`);
  });

  test('should render an empty report with placeholders instead of empty sections', () => {
    const model: ReportModel = {
      ...sampleReportModel('ru'),
      kpis: [],
      sections: [{ source: 'yandex-direct', title: '', table: { columns: [], rows: [] }, charts: [] }],
      kpiStatus: [],
      workDone: [],
      plan: [],
      manager: { analysis: ' \n ', proposals: '' },
    };
    const root = parseXmlStrict(renderReportStorage(model, OPTS));
    const text = textOf(root);
    assert.match(text, /Яндекс Директ/);
    assert.match(text, /За этот период данных нет\./);
    assert.match(text, /В этом периоде завершённых задач нет\./);
    assert.match(text, /План на следующий период готовится\./);
    assert.equal(macros(root).length, 1);
  });
});
