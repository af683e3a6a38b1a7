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

function Surface({ context }: { context: AppContext }): ReactNode {
  const { t } = useI18n();
  switch (context.moduleKey) {
    case MODULES.issueContext:
      return <IssueGlance variant="context" />;
    case MODULES.issuePanel:
      return <IssueGlance variant="panel" />;
    case MODULES.projectPage:
      return <ProjectPage />;
    case MODULES.globalPage:
      return <GlobalPage />;
    case MODULES.adminPage:
      return <AdminPage />;
    case MODULES.reportCharts:
      return <ReportChartsMacro />;
    case MODULES.reportFeedback:
      return <ReportFeedbackMacro />;
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
