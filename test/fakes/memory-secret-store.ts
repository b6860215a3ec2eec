// The keychain port in memory: tests read and seed `entries` directly, count writes to see what was cached, and
// can make it refuse like a locked keyring.
import { workspaceError, type WorkspaceResult } from '../../main/core/errors.js';
import type { SecretStore } from '../../main/core/ports.js';
import { err, ok } from '../../main/core/result.js';

export type Refusal = 'set' | 'delete' | 'all';

export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();
  /** Successful `set` calls. */
  writes = 0;
  /** Which operations fail as on a locked keyring; `'all'` includes reads. */
  refuse: Refusal | null = null;

  async get(key: string): Promise<WorkspaceResult<string | null>> {
    if (this.refuse === 'all') return locked('get');
    return ok(this.entries.get(key) ?? null);
  }

  async set(key: string, value: string): Promise<WorkspaceResult<void>> {
    if (this.refuse === 'set' || this.refuse === 'all') return locked('set');
    this.writes++;
    this.entries.set(key, value);
    return ok(undefined);
  }

  async delete(key: string): Promise<WorkspaceResult<boolean>> {
    if (this.refuse === 'delete' || this.refuse === 'all') return locked('delete');
    return ok(this.entries.delete(key));
  }
}

function locked(operation: 'get' | 'set' | 'delete') {
  return err(workspaceError('keychain', `Cannot ${operation} the secret in the OS keychain: the keyring is locked`));
}
