#!/usr/bin/env bash
# Runs a command inside a private D-Bus session bus with an unlocked gnome-keyring as its Secret Service, so
# tests exercise the real QtKeychain against a real keyring without touching the user's own.
set -euo pipefail
if [ "${TURFDRIVE_IN_KEYRING_SESSION:-}" != "1" ]; then
    export TURFDRIVE_IN_KEYRING_SESSION=1
    exec dbus-run-session -- "$0" "$@"
fi
home=$(mktemp -d)
# Under ctest the private home is kept with the test's other files for the security scan (tests/security).
if [ -z "${TURFDRIVE_TEST_ARTIFACTS:-}" ]; then
    trap 'rm -rf "$home"' EXIT
fi
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# The keyring password is a throwaway for this private session; it goes in on standard input only.
eval "$(printf 'turfdrive-test-keyring\n' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
