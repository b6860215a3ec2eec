import { describe, expect, it } from 'vitest';
import { consistentWording, phrase } from '../../../../main/core/error-wording.js';
import { workspaceError, type WorkspaceResult } from '../../../../main/core/errors.js';
import { err, ok } from '../../../../main/core/result.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../../main/core/settings/schema.js';
import { serialUpdates } from '../../../../main/core/settings/serial-updates.js';

/** An in-memory file whose reads and writes yield to the event loop, so unserialised updates would interleave. */
function memoryFile(initial: WorkspaceResult<Settings> = ok(DEFAULT_SETTINGS)) {
  let stored = initial;
  const writes: Settings[] = [];
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
  const read = async () => {
    await tick();
    return stored.ok ? ok(structuredClone(stored.value)) : stored;
  };
  const write = async (next: Settings) => {
    await tick();
    writes.push(next);
    stored = ok(next);
    return ok(undefined);
  };
  return { read, write, writes, current: () => stored };
}

describe('serialUpdates', () => {
  it('applies concurrent changes one after another, losing none', async () => {
    const file = memoryFile();
    const update = serialUpdates(file.read, file.write);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => update((current) => ({ ...current, polling: { ...current.polling, intervalSeconds: current.polling.intervalSeconds + 1 } }))),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(file.current()).toMatchObject({ ok: true, value: { polling: { intervalSeconds: 80 } } });
  });

  it('never writes when the read fails', async () => {
    const broken = err(workspaceError('config', 'The settings file x is invalid: it is not valid JSON'));
    const file = memoryFile(broken);
    const result = await serialUpdates(file.read, file.write)((current) => current);
    expect(result).toEqual(broken);
    expect(file.writes).toEqual([]);
  });

  it('refuses a change that makes the settings invalid, and writes nothing', async () => {
    const file = memoryFile();
    const result = await serialUpdates(file.read, file.write)((current) => ({ ...current, polling: { ...current.polling, intervalSeconds: 1 } }));
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'config',
        message: 'The new settings are invalid: polling.intervalSeconds must be between 15 and 3600 (found 1)',
        path: 'polling.intervalSeconds',
        wording: { message: phrase('settings.new-invalid', { cause: phrase('setting.between', { path: 'polling.intervalSeconds', min: 15, max: 3600, found: 1 }) }) },
      },
    });
    expect(result.ok ? undefined : consistentWording(result.error)).toBeDefined();
    expect(file.writes).toEqual([]);
  });

  it('hands the change a copy, so a change that mutates and then throws leaves nothing behind', async () => {
    const file = memoryFile();
    const update = serialUpdates(file.read, file.write);
    const thrown = update((current) => {
      current.accounts.push({ id: '0b7c5b0e-5d0a-4c55-9a3e-2f7e1b4c9d01', name: 'x', region: 'cn-north-4', projectId: 'p', auth: 'token' });
      throw new Error('bug in a change');
    });
    const next = update((current) => ({ ...current, badge: { metric: 'ready_num' } }));
    await expect(thrown).rejects.toThrow('bug in a change');
    expect(await next).toMatchObject({ ok: true, value: { accounts: [], badge: { metric: 'ready_num' } } });
  });

  it('returns the write error', async () => {
    const file = memoryFile();
    const failing = async () => err(workspaceError('config', 'Cannot write the settings file x: the disk is full (ENOSPC)'));
    expect(await serialUpdates(file.read, failing)((current) => current)).toMatchObject({ ok: false, error: { message: /ENOSPC/ } });
  });
});
