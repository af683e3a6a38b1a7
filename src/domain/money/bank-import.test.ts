import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BankFileError } from './errors';
import { describeReview, findInvoiceNumbers, matchPayments, parseBankCsv, paymentIdFor } from './bank-import';
import { type Invoice, applyPayment, buildInvoice, cancelInvoice } from './invoice';
import { formatMoney, parseMoney } from './money';

const UA_FILE = [
  '\uFEFFДата операції;Сума;Валюта;Платник;Призначення платежу;Номер документа',
  '05.03.2026;18 000,00;UAH;ТОВ "Кавова Хата";"Оплата згідно рах. INV-2026-0007; без ПДВ";1001',
  '05.03.2026 14:22;-500,00;UAH;Ми;Комісія банку;1002',
  '06.03.2026;1 000,50;грн;ФОП Петренко;"оплата inv 2026/8,',
  'за березень";1003',
  '31.02.2026;10,00;UAH;X;Y;1004',
  '07.03.2026;10,001;UAH;X;Y;1005',
  '07.03.2026;5,00;XYZ;X;Y;1006',
  '',
].join('\r\n');

function invoice(number: string, gross: string, overrides: Partial<Parameters<typeof buildInvoice>[0]> = {}): Invoice {
  return buildInvoice({
    id: `inv-${number}`,
    number,
    serviceId: 'sv-kava',
    clientId: 'cl-kava',
    currency: 'UAH',
    purpose: 'fee',
    issueDate: '2026-03-01',
    dueDate: '2026-03-10',
    lines: [{ description: 'Fee', quantity: '1', unitPrice: parseMoney(gross, 'UAH'), vatRatePercent: '0' }],
    ...overrides,
  });
}

describe('parsing a bank statement', () => {
  test('should read a Ukrainian export: BOM, ";", decimal comma, quotes, newline in quotes', () => {
    const r = parseBankCsv(UA_FILE);
    assert.equal(r.delimiter, ';');
    assert.equal(r.decimalSeparator, ',');
    assert.deepEqual(
      r.rows.map((x) => [x.line, x.date, formatMoney(x.amount), x.amount.currency, x.payer, x.purpose, x.bankRef]),
      [
        [2, '2026-03-05', '18000.00', 'UAH', 'ТОВ "Кавова Хата"', 'Оплата згідно рах. INV-2026-0007; без ПДВ', '1001'],
        [4, '2026-03-06', '1000.50', 'UAH', 'ФОП Петренко', 'оплата inv 2026/8, за березень', '1003'],
      ],
    );
    assert.deepEqual(r.skipped, [{ line: 3, message: 'not an incoming payment (-500,00)' }]);
    assert.deepEqual(r.errors.map((e) => e.line), [6, 7, 8]);
    assert.match(r.errors[0]?.message ?? '', /date "31.02.2026"/);
    assert.match(r.errors[1]?.message ?? '', /amount "10,001"/);
    assert.match(r.errors[2]?.message ?? '', /currency "XYZ"/);
  });
  test('should read an English export with "," and a decimal point, and a default currency', () => {
    const text = 'Date,Amount,Payer,Reference\n2026-03-05,"1,500.50",Acme Ltd,INV-2026-0001\n2026-03-06,20,Beta,"x, y"\n';
    const r = parseBankCsv(text, { defaultCurrency: 'USD' });
    assert.equal(r.delimiter, ',');
    assert.equal(r.decimalSeparator, '.');
    assert.deepEqual(r.rows.map((x) => [formatMoney(x.amount), x.amount.currency, x.purpose]), [
      ['1500.50', 'USD', 'INV-2026-0001'],
      ['20.00', 'USD', 'x, y'],
    ]);
  });
  test('should refuse a file it cannot read at all', () => {
    assert.throws(() => parseBankCsv(''), BankFileError);
    assert.throws(() => parseBankCsv('\uFEFF \n'), BankFileError);
    assert.throws(() => parseBankCsv('date;amount;payer\n2026-03-01;1;x'), /no purpose, currency column/);
    assert.throws(() => parseBankCsv('date;amount;currency;payer;purpose\n2026-03-01;"1;UAH;x;y'), BankFileError);
    assert.throws(() => parseBankCsv('date;amount;currency;payer;purpose\n2026-03-01;1,500;UAH;x;y'), /two ways/);
    assert.throws(() => parseBankCsv('date;amount;currency;payer;purpose\n2026-03-01;1,50;UAH;x;y\n2026-03-01;1.50;UAH;x;y'), /mix/);
    // An explicit separator settles it.
    assert.equal(formatMoney(parseBankCsv('date;amount;currency;payer;purpose\n2026-03-01;1,500;UAH;x;y', { decimalSeparator: '.' }).rows[0]!.amount), '1500.00');
  });
  test('should give the same payment ids when the same file is imported again', () => {
    const a = parseBankCsv(UA_FILE).rows.map((r) => r.paymentId);
    const b = parseBankCsv(UA_FILE.replace(/\r\n/g, '\n')).rows.map((r) => r.paymentId);
    assert.deepEqual(a, b);
    assert.match(a[0] ?? '', /^bp-[0-9a-z]{13}$/);
  });
  test('should give identical rows without a bank reference distinct ids, stable across imports', () => {
    const text = 'date;amount;currency;payer;purpose\n2026-03-01;10,00;UAH;x;same\n2026-03-01;10,00;UAH;x;same\n';
    const ids = parseBankCsv(text).rows.map((r) => r.paymentId);
    assert.equal(new Set(ids).size, 2);
    assert.deepEqual(parseBankCsv(text).rows.map((r) => r.paymentId), ids);
  });
  test('property: any cell text survives quoting and ids are deterministic', () => {
    const arbText = fc.string({ maxLength: 30 }).filter((s) => s.trim() === s && !/\s{2}|[\r\n\t]/.test(s));
    fc.assert(
      fc.property(arbText, arbText, fc.integer({ min: 1, max: 10_000_000 }), (payer, purpose, cents) => {
        const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
        const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
        const text = `date;amount;currency;payer;purpose\n2026-03-01;${q(amount)};UAH;${q(payer)};${q(purpose)}\n`;
        const r = parseBankCsv(text, { decimalSeparator: ',' });
        assert.equal(r.rows.length, 1);
        const row = r.rows[0]!;
        assert.equal(row.payer, payer);
        assert.equal(row.purpose, purpose);
        assert.equal(row.amount.amountMinor, BigInt(cents));
        assert.equal(row.paymentId, paymentIdFor(row, 0));
      }),
      { numRuns: 200 },
    );
  });
});

