// Agency-wide settings: one KVS document.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { AgencySettings } from '../domain/model';
import { LANGUAGES } from '../domain/model';
import { getTyped } from '../platform/kv';

const KEY = 'agency:settings';

export const AgencySettingsSchema = z.object({
  name: z.string().trim().min(1).max(120),
  language: z.enum(LANGUAGES),
  timeZone: z.string().min(1).max(64).refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone'),
  baseCurrency: z.string().regex(/^[A-Z]{3}$/),
  headAccountIds: z.array(z.string().min(1)).max(50),
  adminAccountIds: z.array(z.string().min(1)).max(50),
  moneyVisibility: z.enum(['manager-head-admin', 'head-admin']),
}) satisfies z.ZodType<AgencySettings>;

export const DEFAULT_AGENCY: AgencySettings = {
  name: 'Agency',
  language: 'en',
  timeZone: 'Europe/Kyiv',
  baseCurrency: 'UAH',
  headAccountIds: [],
  adminAccountIds: [],
  moneyVisibility: 'manager-head-admin',
};

export async function getAgencySettings(): Promise<AgencySettings> {
  return (await getTyped(KEY, AgencySettingsSchema)) ?? DEFAULT_AGENCY;
}

export async function saveAgencySettings(s: AgencySettings): Promise<AgencySettings> {
  const valid = AgencySettingsSchema.parse(s);
  await kvs.set(KEY, valid);
  return valid;
}
