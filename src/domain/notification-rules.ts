// Who hears about what: the agency's notification rules, kept by an admin. The defaults are what the
// app did before rules existed, so an agency that never opens the tab sees no change.
import { z } from 'zod';
import { MONEY_ALERT_TYPES, type MoneyAlertKind } from './alert-types';

export { MONEY_ALERT_TYPES, type MoneyAlertKind };

export const NotificationRulesSchema = z
  .object({
    /** Raise (a Jira issue for the manager) or ignore each money condition. Switching one off clears its open alerts. */
    moneyAlerts: z.object(Object.fromEntries(MONEY_ALERT_TYPES.map((t) => [t, z.boolean()])) as Record<MoneyAlertKind, z.ZodBoolean>).strict(),
    /** Connector access lost: notify the Retainer admins and/or the managers of the services it stops. */
    connectorAccess: z.object({ admins: z.boolean(), managers: z.boolean() }).strict(),
    /** Yandex Webmaster site problems open issues for the manager. */
    siteProblems: z.boolean(),
    /** A report was published: tell the service's head of department too (the manager is always told). */
    reportPublishedToHead: z.boolean(),
    /** Client feedback: tell the service's head of department too (the manager is always told). */
    feedbackToHead: z.boolean(),
    /** Ratings at or below this open an escalation issue for the head; 0 switches escalations off. */
    escalationAtOrBelow: z.number().int().min(0, 'From 0 (never) to 4').max(4, 'From 0 (never) to 4'),
  })
  .strict();
export type NotificationRules = z.infer<typeof NotificationRulesSchema>;

export const DEFAULT_NOTIFICATION_RULES: NotificationRules = {
  moneyAlerts: Object.fromEntries(MONEY_ALERT_TYPES.map((t) => [t, true])) as Record<MoneyAlertKind, boolean>,
  connectorAccess: { admins: true, managers: true },
  siteProblems: true,
  reportPublishedToHead: false,
  feedbackToHead: true,
  escalationAtOrBelow: 2,
};

/** Stored rules merged over the defaults, so rules saved before a new rule existed keep working. */
export function withDefaults(stored: unknown): NotificationRules {
  const o = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  // Only the rules' own fields (a stored document also carries who saved it and when).
  const own = Object.fromEntries(Object.entries(o).filter(([k]) => k in DEFAULT_NOTIFICATION_RULES));
  const merged = {
    ...DEFAULT_NOTIFICATION_RULES,
    ...own,
    moneyAlerts: { ...DEFAULT_NOTIFICATION_RULES.moneyAlerts, ...(typeof o['moneyAlerts'] === 'object' && o['moneyAlerts'] !== null ? (o['moneyAlerts'] as object) : {}) },
    connectorAccess: { ...DEFAULT_NOTIFICATION_RULES.connectorAccess, ...(typeof o['connectorAccess'] === 'object' && o['connectorAccess'] !== null ? (o['connectorAccess'] as object) : {}) },
  };
  const r = NotificationRulesSchema.safeParse(merged);
  return r.success ? r.data : DEFAULT_NOTIFICATION_RULES;
}

/** Whether a rating opens an escalation under these rules. */
export function escalates(rules: NotificationRules, rating: number): boolean {
  return rules.escalationAtOrBelow > 0 && rating <= rules.escalationAtOrBelow;
}
