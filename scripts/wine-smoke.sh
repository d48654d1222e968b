#!/usr/bin/env bash
# Smoke suite of avma.exe under Wine: each case runs the Windows build and the Linux build with
# the same arguments and compares what they print (Windows output normalised where Windows
# legitimately differs: `\` for `/` in paths, CRLF). Needs:
#
#   scripts/build-windows.sh --shim       # target/windows/wine/avma.exe + the test-only shim DLL
#   cargo build -p avma-cli               # target/debug/avma (or AVMA_LINUX=path)
#   apt-get install -y wine64
#
# Prints one line per case and ends with "N passed, M failed"; exits 1 when a case fails.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

exe=target/windows/wine/avma.exe
linux=${AVMA_LINUX:-target/debug/avma}
wine=${WINE:-}
if [[ -z "$wine" ]]; then
    for w in /usr/lib/wine/wine64 "$(command -v wine64 || true)" "$(command -v wine || true)"; do
        if [[ -n "$w" && -x "$w" ]]; then wine=$w; break; fi
    done
fi
for need in "$exe" "$linux" "$wine"; do
    if [[ -z "$need" || ! -e "$need" ]]; then
        echo "wine-smoke: missing ${need:-wine64}; see the header of $0" >&2
        exit 2
    fi
done

export WINEPREFIX="$root/target/windows/wineprefix"
export WINEDEBUG=-all
export LANG=C LC_ALL= LC_MESSAGES= NO_COLOR=1
unset LC_ALL LC_MESSAGES
work=$(mktemp -d "$root/target/windows/smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The first start of a fresh prefix creates it (tens of seconds); the cases then take a second each.
"$wine" wineboot -i >/dev/null 2>&1 || true

passed=0
failed=0
fail() {
    echo "FAIL  $1"
    failed=$((failed + 1))
}
ok() {
    echo "ok    $1"
    passed=$((passed + 1))
}

# What Windows may print differently: CRLF line ends, `\` path separators (also as JSON's `\\`),
# the audit's clock.
normalise() {
    sed -e 's/\r$//' -e 's/\\\\/\//g' -e 's/\\/\//g' \
        -e 's/"at": "[^"]*"/"at": "-"/' "$@"
}

# Lines Wine itself writes to the program's stderr (its client/server messages, `0024:fixme:`
# debug channels, `wine: ...`): not avma's output, and they come and go with the machine's load.
wine_noise() {
    grep -Ev '^(wine client error:|wine: |[0-9a-f]{4}:(err|fixme|warn|trace):)' "$@" || true
}

# run NAME ARGS...: both builds, same arguments, same output and exit code.
run() {
    local name=$1
    shift
    "$linux" "$@" >"$work/linux.out" 2>"$work/linux.err"
    local lc=$?
    "$wine" "$exe" "$@" >"$work/win.out" 2>"$work/win.err"
    local wc=$?
    if [[ $lc -ne $wc ]]; then
        fail "$name: exit $wc on Windows, $lc on Linux"
        head -5 "$work/win.err"
        return
    fi
    if ! diff -u <(normalise "$work/linux.out") <(normalise "$work/win.out") >"$work/diff"; then
        fail "$name: stdout differs"
        head -40 "$work/diff"
        return
    fi
    if ! diff -u <(normalise "$work/linux.err" | sed 's/\.exe//') <(wine_noise "$work/win.err" | normalise | sed 's/\.exe//') >"$work/diff"; then
        fail "$name: stderr differs"
        head -20 "$work/diff"
        return
    fi
    ok "$name"
}

run "--version" --version
run "demo" demo
run "keys --format json" keys --format json
run "evidence of the example cluster" evidence examples/cluster
run "evidence --format json" evidence --format json examples/cluster
run "diagnose of the example cluster" diagnose examples/cluster
run "audit of the example cluster" audit --format json examples/cluster
run "evidence of a zip bundle" evidence examples/cluster-bundle.zip
run "diagnose of a zip bundle" diagnose examples/cluster-bundle.zip
run "audit of a zip bundle" audit examples/cluster-bundle.zip
run "a missing input" evidence no-such-folder
run "a bad spec" plan --guest "2019 foo" --host "2022 Datacenter"
run "collect --scope cluster" collect --scope cluster --lang ja

# plan -o FILE: the same script written (UTF-8 with BOM), by both.
"$linux" plan --guest "2019 Standard" --host "2022 Datacenter" --format ps1 -o "$work/linux.ps1"
"$wine" "$exe" plan --guest "2019 Standard" --host "2022 Datacenter" --format ps1 -o "$work/win.ps1"
if cmp -s <(normalise "$work/linux.ps1") <(normalise "$work/win.ps1") && [[ -s "$work/win.ps1" ]]; then
    ok "plan --format ps1 -o FILE"
else
    fail "plan --format ps1 -o FILE: the files differ"
fi

# Evidence as PowerShell 5.1 writes it: `>` redirection is UTF-16LE with a BOM,
# Out-File -Encoding utf8 is UTF-8 with a BOM.
mkdir -p "$work/enc/vm-app01"
for f in computerinfo.json slp.json dism-current-edition.txt; do
    { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "examples/cluster/vm-app01/$f"; } >"$work/enc/vm-app01/$f"
done
{ printf '\xef\xbb\xbf'; cat examples/cluster/vm-app01/spp-events.xml; } >"$work/enc/vm-app01/spp-events.xml"
rel=${work#"$root"/}
run "UTF-16LE and UTF-8 BOM evidence" evidence --format json "$rel/enc"
if grep -qi '"encoding": "utf-16le"' "$work/win.out" && grep -q 'ServerDatacenter' "$work/win.out"; then
    ok "UTF-16LE evidence is decoded on Windows"
else
    fail "UTF-16LE evidence is decoded on Windows"
fi

# Usage names `avma`, not `avma.exe`.
"$wine" "$exe" --help >"$work/help" 2>&1
"$wine" "$exe" no-such-command >"$work/usage" 2>&1
if grep -q '^Usage: avma ' "$work/help" && grep -q 'Usage: avma ' "$work/usage" &&
    ! grep -q 'avma\.exe' "$work/help" "$work/usage"; then
    ok "usage names avma"
else
    fail "usage names avma"
    head -3 "$work/help" "$work/usage"
fi

# Colours: only when asked for on a pipe, never with NO_COLOR in auto mode.
NO_COLOR= "$wine" "$exe" --color always keys --os 2019 >"$work/color" 2>&1
NO_COLOR=1 "$wine" "$exe" --color auto keys --os 2019 >"$work/plain" 2>&1
if grep -q $'\e\[' "$work/color" && ! grep -q $'\e\[' "$work/plain"; then
    ok "colours: --color always on, NO_COLOR off"
else
    fail "colours: --color always on, NO_COLOR off"
fi

# One separator style: no `/` path of the inputs survives in Windows output.
"$wine" "$exe" evidence examples/cluster >"$work/paths" 2>&1
if grep -q 'examples\\cluster\\hv-node1\\' "$work/paths" && ! grep -q 'examples/cluster' "$work/paths"; then
    ok "paths in Windows output use \\ only"
else
    fail "paths in Windows output use \\ only"
    grep -m3 'examples' "$work/paths"
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
