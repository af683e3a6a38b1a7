// Setting a service up in Jira and Confluence: its project (created or linked), the client's space
// (created or linked) and the space's "Reports" page. Running it again never makes a second one:
// what exists is found by key or title and adopted, and every id is saved as soon as it is known.
import type { Language } from '../domain/model';
import { deriveProjectKey, deriveProjectName, deriveSpaceKey } from '../domain/project-keys';
import { findOrCreate } from './find-or-create';
import { AppError, NotFoundError, ValidationError } from '../shared/errors';
import { clientsRepo } from '../storage/clients.repo';
import { servicesRepo } from '../storage/services.repo';
import type { ServiceRecord } from '../storage/records';
import { ensureClientDraftsPage, type DraftsPagePort } from './reports/drafts-page';

export const PROJECT_PROPERTY = 'retainer.service';
const REPORTS_TITLE: Record<Language, string> = { en: 'Reports', uk: 'Звіти', ru: 'Отчёты' };

export interface SetupJira {
  getProject(keyOrId: string): Promise<{ id: string; key: string; name: string } | null>;
  createProject(input: { key: string; name: string; leadAccountId: string; description: string }): Promise<{ id: string; key: string }>;
  getProjectProperty(projectKey: string, property: string): Promise<unknown>;
  setProjectProperty(projectKey: string, property: string, value: unknown): Promise<void>;
  /** Ids of the project's Epic and Task issue types. */
  issueTypes(projectId: string): Promise<{ epic: string; task: string }>;
}

export interface SetupConfluence {
  getSpaceByKey(key: string): Promise<{ id: string; key: string; name: string; homepageId?: string } | null>;
  createSpace(input: { key: string; name: string; description: string }): Promise<{ id: string; key: string; homepageId?: string }>;
  findPageByTitle(spaceId: string, title: string): Promise<{ id: string } | null>;
  createPage(input: { spaceId: string; parentId?: string; title: string; storage: string }): Promise<{ id: string }>;
}

/** Raised when a key we would use belongs to something that isn't ours; setup tries the next key. */
export class KeyTakenError extends AppError {
  constructor(what: 'project' | 'space', key: string) {
    super('CONFLICT', `The ${what} key ${key} is already taken`, { key });
  }
}

export interface SetupDeps {
  jira: SetupJira;
  confluence: SetupConfluence;
  /** Makes the client's agency-only parent of report drafts (see reports/drafts-page.ts). */
  draftsPage?: DraftsPagePort;
  language: Language;
  onStep?: (step: string) => Promise<void>;
}

export async function setupService(serviceId: string, opts: { linkProjectKey?: string; linkSpaceKey?: string }, deps: SetupDeps): Promise<ServiceRecord> {
  let service = await servicesRepo.get(serviceId);
  if (!service) throw new NotFoundError('Service', serviceId);
  const client = await clientsRepo.get(service.clientId);
  if (!client) throw new NotFoundError('Client', service.clientId, { serviceId });
  const save = async (patch: Partial<ServiceRecord>): Promise<void> => {
    service = { ...(service as ServiceRecord), ...patch, updatedAt: new Date().toISOString() };
    await servicesRepo.put(service.id, service);
  };

  await deps.onStep?.('project');
  await save({ setup: { state: 'running', step: 'project' } });
  // Keys the app already uses are skipped without asking Jira or Confluence.
  const [allServices, allClients] = await Promise.all([servicesRepo.all(), clientsRepo.all()]);
  const knownProjectKeys = new Set(allServices.filter((x) => x.id !== serviceId && x.jiraProjectKey).map((x) => x.jiraProjectKey as string));
  const knownSpaceKeys = new Set(allClients.filter((x) => x.id !== client.id && x.confluenceSpaceKey).map((x) => x.confluenceSpaceKey as string));
  const project = await ensureProject(service, client.name, opts.linkProjectKey, deps, knownProjectKeys);
  const issueTypes = await deps.jira.issueTypes(project.id);
  await save({ jiraProjectKey: project.key, jiraProjectId: project.id, jiraIssueTypes: issueTypes });

  await deps.onStep?.('space');
  await save({ setup: { state: 'running', step: 'space' } });
  let c = client;
  const space = await ensureSpace(c.confluenceSpaceKey ?? opts.linkSpaceKey, c.name, opts.linkSpaceKey !== undefined, deps, knownSpaceKeys);
  c = { ...c, confluenceSpaceKey: space.key, confluenceSpaceId: space.id, updatedAt: new Date().toISOString() };
  await clientsRepo.put(c.id, c);

  await deps.onStep?.('reports-page');
  const title = REPORTS_TITLE[c.language];
  const reports = await findOrCreate(
    () => deps.confluence.findPageByTitle(space.id, title),
    () => deps.confluence.createPage({ spaceId: space.id, parentId: space.homepageId, title, storage: `<p>${escapeXml(reportsIntro(c.language, c.name))}</p>` }),
  );
  c = { ...c, reportsPageId: reports.id, updatedAt: new Date().toISOString() };
  await clientsRepo.put(c.id, c);

  if (deps.draftsPage) {
    await deps.onStep?.('drafts-page');
    await ensureClientDraftsPage(c, deps.draftsPage);
  }

  await save({ setup: { state: 'done', projectKey: project.key, spaceKey: space.key, reportsPageId: reports.id } });
  return service;
}

