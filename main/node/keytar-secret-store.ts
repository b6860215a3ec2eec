import type { WorkspaceError, WorkspaceResult } from '../core/errors.js';
import { phrase, wordedError } from '../core/error-wording.js';
import type { SecretStore } from '../core/ports.js';
import { err, ok } from '../core/result.js';

/** The part of keytar we use. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** The keychain service name: `WORKSPACE_TRAY_KEYCHAIN_SERVICE`, else `workspace-tray`. */
export function keychainService(env: Readonly<Record<string, string | undefined>>): string {
  const override = env['WORKSPACE_TRAY_KEYCHAIN_SERVICE'];
  return override === undefined || override === '' ? 'workspace-tray' : override;
}

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux) through keytar.
 * keytar is a native module, loaded on first use so that a missing or broken build is a 'keychain' error
 * where a secret is needed, not a crash at startup. There is deliberately no plain-text fallback.
 */
export class KeytarSecretStore implements SecretStore {
  private keytar: Promise<WorkspaceResult<KeytarApi>> | undefined;

  constructor(
    private readonly service: string,
    private readonly loadKeytar: () => Promise<KeytarApi> = loadNativeKeytar,
  ) {}

  get(key: string): Promise<WorkspaceResult<string | null>> {
    return this.call('read', (keytar) => keytar.getPassword(this.service, key));
  }

  set(key: string, value: string): Promise<WorkspaceResult<void>> {
    return this.call('save', (keytar) => keytar.setPassword(this.service, key, value), value);
  }

  delete(key: string): Promise<WorkspaceResult<boolean>> {
    return this.call('delete', (keytar) => keytar.deletePassword(this.service, key));
  }

  private async call<T>(action: KeychainAction, operation: (keytar: KeytarApi) => Promise<T>, secret?: string): Promise<WorkspaceResult<T>> {
    const keytar = await this.load();
    if (!keytar.ok) return keytar;
    try {
      return ok(await operation(keytar.value));
    } catch (error) {
      return err(keychainError(action, error, secret));
    }
  }

  private load(): Promise<WorkspaceResult<KeytarApi>> {
    this.keytar ??= this.loadKeytar().then(
      (keytar) => ok(keytar),
      (error: unknown) => {
        // Not cached: a later call may find a rebuilt module.
        this.keytar = undefined;
        return err(
          wordedError('keychain', phrase('keychain.no-library', { detail: messageOf(error) }), [phrase('hint.reinstall')]),
        );
      },
    );
    return this.keytar;
  }
}

async function loadNativeKeytar(): Promise<KeytarApi> {
  // A CommonJS module: its functions are on the default export.
  const module: { default: KeytarApi } = await import('keytar');
  return module.default;
}

export type KeychainAction = 'read' | 'save' | 'delete';

const HEADLESS_KEYRING = "`dbus-run-session -- sh -c 'echo -n PASSWORD | gnome-keyring-daemon --unlock --components=secrets; workspace-tray ...'`";

const NO_SECRET_SERVICE =
  /autolaunch D-Bus|\$DISPLAY|Could not connect|org\.freedesktop\.secrets was not provided|ServiceUnknown|no such name|DBus\.Error\.(NoServer|Spawn|FileNotFound)/i;
const LOCKED_OR_MISSING_KEYRING = /locked collection|collection\/\w+.*(does not exist|not found)|Object does not exist at path|No such object|is locked/i;
const DISMISSED = /dismissed|cancel+ed|User canceled|User interaction is not allowed/i;

/** A keytar failure in plain words: what is missing and how to fix it. Never carries the secret. */
export function keychainError(action: KeychainAction, error: unknown, secret?: string): WorkspaceError {
  const detail = redact(messageOf(error), secret);
  if (NO_SECRET_SERVICE.test(detail)) return wordedError('keychain', phrase('keychain.no-service', { action, detail }), [phrase('hint.start-secret-service', { command: HEADLESS_KEYRING })]);
  if (LOCKED_OR_MISSING_KEYRING.test(detail)) return wordedError('keychain', phrase('keychain.locked', { action, detail }), [phrase('hint.unlock-keyring')]);
  if (DISMISSED.test(detail)) return wordedError('keychain', phrase('keychain.dismissed', { action, detail }), [phrase('hint.allow-keychain')]);
  return wordedError('keychain', phrase('keychain.failed', { action, detail }), [phrase('hint.check-keychain')]);
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim() === '' ? 'no details given' : message.trim();
}

/** Defence in depth: keytar's messages come from the OS and should never echo the value, but if one did… */
function redact(text: string, secret: string | undefined): string {
  return secret === undefined || secret === '' ? text : text.split(secret).join('[redacted]');
}
