// The keychain tests skip where no OS keychain is reachable. Where one is required (scripts/with-keyring.sh
// started a private keyring, or this is CI) its absence must fail the run instead of hiding those tests.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../../main/core/errors.js';
import { KeytarSecretStore } from '../../../main/node/keytar-secret-store.js';
import { realKeychainAvailable, realKeychainRequired } from '../../fakes/keychain.js';

const required = realKeychainRequired();
const name = required
  ? 'is reachable, as WORKSPACE_TRAY_TEST_KEYCHAIN=required or CI=true demands: stores, reads and deletes an entry'
  : 'is reachable: skipped, as neither WORKSPACE_TRAY_TEST_KEYCHAIN=required nor CI=true demands a keychain here';

describe('the real OS keychain', () => {
  it.runIf(required)(name, async () => {
    expect(realKeychainAvailable(), 'the keychain tests would skip: on Linux, DBUS_SESSION_BUS_ADDRESS is empty (run under scripts/with-keyring.sh)').toBe(true);
    const store = new KeytarSecretStore(`workspace-tray-availability-${process.pid}-${randomBytes(4).toString('hex')}`);
    const value = `probe-${randomBytes(8).toString('hex')}`;
    const fail = (step: string, error: Parameters<typeof formatError>[0]) => expect.fail(`cannot ${step} a keychain entry:\n${formatError(error)}`);

    const saved = await store.set('probe', value);
    if (!saved.ok) fail('store', saved.error);
    const read = await store.get('probe');
    if (!read.ok) fail('read', read.error);
    expect(read).toEqual({ ok: true, value });
    const deleted = await store.delete('probe');
    if (!deleted.ok) fail('delete', deleted.error);
    expect(deleted).toEqual({ ok: true, value: true });
    expect(await store.get('probe')).toEqual({ ok: true, value: null });
  });
});
