import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';
import type { ReportLanguage, ReportModel } from '../report-model';
import { sampleReportModel } from '../testing/fixtures';
import { renderReportPdf } from './render-report-pdf';

const PDFTOTEXT = '/usr/bin/pdftotext';
const PDFFONTS = '/usr/bin/pdffonts';
const hasPoppler = existsSync(PDFTOTEXT) && existsSync(PDFFONTS);

/** Text of a PDF as poppler extracts it, whitespace (including no-break spaces) collapsed. */
function pdfText(pdf: Uint8Array): string {
  const r = spawnSync(PDFTOTEXT, ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr?.toString());
  return r.stdout.toString('utf8').replace(/[\s\u00a0\u202f]+/g, ' ');
}

function fontNames(doc: PDFDocument): string[] {
  const names: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    if (obj.get(PDFName.of('Type')) !== PDFName.of('Font') || obj.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const base = obj.get(PDFName.of('BaseFont'));
    if (base instanceof PDFName) names.push(base.decodeText());
  }
  return names.sort();
}

function catalogLang(doc: PDFDocument): string | undefined {
  const lang = doc.catalog.get(PDFName.of('Lang'));
  return lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined;
}

const renders = new Map<ReportLanguage, Promise<Uint8Array>>();
const sample = (lang: ReportLanguage): Promise<Uint8Array> => {
  let p = renders.get(lang);
  if (!p) {
    p = renderReportPdf(sampleReportModel(lang));
    renders.set(lang, p);
  }
  return p;
};

