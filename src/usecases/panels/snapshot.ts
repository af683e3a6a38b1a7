// The stored panel snapshot: everything the issue context and issue panel show for one service,
// precomputed by the `panel-refresh` job, read by the resolver in one KVS get. Money-bearing parts are
// kept apart (`money`, KPI and alert `money` flags) so they can be dropped for viewers who may not see
// money; `people` carries what the access decision needs, so no service read is needed at load time.
import { z } from 'zod';
import { SERVICE_STATUSES, SERVICE_TYPES } from '../../domain/model';

export const PANEL_SNAPSHOT_VERSION = 1;

const Amount = z.string().regex(/^-?\d+(\.\d+)?$/);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const Texts = z.object({ en: z.string(), uk: z.string(), ru: z.string() });

export const PanelKpiSchema = z.object({
  id: z.string(),
  label: Texts,
  unit: z.enum(['count', 'percent', 'money', 'hours', 'ratio', 'position', 'rating']),
  verdict: z.enum(['on-track', 'at-risk', 'off-track', 'no-data', 'no-target', 'pending']),
  value: z.number().nullable(),
  unbounded: z.enum(['positive', 'negative']).nullable(),
  target: z.number().nullable(),
  expectedByNow: z.number().nullable(),
  ratio: z.number().nullable(),
  /** Built from money facts (revenue, cost, margin): hidden from viewers who may not see money. */
  money: z.boolean(),
});

export const PanelAlertSchema = z.object({
  source: z.enum(['money', 'connector', 'site']),
  type: z.string().max(60),
  subject: z.string().max(200).nullable(),
  issueKey: z.string().max(40).nullable(),
  since: z.string(),
  severity: z.enum(['warning', 'danger']),
  /** Reveals money (balances, invoices, spend against budget): hidden from viewers who may not see money. */
  money: z.boolean(),
});

export const PanelMoneySchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  prepaid: z.boolean(),
  monthlyFee: Amount,
  walletBalance: Amount,
  feesBalance: Amount,
  averageDailySpend: Amount.nullable(),
  runwayDays: z.number().nullable(),
  adsStopDate: Day.nullable(),
  paidUntil: Day.nullable(),
  profit: z
    .object({ period: Month, revenue: Amount, cost: Amount, margin: Amount, marginPercent: z.string().nullable(), complete: z.boolean() })
    .nullable(),
});

export const PanelReportSchema = z.object({
  reportId: z.string(),
  kind: z.enum(['weekly', 'monthly', 'custom']),
  from: Day,
  to: Day,
  status: z.enum(['drafting', 'draft', 'publishing', 'published']),
  rating: z.number().min(1).max(5).nullable(),
  ratings: z.number().int().min(0),
  publishedAt: z.string().nullable(),
});

export const PanelPeopleSchema = z.object({
  managerAccountId: z.string(),
  headAccountId: z.string().nullable(),
  /** Everyone on the team, whatever the role. */
  team: z.array(z.string()),
});

export const PanelSnapshotSchema = z.object({
  version: z.literal(PANEL_SNAPSHOT_VERSION),
  kind: z.literal('service'),
  projectKey: z.string(),
  serviceId: z.string(),
  clientName: z.string(),
  serviceName: z.string(),
  serviceType: z.enum(SERVICE_TYPES),
  status: z.enum(SERVICE_STATUSES),
  month: Month,
  people: PanelPeopleSchema,
  hours: z.object({ logged: z.number().min(0), allowance: z.number().min(0), planned: z.number().min(0) }),
  kpis: z.array(PanelKpiSchema),
  lastReport: PanelReportSchema.nullable(),
  alerts: z.array(PanelAlertSchema),
  money: PanelMoneySchema.nullable(),
  projectPageUrl: z.string().nullable(),
  computedAt: z.string(),
});

/** Written for a project key that is not a service's, so its issues answer "not a service" without a lookup. */
export const PanelNoServiceSchema = z.object({ version: z.literal(PANEL_SNAPSHOT_VERSION), kind: z.literal('none'), projectKey: z.string(), computedAt: z.string() });

export const StoredPanelSchema = z.discriminatedUnion('kind', [PanelSnapshotSchema, PanelNoServiceSchema]);

export type PanelSnapshot = z.infer<typeof PanelSnapshotSchema>;
export type PanelKpi = z.infer<typeof PanelKpiSchema>;
export type PanelAlert = z.infer<typeof PanelAlertSchema>;
export type PanelMoney = z.infer<typeof PanelMoneySchema>;
export type PanelReport = z.infer<typeof PanelReportSchema>;
export type PanelPeople = z.infer<typeof PanelPeopleSchema>;
export type StoredPanel = z.infer<typeof StoredPanelSchema>;
