#!/usr/bin/env bash
# Installs every build and test dependency of TurfDrive on Debian 12, by package name.
# The one list of what the project needs: both README commands and CI call this script.
# Quick when everything is already there (no apt-get call at all).
set -euo pipefail

packages=(
    # toolchain
    cmake ninja-build g++ ccache clang-format pkg-config
    # Qt 6 (Debian 12 ships 6.4); HttpServer's CMake package needs websockets, Charts' needs OpenGL
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-httpserver-dev qt6-websockets-dev
    qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-qpa-plugins libgl-dev
    # secrets: QtKeychain and a Secret Service the tests can start privately
    qtkeychain-qt6-dev gnome-keyring dbus libsecret-tools
    # GUI under a virtual display (screenshots, first command without a display)
    xvfb xauth
    # test-only: OpenAPI contract validation, throwaway TLS certificates
    python3 python3-jsonschema python3-yaml openssl
    # test-only: the libFuzzer targets (clang with the fuzzer, ASan and UBSan runtimes; tests/fuzz/run-fuzz.sh)
    clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing ${#missing[@]} missing package(s): ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
