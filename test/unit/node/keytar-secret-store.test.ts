// The real keytar against a real Secret Service: run through scripts/with-keyring.sh (npm test does), which
// starts a private D-Bus session with an unlocked gnome-keyring. Without a session bus those tests are skipped.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkspaceResult } from '../../../main/core/errors.js';
import { keychainError, keychainService, KeytarSecretStore, type KeytarApi } from '../../../main/node/keytar-secret-store.js';
import { realKeychainAvailable } from '../../fakes/keychain.js';

const run = promisify(execFile);
const PROBE = join(import.meta.dirname, 'fixtures', 'keytar-probe.ts');
// Linux only on top of the shared rule: these tests list entries with secret-tool, gnome-keyring's client.
const hasSessionBus = process.platform === 'linux' && realKeychainAvailable();

describe('keychainService', () => {
  it('is workspace-tray unless WORKSPACE_TRAY_KEYCHAIN_SERVICE says otherwise', () => {
    expect(keychainService({})).toBe('workspace-tray');
    expect(keychainService({ WORKSPACE_TRAY_KEYCHAIN_SERVICE: '' })).toBe('workspace-tray');
    expect(keychainService({ WORKSPACE_TRAY_KEYCHAIN_SERVICE: 'wt-test' })).toBe('wt-test');
  });
});

describe('keychainError', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY'],
    ['The name org.freedesktop.secrets was not provided by any .service files'],
    ['Could not connect: No such file or directory'],
  ])('explains a missing Secret Service: %s', (message) => {
    const error = keychainError('save', new Error(message));
    expect(error.kind).toBe('keychain');
    expect(error.message).toBe(`Cannot save the secret in the OS keychain: no Secret Service is running (${message})`);
    expect(error.hint).toMatch(/gnome-keyring/);
    expect(error.hint).toMatch(/KeePassXC/);
    expect(error.hint).toMatch(/dbus-run-session/);
    expect(error.hint).toMatch(/never written in plain text/);
  });

  it.each([['Cannot create an item in a locked collection'], ['Object does not exist at path “/org/freedesktop/secrets/collection/login”']])(
    'tells to unlock a locked or missing keyring: %s',
    (message) => {
      const error = keychainError('save', new Error(message));
      expect(error.message).toMatch(/the keyring is locked or has no default collection/);
      expect(error.hint).toMatch(/^Unlock the keyring/);
    },
  );

  it('keeps other failures, with a generic hint', () => {
    expect(keychainError('delete', new Error('Something odd'))).toEqual({
      kind: 'keychain',
      message: 'Cannot delete the secret in the OS keychain: Something odd',
      hint: 'Check that the OS keychain is available and unlocked, then try again.',
      // The same, named for the windows to say in their language; the OS's own words stay a fact.
      wording: { message: { code: 'keychain.failed', params: { action: 'delete', detail: 'Something odd' } }, hint: [{ code: 'hint.check-keychain', params: {} }] },
    });
  });

  it('never repeats the secret, even if the OS message did', () => {
    const error = keychainError('save', new Error('cannot store s3cr3t-value now'), 's3cr3t-value');
    expect(JSON.stringify(error)).not.toContain('s3cr3t-value');
    expect(error.message).toContain('[redacted]');
  });
});

describe('KeytarSecretStore with a loader that fails', () => {
  it('reports a missing native module as a keychain error, and tries again on the next call', async () => {
    let attempts = 0;
    const working: KeytarApi = { getPassword: async () => 'v', setPassword: async () => undefined, deletePassword: async () => true };
    const store = new KeytarSecretStore('svc', async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("Cannot find module '../build/Release/keytar.node'");
      return working;
    });
    const first = await store.get('k');
    expect(first).toMatchObject({ ok: false, error: { kind: 'keychain', message: "The keychain library (keytar) could not be loaded: Cannot find module '../build/Release/keytar.node'" } });
    expect(first.ok || first.error.hint).toMatch(/npm rebuild keytar/);
    expect(await store.get('k')).toEqual({ ok: true, value: 'v' });
    expect(await store.delete('k')).toEqual({ ok: true, value: true });
    expect(attempts).toBe(2);
  });

  it('maps a rejected call and keeps the value out of the error', async () => {
    const store = new KeytarSecretStore('svc', async () => ({
      getPassword: async () => null,
      setPassword: async (_service, _account, password) => {
        throw new Error(`libsecret refused ${password}`);
      },
      deletePassword: async () => false,
    }));
    const saved = await store.set('k', 'top-secret-token');
    expect(saved).toMatchObject({ ok: false, error: { kind: 'keychain', message: 'Cannot save the secret in the OS keychain: libsecret refused [redacted]' } });
  });
});

