// The one rule for when tests may use the real OS keychain, and when its absence must fail the run instead of
// quietly skipping those tests.

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether the OS keychain should be reachable. macOS and Windows always have one; on Linux keytar reaches the
 * Secret Service over the D-Bus session bus, so without a session bus address there is none to try.
 */
export function realKeychainAvailable(env: Env = process.env, platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'linux' || (env['DBUS_SESSION_BUS_ADDRESS'] ?? '') !== '';
}

/** Set by scripts/with-keyring.sh once it started a private keyring, and implied on CI. */
export function realKeychainRequired(env: Env = process.env): boolean {
  return env['WORKSPACE_TRAY_TEST_KEYCHAIN'] === 'required' || env['CI'] === 'true';
}
