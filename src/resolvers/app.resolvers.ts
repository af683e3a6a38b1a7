// Who is calling, the agency's settings, and people to pick from.
import { z } from 'zod';
import { AgencySettingsSchema } from '../domain/schemas';
import { getAgencySettings, saveAgencySettings } from '../storage/agency.repo';
import { loadAccess, requireAdmin, viewerOf } from '../usecases/access';
import { appDeps } from '../usecases/deps';
import { defineResolver } from './define';

const Empty = z.object({}).strict();

export const appResolvers = [
  defineResolver({
    key: 'app/viewer',
    payload: Empty,
    run: async (_p, call) => {
      const a = await loadAccess(call.accountId);
      const names = await appDeps().users.names([a.accountId]);
      return viewerOf(a, call.locale, names.get(a.accountId) ?? a.accountId);
    },
  }),
  defineResolver({
    key: 'agency/get',
    payload: Empty,
    run: async (_p, call) => {
      await loadAccess(call.accountId);
      return getAgencySettings();
    },
  }),
  defineResolver({
    key: 'agency/save',
    payload: AgencySettingsSchema,
    run: async (p, call) => {
      requireAdmin(await loadAccess(call.accountId));
      return saveAgencySettings(p);
    },
  }),
  defineResolver({
    key: 'users/list',
    payload: Empty,
    run: async (_p, call) => {
      const a = await loadAccess(call.accountId);
      if (!a.isAdmin && !a.isHead) return [];
      return appDeps().users.list();
    },
  }),
];
