// The template catalog. Seeded once from the shipped default catalog; admins edit it afterwards.
import { kvs } from '@forge/kvs';
import { DEFAULT_CATALOG } from '../domain/catalog';
import type { ServiceType, TemplateTask } from '../domain/model';
import { entityStore } from '../platform/entity-store';
import { tryLock } from '../platform/kv';
import { TemplateRecordSchema } from './records';

export const templatesRepo = entityStore('template', TemplateRecordSchema, (t) => ({ serviceType: t.serviceType, active: t.active }));

const SEEDED_KEY = 'templates:seeded';

export async function templatesFor(type: ServiceType): Promise<TemplateTask[]> {
  return templatesRepo.byIndex('serviceType', { rangeEquals: type });
}

/** Writes the default catalog once per installation; concurrent installs/upgrades don't double it. */
export async function seedDefaultTemplates(): Promise<number> {
  if ((await kvs.get(SEEDED_KEY)) !== undefined) return 0;
  if (!(await tryLock('lock:templates-seed', 300))) return 0;
  for (const t of DEFAULT_CATALOG) {
    if (!(await templatesRepo.get(t.id))) await templatesRepo.put(t.id, t);
  }
  await kvs.set(SEEDED_KEY, { at: new Date().toISOString(), count: DEFAULT_CATALOG.length });
  return DEFAULT_CATALOG.length;
}
