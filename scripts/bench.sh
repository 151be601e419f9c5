#!/usr/bin/env bash
# `make bench`: every benchmark of the project, one script per area in scripts/bench.d/ (run in order).
# Each prints its own table and leaves its figures as JSON under .local/bench/; the last step prints them
# together as one table of medians with peak memory. Benchmarks, not tests: they assert nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .local/bench
for bench in scripts/bench.d/[0-9]*.sh; do
  echo "==> bench: $(basename "$bench" .sh)"
  bash "$bench"
  echo
done
