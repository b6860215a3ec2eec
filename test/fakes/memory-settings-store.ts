// The settings port in memory, validated with the one schema like the real stores (core/settings).
import type { WorkspaceResult } from '../../main/core/errors.js';
import type { SettingsStore } from '../../main/core/ports.js';
import { parseSettings } from '../../main/core/settings/parse.js';
import { serialUpdates } from '../../main/core/settings/serial-updates.js';
import { DEFAULT_SETTINGS, type Settings } from '../../main/core/settings/schema.js';
import { ok } from '../../main/core/result.js';

export class MemorySettingsStore implements SettingsStore {
  current: Settings;
  writes = 0;

  constructor(initial: unknown = {}) {
    const parsed = parseSettings(initial);
    if (!parsed.ok) throw new Error(parsed.error.message);
    this.current = parsed.value ?? DEFAULT_SETTINGS;
  }

  async read(): Promise<WorkspaceResult<Settings>> {
    return ok(structuredClone(this.current));
  }

  readonly update = serialUpdates(
    () => this.read(),
    async (next) => {
      this.writes++;
      this.current = next;
      return ok(undefined);
    },
  );
}
