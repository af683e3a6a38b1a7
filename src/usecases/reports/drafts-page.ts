// The agency-only parent page of a client's report drafts. A draft is created under it, so it is never
// readable by the client's guests — not even for the moment between its creation and a restriction of
// its own — and publishing moves it under "Reports". Made once per client space: by the service setup
// (so a report cycle costs no extra calls), or by the first draft of a client set up before it existed.
import { kvs } from '@forge/kvs';
import type { Client } from '../../domain/model';
import { getAgencySettings } from '../../storage/agency.repo';
import { servicesRepo } from '../../storage/services.repo';
import { findOrCreate } from '../find-or-create';

export interface DraftsPagePort {
  getPageByTitle(spaceId: string, title: string): Promise<{ id: string } | null>;
  createPage(input: { spaceId: string; title: string; storage: string }): Promise<{ id: string }>;
  setReadRestriction(pageId: string, who: { users: string[]; groups: string[] }): Promise<void>;
  /** The app's own account id (it must keep reading what it restricts). */
  myAccountId(): Promise<string>;
}

/** Everyone at the agency who works in Confluence. */
export const AGENCY_GROUP = 'confluence-users';
const APP_ACCOUNT_KEY = 'reports:app-account';
const draftsKey = (clientId: string): string => `reports:drafts-page:${clientId}`;
/** Unique per client (titles are unique per space; the client's name keeps them apart across spaces too). */
const draftsTitle = (client: Client): string => `Retainer · report drafts · ${client.name} (agency only)`.slice(0, 255);

/** The app's account id, asked once and kept. */
export async function appAccountId(myAccountId: () => Promise<string>): Promise<string> {
  const cached = (await kvs.get(APP_ACCOUNT_KEY)) as { accountId?: unknown } | undefined;
  if (cached && typeof cached.accountId === 'string') return cached.accountId;
  const accountId = await myAccountId();
  await kvs.set(APP_ACCOUNT_KEY, { accountId });
  return accountId;
}

/** The drafts parent of `client`'s space: found, made or adopted, and restricted before it is used. */
export async function ensureClientDraftsPage(client: Client, port: DraftsPagePort): Promise<string> {
  const known = (await kvs.get(draftsKey(client.id))) as { pageId?: unknown; restricted?: unknown } | undefined;
  if (known && typeof known.pageId === 'string' && known.restricted === true) return known.pageId;
  if (!client.confluenceSpaceId) throw new Error(`client ${client.id} has no Confluence space yet`);
  const spaceId = client.confluenceSpaceId;
  let pageId = typeof known?.pageId === 'string' ? known.pageId : undefined;
  if (!pageId) {
    // A crashed run may have made it without recording it: adopt it by its title.
    const page = await findOrCreate(
      () => port.getPageByTitle(spaceId, draftsTitle(client)),
      () => port.createPage({ spaceId, title: draftsTitle(client), storage: "<p>Drafts of client reports wait here for the manager's review. Publishing moves a report under Reports, where the client sees it.</p>" }),
    );
    pageId = page.id;
    await kvs.set(draftsKey(client.id), { pageId, restricted: false });
  }
  // Empty until restricted: nothing of the client's is put under it before this call succeeds.
  const agency = await getAgencySettings();
  const services = (await servicesRepo.all()).filter((s) => s.clientId === client.id);
  const users = [await appAccountId(() => port.myAccountId()), ...services.flatMap((s) => [s.managerAccountId, s.headAccountId]), ...agency.headAccountIds, ...agency.adminAccountIds];
  await port.setReadRestriction(pageId, { users: [...new Set(users.filter((u) => u.trim() !== ''))], groups: [AGENCY_GROUP] });
  await kvs.set(draftsKey(client.id), { pageId, restricted: true });
  return pageId;
}
