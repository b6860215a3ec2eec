// The keychain port in memory: tests read and seed `entries` directly, count writes to see what was cached, and
// can make it refuse like a locked keyring (worded as node/keytar-secret-store.ts words it).
import { phrase, wordedError } from '../../main/core/error-wording.js';
import type { WorkspaceResult } from '../../main/core/errors.js';
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

const ACTIONS = { get: 'read', set: 'save', delete: 'delete' } as const;

function locked(operation: 'get' | 'set' | 'delete') {
  return err(wordedError('keychain', phrase('keychain.locked', { action: ACTIONS[operation], detail: 'Cannot create an item in a locked collection' }), [phrase('hint.unlock-keyring')]));
}
