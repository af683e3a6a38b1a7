// Agency-wide settings: one KVS document.
import { kvs } from '@forge/kvs';
import type { AgencySettings } from '../domain/model';
import { AgencySettingsSchema } from '../domain/schemas';
import { getTyped } from '../platform/kv';

const KEY = 'agency:settings';

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
