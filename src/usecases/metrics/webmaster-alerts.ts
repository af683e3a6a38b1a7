// Site-problem alerts from Yandex Webmaster (issue 11). After a Webmaster connection's daily sync, one
// unit reads the site's diagnostics, pages in search and SQI, asks the pure rules in
// domain/webmaster-alerts.ts what changed, and keeps one Jira issue per alert in the service's project:
// assigned to the service's manager, opened once (not repeated daily), and closed with a comment when
// Webmaster no longer reports the problem (or the series recovered).
//
// Idempotent under duplicate delivery and crashes: one run per connection at a time (lock); an alert is
// recorded with its marker label before the Jira call, so a crash after creating the issue adopts it
// by label on the next run instead of creating a second one.
import { z } from 'zod';
import { AuthExpiredError } from '../../connectors/metrics/errors';
import { addDays } from '../../connectors/metrics/shared/dates';
import { WEBMASTER_TIME_ZONE, webmasterSiteHealth, type SiteHealth } from '../../connectors/metrics/yandex-webmaster';
import { planWebmasterAlerts, type AlertDetails, type AlertKind } from '../../domain/webmaster-alerts';
import { getTyped, tryLock, unlock } from '../../platform/kv';
import { kvs } from '@forge/kvs';
import { RetryLaterError } from '../../shared/errors';
import { clientsRepo } from '../../storage/clients.repo';
import { cacheAccessToken, readCredentials } from '../../storage/connections-secrets';
import { connectionsRepo, connectorAccount, type ConnectionRecord } from '../../storage/connections.repo';
import { getSyncState } from '../../storage/metrics-sync.repo';
import { servicesRepo } from '../../storage/services.repo';
import type { MetricsDeps } from './deps';
import { todayIn } from './windows';
import { getNotificationRules } from '../notification-rules';
import { enqueuePanelRefresh } from '../panels/enqueue';

/** Days of pages-in-search and SQI history each run reads (the drop rules need ≥ 8 days). */
export const WEBMASTER_HEALTH_DAYS = 45;
const LOCK_TTL_SECONDS = 300;
const CLOSED_KEPT = 30;

