// Resolver keys of the reports feature: payloads and results crossing the bridge.

export type ReportStatusView = 'queued' | 'drafting' | 'draft' | 'publishing' | 'published';

export interface ReportSummary {
  reportId: string;
  serviceId: string;
  kind: 'weekly' | 'monthly' | 'custom';
  from: string;
  to: string;
  status: ReportStatusView;
  title: string;
  pageId: string | null;
  reviewIssueKey: string | null;
  analysis: string;
  proposals: string;
  ratings: number[];
  publishedAt: string | null;
}

export interface ReportChartView {
  id: string;
  kind: 'line' | 'bar';
  title: string;
  x: string[];
  series: Array<{ label: string; values: Array<number | null> }>;
  unit?: string;
  currency?: string;
}

export interface ReportFeedbackView {
  reportId: string;
  canSubmit: boolean;
  mine: { rating: number; comment: string; at: string } | null;
}

export interface ReportsApi {
  'reports/list': { payload: { serviceId: string }; result: ReportSummary[] };
  'reports/create': { payload: { serviceId: string; from: string; to: string }; result: ReportSummary };
  'reports/update': { payload: { reportId: string; analysis: string; proposals: string }; result: ReportSummary };
  'reports/publish': { payload: { reportId?: string; issueKey?: string }; result: ReportSummary };
  'report/charts': { payload: { reportId: string }; result: { reportId: string; language: string; charts: ReportChartView[] } };
  'report/feedback/get': { payload: { reportId: string }; result: ReportFeedbackView };
  'report/feedback/submit': { payload: { reportId: string; rating: number; comment: string }; result: ReportFeedbackView };
}
