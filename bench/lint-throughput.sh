#!/usr/bin/env bash
# Measures `avma lint` on a large generated text (default 1 GiB): wall time, throughput and peak
# memory. Not a test: run by hand, figures go into README.md.
#   bench/lint-throughput.sh [SIZE_MIB]
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-1024}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -n "${AVMA:-}" ] || cargo build --release --quiet
# A long log (cluster chatter) with the walkthrough's runbook pasted in every 8 MiB or so: the
# shape of a chat export or a collected log that an admin hands over.
python3 - "$tmp/big.md" "$size_mib" <<'PY'
import sys
path, mib = sys.argv[1], int(sys.argv[2])
block = open("examples/walkthrough/runbook-ja.md", encoding="utf-8").read()
filler = "".join(f"2026-11-29 10:{i%60:02d}:00 INFO cluster node HV{i%3+1} heartbeat ok, VM{i} running on Windows Server 2019\n" for i in range(200))
filler = filler.encode("utf-8")
block = block.encode("utf-8")
with open(path, "wb") as f:
    n = 0
    next_block = 0
    target = mib * 1024 * 1024
    while n < target:
        if n >= next_block:
            f.write(block)
            n += len(block)
            next_block += 8 * 1024 * 1024
        f.write(filler)
        n += len(filler)
PY
bytes=$(stat -c %s "$tmp/big.md")
echo "input: $bytes bytes"
/usr/bin/time -f "wall %e s, max RSS %M KiB" ${AVMA:-./target/release/avma} lint --format json "$tmp/big.md" > "$tmp/out.json" 2> "$tmp/time.txt" || true
cat "$tmp/time.txt"
wall=$(grep -o 'wall [0-9.]*' "$tmp/time.txt" | cut -d' ' -f2)
python3 -c "print(f'throughput: {$bytes/1048576/$wall:.0f} MiB/s')"
python3 -c "import json;d=json.load(open('$tmp/out.json'));print('findings:', len(d['findings']), 'lines:', d['files'][0]['lines'])"
