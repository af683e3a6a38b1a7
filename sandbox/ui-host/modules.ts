// The Custom UI modules of the manifest, as the host needs them: where their files are, how big
// their frame is, who may see them.
import { resolve } from 'node:path';
import type { UiHostManifest } from './types';

export const UI_MODULE_TYPES = ['jira:issueContext', 'jira:issuePanel', 'jira:projectPage', 'jira:globalPage', 'jira:adminPage', 'macro'] as const;
export type UiModuleType = (typeof UI_MODULE_TYPES)[number];

export interface UiModule {
  key: string;
  type: UiModuleType;
  title: string;
  resourceKey: string;
  resourceDir: string;
  viewportSize: string | null;
  hasResolver: boolean;
  /** jira:issueContext `status` (badge / lozenge) label, if declared. */
  statusLabel: string | null;
  statusType: string | null;
  unlicensedAccess: string[];
  def: Record<string, unknown>;
}

/** Frame heights for declared viewport sizes (sandbox approximations of the product's). */
export const VIEWPORT_HEIGHTS: Record<string, number> = { small: 200, medium: 360, large: 520, xlarge: 720 };

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export function readUiModules(manifest: UiHostManifest, appRoot: string): Map<string, UiModule> {
  const resources = new Map(manifest.resources.map((r) => [r.key, resolve(appRoot, r.path)]));
  const out = new Map<string, UiModule>();
  for (const type of UI_MODULE_TYPES) {
    for (const def of manifest.modules[type] ?? []) {
      const key = str(def.key);
      const resourceKey = str(def.resource);
      if (!key || !resourceKey) continue;
      const resourceDir = resources.get(resourceKey);
      if (!resourceDir) throw new Error(`ui-host: module ${key} uses resource '${resourceKey}', which manifest.yml does not declare`);
      const title = str(def.title) ?? (typeof def.title === 'object' && def.title ? str((def.title as Record<string, unknown>).i18n) : null) ?? key;
      const status = typeof def.status === 'object' && def.status !== null ? (def.status as Record<string, unknown>) : null;
      const statusValue = status && typeof status.value === 'object' && status.value !== null ? (status.value as Record<string, unknown>) : null;
      const resolver = typeof def.resolver === 'object' && def.resolver !== null ? (def.resolver as Record<string, unknown>) : null;
      out.set(key, {
        key,
        type,
        title,
        resourceKey,
        resourceDir,
        viewportSize: str(def.viewportSize),
        hasResolver: !!(resolver && (str(resolver.function) || str(resolver.endpoint))),
        statusLabel: statusValue ? str(statusValue.label) : null,
        statusType: status ? str(status.type) : null,
        unlicensedAccess: Array.isArray(def.unlicensedAccess) ? def.unlicensedAccess.filter((x): x is string => typeof x === 'string') : [],
        def,
      });
    }
  }
  return out;
}

/** 'fixed' frames have a declared height; 'auto' frames follow their content; 'fill' pages take the window. */
export function frameSizing(m: UiModule): { mode: 'fixed' | 'auto' | 'fill'; height: number } {
  if (m.type === 'jira:projectPage' || m.type === 'jira:globalPage' || m.type === 'jira:adminPage') return { mode: 'fill', height: 0 };
  const declared = m.viewportSize ? VIEWPORT_HEIGHTS[m.viewportSize] : undefined;
  if (declared) return { mode: 'fixed', height: declared };
  if (m.viewportSize === 'max') return { mode: 'fixed', height: 900 };
  return { mode: 'auto', height: m.type === 'jira:issueContext' ? 180 : 120 };
}

/** `<appId>/<envId>/static/<moduleKey>` → moduleKey (also accepts a bare module key). */
export function moduleKeyFromExtensionKey(extensionKey: string): string {
  const i = extensionKey.lastIndexOf('/static/');
  return i >= 0 ? extensionKey.slice(i + '/static/'.length) : (extensionKey.split('/').pop() ?? extensionKey);
}

export function isJiraAdmin(role: string): boolean {
  return /\badmin\b/i.test(role);
}

export function isUnlicensed(role: string): boolean {
  return /guest|unlicensed/i.test(role);
}
