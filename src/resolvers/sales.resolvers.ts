// Sales pipeline resolvers (issue 9). Registered in resolvers/index.ts. Prospect-facing keys
// (brief form, acceptance) allow anonymous callers and check the signed token instead.
import { z } from 'zod';
import { LANGUAGES, SERVICE_TYPES } from '../domain/model';
import { EstimateInputSchema, LEAD_STAGES, PriceListSchema } from '../domain/sales';
import type { ApiKey } from '../shared/api';
import { loadAccess, toLanguage } from '../usecases/access';
import { salesDeps } from '../usecases/sales/deps';
import * as ops from '../usecases/sales/operations';
import { defineResolver, type ResolverDef } from './define';

const LeadId = z.string().regex(/^ld-[a-z0-9]{6,40}$/, 'not a lead id');
const Token = z.string().regex(/^[0-9a-f]{40}$/, 'not a link token');
const Stage = z.enum(LEAD_STAGES);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Template = z.string().max(20_000);
const ByLang = z.object({ en: Template, uk: Template, ru: Template });
const now = (): Date => new Date();

export const salesResolvers: Array<ResolverDef<ApiKey>> = [
  defineResolver({
    key: 'sales/leads/list',
    payload: z.object({ stage: Stage.optional() }),
    run: async (p, call) => ops.listLeads(await loadAccess(call.accountId), p.stage),
  }),
  defineResolver({
    key: 'sales/leads/get',
    payload: z.object({ leadId: LeadId }),
    run: async (p, call) => ops.getLead(await loadAccess(call.accountId), p.leadId, toLanguage(call.locale)),
  }),
  defineResolver({
    key: 'sales/leads/create',
    payload: z.object({
      name: z.string().max(500),
      company: z.string().max(500).optional(),
      email: z.string().max(500).optional(),
      phone: z.string().max(100).optional(),
      site: z.string().max(600).optional(),
      serviceTypes: z.array(z.enum(SERVICE_TYPES)).max(5).optional(),
      message: z.string().max(8000).optional(),
      language: z.enum(LANGUAGES).optional(),
    }),
    run: async (p, call) => ops.createLeadManually(await loadAccess(call.accountId), p, now()),
  }),
  defineResolver({
    key: 'sales/leads/move',
    payload: z.object({ leadId: LeadId, to: Stage, reason: z.string().max(40).optional(), note: z.string().max(2000).optional() }),
    run: async (p, call) => ops.moveLeadOp(await loadAccess(call.accountId), p, toLanguage(call.locale), now()),
  }),
  defineResolver({
    key: 'sales/brief/request',
    payload: z.object({ leadId: LeadId }),
    run: async (p, call) => ops.requestBriefOp(await loadAccess(call.accountId), p.leadId, toLanguage(call.locale), salesDeps()),
  }),
  defineResolver({
    key: 'sales/estimate/preview',
    payload: z.object({ leadId: LeadId, input: EstimateInputSchema }),
    run: async (p, call) => ops.previewEstimateOp(await loadAccess(call.accountId), p.leadId, p.input),
  }),
  defineResolver({
    key: 'sales/estimate/save',
    payload: z.object({ leadId: LeadId, input: EstimateInputSchema }),
    run: async (p, call) => ops.saveEstimateOp(await loadAccess(call.accountId), p.leadId, p.input, toLanguage(call.locale), now()),
  }),
  defineResolver({
    key: 'sales/documents/send',
    payload: z.object({ leadId: LeadId }),
    run: async (p, call) => ops.sendDocumentsOp(await loadAccess(call.accountId), p.leadId, toLanguage(call.locale), now()),
  }),
  defineResolver({
    key: 'sales/leads/win',
    payload: z.object({ leadId: LeadId, startDate: Day.optional(), managerAccountId: z.string().min(1).max(128).optional() }),
    run: async (p, call) => ops.winLeadOp(await loadAccess(call.accountId), p, toLanguage(call.locale), now()),
  }),
  defineResolver({
    key: 'sales/funnel',
    payload: z.object({ months: z.number().int().min(1).max(24).optional() }),
    run: async (p, call) => ops.funnelOp(await loadAccess(call.accountId), p.months ?? 12, now()),
  }),
  defineResolver({
    key: 'sales/price-list/get',
    payload: z.object({}),
    run: async (_p, call) => ops.getPriceListOp(await loadAccess(call.accountId)),
  }),
  defineResolver({
    key: 'sales/price-list/save',
    payload: PriceListSchema,
    run: async (p, call) => ops.savePriceListOp(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'sales/templates/get',
    payload: z.object({}),
    run: async (_p, call) => ops.getTemplatesOp(await loadAccess(call.accountId)),
  }),
  defineResolver({
    key: 'sales/templates/save',
    payload: z.object({ proposal: ByLang, contract: ByLang }),
    run: async (p, call) => ops.saveTemplatesOp(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'sales/form-secret/configure',
    payload: z.object({ secret: z.string().min(32, 'At least 32 characters').max(200) }),
    run: async (p, call) => ops.configureFormSecretOp(await loadAccess(call.accountId), p.secret),
  }),
  defineResolver({
    key: 'sales/brief-form/get',
    allowAnonymous: true,
    payload: z.object({ leadId: LeadId, token: Token }),
    run: async (p) => ops.briefFormGet(p.leadId, p.token),
  }),
  defineResolver({
    key: 'sales/brief-form/submit',
    allowAnonymous: true,
    payload: z.object({ leadId: LeadId, token: Token, answers: z.record(z.string().max(60), z.string().max(8000)) }),
    run: async (p) => ops.briefFormSubmit(p.leadId, p.token, p.answers, now()),
  }),
  defineResolver({
    key: 'sales/accept/get',
    allowAnonymous: true,
    payload: z.object({ leadId: LeadId, token: Token }),
    run: async (p) => ops.acceptGet(p.leadId, p.token),
  }),
  defineResolver({
    key: 'sales/accept/submit',
    allowAnonymous: true,
    payload: z.object({ leadId: LeadId, token: Token }),
    run: async (p) => ops.acceptSubmit(p.leadId, p.token, now()),
  }),
] as Array<ResolverDef<ApiKey>>;
