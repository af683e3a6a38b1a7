// Notification rules (admin page).
import { z } from 'zod';
import { NotificationRulesSchema } from '../domain/notification-rules';
import { loadAccess } from '../usecases/access';
import { readRules, saveRules } from '../usecases/notification-rules';
import { defineResolver } from './define';

export const notificationResolvers = [
  defineResolver({
    key: 'notifications/get',
    payload: z.object({}).strict(),
    run: async (_p, call) => readRules(await loadAccess(call.accountId)),
  }),
  defineResolver({
    key: 'notifications/save',
    payload: NotificationRulesSchema,
    run: async (p, call) => saveRules(await loadAccess(call.accountId), p),
  }),
];
