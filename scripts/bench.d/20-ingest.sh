#!/usr/bin/env bash
# Ingestion benchmark: generated Northwind at scale 1, 10 and 100 (override: INGEST_BENCH_SCALES=1,10),
# median of 3 runs (INGEST_BENCH_REPEATS): wall time, rows/s, share spent starting and stopping Spark,
# and the ratio to a plain COPY ... TO export of the same tables (the floor for reading the data).
# Uses its own database (bench_ingest) and Iceberg catalog under .local/bench/ingest: `make demo` data is untouched.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export PYTHONPATH="$root/glue_job:$root/datagen"
scripts/local_postgres.sh start >/dev/null
mkdir -p .local/bench/ingest
.venv/bin/python scripts/bench.d/ingest_bench.py bench \
  --scales "${INGEST_BENCH_SCALES:-1,10,100}" --repeats "${INGEST_BENCH_REPEATS:-3}" \
  --state-root .local/bench/ingest --json .local/bench/ingest.json
