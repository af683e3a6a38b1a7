// Topvisor connector: positions history for a project's regions, offset paging by `nextOffset`,
// per-day average position and share in top 10 built across pages.
import { SourceError } from '../errors';
import { readJson } from '../http';
import { assertRange, todayIn } from '../shared/dates';
import { cursorPaging } from '../shared/paging';
import { SourceSession } from '../shared/session';
import type { AccountCallRequest, AccountInfo, DailyRow, FetchDailyRequest, MetricsConnector } from '../types';
import { TOPVISOR_DEFAULT_TZ, TOPVISOR_HISTORY_URL, TOPVISOR_PAGE_SIZE, TOPVISOR_PROJECTS_URL } from './constants';
import { DayAccumulator, readHistory, topvisorError } from './parser';
import { TopvisorEnvelope, TopvisorHistory, TopvisorProjects } from './schemas';

const session = (req: AccountCallRequest): SourceSession => new SourceSession({ ...req, source: 'topvisor' });

/** POSTs to Topvisor and returns the parsed envelope; `errors` (even in HTTP 200) become typed errors. */
async function call(s: SourceSession, url: string, body: Record<string, unknown>): Promise<{ result: unknown; nextOffset?: number; total?: number }> {
  const { apiKey, userId } = s.credentials;
  if (!apiKey || !userId) throw s.authError('missing', 'Topvisor API key and User-Id are required');
  return s.retry(async () => {
    const res = await s.fetch(url, {
      method: 'POST',
      headers: { 'User-Id': userId, Authorization: `bearer ${apiKey}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await readJson('topvisor', res);
    const env = TopvisorEnvelope.safeParse(json ?? {});
    if (!env.success) throw new SourceError('topvisor', res.status, `HTTP_${res.status}`, 'unexpected answer', res.status >= 500);
    if (env.data.errors && env.data.errors.length > 0) throw topvisorError(s, res.status, env.data.errors);
    if (!res.ok) throw new SourceError('topvisor', res.status, `HTTP_${res.status}`, 'request failed', res.status >= 500);
    return { result: env.data.result, ...(env.data.nextOffset !== undefined ? { nextOffset: env.data.nextOffset } : {}), ...(env.data.total !== undefined ? { total: env.data.total } : {}) };
  });
}

/** Region indexes of the project (not Yandex/Google region ids), when the connection does not list them. */
async function regionIndexes(s: SourceSession, projectId: string): Promise<number[]> {
  const { result } = await call(s, TOPVISOR_PROJECTS_URL, { fields: ['id', 'name'], filters: [{ name: 'id', operator: 'EQUALS', values: [projectId] }], show_searchers_and_regions: 1 });
  const projects = TopvisorProjects.safeParse(result);
  const p = projects.success ? projects.data.find((x) => x.id === projectId) : undefined;
  const idx = (p?.searchers ?? []).flatMap((se) => (se.regions ?? []).map((r) => r.index));
  if (idx.length === 0) throw new SourceError('topvisor', 200, 'CONFIG', `project ${projectId} has no regions`, false);
  return [...new Set(idx)];
}

async function* fetchDaily(req: FetchDailyRequest): AsyncGenerator<DailyRow[]> {
  assertRange(req.from, req.to);
  const s = session(req);
  const projectId = req.account.accountId;
  const regions = req.account.settings?.regionIndexes?.length ? req.account.settings.regionIndexes : await regionIndexes(s, projectId);
  const limit = Math.min(Math.max(1, req.pageSize ?? TOPVISOR_PAGE_SIZE), TOPVISOR_PAGE_SIZE);
  const keywordRows = req.account.settings?.keywordRows ?? false;
  // Today's check may still be running: flag it as partial.
  const today = todayIn(req.account.timeZone ?? TOPVISOR_DEFAULT_TZ, s.now());
  const acc = new DayAccumulator();
  const pages = cursorPaging<{ result: unknown; nextOffset?: number }, number>({
    fetch: (offset) =>
      call(s, TOPVISOR_HISTORY_URL, {
        project_id: Number(projectId),
        regions_indexes: regions,
        date1: req.from,
        date2: req.to,
        fields: ['id', 'name', 'group_id', 'group_name'],
        positions_fields: ['position', 'relevant_url'],
        show_exists_dates: true,
        show_headers: true,
        limit,
        offset: offset ?? 0,
      }),
    // nextOffset is present only while more keywords remain.
    next: (p) => p.nextOffset,
  });
  for await (const page of pages) {
    const h = TopvisorHistory.safeParse(page.result ?? {});
    if (!h.success) throw new SourceError('topvisor', 200, 'BAD_RESPONSE', 'positions history has an unexpected shape', false);
    const rows = readHistory(h.data, projectId, acc, keywordRows, today);
    if (rows.length > 0) yield rows;
  }
  const summary = acc.rows(projectId, today);
  if (summary.length > 0) yield summary;
}

async function checkAccess(req: AccountCallRequest): Promise<AccountInfo> {
  const s = session(req);
  await regionIndexes(s, req.account.accountId);
  return { accountId: req.account.accountId, name: null, timeZone: req.account.timeZone ?? TOPVISOR_DEFAULT_TZ, currency: null };
}

export const topvisorConnector: MetricsConnector = {
  source: 'topvisor',
  // Tracking is not daily unless scheduled: a day without a check is unknown, not zero.
  missingDay: 'unknown',
  fetchDaily,
  checkAccess,
};
