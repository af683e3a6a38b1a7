// Shared steps of the reports integration tests and benchmark: the agency with a second client's
// guest, the report list, and what the Confluence site holds for reports.
import { PRINCIPAL_HEADER } from '../../sandbox/core/types';
import type { Sandbox } from '../../sandbox/platform';
import { callAs } from '../../sandbox/scenarios/runner';
import type { Scenario } from '../../sandbox/scenarios/scenario';
import { smallAgency } from '../helpers/agency';

export interface ReportRow {
  reportId: string;
  serviceId: string;
  kind: string;
  from: string;
  to: string;
  status: string;
  title: string;
  pageId: string | null;
  reviewIssueKey: string | null;
  ratings: number[];
}

/** smallAgency plus a guest of the second client's space ('g-client1'). */
export function reportsAgency(services: number): Scenario {
  const s = smallAgency({ services });
  s.users.push({ ...(s.users.find((u) => u.accountId === 'g-client0') as Scenario['users'][number]), accountId: 'g-client1', displayName: 'Other client guest', guestOf: 'cl-t1' });
  return s;
}

export async function reportsOf(sb: Sandbox, serviceId: string, as = 'u-admin'): Promise<ReportRow[]> {
  return callAs<ReportRow[]>(sb, as, 'reports/list', { serviceId }, 'retainer-project-page');
}

/** HTTP status of GET page as a site user (200 visible, 404 not). */
export async function pageStatusAs(sb: Sandbox, accountId: string, pageId: string): Promise<number> {
  const res = await fetch(`${sb.site.baseUrl}/wiki/api/v2/pages/${pageId}`, { headers: { [PRINCIPAL_HEADER]: `user:${accountId}` } });
  await res.arrayBuffer();
  return res.status;
}

/** Report pages (children of a "Reports" page) by title, and PDF attachments by page. */
export function reportPages(sb: Sandbox): { titles: string[]; pdfsByPage: Map<string, string[]> } {
  const conf = sb.site.confluence;
  const reportsParents = new Set([...conf.pages.values()].filter((p) => p.current.title.startsWith('Reports') || p.current.title === 'Звіти' || p.current.title === 'Отчёты' || p.current.title === 'Отчеты').map((p) => p.id));
  const pages = [...conf.pages.values()].filter((p) => p.parentId && reportsParents.has(p.parentId) && p.status === 'current');
  const pdfsByPage = new Map<string, string[]>();
  for (const a of conf.attachments.values()) {
    if (a.status !== 'current' || !a.title.endsWith('.pdf')) continue;
    pdfsByPage.set(a.pageId, [...(pdfsByPage.get(a.pageId) ?? []), a.title]);
  }
  return { titles: pages.map((p) => p.current.title).sort(), pdfsByPage };
}

export async function invokeMacro(sb: Sandbox, macro: 'charts' | 'feedback', key: string, payload: unknown, accountId: string | null, pageId?: string): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  const r = await sb.invokeResolver(`retainer-report-${macro}`, key, payload, { accountId, ...(pageId ? { extension: { content: { id: pageId, type: 'page' } } } : {}) });
  if (r.record.outcome !== 'ok') throw new Error(`${key}: invocation ${r.record.outcome}: ${r.record.error ?? ''}`);
  return r.value as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
}
