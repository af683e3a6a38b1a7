// Clients and services: thin entry points over the use cases.
import { z } from 'zod';
import { ClientInputSchema, ServiceInputSchema, ServiceRefPayloadSchema, ServiceSetupPayloadSchema, ServicesListPayloadSchema } from '../domain/schemas';
import { loadAccess } from '../usecases/access';
import { listClients, saveClient } from '../usecases/clients';
import { appDeps } from '../usecases/deps';
import { getService, listServices, saveService, startSetup } from '../usecases/services';
import { defineResolver } from './define';

export const serviceResolvers = [
  defineResolver({
    key: 'clients/list',
    payload: z.object({}).strict(),
    run: async (_p, call) => listClients(await loadAccess(call.accountId)),
  }),
  defineResolver({
    key: 'clients/save',
    payload: ClientInputSchema,
    run: async (p, call) => saveClient(await loadAccess(call.accountId), p),
  }),
  defineResolver({
    key: 'services/list',
    payload: ServicesListPayloadSchema,
    run: async (p, call) => listServices(await loadAccess(call.accountId), p.mine ?? false, appDeps().users),
  }),
  defineResolver({
    key: 'services/get',
    payload: ServiceRefPayloadSchema,
    run: async (p, call) => getService(await loadAccess(call.accountId), p, appDeps().users),
  }),
  defineResolver({
    key: 'services/save',
    payload: ServiceInputSchema,
    run: async (p, call) => saveService(await loadAccess(call.accountId), p, appDeps().users),
  }),
  defineResolver({
    key: 'services/setup',
    payload: ServiceSetupPayloadSchema,
    run: async (p, call) => startSetup(await loadAccess(call.accountId), p),
  }),
];
