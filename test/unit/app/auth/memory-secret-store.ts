import type { WorkspaceResult } from '../../../../main/core/errors.js';
import type { SecretStore } from '../../../../main/core/ports.js';
import { ok } from '../../../../main/core/result.js';

/** The keychain port in memory, counting writes so tests can see what was cached. */
export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  writes = 0;

  async get(key: string): Promise<WorkspaceResult<string | null>> {
    return ok(this.values.get(key) ?? null);
  }

  async set(key: string, value: string): Promise<WorkspaceResult<void>> {
    this.writes++;
    this.values.set(key, value);
    return ok(undefined);
  }

  async delete(key: string): Promise<WorkspaceResult<boolean>> {
    return ok(this.values.delete(key));
  }
}
