#!/usr/bin/env bash
# Ingestion benchmark: generated Northwind at scale 1, 100 and 1000 (override: BENCH_SCALES=1000), median of 3
# runs (INGEST_BENCH_REPEATS) of each case: full initial load, unchanged batch, 1% change set, the COPY floor
# and DuckDB's postgres scanner as a peer. Uses its own database (bench_ingest) and Iceberg catalog under
# .local/bench/ingest: `make demo` data is untouched. Figures also go to .local/bench/results.jsonl.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export PYTHONPATH="$root/glue_job:$root/datagen"
scripts/local_postgres.sh start >/dev/null
mkdir -p .local/bench/ingest
.venv/bin/python scripts/bench.d/ingest_bench.py bench \
  --scales "${BENCH_SCALES:-1,100,1000}" --repeats "${INGEST_BENCH_REPEATS:-3}" \
  --state-root .local/bench/ingest --json .local/bench/ingest.json