export const WebmasterAlertsMessage = z.object({ kind: z.literal('webmaster-alerts'), connectionId: z.string().min(1), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
export type WebmasterAlertsMessage = z.infer<typeof WebmasterAlertsMessage>;

export const webmasterAlertsMessage = (connectionId: string, day: string): WebmasterAlertsMessage => ({ kind: 'webmaster-alerts', connectionId, day });

const AlertEntrySchema = z.object({
  key: z.string(),
  kind: z.enum(['problem', 'pages-drop', 'sqi-drop']),
  state: z.enum(['open', 'closed']),
  /** Marker label on the Jira issue: deterministic per alert occurrence. */
  label: z.string(),
  issueKey: z.string().nullable(),
  projectKey: z.string().nullable(),
  summary: z.string(),
  /** The issue description, kept so a retry after a crash writes the same text. */
  paragraphs: z.array(z.string()).max(10),
  openedAt: z.string(),
  /** Drop alerts: the level the series fell from (the close line is computed from it). */
  baseline: z.number().optional(),
  closedAt: z.string().optional(),
  closeReason: z.string().optional(),
});
export type WebmasterAlertEntry = z.infer<typeof AlertEntrySchema>;

const StateSchema = z.object({
  connectionId: z.string(),
  alerts: z.array(AlertEntrySchema),
  checkedAt: z.string().optional(),
  /** Moscow day of the last complete check: a second message for that day has nothing to add. */
  checkedDay: z.string().optional(),
});
type State = z.infer<typeof StateSchema>;

const stateKey = (connectionId: string): string => `metrics-webmaster-alerts:${connectionId}`;
const lockKey = (connectionId: string): string => `lock:metrics-webmaster-alerts:${connectionId}`;

export async function getWebmasterAlerts(connectionId: string): Promise<WebmasterAlertEntry[]> {
  return (await getTyped(stateKey(connectionId), StateSchema))?.alerts ?? [];
}

async function putState(s: State): Promise<void> {
  await kvs.set(stateKey(s.connectionId), StateSchema.parse(s));
}

export interface WebmasterAlertsOutcome {
  opened: string[];
  adopted: string[];
  closed: string[];
  kept: string[];
  skipped?: string;
}

/** `https:shop.example:443` → `https://shop.example/` (the form people know). */
export function hostUrl(hostId: string): string {
  const [scheme, host, port] = hostId.split(':');
  if (!scheme || !host) return hostId;
  const dflt = (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80');
  return `${scheme}://${host}${dflt || !port ? '' : `:${port}`}/`;
}

export const webmasterLink = (hostId: string): string => `https://webmaster.yandex.ru/site/${hostId}/dashboard/`;

// What the common problem types mean, in the words of the Webmaster docs (others show their code).
const PROBLEM_TEXT: Readonly<Record<string, string>> = {
  CONNECT_FAILED: 'the Yandex robots could not connect to the site',
  DISALLOWED_IN_ROBOTS: 'robots.txt forbids indexing the site',
  DNS_ERROR: 'the server cannot be reached because of a DNS error',
  MAIN_PAGE_ERROR: 'the home page answers with an error',
  THREATS: 'security threats or violations were found',
  SLOW_AVG_RESPONSE_TIME: 'the server answers slowly',
  SSL_CERTIFICATE_ERROR: 'the SSL certificate is not set up correctly',
  URL_ALERT_4XX: 'some pages answer 4xx',
  URL_ALERT_5XX: 'some pages answer 5xx',
  DUPLICATE_PAGES: 'the site has duplicate pages',
  INSIGNIFICANT_CGI_PARAMETER: 'pages with GET parameters duplicate other pages',
};

const labelPart = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function alertLabel(connectionId: string, key: string, day: string): string {
  return `retainer-webmaster-${connectionId}-${labelPart(key)}-${day}`.toLowerCase().slice(0, 255);
}

const pct = (from: number, to: number): number => Math.round((1 - to / from) * 100);

/** Summary and description paragraphs of the issue an alert opens. */
export function alertText(details: AlertDetails, hostId: string, serviceLine: string): { summary: string; paragraphs: string[] } {
  const site = hostUrl(hostId);
  const link = `Open it in Yandex Webmaster: ${webmasterLink(hostId)}`;
  const closing = 'Retainer checks Webmaster every day and closes this issue by itself once the problem is no longer reported.';
  if (details.kind === 'problem') {
    const what = PROBLEM_TEXT[details.problemType];
    return {
      summary: `Yandex Webmaster: ${details.severity.toLowerCase()} problem ${details.problemType} on ${site}`,
      paragraphs: [
        `Yandex Webmaster reports a ${details.severity} problem on ${site} (${serviceLine}): ${details.problemType}${what ? ` — ${what}` : ''}.${details.since ? ` Its state last changed on ${details.since} (Moscow time).` : ''}`,
        link,
        closing,
      ],
    };
  }
  const drop = pct(details.baseline, details.latest);
  if (details.kind === 'pages-drop') {
    return {
      summary: `Yandex Webmaster: pages in search fell ${drop}% on ${site}`,
      paragraphs: [
        `Pages of ${site} (${serviceLine}) in Yandex search fell from about ${details.baseline} to ${details.latest} (${details.latestDate}); the drop started on ${details.since}. Excluded pages and their reasons are listed in Webmaster under Indexing → Pages in search.`,
        link,
        'Retainer closes this issue by itself once pages in search are back within 20% of the earlier level.',
      ],
    };
  }
  return {
    summary: `Yandex Webmaster: site quality index fell from ${details.baseline} to ${details.latest} on ${site}`,
    paragraphs: [`The Yandex site quality index (SQI) of ${site} (${serviceLine}) fell from ${details.baseline} to ${details.latest} (${drop}%) on ${details.since}.`, link, 'Retainer closes this issue by itself once the index is back within 10% of the earlier value.'],
  };
}

async function readHealth(c: ConnectionRecord, today: string, deps: MetricsDeps): Promise<SiteHealth | null> {
  const credentials = await readCredentials(c.id, deps.now().getTime());
  if (!credentials) return null;
  return webmasterSiteHealth(
    { account: connectorAccount(c), credentials, http: deps.http, onTokenRefreshed: (t) => cacheAccessToken(c.id, t, Date.now()) },
    addDays(today, -WEBMASTER_HEALTH_DAYS),
    today,
  );
}

/**
 * Opens, keeps and closes the site-problem issues of one Webmaster connection. `day` (the message's
 * Moscow day) makes repeated messages of a day cheap: once a day's check completed, they return.
 */
export async function reconcileWebmasterAlerts(connectionId: string, deps: MetricsDeps, day?: string): Promise<WebmasterAlertsOutcome> {
  const out: WebmasterAlertsOutcome = { opened: [], adopted: [], closed: [], kept: [] };
  const c = await connectionsRepo.get(connectionId);
  if (!c || c.source !== 'yandex-webmaster') return { ...out, skipped: 'not a Yandex Webmaster connection' };
  // Lost access has its own reconnect issue; nothing can be read meanwhile.
  if (c.status === 'auth-expired' || c.status === 'revoked') return { ...out, skipped: `connection is ${c.status}` };
  if (!(await getNotificationRules()).siteProblems) return { ...out, skipped: 'site-problem alerts are switched off in the notification rules' };
  if (day !== undefined) {
    const prev = await getTyped(stateKey(c.id), StateSchema);
    if (prev?.checkedDay === day && !prev.alerts.some((a) => a.state === 'open' && a.issueKey === null)) return { ...out, skipped: `already checked on ${day}` };
  }
  if (!(await tryLock(lockKey(c.id), LOCK_TTL_SECONDS))) throw new RetryLaterError(`Webmaster alerts of ${c.id} are being checked already`, 30, { connectionId: c.id });
  try {
    return await reconcileLocked(c, deps, out);
  } finally {
    await unlock(lockKey(c.id));
  }
}

async function reconcileLocked(c: ConnectionRecord, deps: MetricsDeps, out: WebmasterAlertsOutcome): Promise<WebmasterAlertsOutcome> {
  const now = deps.now();
  const nowIso = now.toISOString();
  const today = todayIn(now, WEBMASTER_TIME_ZONE);
  let health: SiteHealth | null;
  try {
    health = await readHealth(c, today, deps);
  } catch (e) {
    // The sync records lost access and opens the reconnect issue; quota and 5xx go back to the queue.
    if (e instanceof AuthExpiredError) return { ...out, skipped: e.message };
    throw e;
  }
  if (!health) return { ...out, skipped: 'no credentials stored' };

  const state: State = (await getTyped(stateKey(c.id), StateSchema)) ?? { connectionId: c.id, alerts: [] };
  const open = state.alerts.filter((a) => a.state === 'open');
  const plan = planWebmasterAlerts(health, open.map((a) => ({ key: a.key, kind: a.kind as AlertKind, ...(a.baseline !== undefined ? { baseline: a.baseline } : {}) })));

  const service = await servicesRepo.get(c.serviceId);
  const client = service ? await clientsRepo.get(service.clientId) : undefined;
  const serviceLine = service ? `${client?.name ?? service.clientId} — ${service.name}` : c.serviceId;

  // 1. Record new alerts (with their labels) before any Jira call.
  for (const o of plan.open) {
    const text = alertText(o.details, c.account.accountId, serviceLine);
    state.alerts.push({
      key: o.key,
      kind: o.details.kind,
      state: 'open',
      label: alertLabel(c.id, o.key, today),
      issueKey: null,
      projectKey: service?.jiraProjectKey ?? null,
      summary: text.summary,
      paragraphs: text.paragraphs,
      openedAt: nowIso,
      ...(o.details.kind !== 'problem' ? { baseline: o.details.baseline } : {}),
    });
  }
  if (plan.open.length > 0) await putState({ ...state, checkedAt: nowIso });

  // 2. Give every open alert without an issue one (new ones, or a crashed run's).
  for (const a of state.alerts) {
    if (a.state !== 'open' || a.issueKey !== null) continue;
    if (!service?.jiraProjectKey || !service.jiraIssueTypes) {
      console.warn(`webmaster alerts ${c.id}: service ${c.serviceId} has no Jira project yet; ${a.key} waits`);
      continue;
    }
    const adopted = await deps.jira.findByLabel(a.label);
    const issueKey =
      adopted ??
      (await deps.jira.createIssue({
        projectKey: service.jiraProjectKey,
        issueTypeId: service.jiraIssueTypes.task,
        summary: a.summary,
        paragraphs: a.paragraphs,
        labels: ['retainer', 'retainer-webmaster', a.label],
        assigneeAccountId: service.managerAccountId,
      }));
    a.issueKey = issueKey;
    a.projectKey = service.jiraProjectKey;
    await putState({ ...state, checkedAt: nowIso });
    (adopted ? out.adopted : out.opened).push(a.key);
    if (!adopted && service.managerAccountId) {
      await deps.jira
        .notify(issueKey, [service.managerAccountId], a.summary, `${a.summary}. ${webmasterLink(c.account.accountId)}`)
        .catch((e: unknown) => console.warn(`webmaster alerts ${c.id}: notification not sent: ${(e as Error).message}`));
    }
    console.info(`webmaster alerts ${c.id}: ${adopted ? 'adopted' : 'opened'} ${issueKey} for ${a.key}`);
  }

  // 3. Close what Webmaster no longer reports.
  for (const cl of plan.close) {
    const a = state.alerts.find((x) => x.state === 'open' && x.key === cl.key);
    if (!a) continue;
    if (a.issueKey) await deps.jira.close(a.issueKey, `${cl.reason} Closed by Retainer.`);
    a.state = 'closed';
    a.closedAt = nowIso;
    a.closeReason = cl.reason.slice(0, 500);
    await putState({ ...state, checkedAt: nowIso });
    out.closed.push(cl.key);
    console.info(`webmaster alerts ${c.id}: closed ${a.issueKey ?? '(no issue)'} for ${a.key}`);
  }
  out.kept.push(...plan.keep);

  const openNow = state.alerts.filter((a) => a.state === 'open');
  const closedRecent = state.alerts.filter((a) => a.state === 'closed').slice(-CLOSED_KEPT);
  await putState({ connectionId: c.id, alerts: [...closedRecent, ...openNow], checkedAt: nowIso, checkedDay: today });
  // The issue panel lists active site problems.
  if (out.opened.length + out.adopted.length + out.closed.length > 0) await enqueuePanelRefresh([c.serviceId], 'site problems', now);
  return out;
}

/**
 * After a daily sync unit of a Webmaster connection completed: the alert check for the day. A unit
 * redelivered after a crash that followed its commit is skipped by the sync ("already done") but still
 * queues the check, so a killed invocation never loses the day's check (the check itself is idempotent).
 */
export async function webmasterAlertsAfterSync(connectionId: string, unit: string, synced: boolean, now: Date): Promise<WebmasterAlertsMessage | null> {
  const c = await connectionsRepo.get(connectionId);
  if (!c || c.source !== 'yandex-webmaster') return null;
  if (!synced && !(await getSyncState(c.id))?.doneUnits.includes(unit)) return null;
  return webmasterAlertsMessage(c.id, todayIn(now, WEBMASTER_TIME_ZONE));
}
