// What a report macro knows from its page: the macro's parameters (guest params) as the host passes
// them in the extension config. Read defensively: the page author or an old page may leave them out.
import { useAppContext } from '../../platform/app-context';

export interface ReportMacroParams {
  reportId: string | null;
  chartId: string | null;
}

// The backend validates the id; here only its shape as text.
const REPORT_ID = /^[A-Za-z0-9_-]{1,200}$/;

export function reportMacroParams(config: Record<string, unknown> | null): ReportMacroParams {
  const reportId = typeof config?.['reportId'] === 'string' && REPORT_ID.test(config['reportId']) ? config['reportId'] : null;
  const chartId = typeof config?.['chartId'] === 'string' && config['chartId'].length > 0 ? config['chartId'] : null;
  return { reportId, chartId };
}

export function useReportMacroParams(): ReportMacroParams {
  return reportMacroParams(useAppContext().config);
}
