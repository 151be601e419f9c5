#!/usr/bin/env bash
# dbt Data Vault benchmark: generated Northwind at scale 1, 10 and 100 (override: DBT_BENCH_SCALES=1,10),
# median of 3 (DBT_BENCH_REPEATS) for: a full build (empty vault), a rerun with nothing ingested since, an
# incremental build after an ingestion of unchanged data (a new batch, nothing changed), and one after a 1%
# change set (the generator's changeset, then ingestion). Times `dbt run` (models
# only; the data tests are the same for every case) as a process, startup included, and dbt's own elapsed.
# Uses its own database (bench_dbt) and state under .local/bench/dbt: `make demo` data is untouched.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export PYTHONPATH="$root/glue_job:$root/datagen"
scripts/local_postgres.sh start >/dev/null
mkdir -p .local/bench/dbt
.venv/bin/python scripts/bench.d/dbt_bench.py \
  --scales "${DBT_BENCH_SCALES:-1,10,100}" --repeats "${DBT_BENCH_REPEATS:-3}" \
  --state-root .local/bench/dbt --json .local/bench/dbt.json
