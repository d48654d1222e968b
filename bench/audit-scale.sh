#!/usr/bin/env bash
# The audit at scale: 100 clusters of 64 nodes and 8,000 VMs (800,000 VMs, every VM may run on
# every node), plus smaller shapes to show that time grows with VMs x nodes. Not a test.
#   bench/audit-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p avma-cluster --example scale
for shape in "100 16 8000" "100 32 8000" "100 64 4000" "100 64 8000"; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "  peak RSS %M KB (whole process, inventories included)" ./target/release/examples/scale $shape 2>&1
done
