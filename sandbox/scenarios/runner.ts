// Applies a scenario to a running sandbox the way an agency would: the admin enters settings,
// clients and services through the app's own resolvers, setup jobs create the Jira projects and
// Confluence spaces, then the days pass — the scheduler runs the app's jobs, and the agency's
// people log time and close tasks in Jira.
import type { SiteUser } from '../atlassian/site-context';
import { createRng } from '../core/rng';
import type { Sandbox } from '../platform';
import { mustActAs, restAs } from './act';
import { applyConnections } from './connections';
import { applyMoney } from './money';
import type { Scenario } from './scenario';

const DAY = 86_400_000;

export interface ApplyResult {
  clients: number;
  services: number;
  setupFailures: string[];
}

function siteUsers(s: Scenario): SiteUser[] {
  return s.users.map((u) => ({
    accountId: u.accountId,
    displayName: u.displayName,
    emailAddress: u.email,
    accountType: u.role === 'client-guest' ? 'customer' : 'atlassian',
    active: true,
    locale: s.agency.language === 'en' ? 'en_US' : s.agency.language === 'uk' ? 'uk_UA' : 'ru_RU',
    timeZone: s.agency.timeZone,
    groups:
      u.role === 'client-guest'
        ? []
        : u.role === 'admin'
          ? ['site-admins', 'jira-admins', 'jira-software-users', 'confluence-users']
          : ['jira-software-users', 'confluence-users'],
    guestOfSpaceKeys: u.role === 'client-guest' ? [] : undefined,
  }));
}

/** Calls a resolver as a persona (retrying platform failures, as a person would) and unwraps the envelope, failing loudly. */
export async function callAs<T>(sb: Sandbox, accountId: string, key: string, payload: unknown, moduleKey = 'retainer-admin-page'): Promise<T> {
  return mustActAs<T>(sb, accountId, key, payload, moduleKey);
}

export async function applyScenario(sb: Sandbox, s: Scenario, log: (line: string) => void = () => undefined): Promise<ApplyResult> {
  sb.site.seed({ users: siteUsers(s) });
  await sb.fireLifecycle('avi:forge:installed:app');
  const admin = s.users.find((u) => u.role === 'admin');
  if (!admin) throw new Error('A scenario needs at least one admin user');
  const heads = s.users.filter((u) => u.role === 'head').map((u) => u.accountId);
  // Bootstrap: the installing admin is the app's first admin (as the install flow records it).
  await sb.kvs.handle('/api/v1/set', {
    key: 'agency:settings',
    value: { name: s.agency.name, language: s.agency.language, timeZone: s.agency.timeZone, baseCurrency: s.agency.baseCurrency, headAccountIds: heads, adminAccountIds: [admin.accountId], moneyVisibility: s.agency.moneyVisibility },
  });
  let services = 0;
  const setupFailures: string[] = [];
  for (const c of s.clients) {
    await callAs(sb, admin.accountId, 'clients/save', {
      id: c.id,
      name: c.name,
      legal: c.legal,
      language: c.language,
      currency: c.currency,
      contacts: c.contacts,
    });
    for (const sv of c.services) {
      const team: Record<string, string[]> = { manager: [sv.manager], ...(sv.team ?? s.team) };
      await callAs(sb, admin.accountId, 'services/save', {
        id: sv.id,
        clientId: c.id,
        type: sv.type,
        name: sv.name,
        managerAccountId: sv.manager,
        headAccountId: sv.head ?? heads[0] ?? sv.manager,
        team,
        startDate: sv.startDate,
        status: sv.status,
        billing: { monthlyFee: sv.fee, commissionPercent: sv.commission, vatRatePercent: sv.vat, prepaidAdBudget: sv.prepaid },
        monthlyHourAllowance: sv.allowance,
        reportSchedule: { weekly: { enabled: true, weekday: 1 }, monthly: { enabled: true, dayOfMonth: 3 }, autoSend: false },
      });
      services++;
      await callAs(sb, admin.accountId, 'services/setup', { serviceId: sv.id });
    }
    log(`  client ${c.name}: ${c.services.length} service(s)`);
  }
  await sb.drain();
  // Client guests get access to their client's space once setup has made it.
  const clients = await callAs<Array<{ id: string; confluenceSpaceKey?: string }>>(sb, admin.accountId, 'clients/list', {});
  for (const u of s.users.filter((x) => x.role === 'client-guest' && x.guestOf)) {
    const space = clients.find((c) => c.id === u.guestOf)?.confluenceSpaceKey;
    const existing = sb.site.directory.get(u.accountId);
    if (existing && space) sb.site.directory.upsert({ ...existing, guestOfSpaceKeys: [space] });
  }
  for (const c of s.clients) for (const sv of c.services) {
    const r = await callAs<{ summary: { setup: { state: string; message?: string } } }>(sb, admin.accountId, 'services/get', { serviceId: sv.id });
    if (r.summary.setup.state !== 'done') setupFailures.push(`${sv.id}: ${r.summary.setup.state} ${r.summary.setup.message ?? ''}`);
  }
  if (s.metrics) await applyConnections(sb, s, 'setup', log);
  await applyMoney(sb, s, 'setup', log);
  return { clients: s.clients.length, services, setupFailures };
}

