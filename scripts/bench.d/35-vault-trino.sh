#!/usr/bin/env bash
# Vault benchmark on Trino, beside DuckDB in the same run on the same ingested lake (vault_trino_bench.py says
# what it measures): full build, unchanged batch, 1% change and two pending batches, medians of 3
# (VAULT_TRINO_BENCH_REPEATS) at scales 1 and 100 (VAULT_TRINO_BENCH_SCALES; scale 1000 needs a Trino started
# with NORTHWIND_TRINO_HEAP_GB=8, which this script passes on when it starts Trino). Own database (bench_vault)
# and state under .local/bench/vault-trino: `make demo` data is untouched. Starts the local Trino
# (scripts/local_trino.sh, NORTHWIND_TRINO_PORT) when it is not running, and stops it again afterwards. Figures
# also go to .local/bench/results.jsonl (benchmark `vault-trino`).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export PYTHONPATH="$root/glue_job:$root/datagen"
scripts/local_postgres.sh start >/dev/null
started=""
if ! scripts/local_trino.sh status >/dev/null 2>&1; then
  scripts/local_trino.sh start
  started=yes
fi
stop_trino() { if [ -n "$started" ]; then scripts/local_trino.sh stop >/dev/null; fi; }
trap stop_trino EXIT
mkdir -p .local/bench/vault-trino
.venv/bin/python scripts/bench.d/vault_trino_bench.py \
  --scales "${VAULT_TRINO_BENCH_SCALES:-}" --repeats "${VAULT_TRINO_BENCH_REPEATS:-3}" \
  --state-root .local/bench/vault-trino --json .local/bench/vault-trino.json
