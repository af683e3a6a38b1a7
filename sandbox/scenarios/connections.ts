// Demo metrics connections: each ad/analytics service of a scenario is connected to the fake APIs
// through the app's own `connections/save` resolver (as an admin would), with a fake account
// registered for it. The sandbox routes the connectors' egress to the fakes, so the real sync code
// runs end to end. Ids and credentials are derived from the service id: re-applying changes nothing.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FakeAccountInput, FakeSource } from '../fakes';
import type { Sandbox } from '../platform';
import { actAs } from './act';
import type { Scenario } from './scenario';

type ServiceType = Scenario['clients'][number]['services'][number]['type'];

/** Sources connected per service type when a scenario says `metrics.connect: auto`. */
export const DEMO_SOURCES: Readonly<Record<ServiceType, readonly FakeSource[]>> = {
  'google-ads': ['google-ads', 'ga4'],
  'yandex-direct': ['yandex-direct', 'yandex-metrica'],
  'targeted-ads': ['meta'],
  seo: ['search-console', 'topvisor'],
  smm: [],
};

export const ScenarioMetricsSchema = z.object({
  /** `auto`: connect every service by its type (DEMO_SOURCES); `none`: no connections. */
  connect: z.enum(['auto', 'none']).default('auto'),
  /** Months of history each new connection pulls (the app's default is 13). */
  backfillMonths: z.number().int().min(1).max(37).default(3),
  /**
   * Simulated day (YYYY-MM-DD) the agency connects its accounts; absent = while the scenario is set up.
   * Connecting late with a longer backfill gives the same history for far fewer sync runs.
   */
  connectOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Hours between spend refreshes of prepaid-budget services (the app's default is 1). */
  spendRefreshHours: z.number().int().min(1).max(24).default(1),
  /** Extra or explicit connections: service id → sources. */
  services: z.record(z.string(), z.array(z.enum(['google-ads', 'yandex-direct', 'yandex-metrica', 'ga4', 'search-console', 'meta', 'topvisor', 'yandex-webmaster']))).default({}),
});
export type ScenarioMetrics = z.infer<typeof ScenarioMetricsSchema>;

export interface DemoConnection {
  serviceId: string;
  source: FakeSource;
  accountId: string;
  credentials: Record<string, string>;
  settings?: Record<string, unknown>;
  timeZone: string;
  currency: string;
}

const digits = (seed: string, n: number): string => {
  const h = createHash('sha256').update(seed).digest();
  let out = String((h[0] ?? 1) % 9 + 1);
  for (let i = 1; out.length < n; i++) out += String((h[i % h.length] ?? 0) % 10);
  return out;
};

const slug = (serviceId: string): string => serviceId.replace(/^sv-/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** The connection (and its fake account) for one service and source. Credentials are fake and unique per connection. */
export function demoConnection(serviceId: string, source: FakeSource, currency: string): DemoConnection {
  const s = slug(serviceId);
  const google = { refreshToken: `1//demo-refresh-${s}-${source}`, clientId: 'demo-client.apps.googleusercontent.com', clientSecret: `GOCSPX-demo-${s}` };
  switch (source) {
    case 'google-ads':
      return { serviceId, source, accountId: digits(`${serviceId}:ads`, 10), credentials: google, timeZone: 'Europe/Kyiv', currency };
    case 'ga4':
      return { serviceId, source, accountId: digits(`${serviceId}:ga4`, 9), credentials: google, timeZone: 'Europe/Kyiv', currency };
    case 'search-console':
      return { serviceId, source, accountId: `sc-domain:${s}.example`, credentials: google, timeZone: 'America/Los_Angeles', currency };
    case 'yandex-direct':
      return { serviceId, source, accountId: `demo-${s}`, credentials: { accessToken: `y0_demo-direct-${s}` }, settings: { includeVat: true }, timeZone: 'Europe/Moscow', currency };
    case 'yandex-metrica':
      return { serviceId, source, accountId: digits(`${serviceId}:metrica`, 8), credentials: { accessToken: `y0_demo-metrica-${s}` }, settings: { goalIds: ['123456'] }, timeZone: 'Europe/Moscow', currency };
    case 'meta':
      return { serviceId, source, accountId: `act_${digits(`${serviceId}:meta`, 15)}`, credentials: { accessToken: `EAAB-demo-${s}` }, timeZone: 'Europe/Kyiv', currency };
    case 'yandex-webmaster':
      return { serviceId, source, accountId: `https:${s}.example:443`, credentials: { accessToken: `y0_demo-webmaster-${s}` }, settings: { webmasterQueryRows: 5 }, timeZone: 'Europe/Moscow', currency };
    case 'topvisor':
      return { serviceId, source, accountId: digits(`${serviceId}:topvisor`, 7), credentials: { apiKey: `demo-topvisor-${s}`, userId: digits(`${serviceId}:tvuser`, 6) }, settings: { regionIndexes: [2, 5] }, timeZone: 'Europe/Moscow', currency };
  }
}

/** Registers the connection's account on the fakes (data from `startDate`, in its zone and currency). */
export function registerFakeAccount(sb: Sandbox, c: DemoConnection, extra: Partial<FakeAccountInput> = {}): void {
  // The Meta fake keys ad accounts by their digits (the API path is act_<digits>).
  const fakeId = c.source === 'meta' ? c.accountId.replace(/^act_/, '') : c.accountId;
  sb.fakes.control.registerAccount({ source: c.source, id: fakeId, timeZone: c.timeZone, currency: c.currency, startDate: '2024-01-01', ...extra });
}

/** Saves one connection through the app, as an admin would; returns the connection id. */
export async function saveDemoConnection(sb: Sandbox, adminAccountId: string, c: DemoConnection, backfillMonths: number): Promise<string> {
  const env = await actAs<{ id: string }>(
    sb,
    adminAccountId,
    'connections/save',
    { serviceId: c.serviceId, source: c.source, account: { accountId: c.accountId, timeZone: c.timeZone, currency: c.currency, ...(c.settings ? { settings: c.settings } : {}) }, credentials: c.credentials, backfillMonths },
  );
  if (!env.ok || !env.data) throw new Error(`connections/save ${c.serviceId}/${c.source}: ${env.error?.message ?? 'failed'} ${JSON.stringify(env.error?.fields ?? {})}`);
  return env.data.id;
}

/**
 * Connects a scenario's services to the fakes (see the scenario's `metrics` section) when `at` is the
 * day to do so: the scenario's setup (`'setup'`) unless `connectOn` names a later simulated day.
 */
export async function applyConnections(sb: Sandbox, s: Scenario, at: 'setup' | Date, log: (line: string) => void = () => undefined): Promise<number> {
  const m = s.metrics;
  if (!m) return 0;
  const day = at === 'setup' ? null : at.toISOString().slice(0, 10);
  const due = m.connectOn === undefined || m.connectOn <= s.start.toISOString().slice(0, 10) ? day === null : day === m.connectOn;
  if (!due) return 0;
  const adminAccountId = s.users.find((u) => u.role === 'admin')?.accountId;
  if (!adminAccountId) throw new Error('A scenario with metrics connections needs an admin user');
  const r = await actAs(sb, adminAccountId, 'metrics/settings/save', { backfillMonths: m.backfillMonths, spendRefreshHours: m.spendRefreshHours });
  if (!r.ok) throw new Error(`metrics/settings/save failed: ${JSON.stringify(r.error)}`);
  let n = 0;
  for (const client of s.clients) {
    for (const sv of client.services) {
      if (sv.status === 'ended') continue;
      const sources = new Set<FakeSource>([...(m.connect === 'auto' ? DEMO_SOURCES[sv.type] : []), ...(m.services[sv.id] ?? [])]);
      for (const source of sources) {
        const c = demoConnection(sv.id, source, client.currency);
        registerFakeAccount(sb, c);
        await saveDemoConnection(sb, adminAccountId, c, m.backfillMonths);
        n++;
      }
    }
  }
  log(`  metrics: ${n} connection(s) to the fake APIs, ${m.backfillMonths} month(s) of history each`);
  return n;
}
