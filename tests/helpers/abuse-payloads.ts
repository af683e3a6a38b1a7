// Known-good payloads for every resolver key (the starting point the fuzzer mutates), the list of
// registered resolver definitions read from src/resolvers, and the module each key is called from.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ZodType } from 'zod';
import type { Sandbox } from '../../sandbox/platform';

export interface DefLike {
  key: string;
  payload: ZodType;
  allowAnonymous?: boolean;
}

const RESOLVERS_DIR = join(process.cwd(), 'src/resolvers');

/**
 * Every resolver definition, imported from each `src/resolvers/*.resolvers.ts`, and the names of
 * the exported arrays (so a test can check `resolvers/index.ts` registers each of them).
 */
export async function registeredDefs(): Promise<{ defs: DefLike[]; arrays: string[]; indexSource: string }> {
  const defs: DefLike[] = [];
  const arrays: string[] = [];
  for (const f of readdirSync(RESOLVERS_DIR).filter((x) => x.endsWith('.resolvers.ts')).sort()) {
    const mod = (await import(join(RESOLVERS_DIR, f))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (!Array.isArray(value) || !value.every((d) => typeof (d as DefLike).key === 'string' && typeof (d as DefLike).payload?.safeParse === 'function')) continue;
      arrays.push(name);
      defs.push(...(value as DefLike[]));
    }
  }
  return { defs, arrays, indexSource: readFileSync(join(RESOLVERS_DIR, 'index.ts'), 'utf8') };
}

/** The UI module a key is called from (macros for the prospect- and client-facing keys). */
export function moduleFor(key: string): string {
  if (key.startsWith('report/feedback')) return 'retainer-report-feedback';
  if (key.startsWith('report/')) return 'retainer-report-charts';
  if (key.startsWith('sales/brief-form')) return 'retainer-sales-brief';
  if (key.startsWith('sales/accept')) return 'retainer-sales-accept';
  if (key === 'panel/issue') return 'retainer-issue-panel';
  if (key.startsWith('dashboard/')) return 'retainer-global-page';
  if (/^(agency|users|templates|notifications|kpi\/(definitions|plan|capacity\/settings)|money\/settings|metrics\/settings|sales\/(price-list|templates|form-secret))/.test(key)) return 'retainer-admin-page';
  return 'retainer-project-page';
}

export interface AbuseIds {
  serviceId: string;
  clientId: string;
  invoiceId: string;
  leadId: string;
  reportId: string;
  connectionId: string;
  templateId: string;
  month: string;
}

async function read(sb: Sandbox, key: string, payload: unknown = {}): Promise<unknown> {
  const r = await sb.invokeResolver(moduleFor(key), key, payload, { accountId: 'u-admin' });
  const env = r.value as { ok: boolean; data?: unknown; error?: unknown } | undefined;
  if (!env?.ok) throw new Error(`${key}: ${JSON.stringify(env?.error ?? r.record.error)}`);
  return env.data;
}

const TOKEN = '0'.repeat(40);

