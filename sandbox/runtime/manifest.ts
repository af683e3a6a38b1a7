// Reads manifest.yml into the typed view the sandbox needs: functions, modules by type, queues,
// scheduled triggers, web triggers, storage entities, egress allowlist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const FunctionDef = z.object({
  key: z.string(),
  handler: z.string().regex(/^[\w-]+\.[\w$]+$/),
  timeoutSeconds: z.number().int().min(1).max(900).optional(),
  runtime: z.object({ memoryMB: z.number().int().optional() }).optional(),
});

const EntityDef = z.object({
  name: z.string(),
  attributes: z.record(z.string(), z.object({ type: z.enum(['string', 'integer', 'float', 'boolean', 'any']) })),
  indexes: z
    .array(z.union([z.string(), z.object({ name: z.string(), partition: z.array(z.string()).optional(), range: z.array(z.string()) })]))
    .optional(),
});

const EgressEntry = z.union([z.string(), z.object({ address: z.string() }).passthrough(), z.object({ remote: z.string() }).passthrough()]);

const ManifestSchema = z.object({
  app: z.object({
    id: z.string(),
    runtime: z.object({ name: z.string(), memoryMB: z.number().int().optional() }),
    storage: z.object({ entities: z.array(EntityDef).optional() }).optional(),
  }),
  modules: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  resources: z.array(z.object({ key: z.string(), path: z.string() }).passthrough()).optional(),
  permissions: z
    .object({
      scopes: z.array(z.string()).optional(),
      external: z.object({ fetch: z.object({ backend: z.array(EgressEntry).optional(), client: z.array(EgressEntry).optional() }).optional() }).passthrough().optional(),
      content: z.unknown().optional(),
    })
    .optional(),
});

export type ManifestFunction = z.infer<typeof FunctionDef>;
export type ManifestEntity = z.infer<typeof EntityDef>;
export type RawManifest = z.infer<typeof ManifestSchema>;

export type ModuleKind = 'resolver' | 'scheduledTrigger' | 'consumer' | 'webtrigger' | 'trigger';

export interface LoadedManifest {
  raw: RawManifest;
  appId: string;
  memoryMB: number;
  functions: Map<string, ManifestFunction & { memoryMB: number }>;
  entities: ManifestEntity[];
  /** Hosts (https URLs or wildcard patterns) the backend may fetch. */
  egress: string[];
  consumers: Array<{ key: string; queue: string; function: string }>;
  scheduledTriggers: Array<{ key: string; function: string; interval: 'fiveMinute' | 'hour' | 'day' | 'week' }>;
  webtriggers: Array<{ key: string; function: string }>;
  triggers: Array<{ key: string; function: string; events: string[] }>;
  /** UI modules (issue panels, pages, macros) with their resolver function, by module key. */
  uiModules: Map<string, { type: string; key: string; resource?: string; resolverFunction?: string; def: Record<string, unknown> }>;
}

const UI_MODULE_TYPES = ['jira:issuePanel', 'jira:issueContext', 'jira:projectPage', 'jira:globalPage', 'jira:adminPage', 'macro'];

export function loadManifest(appRoot: string, file = 'manifest.yml'): LoadedManifest {
  const text = readFileSync(join(appRoot, file), 'utf8');
  const raw = ManifestSchema.parse(parse(text));
  const memoryMB = raw.app.runtime.memoryMB ?? 512;
  const functions = new Map<string, ManifestFunction & { memoryMB: number }>();
  for (const f of (raw.modules.function ?? []).map((m) => FunctionDef.parse(m))) {
    functions.set(f.key, { ...f, memoryMB: f.runtime?.memoryMB ?? memoryMB });
  }
  const str = (m: Record<string, unknown>, k: string): string => {
    const v = m[k];
    if (typeof v !== 'string') throw new Error(`manifest: module ${String(m.key)} has no string '${k}'`);
    return v;
  };
  const uiModules: LoadedManifest['uiModules'] = new Map();
  for (const type of UI_MODULE_TYPES) {
    for (const m of raw.modules[type] ?? []) {
      const resolver = m.resolver as { function?: string } | undefined;
      uiModules.set(str(m, 'key'), {
        type,
        key: str(m, 'key'),
        resource: typeof m.resource === 'string' ? m.resource : undefined,
        resolverFunction: resolver?.function,
        def: m,
      });
    }
  }
  const egress = (raw.permissions?.external?.fetch?.backend ?? []).map((e) =>
    typeof e === 'string' ? e : 'address' in e ? String(e.address) : '',
  ).filter(Boolean);
  return {
    raw,
    appId: raw.app.id,
    memoryMB,
    functions,
    entities: raw.app.storage?.entities ?? [],
    egress,
    consumers: (raw.modules.consumer ?? []).map((m) => ({ key: str(m, 'key'), queue: str(m, 'queue'), function: str(m, 'function') })),
    scheduledTriggers: (raw.modules.scheduledTrigger ?? []).map((m) => ({
      key: str(m, 'key'),
      function: str(m, 'function'),
      interval: z.enum(['fiveMinute', 'hour', 'day', 'week']).parse(m.interval),
    })),
    webtriggers: (raw.modules.webtrigger ?? []).map((m) => ({ key: str(m, 'key'), function: str(m, 'function') })),
    triggers: (raw.modules.trigger ?? []).map((m) => ({ key: str(m, 'key'), function: str(m, 'function'), events: z.array(z.string()).parse(m.events) })),
    uiModules,
  };
}

/** Production timeouts: UI resolvers and product triggers 25 s, web triggers 55 s, async functions their timeoutSeconds (default 55). */
export function timeoutFor(kind: ModuleKind, fn: ManifestFunction): number {
  if (kind === 'resolver' || kind === 'trigger') return 25_000;
  if (kind === 'webtrigger') return 55_000;
  return (fn.timeoutSeconds ?? 55) * 1000;
}
