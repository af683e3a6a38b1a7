// Invoices and acts: pure rendering to Confluence storage and PDF (no I/O, no @forge/*).
export * from './money-doc-model';
export { moneyTexts, type MoneyTexts, type MoneyDocStatus } from './money-texts';
export { renderMoneyDocPdf } from './money-pdf';
export { renderMoneyDocStorage, renderMoneyParentStorage, renderInvoiceIndexStorage, type InvoiceIndexRow } from './money-storage';
