// Routes on the module the app was opened in; every surface shares the providers.
import type { ReactNode } from 'react';
import { ErrorFlags } from './components/error-flag';
import { I18nProvider, useI18n } from './i18n/i18n';
import { AppContextProvider } from './platform/app-context';
import type { AppContext } from './platform/context';
import { MODULES } from './services/navigation';
import { AdminPage } from './surfaces/admin/admin-page';
import { GlobalPage } from './surfaces/global-page/global-page';
import { IssueGlance } from './surfaces/issue/issue-glance';
import { ReportChartsMacro } from './surfaces/macros/report-charts-macro';
import { ReportFeedbackMacro } from './surfaces/macros/report-feedback-macro';
import { ProjectPage } from './surfaces/project-page/project-page';
import { AcceptMacro, BriefFormMacro } from './surfaces/sales/prospect-macros';
import { SalesPage } from './surfaces/sales/sales-page';
import { SALES_PROJECT_KEY } from '../shared/api-sales';

function Surface({ context }: { context: AppContext }): ReactNode {
  const { t } = useI18n();
  switch (context.moduleKey) {
    case MODULES.issueContext:
      return <IssueGlance variant="context" />;
    case MODULES.issuePanel:
      return <IssueGlance variant="panel" />;
    case MODULES.projectPage:
      // The Sales project's page is the sales pipeline; every other project's is its client dashboard.
      return context.project?.key === SALES_PROJECT_KEY ? <SalesPage /> : <ProjectPage />;
    case MODULES.globalPage:
      return <GlobalPage />;
    case MODULES.adminPage:
      return <AdminPage />;
    case MODULES.reportCharts:
      return <ReportChartsMacro />;
    case MODULES.reportFeedback:
      return <ReportFeedbackMacro />;
    case MODULES.salesBrief:
      return <BriefFormMacro />;
    case MODULES.salesAccept:
      return <AcceptMacro />;
    default:
      return <p role="alert">{t('app.unknownModule', { key: context.moduleKey })}</p>;
  }
}

export function App({ context }: { context: AppContext }): JSX.Element {
  return (
    <AppContextProvider value={context}>
      <I18nProvider lang={context.language} timeZone={context.timezone}>
        <ErrorFlags>
          <Surface context={context} />
        </ErrorFlags>
      </I18nProvider>
    </AppContextProvider>
  );
}
