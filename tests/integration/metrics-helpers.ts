// Helpers of the metrics integration tests: connect a service's sources to the fake APIs through the
// app's resolvers, and read back what the app stored.
import type { FakeSource } from '../../sandbox/fakes';
import type { Sandbox } from '../../sandbox/platform';
import { demoConnection, registerFakeAccount, saveDemoConnection, type DemoConnection } from '../../sandbox/scenarios/connections';
import { callAs } from '../../sandbox/scenarios/runner';
import type { DailyRow } from '../../src/connectors/metrics/types';
import type { ConnectionView, ServiceMonthMetrics, SyncStatusView } from '../../src/shared/api-metrics';

export interface Connected {
  id: string;
  spec: DemoConnection;
}

/** Connects `serviceId` to each source (fake account registered first); returns the connections. */
export async function connect(
  sb: Sandbox,
  serviceId: string,
  sources: readonly FakeSource[],
  opts: { backfillMonths?: number; currency?: string; credentials?: Record<string, string>; settings?: Record<string, unknown> } = {},
): Promise<Connected[]> {
  const out: Connected[] = [];
  for (const source of sources) {
    const spec = demoConnection(serviceId, source, opts.currency ?? 'UAH');
    if (opts.credentials) spec.credentials = opts.credentials;
    if (opts.settings) spec.settings = { ...spec.settings, ...opts.settings };
    registerFakeAccount(sb, spec);
    out.push({ id: await saveDemoConnection(sb, 'u-admin', spec, opts.backfillMonths ?? 1), spec });
  }
  return out;
}

export async function monthRows(sb: Sandbox, serviceId: string, month: string): Promise<DailyRow[]> {
  const m = await callAs<ServiceMonthMetrics>(sb, 'u-admin', 'metrics/month', { serviceId, month, rows: true });
  return m.rows ?? [];
}

export async function connections(sb: Sandbox, serviceId?: string): Promise<ConnectionView[]> {
  return callAs<ConnectionView[]>(sb, 'u-admin', 'connections/list', serviceId ? { serviceId } : {});
}

export async function syncStatus(sb: Sandbox, serviceId: string, as = 'u-admin'): Promise<SyncStatusView> {
  return callAs<SyncStatusView>(sb, as, 'sync/status', { serviceId }, 'retainer-project-page');
}

/** Identity of a stored row: a re-pull must never add a second row with the same identity. */
export const identity = (r: DailyRow): string => `${r.source}|${r.accountId}|${r.date}|${r.dimension.kind}|${r.dimension.id}`;

export function duplicates(rows: readonly DailyRow[]): string[] {
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const r of rows) {
    const k = identity(r);
    if (seen.has(k)) dups.push(k);
    seen.add(k);
  }
  return dups;
}

/** Fake API requests per service name since `from` (an index into the request log). */
export function apiCalls(sb: Sandbox, from = 0): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of sb.log.entries.slice(from)) if (e.service !== 'jira' && e.service !== 'confluence') out[e.service] = (out[e.service] ?? 0) + 1;
  return out;
}
