// Reports resolvers. Registered in resolvers/index.ts.
import { z } from 'zod';
import type { ApiKey } from '../shared/api';
import { loadAccess } from '../usecases/access';
import { getFeedback, reportCharts, reportsDeps, submitFeedback, type MacroCall } from '../usecases/reports';
import { listReports, requestPublish, requestReport, updateReport } from '../usecases/reports/service-api';
import { defineResolver, type CallContext, type ResolverDef } from './define';

const ReportId = z.string().regex(/^rp-[a-z0-9-]{1,120}$/i);
const Text = z.string().max(20_000);

function macroCall(call: CallContext): MacroCall {
  const content = call.extension['content'];
  const id = typeof content === 'object' && content !== null ? (content as Record<string, unknown>)['id'] : undefined;
  return { accountId: call.accountId as string, contentId: typeof id === 'string' || typeof id === 'number' ? String(id) : null };
}

export const reportsResolvers: Array<ResolverDef<ApiKey>> = [
  defineResolver({
    key: 'reports/list',
    payload: z.object({ serviceId: z.string().min(1).max(200) }),
    run: async (p, call) => listReports(await loadAccess(call.accountId), p.serviceId),
  }),
  defineResolver({
    key: 'reports/create',
    payload: z.object({ serviceId: z.string().min(1).max(200), from: z.string().max(40), to: z.string().max(40) }),
    run: async (p, call) => requestReport(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'reports/update',
    payload: z.object({ reportId: ReportId, analysis: Text, proposals: Text }),
    run: async (p, call) => updateReport(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'reports/publish',
    payload: z.object({ reportId: ReportId.optional(), issueKey: z.string().regex(/^[A-Z][A-Z0-9_]+-\d+$/).optional() }),
    run: async (p, call) => requestPublish(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'report/charts',
    payload: z.object({ reportId: ReportId }),
    run: async (p, call) => reportCharts(p.reportId, macroCall(call), reportsDeps()),
  }),
  defineResolver({
    key: 'report/feedback/get',
    payload: z.object({ reportId: ReportId }),
    run: async (p, call) => getFeedback(p.reportId, macroCall(call), reportsDeps()),
  }),
  defineResolver({
    key: 'report/feedback/submit',
    payload: z.object({ reportId: ReportId, rating: z.number().int().min(1).max(5), comment: z.string().max(2000) }),
    run: async (p, call) => submitFeedback(p, macroCall(call), reportsDeps()),
  }),
] as Array<ResolverDef<ApiKey>>;
