#!/usr/bin/env bash
# `make bench`: every benchmark of the project, one script per area in scripts/bench.d/ (run in order; BENCH_ONLY
# picks some).
# Each prints its own table and leaves its figures as JSON under .local/bench/; the last step prints them
# together as one table of medians with peak memory. Benchmarks, not tests: they assert nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .local/bench
# Every figure of this run, one JSON object per line (benchmark, case, scale, median_s, peak_mb, rows), after a
# first line saying when, at which commit, on which machine and under which load the run started.
.venv/bin/python scripts/docs/benchmarks.py --start
# BENCH_ONLY=10-synth,30-dbt runs only those areas (the closing summary always runs); the page names the setting.
for bench in scripts/bench.d/[0-9]*.sh; do
  name=$(basename "$bench" .sh)
  if [ -n "${BENCH_ONLY:-}" ] && [[ ",$BENCH_ONLY,90-summary," != *",$name,"* ]]; then continue; fi
  echo "==> bench: $name"
  bash "$bench"
  echo
done
# docs/benchmarks.md: every figure of this run with the run's header; nothing in it is typed by hand.
.venv/bin/python scripts/docs/benchmarks.py --finish