describe('renderReportPdf', () => {
  test('should produce an A4 PDF that pdf-lib parses back, with metadata', async () => {
    const pdf = await sample('en');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    assert.ok(doc.getPageCount() >= 3 && doc.getPageCount() <= 5, `pages: ${doc.getPageCount()}`);
    for (const page of doc.getPages()) {
      assert.deepEqual(page.getSize(), { width: 595.28, height: 841.89 });
    }
    assert.equal(doc.getTitle(), 'Monthly report: Northwind Outdoor Ltd — March 2026');
    assert.equal(doc.getAuthor(), 'Brightline Digital');
    assert.equal(doc.getSubject(), 'Google Ads — search and Performance Max');
    // Dated by the day the data is as of, so a re-render of the same report is byte-identical.
    assert.equal(doc.getCreationDate()?.toISOString(), '2026-04-03T00:00:00.000Z');
    assert.equal(catalogLang(doc), 'en-GB');
    assert.ok(pdf.length < 300 * 1024, `size ${pdf.length}`);
  });

  test('should embed Noto Sans regular and bold as tagged subsets', async () => {
    for (const lang of ['en', 'uk'] as const) {
      const doc = await PDFDocument.load(await sample(lang));
      const names = fontNames(doc);
      assert.equal(names.length, 2);
      for (const n of names) assert.match(n, /^[A-Z]{6}\+NotoSans-(Regular|Bold)$/);
      assert.deepEqual(names.map((n) => n.slice(7)).sort(), ['NotoSans-Bold', 'NotoSans-Regular']);
      assert.notEqual(names[0]?.slice(0, 6), names[1]?.slice(0, 6));
    }
  });

  test('should be byte-identical for the same model (re-publishing can skip an unchanged attachment)', async () => {
    const a = await renderReportPdf(sampleReportModel('ru'));
    const b = await renderReportPdf(structuredClone(sampleReportModel('ru')));
    assert.ok(Buffer.from(a).equals(Buffer.from(b)));
    const c = await renderReportPdf({ ...sampleReportModel('ru'), status: 'published' });
    assert.equal(Buffer.from(a).equals(Buffer.from(c)), false);
  });

  test('pdffonts should see embedded, subset, Unicode-mapped fonts', { skip: !hasPoppler && 'poppler-utils not installed' }, async () => {
    const r = spawnSync(PDFFONTS, ['-'], { input: await sample('uk') });
    const rows = r.stdout.toString().trim().split('\n').slice(2);
    assert.equal(rows.length, 2);
    for (const row of rows) assert.match(row, /^[A-Z]{6}\+NotoSans-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  const expectations: Record<ReportLanguage, string[]> = {
    en: ['MONTHLY REPORT', 'Northwind Outdoor Ltd', 'Key results', '$8,815.60', 'Google Ads', 'Search rankings (Topvisor)', 'KPI status',
      '≤ $20.00', 'Work done', 'Plan for the next period', 'Analysis of results', 'Proposals', 'Page 1 of 4', 'Page 4 of 4', 'Prepared by Brightline Digital'],
    uk: ['ЩОМІСЯЧНИЙ ЗВІТ', 'ТОВ «Квітка Поділля»', 'Ключові результати', '352 624,00 ₴', 'Виконання KPI', '≥ 380', 'Виконані роботи',
      'Щотижневий перегляд ставок і бюджетів пошукових кампаній', 'План на наступний період', 'Аналіз результатів', 'Пропозиції',
      'Сторінка 1 з 4', 'Підготовлено: Brightline Digital', 'Ґ'.length === 1 ? 'Олена Коваленко' : ''],
    ru: ['ЕЖЕМЕСЯЧНЫЙ ОТЧЁТ', 'ТОО «Северный ветер»', 'Ключевые результаты', '4 055 176,00 ₸', 'Выполнение KPI', 'Выполненные работы',
      'План на следующий период', 'Анализ результатов', 'Предложения', 'Страница 1 из 4', 'Подготовлено: Brightline Digital', 'Позиции в поиске (Topvisor)'],
  };

  for (const lang of ['en', 'uk', 'ru'] as const) {
    test(`should contain the expected ${lang} text (via pdftotext)`, { skip: !hasPoppler && 'poppler-utils not installed' }, async () => {
      const text = pdfText(await sample(lang));
      for (const s of expectations[lang]) if (s) assert.ok(text.includes(s.replace(/[\s\u00a0\u202f]+/g, ' ')), `missing "${s}"`);
      assert.doesNotMatch(text, /\?{2,}|�/);
    });
  }

  test('should wrap long text, split long tables across pages and repeat their header row', async (t) => {
    const base = sampleReportModel('uk');
    const long = 'Дуже довгий опис задачі, який не вміщається в один рядок таблиці і має переноситися на наступні рядки без обрізання тексту';
    const model: ReportModel = {
      ...base,
      workDone: [{
        group: 'seo-specialist',
        hours: 150,
        items: Array.from({ length: 120 }, (_, i) => ({ key: `NWO-${1000 + i}`, summary: `${long} №${i + 1}`, hours: 1.25 })),
      }],
      manager: {
        ...base.manager,
        analysis: Array.from({ length: 12 }, (_, i) => `Абзац ${i + 1}. ${'Текст аналізу з довгими реченнями, що перевіряє перенесення слів. '.repeat(8)}`).join('\n\n')
          + '\n\nНадзвичайнодовгесловобезпробілівякемаєрозірватисяпосимвольнощобневилізтизамежісторінкиінеперекритиполе'.repeat(2),
      },
    };
    const pdf = await renderReportPdf(model);
    const doc = await PDFDocument.load(pdf);
    assert.ok(doc.getPageCount() >= 8, `pages: ${doc.getPageCount()}`);
    if (!hasPoppler) return t.skip('poppler-utils not installed');
    const text = pdfText(pdf);
    assert.ok(text.includes('NWO-1119'), 'last work item');
    assert.ok(text.includes('№120'), 'end of the last wrapped summary');
    assert.ok(text.includes('Абзац 12.'), 'last paragraph');
    const headerRepeats = text.split('№ задачі').length - 1;
    assert.ok(headerRepeats >= 3, `table header drawn ${headerRepeats} times`);
    assert.ok(text.includes(`Сторінка ${doc.getPageCount()} з ${doc.getPageCount()}`));
  });

  test('should survive characters the font lacks and empty or degenerate data', async (t) => {
    const base = sampleReportModel('en');
    const model: ReportModel = {
      ...base,
      client: { ...base.client, name: 'Café Zürich 🚀 北京 ≥ 5 <script>' },
      kpis: [],
      sections: [
        { source: 'meta', title: '', table: { columns: [], rows: [] }, charts: [
          { id: 'empty', kind: 'line', title: 'Nothing yet', x: [], series: [] },
          { id: 'nulls', kind: 'bar', title: 'All null', x: ['2026-03-01', '2026-03-02'], series: [{ label: 'A', values: [null, null] }] },
          { id: 'one', kind: 'line', title: 'One point', x: ['2026-03-01'], series: [{ label: 'A', values: [3] }] },
          { id: 'neg', kind: 'bar', title: 'Profit', x: ['Jan', 'Feb', 'Mar'], series: [{ label: 'P', values: [-1200.5, 300, 0] }], unit: 'money', currency: 'EUR' },
          { id: 'tiny', kind: 'line', title: 'CTR', x: ['a', 'b', 'c'], series: [{ label: 'CTR', values: [0.012, 0.0131, 0.009] }], unit: 'percent' },
        ] },
      ],
      kpiStatus: [],
      workDone: [],
      plan: [],
      manager: { analysis: '', proposals: '' },
      feedback: { rating: 2, comment: 'Not happy 😡 with the timing' },
    };
    const pdf = await renderReportPdf(model);
    assert.ok((await PDFDocument.load(pdf)).getPageCount() >= 1);
    if (!hasPoppler) return t.skip('poppler-utils not installed');
    const text = pdfText(pdf);
    assert.ok(text.includes('Café Zürich ?? ≥ 5 <script>'), text.slice(0, 300));
    assert.ok(text.includes('Not happy with the timing'));
    assert.ok(text.includes('2 of 5'));
    assert.ok(text.includes('No data for this period.'));
    assert.match(text, /[-−]€1,500/, 'negative money tick');
    assert.match(text, /1\.5%/, 'percent ticks');
  });
});
