// Public surface of the documents layer: pure rendering of client reports (no I/O, no @forge/*).
export * from './report-model';
export { reportTexts, fill, sourceLabel, kpiStatusLabel, reportTitle, roleLabel, serviceTypeName, type ReportTexts } from './i18n';
export { formatMoney, formatMetric, formatChange, formatDate, formatDateRange, formatHours, localeOf } from './format';
export { buildReportView, type ReportView } from './report-view';
export { renderReportStorage, macroLocalId, forgeExtensionKey, CHART_MACRO_TITLE, FEEDBACK_MACRO_TITLE, type StorageRenderOptions } from './report-storage';
export { renderReportPdf, type PdfRenderOptions } from './pdf/render-report-pdf';