/** A payload each key's schema accepts, built around `ids` (settings are read back from the app). */
export async function basePayloads(sb: Sandbox, ids: AbuseIds): Promise<Record<string, unknown>> {
  const { serviceId, clientId, invoiceId, leadId, reportId, connectionId, templateId, month } = ids;
  const templates = (await read(sb, 'templates/list', {})) as Array<Record<string, unknown>>;
  const template = templates.find((t) => t.id === templateId) ?? templates[0] ?? {};
  const pick = (o: Record<string, unknown>, keys: string[]): Record<string, unknown> => Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
  return {
    'app/viewer': {},
    'agency/get': {},
    'agency/save': await read(sb, 'agency/get'),
    'users/list': {},
    'dashboard/manager': { month },
    'dashboard/head': { month },
    'kpi/definitions/list': { serviceType: 'seo' },
    'kpi/definitions/save': { definition: { id: 'custom-leads', name: 'Leads', serviceTypes: ['seo'], metric: 'leads', direction: 'up' } },
    'kpi/definitions/delete': { id: 'custom-leads' },
    'kpi/definitions/enable': { id: 'leads', enabled: true },
    'kpi/targets/get': { serviceId, month },
    'kpi/targets/set': { serviceId, month, values: { leads: 10 } },
    'kpi/service': { serviceId, month },
    'kpi/history': { serviceId, months: [month] },
    'kpi/plan/get': { month },
    'kpi/plan/set': { month, currency: 'UAH', plans: [{ managerAccountId: 'u-man-a', targets: { seo: '1000.00' } }] },
    'kpi/fulfilment': { month },
    'kpi/capacity': { month },
    'kpi/capacity/settings/get': {},
    'kpi/capacity/settings/set': await read(sb, 'kpi/capacity/settings/get'),
    'kpi/recompute': { month, serviceId },
    'metrics/csv/upload': { serviceId, fileName: 'metrics.csv', content: 'date,clicks\n2026-10-01,5\n', preview: true },
    'metrics/csv/history': { serviceId },
    'connections/list': { serviceId },
    'connections/save': { id: connectionId, serviceId, source: 'google-ads', label: 'Ads', account: { accountId: '123-456-7890', currency: 'UAH' } },
    'connections/delete': { id: connectionId },
    'connections/test': { id: connectionId },
    'sync/status': { serviceId },
    'sync/runNow': { serviceId, source: 'google-ads' },
    'metrics/settings/get': {},
    'metrics/settings/save': await read(sb, 'metrics/settings/get'),
    'metrics/month': { serviceId, month, rows: true },
    'money/panel': { serviceId },
    'money/ledger': { serviceId, period: month },
    'money/ledger/check': { serviceId },
    'money/invoices/list': { serviceId, status: 'issued' },
    'money/invoices/get': { invoiceId },
    'money/invoices/issue': { serviceId, requestId: 'abuse-request-0001', purpose: 'other', lines: [{ description: 'Audit', quantity: '1', unitPrice: '100.00', vatRatePercent: '20' }], note: 'note' },
    'money/invoices/cancel': { invoiceId },
    'money/invoices/pdf': { invoiceId },
    'money/payments/register': { serviceId, requestId: 'abuse-request-0002', amount: '10.00', date: '2026-10-30', invoiceId, reference: 'ref' },
    'money/refunds/register': { serviceId, requestId: 'abuse-request-0003', amount: '1.00', date: '2026-10-30', account: 'wallet', reason: 'why' },
    'money/payments/list': { serviceId },
    'money/bank/import': { fileName: 'bank.csv', content: 'date;amount;purpose\n2026-10-30;10,00;INV-2026-0001\n', delimiter: ';', decimalSeparator: ',' },
    'money/bank/status': { importId: 'bi-abuse' },
    'money/review/list': {},
    'money/review/resolve': { paymentId: 'pay-abuse', action: 'dismiss', reason: 'not ours' },
    'money/spend/sync': { serviceId, from: '2026-10-01', to: '2026-10-02' },
    'money/spend/record': { serviceId, day: '2026-10-01', amount: '5.00', currency: 'UAH', vatIncluded: true, label: 'ads' },
    'money/alerts': { serviceId },
    'money/profitability': { serviceId, period: month },
    'money/costs/save': { serviceId, period: month, items: [{ label: 'Tools', amount: '10.00' }] },
    'money/acts/list': { serviceId },
    'money/acts/pdf': { serviceId, period: month },
    'money/export': { month, format: 'csv' },
    'money/settings/get': {},
    'money/settings/save': ((await read(sb, 'money/settings/get')) as { settings: unknown }).settings,
    'money/service-settings/get': { serviceId },
    'money/service-settings/save': { serviceId, settings: { runwayDays: 7, lowBalanceThreshold: '100' } },
    'money/webhook/configure': { secret: 'fuzz-webhook-secret-0123456789' },
    'notifications/get': {},
    'notifications/save': await read(sb, 'notifications/get'),
    'panel/issue': {},
    'reports/list': { serviceId },
    'reports/create': { serviceId, from: '2026-10-05', to: '2026-10-11' },
    'reports/update': { reportId, analysis: 'Analysis', proposals: 'Proposals' },
    'reports/publish': { reportId },
    'report/charts': { reportId },
    'report/feedback/get': { reportId },
    'report/feedback/submit': { reportId, rating: 4, comment: 'fine' },
    'sales/leads/list': { stage: 'new' },
    'sales/leads/get': { leadId },
    'sales/leads/create': { name: 'Fuzz Lead', company: 'Fuzz Co', email: 'fuzz@example.com', phone: '+380670000000', site: 'https://fuzz.example', serviceTypes: ['seo'], message: 'hello', language: 'en' },
    'sales/leads/move': { leadId, to: 'lost', reason: 'other', note: 'note' },
    'sales/brief/request': { leadId },
    'sales/estimate/preview': { leadId, input: { lines: [{ itemId: 'seo-start', quantity: 1 }], discountPercent: '0' } },
    'sales/estimate/save': { leadId, input: { lines: [{ itemId: 'seo-start', quantity: 1 }], discountPercent: '0' } },
    'sales/documents/send': { leadId },
    'sales/leads/win': { leadId, startDate: '2026-11-01', managerAccountId: 'u-man-a' },
    'sales/funnel': { months: 3 },
    'sales/price-list/get': {},
    'sales/price-list/save': await read(sb, 'sales/price-list/get'),
    'sales/templates/get': {},
    'sales/templates/save': pick((await read(sb, 'sales/templates/get')) as Record<string, unknown>, ['proposal', 'contract']),
    'sales/form-secret/configure': { secret: 'fuzz-form-secret-0123456789abcdef0123' },
    'sales/brief-form/get': { leadId, token: TOKEN },
    'sales/brief-form/submit': { leadId, token: TOKEN, answers: { business: 'b' } },
    'sales/accept/get': { leadId, token: TOKEN },
    'sales/accept/submit': { leadId, token: TOKEN },
    'clients/list': {},
    'clients/save': { id: clientId, name: 'Client', legal: { legalName: 'Client LLC' }, language: 'en', currency: 'UAH', contacts: [] },
    'services/list': { mine: true },
    'services/get': { serviceId },
    'services/save': {
      id: serviceId,
      clientId,
      type: 'seo',
      name: 'Service',
      managerAccountId: 'u-man-a',
      headAccountId: 'u-head',
      team: { manager: ['u-man-a'] },
      startDate: '2026-06-01',
      status: 'active',
      billing: { monthlyFee: '10000.00', commissionPercent: '10', vatRatePercent: '20', prepaidAdBudget: true },
      monthlyHourAllowance: 30,
      reportSchedule: { weekly: { enabled: true, weekday: 1 }, monthly: { enabled: true, dayOfMonth: 3 }, autoSend: false },
    },
    'services/setup': { serviceId },
    'templates/list': { serviceType: 'seo' },
    'templates/save': pick(template, ['id', 'serviceType', 'title', 'description', 'estimateHours', 'role', 'rule', 'dueDayOffset', 'checklist', 'labels', 'active']),
    'templates/delete': { id: templateId },
    'templates/calibration': { serviceType: 'seo' },
    'tasksets/get': { serviceId, month },
    'tasksets/addExtra': { serviceId, templateIds: [templateId] },
    'jobs/get': { jobId: 'job-abuse1' },
  };
}
