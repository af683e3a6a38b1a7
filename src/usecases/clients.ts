// Clients: create and edit (admins and heads), list what the caller may see.
import { randomUUID } from 'node:crypto';
import type { Client } from '../domain/model';
import type { ClientInput } from '../shared/api';
import { clientsRepo } from '../storage/clients.repo';
import { canSeeService, requireAdminOrHead, type Access } from './access';

export function newId(prefix: 'cl' | 'sv' | 'tt'): string {
  return `${prefix}-${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

export async function listClients(a: Access): Promise<Client[]> {
  const all = await clientsRepo.all();
  const visible = a.isAdmin || a.isHead ? all : all.filter((c) => a.services.some((s) => s.clientId === c.id && canSeeService(a, s)));
  return visible.sort((x, y) => x.name.localeCompare(y.name));
}

export async function saveClient(a: Access, input: ClientInput): Promise<Client> {
  requireAdminOrHead(a);
  const now = new Date().toISOString();
  const existing = input.id ? await clientsRepo.get(input.id) : undefined;
  const client: Client = {
    ...input,
    id: existing?.id ?? input.id ?? newId('cl'),
    guestAccountIds: input.guestAccountIds ?? existing?.guestAccountIds ?? [],
    // Links made by setup are the app's to keep; a form can't drop them.
    confluenceSpaceKey: existing?.confluenceSpaceKey ?? input.confluenceSpaceKey,
    confluenceSpaceId: existing?.confluenceSpaceId,
    reportsPageId: existing?.reportsPageId,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await clientsRepo.put(client.id, client);
  return client;
}
