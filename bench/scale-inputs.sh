#!/usr/bin/env bash
# Linear time at scale (issue #12 item 6): `avma evidence`, `diagnose` and `audit` on
#   * EVENTS Security-SPP records as event XML, and the same number in one .evtx (every chunk
#     holds events avma keeps: no chunk can be skipped), for one guest;
#   * a 64-node cluster with OBJECTS VMs: Get-ClusterGroup, Get-ClusterOwnerNode, Get-VM and
#     Get-VMIntegrationService JSON, one object of each per VM, plus each node's CIM licensing;
# each at 1/4, 1/2 and the full size, so that the growth of the time shows (linear: x2 per step).
# Inputs are generated at run time (bench/gen-scale.py, evtx-writer's `spp` example); nothing is
# downloaded. Wall time and peak RSS from /usr/bin/time -v, release build, best of 1.
#   bench/scale-inputs.sh [EVENTS] [OBJECTS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-100000}
objects=${2:-50000}
threads=${3:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet -p avma-cli --bin avma
cargo build --release --quiet -p evtx-writer --example spp
avma=./target/release/avma
measure() { # LABEL CMD... : prints "LABEL  wall s  peak RSS MB  exit"
  local label=$1
  shift
  set +e
  env RAYON_NUM_THREADS="$threads" /usr/bin/time -v -o "$tmp/time" "$@" > "$tmp/out" 2> /dev/null
  local rc=$?
  set -e
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$tmp/time")
  printf "%-44s %8.2f s %9s MB  exit %d\n" "$label" "$wall" "$rss" "$rc"
}
echo "machine: $(nproc) vCPU, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); threads $threads"
for div in 4 2 1; do
  e=$((events / div))
  o=$((objects / div))
  d="$tmp/in-$div"
  python3 bench/gen-scale.py "$d" "$e" "$o"
  mkdir -p "$d/evtx/vm-app01"
  ./target/release/examples/spp "$d/evtx/vm-app01/Application.evtx" "$e" 2> /dev/null
  xml=$(du -m "$d/events/vm-app01/spp-events.xml" | cut -f1)
  evtx=$(du -m "$d/evtx/vm-app01/Application.evtx" | cut -f1)
  cl=$(du -sm "$d/cluster" | cut -f1)
  echo "-- $e event records (XML ${xml} MB, .evtx ${evtx} MB); $o VMs x 4 cluster objects (${cl} MB)"
  measure "evidence  event XML  ($e records)" "$avma" evidence --format json "$d/events/vm-app01"
  measure "diagnose  event XML  ($e records)" "$avma" diagnose --format json "$d/events/vm-app01"
  measure "evidence  .evtx      ($e records)" "$avma" evidence --format json "$d/evtx/vm-app01"
  measure "diagnose  .evtx      ($e records)" "$avma" diagnose --format json "$d/evtx/vm-app01"
  measure "evidence  cluster    ($o VMs)" "$avma" evidence --format json "$d/cluster"
  measure "diagnose  cluster    ($o VMs)" "$avma" diagnose --format json "$d/cluster"
  measure "audit     cluster    ($o VMs)" "$avma" audit --format json "$d/cluster"
  rm -rf "$d"
done
