// KPI resolvers (issue 6). Registered in resolvers/index.ts. Access rules live in the use cases.
import { z } from 'zod';
import { MonthSchema, ServiceIdSchema } from '../domain/schemas';
import { SERVICE_TYPES } from '../domain/model';
import type { ApiKey } from '../shared/api';
import { loadAccess } from '../usecases/access';
import { CapacitySettingsSchema } from '../storage/kpi.repo';
import { capacity, getCapacityConfig, setCapacityConfig, deleteDefinition,
  setBuiltInEnabled, fulfilment, getPlan, getTargets, listDefinitions, requestRecompute, saveDefinition, serviceHistory, serviceKpis, setPlan, setTargets } from '../usecases/kpi/views';
import { defineResolver, type ResolverDef } from './define';

const ServiceTypeSchema = z.enum(SERVICE_TYPES);
const MoneyText = z.string().trim().regex(/^\d{1,15}(\.\d{1,4})?$/, 'A non-negative amount, e.g. 15000.00');
const PlanTargets = z.partialRecord(ServiceTypeSchema, MoneyText);

export const kpiResolvers: Array<ResolverDef<ApiKey>> = [
  defineResolver({
    key: 'kpi/definitions/list',
    payload: z.object({ serviceType: ServiceTypeSchema.optional() }).strict(),
    run: async (p, call) => listDefinitions(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'kpi/definitions/save',
    payload: z.object({ definition: z.unknown() }).strict(),
    run: async (p, call) => saveDefinition(await loadAccess(call.accountId), p.definition),
  }),
  defineResolver({
    key: 'kpi/definitions/delete',
    payload: z.object({ id: z.string().min(1).max(48) }).strict(),
    run: async (p, call) => deleteDefinition(await loadAccess(call.accountId), p.id),
  }),
  defineResolver({
    key: 'kpi/definitions/enable',
    payload: z.object({ id: z.string().min(1).max(48), enabled: z.boolean() }).strict(),
    run: async (p, call) => setBuiltInEnabled(await loadAccess(call.accountId), p.id, p.enabled),
  }),
  defineResolver({
    key: 'kpi/targets/get',
    payload: z.object({ serviceId: ServiceIdSchema, month: MonthSchema }).strict(),
    run: async (p, call) => getTargets(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'kpi/targets/set',
    payload: z.object({ serviceId: ServiceIdSchema, month: MonthSchema, values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])) }).strict(),
    run: async (p, call) => setTargets(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'kpi/service',
    payload: z.object({ serviceId: ServiceIdSchema, month: MonthSchema }).strict(),
    run: async (p, call) => serviceKpis(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'kpi/history',
    payload: z.object({ serviceId: ServiceIdSchema, months: z.array(MonthSchema).min(1).max(24) }).strict(),
    run: async (p, call) => serviceHistory(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'kpi/plan/get',
    payload: z.object({ month: MonthSchema }).strict(),
    run: async (p, call) => getPlan(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'kpi/plan/set',
    payload: z
      .object({
        month: MonthSchema,
        currency: z.string().regex(/^[A-Z]{3}$/, 'Currency is a 3-letter ISO code').optional(),
        plans: z.array(z.object({ managerAccountId: z.string().min(1).max(128), targets: PlanTargets }).strict()).max(200).optional(),
        formula: z.unknown().optional(),
      })
      .strict(),
    run: async (p, call) => setPlan(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'kpi/fulfilment',
    payload: z.object({ month: MonthSchema }).strict(),
    run: async (p, call) => fulfilment(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'kpi/capacity',
    payload: z.object({ month: MonthSchema.optional() }).strict(),
    run: async (p, call) => capacity(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'kpi/capacity/settings/get',
    payload: z.object({}).strict(),
    run: async (_p, call) => getCapacityConfig(await loadAccess(call.accountId)),
  }),
  defineResolver({
    key: 'kpi/capacity/settings/set',
    payload: CapacitySettingsSchema,
    run: async (p, call) => setCapacityConfig(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'kpi/recompute',
    payload: z.object({ month: MonthSchema, serviceId: ServiceIdSchema.optional() }).strict(),
    run: async (p, call) => requestRecompute(await loadAccess(call.accountId), p),
  }),
] as unknown as Array<ResolverDef<ApiKey>>;
