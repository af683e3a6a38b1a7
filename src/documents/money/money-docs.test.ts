import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXmlStrict, textOf } from '../testing/xml-check';
import { type ActDocModel, type InvoiceDocModel, docTitle, renderMoneyDocPdf, renderMoneyDocStorage } from './index';

const invoice = (over: Partial<InvoiceDocModel> = {}): InvoiceDocModel => ({
  kind: 'invoice',
  id: 'inv-1',
  number: 'INV-2026-0007',
  language: 'uk',
  currency: 'UAH',
  status: 'issued',
  issueDate: '2026-11-01',
  dueDate: '2026-11-08',
  period: '2026-11',
  issuer: { name: 'ТОВ «Агенція»', taxId: '12345678', address: 'Київ', bankDetails: 'IBAN UA00 0000 0000 0000\nАТ «Банк»' },
  client: { name: 'ТОВ «Кавова Хата» <script>', taxId: '41234567' },
  serviceName: 'SEO',
  lines: [{ description: 'Абонплата за листопад 2026 & <b>', quantity: '1', unitPrice: '18000.00', vatRatePercent: '20', net: '18000.00', vat: '3600.00', gross: '21600.00' }],
  vatBreakdown: [{ ratePercent: '20', net: '18000.00', vat: '3600.00', gross: '21600.00' }],
  totals: { net: '18000.00', vat: '3600.00', gross: '21600.00' },
  paid: '0.00',
  outstanding: '21600.00',
  payments: [],
  ...over,
});

describe('invoice and act documents', () => {
  test('should render well-formed storage with the status, lines, totals and the PDF link', () => {
    const xml = renderMoneyDocStorage(invoice({ status: 'overdue' }));
    const root = parseXmlStrict(`<root xmlns:ac="a" xmlns:ri="r">${xml}</root>`);
    const text = textOf(root);
    assert.match(text, /Прострочено/);
    assert.match(text, /<script>/, 'client text is kept as text');
    assert.match(text, /21\s600,00/);
    assert.ok(xml.includes('ri:filename="INV-2026-0007.pdf"'));
    assert.equal(docTitle(invoice()), 'Рахунок INV-2026-0007');
  });

  test('should render byte-identical PDFs for the same model and different ones when the status changes', async () => {
    const a = await renderMoneyDocPdf(invoice());
    const b = await renderMoneyDocPdf(invoice());
    assert.ok(Buffer.from(a).equals(Buffer.from(b)));
    const paid = await renderMoneyDocPdf(invoice({ status: 'paid', paid: '21600.00', outstanding: '0.00', payments: [{ date: '2026-11-05', amount: '21600.00' }] }));
    assert.ok(!Buffer.from(a).equals(Buffer.from(paid)));
    assert.equal(Buffer.from(a.slice(0, 5)).toString(), '%PDF-');
  });

  test('should render an act in English with the statement and signatures', async () => {
    const act: ActDocModel = {
      kind: 'act', id: 'act-1', number: 'ACT-2026-0001', language: 'en', currency: 'EUR', date: '2026-11-30', period: '2026-11',
      issuer: { name: 'Agency' }, client: { name: 'Nordic Fit OÜ' }, serviceName: 'Google Ads',
      lines: [{ description: 'Monthly fee', quantity: '1', unitPrice: '900.00', vatRatePercent: '0', net: '900.00', vat: '0.00', gross: '900.00' }],
      vatBreakdown: [{ ratePercent: '0', net: '900.00', vat: '0.00', gross: '900.00' }],
      totals: { net: '900.00', vat: '0.00', gross: '900.00' }, hoursUsed: '21.5', tasksDone: 12, invoiceNumbers: ['INV-2026-0003'],
    };
    const xml = renderMoneyDocStorage(act);
    assert.match(xml, /rendered in full and on time/);
    const pdf = await renderMoneyDocPdf(act);
    assert.ok(pdf.length > 1000);
  });
});
