import type { WorkspaceResult } from '../errors.js';
import { err } from '../result.js';
import { invalidNewSettingsError, parseSettings } from './parse.js';
import type { Settings } from './schema.js';

/**
 * The one update algorithm of both settings stores: read, apply the change, validate, write; one update at a
 * time per store, so two concurrent changes (the CLI adding two accounts, the app saving twice) never lose one.
 * A failed read stops the update: an invalid file is reported, never replaced.
 */
export function serialUpdates(
  read: () => Promise<WorkspaceResult<Settings>>,
  write: (next: Settings) => Promise<WorkspaceResult<void>>,
): (change: (current: Settings) => Settings) => Promise<WorkspaceResult<Settings>> {
  // Spelled out rather than `SettingsStore['update']`: the ports import the settings, not the other way round.
  let queue: Promise<unknown> = Promise.resolve();
  return (change) => {
    const run = async (): Promise<WorkspaceResult<Settings>> => {
      const current = await read();
      if (!current.ok) return current;
      const next = parseSettings(change(structuredClone(current.value)));
      if (!next.ok) {
        return err(invalidNewSettingsError(next.error));
      }
      const written = await write(next.value);
      return written.ok ? next : written;
    };
    const result = queue.then(run);
    // A change that throws rejects its own caller, not the updates queued behind it.
    queue = result.catch(() => undefined);
    return result;
  };
}
