// Clients: one custom entity, listed by name.
import { entityStore } from '../platform/entity-store';
import { ClientRecordSchema } from './records';

export const clientsRepo = entityStore('client', ClientRecordSchema, (c) => ({ name: c.name.toLowerCase(), updatedAt: c.updatedAt }));