describe.skipIf(!hasSessionBus)('KeytarSecretStore on a real Secret Service (gnome-keyring)', () => {
  const service = `workspace-tray-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const store = new KeytarSecretStore(service);
  const unwrap = <T>(result: WorkspaceResult<T>): T => {
    if (!result.ok) throw new Error(`keychain failed: ${result.error.message}`);
    return result.value;
  };
  const stored = async (): Promise<string> => {
    const { stdout, stderr } = await run('secret-tool', ['search', '--all', 'service', service]).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
    return stdout + stderr;
  };

  afterAll(async () => {
    for (const key of ['a', 'b', 'unicode', 'c']) await store.delete(key);
    expect(await stored()).not.toMatch(/attribute\.service = /);
  });

  it('saves, reads, replaces and deletes a secret', async () => {
    expect(unwrap(await store.get('a'))).toBeNull();
    unwrap(await store.set('a', '{"token":"MIIabc"}'));
    expect(unwrap(await store.get('a'))).toBe('{"token":"MIIabc"}');
    unwrap(await store.set('a', '{"token":"MIIdef"}'));
    expect(unwrap(await store.get('a'))).toBe('{"token":"MIIdef"}');
    expect(unwrap(await store.delete('a'))).toBe(true);
    expect(unwrap(await store.get('a'))).toBeNull();
    expect(unwrap(await store.delete('a'))).toBe(false);
  });

  it('stores under the service and key it was given, where secret-tool finds them', async () => {
    unwrap(await store.set('b', 'value-b'));
    const listing = await stored();
    expect(listing).toContain(`attribute.service = ${service}`);
    expect(listing).toContain('attribute.account = b');
    expect(unwrap(await new KeytarSecretStore(`${service}-other`).get('b'))).toBeNull();
  });

  it('keeps keys apart and round-trips any text', async () => {
    const text = 'pässwörd 🔑 "quoted" \\ \n line';
    unwrap(await store.set('unicode', text));
    unwrap(await store.set('c', 'other'));
    expect(unwrap(await store.get('unicode'))).toBe(text);
    expect(unwrap(await store.get('c'))).toBe('other');
  });
});

describe('KeytarSecretStore without a Secret Service (a real child process)', () => {
  /** Runs the probe with the given D-Bus address (or none) and no display; resolves with its JSON result. */
  function probe(busAddress: string | undefined, secret: string): Promise<{ result: unknown; output: string }> {
    const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' };
    if (busAddress !== undefined) env['DBUS_SESSION_BUS_ADDRESS'] = busAddress;
    return new Promise((resolve, reject) => {
      // The timeout only guards against a hang; keytar fails in well under a second here.
      const child = spawn(process.execPath, ['--import', 'tsx', PROBE, 'workspace-tray-no-keychain', secret], { env, timeout: 15_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (code !== 0) reject(new Error(`probe exited with ${code ?? signal}: ${stderr}`));
        else resolve({ result: JSON.parse(stdout), output: stdout + stderr });
      });
    });
  }

  it.runIf(process.platform === 'linux')('fails with a keychain error saying how to get one, when the bus socket does not exist', async () => {
    const secret = `sk-${randomBytes(8).toString('hex')}`;
    const { result, output } = await probe('unix:path=/nonexistent/workspace-tray-bus', secret);
    expect(result).toMatchObject({ ok: false, error: { kind: 'keychain', message: expect.stringMatching(/^Cannot save the secret in the OS keychain: no Secret Service is running \(Could not connect/) } });
    expect(output).toMatch(/gnome-keyring/);
    expect(output).not.toContain(secret);
  });

  it.runIf(process.platform === 'linux')('fails the same way with no session bus and no display', async () => {
    const secret = `sk-${randomBytes(8).toString('hex')}`;
    const { result, output } = await probe(undefined, secret);
    expect(result).toMatchObject({ ok: false, error: { kind: 'keychain', message: expect.stringContaining('Cannot autolaunch D-Bus without X11 $DISPLAY') } });
    expect(output).toMatch(/dbus-run-session/);
    expect(output).not.toContain(secret);
  });
});
