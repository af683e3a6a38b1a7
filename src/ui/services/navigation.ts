// Product navigation and host flags. Links inside the sandboxed iframe can't navigate the product,
// so every jump goes through the bridge router.
import { router, showFlag } from '@forge/bridge';

export const MODULES = {
  issueContext: 'retainer-issue-context',
  issuePanel: 'retainer-issue-panel',
  projectPage: 'retainer-project-page',
  globalPage: 'retainer-global-page',
  adminPage: 'retainer-admin-page',
  reportCharts: 'retainer-report-charts',
  reportFeedback: 'retainer-report-feedback',
  salesBrief: 'retainer-sales-brief',
  salesAccept: 'retainer-sales-accept',
} as const;

export function openProjectPage(projectKey: string): Promise<void> {
  return router.navigate({ target: 'module', moduleKey: MODULES.projectPage, projectKey });
}

export function openIssue(issueKey: string): Promise<void> {
  return router.navigate({ target: 'issue', issueKey });
}

export function openAdminPage(): Promise<void> {
  return router.navigate({ target: 'module', moduleKey: MODULES.adminPage });
}

let flagSeq = 0;

/** A short confirmation the product shows at page level (outside our iframe). */
export function notifySuccess(title: string, description?: string): void {
  flagSeq += 1;
  showFlag({ id: `retainer-${Date.now()}-${flagSeq}`, title, description, type: 'success', isAutoDismiss: true });
}
