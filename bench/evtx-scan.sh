#!/usr/bin/env bash
# Compares `avma evidence` (finding the licensing/AVMA/Hyper-V events) with `evtx_dump -o jsonl`
# (the evtx crate's own tool, rendering every record) on the same .evtx files and thread count.
# Not a test: run by hand; the figures go into README.md.
#   bench/evtx-scan.sh [CORPUS_DIR] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/evtx}
threads=${2:-2}
tools=target/bench-tools
# EVTX_DUMP: an evtx_dump 0.15.1 already built elsewhere (else it is installed under $tools).
dump=${EVTX_DUMP:-$tools/bin/evtx_dump}
cargo build --release --quiet
if [ ! -x "$dump" ]; then
  [ -z "${EVTX_DUMP:-}" ] || { echo "EVTX_DUMP=$EVTX_DUMP: not an executable" >&2; exit 1; }
  cargo install evtx --version 0.15.1 --locked --root "$tools" --quiet
fi
mapfile -t files < <(find "$corpus" -iname '*.evtx' | sort)
bytes=$(cat "${files[@]}" | wc -c)
echo "files: ${#files[@]}, bytes: $bytes, threads: $threads"

best() { # best wall time and its max RSS over 3 runs of "$@"
  local b="" rss=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o /tmp/avma-bench-time "$@" > /dev/null 2>/tmp/avma-bench-err || true
    read -r t m < /tmp/avma-bench-time
    if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t; rss=$m; fi
  done
  echo "$b $rss"
}

read -r avma_t avma_m < <(best env RAYON_NUM_THREADS="$threads" ./target/release/avma evidence --format json "${files[@]}")
dump_all() { for f in "${files[@]}"; do "$dump" -t "$threads" -o jsonl "$f"; done; }
export -f dump_all 2>/dev/null || true
read -r dump_t dump_m < <(best bash -c "$(declare -f dump_all); files=($(printf '%q ' "${files[@]}")); dump=$(printf '%q' "$dump"); threads=$threads; dump_all")

records=$(for f in "${files[@]}"; do "$dump" -t "$threads" -o jsonl "$f" 2>/dev/null; done | wc -l)
mb=$(awk "BEGIN{print $bytes/1048576}")
printf "avma evidence : %6.2f s  %7.1f MB/s  %9.0f records/s  peak RSS %6.1f MB\n" "$avma_t" "$(awk "BEGIN{print $mb/$avma_t}")" "$(awk "BEGIN{print $records/$avma_t}")" "$(awk "BEGIN{print $avma_m/1024}")"
printf "evtx_dump     : %6.2f s  %7.1f MB/s  %9.0f records/s  peak RSS %6.1f MB\n" "$dump_t" "$(awk "BEGIN{print $mb/$dump_t}")" "$(awk "BEGIN{print $records/$dump_t}")" "$(awk "BEGIN{print $dump_m/1024}")"
printf "speed-up      : %.1fx  (records: %d)\n" "$(awk "BEGIN{print $dump_t/$avma_t}")" "$records"