describe('finding invoice numbers in a purpose', () => {
  test('should recognise the canonical and tolerant forms', () => {
    const cases: Array<[string, string[]]> = [
      ['Оплата згідно рах. INV-2026-0007', ['INV-2026-0007']],
      ['оплата inv 2026/7', ['INV-2026-0007']],
      ['INV2026-7 за березень', ['INV-2026-0007']],
      ['Inv. 2026 - 0007', ['INV-2026-0007']],
      ['№INV-2026-0007', ['INV-2026-0007']],
      ['INV20260007', ['INV-2026-0007']],
      ['INV-2026-0007, INV-2026-0008', ['INV-2026-0007', 'INV-2026-0008']],
      ['рахунок 2026-0007', []],
      ['XINV-2026-0007', []],
      ['INV-2026-00071234', []],
    ];
    for (const [text, want] of cases) assert.deepEqual(findInvoiceNumbers(text, ['INV']), want, text);
  });
});

describe('matching payments to invoices', () => {
  const rows = (): ReturnType<typeof parseBankCsv>['rows'] => parseBankCsv(UA_FILE).rows;

  test('should match by number and exact outstanding amount', () => {
    const r = matchPayments(rows(), [invoice('INV-2026-0007', '18000'), invoice('INV-2026-0008', '1000.50')]);
    assert.deepEqual(r.matched.map((x) => [x.row.line, x.invoiceNumber, formatMoney(x.amount)]), [
      [2, 'INV-2026-0007', '18000.00'],
      [4, 'INV-2026-0008', '1000.50'],
    ]);
    assert.deepEqual(r.review, []);
  });
  test('should send everything doubtful to review with a reason', () => {
    const text = [
      'date;amount;currency;payer;purpose',
      '2026-03-05;100,00;UAH;a;no number here',
      '2026-03-05;100,00;UAH;b;INV-2026-0099',
      '2026-03-05;100,00;UAH;c;INV-2026-0001 and INV-2026-0002',
      '2026-03-05;100,00;USD;d;INV-2026-0001',
      '2026-03-05;99,99;UAH;e;INV-2026-0001',
      '2026-03-05;100,00;UAH;f;INV-2026-0001',
      '2026-03-05;100,00;UAH;g;INV-2026-0001 again',
      '2026-03-05;100,00;UAH;h;INV-2026-0003',
    ].join('\n');
    const invoices = [invoice('INV-2026-0001', '100'), invoice('INV-2026-0002', '100'), cancelInvoice(invoice('INV-2026-0003', '100'), '2026-03-02')];
    const r = matchPayments(parseBankCsv(text).rows, invoices);
    assert.deepEqual(r.matched.map((x) => x.row.payer), ['f']);
    assert.deepEqual(r.review.map((x) => [x.row.payer, x.reason]), [
      ['a', 'no-invoice-number'],
      ['b', 'unknown-invoice'],
      ['c', 'several-invoices'],
      ['d', 'currency-mismatch'],
      ['e', 'amount-mismatch'],
      ['g', 'invoice-already-matched'],
      ['h', 'invoice-not-open'],
    ]);
    assert.equal(describeReview(r.review[4]!), 'line 6: amount-mismatch INV-2026-0001 expects 100.00 UAH');
  });
  test('should match a second instalment against what is still outstanding', () => {
    const partly = applyPayment(invoice('INV-2026-0007', '20000'), { id: 'bp-x', date: '2026-03-02', amount: parseMoney('2000', 'UAH') }).invoice;
    const r = matchPayments(rows(), [partly]);
    assert.deepEqual(r.matched.map((x) => x.invoiceNumber), ['INV-2026-0007']);
  });
  test('should list rows already imported as duplicates when a half-imported file comes again', () => {
    const first = rows();
    const known = new Set([first[0]!.paymentId]);
    const r = matchPayments(rows(), [invoice('INV-2026-0007', '18000'), invoice('INV-2026-0008', '1000.50')], { knownPaymentIds: known });
    assert.deepEqual(r.duplicates.map((x) => x.line), [2]);
    assert.deepEqual(r.matched.map((x) => x.invoiceNumber), ['INV-2026-0008']);
  });
});
