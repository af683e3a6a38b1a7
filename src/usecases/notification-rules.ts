// The agency's notification rules: read by the features that notify (money alerts, connector access,
// Webmaster site problems, report publishing, client feedback and escalations), kept by admins.
import { kvs } from '@forge/kvs';
import { type NotificationRules, withDefaults } from '../domain/notification-rules';
import { requireAdmin, requireAdminOrHead, type Access } from './access';

const KEY = 'notification-rules';

export async function getNotificationRules(): Promise<NotificationRules> {
  return withDefaults(await kvs.get(KEY));
}

export async function readRules(a: Access): Promise<NotificationRules> {
  requireAdminOrHead(a);
  return getNotificationRules();
}

export async function saveRules(a: Access, rules: NotificationRules): Promise<NotificationRules> {
  requireAdmin(a);
  await kvs.set(KEY, { ...rules, updatedAt: new Date().toISOString(), updatedBy: a.accountId });
  return getNotificationRules();
}
