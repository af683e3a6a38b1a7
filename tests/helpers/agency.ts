// Scenario helpers for integration tests: a small agency set up through the app itself, and a
// deterministic description of what the Jira site ended up with (to compare runs).
import { PRINCIPAL_HEADER } from '../../sandbox/core/types';
import type { FaultProfileName } from '../../sandbox/core/faults';
import { Sandbox } from '../../sandbox/platform';
import { applyScenario } from '../../sandbox/scenarios/runner';
import { ScenarioSchema, type Scenario } from '../../sandbox/scenarios/scenario';

export const SERVICE_TYPES = ['seo', 'yandex-direct', 'google-ads', 'smm', 'targeted-ads'] as const;

/**
 * A scenario with `services` services spread over the five types, started before `start`;
 * with `newInMonth`, every `newEvery`-th service (default 3) instead starts on that day (month 1 of its engagement).
 */
export function smallAgency(opts: { services: number; start?: string; end?: string; newInMonth?: string; newEvery?: number }): Scenario {
  const clients = Array.from({ length: opts.services }, (_, i) => ({
    id: `cl-t${i}`,
    name: `Test Client ${i}`,
    language: (['en', 'uk', 'ru'] as const)[i % 3],
    currency: 'UAH',
    legal: { legalName: `Test Client ${i} LLC` },
    contacts: [],
    services: [
      {
        id: `sv-t${i}`,
        type: SERVICE_TYPES[i % 5],
        name: `Service ${i}`,
        manager: i % 2 === 0 ? 'u-man-a' : 'u-man-b',
        startDate: opts.newInMonth && i % (opts.newEvery ?? 3) === 0 ? opts.newInMonth : i % 4 === 0 ? '2026-06-01' : '2026-09-01',
        fee: '10000.00',
        commission: '10',
        vat: '20',
        prepaid: i % 2 === 0,
        allowance: 30,
      },
    ],
  }));
  return ScenarioSchema.parse({
    name: 'test agency',
    start: opts.start ?? '2026-10-30T00:00:00Z',
    end: opts.end ?? '2026-11-02T12:00:00Z',
    agency: { name: 'Test Agency', language: 'en', timeZone: 'Europe/Kyiv', baseCurrency: 'UAH' },
    users: [
      { accountId: 'u-admin', displayName: 'Admin', role: 'admin' },
      { accountId: 'u-head', displayName: 'Head', role: 'head' },
      { accountId: 'u-man-a', displayName: 'Manager A', role: 'manager' },
      { accountId: 'u-man-b', displayName: 'Manager B', role: 'manager' },
      { accountId: 'u-seo', displayName: 'SEO', role: 'specialist' },
      { accountId: 'u-ppc', displayName: 'PPC', role: 'specialist' },
      { accountId: 'u-smm', displayName: 'SMM', role: 'specialist' },
      { accountId: 'u-target', displayName: 'Target', role: 'specialist' },
      { accountId: 'u-copy', displayName: 'Copy', role: 'specialist' },
      { accountId: 'u-design', displayName: 'Design', role: 'specialist' },
      { accountId: 'g-client0', displayName: 'Client guest', role: 'client-guest', guestOf: 'cl-t0' },
    ],
    team: {
      'seo-specialist': ['u-seo'],
      'ppc-specialist': ['u-ppc'],
      'smm-specialist': ['u-smm'],
      targetologist: ['u-target'],
      copywriter: ['u-copy'],
      designer: ['u-design'],
    },
    clients,
  });
}

export async function startAgency(scenario: Scenario, opts: { faults?: FaultProfileName; seed?: number; poolSize?: number; latencyMs?: number } = {}): Promise<Sandbox> {
  const sb = await Sandbox.start({ start: scenario.start, seed: opts.seed, poolSize: opts.poolSize ?? 4 });
  await applyScenario(sb, scenario);
  if (opts.faults) sb.setFaults(opts.faults, opts.seed ?? 1);
  return sb;
}

interface SearchResult {
  issues?: Array<{ key: string; fields: Record<string, unknown> }>;
  nextPageToken?: string;
  isLast?: boolean;
}

/** Every issue on the site as sorted, comparable lines (project, type, summary, labels, parent). */
export async function jiraState(sb: Sandbox): Promise<string[]> {
  const lines: string[] = [];
  let token: string | undefined;
  do {
    const res = await fetch(`${sb.site.baseUrl}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { [PRINCIPAL_HEADER]: 'app', 'content-type': 'application/json' },
      body: JSON.stringify({ jql: 'labels = retainer ORDER BY key ASC', fields: ['summary', 'issuetype', 'labels', 'parent', 'project', 'duedate', 'assignee'], maxResults: 100, ...(token ? { nextPageToken: token } : {}) }),
    });
    if (res.status !== 200) throw new Error(`search failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as SearchResult;
    for (const i of body.issues ?? []) {
      const f = i.fields as { summary: string; issuetype: { name: string }; labels: string[]; parent?: { fields?: { summary?: string } }; project: { key: string }; duedate?: string; assignee?: { accountId: string } | null };
      lines.push([f.project.key, f.issuetype.name, f.summary, [...f.labels].sort().join(','), f.parent?.fields?.summary ?? '', f.duedate ?? '', f.assignee?.accountId ?? ''].join(' | '));
    }
    token = body.isLast ? undefined : body.nextPageToken;
  } while (token);
  return lines.sort();
}

export function duplicatesIn(lines: string[]): string[] {
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const l of lines) {
    if (seen.has(l)) dups.push(l);
    seen.add(l);
  }
  return dups;
}
