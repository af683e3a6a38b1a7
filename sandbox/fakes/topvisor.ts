// Fake Topvisor API v2: Bearer key + User-Id header, errors inside HTTP 200 bodies, positions history
// keyed "<date>:<project>:<region>", `--` when not found, checks only on existsDates, keyword paging
// with nextOffset/total only when needed, limit ≤ 10,000, projects with searchers and region indexes.
import { hasCheck, keywordPosition, queryText } from './data';
import { bearer, json, parseJsonBody, type FakeRequest, type FakeResponse, type FakeService } from './server';
import type { FakeState } from './state';

function tvErr(code: number, string: string, detail = ''): FakeResponse {
  // Always HTTP 200: callers must read `errors`.
  return json(200, { errors: [{ code, string, detail }] }, {}, 'topvisor');
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function auth(req: FakeRequest, state: FakeState): FakeResponse | null {
  const key = bearer(req);
  const user = req.headers['user-id'];
  if (!user || !/^\d+$/.test(user)) return tvErr(53, 'Authorization error', 'User-Id header is missing or not numeric');
  if (state.verdict(key) !== 'ok') return tvErr(53, 'Authorization error', 'Invalid API key or User-Id mismatch');
  return null;
}

interface HistoryBody {
  project_id?: number | string;
  regions_indexes?: number[];
  date1?: string;
  date2?: string;
  limit?: number;
  offset?: number;
  show_exists_dates?: boolean | number;
}

export const topvisorFake: FakeService = {
  service: 'topvisor',
  hosts: ['api.topvisor.com'],
  handle(req, { state, seed }) {
    if (req.method !== 'POST') return tvErr(1002, 'Invalid operator');
    const denied = auth(req, state);
    if (denied) return denied;
    if (req.path === '/v2/json/get/projects_2/projects') {
      const body = (parseJsonBody(req) ?? {}) as { filters?: Array<{ values?: unknown[] }> };
      const ids = (body.filters?.[0]?.values ?? []).map(String);
      return json(200, {
        result: ids.map((id) => {
          const a = state.account('topvisor', id);
          return { id: Number(id), name: a.name, site: `https://project-${id}.example/`, searchers: [{ id: 0, key: 0, name: 'Yandex', regions: a.regionIndexes.map((index) => ({ id: 200 + index, index, name: `Region ${index}`, lang: 'ru', device: 0 })) }] };
        }),
      }, {}, 'projects');
    }
    if (req.path !== '/v2/json/get/positions_2/history') return tvErr(1003, 'Invalid service', req.path);
    const body = (parseJsonBody(req) ?? {}) as HistoryBody;
    if (body.project_id === undefined) return tvErr(2000, 'Invalid data', 'project_id is required');
    if (!Array.isArray(body.regions_indexes) || body.regions_indexes.length === 0) return tvErr(2000, 'Invalid data', 'regions_indexes is required');
    const limit = body.limit ?? 10_000;
    if (limit > 10_000 || limit < 1) return tvErr(2005, 'Invalid pagination', 'limit must be between 1 and 10000');
    const projectId = String(body.project_id);
    const account = state.account('topvisor', projectId);
    const bad = body.regions_indexes.find((r) => !account.regionIndexes.includes(r));
    if (bad !== undefined) return tvErr(2001, 'Invalid param', `region index ${bad} is not in the project`);
    const today = state.today(account.timeZone);
    const date2 = body.date2 ?? today;
    const date1 = body.date1 ?? addDays(date2, -6);
    const exists: string[] = [];
    for (let d = date1; d <= date2 && d <= today; d = addDays(d, 1)) if (hasCheck(seed, account, d)) exists.push(d);
    const offset = body.offset ?? 0;
    const total = account.queries;
    const keywords: Array<Record<string, unknown>> = [];
    for (let i = offset; i < Math.min(total, offset + limit); i++) {
      const positionsData: Record<string, Record<string, string>> = {};
      for (const d of exists) {
        for (const r of body.regions_indexes) {
          const p = keywordPosition(seed, account, i, r, d);
          positionsData[`${d}:${projectId}:${r}`] = p === null ? { position: '--' } : { position: String(p), relevant_url: `https://project-${projectId}.example/p/${i % 7}/` };
        }
      }
      keywords.push({ id: String(90_000 + i), name: queryText(i), group_id: String(11 + (i % 3)), group_name: ['Диваны', 'Кровати', 'Матрасы'][i % 3], positionsData });
    }
    const out: Record<string, unknown> = { result: { ...(body.show_exists_dates ? { existsDates: exists } : {}), keywords } };
    if (offset + limit < total) {
      out.nextOffset = offset + limit;
      out.total = total;
    }
    return json(200, out, {}, 'positions_2/history');
  },
  fault(f) {
    if (f.kind === 'rate-limit') return tvErr(429, 'Too many requests', 'No more than 5 concurrent requests per IP and User-Id');
    return f.status === 503 ? tvErr(503, 'Service unavailable', 'Maintenance') : tvErr(10001, 'Internal error');
  },
  quota() {
    return tvErr(429, 'Too many requests', 'No more than 5 concurrent requests per IP and User-Id');
  },
};
