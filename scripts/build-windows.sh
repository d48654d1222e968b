#!/usr/bin/env bash
# Build avma.exe for 64-bit Windows with Debian's packages only (no rustup target needed):
#
#   apt-get install -y rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64
#   scripts/build-windows.sh            # -> target/windows/avma.exe
#
# Debian's rustc (1.96, /usr/bin/rustc) has no prebuilt std for x86_64-pc-windows-gnu, so std is
# built from rust-web-src (-Zbuild-std, allowed on a stable compiler by RUSTC_BOOTSTRAP=1) and
# linked with MinGW-w64. Everything goes to target/windows inside the repository; nothing is
# cached elsewhere. About 7 minutes cold on 2 cores, seconds when nothing changed.
#
# With --shim, also builds target/windows/wine/bcryptprimitives.dll, the test-only stand-in that
# lets the exe run under Wine 8 (see scripts/wine-shim/), and copies avma.exe beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

shim=false
[[ "${1:-}" == "--shim" ]] && shim=true

for tool in /usr/bin/cargo /usr/bin/rustc x86_64-w64-mingw32-gcc x86_64-w64-mingw32-strip; do
    if ! command -v "$tool" >/dev/null; then
        echo "build-windows: $tool is missing; install: apt-get install -y rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64" >&2
        exit 2
    fi
done

out=target/windows
triple=x86_64-pc-windows-gnu
# rustup's cargo may come first in PATH: Debian's cargo and rustc are called by full path.
env -u RUSTUP_TOOLCHAIN \
    RUSTC=/usr/bin/rustc \
    RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_DIR="$out/build" \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    /usr/bin/cargo build -p avma-cli --release --locked \
    -Zbuild-std=std,panic_abort --target "$triple"

x86_64-w64-mingw32-strip -o "$out/avma.exe" "$out/build/$triple/release/avma.exe"
ls -l "$out/avma.exe"

if $shim; then
    mkdir -p "$out/wine"
    x86_64-w64-mingw32-gcc -O2 -shared -o "$out/wine/bcryptprimitives.dll" \
        scripts/wine-shim/bcryptprimitives.c scripts/wine-shim/bcryptprimitives.def -lbcrypt
    cp "$out/avma.exe" "$out/wine/avma.exe"
fi
