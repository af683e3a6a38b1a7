// Global page resolvers (issue 8): the manager view and the head-of-department view. Registered in
// resolvers/index.ts. Access rules live in usecases/dashboards/views.ts (over usecases/access.ts).
import { z } from 'zod';
import { MonthSchema } from '../domain/schemas';
import type { ApiKey } from '../shared/api';
import { loadAccess } from '../usecases/access';
import { headDashboard, managerDashboard } from '../usecases/dashboards/views';
import { defineResolver, type ResolverDef } from './define';

export const dashboardResolvers: Array<ResolverDef<ApiKey>> = [
  defineResolver({
    key: 'dashboard/manager',
    payload: z.object({ month: MonthSchema, managerAccountId: z.string().min(1).max(128).optional(), all: z.boolean().optional() }).strict(),
    run: async (p, call) => managerDashboard(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'dashboard/head',
    payload: z.object({ month: MonthSchema }).strict(),
    run: async (p, call) => headDashboard(await loadAccess(call.accountId), p),
  }),
] as unknown as Array<ResolverDef<ApiKey>>;
