// Scenario files: the people, clients and services of an agency plus how its people work.
// The sandbox loads any scenario given on the command line; the demo agency is one of them.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { ScenarioMetricsSchema } from './connections';
import { ScenarioMoneySchema } from './money';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Money = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/);

const ScenarioService = z.object({
  id: z.string(),
  type: z.enum(['seo', 'yandex-direct', 'google-ads', 'smm', 'targeted-ads']),
  name: z.string(),
  manager: z.string(),
  head: z.string().optional(),
  startDate: Day,
  status: z.enum(['active', 'paused', 'ended']).default('active'),
  fee: Money,
  commission: z.string(),
  vat: z.string(),
  prepaid: z.boolean(),
  allowance: z.number(),
  /** This service's team by role; absent = the agency's whole team (`team` below). */
  team: z.record(z.string(), z.array(z.string())).optional(),
});

const ScenarioClient = z.object({
  id: z.string(),
  name: z.string(),
  language: z.enum(['en', 'uk', 'ru']),
  currency: z.string(),
  legal: z.object({ legalName: z.string(), taxId: z.string().optional(), address: z.string().optional() }),
  contacts: z.array(z.object({ name: z.string(), email: z.string().optional(), phone: z.string().optional(), position: z.string().optional() })),
  services: z.array(ScenarioService),
});

export const ScenarioSchema = z.object({
  name: z.string(),
  start: z.coerce.date(),
  end: z.coerce.date(),
  agency: z.object({
    name: z.string(),
    language: z.enum(['en', 'uk', 'ru']),
    timeZone: z.string(),
    baseCurrency: z.string(),
    moneyVisibility: z.enum(['manager-head-admin', 'head-admin']).default('manager-head-admin'),
  }),
  users: z.array(
    z.object({
      accountId: z.string(),
      displayName: z.string(),
      email: z.string().optional(),
      role: z.enum(['admin', 'head', 'manager', 'specialist', 'client-guest']),
      guestOf: z.string().optional(),
    }),
  ),
  team: z.record(z.string(), z.array(z.string())).default({}),
  clients: z.array(ScenarioClient),
  /** Metrics connections of the services to the fake ad/analytics APIs (sandbox/scenarios/connections.ts). */
  metrics: ScenarioMetricsSchema.optional(),
  /** Demo money: payments, late payers, ad budgets (sandbox/scenarios/money.ts). */
  money: ScenarioMoneySchema.optional(),
  activity: z
    .object({
      seed: z.number().default(1),
      dailyLogProbability: z.number().min(0).max(1).default(0.3),
      hoursPerLog: z.tuple([z.number(), z.number()]).default([0.5, 3]),
      finishWhenLoggedShare: z.number().default(0.9),
    })
    .default({ seed: 1, dailyLogProbability: 0.3, hoursPerLog: [0.5, 3], finishWhenLoggedShare: 0.9 }),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioClientDef = z.infer<typeof ScenarioClient>;

export function loadScenario(file: string): Scenario {
  const raw: unknown = parse(readFileSync(file, 'utf8'));
  const r = ScenarioSchema.safeParse(raw);
  if (!r.success) {
    throw new Error(`Scenario ${file} is not valid:\n${r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  if (r.data.end <= r.data.start) throw new Error(`Scenario ${file}: end must be after start`);
  return r.data;
}
