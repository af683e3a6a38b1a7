// Confluence-specific failure modes on top of the shared Atlassian ones.
import { ConflictError } from '../../shared/errors';

/** createSpace: the key belongs to an existing space. */
export class SpaceKeyTakenError extends ConflictError {
  constructor(readonly key: string, message: string) {
    super(`Confluence space key ${key} is already taken: ${message}`, { key, service: 'Confluence' });
  }
}
