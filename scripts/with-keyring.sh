#!/usr/bin/env sh
# Runs a command where a real OS keychain is reachable. On Linux without a D-Bus session (CI, containers,
# SSH) it starts a private D-Bus session with an unlocked gnome-keyring, so keytar talks to a real
# Secret Service rather than a fake. Elsewhere (a desktop session, macOS, Windows) it runs the command as is.
set -eu
if [ "$(uname -s)" = "Linux" ] && [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null 2>&1 \
  && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  # Having started a keyring, the keychain tests must run: test/unit/node/keychain-available.test.ts fails
  # instead of letting them skip if it is not reachable after all.
  export WORKSPACE_TRAY_TEST_KEYCHAIN=required
  # The keyring's files and control socket go in a folder of this run's own: two runs at once (two checkouts, CI
  # beside a developer's run) would otherwise share ~/.local/share/keyrings and overwrite each other's secrets.
  keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/wt-keyring-XXXXXX")
  trap 'rm -rf "$keyring_home"' EXIT
  # Interrupted runs exit through the EXIT trap too (sh runs it on `exit`, not on a signal's default action).
  trap 'exit 130' INT
  trap 'exit 143' TERM
  export WT_KEYRING_HOME="$keyring_home"
  dbus-run-session -- sh -c 'printf %s workspace-tray-test | XDG_DATA_HOME="$WT_KEYRING_HOME" XDG_RUNTIME_DIR="$WT_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' sh "$@" || status=$?
  exit "${status:-0}"
fi
exec "$@"