/**
 * Moves the sandbox from its current time to the scenario's end, one day at a time: the
 * scheduler runs the app's triggers and the queue, then the agency's people work.
 */
export async function simulatePeriod(sb: Sandbox, s: Scenario, log: (line: string) => void = () => undefined, onDay?: (at: Date) => Promise<void>): Promise<{ days: number; worklogs: number; closed: number }> {
  let days = 0;
  let worklogs = 0;
  let closed = 0;
  let t = sb.clock.now();
  const end = s.end.getTime();
  while (t < end) {
    const next = Math.min(end, Math.floor(t / DAY) * DAY + DAY + 9 * 3600_000);
    await sb.runUntil(new Date(next));
    t = next;
    days++;
    if (s.metrics) await applyConnections(sb, s, new Date(t), log);
    await applyMoney(sb, s, new Date(t), log);
    if (onDay) await onDay(new Date(t));
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      const r = await simulateWorkday(sb, s);
      worklogs += r.worklogs;
      closed += r.closed;
    }
    if (new Date(t).getUTCDate() === 1) log(`  ${new Date(t).toISOString().slice(0, 10)}: ${worklogs} worklogs, ${closed} tasks done so far`);
  }
  return { days, worklogs, closed };
}

interface SearchIssue {
  key: string;
  fields: { summary?: string; assignee?: { accountId: string } | null; timetracking?: { originalEstimateSeconds?: number; timeSpentSeconds?: number } };
}

async function simulateWorkday(sb: Sandbox, s: Scenario): Promise<{ worklogs: number; closed: number }> {
  let worklogs = 0;
  let closed = 0;
  const specialists = s.users.filter((u) => u.role === 'specialist' || u.role === 'manager');
  const day = sb.clock.date();
  const started = `${day.toISOString().slice(0, 10)}T10:00:00.000+0000`;
  for (const person of specialists) {
    const found = await restAs(sb, person.accountId, 'POST', '/rest/api/3/search/jql', {
      jql: `assignee = "${person.accountId}" AND labels = retainer AND statusCategory != Done ORDER BY duedate ASC, project ASC, summary ASC`,
      fields: ['assignee', 'timetracking', 'summary'],
      maxResults: 20,
    });
    if (found.status !== 200) continue;
    const issues = ((found.json as { issues?: SearchIssue[] }).issues ?? []).slice(0, 3);
    for (const issue of issues) {
      // Each choice has its own random stream (person, day, task): a task that exists in one run and
      // not yet in another changes that one choice, not every choice after it.
      const rng = createRng(`${s.activity.seed}|${person.accountId}|${started}|${issue.fields.summary ?? issue.key}`);
      if (!rng.chance(s.activity.dailyLogProbability)) continue;
      const [lo, hi] = s.activity.hoursPerLog;
      const hours = Math.round((lo + rng.next() * (hi - lo)) * 4) / 4;
      const w = await restAs(sb, person.accountId, 'POST', `/rest/api/3/issue/${issue.key}/worklog`, { timeSpentSeconds: Math.max(900, hours * 3600), started });
      if (w.status === 201 || w.status === 200) worklogs++;
      const est = issue.fields.timetracking?.originalEstimateSeconds ?? 0;
      const spent = (issue.fields.timetracking?.timeSpentSeconds ?? 0) + hours * 3600;
      if (est > 0 && spent >= est * s.activity.finishWhenLoggedShare * (0.7 + rng.next() * 0.6)) {
        const tr = await restAs(sb, person.accountId, 'GET', `/rest/api/3/issue/${issue.key}/transitions`);
        const done = ((tr.json as { transitions?: Array<{ id: string; to?: { statusCategory?: { key?: string } } }> }).transitions ?? []).find((x) => x.to?.statusCategory?.key === 'done');
        if (done) {
          const r = await restAs(sb, person.accountId, 'POST', `/rest/api/3/issue/${issue.key}/transitions`, { transition: { id: done.id } });
          if (r.status === 204) closed++;
        }
      }
    }
  }
  return { worklogs, closed };
}