const MAX_KEY_ATTEMPTS = 40;

async function ensureProject(service: ServiceRecord, clientName: string, linkKey: string | undefined, deps: SetupDeps, known: Set<string>): Promise<{ id: string; key: string }> {
  const marker = { serviceId: service.id };
  const own = async (key: string): Promise<{ id: string; key: string } | null> => {
    const p = await deps.jira.getProject(key);
    if (!p) return null;
    const prop = (await deps.jira.getProjectProperty(p.key, PROJECT_PROPERTY)) as { serviceId?: string } | null;
    if (prop && prop.serviceId && prop.serviceId !== service.id) throw new KeyTakenError('project', key);
    if (!prop) await deps.jira.setProjectProperty(p.key, PROJECT_PROPERTY, marker);
    return { id: p.id, key: p.key };
  };
  if (service.jiraProjectKey) {
    const p = await own(service.jiraProjectKey);
    if (p) return p;
  }
  if (linkKey) {
    const p = await own(linkKey);
    if (!p) throw new ValidationError(`Jira project ${linkKey} does not exist`, { linkProjectKey: 'No such project' }, { serviceId: service.id });
    return p;
  }
  const name = deriveProjectName(clientName, service.type, deps.language);
  const taken = new Set(known);
  for (let attempt = 0; attempt < MAX_KEY_ATTEMPTS; attempt++) {
    const key = deriveProjectKey(clientName, service.type, taken);
    try {
      const existing = await own(key);
      if (existing) return existing; // a crashed earlier run created it
      const created = await deps.jira.createProject({ key, name: attempt === 0 ? name : `${name.slice(0, 80 - key.length - 3)} (${key})`, leadAccountId: service.managerAccountId, description: `Retainer service ${service.id}` });
      await deps.jira.setProjectProperty(created.key, PROJECT_PROPERTY, marker);
      return created;
    } catch (e) {
      if (e instanceof AppError && e.code === 'CONFLICT') {
        // A twin delivery of this same setup may have created the key a moment ago: adopt it if
        // it is ours (or not yet marked); only another service's project moves us to the next key.
        const twin = await own(key).catch((err: unknown) => {
          if (err instanceof KeyTakenError) return null;
          throw err;
        });
        if (twin) return twin;
        taken.add(key);
        continue;
      }
      if (e instanceof KeyTakenError) {
        taken.add(key);
        continue;
      }
      throw e;
    }
  }
  throw new AppError('CONFLICT', `No free Jira project key for ${clientName}`, { serviceId: service.id });
}

async function ensureSpace(key: string | undefined, clientName: string, mustExist: boolean, deps: SetupDeps, known: Set<string>): Promise<{ id: string; key: string; homepageId?: string }> {
  if (key) {
    const s = await deps.confluence.getSpaceByKey(key);
    if (s) return s;
    if (mustExist) throw new ValidationError(`Confluence space ${key} does not exist`, { linkSpaceKey: 'No such space' });
  }
  const taken = new Set(known);
  for (let attempt = 0; attempt < MAX_KEY_ATTEMPTS; attempt++) {
    const candidate = key && attempt === 0 ? key : deriveSpaceKey(clientName, taken);
    const existing = await deps.confluence.getSpaceByKey(candidate);
    // A space with our key and the client's name is one a crashed run made: adopt it.
    if (existing && existing.name === clientName) return existing;
    if (existing) {
      taken.add(candidate);
      continue;
    }
    try {
      return await deps.confluence.createSpace({ key: candidate, name: clientName, description: `Reports and documents for ${clientName}` });
    } catch (e) {
      if (e instanceof AppError && e.code === 'CONFLICT') {
        // Another setup of the same client (a sibling service, or a twin delivery) just made it.
        const twin = await deps.confluence.getSpaceByKey(candidate);
        if (twin && twin.name === clientName) return twin;
        taken.add(candidate);
        continue;
      }
      throw e;
    }
  }
  throw new AppError('CONFLICT', `No free Confluence space key for ${clientName}`);
}

function reportsIntro(lang: Language, client: string): string {
  if (lang === 'uk') return `Тут публікуються звіти агенції для ${client}.`;
  if (lang === 'ru') return `Здесь публикуются отчёты агентства для ${client}.`;
  return `Agency reports for ${client} are published here.`;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
