// Public surface of the reports feature's use cases.
export { generateReport, publishReport, updateManagerText, pdfNameOf, reviewLabel, escalationLabel, reportByIssueKey } from './pipeline';
export { reportCharts, getFeedback, submitFeedback, reportRatings, type FeedbackView, type MacroCall } from './client-access';
export { duePeriods, reportIdOf, dayIn, monthPeriod, DEFAULT_REPORT_SCHEDULE, type ReportPeriod } from './period';
export { reportsDeps, registerKpiReader, type ReportsDeps } from './deps';
export type { KpiReader, MetricsReader } from './model';
