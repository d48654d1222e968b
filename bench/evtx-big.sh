#!/usr/bin/env bash
# One large synthetic Application.evtx (default 512 MiB, written by the evtx-writer test crate):
# `avma evidence` versus `evtx_dump -o jsonl`, same thread count; wall time and peak RSS.
# Shows that avma's memory does not grow with the file.
#   bench/evtx-big.sh [SIZE_MIB] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-512}
threads=${2:-2}
tools=target/bench-tools
# EVTX_DUMP: an evtx_dump 0.15.1 already built elsewhere (else it is installed under $tools).
dump=${EVTX_DUMP:-$tools/bin/evtx_dump}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet
if [ ! -x "$dump" ]; then
  [ -z "${EVTX_DUMP:-}" ] || { echo "EVTX_DUMP=$EVTX_DUMP: not an executable" >&2; exit 1; }
  cargo install evtx --version 0.15.1 --locked --root "$tools" --quiet
fi
cargo run --release --quiet -p evtx-writer --example generate -- "$tmp/big.evtx" "$size"
bytes=$(stat -c %s "$tmp/big.evtx")
measure() {
  /usr/bin/time -f "%e %M" -o "$tmp/t" "$@" > "$tmp/out" 2>/dev/null || true
  read -r t m < "$tmp/t"
  echo "$t $m"
}
read -r at am < <(measure env RAYON_NUM_THREADS="$threads" ./target/release/avma evidence --format json "$tmp/big.evtx")
events=$(python3 -c "import json;print(sum(len(m['events']) for m in json.load(open('$tmp/out'))['machines']))")
read -r dt dm < <(measure "$dump" -t "$threads" -o jsonl "$tmp/big.evtx")
records=$(wc -l < "$tmp/out")
mb=$(awk "BEGIN{print $bytes/1048576}")
printf "input: %.0f MiB, %d records, threads %d\n" "$mb" "$records" "$threads"
printf "avma evidence : %6.2f s  %7.1f MB/s  %9.0f records/s  peak RSS %6.1f MB  (%d events kept)\n" "$at" "$(awk "BEGIN{print $mb/$at}")" "$(awk "BEGIN{print $records/$at}")" "$(awk "BEGIN{print $am/1024}")" "$events"
printf "evtx_dump     : %6.2f s  %7.1f MB/s  %9.0f records/s  peak RSS %6.1f MB\n" "$dt" "$(awk "BEGIN{print $mb/$dt}")" "$(awk "BEGIN{print $records/$dt}")" "$(awk "BEGIN{print $dm/1024}")"
printf "speed-up      : %.1fx\n" "$(awk "BEGIN{print $dt/$at}")"
