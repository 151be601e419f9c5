#!/usr/bin/env bash
# End-to-end benchmark: load, ingest and dbt build of generated Northwind at scale 1 and 10
# (E2E_BENCH_SCALES), median of 3 (E2E_BENCH_REPEATS), with the peak memory of each step's process tree.
# Uses its own database (bench_e2e) and state under .local/bench/e2e: `make demo` data is untouched.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export PYTHONPATH="$root/glue_job:$root/datagen"
scripts/local_postgres.sh start >/dev/null
mkdir -p .local/bench/e2e
.venv/bin/python scripts/bench.d/e2e_bench.py \
  --scales "${E2E_BENCH_SCALES:-1,10}" --repeats "${E2E_BENCH_REPEATS:-3}" \
  --state-root .local/bench/e2e --json .local/bench/e2e.json
