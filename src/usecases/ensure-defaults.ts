// Seeds what a fresh installation needs: agency settings and the default template catalog.
import { kvs } from '@forge/kvs';
import { DEFAULT_AGENCY, getAgencySettings, saveAgencySettings } from '../storage/agency.repo';
import { seedDefaultTemplates } from '../storage/templates.repo';

export async function ensureDefaults(): Promise<void> {
  const existing: unknown = await kvs.get('agency:settings');
  if (existing === undefined) await saveAgencySettings(DEFAULT_AGENCY);
  await getAgencySettings();
  await seedDefaultTemplates();
}
