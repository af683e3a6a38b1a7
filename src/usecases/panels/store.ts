// Where panel snapshots live: one KVS key per service, named by its Jira project key (the only thing an
// issue view knows), so a panel load finds its snapshot in one get. Values are validated on the way out.
import { kvs } from '@forge/kvs';
import { getTyped } from '../../platform/kv';
import { StoredPanelSchema, type PanelSnapshot, type StoredPanel } from './snapshot';

/** Jira project keys: an uppercase letter, then letters, digits or underscores. */
export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,19}$/;

export const panelKey = (projectKey: string): string => `panel:snapshot:${projectKey}`;

/** How long "this project is not a service" is remembered (a service may get linked to it later). */
export const NO_SERVICE_TTL_SECONDS = 6 * 3600;

export async function readPanel(projectKey: string): Promise<StoredPanel | undefined> {
  return getTyped(panelKey(projectKey), StoredPanelSchema);
}

export async function writePanel(snapshot: PanelSnapshot): Promise<void> {
  await kvs.set(panelKey(snapshot.projectKey), StoredPanelSchema.parse(snapshot));
}

export async function writeNoService(projectKey: string, computedAt: string): Promise<void> {
  await kvs.set(panelKey(projectKey), { version: 1, kind: 'none', projectKey, computedAt }, { ttl: { value: NO_SERVICE_TTL_SECONDS, unit: 'SECONDS' } });
}

export async function deletePanel(projectKey: string): Promise<void> {
  await kvs.delete(panelKey(projectKey));
}
